"""Kinerja figures against hand-counted moderation histories."""

import datetime

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from kim_sites.kinerja import report as kinerja
from kim_sites.kinerja.periods import Period, PeriodError, resolve_period
from kim_sites.kinerja.report import build_report
from kim_sites.models import PostPage
from tests.factories.accounts import make_editor, make_moderator
from tests.factories.moderation import approve, january_history, published_post, submit
from tests.factories.pages import make_post
from tests.factories.registry import make_kim
from tests.support.clock import wib

JANUARY = Period(datetime.date(2026, 1, 1), datetime.date(2026, 1, 31))
FEBRUARY = Period(datetime.date(2026, 2, 1), datetime.date(2026, 2, 28))
TODAY = datetime.date(2026, 11, 28)


def _row(report, kim):
    return next(row for row in report.rows if row.kim.pk == kim.pk)


@pytest.fixture
def history(db):
    return january_history()


def test_hand_counted_january(history):
    report = build_report(period=JANUARY, today=TODAY)
    row = _row(report, history["a"])
    assert row.by_category == {"berita": 1, "kegiatan": 1, "pengumuman": 0, "potensi-desa": 0, "umkm": 1}
    assert row.posts_published == 3
    assert row.posts_pending == 1
    assert row.posts_sent_back == 1  # sent back twice, counted as one post
    assert sorted(row.decision_hours) == pytest.approx([3.5, 6, 12, 24, 30])
    assert row.median_decision_hours == 12.0
    assert row.p95_decision_hours == 28.8  # 24 + (30 - 24) * 0.8
    assert row.last_published == datetime.date(2026, 2, 1)
    assert row.active_editors == 2
    assert row.status == kinerja.STATUS_ACTIVE


def test_wib_month_boundary(history):
    """A post approved on 31 January 23:30 WIB (16:30 UTC) is January's; 1 February 00:30 WIB is February's."""
    february = _row(build_report(period=FEBRUARY, today=TODAY), history["a"])
    assert february.by_category["umkm"] == 0
    assert february.by_category["pengumuman"] == 1
    assert february.posts_published == 1
    assert february.posts_sent_back == 0
    assert february.active_editors == 0


def test_kim_without_posts_has_a_row_of_zeros(history):
    row = _row(build_report(period=JANUARY, today=TODAY), history["b"])
    assert row.posts_published == 0
    assert row.posts_pending == 0
    assert row.posts_sent_back == 0
    assert row.median_decision_hours is None
    assert row.p95_decision_hours is None
    assert row.last_published is None
    assert row.active_editors == 0
    assert row.status == kinerja.STATUS_INACTIVE


def test_english_translation_is_not_counted_twice(history):
    from wagtail.models import Locale

    from tests.support.clock import clock

    english = Locale.objects.get_or_create(language_code="en")[0]
    p1 = PostPage.objects.get(title="P1")
    with clock(wib(2026, 1, 6, 9)):
        translation = p1.copy_for_translation(english, copy_parents=True)
        translation.save_revision().publish()
    assert PostPage.objects.filter(translation_key=p1.translation_key, live=True).count() == 2

    row = _row(build_report(period=JANUARY, today=TODAY), history["a"])
    assert row.posts_published == 3
    assert row.by_category["berita"] == 1


def test_status_is_measured_at_the_period_end_or_today(history):
    # Last first publication: 1 February 2026.
    assert _row(build_report(period=JANUARY, today=TODAY), history["a"]).status == kinerja.STATUS_ACTIVE
    march = Period(datetime.date(2026, 3, 1), datetime.date(2026, 3, 31))
    assert _row(build_report(period=march, today=TODAY), history["a"]).status == kinerja.STATUS_LESS_ACTIVE
    this_month = Period.from_preset("bulan-ini", today=TODAY)
    assert _row(build_report(period=this_month, today=TODAY), history["a"]).status == kinerja.STATUS_INACTIVE
    # A period that has not ended is measured today, not at its future last day.
    assert Period.from_preset("tahun-ini", today=TODAY).status_date(TODAY) == TODAY


@pytest.mark.parametrize(
    "published_on, status",
    [
        (datetime.date(2026, 3, 1), kinerja.STATUS_ACTIVE),  # 30 days before 31 March
        (datetime.date(2026, 2, 28), kinerja.STATUS_LESS_ACTIVE),  # 31 days
        (datetime.date(2025, 12, 31), kinerja.STATUS_LESS_ACTIVE),  # 90 days
        (datetime.date(2025, 12, 30), kinerja.STATUS_INACTIVE),  # 91 days
        (None, kinerja.STATUS_INACTIVE),
    ],
)
def test_status_thresholds_in_wib_days(published_on, status):
    # 23:30 WIB is already the next day in no other zone than WIB: the count is by WIB dates.
    moment = wib(published_on.year, published_on.month, published_on.day, 23, 30) if published_on else None
    assert kinerja.activity_status(moment, datetime.date(2026, 3, 31)) == status


def test_percentiles_interpolate_like_percentile_cont():
    assert kinerja.percentile([], 0.5) is None
    assert kinerja.percentile([7], 0.95) == 7
    assert kinerja.percentile([1, 2, 3, 4], 0.5) == 2.5
    assert kinerja.percentile([10, 0, 20], 0.95) == pytest.approx(19.0)


