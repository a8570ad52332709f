"""Where counted views show: on the post, on the KIM home, and in the pembina's kinerja report."""

import csv
import datetime
import io

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from kim_sites.kinerja.digest import build_digest, week_start
from kim_sites.models import KimHomePage, PageViewDay
from kim_sites.reach import flush
from kim_sites.reach.figures import popular_posts
from tests.factories.accounts import make_moderator
from tests.factories.pages import make_post
from tests.factories.registry import make_kim
from tests.kim_sites.reach.conftest import beacon_of, send_beacon
from tests.support.admin import login

pytestmark = pytest.mark.django_db
POST = "/berita/kabar-dibaca/"


def read(client, kim, path, times):
    url = beacon_of(client.get(path, HTTP_HOST=kim.hostname))
    for _ in range(times):
        assert send_beacon(client, kim.hostname, url).status_code == 204


def test_a_post_shows_its_views_from_the_threshold_on(client, kim, settings):
    settings.KIM_REACH_SHOW_MIN = 3
    read(client, kim, POST, 2)
    flush.flush()
    kim.post.save_revision().publish()  # purges the cached page
    assert b"post-views" not in client.get(POST, HTTP_HOST=kim.hostname).content
    read(client, kim, POST, 1)
    flush.flush()
    kim.post.save_revision().publish()
    assert "dibaca 3 kali" in client.get(POST, HTTP_HOST=kim.hostname).content.decode()


def test_a_cached_post_stays_at_no_query_with_its_figure(client, kim, settings, django_assert_num_queries):
    settings.KIM_REACH_SHOW_MIN = 1
    read(client, kim, POST, 1)
    flush.flush()
    kim.post.save_revision().publish()
    first = client.get(POST, HTTP_HOST=kim.hostname)
    with django_assert_num_queries(0):
        second = client.get(POST, HTTP_HOST=kim.hostname)
    assert second["X-Kim-Cache"] == "hit" and "dibaca 1 kali" in second.content.decode()
    assert second.content == first.content


def test_the_kim_home_lists_its_most_read_posts_of_the_last_30_days(client, kim):
    other_post = make_post(kim, "Kabar Kedua")
    old_post = make_post(kim, "Kabar Lama")
    read(client, kim, POST, 2)
    read(client, kim, "/berita/kabar-kedua/", 5)
    flush.flush()
    # Views of 40 days ago do not make a post popular now.
    PageViewDay.objects.create(page=old_post, kim=kim, day=timezone.localdate() - datetime.timedelta(days=40), views=99)
    other_post.save_revision().publish()  # purges the cached home
    content = client.get("/", HTTP_HOST=kim.hostname).content.decode()
    section = content[content.index('id="popular-heading"') :]
    section = section[: section.index("</section>")]
    assert "Terpopuler" in section
    assert section.index("Kabar Kedua") < section.index("Kabar Dibaca")
    assert "Kabar Lama" not in section


def test_the_popular_posts_cost_a_fixed_number_of_queries(client, kim):
    home = KimHomePage.objects.get(pk=kim.home_page_id)
    make_post(kim, "Kabar Kedua")
    read(client, kim, POST, 1)
    read(client, kim, "/berita/kabar-kedua/", 1)
    flush.flush()
    with CaptureQueriesContext(connection) as two:
        assert len(popular_posts(home, kim)) == 2
    for n in range(4):
        make_post(kim, f"Kabar Tambahan {n}")
        read(client, kim, f"/berita/kabar-tambahan-{n}/", 1)
    flush.flush()
    with CaptureQueriesContext(connection) as six:
        assert len(popular_posts(home, kim)) == 5
    assert len(six.captured_queries) == len(two.captured_queries) == 2


def test_the_count_reaches_the_kinerja_report_of_the_regency_moderator(client, kim):
    neighbour = make_kim(name="KIM Tetangga", slug="tetangga", regency="bangka")
    make_post(neighbour, "Kabar Tetangga")
    read(client, kim, POST, 3)
    read(client, kim, "/", 1)  # every public page of the KIM counts toward its reach
    read(client, neighbour, "/berita/kabar-tetangga/", 2)
    flush.flush()

    moderator = login(make_moderator("bangka"))
    page = moderator.get("/admin/kinerja/")
    assert page.status_code == 200
    assert "Dibaca" in page.content.decode()
    response = moderator.get("/admin/kinerja/", {"export": "csv"})
    body = b"".join(response.streaming_content)
    assert body.startswith(b"\xef\xbb\xbf")
    rows = {row["KIM"]: row for row in csv.DictReader(io.StringIO(body.decode("utf-8-sig")), delimiter=";")}
    assert rows["KIM Jangkau"]["Dibaca"] == "4"
    assert rows["KIM Tetangga"]["Dibaca"] == "2"
    detail = moderator.get(f"/admin/kinerja/kim/{kim.pk}/").content.decode()
    assert "Dibaca dalam periode" in detail and "<dd>4</dd>" in detail
    # A period that ended before the views holds none.
    january = moderator.get("/admin/kinerja/", {"dari": "2026-01-01", "sampai": "2026-01-31", "export": "csv"})
    rows = list(csv.DictReader(io.StringIO(b"".join(january.streaming_content).decode("utf-8-sig")), delimiter=";"))
    assert {row["Dibaca"] for row in rows} == {"0"}


def test_the_weekly_digest_gives_last_weeks_views(kim):
    moderator = make_moderator("bangka", email="moderator.jangkau@contoh.id")
    week = week_start(datetime.date(2026, 3, 9))  # a Monday
    PageViewDay.objects.create(page=kim.post, kim=kim, day=datetime.date(2026, 3, 4), views=7)
    PageViewDay.objects.create(page=kim.post, kim=kim, day=datetime.date(2026, 3, 10), views=50)  # this week
    digest = build_digest(kim.regency, week, today=datetime.date(2026, 3, 9))
    body = digest.message(moderator).body
    assert "- Dibaca (halaman situs KIM dibuka pembaca): 7 kali" in body
    assert "- KIM Jangkau: terbit" in body and "dibaca 7 kali" in body
