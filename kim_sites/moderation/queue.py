"""The moderator's queue and the editor's "my submissions", on the dashboard and as full pages.

Wagtail's stock "Awaiting your review" panel asks every active Task for its items and then queries
once per item, without pagination. These views read a page of items in a fixed number of queries,
however many items, regencies and tasks there are: one count, one page of task states with their
revision and author, one query for the pages, and one each for the KIM and regency names.
"""

from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from wagtail.admin.ui.components import Component
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import Page, TaskState, WorkflowState

from kim_sites import dates
from kim_sites.models import KimHomePage, Regency, RegencyModerationTask, RegencyPage
from kim_sites.moderation.workflow import (
    is_moderation_user,
    is_platform_approver,
    own_workflow_states,
    scope_to_user,
)
from kim_sites.tree import home_path, of_pages, regency_path

QUEUE_PAGE_SIZE = 20
PANEL_SIZE = 10


def person_name(user):
    """A person as the moderation screens name them: the full name, the e-mail only without one."""
    if user is None:
        return ""
    return user.get_full_name() or user.email or user.get_username()


@dataclass
class QueueRow:
    """One page waiting for review, with everything the moderator needs to act on it."""

    page_id: int
    title: str
    kim_name: str
    regency_name: str
    language: str
    live: bool
    author: object
    waiting_since: datetime
    task_state_id: int
    task_id: int

    @property
    def author_name(self):
        return person_name(self.author)

    @property
    def waiting_for(self):
        """'3 jam', '2 hari': how long the post has waited for a decision."""
        return dates.format_duration(timezone.now() - self.waiting_since)

    @property
    def edit_url(self):
        return reverse("wagtailadmin_pages:edit", args=(self.page_id,))

    @property
    def preview_url(self):
        return reverse("wagtailadmin_pages:workflow_preview", args=(self.page_id, self.task_id))

    @property
    def approve_url(self):
        return reverse("wagtailadmin_pages:workflow_action", args=(self.page_id, "approve", self.task_state_id))

    @property
    def reject_url(self):
        return reverse("wagtailadmin_pages:workflow_action", args=(self.page_id, "reject", self.task_state_id))


@dataclass
class SubmissionRow:
    """One of the user's own pages in moderation, and where it stands."""

    page_id: int
    title: str
    kim_name: str
    regency_name: str
    language: str
    needs_changes: bool
    comment: str
    reviewer: object
    since: datetime

    @property
    def edit_url(self):
        return reverse("wagtailadmin_pages:edit", args=(self.page_id,))

    @property
    def reviewer_name(self):
        return person_name(self.reviewer)

    @property
    def status_label(self):
        return _("Perlu diperbaiki") if self.needs_changes else _("Menunggu moderasi")


def _pages(object_ids):
    ids = {int(object_id) for object_id in object_ids}
    rows = Page.objects.filter(pk__in=ids).values("id", "draft_title", "path", "depth", "live", "locale__language_code")
    return {row["id"]: row for row in rows}


def _places(paths):
    """KIM and regency names by tree prefix, for many pages in two queries."""
    home_paths = {home_path(p) for p in paths} - {None}
    regency_paths = {regency_path(p) for p in paths} - {None}
    kims = dict(KimHomePage.objects.filter(path__in=home_paths).values_list("path", "kim__name")) if home_paths else {}
    regencies = (
        dict(RegencyPage.objects.filter(path__in=regency_paths).values_list("path", "regency__name"))
        if regency_paths
        else {}
    )

    def place(path):
        return (
            kims.get(home_path(path)) or "",
            regencies.get(regency_path(path)) or "",
        )

    return place


def queue_rows(task_states):
    """Rows for a slice of task states (select_related already applied)."""
    task_states = list(task_states)
    if not task_states:
        return []
    pages = _pages(ts.workflow_state.object_id for ts in task_states)
    place = _places([page["path"] for page in pages.values()])
    rows = []
    for ts in task_states:
        page = pages.get(int(ts.workflow_state.object_id))
        if page is None:
            continue
        kim_name, regency_name = place(page["path"])
        rows.append(
            QueueRow(
                page_id=page["id"],
                title=ts.revision.object_str or page["draft_title"],
                kim_name=kim_name,
                regency_name=regency_name,
                language=page["locale__language_code"] or "",
                live=page["live"],
                author=ts.workflow_state.requested_by or ts.revision.user,
                waiting_since=ts.started_at,
                task_state_id=ts.pk,
                task_id=ts.task_id,
            )
        )
    return rows


