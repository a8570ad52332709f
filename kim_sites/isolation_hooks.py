"""Admin hooks that keep each KIM to itself on the paths Wagtail leaves open across sites.

Page edit, publish, move, copy, delete and the bulk actions are already guarded per page by
Wagtail's page permissions (see docs/permissions.md); these hooks close what is global by
default: choosers and API listings that show every site's drafts and files.
"""

from django.db.models import Q

from wagtail import hooks
from wagtail.documents.api.admin.views import DocumentsAdminAPIViewSet
from wagtail.images.api.admin.views import ImagesAdminAPIViewSet
from wagtail.models import Page
from wagtail.permissions import policy_registry

from .permissions import is_provincial_admin


@hooks.register("construct_page_chooser_queryset")
def hide_other_kims_drafts_in_page_chooser(pages, request):
    """Anyone may link to a published page of another KIM, but not see its drafts' titles."""
    user = request.user
    if is_provincial_admin(user):
        return pages
    explorable = policy_registry.get_by_type(Page).explorable_instances(user).values("pk")
    return pages.filter(Q(live=True) | Q(pk__in=explorable))


class _CollectionScopedMixin:
    """The admin API lists files only from collections the user may choose from or change."""

    def get_queryset(self):
        policy = policy_registry.get_by_type(self.model)
        allowed = policy.instances_user_has_any_permission_for(self.request.user, ["choose", "change"])
        return super().get_queryset().filter(pk__in=allowed.values("pk"))


class ScopedImagesAdminAPIViewSet(_CollectionScopedMixin, ImagesAdminAPIViewSet):
    pass


class ScopedDocumentsAdminAPIViewSet(_CollectionScopedMixin, DocumentsAdminAPIViewSet):
    pass


@hooks.register("construct_admin_api", order=100)
def scope_admin_api_media(router):
    # Runs after wagtail.images/wagtail.documents registered their endpoints, replacing them.
    router.register_endpoint("images", ScopedImagesAdminAPIViewSet)
    router.register_endpoint("documents", ScopedDocumentsAdminAPIViewSet)


@hooks.register("construct_reports_menu")
def hide_translations_report(request, menu_items):
    # The report lists every translated page of every KIM: provincial admins only.
    if not request.user.has_perm("wagtail_localize.submit_translation"):
        menu_items[:] = [item for item in menu_items if item.name != "translations"]
