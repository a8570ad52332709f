"""The admin's "Kabupaten/kota" screen: provincial admins keep each regency Diskominfo's contact.

Regencies themselves are created by the provisioning service (`create_regency`) with their page,
collection, moderator group and workflow, so this screen lists and edits the contact only, and
neither adds nor deletes. The contact is shown on the notice of a suspended KIM of the regency.
"""

from django.contrib.auth import get_user_model
from django.db.models import Q

from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import BasePermissionPolicy
from wagtail.permissions import register_permission_policy

from kim_sites.access.roles import PROVINCIAL_ADMIN_GROUP, roles_of
from kim_sites.models import Regency

ACTIONS = {"change", "view"}


class RegencyPermissionPolicy(BasePermissionPolicy):
    """Provincial admins only; never add or delete here."""

    def user_has_permission(self, user, action):
        return action in ACTIONS and roles_of(user).provincial_admin

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action)

    def instances_user_has_permission_for(self, user, action):
        return Regency.objects.all() if self.user_has_permission(user, action) else Regency.objects.none()

    def instances_user_has_any_permission_for(self, user, actions):
        return self.instances_user_has_permission_for(user, next(iter(set(actions) & ACTIONS), "none"))

    def users_with_any_permission(self, actions):
        if not set(actions) & ACTIONS:
            return get_user_model().objects.none()
        return (
            get_user_model()
            .objects.filter(Q(is_superuser=True) | Q(groups__name=PROVINCIAL_ADMIN_GROUP), is_active=True)
            .distinct()
        )


register_permission_policy(Regency, RegencyPermissionPolicy(Regency))


class RegencyViewSet(ModelViewSet):
    model = Regency
    icon = "site"
    menu_label = "Kabupaten/kota"
    menu_order = 210
    add_to_admin_menu = True
    form_fields = ["contact_email", "contact_phone", "contact_address"]
    list_display = ["name", "contact_email", "contact_phone"]
    search_fields = ["name"]
    copy_view_enabled = False
    inspect_view_enabled = False

    def get_common_view_kwargs(self, **kwargs):
        view_kwargs = super().get_common_view_kwargs(**kwargs)
        view_kwargs["add_url_name"] = None
        view_kwargs["delete_url_name"] = None
        view_kwargs["usage_url_name"] = None
        return view_kwargs

    def get_urlpatterns(self):
        kept = {"index", "index_results", "edit", "history", "history_results"}
        return [p for p in super().get_urlpatterns() if p.name in kept]


regency_viewset = RegencyViewSet("regency")
