"""Regency moderators lose the Django `view_kim` permission.

The KIM admin scopes moderators to their own regency by itself; a model permission on Kim
would also show them every KIM's entries in the site-wide audit log.
"""

from django.db import migrations


def revoke(apps, schema_editor):
    Regency = apps.get_model("kim_sites", "Regency")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    permission = Permission.objects.filter(content_type__app_label="kim_sites", codename="view_kim").first()
    if permission is None:
        return
    group_ids = Regency.objects.exclude(moderator_group=None).values_list("moderator_group_id", flat=True)
    Group.permissions.through.objects.filter(group_id__in=list(group_ids), permission=permission).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("kim_sites", "0005_page_url_path_index"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(revoke, migrations.RunPython.noop)]
