"""The beacon counts a reader's view once the page has loaded, cached page or not, and nothing else."""

import pytest

from django.db import connection

from kim_sites.models import PageViewDay, PageViewPending
from kim_sites.reach import beacon, counting, flush
from tests.factories.pages import make_post
from tests.factories.registry import make_kim
from tests.kim_sites.reach.conftest import BROWSER, beacon_of, send_beacon

pytestmark = pytest.mark.django_db
POST = "/berita/kabar-dibaca/"


def views_of(page):
    return sum(PageViewDay.objects.filter(page_id=page.pk).values_list("views", flat=True))


def test_a_view_of_a_page_served_from_the_page_cache_is_counted(client, kim, django_assert_num_queries):
    first = client.get(POST, HTTP_HOST=kim.hostname)
    assert first["X-Kim-Cache"] == "miss"
    with django_assert_num_queries(0):
        second = client.get(POST, HTTP_HOST=kim.hostname)
    assert second["X-Kim-Cache"] == "hit"
    url = beacon_of(second)
    response = send_beacon(client, kim.hostname, url)
    assert response.status_code == 204
    assert response["Cache-Control"] == "no-store"
    assert "X-Kim-Site" not in response and not response.cookies
    send_beacon(client, kim.hostname, url)
    flush.flush()
    assert views_of(kim.post) == 2
    assert PageViewDay.objects.get(page_id=kim.post.pk).kim_id == kim.pk


def test_the_beacon_is_never_stored_by_the_page_cache(client, kim):
    url = beacon_of(client.get(POST, HTTP_HOST=kim.hostname))
    assert client.get(url, HTTP_HOST=kim.hostname).status_code == 405
    for _ in range(3):
        response = send_beacon(client, kim.hostname, url)
        assert response.status_code == 204 and response["X-Kim-Cache"] == "bypass"
    flush.flush()
    assert views_of(kim.post) == 3


@pytest.mark.parametrize(
    "user_agent",
    [
        "",
        "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/120.0 Safari/537.36",
        "Mozilla/5.0 (Linux; Android 11; moto g power (2022)) AppleWebKit/537.36 Chrome-Lighthouse",
        "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
        "WhatsApp/2.23.20.0 A",
        "python-requests/2.31.0",
        "curl/8.5.0",
    ],
)
def test_bots_are_not_counted(client, kim, user_agent):
    url = beacon_of(client.get(POST, HTTP_HOST=kim.hostname))
    assert send_beacon(client, kim.hostname, url, user_agent=user_agent).status_code == 204
    flush.flush()
    assert views_of(kim.post) == 0
    assert not PageViewPending.objects.exists()


def test_phones_named_like_bots_are_readers():
    assert not counting.is_bot("Mozilla/5.0 (Linux; Android 10; Cubot X30) AppleWebKit/537.36 Chrome/120 Mobile")
    assert not counting.is_bot(BROWSER)


def test_a_page_id_of_another_host_is_not_counted(client, kim):
    other = make_kim(name="KIM Tetangga", slug="tetangga", regency="bangka")
    url = beacon_of(client.get(POST, HTTP_HOST=kim.hostname))
    # The same signed address sent to another KIM's host (or the portal) counts nothing.
    assert send_beacon(client, other.hostname, url).status_code == 204
    assert send_beacon(client, "portal.kim.test", url).status_code == 204
    # An address made up for another site's page, or with a forged signature, is refused.
    forged = beacon.beacon_url(other.site_id, kim.post.pk)
    assert send_beacon(client, other.hostname, forged).status_code == 204
    assert send_beacon(client, kim.hostname, url.replace(f"/{kim.post.pk}/", f"/{kim.post.pk + 1}/")).status_code == 400
    flush.flush()
    assert views_of(kim.post) == 0


def test_views_of_pages_no_longer_live_or_public_are_dropped_by_the_flush(client, kim):
    hidden = make_post(kim, "Kabar Ditarik")
    url = beacon_of(client.get("/berita/kabar-ditarik/", HTTP_HOST=kim.hostname))
    send_beacon(client, kim.hostname, url)
    hidden.unpublish()
    flush.flush()
    assert views_of(hidden) == 0
    assert not PageViewPending.objects.exists()


def test_the_portal_and_previews_carry_no_beacon(client, kim):
    assert b"data-dibaca" not in client.get("/", HTTP_HOST="portal.kim.test").content
    assert b"data-dibaca" in client.get("/", HTTP_HOST=kim.hostname).content


def test_nothing_personal_is_stored(client, kim):
    url = beacon_of(client.get(POST, HTTP_HOST=kim.hostname))
    send_beacon(client, kim.hostname, url, user_agent=BROWSER)
    pending = [field.name for field in PageViewPending._meta.get_fields()]
    daily = [field.name for field in PageViewDay._meta.get_fields()]
    assert pending == ["id", "site_id", "page_id", "day", "views"]
    assert daily == ["id", "page", "kim", "day", "views"]
    with connection.cursor() as cursor:
        columns = {
            c.name for c in connection.introspection.get_table_description(cursor, PageViewPending._meta.db_table)
        }
    assert columns == {"id", "site_id", "page_id", "day", "views"}
    assert not client.cookies
