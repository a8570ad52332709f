"""Kinerja KIM: per-KIM publishing and moderation figures for the pembina.

Every figure is read from Wagtail's own records at the moment it is asked for (pages'
first_published_at, revisions, workflow and task states), never from a counter, so a post
approved a minute ago shows at once. The cost is a fixed number of queries however many KIMs
and posts there are: the database aggregates, grouped by the path of each KIM's home page,
and Python only joins the grouped results to the KIM rows.

Definitions (also in docs/kinerja.md, for Diskominfo officers):
- A *post* is a PostPage in the default content language (id). English copies are
  translations of those posts made with wagtail-localize; counting them would count one
  post twice, and KIM editors have no permission in the English tree anyway.
- *Published in the period*: the post's first publication (first_published_at) falls in the
  period. Republishing an edit does not count again; a post later unpublished still counts.
- *Pending*: the post's workflow is in progress now (waiting for a moderator's decision).
- *Sent back*: posts with at least one "request changes" decision in the period. A post sent
  back twice counts once.
- *Decision time*: for each approve or request-changes decision in the period, the hours from
  the moment the post reached the moderator (task start) to the decision.
- *Active editors*: distinct users who created a revision of any of the KIM's pages in the period.
- *Active members*: the KIM's team (Admin KIM and Editor) with an account active and activated,
  now, whatever the period.
- *Views* (dibaca): views of the KIM's public pages, in every language, counted by the reach
  beacon on days (WIB) in the period (kim_sites/reach/); flushed once a minute.
- *Status*: by the days between the last first publication of a post and the status date
  (the period's last day, or today if the period has not ended): aktif up to 30 days,
  kurang aktif 31 to 90, tidak aktif over 90 or never.
"""

import datetime
import math
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import BigIntegerField, CharField, Count, Exists, F, Max, OuterRef, Q, Subquery
from django.db.models.functions import Cast, TruncMonth
from django.utils import timezone

from wagtail.admin.views.mixins import SpreadsheetExportMixin
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Page, Revision, TaskState, WorkflowState

from kim_sites.access.roles import kims_visible_to, roles_of
from kim_sites.kinerja.periods import Period, add_months, start_of_day
from kim_sites.models import Kim, PostPage, Regency
from kim_sites.reach.figures import views_per_kim
from kim_sites.spreadsheets import IndonesianExcelCsv
from kim_sites.team.members import with_member_counts
from kim_sites.tree import KIM_HOME_DEPTH, home_path_expression, of_pages, page_ids_as_text

ACTIVE_DAYS = 30
LESS_ACTIVE_DAYS = 90

STATUS_ACTIVE = "aktif"
STATUS_LESS_ACTIVE = "kurang aktif"
STATUS_INACTIVE = "tidak aktif"
STATUSES = [STATUS_ACTIVE, STATUS_LESS_ACTIVE, STATUS_INACTIVE]
# Worse is higher: the digest reports KIMs whose status went up this scale.
STATUS_RANK = {STATUS_ACTIVE: 0, STATUS_LESS_ACTIVE: 1, STATUS_INACTIVE: 2}

CATEGORIES = list(PostPage.Category.choices)

# The CLI's CSV contract: these columns, in this order.
CSV_COLUMNS = [
    "kim",
    "regency",
    "district",
    "village",
    "posts_published",
    "posts_pending",
    "posts_sent_back",
    "median_decision_hours",
    "p95_decision_hours",
    "last_published",
    "active_editors",
    "status",
    "views",
]


# --- Rows ---------------------------------------------------------------------------------------


def percentile(values, fraction):
    """Linear interpolation between closest ranks, as PostgreSQL's PERCENTILE_CONT."""
    if not values:
        return None
    ordered = sorted(values)
    position = (len(ordered) - 1) * fraction
    lower, upper = math.floor(position), math.ceil(position)
    return ordered[lower] + (ordered[upper] - ordered[lower]) * (position - lower)


def _hours(value):
    return None if value is None else round(value, 1)


def activity_status(last_published, status_date):
    if last_published is None:
        return STATUS_INACTIVE
    days = (status_date - timezone.localtime(last_published).date()).days
    if days <= ACTIVE_DAYS:
        return STATUS_ACTIVE
    if days <= LESS_ACTIVE_DAYS:
        return STATUS_LESS_ACTIVE
    return STATUS_INACTIVE


class DecisionFigures:
    """How fast moderators decided, from `decision_hours` (submission to decision, in hours)."""

    @property
    def decisions(self):
        return len(self.decision_hours)

    @property
    def median_decision_hours(self):
        return _hours(percentile(self.decision_hours, 0.5))

    @property
    def p95_decision_hours(self):
        return _hours(percentile(self.decision_hours, 0.95))


