"""Dependencies failing under the real topology: what a person in the admin sees, and what is kept.

SMTP down: a submission for moderation succeeds at once and enters the workflow; its notification
waits in the outbox (kim_sites/mail.py) and is delivered exactly once when SMTP is back, by the
worker and the minutely `recover_tasks` job (run here as its timer would). SMTP hanging (a server
that accepts and never answers): the same, the worker giving up after EMAIL_TIMEOUT.

PostgreSQL stopped while an approval is on its way: the revision is approved and live, or neither
(and then it can be approved again).
"""

import contextlib
import mailbox
import socket
import threading
import time
import uuid

from tests.stack.load import Browser
from tests.stack.test_stack import submit_post, wait_for


def outbox(stack, title):
    return stack.query(
        "from kim_sites.models import OutboxMessage\n"
        f"rows = OutboxMessage.objects.filter(subject__contains={title!r})\n"
        "print(json.dumps([[r.attempts, r.sent_at is not None, r.last_error[:80]] for r in rows]))"
    )


def delivered(stack, title, recipient):
    box = mailbox.Maildir(stack.maildir, create=False)
    return [m for m in box if title in str(m.get("Subject", "")) + m.as_string() and recipient in str(m.get("To", ""))]


@contextlib.contextmanager
def silent_smtp(stack):
    """In SMTP's place, a server that accepts connections and never says a word; the real one is
    started again on the way out. Yields the connections it holds."""
    stack.stop("smtp")
    silent = socket.create_server(("127.0.0.1", stack.ports["smtp"]))
    silent.settimeout(0.5)
    held, stop = [], threading.Event()

    def hold():
        while not stop.is_set():
            try:
                held.append(silent.accept()[0])
            except TimeoutError:
                continue
            except OSError:  # closed on the way out
                return

    holder = threading.Thread(target=hold, daemon=True)
    holder.start()
    try:
        yield held
    finally:
        # The thread first (it leaves its accept() within its 0.5 s timeout): a socket closed under a
        # blocked accept() keeps listening until that returns, and the real server could not bind.
        stop.set()
        holder.join(5)
        silent.close()
        for connection in held:
            connection.close()
        stack.start_smtp()


def test_smtp_down_a_submission_enters_the_workflow_and_its_mail_arrives_once(stack, recorder, kim):
    recorder.phase = "faults: smtp down"
    title = f"Kabar Tanpa Surel {uuid.uuid4().hex[:6]}"

    stack.stop("smtp")
    try:
        _slug, _page_id, task_state_id, took = submit_post(stack, recorder, kim, title)
        in_workflow = task_state_id is not None
        moderator = Browser(stack, recorder).login(kim["moderator"])
        queue = moderator.get("/admin/")
        recorder.finding(
            "SMTP down: the submission succeeds at once and is in the moderator's queue",
            in_workflow and title in queue.text,
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
    back, copies = delivered_once(stack, title, kim["moderator"], recover_each_round=True)
    rows = outbox(stack, title)
    recorder.finding(
        "SMTP back: the notification is delivered exactly once",
        back is not None and len(copies) == 1,
        f"after {back and round(back, 1)} s; {len(copies)} copy; attempts {[r[0] for r in rows]}",
    )
    assert back is not None and len(copies) == 1, (back, len(copies), rows)


def delivered_once(stack, title, recipient, recover_each_round=False):
    """Seconds until the notification arrived (None if it never did), and the copies there are once a
    later round of the minutely job has run too (exactly one when nothing is lost or sent twice)."""

    def arrived():
        if recover_each_round:
            stack.manage("recover_tasks")
        return bool(delivered(stack, title, recipient))

    back = wait_for(arrived, 120, 1)
    time.sleep(3)  # nothing is sent again once it was: see that a later round adds nothing
    stack.manage("recover_tasks")
    return back, delivered(stack, title, recipient)


def test_postgresql_restarted_during_an_approval_leaves_it_whole_or_undone(stack, recorder, kim):
    recorder.phase = "faults: postgresql during an approval"
    _slug, page_id, task_state_id, _took = submit_post(stack, recorder, kim, f"Kabar Setengah {uuid.uuid4().hex[:6]}")
    moderator = Browser(stack, recorder).login(kim["moderator"])
    moderator.get("/admin/")
    url = f"/admin/pages/workflow/action/{page_id}/approve/{task_state_id}/"
    answer = {}
    thread = threading.Thread(target=lambda: answer.setdefault("response", moderator.post(url, {})))
    thread.start()
    time.sleep(0.05)  # the approval is on its way, likely inside its transaction
    # "fast": open transactions are rolled back and the server stops cleanly (the stack's cluster runs
    # with synchronous_commit=off, so a crash would also lose the last commits, which production's
    # does not).
    stack.stop_postgres("fast")
    thread.join(40)
    stack.start_postgres()
    response = answer.get("response")
    state = stack.query(
        "from wagtail.models import Page, TaskState\n"
        f"page = Page.objects.get(pk={page_id})\nstate = TaskState.objects.get(pk={task_state_id})\n"
        "latest = page.get_latest_revision()\n"
        "print(json.dumps([page.live, page.live_revision_id == latest.pk if latest else False, state.status, "
        "page.workflow_states.filter(status='in_progress').exists()]))"
    )
    live, live_is_latest, task_status, workflow_running = state
    whole = live and live_is_latest and task_status == "approved" and not workflow_running
    undone = not live and task_status == "in_progress" and workflow_running
    recorder.finding(
        "PostgreSQL restarted during an approval: approved and live, or neither",
        whole or undone,
        f"answer {response.status_code if response is not None else 'none'}; live {live}, task {task_status}",
    )
    assert whole or undone, state
    if undone:
        # Nothing half-made stands in the way: the moderator approves again, and it goes live.
        moderator = Browser(stack, recorder).login(kim["moderator"])
        moderator.get("/admin/")
        approved = moderator.post(url, {})
        live = stack.query(f"from wagtail.models import Page\nprint(json.dumps(Page.objects.get(pk={page_id}).live))")
        detail = (approved.status_code, approved.headers.get("Location"), approved.text[:300]) if approved else None
        assert live, detail


def test_smtp_hanging_a_submission_answers_at_once_and_its_mail_arrives_once(stack, recorder, kim):
    recorder.phase = "faults: smtp hanging"
    title = f"Kabar Surel Macet {uuid.uuid4().hex[:6]}"

    with silent_smtp(stack) as held:
        _slug, _page_id, task_state_id, took = submit_post(stack, recorder, kim, title)
        assert task_state_id is not None
        # The worker connected, waited EMAIL_TIMEOUT, gave up and kept the message.
        gave_up = wait_for(lambda: any(attempts >= 1 for attempts, _sent, _error in outbox(stack, title)), 60, 0.5)
        rows = outbox(stack, title)
        recorder.finding(
            "SMTP hanging: the submission answers at once; the worker gives up after its timeout",
            gave_up is not None and bool(held) and not any(sent for _a, sent, _e in rows),
            f"answered in {took:.2f} s; worker gave up after {gave_up and round(gave_up, 1)} s: {rows}",
        )
        assert gave_up is not None and held and not any(sent for _a, sent, _e in rows), rows

    back, copies = delivered_once(stack, title, kim["moderator"])
    recorder.finding(
        "SMTP back after hanging: the notification is delivered exactly once",
        back is not None and len(copies) == 1,
        f"after {back and round(back, 1)} s; {len(copies)} copy; attempts {[r[0] for r in outbox(stack, title)]}",
    )
    assert back is not None and len(copies) == 1
