"""Mail never leaves from the request: it is queued, sent by the task worker with a timeout, retried
while SMTP is down or hangs, delivered when it returns, and never lost or sent twice."""

import io

import pytest
from django_tasks_db.models import DBTaskResult

from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from kim_sites import mail as outbox
from kim_sites.models import OutboxMessage
from kim_sites.registry.provisioning import KimSpec, provision_kim
from kimcms.settings import base as production
from tests.factories.accounts import make_moderator
from tests.support.admin import create_post, current_task_state
from tests.support.services import (
    DATABASE_QUEUE,
    free_port,
    hanging_server,
    needs_loopback,
    run_queue,
    smtp_server,
    time_passes,
)

pytestmark = [pytest.mark.django_db, needs_loopback]

SMTP = "django.core.mail.backends.smtp.EmailBackend"


@pytest.fixture
def production_mail(settings):
    """Mail as production sends it: the outbox, the database queue, SMTP on loopback."""
    settings.EMAIL_BACKEND = production.EMAIL_BACKEND
    settings.KIM_EMAIL_DELIVERY_BACKEND = SMTP
    settings.TASKS = DATABASE_QUEUE
    settings.EMAIL_HOST = "127.0.0.1"
    # Short, so that the hanging server below costs the test a second per attempt.
    settings.EMAIL_TIMEOUT = 1
    return settings


@pytest.fixture
def moderators():
    return [make_moderator("bangka"), make_moderator("bangka", email="pembina-dua@bangka.go.id")]


def mail_tasks_ready():
    return DBTaskResult.objects.ready().filter(task_path="kim_sites.mail.deliver_mail_task").count()


def addresses(inbox):
    return sorted(address for envelope in inbox.messages for address in envelope.rcpt_tos)


def test_production_settings_queue_mail_with_a_timeout_shorter_than_gunicorns():
    assert production.EMAIL_BACKEND == "kim_sites.mail.OutboxEmailBackend"
    assert production.KIM_EMAIL_DELIVERY_BACKEND == SMTP
    assert 0 < production.EMAIL_TIMEOUT < 30


def test_submission_succeeds_at_once_while_smtp_hangs(client, kim, editor, moderators, production_mail):
    with hanging_server() as port:
        production_mail.EMAIL_PORT = port
        client.force_login(editor)
        post = create_post(client, kim, "Gotong royong", "gotong-royong")
    # In the moderation queue at once, and nobody's notification is lost: it waits in the outbox.
    assert current_task_state(post).status == "in_progress"
    queued = OutboxMessage.objects.filter(sent_at__isnull=True)
    assert sorted(queued.values_list("recipients", flat=True)) == sorted(m.email for m in moderators)


def test_notification_survives_smtp_down_then_hanging_and_is_delivered_once(
    client, kim, editor, moderators, production_mail
):
    production_mail.EMAIL_PORT = free_port()  # nothing listens: connection refused
    client.force_login(editor)
    post = create_post(client, kim, "Musyawarah desa", "musyawarah")
    assert current_task_state(post).status == "in_progress"

    # SMTP down: the worker's attempt fails, is recorded and scheduled again later.
    run_queue()
    rows = list(OutboxMessage.objects.order_by("pk"))
    assert [(row.attempts, row.sent_at) for row in rows] == [(1, None), (1, None)]
    assert all("Connection" in row.last_error for row in rows)
    assert mail_tasks_ready() == 0  # the retry waits for its delay

    # SMTP hangs: the attempt gives up after EMAIL_TIMEOUT and is scheduled again.
    with hanging_server() as port:
        production_mail.EMAIL_PORT = port
        time_passes()
        assert mail_tasks_ready() == 2
        run_queue()
    assert [row.attempts for row in OutboxMessage.objects.order_by("pk")] == [2, 2]
    assert all(row.sent_at is None for row in OutboxMessage.objects.all())

    # SMTP is back: each moderator gets the notification, once, whatever runs again afterwards.
    with smtp_server() as (inbox, port):
        production_mail.EMAIL_PORT = port
        time_passes()
        run_queue()
        call_command("recover_tasks", stdout=io.StringIO())
        time_passes()
        run_queue()
    assert addresses(inbox) == sorted(m.email for m in moderators)
    assert all("Musyawarah desa" in envelope.content.decode() for envelope in inbox.messages)
    assert OutboxMessage.objects.filter(sent_at__isnull=True).count() == 0


def test_a_task_run_twice_sends_its_message_once(production_mail):
    with smtp_server() as (inbox, port):
        production_mail.EMAIL_PORT = port
        mail.send_mail("Uji", "Isi", None, ["satu@kim.test"])
        [row] = OutboxMessage.objects.all()
        assert outbox.deliver(row.pk, 0) == outbox.SENT
        row.refresh_from_db()
        assert row.sent_at and row.data == {}  # the body is not kept once sent
        assert outbox.deliver(row.pk, 0) == outbox.SKIPPED
        assert outbox.deliver(row.pk) == outbox.SKIPPED
        run_queue()
    assert addresses(inbox) == ["satu@kim.test"]