@dataclass
class KimRow(DecisionFigures):
    """One KIM's figures for one period."""

    kim: Kim
    by_category: dict
    posts_published: int = 0
    posts_pending: int = 0
    posts_sent_back: int = 0
    decision_hours: list = field(default_factory=list)
    last_published_at: datetime.datetime | None = None
    last_published_before_status: datetime.datetime | None = None
    editors: set = field(default_factory=set)
    active_members: int = 0
    views: int = 0
    status: str = STATUS_INACTIVE
    monthly: list = field(default_factory=list)

    @property
    def pk(self):
        return self.kim.pk

    @property
    def name(self):
        return self.kim.name

    @property
    def regency(self):
        return self.kim.regency

    @property
    def regency_name(self):
        return self.kim.regency.name

    @property
    def district(self):
        return self.kim.district

    @property
    def village(self):
        return self.kim.village

    @property
    def active_editors(self):
        return len(self.editors)

    @property
    def last_published(self):
        """The WIB date of the last first publication of a post, ever."""
        return timezone.localtime(self.last_published_at).date() if self.last_published_at else None

    @property
    def status_rank(self):
        return STATUS_RANK[self.status]

    def __getattr__(self, name):
        # posts_berita, posts_potensi_desa...: one attribute per category, for tables and exports.
        if name.startswith("posts_"):
            code = name[len("posts_") :].replace("_", "-")
            by_category = self.__dict__.get("by_category", {})
            if code in by_category:
                return by_category[code]
        raise AttributeError(name)

    def as_csv_dict(self):
        return {
            "kim": self.name,
            "regency": self.regency_name,
            "district": self.district,
            "village": self.village,
            "posts_published": self.posts_published,
            "posts_pending": self.posts_pending,
            "posts_sent_back": self.posts_sent_back,
            "median_decision_hours": self.median_decision_hours,
            "p95_decision_hours": self.p95_decision_hours,
            "last_published": self.last_published.isoformat() if self.last_published else "",
            "active_editors": self.active_editors,
            "status": self.status,
            "views": self.views,
        }


@dataclass
class RegencyTotals(DecisionFigures):
    """The totals row of one regency: sums of its KIM rows; percentiles over all its decisions."""

    regency: Regency
    rows: list

    @property
    def name(self):
        return self.regency.name

    @property
    def kims(self):
        return len(self.rows)

    def _sum(self, attribute):
        return sum(getattr(row, attribute) for row in self.rows)

    @property
    def by_category(self):
        return {code: sum(row.by_category[code] for row in self.rows) for code, _ in CATEGORIES}

    @property
    def posts_published(self):
        return self._sum("posts_published")

    @property
    def posts_pending(self):
        return self._sum("posts_pending")

    @property
    def posts_sent_back(self):
        return self._sum("posts_sent_back")

    @property
    def decision_hours(self):
        return [hours for row in self.rows for hours in row.decision_hours]

    @property
    def last_published(self):
        dates = [row.last_published for row in self.rows if row.last_published]
        return max(dates) if dates else None

    @property
    def active_editors(self):
        return len(set().union(*(row.editors for row in self.rows)))

    @property
    def views(self):
        return self._sum("views")

    @property
    def active_members(self):
        # A person in two KIMs' teams counts in each, as a member of each team.
        return self._sum("active_members")

    @property
    def status_counts(self):
        counts = dict.fromkeys(STATUSES, 0)
        for row in self.rows:
            counts[row.status] += 1
        return counts

    @property
    def monthly(self):
        if not self.rows:
            return []
        return [sum(values) for values in zip(*(row.monthly for row in self.rows), strict=True)]


@dataclass
class KinerjaReport:
    period: Period
    status_date: datetime.date
    rows: list
    months: list

    @property
    def totals(self):
        return totals_for(self.rows)


def totals_for(rows):
    """One totals row per regency of `rows`, in regency order."""
    by_regency = {}
    for row in rows:
        by_regency.setdefault(row.kim.regency_id, RegencyTotals(row.kim.regency, []))
        by_regency[row.kim.regency_id].rows.append(row)
    return sorted(by_regency.values(), key=lambda totals: totals.name)


# --- Queries ------------------------------------------------------------------------------------


def visible_kims(user=None):
    """The KIMs a report for `user` covers; every KIM when there is no user (CLI, cron)."""
    kims = Kim.objects.all()
    if user is None:
        return kims
    return kims_visible_to(user, kims)


def user_can_view_kinerja(user):
    """Provincial admins, regency moderators and KIM editors open the report (each sees its own scope)."""
    roles = roles_of(user)
    return roles.provincial_admin or roles.moderator or roles.editor


def _content_language():
    return get_supported_content_language_variant(settings.LANGUAGE_CODE)


