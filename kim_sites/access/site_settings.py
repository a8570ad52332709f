"""Who may edit which KIM site's settings.

Wagtail's site settings are one model for every site: a group holding the global
`change_kimsitesettings` permission may switch to ANY site's settings. So nobody but provincial
admins holds it globally; a KIM's Admin KIM role and its regency's moderators hold it for the
KIM's own Site only, through Wagtail's per-site permissions (GroupSitePermission).
"""

from django.contrib.auth.models import Permission

from wagtail.models import GroupSitePermission


def site_settings_permission():
    return Permission.objects.get(content_type__app_label="kim_sites", codename="change_kimsitesettings")


def grant_site_settings_permissions(kim):
    """The KIM's Admin KIM role and its regency's moderators may edit the settings of the KIM's
    site; its editors write posts only."""
    if not kim.site_id:
        return
    permission = site_settings_permission()
    for group_id in (kim.admin_group_id, kim.regency.moderator_group_id):
        if group_id:
            GroupSitePermission.objects.get_or_create(group_id=group_id, site_id=kim.site_id, permission=permission)
