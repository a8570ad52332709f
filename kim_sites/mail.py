"""Mail never leaves from the request: each message goes to an outbox and the task worker sends it.

EMAIL_BACKEND is `OutboxEmailBackend` in every environment, so every mail the platform sends
takes this one path, whoever builds it: Wagtail's moderation notifications and ours
(kim_sites.moderation.notifications), activation and invitation links, the admin's password reset, aspirasi
notifications and the weekly kinerja digest.

1. `send_messages` stores each message as an `OutboxMessage` row, in the caller's transaction (a
   submission that rolls back sends nothing), and enqueues `deliver_mail_task` for it. No network
   call: a submission for moderation succeeds at once whatever SMTP does.
2. The worker sends the row with KIM_EMAIL_DELIVERY_BACKEND (SMTP in production, EMAIL_TIMEOUT
   shorter than gunicorn's timeout) while holding its row lock, and sets `sent_at` in the same
   transaction: two workers, or a task run twice, never send one message twice.
3. A temporary failure (refused connection, timeout, 4xx) schedules the next attempt after a
   growing delay, for as long as it takes: nothing is dropped. A permanent refusal (5xx) sets
   `failed_at` for the report. `recover_mail` re-enqueues due messages whose task was lost, and
   is how retries happen where the queue cannot defer a task (ImmediateBackend). After a
   temporary failure the worker holds its next deliveries briefly (`DeliveryPause`), so an SMTP
   server that hangs costs one timeout, not one per queued message.

A worker killed after the SMTP server took a message but before its transaction committed sends
it again: SMTP has no way to make that atomic. The Message-ID header is the row's key, so the copy
is recognisable as the same message.
"""

import base64
import datetime
import logging
import smtplib
import time
from email.utils import parseaddr

from django_tasks import task

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from kim_sites.conf import kim_settings
from kim_sites.models import OutboxMessage

logger = logging.getLogger(__name__)

SENT = "sent"
RETRY = "retry"
FAILED = "failed"
SKIPPED = "skipped"
PAUSED = "paused"


# --- Storing a message ----------------------------------------------------------------------------


def serialize(message):
    """The fields of an EmailMessage (or EmailMultiAlternatives) as JSON-compatible data."""
    attachments = []
    for attachment in message.attachments:
        filename, content, mimetype = attachment
        if isinstance(content, bytes):
            attachments.append(
                {"filename": filename, "base64": base64.b64encode(content).decode(), "mimetype": mimetype}
            )
        else:
            attachments.append({"filename": filename, "text": content, "mimetype": mimetype})
    return {
        "subject": str(message.subject),
        "body": str(message.body),
        "from_email": message.from_email,
        "to": list(message.to),
        "cc": list(message.cc),
        "bcc": list(message.bcc),
        "reply_to": list(message.reply_to),
        "headers": {name: str(value) for name, value in message.extra_headers.items()},
        "alternatives": [[str(content), mimetype] for content, mimetype in getattr(message, "alternatives", [])],
        "attachments": attachments,
        "content_subtype": message.content_subtype,
        "encoding": message.encoding,
    }


def rebuild(data):
    """The message `serialize` stored, ready for any Django mail backend."""
    message = EmailMultiAlternatives(
        subject=data["subject"],
        body=data["body"],
        from_email=data["from_email"],
        to=data["to"],
        cc=data["cc"],
        bcc=data["bcc"],
        reply_to=data["reply_to"],
        headers=data["headers"],
    )
    message.content_subtype = data.get("content_subtype", "plain")
    message.encoding = data.get("encoding")
    for content, mimetype in data["alternatives"]:
        message.attach_alternative(content, mimetype)
    for attachment in data["attachments"]:
        content = base64.b64decode(attachment["base64"]) if "base64" in attachment else attachment["text"]
        message.attach(attachment["filename"], content, attachment["mimetype"])
    return message


def message_id(key, from_email):
    domain = parseaddr(from_email or "")[1].rpartition("@")[2] or "kim.invalid"
    return f"<{key}@{domain}>"


def queue_message(message):
    """Store one message in the outbox and enqueue its delivery. Returns the row."""
    data = serialize(message)
    row = OutboxMessage(subject=data["subject"][:500], recipients=", ".join(message.recipients()), data=data)
    # The Message-ID is the row's key, so that a copy sent twice (see the module docstring) reads as one.
    if not any(name.lower() == "message-id" for name in data["headers"]):
        data["headers"]["Message-ID"] = message_id(row.key, data["from_email"] or settings.DEFAULT_FROM_EMAIL)
    if not data["from_email"]:
        data["from_email"] = settings.DEFAULT_FROM_EMAIL
    with transaction.atomic():
        row.save()
        deliver_mail_task.enqueue(row.pk, 0)
    return row


class OutboxEmailBackend(BaseEmailBackend):
    """A Django mail backend that queues instead of sending; the task worker sends."""

    def send_messages(self, email_messages):
        queued = 0
        for message in email_messages:
            if not message.recipients():
                continue
            try:
                queue_message(message)
            except Exception:
                if not self.fail_silently:
                    raise
                logger.exception("Could not queue the e-mail %r", message.subject)
                continue
            queued += 1
        return queued


# --- Sending it -----------------------------------------------------------------------------------


