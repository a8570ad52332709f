"""Who may see which KIM: provincial admins all, a regency moderator its own regency, an editor its own KIM."""

from django.db.models import Q

PROVINCIAL_ADMIN_GROUP = "Admin Provinsi"


def is_provincial_admin(user):
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return user.groups.filter(name=PROVINCIAL_ADMIN_GROUP).exists()


def kims_visible_to(user, queryset):
    if not user.is_authenticated or not user.is_active:
        return queryset.none()
    if is_provincial_admin(user):
        return queryset
    group_ids = list(user.groups.values_list("id", flat=True))
    return queryset.filter(Q(regency__moderator_group_id__in=group_ids) | Q(editor_group_id__in=group_ids))
