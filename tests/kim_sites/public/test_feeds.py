"""RSS feeds: one per KIM on its own host, one for the portal, items on canonical KIM URLs."""

import xml.etree.ElementTree as ET
from email.utils import parsedate_to_datetime

import pytest

from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kim_sites.models import Kim
from kim_sites.registry.provisioning import set_kim_status
from tests.factories.media import make_image
from tests.factories.pages import make_post, restrict
from tests.factories.registry import make_kim, use_portal_hostname

pytestmark = pytest.mark.django_db

PORTAL = settings.PORTAL_HOSTNAME
MEDIA = "{http://search.yahoo.com/mrss/}"


def fetch(client, host, path="/feed/"):
    response = client.get(path, HTTP_HOST=host)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/rss+xml; charset=utf-8"
    return ET.fromstring(response.content).find("channel")


def items(channel):
    return channel.findall("item")


@pytest.fixture
def two_kims():
    use_portal_hostname()
    return make_kim(name="KIM Sinar Harapan"), make_kim(name="KIM Pantai Indah", regency="belitung")


def test_kim_feed_lists_its_own_live_public_posts_on_its_own_host(client, two_kims):
    kim, other = two_kims
    post = make_post(kim, "Panen lada & merica", summary="Warga memanen lada.", tags=["pertanian", "lada"])
    make_post(kim, "Draf rapat", live=False)
    restrict(make_post(kim, "Rapat internal"))
    make_post(other, "Berita KIM lain")

    channel = fetch(client, kim.site.hostname)
    assert channel.findtext("title") == "Berita KIM Sinar Harapan"
    assert "KIM Sinar Harapan" in channel.findtext("description")
    assert channel.findtext("link") == f"http://{kim.site.hostname}/"
    assert channel.findtext("language") == "id"
    self_link = channel.find("{http://www.w3.org/2005/Atom}link")
    assert self_link.get("href") == f"http://{kim.site.hostname}/feed/"

    [item] = items(channel)
    url = f"http://{kim.site.hostname}/berita/{post.slug}/"
    # Titles are escaped once more, as feed readers read them as HTML.
    assert item.findtext("title") == "Panen lada &amp; merica"
    assert item.findtext("link") == url
    assert item.findtext("guid") == url
    assert item.findtext("description") == "Warga memanen lada."
    assert sorted(c.text for c in item.findall("category")) == ["Berita", "lada", "pertanian"]


def test_pubdate_is_given_in_wib(client, two_kims):
    kim, _other = two_kims
    post = make_post(kim, "Sosialisasi pemilu")

    [item] = items(fetch(client, kim.site.hostname))
    pubdate = item.findtext("pubDate")
    assert pubdate.endswith("+0700")
    assert parsedate_to_datetime(pubdate) == post.first_published_at.replace(microsecond=0)


def test_feed_holds_the_latest_posts_only(client, two_kims, settings):
    kim, _other = two_kims
    settings.KIM_FEED_ITEMS = 3
    posts = [make_post(kim, f"Kabar ke-{n}") for n in range(4)]

    titles = [item.findtext("title") for item in items(fetch(client, kim.site.hostname))]
    assert titles == [p.title for p in reversed(posts[1:])]


def test_portal_feed_lists_every_active_kim_with_links_on_their_own_hosts(client, two_kims):
    first, second = two_kims
    first_post = make_post(first, "Lomba desa", summary="Desa bersiap lomba.")
    second_post = make_post(second, "Festival pantai", summary="Wisata pantai ramai.")

    channel = fetch(client, PORTAL)
    assert channel.findtext("title") == settings.WAGTAIL_SITE_NAME
    assert channel.findtext("link") == f"http://{PORTAL}/"
    links = {item.findtext("link"): item.findtext("description") for item in items(channel)}
    assert links == {
        f"http://{first.site.hostname}/berita/{first_post.slug}/": "KIM Sinar Harapan: Desa bersiap lomba.",
        f"http://{second.site.hostname}/berita/{second_post.slug}/": "KIM Pantai Indah: Wisata pantai ramai.",
    }

    set_kim_status(Kim.objects.get(pk=second.pk), Kim.Status.SUSPENDED)
    assert [item.findtext("link") for item in items(fetch(client, PORTAL))] == [
        f"http://{first.site.hostname}/berita/{first_post.slug}/"
    ]


def test_cover_image_is_announced_as_media_content_on_the_kims_host(client, two_kims):
    kim, _other = two_kims
    make_post(kim, "Bibit mangrove", cover=make_image(size=(1600, 1000)))
    make_post(kim, "Tanpa gambar")

    with_cover, without_cover = sorted(items(fetch(client, kim.site.hostname)), key=lambda i: i.findtext("title"))
    media = with_cover.find(f"{MEDIA}content")
    assert media.get("url").startswith(f"http://{kim.site.hostname}/media/images/")
    assert (media.get("width"), media.get("height"), media.get("medium")) == ("1200", "630", "image")
    assert media.get("type") == "image/jpeg"
    assert without_cover.find(f"{MEDIA}content") is None


def test_english_feed_is_in_english(client, two_kims):
    kim, _other = two_kims
    make_post(kim, "Kabar desa")

    channel = fetch(client, kim.site.hostname, "/en/feed/")
    assert channel.findtext("language") == "en"
    assert channel.findtext("title") == "News from KIM Sinar Harapan"
    assert channel.find("{http://www.w3.org/2005/Atom}link").get("href") == f"http://{kim.site.hostname}/en/feed/"
    # Untranslated posts fall back to Indonesian, at their Indonesian URL.
    assert [item.findtext("title") for item in items(channel)] == ["Kabar desa"]


def test_portal_feed_costs_the_same_number_of_queries_however_many_kims_it_shows(client, two_kims, settings):
    settings.KIM_PAGE_CACHE_ENABLED = False  # measure the feed itself, not the anonymous page cache
    first, second = two_kims
    make_post(first, "Kabar satu")

    def count_queries():
        fetch(client, PORTAL)  # warm: the sites changed since the last request
        with CaptureQueriesContext(connection) as queries:
            fetch(client, PORTAL)
        return len(queries)

    one_kim = count_queries()
    make_post(second, "Kabar dua")
    make_post(make_kim(name="KIM Ketiga", regency="pangkalpinang"), "Kabar tiga")
    assert count_queries() == one_kim