def retry_delay(attempts):
    """Seconds before attempt `attempts + 1`: doubling from KIM_MAIL_RETRY_SECONDS, capped."""
    base = kim_settings.KIM_MAIL_RETRY_SECONDS
    return min(base * 2 ** max(0, attempts - 1), kim_settings.KIM_MAIL_RETRY_MAX_SECONDS)


def is_permanent(error):
    """A refusal the SMTP server will repeat (5xx), or a fault that is not the network's.

    Everything else (refused or reset connections, timeouts, 4xx answers) is worth retrying.
    """
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return all(code >= 500 for code, _ in error.recipients.values())
    if isinstance(error, smtplib.SMTPResponseException):
        return error.smtp_code >= 500
    return not isinstance(error, OSError)


def can_defer():
    return deliver_mail_task.get_backend().supports_defer


class DeliveryPause:
    """After a temporary failure, this worker process holds the next deliveries for
    KIM_MAIL_PAUSE_SECONDS instead of waiting out one SMTP timeout per message, which would keep
    every other task waiting behind a queue of mail. Per process, and only ever a delay."""

    def __init__(self):
        self.until = 0.0

    def remaining(self):
        return max(0.0, self.until - time.monotonic())

    def start(self):
        self.until = time.monotonic() + kim_settings.KIM_MAIL_PAUSE_SECONDS

    def reset(self):
        self.until = 0.0


pause = DeliveryPause()


@task()
def deliver_mail_task(message_pk, attempt):
    """Send one outbox message; idempotent, and a no-op for a superseded `attempt`."""
    return deliver(message_pk, attempt)


def deliver(message_pk, attempt=None):
    """Send the message unless it is sent, refused for good, being sent, or `attempt` is stale.

    Each failed attempt enqueues exactly one next attempt; a copy of a task that was enqueued
    twice (by `recover_mail`, or a worker's task run again) finds `attempts` moved on and stops.
    """
    with transaction.atomic():
        row = (
            OutboxMessage.objects.select_for_update(skip_locked=True)
            .filter(pk=message_pk, sent_at__isnull=True, failed_at__isnull=True)
            .first()
        )
        if row is None or (attempt is not None and row.attempts != attempt):
            return SKIPPED
        if pause.remaining() and can_defer():
            # Not an attempt: the same task is queued again for when the pause ends.
            row.next_attempt_at = timezone.now() + datetime.timedelta(seconds=pause.remaining())
            row.save(update_fields=["next_attempt_at"])
            deliver_mail_task.using(run_after=row.next_attempt_at).enqueue(row.pk, row.attempts)
            return PAUSED
        row.attempts += 1
        try:
            with get_connection(kim_settings.KIM_EMAIL_DELIVERY_BACKEND) as connection:
                connection.send_messages([rebuild(row.data)])
        except Exception as error:  # noqa: BLE001 - every failure is recorded on the row, none is lost
            row.last_error = f"{error.__class__.__name__}: {error}"[:2000]
            if is_permanent(error):
                row.failed_at = timezone.now()
                row.save(update_fields=["attempts", "last_error", "failed_at"])
                logger.error("E-mail %s refused for good: %s", row.key, row.last_error)
                return FAILED
            pause.start()
            row.next_attempt_at = timezone.now() + datetime.timedelta(seconds=retry_delay(row.attempts))
            row.save(update_fields=["attempts", "last_error", "next_attempt_at"])
            logger.warning("E-mail %s not sent (attempt %s), retrying: %s", row.key, row.attempts, row.last_error)
            if can_defer():
                deliver_mail_task.using(run_after=row.next_attempt_at).enqueue(row.pk, row.attempts)
            return RETRY
        row.sent_at = timezone.now()
        row.last_error = ""
        # The body (activation links among others) is not kept once sent; subject and recipients are.
        row.data = {}
        row.save(update_fields=["attempts", "last_error", "sent_at", "data"])
        return SENT


def recover_mail(now=None):
    """Enqueue every due message again; returns how many. For a timer (`recover_tasks`).

    With a queue that defers, a due message normally has its task waiting already; only those
    overdue by KIM_MAIL_RECOVER_AFTER_SECONDS are re-enqueued (a spare copy is a no-op anyway).
    """
    now = now or timezone.now()
    grace = datetime.timedelta(seconds=kim_settings.KIM_MAIL_RECOVER_AFTER_SECONDS if can_defer() else 0)
    due = OutboxMessage.objects.filter(sent_at__isnull=True, failed_at__isnull=True, next_attempt_at__lte=now - grace)
    count = 0
    for pk, attempts in due.values_list("pk", "attempts").order_by("next_attempt_at").iterator():
        deliver_mail_task.enqueue(pk, attempts)
        count += 1
    return count


def pending_messages():
    return OutboxMessage.objects.filter(sent_at__isnull=True, failed_at__isnull=True)


def prune_outbox(days, now=None):
    """Delete messages sent, or refused for good, more than `days` ago; those still waiting stay."""
    cutoff = (now or timezone.now()) - datetime.timedelta(days=days)
    deleted, _ = OutboxMessage.objects.filter(Q(sent_at__lt=cutoff) | Q(failed_at__lt=cutoff)).delete()
    return deleted