def _posts(home_paths):
    posts = PostPage.objects.filter(locale__language_code=_content_language()).annotate(
        home_path=home_path_expression()
    )
    if home_paths is not None:
        posts = posts.filter(home_path__in=home_paths)
    return posts.order_by()


def _kim_pages(home_paths):
    pages = Page.objects.filter(depth__gte=KIM_HOME_DEPTH, locale__language_code=_content_language()).annotate(
        home_path=home_path_expression()
    )
    if home_paths is not None:
        pages = pages.filter(home_path__in=home_paths)
    return pages.order_by()


def _home_path_of_object_id(object_id_field):
    # Only evaluated on rows already restricted to page ids, so the cast cannot meet a non-numeric id.
    page = Page.objects.filter(pk=Cast(OuterRef(object_id_field), output_field=BigIntegerField()))
    return Subquery(page.values(home=home_path_expression())[:1])


def post_figures(home_paths, period, status_date):
    """Per KIM home path: posts published in the period (by category), pending, sent back, last publication."""
    page_id_text = Cast(OuterRef("pk"), output_field=CharField(max_length=255))
    pending = WorkflowState.objects.filter(
        object_id=page_id_text, status=WorkflowState.STATUS_IN_PROGRESS, **of_pages("")
    )
    sent_back = TaskState.objects.filter(
        workflow_state__object_id=page_id_text,
        status=TaskState.STATUS_REJECTED,
        finished_at__gte=period.start,
        finished_at__lt=period.end,
        **of_pages("workflow_state__"),
    )
    in_period = Q(first_published_at__gte=period.start, first_published_at__lt=period.end)
    by_category = {
        f"category_{index}": Count("pk", filter=in_period & Q(category=code))
        for index, (code, _) in enumerate(CATEGORIES)
    }
    rows = (
        _posts(home_paths)
        .annotate(is_pending=Exists(pending), is_sent_back=Exists(sent_back))
        .values("home_path")
        .annotate(
            published=Count("pk", filter=in_period),
            pending=Count("pk", filter=Q(is_pending=True)),
            sent_back=Count("pk", filter=Q(is_sent_back=True)),
            last_published=Max("first_published_at"),
            last_published_before_status=Max(
                "first_published_at",
                filter=Q(first_published_at__lt=start_of_day(status_date + datetime.timedelta(days=1))),
            ),
            **by_category,
        )
    )
    figures = {}
    for row in rows:
        row["by_category"] = {code: row.pop(f"category_{i}") for i, (code, _) in enumerate(CATEGORIES)}
        figures[row["home_path"]] = row
    return figures


def decision_hours(home_paths, period):
    """Per KIM home path: hours from task start to decision, for every decision on a post in the period."""
    decisions = (
        TaskState.objects.filter(
            status__in=[TaskState.STATUS_APPROVED, TaskState.STATUS_REJECTED],
            finished_at__gte=period.start,
            finished_at__lt=period.end,
            workflow_state__object_id__in=page_ids_as_text(_posts(home_paths)),
            **of_pages("workflow_state__"),
        )
        .annotate(home_path=_home_path_of_object_id("workflow_state__object_id"))
        .values_list("home_path", "started_at", "finished_at")
        .order_by()
    )
    hours = defaultdict(list)
    for home_path, started_at, finished_at in decisions:
        hours[home_path].append((finished_at - started_at).total_seconds() / 3600)
    return hours


def active_editors(home_paths, period):
    """Per KIM home path: the ids of users who created a revision of one of its pages in the period."""
    pairs = (
        Revision.objects.filter(
            created_at__gte=period.start,
            created_at__lt=period.end,
            user_id__isnull=False,
            object_id__in=page_ids_as_text(_kim_pages(home_paths)),
            **of_pages(""),
        )
        .annotate(home_path=_home_path_of_object_id("object_id"))
        .values_list("home_path", "user_id")
        .distinct()
        .order_by()
    )
    editors = defaultdict(set)
    for home_path, user_id in pairs:
        editors[home_path].add(user_id)
    return editors


def last_twelve_months(status_date):
    first = add_months(status_date, -11)
    return [add_months(first, i) for i in range(12)]


def monthly_posts(home_paths, months):
    """Per KIM home path: posts first published in each of `months` (first days of months)."""
    start, end = start_of_day(months[0]), start_of_day(add_months(months[-1], 1))
    counts = (
        _posts(home_paths)
        .filter(first_published_at__gte=start, first_published_at__lt=end)
        .annotate(month=TruncMonth("first_published_at"))
        .values("home_path", "month")
        .annotate(posts=Count("pk"))
    )
    index = {month: i for i, month in enumerate(months)}
    per_home = defaultdict(lambda: [0] * len(months))
    for row in counts:
        month = row["month"]
        month = timezone.localtime(month).date() if isinstance(month, datetime.datetime) else month
        per_home[row["home_path"]][index[month]] += row["posts"]
    return per_home


