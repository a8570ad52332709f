"""The regency moderation workflow ("Moderasi KIM").

One custom Task, `RegencyModerationTask`, decides the approvers of each page from the page's place
in the tree: the RegencyPage ancestor at depth 2 names the regency, and that regency's moderator
group approves. Pages outside any regency (the provincial portal) go to the provincial admins.
Translated trees are separate pages under Root with their own RegencyPage carrying the same
`regency`, so they route to the same moderators.

Because there is one Task for every regency, the number of queries to find "what may this user
review" does not grow with the number of regencies, where a GroupApprovalTask per regency costs
one query per task on every dashboard.
"""

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, IntegerField, OuterRef, Q
from django.db.models.functions import Cast
from django.utils.translation import gettext_lazy as _

from wagtail.forms import TaskStateCommentForm
from wagtail.models import Page, WorkflowState

from kim_sites.access.roles import PROVINCIAL_ADMIN_GROUP, moderated_regency_paths, roles_of
from kim_sites.tree import REGENCY_DEPTH, of_pages, regency_path, tree_q

WORKFLOW_NAME = "Moderasi KIM"
TASK_NAME = "Persetujuan pembina kabupaten/kota"

# --- Who moderates what ------------------------------------------------------------------------


def is_platform_approver(user):
    """Superusers and provincial admins may approve anywhere: they can publish anyway, and are audited."""
    return roles_of(user).provincial_admin


def regency_for_path(path):
    """(regency_id, moderator_group_id) for a page path, or None outside any regency (the portal)."""
    prefix = regency_path(path or "")
    if prefix is None:
        return None
    # The RegencyPage through its Wagtail parent row: the rules need no page model.
    return (
        Page.objects.filter(path=prefix, regencypage__regency__isnull=False)
        .values_list("regencypage__regency_id", "regencypage__regency__moderator_group_id")
        .first()
    )


def regency_of(obj):
    """The regency of a page (cached on the instance), or None for the portal and non-page objects."""
    if not isinstance(obj, Page):
        return None
    if not hasattr(obj, "_kim_regency"):
        obj._kim_regency = regency_for_path(obj.path)
    return obj._kim_regency


def can_moderate(obj, user):
    """May `user` approve or send back `obj`? Its regency's moderators; everywhere, platform approvers."""
    roles = roles_of(user)
    if roles.provincial_admin:
        return True
    regency = regency_of(obj)
    return regency is not None and regency[0] in roles.moderated_regency_ids


def users_to_notify(obj):
    """Who hears of a new submission: the moderators of the page's regency only, the provincial
    admins for pages outside any regency. Superusers are never added for being superusers."""
    users = get_user_model().objects.filter(is_active=True)
    regency = regency_of(obj)
    if regency is None:
        return users.filter(groups__name=PROVINCIAL_ADMIN_GROUP).distinct()
    if regency[1] is None:
        return users.none()
    return users.filter(groups=regency[1]).distinct()


def moderation_scope(user):
    """Tree paths under which `user` moderates: None means everywhere, [] means nowhere."""
    if is_platform_approver(user):
        return None
    return moderated_regency_paths(user)


def is_moderation_user(user):
    """Moderators of some regency and platform approvers: the people with a moderation queue."""
    return moderation_scope(user) != []


def pages_under(paths):
    q = Q()
    for path in paths:
        q |= tree_q(path)
    return Page.objects.filter(q)


def scope_to_user(task_states, user, regency=None):
    """Restrict task states to the pages `user` moderates (and to one `regency`, if given)."""
    paths = moderation_scope(user)
    if regency is not None:
        regency_paths = list(
            Page.objects.filter(depth=REGENCY_DEPTH, regencypage__regency=regency).values_list("path", flat=True)
        )
        paths = regency_paths if paths is None else [p for p in paths if p in regency_paths]
    if paths is None:
        return task_states
    if not paths:
        return task_states.none()
    # Look each pending item's page up by primary key (a correlated EXISTS), rather than matching
    # item ids against every page of the regency: the cost follows the pending items, not the pages.
    # Safe to cast: the callers keep to workflow states of pages, whose ids are integers.
    page = pages_under(paths).filter(pk=Cast(OuterRef("workflow_state__object_id"), output_field=IntegerField()))
    return task_states.filter(Exists(page))


def own_workflow_states(user):
    """Pages in moderation that `user` submitted or owns, newest activity first."""
    owned = Exists(Page.objects.filter(owner=user, pk=Cast(OuterRef("object_id"), output_field=IntegerField())))
    return (
        WorkflowState.objects.active()
        .filter(**of_pages())
        .filter(Q(requested_by=user) | owned)
        .order_by("-current_task_state__started_at", "-pk")
    )


# --- Task behaviour (called from RegencyModerationTask) -----------------------------------------


class SendBackForm(TaskStateCommentForm):
    """Sending back always says why, so the KIM knows what to fix."""

    comment = forms.CharField(
        label=_("Komentar untuk penulis"),
        widget=forms.Textarea({"rows": 3}),
        error_messages={"required": _("Tulis apa yang perlu diperbaiki sebelum mengembalikan.")},
    )


class ApproveForm(TaskStateCommentForm):
    """Approving asks once more, with room for an optional word to the author."""

    comment = forms.CharField(
        label=_("Komentar untuk penulis (tidak wajib)"),
        widget=forms.Textarea({"rows": 2}),
        required=False,
    )


# One approve and one send back, each confirmed in Wagtail's workflow-action dialog (the True):
# the dialog's optional comment replaces a separate "approve with comment".
ACTIONS = [
    ("approve", _("Setujui dan terbitkan"), True),
    ("reject", _("Kembalikan untuk diperbaiki"), True),
]

# The confirmation dialog of both actions: what is decided, about which post, on which KIM.
CONFIRM_TEMPLATE = "kim_sites/moderation/confirm_action_modal.html"


def form_for_action(action):
    return {"approve": ApproveForm, "reject": SendBackForm}.get(action)


def page_path_of_task_state(task_state):
    """The tree path of the page a task state is about, or "" for anything else."""
    workflow_state = task_state.workflow_state
    if workflow_state.base_content_type.model_class() is not Page:
        return ""
    return Page.objects.filter(pk=int(workflow_state.object_id)).values_list("path", flat=True).first() or ""


def check_can_act(task, task_state, user):
    """Wagtail's action view checks the page in the URL, not the page of the task state it acts on:
    check the task state's own page, so no one can act on another regency's page through theirs."""
    if task_state.task_id != task.pk:
        raise PermissionDenied
    roles = roles_of(user)
    if roles.provincial_admin:
        return
    regency = regency_for_path(page_path_of_task_state(task_state))
    if regency is None or regency[0] not in roles.moderated_regency_ids:
        raise PermissionDenied


def unlock_for_review(obj):
    """A page locked by someone who cannot review it would block its reviewers: release it."""
    locked_by = getattr(obj, "locked_by", None)
    if locked_by is not None and not can_moderate(obj, locked_by):
        obj.locked = False
        obj.locked_by = None
        obj.locked_at = None
        obj.save(update_fields=["locked", "locked_by", "locked_at"])
