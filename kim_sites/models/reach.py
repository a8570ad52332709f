"""Reach ("jangkauan"): how often each public page of a KIM was read, per day.

Nothing here can name a reader: no address, no User-Agent, no cookie, no time finer than a day.
A view is counted by the beacon of kim_sites/reach/beacon.py into Redis (or into PageViewPending
without Redis) and moved here by the flush task (kim_sites/reach/flush.py), once a minute.
"""

from django.db import models

from wagtail.models import Page

from kim_sites.models.registry import Kim


class PageViewDay(models.Model):
    """Views of one page of one KIM on one day (WIB). The kinerja report and the sites read these."""

    # A deleted page's views stay in its KIM's totals.
    page = models.ForeignKey(Page, null=True, on_delete=models.SET_NULL, related_name="+")
    kim = models.ForeignKey(Kim, on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    views = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["page", "day"], name="unique_page_views_per_day")]
        indexes = [models.Index(fields=["kim", "day"], name="page_views_kim_day_idx")]

    def __str__(self):
        return f"{self.page_id} {self.day}: {self.views}"


class PageViewPending(models.Model):
    """Views counted without Redis and not flushed yet: ids and a day only, checked by the flush."""

    site_id = models.PositiveIntegerField()
    page_id = models.PositiveIntegerField()
    day = models.DateField()
    views = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["site_id", "page_id", "day"], name="unique_pending_page_views")]

    def __str__(self):
        return f"{self.site_id}/{self.page_id} {self.day}: {self.views}"


class PageViewBatch(models.Model):
    """A Redis batch already added to PageViewDay: written in the same transaction, so a batch
    that a crashed or concurrent flusher meets again is never added twice."""

    key = models.CharField(max_length=64, unique=True)
    flushed_at = models.DateTimeField(auto_now_add=True, db_index=True)

    def __str__(self):
        return self.key
