"""Records of the platform's own work: the weekly digest's log and the mail outbox."""

import uuid

from django.db import models
from django.utils import timezone

from kim_sites.models.registry import Regency


class KinerjaDigestLog(models.Model):
    """Which weekly kinerja digest went to which regency, so a rerun sends nothing twice."""

    regency = models.ForeignKey(Regency, on_delete=models.CASCADE, related_name="+")
    week_start = models.DateField()
    sent_at = models.DateTimeField(default=timezone.now)
    recipients = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["regency", "week_start"], name="unique_digest_per_week")]

    def __str__(self):
        return f"{self.regency} {self.week_start}"


class OutboxMessage(models.Model):
    """One e-mail, written in the request and sent by the task worker (see kim_sites/mail.py).

    The row is the message's only copy until it is sent: it survives SMTP outages and worker
    restarts, and `sent_at` set under a row lock is what keeps it from being sent twice.
    """

    key = models.UUIDField(unique=True, default=uuid.uuid4, editable=False)
    subject = models.TextField(blank=True)
    recipients = models.TextField(blank=True, help_text="Every address, comma-separated, for the report.")
    data = models.JSONField(help_text="The message's fields, enough to rebuild it (kim_sites.mail.rebuild).")
    created_at = models.DateTimeField(default=timezone.now)
    attempts = models.PositiveIntegerField(default=0)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    last_error = models.TextField(blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    failed_at = models.DateTimeField(null=True, blank=True, help_text="Refused for good (5xx): never retried.")

    class Meta:
        indexes = [
            models.Index(
                fields=["next_attempt_at"],
                condition=models.Q(sent_at__isnull=True, failed_at__isnull=True),
                name="outbox_pending_idx",
            ),
        ]

    def __str__(self):
        return f"{self.subject} → {self.recipients}"
