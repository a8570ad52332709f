"""Scope KIM site settings to each KIM's own Site (see kim_sites/access/site_settings.py).

Editor groups lose the global `change_kimsitesettings`, which opened every site's settings, and
get it for their own KIM's Site; regency moderators get it for their regency's KIM sites.
"""

from django.db import migrations


def scope_site_settings(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    GroupSitePermission = apps.get_model("wagtailcore", "GroupSitePermission")
    Kim = apps.get_model("kim_sites", "Kim")
    permission = Permission.objects.filter(
        content_type__app_label="kim_sites", codename="change_kimsitesettings"
    ).first()
    if permission is None:
        # Fresh database: permissions do not exist yet, and neither do KIMs.
        return
    for kim in Kim.objects.select_related("editor_group", "regency").exclude(site=None):
        if kim.editor_group_id:
            kim.editor_group.permissions.remove(permission)
        for group_id in (kim.editor_group_id, kim.regency.moderator_group_id):
            if group_id:
                GroupSitePermission.objects.get_or_create(group_id=group_id, site_id=kim.site_id, permission=permission)


class Migration(migrations.Migration):
    dependencies = [
        ("kim_sites", "0002_bangka_belitung_regencies"),
        ("wagtailcore", "0095_groupsitepermission"),
    ]

    operations = [migrations.RunPython(scope_site_settings, migrations.RunPython.noop)]
