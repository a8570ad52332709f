"""JSON-LD: Organization and WebSite (with its search) on the homes, BreadcrumbList on inner pages
matching the visible breadcrumb, NewsArticle on posts with WIB times; one block per page."""

import datetime
import json
from urllib.parse import urljoin

import pytest
from bs4 import BeautifulSoup

from wagtail.models import Site

from kim_sites.models import KimSiteSettings
from tests.factories.pages import make_post
from tests.factories.registry import make_kim
from tests.support.clock import wib
from tests.support.http import get

pytestmark = pytest.mark.django_db

PORTAL = "portal.kim.test"


def parse(response):
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content, "html.parser")


def graph(page):
    (script,) = page.find_all("script", type="application/ld+json")
    data = json.loads(script.string)
    assert data["@context"] == "https://schema.org"
    return {node["@type"]: node for node in data["@graph"]}


@pytest.fixture
def kim():
    kim = make_kim("bangka", name="KIM Sinar Baru", village="Sinar Baru", district="Sungailiat")
    site_settings = KimSiteSettings.for_site(kim.site)
    site_settings.facebook_url = "https://www.facebook.com/kimsinarbaru"
    site_settings.save()
    return kim


def test_a_kim_home_describes_its_organization_and_website_with_a_working_search(client, kim):
    make_post(kim, "Panen lada putih", summary="Warga memanen lada.")
    nodes = graph(parse(get(client, kim, "/")))
    root = f"http://{kim.site.hostname}/"

    assert set(nodes) == {"Organization", "WebSite"}
    organization, website = nodes["Organization"], nodes["WebSite"]
    assert organization["name"] == "KIM Sinar Baru" and organization["url"] == root
    assert organization["sameAs"] == ["https://www.facebook.com/kimsinarbaru"]
    assert organization["address"]["addressRegion"] == "Kabupaten Bangka"
    assert website["url"] == root and website["publisher"] == {"@id": organization["@id"]}
    action = website["potentialAction"]
    assert action["@type"] == "SearchAction" and action["query-input"] == "required name=query"
    template = action["target"]["urlTemplate"]
    assert template == f"{root}search/?query={{query}}"
    results = parse(get(client, kim, template.replace("{query}", "lada").removeprefix(root[:-1])))
    assert "Panen lada putih" in results.get_text()


def test_the_portal_home_describes_the_portal(client, kim):
    portal = Site.objects.get(is_default_site=True)
    portal.hostname = PORTAL
    portal.save()
    nodes = graph(parse(get(client, PORTAL, "/")))
    assert nodes["Organization"]["name"] == "KIM Kepulauan Bangka Belitung"
    assert nodes["WebSite"]["url"] == f"http://{PORTAL}/"
    assert nodes["WebSite"]["potentialAction"]["target"]["urlTemplate"] == f"http://{PORTAL}/search/?query={{query}}"


def test_a_posts_breadcrumb_list_matches_its_visible_breadcrumb(client, kim):
    make_post(kim, "Kerja bakti", slug="kerja-bakti", category="kegiatan")
    response = get(client, kim, "/berita/kerja-bakti/")
    page = parse(response)
    nodes = graph(page)
    assert set(nodes) == {"NewsArticle", "BreadcrumbList"}

    items = nodes["BreadcrumbList"]["itemListElement"]
    base = f"http://{kim.site.hostname}/berita/kerja-bakti/"
    visible = [(a.get_text(strip=True), urljoin(base, a["href"])) for a in page.select("nav.breadcrumb a")]
    assert [(item["name"], item["item"]) for item in items[:-1]] == visible
    assert visible == [
        ("Beranda", f"http://{kim.site.hostname}/"),
        ("Berita & Kegiatan", f"http://{kim.site.hostname}/berita/"),
        ("Kegiatan", f"http://{kim.site.hostname}/berita/?kategori=kegiatan"),
    ]
    assert items[-1] == {"@type": "ListItem", "position": 4, "name": "Kerja bakti", "item": base}
    assert [item["position"] for item in items] == [1, 2, 3, 4]


@pytest.mark.parametrize("path,trail", [("/profil/", ["Beranda", "Profil"]), ("/agenda/", ["Beranda", "Agenda"])])
def test_inner_pages_carry_a_breadcrumb_list_and_no_home_markup(client, kim, path, trail):
    nodes = graph(parse(get(client, kim, path)))
    assert set(nodes) == {"BreadcrumbList"}
    items = nodes["BreadcrumbList"]["itemListElement"]
    assert [item["name"] for item in items] == trail
    assert items[-1]["item"] == f"http://{kim.site.hostname}{path}"


def test_a_post_dated_on_the_day_it_went_live_is_published_at_that_moment_in_wib(client, kim):
    # 02:30 UTC is 09:30 WIB, the same day.
    make_post(kim, "Rapat pagi", date=datetime.date(2026, 3, 2), at=wib(2026, 3, 2, 9, 30))
    page = parse(get(client, kim, "/berita/rapat-pagi/"))
    article = graph(page)["NewsArticle"]
    assert article["datePublished"] == "2026-03-02T09:30:00+07:00"
    assert article["dateModified"] == "2026-03-02T09:30:00+07:00"
    published = page.find("meta", attrs={"property": "article:published_time"})["content"]
    assert published == "2026-03-02T09:30:00+07:00"


def test_a_post_dated_another_day_is_published_at_midnight_wib(client, kim):
    make_post(kim, "Laporan lama", date=datetime.date(2026, 2, 20), at=wib(2026, 3, 2, 23, 45))
    article = graph(parse(get(client, kim, "/berita/laporan-lama/")))["NewsArticle"]
    assert article["datePublished"] == "2026-02-20T00:00:00+07:00"
    assert article["dateModified"] == "2026-03-02T23:45:00+07:00"


def test_the_article_names_its_author_image_and_publisher(client, kim, editor):
    editor.first_name, editor.last_name = "Siti", "Aminah"
    editor.save()
    make_post(kim, "Kabar desa", owner=editor)
    article = graph(parse(get(client, kim, "/berita/kabar-desa/")))["NewsArticle"]
    assert article["author"] == {"@type": "Person", "name": "Siti Aminah"}
    assert article["publisher"]["name"] == "KIM Sinar Baru"
    assert article["image"][0].startswith(f"http://{kim.site.hostname}/media/kim-brand/card-")
    assert editor.email not in json.dumps(article)
