"""The admin views that the platform replaces still replace what Wagtail routes.

`kim_sites/access/admin_urls.py` puts scoped subclasses of Wagtail's views in front of Wagtail's admin
URLs, and `kim_sites/access/wagtail_hooks.py` registers a scoped page viewset. If a Wagtail upgrade moves
one of those paths, swaps the view behind it or stops routing pages through the viewset registry,
these tests fail, so that no replacement silently stops applying.
"""

import inspect

import pytest

from django.urls import resolve

from wagtail.admin.views import chooser, tags
from wagtail.admin.views.reports.audit_logging import LogEntriesView
from wagtail.admin.views.reports.locked_pages import LockedPagesView
from wagtail.admin.views.reports.page_types_usage import PageTypesUsageReportView
from wagtail.admin.views.reports.workflows import WorkflowView
from wagtail.admin.viewsets.pages import page_viewset_registry
from wagtail.contrib.forms.views import FormPagesListView
from wagtail.documents.views.documents import IndexView as DocumentIndexView
from wagtail.images.views.chooser import ImageChooseView
from wagtail.images.views.images import IndexView as ImageIndexView
from wagtail.models import Page

from kim_sites.access import admin_urls as isolation_urls
from kim_sites.access import admin_views as scoped
from kim_sites.models import PostPage

# route in isolation_urls -> (the URL name Wagtail gives that path, the view Wagtail routes there,
# the platform's replacement). None: the path is routed through a registry (no class to compare).
REPLACED = {
    "pages/<int:parent_page_id>/": ("wagtailadmin_explore", None, None),
    "pages/<int:parent_page_id>/results/": ("wagtailadmin_explore_results", None, None),
    "localize/page/<int:page_id>/convert_to_alias/": ("wagtail_localize:convert_to_alias", None, None),
    "localize/update/<int:translation_source_id>/": ("wagtail_localize:update_translations", None, None),
    "localize/reports/translations/": ("wagtail_localize:translations_report", None, None),
    "localize/reports/translations/results/": ("wagtail_localize:translations_report_results", None, None),
    "reports/site-history/": ("wagtailadmin_reports:site_history", LogEntriesView, scoped.ScopedLogEntriesView),
    "reports/site-history/results/": (
        "wagtailadmin_reports:site_history_results",
        LogEntriesView,
        scoped.ScopedLogEntriesView,
    ),
    "reports/locked/": ("wagtailadmin_reports:locked_pages", LockedPagesView, scoped.ScopedLockedPagesView),
    "reports/locked/results/": (
        "wagtailadmin_reports:locked_pages_results",
        LockedPagesView,
        scoped.ScopedLockedPagesView,
    ),
    "reports/workflow/": ("wagtailadmin_reports:workflow", WorkflowView, scoped.ScopedWorkflowView),
    "reports/workflow/results/": ("wagtailadmin_reports:workflow_results", WorkflowView, scoped.ScopedWorkflowView),
    "reports/page-types-usage/": (
        "wagtailadmin_reports:page_types_usage",
        PageTypesUsageReportView,
        scoped.ScopedPageTypesUsageReportView,
    ),
    "reports/page-types-usage/results/": (
        "wagtailadmin_reports:page_types_usage_results",
        PageTypesUsageReportView,
        scoped.ScopedPageTypesUsageReportView,
    ),
    "forms/": ("wagtailforms:index", FormPagesListView, scoped.ScopedFormPagesListView),
    "forms/results/": ("wagtailforms:index_results", FormPagesListView, scoped.ScopedFormPagesListView),
    "images/": ("wagtailimages:index", ImageIndexView, scoped.ScopedImageIndexView),
    "images/results/": ("wagtailimages:index_results", ImageIndexView, scoped.ScopedImageIndexView),
    "documents/": ("wagtaildocs:index", DocumentIndexView, scoped.ScopedDocumentIndexView),
    "documents/results/": ("wagtaildocs:index_results", DocumentIndexView, scoped.ScopedDocumentIndexView),
    "images/chooser/": ("wagtailimages_chooser:choose", ImageChooseView, scoped.ScopedImageChooseView),
    "choose-page/": ("wagtailadmin_choose_page", chooser.BrowseView, scoped.ScopedBrowseView),
    "choose-page/<int:parent_page_id>/": (
        "wagtailadmin_choose_page_child",
        chooser.BrowseView,
        scoped.ScopedBrowseView,
    ),
    "choose-page/chosen-multiple/": (
        "wagtailadmin_choose_page_chosen_multiple",
        chooser.ChosenMultipleView,
        scoped.ScopedChosenMultipleView,
    ),
    "tag-autocomplete/": ("wagtailadmin_tag_autocomplete", tags.autocomplete, scoped.tag_autocomplete),
    "tag-autocomplete/<slug:app_name>/<slug:model_name>/": (
        "wagtailadmin_tag_model_autocomplete",
        tags.autocomplete,
        scoped.tag_autocomplete,
    ),
}

SAMPLE_VALUES = {
    "<int:parent_page_id>": "1",
    "<int:page_id>": "1",
    "<int:translation_source_id>": "1",
    "<slug:app_name>": "taggit",
    "<slug:model_name>": "tag",
}


def _sample_path(route):
    for parameter, value in SAMPLE_VALUES.items():
        route = route.replace(parameter, value)
    return route


def test_every_replacement_is_listed_here():
    assert {str(pattern.pattern) for pattern in isolation_urls.urlpatterns} == set(REPLACED)


@pytest.mark.parametrize("route", sorted(REPLACED))
def test_wagtail_still_routes_the_replaced_path_to_the_replaced_view(route):
    url_name, wagtail_view, replacement = REPLACED[route]
    path = "/" + _sample_path(route)
    wagtail = resolve(path, urlconf="wagtail.admin.urls")
    assert wagtail.view_name == url_name, f"Wagtail moved {path}: review kim_sites/access/admin_urls.py"
    if wagtail_view is None:
        return
    routed = getattr(wagtail.func, "view_class", None) or inspect.unwrap(wagtail.func)
    if isinstance(wagtail_view, type):
        # Wagtail may route a generated subclass (a viewset injects methods): ours must extend it.
        assert issubclass(routed, wagtail_view), f"{path} is now served by {routed!r}"
        assert issubclass(replacement, wagtail_view)
    else:
        assert routed is wagtail_view, f"{path} is now served by {routed!r}"


@pytest.mark.parametrize("route", sorted(REPLACED))
def test_the_platform_answers_the_replaced_path(route):
    match = resolve("/admin/" + _sample_path(route))
    ours = next(pattern for pattern in isolation_urls.urlpatterns if str(pattern.pattern) == route)
    assert match.func is ours.callback
    replacement = REPLACED[route][2]
    if replacement is not None:
        assert (getattr(match.func, "view_class", None) or inspect.unwrap(match.func)) is replacement


def test_every_page_type_uses_the_scoped_page_viewset():
    """The explorer, flat listings, privacy and workflow views are taken from this viewset."""
    for model in (Page, PostPage):
        assert isinstance(page_viewset_registry.get_by_type(model), scoped.ScopedPageViewSet), model
