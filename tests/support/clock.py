"""Moments in WIB, and a clock set to one of them."""

import datetime
from contextlib import contextmanager
from unittest import mock

from django.utils import timezone

WIB = timezone.get_default_timezone()


def wib(*args):
    """An aware datetime in WIB: wib(2026, 1, 31, 23, 30)."""
    return datetime.datetime(*args, tzinfo=WIB)


@contextmanager
def clock(at):
    """Every `timezone.now()` (Django's and Wagtail's) returns `at` inside the block (`None`: the real clock)."""
    if at is None:
        yield
        return
    with mock.patch("django.utils.timezone.now", return_value=at):
        yield


def days(n):
    """Today's date `n` days on (or back, when negative)."""
    return timezone.localdate() + datetime.timedelta(days=n)
