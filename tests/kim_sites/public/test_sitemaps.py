"""sitemap.xml and robots.txt per host: own live public pages only, on the host's own URLs."""

import xml.etree.ElementTree as ET

import pytest

from django.conf import settings

from wagtail.models import Locale

from kim_sites.models import Kim
from kim_sites.registry.provisioning import set_kim_status
from tests.factories.pages import make_post, restrict, section
from tests.factories.registry import make_kim, use_portal_hostname

pytestmark = pytest.mark.django_db

PORTAL = settings.PORTAL_HOSTNAME
NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


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
    assert locations(client, PORTAL) == [f"http://{PORTAL}/"]


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
