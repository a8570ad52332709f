"""Moderation history, made through Wagtail's own workflow API.

Posts are submitted, approved and sent back with `Workflow.start`, `TaskState.approve`,
`TaskState.reject` and `WorkflowState.resume`, so the records the report reads are the ones
the admin would write. Only the clock is set, to build history at chosen moments.
"""

from wagtail.models import GroupApprovalTask, Workflow, WorkflowPage, WorkflowState, WorkflowTask

from kim_sites.models import PostPage, RegencyModerationTask
from kim_sites.moderation.workflow import WORKFLOW_NAME
from tests.factories.accounts import make_editor, make_moderator
from tests.factories.pages import make_post
from tests.factories.registry import make_kim
from tests.support.clock import clock, wib
from tools.bench.runner import bulk_pending_pages


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
    post = make_post(kim, title, by=editor, live=False, category=category, at=submitted_at)
    submit(post, editor, at=submitted_at)
    return approve(post, moderator, at=approved_at)


def january_history():
    """Two KIMs in Bangka, one in Belitung. Hand count for KIM A in January 2026:

    p1 berita   submitted 05-01 08:00, approved 05-01 20:00             → published, 12 h
    p2 kegiatan submitted 10-01 09:00, sent back 11-01 09:00 (24 h),
                resubmitted 12-01 09:00, sent back 12-01 15:00 (6 h),
                resubmitted 13-01 09:00, approved 14-01 15:00 (30 h)   → published, sent back (once)
    p3 umkm     submitted 31-01 20:00, approved 31-01 23:30 WIB (3.5 h) → published in January (16:30 UTC)
    p4 berita   submitted 20-01 10:00, never decided                   → pending
    p5 pengumuman submitted 30-12-2025, approved 01-02 00:30 WIB        → published in February
    A second editor saves a revision of p4 on 21-01.
    """
    kim_a = make_kim("bangka", name="KIM Alpha", district="Merawang", village="Jada Bahrin")
    kim_b = make_kim("bangka", name="KIM Beta", district="Sungailiat", village="Sinar Baru")
    kim_c = make_kim("belitung", name="KIM Gamma", district="Sijuk", village="Terong")
    editor = make_editor(kim_a)
    editor2 = make_editor(kim_a, email="editor2@kim-uji.id")
    moderator = make_moderator("bangka")

    published_post(kim_a, editor, moderator, wib(2026, 1, 5, 8), wib(2026, 1, 5, 20), title="P1")
    p2 = make_post(kim_a, "P2", category=PostPage.Category.KEGIATAN, by=editor, live=False, at=wib(2026, 1, 10, 8))
    submit(p2, editor, at=wib(2026, 1, 10, 9))
    send_back(p2, moderator, at=wib(2026, 1, 11, 9))
    submit(p2, editor, at=wib(2026, 1, 12, 9))
    send_back(p2, moderator, at=wib(2026, 1, 12, 15))
    submit(p2, editor, at=wib(2026, 1, 13, 9))
    approve(p2, moderator, at=wib(2026, 1, 14, 15))
    published_post(
        kim_a, editor, moderator, wib(2026, 1, 31, 20), wib(2026, 1, 31, 23, 30), PostPage.Category.UMKM, "P3"
    )
    p4 = make_post(kim_a, "P4", by=editor, live=False, at=wib(2026, 1, 20, 9))
    submit(p4, editor, at=wib(2026, 1, 20, 10))
    with clock(wib(2026, 1, 21, 10)):
        PostPage.objects.get(pk=p4.pk).save_revision(user=editor2)
    published_post(
        kim_a, editor, moderator, wib(2025, 12, 30, 9), wib(2026, 2, 1, 0, 30), PostPage.Category.PENGUMUMAN, "P5"
    )
    return {"a": kim_a, "b": kim_b, "c": kim_c, "editor": editor, "editor2": editor2, "moderator": moderator}


def bulk_pending(index, count, requested_by):
    """`count` pages under `index`, each waiting in "Moderasi KIM" as submitted by `requested_by`,
    inserted in bulk (see `tools.bench.runner.bulk_pending_pages`)."""
    workflow = Workflow.objects.get(name=WORKFLOW_NAME)
    pages = bulk_pending_pages(
        index, count, workflow=workflow, task=RegencyModerationTask.objects.get(), requested_by=requested_by
    )
    index.refresh_from_db(fields=["numchild"])
    return pages
