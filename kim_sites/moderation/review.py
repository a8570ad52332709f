"""The moderator's decision in the admin: what the review screen offers, and what it says afterwards.

Wagtail approves and sends back in two places, the workflow-action view (the queue's and the
dashboard's buttons) and the page editor's action menu; both end in `RegencyModerationTask.on_action`.
Neither tells the moderator what came of it: the action view says nothing, the editor says "page
updated". `announce_decision` says it, from what the database holds afterwards, so the message is
true however the publication went (live now, scheduled, or not yet).

On a page under review the editor's menu keeps the decision and the moderator's own "save draft":
publishing straight away, cancelling or restarting the workflow are not offered to moderators,
and `refuse_publishing_around_review` refuses them when posted anyway. Provincial admins keep
Wagtail's full menu.
"""

from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from wagtail.admin import messages
from wagtail.admin.action_menu import WorkflowMenuItem
from wagtail.admin.views.pages.edit import EditView
from wagtail.models import Page, TaskState, WorkflowState

from kim_sites import dates
from kim_sites.moderation.workflow import can_moderate, is_platform_approver
from kim_sites.public.urls import CanonicalUrls

# The editor's menu items a moderator keeps on a page under review, besides the decision itself.
KEPT_DURING_REVIEW = {"action-save-draft", "action-page-locked"}
# What a moderator may not post on a page under review: each goes around the decision.
REFUSED_DURING_REVIEW = ("action-publish", "action-cancel-workflow", "action-restart-workflow")


# --- Who is reviewing ------------------------------------------------------------------------------


def in_review(page):
    """The page's workflow is waiting for a decision (not sent back, not finished)."""
    state = page.current_workflow_state if isinstance(page, Page) else None
    return state is not None and state.status == WorkflowState.STATUS_IN_PROGRESS


def reviews_as_moderator(page, user):
    """A regency moderator deciding on this page: the one whose menu is narrowed."""
    return in_review(page) and not is_platform_approver(user) and can_moderate(page, user)


# --- Saying what happened --------------------------------------------------------------------------


def _title(task_state):
    return task_state.revision.object_str or task_state.workflow_state.content_object.get_admin_display_title()


def announce_decision(request, task_state):
    """Add the success message of a decision just taken on `task_state`; False if none was taken."""
    task_state = TaskState.objects.select_related("workflow_state", "revision").get(pk=task_state.pk)
    page = task_state.workflow_state.content_object
    if not isinstance(page, Page):
        return False
    page = page.specific_class.objects.get(pk=page.pk)
    title = _title(task_state)
    edit_url = reverse("wagtailadmin_pages:edit", args=(page.pk,))
    if task_state.status == TaskState.STATUS_REJECTED:
        messages.success(
            request,
            _("“%(title)s” dikembalikan ke penulisnya untuk diperbaiki.") % {"title": title},
            buttons=[messages.button(edit_url, _("Buka draf yang dikembalikan"))],
        )
        return True
    if task_state.status != TaskState.STATUS_APPROVED:
        return False
    if task_state.workflow_state.status != WorkflowState.STATUS_APPROVED:
        # Approved, but not the last word: a newer version waits, or another step follows.
        messages.success(
            request,
            _("“%(title)s” disetujui, tetapi belum terbit: versi terbarunya masih menunggu keputusan.")
            % {"title": title},
            buttons=[messages.button(edit_url, _("Buka & putuskan"))],
        )
        return True
    revision = task_state.revision
    if page.live and page.live_revision_id == revision.pk:
        live_url = CanonicalUrls().url(page)
        messages.success(
            request,
            _("“%(title)s” disetujui dan terbit.") % {"title": title},
            buttons=[messages.button(live_url, _("Lihat di situs"), new_window=True)] if live_url else [],
        )
    elif revision.approved_go_live_at and revision.approved_go_live_at > timezone.now():
        moment = revision.approved_go_live_at
        messages.success(
            request,
            _("“%(title)s” disetujui dan dijadwalkan terbit %(date)s pukul %(time)s.")
            % {"title": title, "date": dates.format_date(moment), "time": dates.format_time(moment)},
            buttons=[messages.button(edit_url, _("Buka halaman"))],
        )
    else:
        messages.success(
            request,
            _("“%(title)s” disetujui dan sedang diterbitkan.") % {"title": title},
            buttons=[messages.button(edit_url, _("Buka halaman"))],
        )
    return True


