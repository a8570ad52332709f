"""Admin URLs that replace views whose own checks are too wide for a platform of many KIMs.

Included in kimcms/urls.py before Wagtail's admin, so these paths win; everything else falls
through to Wagtail. Each view keeps Wagtail's behaviour and only adds the missing check.
"""

from functools import update_wrapper

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import path
from django.views.decorators.cache import never_cache

from wagtail.admin.auth import require_admin_access
from wagtail.admin.viewsets.pages import page_viewset_registry
from wagtail.images.views.chooser import viewset as image_chooser_viewset
from wagtail.models import Page
from wagtail.permissions import policy_registry
from wagtail_localize.views import convert, report

from kim_sites.access import admin_views as scoped
from kim_sites.access.roles import is_provincial_admin
from kim_sites.moderation.translations import ModeratedUpdateTranslationsView


def _admin_view(view):
    # update_wrapper: the match names the replacing view (and its view_class), as Wagtail's own do.
    return update_wrapper(never_cache(require_admin_access(view)), view)


def convert_to_alias(request, page_id):
    """wagtail-localize's "Convert to alias page" makes the page mirror its source, live status
    included: publishing without moderation. Only those who may publish the page may do it."""
    page = get_object_or_404(Page, id=page_id)
    if not page.permissions_for_user(request.user).can_publish():
        raise PermissionDenied
    return convert.convert_to_alias(request, page_id)


def _explorable_parents_only(view):
    """The explorer shows its parent page's title and status. Wagtail lets anyone browse below
    the common ancestor of their pages, which is the root once a KIM has an English tree: every
    other KIM's draft could then be opened as a parent. Only the user's own branch is browsable."""

    def wrapped(request, parent_page_id, *args, **kwargs):
        policy = policy_registry.get_by_type(Page)
        user = request.user
        # Without any page permission Wagtail's own view refuses; explorable_instances needs one.
        if (
            not is_provincial_admin(user)
            and policy.user_has_any_permission(user, {"add", "change", "publish", "bulk_delete", "lock", "unlock"})
            and not policy.explorable_instances(user).filter(pk=parent_page_id).exists()
        ):
            return redirect("wagtailadmin_explore_root")
        return view(request, *args, parent_page_id=parent_page_id, **kwargs)

    return wrapped


def _translation_submitters_only(view):
    """The translations report lists every translated page of every KIM, drafts included."""

    def wrapped(request, *args, **kwargs):
        if not request.user.has_perm("wagtail_localize.submit_translation"):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


urlpatterns = [
    path(
        "pages/<int:parent_page_id>/",
        _admin_view(
            _explorable_parents_only(page_viewset_registry.as_view("index", parent_page_id_kwarg="parent_page_id"))
        ),
    ),
    path(
        "pages/<int:parent_page_id>/results/",
        _admin_view(
            _explorable_parents_only(
                page_viewset_registry.as_view("index_results", parent_page_id_kwarg="parent_page_id")
            )
        ),
    ),
    path("localize/page/<int:page_id>/convert_to_alias/", _admin_view(convert_to_alias)),
    path(
        "localize/update/<int:translation_source_id>/",
        _admin_view(ModeratedUpdateTranslationsView.as_view()),
    ),
    path(
        "localize/reports/translations/",
        _admin_view(_translation_submitters_only(report.TranslationsReportView.as_view())),
    ),
    path(
        "localize/reports/translations/results/",
        _admin_view(_translation_submitters_only(report.TranslationsReportView.as_view(results_only=True))),
    ),
]


def _listing(route, view_class, name, **kwargs):
    """A Wagtail listing and its results view, replaced by a subclass with scoped filters."""
    return [
        path(route, _admin_view(view_class.as_view(**kwargs)), name=name),
        path(f"{route}results/", _admin_view(view_class.as_view(results_only=True, **kwargs)), name=f"{name}_results"),
    ]


# Each replaced view subclasses the view Wagtail routes at the same path: a test
# (tests/kim_sites/access/test_admin_views.py) fails when Wagtail moves a path or changes its view.
# The names are informational only (Wagtail's own names, in their namespaces, still reverse).
urlpatterns += [
    *_listing("reports/site-history/", scoped.ScopedLogEntriesView, "kim_site_history"),
    *_listing("reports/locked/", scoped.ScopedLockedPagesView, "kim_locked_pages"),
    *_listing("reports/workflow/", scoped.ScopedWorkflowView, "kim_workflow_report"),
    *_listing("reports/page-types-usage/", scoped.ScopedPageTypesUsageReportView, "kim_page_types_usage"),
    *_listing("forms/", scoped.ScopedFormPagesListView, "kim_forms_index"),
    *_listing("images/", scoped.ScopedImageIndexView, "kim_images_index"),
    *_listing("documents/", scoped.ScopedDocumentIndexView, "kim_documents_index"),
    path(
        "images/chooser/",
        _admin_view(
            image_chooser_viewset.construct_view(
                scoped.ScopedImageChooseView,
                icon=image_chooser_viewset.icon,
                page_title=image_chooser_viewset.page_title,
                search_tab_label=image_chooser_viewset.search_tab_label,
                creation_tab_label=image_chooser_viewset.creation_tab_label,
            )
        ),
        name="kim_image_chooser",
    ),
    path("choose-page/", _admin_view(scoped.ScopedBrowseView.as_view()), name="kim_choose_page"),
    path(
        "choose-page/<int:parent_page_id>/",
        _admin_view(scoped.ScopedBrowseView.as_view()),
        name="kim_choose_page_child",
    ),
    path(
        "choose-page/chosen-multiple/",
        _admin_view(scoped.ScopedChosenMultipleView.as_view()),
        name="kim_choose_page_chosen_multiple",
    ),
    path("tag-autocomplete/", _admin_view(scoped.tag_autocomplete), name="kim_tag_autocomplete"),
    path(
        "tag-autocomplete/<slug:app_name>/<slug:model_name>/",
        _admin_view(scoped.tag_autocomplete),
        name="kim_tag_model_autocomplete",
    ),
]
