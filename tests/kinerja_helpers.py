"""Moderation history for kinerja tests, made through Wagtail's own workflow API.

Posts are submitted, approved and sent back with `Workflow.start`, `TaskState.approve`,
`TaskState.reject` and `WorkflowState.resume`, so the records the report reads are the ones
the admin would write. Only the clock is set, to build history at chosen moments.
"""

import datetime
from contextlib import contextmanager
from unittest import mock

from django.utils import timezone

from wagtail.models import GroupApprovalTask, Workflow, WorkflowPage, WorkflowState, WorkflowTask

from kim_sites.models import PostIndexPage, PostPage

WIB = timezone.get_default_timezone()


def wib(*args):
    """An aware datetime in WIB: wib(2026, 1, 31, 23, 30)."""
    return datetime.datetime(*args, tzinfo=WIB)


@contextmanager
def clock(at):
    """Every `timezone.now()` (Django's and Wagtail's) returns `at` inside the block."""
    if at is None:
        yield
        return
    with mock.patch("django.utils.timezone.now", return_value=at):
        yield


def moderation_workflow(page):
    """The workflow that moderates `page`: the platform's own if one applies, otherwise a stock
    group approval task for the page's regency moderators, attached to the regency page."""
    workflow = page.get_workflow()
    if workflow is not None:
        return workflow
    regency_page = page.get_ancestors().get(depth=2).specific
    regency = regency_page.regency
    task = GroupApprovalTask.objects.create(name=f"Moderasi {regency.name}")
    task.groups.add(regency.moderator_group)
    workflow = Workflow.objects.create(name=f"Moderasi KIM {regency.name}", active=True)
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowPage.objects.create(workflow=workflow, page=regency_page)
    return workflow


def make_post(kim, editor, title="Kabar desa", category=PostPage.Category.BERITA, at=None):
    """A draft post in the KIM's Berita & Kegiatan section, saved as a revision by `editor`."""
    index = PostIndexPage.objects.child_of(kim.home_page).get()
    with clock(at):
        post = PostPage(title=title, summary=f"Ringkasan {title}", category=category, live=False)
        index.add_child(instance=post)
        post.save_revision(user=editor)
    return PostPage.objects.get(pk=post.pk)


def submit(post, editor, at=None):
    """Submit (or resubmit after a send-back) the post's latest revision for moderation."""
    post = PostPage.objects.get(pk=post.pk)
    with clock(at):
        post.save_revision(user=editor)
        state = WorkflowState.objects.active().for_instance(post).first()
        if state is not None and state.status == WorkflowState.STATUS_NEEDS_CHANGES:
            state.resume(user=editor)
        else:
            moderation_workflow(post).start(post, editor)
    return PostPage.objects.get(pk=post.pk)


def _current_task_state(post):
    state = WorkflowState.objects.active().for_instance(post).get()
    return state.current_task_state.specific


def approve(post, moderator, at=None):
    with clock(at):
        _current_task_state(post).approve(user=moderator)
    return PostPage.objects.get(pk=post.pk)


def send_back(post, moderator, at=None, comment="Mohon lengkapi sumber berita."):
    with clock(at):
        _current_task_state(post).reject(user=moderator, comment=comment)
    return PostPage.objects.get(pk=post.pk)


def published_post(kim, editor, moderator, submitted_at, approved_at, category=PostPage.Category.BERITA, title=None):
    """A post written, submitted and approved (hence published) at the given moments."""
    title = title or f"Berita {submitted_at:%Y%m%d%H%M}"
    post = make_post(kim, editor, title=title, category=category, at=submitted_at)
    submit(post, editor, at=submitted_at)
    return approve(post, moderator, at=approved_at)