@pytest.mark.parametrize(
    "preset, first, last",
    [
        ("bulan-ini", datetime.date(2026, 3, 1), datetime.date(2026, 3, 31)),
        ("bulan-lalu", datetime.date(2026, 2, 1), datetime.date(2026, 2, 28)),
        ("30-hari", datetime.date(2026, 2, 14), datetime.date(2026, 3, 15)),
        ("90-hari", datetime.date(2025, 12, 16), datetime.date(2026, 3, 15)),
        ("tahun-ini", datetime.date(2026, 1, 1), datetime.date(2026, 12, 31)),
    ],
)
def test_presets(preset, first, last):
    period = Period.from_preset(preset, today=datetime.date(2026, 3, 15))
    assert (period.first_day, period.last_day) == (first, last)


def test_period_bounds_are_wib_midnights():
    assert JANUARY.start == wib(2026, 1, 1)
    assert JANUARY.end == wib(2026, 2, 1)
    assert JANUARY.end.astimezone(datetime.UTC) == datetime.datetime(2026, 1, 31, 17, tzinfo=datetime.UTC)


def test_custom_dates():
    today = datetime.date(2026, 3, 15)
    assert resolve_period(today=today) == Period.from_preset("bulan-ini", today=today)
    period = resolve_period(date_from="2026-01-10", date_to="2026-01-20", today=today)
    assert (period.first_day, period.last_day, period.preset) == (
        datetime.date(2026, 1, 10),
        datetime.date(2026, 1, 20),
        "",
    )
    assert resolve_period(date_from="2026-01-10", today=today).last_day == today
    assert resolve_period(date_to="2026-02-20", today=today).first_day == datetime.date(2026, 2, 1)
    # Dates win over a preset.
    assert resolve_period("tahun-ini", "2026-01-10", "2026-01-20", today=today).preset == ""


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"date_from": "2026-02-01", "date_to": "2026-01-31"}, "Rentang tanggal terbalik"),
        ({"date_from": "2026-02-30"}, "Tanggal mulai '2026-02-30' tidak sah"),
        ({"date_to": "31-01-2026"}, "Tanggal akhir '31-01-2026' tidak sah"),
        ({"preset": "minggu-ini"}, "Periode 'minggu-ini' tidak dikenal"),
    ],
)
def test_bad_periods_are_refused_in_indonesian(kwargs, message):
    with pytest.raises(PeriodError, match=message):
        resolve_period(**kwargs)


def test_scope_by_role(history):
    def names(user):
        return {row.name for row in build_report(user, JANUARY, today=TODAY).rows}

    from tests.factories.accounts import UserFactory

    admin = UserFactory(email="admin@kominfo-uji.id", is_superuser=True)
    assert names(admin) == {"KIM Alpha", "KIM Beta", "KIM Gamma"}
    assert names(history["moderator"]) == {"KIM Alpha", "KIM Beta"}
    assert names(history["editor"]) == {"KIM Alpha"}
    assert names(UserFactory(email="tamu@contoh.id")) == set()


def test_an_approval_shows_at_once(history):
    post = submit(make_post(history["a"], "Baru", by=history["editor"], live=False), history["editor"])
    period = Period.from_preset("bulan-ini")
    before = _row(build_report(period=period), history["a"])
    approve(post, history["moderator"])
    after = _row(build_report(period=period), history["a"])
    assert after.posts_published == before.posts_published + 1
    assert after.posts_pending == before.posts_pending - 1
    assert after.status == kinerja.STATUS_ACTIVE


def test_regency_totals(history):
    report = build_report(period=JANUARY, today=TODAY)
    bangka = next(totals for totals in report.totals if totals.regency.slug == "bangka")
    assert bangka.kims == 2
    assert bangka.posts_published == 3
    assert bangka.posts_pending == 1
    assert bangka.median_decision_hours == 12.0
    assert bangka.status_counts == {"aktif": 1, "kurang aktif": 0, "tidak aktif": 1}
    assert [totals.name for totals in report.totals] == ["Kabupaten Bangka", "Kabupaten Belitung"]


def test_monthly_counts_for_the_chart(history):
    report = build_report(period=FEBRUARY, today=TODAY)
    row = _row(report, history["a"])
    assert report.months[0] == datetime.date(2025, 3, 1)
    assert report.months[-1] == datetime.date(2026, 2, 1)
    assert dict(zip(report.months, row.monthly, strict=True))[datetime.date(2026, 1, 1)] == 3
    assert row.monthly[-1] == 1


def _grow(count, moderator):
    for _ in range(count):
        kim = make_kim("bangka")
        editor = make_editor(kim)
        published_post(kim, editor, moderator, wib(2026, 1, 3, 8), wib(2026, 1, 3, 10))
        pending = make_post(kim, by=editor, live=False, at=wib(2026, 1, 4, 8))
        submit(pending, editor, at=wib(2026, 1, 4, 9))


def test_query_count_does_not_grow_with_kims(db, django_assert_num_queries):
    moderator = make_moderator("bangka")
    _grow(2, moderator)
    with CaptureQueriesContext(connection) as two:
        assert len(build_report(period=JANUARY, today=TODAY).rows) == 2
    _grow(18, moderator)
    with django_assert_num_queries(len(two.captured_queries)):
        rows = build_report(period=JANUARY, today=TODAY).rows
    assert len(rows) == 20
    assert {(row.posts_published, row.posts_pending, len(row.decision_hours)) for row in rows} == {(1, 1, 1)}
    # Kim rows, post figures, decisions, editors, months, views.
    assert len(two.captured_queries) == 6
