"""Dependencies failing under the real topology: what a person in the admin sees, and what is kept.

SMTP down: a submission for moderation succeeds at once and enters the workflow; its notification
waits in the outbox (kim_sites/mail.py) and is delivered exactly once when SMTP is back, by the
worker and the minutely `recover_tasks` job (run here as its timer would).
"""

import mailbox
import time
import uuid

from tests.moderation_helpers import post_data

from .load import Browser
from .test_stack import wait_for


def outbox(stack, title):
    return stack.query(
        "from kim_sites.models import OutboxMessage\n"
        f"rows = OutboxMessage.objects.filter(subject__contains={title!r})\n"
        "print(json.dumps([[r.attempts, r.sent_at is not None, r.last_error[:80]] for r in rows]))"
    )


def delivered(stack, title, recipient):
    box = mailbox.Maildir(stack.maildir, create=False)
    return [m for m in box if title in str(m.get("Subject", "")) + m.as_string() and recipient in str(m.get("To", ""))]


def test_smtp_down_a_submission_enters_the_workflow_and_its_mail_arrives_once(stack, recorder, kim):
    recorder.phase = "faults: smtp down"
    editor = Browser(stack, recorder).login(kim["editor"])
    add = f"/admin/pages/add/kim_sites/postpage/{kim['berita_id']}/"
    token = editor.csrf_token(add)
    title = f"Kabar Tanpa Surel {uuid.uuid4().hex[:6]}"
    slug = title.lower().replace(" ", "-")

    stack.stop("smtp")
    try:
        started = time.monotonic()
        created = editor.post(
            add, {**post_data(title, slug, **{"action-submit": "Kirim"}), "csrfmiddlewaretoken": token}
        )
        took = time.monotonic() - started
        assert created.status_code == 302, created.text[:500]
        in_workflow = stack.query(
            "from wagtail.models import TaskState\nfrom kim_sites.models import PostPage\n"
            f"page = PostPage.objects.get(slug={slug!r})\n"
            "print(json.dumps(TaskState.objects.filter(workflow_state__object_id=str(page.pk), "
            "status='in_progress').exists()))"
        )
        moderator = Browser(stack, recorder).login(kim["moderator"])
        queue = moderator.get("/admin/")
        recorder.finding(
            "SMTP down: the submission succeeds at once and is in the moderator's queue",
            created.status_code == 302 and in_workflow and title in queue.text,
            f"answered in {took:.2f} s; in the workflow: {in_workflow}",
        )
        assert in_workflow and title in queue.text
        # The worker tried and failed, and kept the message for later.
        tried = wait_for(lambda: any(attempts >= 1 for attempts, _sent, _error in outbox(stack, title)), 30, 0.5)
        rows = outbox(stack, title)
        assert tried is not None and rows and not any(sent for _attempts, sent, _error in rows), rows
    finally:
        stack.start_smtp()

    # Back: the minutely job queues what is due, the worker sends it, once.
    def arrived():
        stack.manage("recover_tasks")
        return bool(delivered(stack, title, kim["moderator"]))

    back = wait_for(arrived, 120, 1)
    time.sleep(3)  # nothing is sent again once it was: see that a later round adds nothing
    stack.manage("recover_tasks")
    copies = delivered(stack, title, kim["moderator"])
    rows = outbox(stack, title)
    recorder.finding(
        "SMTP back: the notification is delivered exactly once",
        back is not None and len(copies) == 1,
        f"after {back and round(back, 1)} s; {len(copies)} copy; attempts {[r[0] for r in rows]}",
    )
    assert back is not None and len(copies) == 1, (back, len(copies), rows)
