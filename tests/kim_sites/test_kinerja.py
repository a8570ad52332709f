"""Kinerja figures against hand-counted moderation histories."""

import datetime

import pytest

from kim_sites import kinerja
from kim_sites.kinerja import Period, build_report
from kim_sites.models import PostPage
from tests.factories import make_editor, make_kim, make_moderator
from tests.kinerja_helpers import approve, make_post, published_post, send_back, submit, wib

JANUARY = Period(datetime.date(2026, 1, 1), datetime.date(2026, 1, 31))
FEBRUARY = Period(datetime.date(2026, 2, 1), datetime.date(2026, 2, 28))
TODAY = datetime.date(2026, 11, 28)


def _row(report, kim):
    return next(row for row in report.rows if row.kim.pk == kim.pk)


@pytest.fixture
def history(db):
    """Two KIMs in Bangka, one in Belitung. Hand count for KIM A in January 2026:

    p1 berita   submitted 05-01 08:00, approved 05-01 20:00             → published, 12 h
    p2 kegiatan submitted 10-01 09:00, sent back 11-01 09:00 (24 h),
                resubmitted 12-01 09:00, sent back 12-01 15:00 (6 h),
                resubmitted 13-01 09:00, approved 14-01 15:00 (30 h)   → published, sent back (once)
    p3 umkm     submitted 31-01 20:00, approved 31-01 23:30 WIB (3.5 h) → published in January (16:30 UTC)
    p4 berita   submitted 20-01 10:00, never decided                   → pending
    p5 pengumuman submitted 30-12-2025, approved 01-02 00:30 WIB        → published in February
    A second editor saves a revision of p4 on 21-01.
    """
    kim_a = make_kim("bangka", name="KIM Alpha", district="Merawang", village="Jada Bahrin")
    kim_b = make_kim("bangka", name="KIM Beta", district="Sungailiat", village="Sinar Baru")
    kim_c = make_kim("belitung", name="KIM Gamma", district="Sijuk", village="Terong")
    editor = make_editor(kim_a)
    editor2 = make_editor(kim_a, email="editor2@kim-uji.id")
    moderator = make_moderator("bangka")

    published_post(kim_a, editor, moderator, wib(2026, 1, 5, 8), wib(2026, 1, 5, 20), title="P1")
    p2 = make_post(kim_a, editor, title="P2", category=PostPage.Category.KEGIATAN, at=wib(2026, 1, 10, 8))
    submit(p2, editor, at=wib(2026, 1, 10, 9))
    send_back(p2, moderator, at=wib(2026, 1, 11, 9))
    submit(p2, editor, at=wib(2026, 1, 12, 9))
    send_back(p2, moderator, at=wib(2026, 1, 12, 15))
    submit(p2, editor, at=wib(2026, 1, 13, 9))
    approve(p2, moderator, at=wib(2026, 1, 14, 15))
    published_post(
        kim_a, editor, moderator, wib(2026, 1, 31, 20), wib(2026, 1, 31, 23, 30), PostPage.Category.UMKM, "P3"
    )
    p4 = make_post(kim_a, editor, title="P4", at=wib(2026, 1, 20, 9))
    submit(p4, editor, at=wib(2026, 1, 20, 10))
    from tests.kinerja_helpers import clock

    with clock(wib(2026, 1, 21, 10)):
        PostPage.objects.get(pk=p4.pk).save_revision(user=editor2)
    published_post(
        kim_a, editor, moderator, wib(2025, 12, 30, 9), wib(2026, 2, 1, 0, 30), PostPage.Category.PENGUMUMAN, "P5"
    )
    return {"a": kim_a, "b": kim_b, "c": kim_c, "editor": editor, "editor2": editor2, "moderator": moderator}


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
