"""Failure counters of the account endpoints, when no shared cache is configured."""

from django.db import models


class FailureCounter(models.Model):
    """One throttle key's failures since `since` (Unix time); rows past `expires` are dead."""

    key = models.CharField(max_length=120, unique=True)
    count = models.PositiveIntegerField(default=0)
    since = models.FloatField()
    expires = models.FloatField(db_index=True)

    class Meta:
        verbose_name = "failure counter"

    def __str__(self):
        return f"{self.key}: {self.count}"
