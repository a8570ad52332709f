"""Admin hooks that keep each KIM to itself on the paths Wagtail leaves open across sites.

Page edit, publish, move, copy, delete and the bulk actions are already guarded per page by
Wagtail's page permissions (see docs/permissions.md); these hooks close what is global by
default: choosers, listing filters and API listings that show every site's pages and files.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Q

from wagtail import hooks
from wagtail.documents.api.admin.views import DocumentsAdminAPIViewSet
from wagtail.images.api.admin.views import ImagesAdminAPIViewSet
from wagtail.models import Site
from wagtail.permissions import policy_registry

from kim_sites.access.admin_views import ScopedPageViewSet, visible_pages
from kim_sites.access.roles import is_provincial_admin


@hooks.register("construct_page_chooser_queryset")
def hide_other_kims_in_page_chooser(pages, request):
    """The chooser shows the user's own branch, and the portal's published pages.

    Not another KIM's pages, even published ones: their titles, status and KIM names are what the
    chooser lists. A link to another KIM's site is an external link."""
    user = request.user
    if is_provincial_admin(user):
        return pages
    portal = Site.objects.filter(is_default_site=True, root_page__depth__gt=1).select_related("root_page").first()
    visible = Q(pk__in=visible_pages(user).values("pk"))
    if portal is not None:
        visible |= Q(live=True, path__startswith=portal.root_page.path)
    return pages.filter(visible)


@hooks.register("before_move_page")
def refuse_move_confirmation_without_permission(request, page_to_move, destination):
    # Wagtail 8.0.1 checks the move only when it is posted; the confirmation page itself shows
    # both pages' titles to anyone with admin access.
    if not page_to_move.permissions_for_user(request.user).can_move_to(destination):
        raise PermissionDenied


@hooks.register("register_admin_viewset", order=100)
def register_scoped_page_viewset():
    # Runs after wagtail.admin registered its base page viewset, replacing it for every page type
    # without its own: the explorer's, flat listings' and "page type usage" filters are scoped.
    return ScopedPageViewSet()


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
