"""Rate limits counted in the database: one atomic counter per key, shared by every process.

A counter in each process's memory lets a client through once per worker, and Django's
DatabaseCache increments by reading and writing back, so two processes can both count 3 and
write 4. Here one UPDATE changes the row (a new window starts when the old one has passed), and
the row stays locked until the count is read back in the same transaction.
"""

import hashlib
from datetime import timedelta

from django.db import IntegrityError, models, transaction
from django.db.models import Case, F, Q, Value, When
from django.utils import timezone

KEY_MAX_LENGTH = 200


class RateCounter(models.Model):
    """Hits on one key (a limit and a client) since the start of its current window."""

    key = models.CharField(max_length=KEY_MAX_LENGTH, unique=True)
    count = models.PositiveIntegerField(default=0)
    expires_at = models.DateTimeField(db_index=True)

    class Meta:
        app_label = "kim_sites"

    def __str__(self):
        return f"{self.key}: {self.count}"


def _stored_key(key):
    if len(key) <= KEY_MAX_LENGTH:
        return key
    return "sha256:" + hashlib.sha256(key.encode()).hexdigest()


def hit(key, window):
    """Count one hit on `key`; the number of hits in its current window of `window` seconds."""
    key = _stored_key(key)
    now = timezone.now()
    expires_at = now + timedelta(seconds=window)
    expired = Q(expires_at__lte=now)
    # Both expressions read the row as it was before this UPDATE (PostgreSQL and SQLite).
    changes = {
        "count": Case(When(expired, then=Value(1)), default=F("count") + 1),
        "expires_at": Case(When(expired, then=Value(expires_at)), default=F("expires_at")),
    }
    counters = RateCounter.objects.filter(key=key)
    with transaction.atomic():
        if not counters.update(**changes):
            try:
                with transaction.atomic():
                    RateCounter.objects.create(key=key, count=1, expires_at=expires_at)
            except IntegrityError:  # another process created it first
                counters.update(**changes)
        count = counters.values_list("count", flat=True).get()
    # Keeps the table as small as the number of clients seen in the last window.
    RateCounter.objects.filter(expires_at__lte=now).exclude(key=key).delete()
    return count


def reset(key):
    RateCounter.objects.filter(key=_stored_key(key)).delete()


def seconds_left(key):
    """Seconds until the current window of `key` ends (0 when there is none)."""
    expires_at = RateCounter.objects.filter(key=_stored_key(key)).values_list("expires_at", flat=True).first()
    if expires_at is None:
        return 0
    return max(0, int((expires_at - timezone.now()).total_seconds() + 0.999))
