"""The weekly kinerja digest: what each regency's moderators should look at on Monday.

Sent at most once per regency and ISO week. The `KinerjaDigestLog` row is claimed (inserted,
under its unique constraint) in the transaction that queues the messages in the outbox
(kim_sites/mail.py), so two runs at once, on any number of machines, queue one digest; the task
worker then sends it, retrying while SMTP is down. If queueing fails, nothing is claimed.
"""

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage, get_connection
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from wagtail.models import Page, WorkflowState

from kim_sites.kinerja import periods
from kim_sites.kinerja import report as kinerja
from kim_sites.models import Kim, KinerjaDigestLog, Regency
from kim_sites.tree import KIM_HOME_DEPTH, KIM_HOME_PATH_LENGTH, of_pages, page_ids_as_text

SENT = "sent"
ALREADY_SENT = "already_sent"
NO_RECIPIENTS = "no_recipients"
DRY_RUN = "dry_run"
FAILED = "failed"


def week_start(day=None):
    """The Monday (WIB) of the ISO week containing `day` (default: today)."""
    day = day or periods.wib_today()
    return day - datetime.timedelta(days=day.weekday())


def admin_url(path):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def recipients(regency):
    """The regency's own moderators: active members of its moderator group with an e-mail address."""
    if regency.moderator_group_id is None:
        return []
    users = get_user_model().objects.filter(groups=regency.moderator_group_id, is_active=True).exclude(email="")
    return list(users.order_by("email"))


@dataclass
class PendingItem:
    title: str
    kim: str
    submitted_at: datetime.datetime
    requested_by: str
    url: str

    @property
    def waiting_days(self):
        return (timezone.now() - self.submitted_at).days


def pending_queue(regency):
    """Everything of the regency's KIMs waiting for a moderator now, oldest first, in every locale."""
    if regency.page_id is None:
        return []
    roots = list(Page.objects.filter(translation_key=regency.page.translation_key).values_list("path", flat=True))
    in_regency = Q()
    for path in roots:
        in_regency |= Q(path__startswith=path)
    pages = Page.objects.filter(in_regency, depth__gte=KIM_HOME_DEPTH)
    states = (
        WorkflowState.objects.filter(
            status=WorkflowState.STATUS_IN_PROGRESS,
            object_id__in=page_ids_as_text(pages),
            **of_pages(""),
        )
        .select_related("current_task_state", "requested_by")
        .order_by("current_task_state__started_at", "created_at", "pk")
    )
    states = list(states)
    by_id = Page.objects.in_bulk([int(state.object_id) for state in states])
    # KIM names by home page path, English copies of a home page included.
    names = dict(Kim.objects.filter(regency=regency).values_list("home_page__translation_key", "name"))
    homes = {
        path: names.get(key, "")
        for path, key in pages.filter(depth=KIM_HOME_DEPTH).values_list("path", "translation_key")
    }
    items = []
    for state in states:
        page = by_id.get(int(state.object_id))
        if page is None:
            continue
        task_state = state.current_task_state
        items.append(
            PendingItem(
                title=page.title,
                kim=homes.get(page.path[:KIM_HOME_PATH_LENGTH], ""),
                submitted_at=task_state.started_at if task_state else state.created_at,
                requested_by=(state.requested_by.get_full_name() or state.requested_by.email)
                if state.requested_by
                else "",
                url=admin_url(reverse("wagtailadmin_pages:edit", args=[page.pk])),
            )
        )
    return items


