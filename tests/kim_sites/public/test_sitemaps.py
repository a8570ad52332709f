"""sitemap.xml and robots.txt per host: own live public pages only, on the host's own URLs."""

import datetime
import xml.etree.ElementTree as ET

import pytest

from django.conf import settings
from django.utils import timezone

from wagtail.models import Locale

from kim_sites.models import Kim
from kim_sites.registry.provisioning import set_kim_status
from tests.factories.pages import make_post, restrict, section
from tests.factories.registry import make_kim, use_portal_hostname

pytestmark = pytest.mark.django_db

PORTAL = settings.PORTAL_HOSTNAME
NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


def locations(client, host, path="/sitemap.xml", **params):
    response = client.get(path, params, HTTP_HOST=host)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    return [loc.text for loc in ET.fromstring(response.content).iter(f"{NS}loc")]


def robots(client, host):
    response = client.get("/robots.txt", HTTP_HOST=host)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    return response.content.decode().splitlines()


@pytest.fixture
def two_kims():
    use_portal_hostname()
    return make_kim(name="KIM Sinar Harapan"), make_kim(name="KIM Pantai Indah", regency="belitung")


def test_kim_sitemap_lists_its_own_live_public_pages_on_its_own_host(client, two_kims):
    kim, other = two_kims
    post = make_post(kim, "Panen lada")
    draft = make_post(kim, "Draf", live=False)
    private = make_post(kim, "Rapat internal")
    restrict(private)
    restrict(section(kim, "galeri"))
    make_post(other, "Kabar tetangga")

    host = f"http://{kim.site.hostname}"
    assert locations(client, kim.site.hostname) == [
        f"{host}/",
        f"{host}/berita/",
        f"{host}/berita/{post.slug}/",
        f"{host}/profil/",
        f"{host}/agenda/",
        f"{host}/aspirasi/",
    ]
    assert f"{host}/berita/{draft.slug}/" not in locations(client, kim.site.hostname)


def test_live_english_translations_are_listed_at_their_english_urls(client, two_kims):
    kim, _other = two_kims
    english = Locale.objects.get_or_create(language_code="en")[0]
    post = make_post(kim, "Festival budaya")
    translation = post.copy_for_translation(english, copy_parents=True)
    english_url = f"http://{kim.site.hostname}/en/berita/{translation.slug}/"
    assert english_url not in locations(client, kim.site.hostname)

    translation.save_revision().publish()
    urls = locations(client, kim.site.hostname)
    assert english_url in urls
    assert f"http://{kim.site.hostname}/berita/{post.slug}/" in urls
    # Every English URL is on the KIM's own host, under /en/.
    assert all(url.startswith(f"http://{kim.site.hostname}/") for url in urls)


def test_portal_sitemap_lists_the_portals_own_pages(client, two_kims):
    kim, _other = two_kims
    make_post(kim, "Panen lada")
    assert locations(client, PORTAL) == [f"http://{PORTAL}/", f"http://{PORTAL}/direktori/"]


def test_portal_indexes_the_sitemaps_of_active_kims_page_by_page(client, two_kims, settings):
    settings.KIM_PAGE_CACHE_ENABLED = False  # the page size changes below without any content change
    first, second = two_kims
    suspended = make_kim(name="KIM Ditangguhkan", regency="pangkalpinang")
    set_kim_status(Kim.objects.get(pk=suspended.pk), Kim.Status.SUSPENDED)

    assert locations(client, PORTAL, "/sitemap-kim.xml") == [
        f"http://{first.site.hostname}/sitemap.xml",
        f"http://{second.site.hostname}/sitemap.xml",
    ]

    settings.KIM_SITEMAPS_PER_INDEX_PAGE = 1
    assert locations(client, PORTAL, "/sitemap-kim.xml") == [f"http://{first.site.hostname}/sitemap.xml"]
    assert locations(client, PORTAL, "/sitemap-kim.xml", p="2") == [f"http://{second.site.hostname}/sitemap.xml"]
    for bad in ("3", "0", "abc"):
        assert client.get("/sitemap-kim.xml", {"p": bad}, HTTP_HOST=PORTAL).status_code == 404
    # The index is the portal's alone.
    assert client.get("/sitemap-kim.xml", HTTP_HOST=first.site.hostname).status_code == 404


def test_robots_txt_points_each_host_at_its_own_sitemap(client, two_kims, settings):
    kim, _other = two_kims
    lines = robots(client, kim.site.hostname)
    assert "User-agent: *" in lines
    assert "Disallow: /admin/" in lines and "Disallow: /search/" in lines and "Disallow: /en/search/" in lines
    assert [line for line in lines if line.startswith("Sitemap:")] == [
        f"Sitemap: http://{kim.site.hostname}/sitemap.xml"
    ]

    settings.KIM_SITEMAPS_PER_INDEX_PAGE = 1
    assert [line for line in robots(client, PORTAL) if line.startswith("Sitemap:")] == [
        f"Sitemap: http://{PORTAL}/sitemap.xml",
        f"Sitemap: http://{PORTAL}/sitemap-kim.xml",
        f"Sitemap: http://{PORTAL}/sitemap-kim.xml?p=2",
    ]