def submission_rows(workflow_states):
    workflow_states = list(workflow_states)
    if not workflow_states:
        return []
    pages = _pages(ws.object_id for ws in workflow_states)
    place = _places([page["path"] for page in pages.values()])
    rows = []
    for ws in workflow_states:
        page = pages.get(int(ws.object_id))
        if page is None:
            continue
        kim_name, regency_name = place(page["path"])
        task_state = ws.current_task_state
        needs_changes = ws.status == WorkflowState.STATUS_NEEDS_CHANGES
        rows.append(
            SubmissionRow(
                page_id=page["id"],
                title=page["draft_title"],
                kim_name=kim_name,
                regency_name=regency_name,
                language=page["locale__language_code"] or "",
                needs_changes=needs_changes,
                comment=(task_state.comment if task_state and needs_changes else ""),
                reviewer=(task_state.finished_by if task_state and needs_changes else None),
                since=(task_state.finished_at or task_state.started_at) if task_state else ws.created_at,
            )
        )
    return rows


def _queue_queryset(user, regency=None):
    return (
        pending_task_states(user, regency=regency)
        .select_related("workflow_state__requested_by", "revision__user")
        .defer("revision__content")
    )


def _submissions_queryset(user):
    return own_workflow_states(user).select_related("current_task_state__finished_by")


# --- Dashboard panels ---------------------------------------------------------------------------


class ModerationQueuePanel(Component):
    """The oldest pages waiting for this moderator, with a link to the whole queue."""

    name = "kim_moderation_queue"
    template_name = "kim_sites/moderation/queue_panel.html"
    order = 200

    def render_html(self, parent_context=None):
        if not is_moderation_user(parent_context["request"].user):
            return ""
        return super().render_html(parent_context)

    def get_context_data(self, parent_context=None):
        request = parent_context["request"]
        queryset = _queue_queryset(request.user)
        total = queryset.count()
        return {
            "rows": queue_rows(queryset[:PANEL_SIZE]) if total else [],
            "total": total,
            "queue_url": reverse("kim_moderation_queue"),
            "request": request,
            "csrf_token": parent_context.get("csrf_token"),
        }


class MySubmissionsPanel(Component):
    """The user's own pages in moderation: waiting, or sent back with the moderator's comment."""

    name = "kim_my_submissions"
    template_name = "kim_sites/moderation/submissions_panel.html"
    order = 210

    def get_context_data(self, parent_context=None):
        request = parent_context["request"]
        queryset = _submissions_queryset(request.user)
        rows = submission_rows(queryset[: PANEL_SIZE + 1])
        return {
            "rows": rows[:PANEL_SIZE],
            "has_more": len(rows) > PANEL_SIZE,
            "submissions_url": reverse("kim_my_submissions"),
            "request": request,
        }

    def render_html(self, parent_context=None):
        context = self.get_context_data(parent_context)
        if not context["rows"]:
            return ""
        return render_to_string(self.template_name, context)


def replace_workflow_panels(request, panels):
    """Swap Wagtail's per-task, per-item workflow panels for the flat ones above."""
    stock = {"workflow_objects_to_moderate", "user_objects_in_workflow_moderation"}
    panels[:] = [panel for panel in panels if getattr(panel, "name", "") not in stock]
    panels.extend([ModerationQueuePanel(), MySubmissionsPanel()])


# --- Full pages ----------------------------------------------------------------------------------


class ModerationQueueView(WagtailAdminTemplateMixin, TemplateView):
    """Antrean moderasi: every page waiting for this moderator's review, oldest first, paginated."""

    template_name = "kim_sites/moderation/queue.html"
    page_title = _("Antrean moderasi")
    header_icon = "tasks"

    def dispatch(self, request, *args, **kwargs):
        if not is_moderation_user(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        regencies = []
        selected = None
        if is_platform_approver(user):
            regencies = list(Regency.objects.order_by("name").values_list("slug", "name"))
            slug = self.request.GET.get("kabupaten") or ""
            if slug:
                selected = Regency.objects.filter(slug=slug).first()
        paginator = Paginator(_queue_queryset(user, regency=selected), QUEUE_PAGE_SIZE)
        page = paginator.get_page(self.request.GET.get("p"))
        context.update(
            {
                "rows": queue_rows(page.object_list),
                "items": page,
                "regencies": regencies,
                "selected_regency": selected.slug if selected else "",
            }
        )
        return context


class MySubmissionsView(WagtailAdminTemplateMixin, TemplateView):
    """Kiriman saya: the user's own pages in moderation, newest first, paginated."""

    template_name = "kim_sites/moderation/submissions.html"
    page_title = _("Kiriman saya")
    header_icon = "tasks"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        paginator = Paginator(_submissions_queryset(self.request.user), QUEUE_PAGE_SIZE)
        page = paginator.get_page(self.request.GET.get("p"))
        context.update({"rows": submission_rows(page.object_list), "items": page})
        return context


def pending_task_states(user, regency=None):
    """Every page waiting for `user`'s review in the regency task, oldest first."""
    task_states = TaskState.objects.filter(
        status=TaskState.STATUS_IN_PROGRESS,
        workflow_state__status=WorkflowState.STATUS_IN_PROGRESS,
        **of_pages("workflow_state__"),
        task__in=RegencyModerationTask.objects.values("pk"),
    )
    return scope_to_user(task_states, user, regency=regency).order_by("started_at", "pk")