class AnnounceDecisionMixin:
    """For Wagtail's workflow-action view: after a decision, say what happened."""

    def post(self, request, *args, **kwargs):
        before = self.task_state.status
        response = super().post(request, *args, **kwargs)
        self.task_state.refresh_from_db(fields=["status"])
        if before == TaskState.STATUS_IN_PROGRESS and self.task_state.status != before:
            announce_decision(request, self.task_state)
        return response


class ReviewEditView(EditView):
    """Wagtail's page editor, whose decision ends with the decision's message, not "page updated".

    A moderator may correct the post and approve it in one go. Wagtail saves the correction as a
    new revision, approves the revision that was under review, and (WAGTAIL_WORKFLOW_REQUIRE_
    REAPPROVAL_ON_EDIT) starts a new review of the correction. The version on the moderator's
    screen is the correction: it is approved too, by the same person, in the same request.
    """

    def add_save_confirmation_message(self):
        # Wagtail calls this right after the task's on_action: the decision is in the database.
        if self.action_name == "perform_workflow_action":
            decided = decision_just_taken(self.page, self.request.user)
            if decided is not None and decided.status == TaskState.STATUS_APPROVED:
                decided = self._approve_own_correction(decided) or decided
            if decided is not None and announce_decision(self.request, decided):
                return
        super().add_save_confirmation_message()

    def _approve_own_correction(self, approved):
        if not self.has_content_changes:
            return None
        state = WorkflowState.objects.for_instance(self.page).filter(status=WorkflowState.STATUS_IN_PROGRESS).first()
        pending = state.current_task_state.specific if state and state.current_task_state else None
        latest = self.page.get_latest_revision()
        if (
            pending is None
            or pending.status != TaskState.STATUS_IN_PROGRESS
            or pending.task_id != approved.task_id
            or latest is None
            or pending.revision_id != latest.pk
            or latest.user_id != self.request.user.pk
        ):
            return None
        pending.task.specific.on_action(pending, self.request.user, "approve", comment=approved.comment)
        return pending


def decision_just_taken(page, user):
    """The task state `user` has just decided on `page`: the latest one they finished."""
    return (
        TaskState.objects.filter(
            workflow_state__in=WorkflowState.objects.for_instance(page),
            finished_by=user,
            status__in=(TaskState.STATUS_APPROVED, TaskState.STATUS_REJECTED),
        )
        .order_by("-finished_at", "-pk")
        .first()
    )


# --- The review screen's menu and what it refuses --------------------------------------------------


def narrow_review_menu(menu_items, request, context):
    """construct_page_action_menu: a moderator on a page under review sees the decision first,
    then send back, then the own "save draft"; nothing that publishes or ends the workflow."""
    page = context.get("page")
    if context.get("view") not in ("edit", "revisions_revert") or page is None:
        return
    if not reviews_as_moderator(page, request.user):
        return
    decisions = [item for item in menu_items if isinstance(item, WorkflowMenuItem)]
    decisions.sort(key=lambda item: item.name != "approve")
    kept = [item for item in menu_items if getattr(item, "name", None) in KEPT_DURING_REVIEW]
    menu_items[:] = decisions + kept


def refuse_publishing_around_review(request, page):
    """before_edit_page: the posted counterpart of `narrow_review_menu`."""
    if request.method != "POST" or not reviews_as_moderator(page, request.user):
        return None
    if any(request.POST.get(name) for name in REFUSED_DURING_REVIEW):
        raise PermissionDenied
    return None


def refuse_bulk_publish_around_review(request, action_type, objects, action_class_instance):
    """before_bulk_action: the explorer's bulk "publish" is the same shortcut around the decision."""
    if action_type != "publish":
        return None
    if any(reviews_as_moderator(obj, request.user) for obj in objects if isinstance(obj, Page)):
        raise PermissionDenied
    return None