def entries(client, host, **params):
    """{location: (lastmod, {hreflang: href})} of a sitemap."""
    response = client.get("/sitemap.xml", params, HTTP_HOST=host)
    assert response.status_code == 200
    result = {}
    for url in ET.fromstring(response.content).iter(f"{NS}url"):
        lastmod = url.find(f"{NS}lastmod")
        alternates = {link.get("hreflang"): link.get("href") for link in url.iter(f"{XHTML}link")}
        assert all(link.get("rel") == "alternate" for link in url.iter(f"{XHTML}link"))
        result[url.find(f"{NS}loc").text] = (lastmod.text if lastmod is not None else None, alternates)
    return result


def test_every_url_has_a_lastmod_and_lists_show_their_newest_post(client, two_kims):
    kim, _other = two_kims
    make_post(kim, "Kabar lama", at=timezone.make_aware(datetime.datetime(2026, 3, 1, 9)))
    make_post(kim, "Kabar baru", at=timezone.make_aware(datetime.datetime(2026, 11, 20, 9)))
    profile = section(kim, "profil")
    type(profile).objects.filter(pk=profile.pk).update(
        last_published_at=None, latest_revision_created_at=None, first_published_at=None
    )
    urls = entries(client, kim.site.hostname)
    host = f"http://{kim.site.hostname}"
    assert all(lastmod for lastmod, _alternates in urls.values()), urls
    assert urls[f"{host}/berita/kabar-lama/"][0] == "2026-03-01"
    assert urls[f"{host}/berita/kabar-baru/"][0] == "2026-11-20"
    # The index and the home show the newest post, so they changed when it was published.
    assert urls[f"{host}/berita/"][0] == urls[f"{host}/"][0] == "2026-11-20"
    # A page with no date of its own gets its site's newest.
    assert urls[f"{host}/profil/"][0] == "2026-11-20"


def test_portal_lists_its_directory_with_the_last_registration_as_lastmod(client, two_kims):
    _kim, other = two_kims
    Kim.objects.filter(pk=other.pk).update(created_at=timezone.make_aware(datetime.datetime(2030, 1, 2, 8)))
    urls = entries(client, PORTAL)
    assert urls[f"http://{PORTAL}/direktori/"][0] == "2030-01-02"
    assert client.get("/direktori/", HTTP_HOST=PORTAL).status_code == 200


def test_translated_pages_name_each_other_with_hreflang(client, two_kims):
    kim, _other = two_kims
    english = Locale.objects.get_or_create(language_code="en")[0]
    post = make_post(kim, "Festival budaya")
    translation = post.copy_for_translation(english, copy_parents=True)
    translation.save_revision().publish()
    lonely = make_post(kim, "Hanya bahasa Indonesia")

    host = f"http://{kim.site.hostname}"
    indonesian, english_url = f"{host}/berita/{post.slug}/", f"{host}/en/berita/{translation.slug}/"
    urls = entries(client, kim.site.hostname)
    expected = {"id": indonesian, "en": english_url, "x-default": indonesian}
    assert urls[indonesian][1] == expected
    assert urls[english_url][1] == expected
    assert urls[f"{host}/berita/{lonely.slug}/"][1] == {}


def test_the_pages_of_a_post_index_that_exist_are_listed(client, two_kims, monkeypatch):
    kim, _other = two_kims
    monkeypatch.setattr("kim_sites.public.listings.POSTS_PER_PAGE", 2)
    for n in range(5):
        make_post(kim, f"Kabar {n}")
    host = f"http://{kim.site.hostname}"
    urls = locations(client, kim.site.hostname)
    assert f"{host}/berita/?page=2" in urls and f"{host}/berita/?page=3" in urls
    assert f"{host}/berita/?page=4" not in urls
    # What the sitemap names is there.
    last = client.get("/berita/", {"page": 3}, HTTP_HOST=kim.site.hostname)
    assert last.status_code == 200 and "Kabar 0" in last.content.decode()


def test_a_long_sitemap_is_served_page_by_page_and_named_in_robots(client, two_kims, settings):
    settings.KIM_PAGE_CACHE_ENABLED = False
    settings.KIM_SITEMAP_URLS_PER_PAGE = 4
    kim, _other = two_kims
    host = kim.site.hostname
    first = locations(client, host)
    second = locations(client, host, p="2")
    assert len(first) == 4 and second and not set(first) & set(second)
    assert first == locations(client, host, p="1")
    for bad in ("3", "0", "abc"):
        assert client.get("/sitemap.xml", {"p": bad}, HTTP_HOST=host).status_code == 404
    assert [line for line in robots(client, host) if line.startswith("Sitemap:")] == [
        f"Sitemap: http://{host}/sitemap.xml",
        f"Sitemap: http://{host}/sitemap.xml?p=2",
    ]