def test_after_a_failure_the_worker_holds_the_queue_instead_of_timing_out_on_each_message(production_mail):
    production_mail.KIM_MAIL_PAUSE_SECONDS = 60
    try:
        with hanging_server() as port:
            production_mail.EMAIL_PORT = port
            for n in range(3):
                mail.send_mail(f"Pemberitahuan {n}", "Isi", None, [f"moderator{n}@kim.test"])
            run_queue()
        # One attempt waited for the timeout; the two others were put back without trying.
        assert sorted(OutboxMessage.objects.values_list("attempts", flat=True)) == [0, 0, 1]
        assert mail_tasks_ready() == 0
        outbox.pause.reset()
        with smtp_server() as (inbox, port):
            production_mail.EMAIL_PORT = port
            time_passes()
            run_queue()
        assert addresses(inbox) == ["moderator0@kim.test", "moderator1@kim.test", "moderator2@kim.test"]
    finally:
        outbox.pause.reset()


def test_a_permanent_refusal_is_not_retried_and_is_reported(client, production_mail, provincial_admin):
    with smtp_server(refuse=True) as (inbox, port):
        production_mail.EMAIL_PORT = port
        mail.send_mail("Aktivasi akun", "Isi", None, ["tidak-ada@kim.test"])
        run_queue()
        time_passes()
        assert mail_tasks_ready() == 0
    [row] = OutboxMessage.objects.all()
    assert row.failed_at is not None and "550" in row.last_error
    client.force_login(provincial_admin)
    page = client.get(reverse("kim_task_report")).content.decode()
    assert "Aktivasi akun" in page and "tidak-ada@kim.test" in page


def test_recovery_sends_what_an_immediate_queue_could_not_defer(settings):
    """Where the queue cannot defer (ImmediateBackend), `recover_tasks` is what retries."""
    settings.KIM_EMAIL_DELIVERY_BACKEND = SMTP
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", free_port(), 1
    mail.send_mail("Ringkasan", "Isi", None, ["moderator@kim.test"])
    [row] = OutboxMessage.objects.all()
    assert row.attempts == 1 and row.sent_at is None
    settings.KIM_EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    OutboxMessage.objects.update(next_attempt_at=row.created_at)
    call_command("recover_tasks", stdout=io.StringIO())
    assert [m.to for m in mail.outbox] == [["moderator@kim.test"]]


def test_rebuilt_message_keeps_every_part():
    message = mail.EmailMultiAlternatives(
        "Perihal",
        "Teks",
        "Pengirim <dari@kim.test>",
        ["a@kim.test"],
        cc=["b@kim.test"],
        bcc=["c@kim.test"],
        reply_to=["d@kim.test"],
        headers={"Auto-Submitted": "auto-generated"},
    )
    message.attach_alternative("<p>HTML</p>", "text/html")
    message.attach("data.csv", "a,b\n", "text/csv")
    message.attach("logo.png", b"\x89PNG", "image/png")
    rebuilt = outbox.rebuild(outbox.serialize(message))
    assert (rebuilt.subject, rebuilt.body, rebuilt.from_email) == ("Perihal", "Teks", "Pengirim <dari@kim.test>")
    assert rebuilt.recipients() == ["a@kim.test", "b@kim.test", "c@kim.test"]
    assert rebuilt.reply_to == ["d@kim.test"] and rebuilt.extra_headers["Auto-Submitted"] == "auto-generated"
    assert list(rebuilt.alternatives) == [("<p>HTML</p>", "text/html")]
    assert [tuple(a) for a in rebuilt.attachments] == [
        ("data.csv", "a,b\n", "text/csv"),
        ("logo.png", b"\x89PNG", "image/png"),
    ]


# --- Every mail the platform sends takes the same path ---------------------------------------------


def test_activation_password_reset_and_digest_are_queued_while_smtp_hangs(
    client, production_mail, django_capture_on_commit_callbacks
):
    with hanging_server() as port:
        production_mail.EMAIL_PORT = port
        spec = KimSpec(
            name="KIM Tanpa SMTP", regency="bangka", village="Desa Uji", district="Uji", admin_email="ketua@kim-uji.id"
        )
        with django_capture_on_commit_callbacks(execute=True):
            admin = provision_kim(spec, send_email=True).admin_user
        admin.set_password("kata-sandi-uji-123")  # password reset is for accounts that have one
        admin.save()
        make_moderator("bangka", email="pembina@bangka.go.id")
        response = client.post(reverse("wagtailadmin_password_reset"), {"email": "ketua@kim-uji.id"})
        assert response.status_code == 302
        call_command("send_kinerja_digest", "--regency", "bangka", stdout=io.StringIO())
    subjects = dict(OutboxMessage.objects.filter(sent_at__isnull=True).values_list("recipients", "subject"))
    assert "ketua@kim-uji.id" in subjects and "pembina@bangka.go.id" in subjects
    assert OutboxMessage.objects.filter(recipients="ketua@kim-uji.id").count() == 2  # activation, reset
    assert any(subject.startswith("Kinerja KIM") for subject in subjects.values())

    with smtp_server() as (inbox, port):
        production_mail.EMAIL_PORT = port
        run_queue()
    assert addresses(inbox) == ["ketua@kim-uji.id", "ketua@kim-uji.id", "pembina@bangka.go.id"]