def build_report(user=None, period=None, *, kims=None, today=None):
    """The kinerja rows of every KIM `user` may see (or of `kims`), for `period` (default: this month).

    A fixed number of queries whatever the number of KIMs and posts: this is what the admin
    view, the exports, the CLI, the digest and the benchmark call.
    """
    period = period or Period.from_preset(today=today)
    status_date = period.status_date(today)
    if kims is None:
        kims = visible_kims(user)
    elif user is not None:
        kims = kims_visible_to(user, kims)
    restricted = bool(kims.query.where)
    kims = list(
        with_member_counts(kims.select_related("regency"))
        .annotate(home_path=F("home_page__path"))
        .order_by("regency__name", "name", "pk")
    )
    home_paths = [kim.home_path for kim in kims if kim.home_path] if restricted else None
    months = last_twelve_months(status_date)

    if restricted and not home_paths:
        figures, hours, editors, monthly, views = {}, {}, {}, {}, {}
    else:
        figures = post_figures(home_paths, period, status_date)
        hours = decision_hours(home_paths, period)
        editors = active_editors(home_paths, period)
        monthly = monthly_posts(home_paths, months)
        views = views_per_kim([kim.pk for kim in kims] if restricted else None, period)

    rows = []
    for kim in kims:
        data = figures.get(kim.home_path, {})
        row = KimRow(
            kim=kim,
            by_category=data.get("by_category") or {code: 0 for code, _ in CATEGORIES},
            posts_published=data.get("published", 0),
            posts_pending=data.get("pending", 0),
            posts_sent_back=data.get("sent_back", 0),
            decision_hours=hours.get(kim.home_path, []),
            last_published_at=data.get("last_published"),
            last_published_before_status=data.get("last_published_before_status"),
            editors=editors.get(kim.home_path, set()),
            active_members=kim.active_members,
            views=views.get(kim.pk, 0),
            monthly=monthly.get(kim.home_path, [0] * len(months)),
        )
        row.status = activity_status(row.last_published_before_status, status_date)
        rows.append(row)
    return KinerjaReport(period=period, status_date=status_date, rows=rows, months=months)


# --- Sorting ------------------------------------------------------------------------------------

SORT_KEYS = {
    "name": lambda row: (row.name.lower(), row.pk),
    "regency": lambda row: (row.regency_name, row.name.lower(), row.pk),
    "posts_published": lambda row: (row.posts_published, row.name.lower()),
    "posts_pending": lambda row: (row.posts_pending, row.name.lower()),
    "posts_sent_back": lambda row: (row.posts_sent_back, row.name.lower()),
    "median_decision_hours": lambda row: row.median_decision_hours,
    "p95_decision_hours": lambda row: row.p95_decision_hours,
    "last_published": lambda row: row.last_published,
    "active_editors": lambda row: (row.active_editors, row.name.lower()),
    "active_members": lambda row: (row.active_members, row.name.lower()),
    "views": lambda row: (row.views, row.name.lower()),
    "status": lambda row: (row.status_rank, row.name.lower()),
}


def sort_rows(rows, ordering):
    """Sort by a key of SORT_KEYS, descending with a leading '-'. Unknown keys keep the order.

    Rows without a value (no decision, never published) come last in both directions.
    """
    ordering = ordering or ""
    descending = ordering.startswith("-")
    key = SORT_KEYS.get(ordering.lstrip("-"))
    if key is None:
        return list(rows)
    with_value = [row for row in rows if key(row) is not None]
    without_value = [row for row in rows if key(row) is None]
    return sorted(with_value, key=key, reverse=descending) + sorted(without_value, key=lambda row: row.name.lower())


# --- Spreadsheets -------------------------------------------------------------------------------


class KinerjaSpreadsheet(SpreadsheetExportMixin):
    """The CLI's CSV/XLSX writer: Wagtail's spreadsheet export over the contract's columns."""

    list_export = CSV_COLUMNS
    xlsx_sheet_title = "Kinerja KIM"

    def to_row_dict(self, item):
        row = item.as_csv_dict()
        row["last_published"] = item.last_published  # a real date in XLSX; ISO text in CSV
        return {column: row[column] for column in CSV_COLUMNS}

    def csv_text(self, rows):
        return "".join(line.decode("utf-8") for line in self.stream_csv(rows))


class KinerjaExcelSpreadsheet(IndonesianExcelCsv, KinerjaSpreadsheet):
    """The CLI's `--excel` CSV: the same columns, as Indonesian-locale Excel opens them."""