@dataclass
class Digest:
    regency: Regency
    week_start: datetime.date
    last_week: kinerja.KinerjaReport
    pending: list
    worsened: list = field(default_factory=list)

    @property
    def totals(self):
        totals = kinerja.totals_for(self.last_week.rows)
        return totals[0] if totals else None

    @property
    def subject(self):
        period = self.last_week.period
        return f"Kinerja KIM {self.regency.name}: pekan {periods.day_label(period.first_day)} – {periods.day_label(period.last_day)}"

    def context(self, user):
        period = self.last_week.period
        totals = self.totals
        breakdown = []
        if totals:
            breakdown = [
                f"{label} {count}" for code, label in kinerja.CATEGORIES if (count := totals.by_category[code])
            ]
        return {
            "name": user.get_full_name() or user.email,
            "regency": self.regency.name,
            "period": f"{periods.day_label(period.first_day)} – {periods.day_label(period.last_day)}",
            "pending": [
                {
                    "title": item.title,
                    "kim": item.kim,
                    "submitted": timezone.localtime(item.submitted_at).strftime("%d-%m-%Y %H:%M"),
                    "requested_by": item.requested_by,
                    "waiting_days": item.waiting_days,
                    "url": item.url,
                }
                for item in self.pending
            ],
            "worsened": [
                {
                    "name": row.name,
                    "district": row.district,
                    "before": before,
                    "status": row.status,
                    "last_published": periods.day_label(row.last_published) if row.last_published else "belum pernah",
                }
                for row, before in self.worsened
            ],
            "totals": {
                "posts_published": totals.posts_published if totals else 0,
                "breakdown": ", ".join(breakdown),
                "posts_sent_back": totals.posts_sent_back if totals else 0,
                "decisions": totals.decisions if totals else 0,
                "median": _hours(totals.median_decision_hours if totals else None),
                "p95": _hours(totals.p95_decision_hours if totals else None),
                "active_editors": totals.active_editors if totals else 0,
                "views": totals.views if totals else 0,
                "statuses": ", ".join(
                    f"{status} {count}" for status, count in (totals.status_counts if totals else {}).items()
                ),
            },
            "rows": self.last_week.rows,
            "report_url": admin_url(reverse("kinerja_report")) + f"?dari={period.first_day}&sampai={period.last_day}",
        }

    def message(self, user):
        with translation.override("id"):
            body = render_to_string("kim_sites/email/kinerja_digest.txt", self.context(user))
        return EmailMessage(subject=self.subject, body=body, to=[user.email])


def _hours(value):
    return "–" if value is None else f"{value:.1f}".replace(".", ",")


def build_digest(regency, week, today=None):
    """Last week's figures, the queue now, and the KIMs whose status worsened during last week."""
    last_week = periods.Period(week - datetime.timedelta(days=7), week - datetime.timedelta(days=1))
    week_before = periods.Period(week - datetime.timedelta(days=14), week - datetime.timedelta(days=8))
    kims = Kim.objects.filter(regency=regency)
    report = kinerja.build_report(period=last_week, kims=kims, today=today)
    before = {row.pk: row.status for row in kinerja.build_report(period=week_before, kims=kims, today=today).rows}
    worsened = [
        (row, before[row.pk])
        for row in report.rows
        if row.status != kinerja.STATUS_ACTIVE and kinerja.STATUS_RANK[row.status] > kinerja.STATUS_RANK[before[row.pk]]
    ]
    return Digest(regency=regency, week_start=week, last_week=report, pending=pending_queue(regency), worsened=worsened)


@dataclass
class DigestResult:
    regency: Regency
    outcome: str
    recipients: int = 0
    messages: list = field(default_factory=list)
    error: str = ""


def send_regency_digest(regency, week=None, *, dry_run=False, connection=None, today=None):
    """Send one regency's digest for the week of `week`, unless it was already sent."""
    week = week_start(week)
    users = recipients(regency)
    if not users:
        return DigestResult(regency, NO_RECIPIENTS)
    if not dry_run and KinerjaDigestLog.objects.filter(regency=regency, week_start=week).exists():
        return DigestResult(regency, ALREADY_SENT)
    digest = build_digest(regency, week, today=today)
    messages = [digest.message(user) for user in users]
    if dry_run:
        return DigestResult(regency, DRY_RUN, len(messages), messages)

    try:
        # The claim and the queued messages (the outbox, kim_sites/mail.py) commit together: a
        # digest is either claimed and on its way, or neither, and the next run sends it.
        with transaction.atomic():
            claim = KinerjaDigestLog.objects.create(regency=regency, week_start=week, recipients=0)
            sent = (connection or get_connection()).send_messages(messages) or 0
            claim.recipients = sent
            claim.sent_at = timezone.now()
            claim.save(update_fields=["recipients", "sent_at"])
    except IntegrityError:
        return DigestResult(regency, ALREADY_SENT)
    except Exception as error:  # noqa: BLE001 - any failure leaves the week unclaimed for the next run
        return DigestResult(regency, FAILED, error=str(error))
    return DigestResult(regency, SENT, sent, messages)


def send_weekly_digests(week=None, *, regencies=None, dry_run=False, today=None):
    """Every regency's digest for the week of `week`, over one mail connection."""
    regencies = list(regencies if regencies is not None else Regency.objects.order_by("name"))
    connection = None if dry_run else get_connection()
    return [
        send_regency_digest(regency, week, dry_run=dry_run, connection=connection, today=today) for regency in regencies
    ]
