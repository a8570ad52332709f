"""Admin URLs that replace views whose own checks are too wide for a platform of many KIMs.

Included in kimcms/urls.py before Wagtail's admin, so these paths win; everything else falls
through to Wagtail. Each view keeps Wagtail's behaviour and only adds the missing check.
"""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect
from django.urls import path
from django.views.decorators.cache import never_cache

from wagtail.admin.auth import require_admin_access
from wagtail.admin.views.reports.audit_logging import LogEntriesView
from wagtail.admin.viewsets.pages import page_viewset_registry
from wagtail.models import ModelLogEntry, Page
from wagtail.permissions import policy_registry
from wagtail_localize.views import convert, report

from .models import Kim
from .permissions import is_provincial_admin
from .translation_moderation import ModeratedUpdateTranslationsView


def _admin_view(view):
    return never_cache(require_admin_access(view))


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


class ScopedLogEntriesView(LogEntriesView):
    """Site history without the registry entries of KIMs the user may not see.

    Wagtail shows every log entry of a model to anyone holding a permission on that model;
    moderators hold `view_kim`, so they would see other regencies' KIMs being activated."""

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        if queryset.model is ModelLogEntry and not is_provincial_admin(self.request.user):
            visible = Kim.objects.for_user(self.request.user).values_list("pk", flat=True)
            queryset = queryset.exclude(
                Q(content_type=ContentType.objects.get_for_model(Kim)) & ~Q(object_id__in=[str(pk) for pk in visible])
            )
        return queryset


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
    path("reports/site-history/", _admin_view(ScopedLogEntriesView.as_view())),
    path("reports/site-history/results/", _admin_view(ScopedLogEntriesView.as_view(results_only=True))),
]
