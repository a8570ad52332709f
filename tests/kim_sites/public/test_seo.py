"""Canonical URLs, sharing tags and JSON-LD; pages answer only on their own KIM's host."""

import datetime
import json

import pytest
from bs4 import BeautifulSoup

from kim_sites.models import KimSiteSettings
from tests.factories.media import make_image
from tests.factories.pages import home_of, make_post, post_index, translate
from tests.factories.registry import make_kim
from tests.support.http import get

pytestmark = pytest.mark.django_db


def parse(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def meta(page, prop):
    tag = page.find("meta", attrs={"property": prop}) or page.find("meta", attrs={"name": prop})
    return tag["content"] if tag else None


def json_ld(page, node_type="NewsArticle"):
    """The one node of `node_type` in the page's one JSON-LD block (an @graph)."""
    scripts = page.find_all("script", type="application/ld+json")
    assert len(scripts) == 1
    data = json.loads(scripts[0].string)
    assert data["@context"] == "https://schema.org"
    (node,) = [node for node in data["@graph"] if node["@type"] == node_type]
    return node


@pytest.fixture
def kim():
    return make_kim("bangka", name="KIM Sinar Baru", village="Sinar Baru", district="Sungailiat")


@pytest.fixture
def post(kim):
    return make_post(
        kim,
        "Pelatihan jurnalistik warga",
        category="kegiatan",
        date=datetime.date(2023, 12, 11),
        cover=make_image(kim, "Sampul pelatihan", size=(1600, 900)),
        cover_alt="Pemuda belajar menulis berita",
        summary="Dua puluh pemuda belajar menulis berita.",
        tags=["literasi digital"],
    )


def test_post_has_canonical_open_graph_and_twitter_tags_on_its_own_host(client, kim, post):
    page = parse(get(client, kim, "/berita/pelatihan-jurnalistik-warga/"))
    canonical = f"http://{kim.site.hostname}/berita/pelatihan-jurnalistik-warga/"

    assert page.find("link", rel="canonical")["href"] == canonical
    assert meta(page, "og:url") == canonical
    assert meta(page, "og:type") == "article"
    assert meta(page, "og:title") == "Pelatihan jurnalistik warga"
    assert meta(page, "og:description") == "Dua puluh pemuda belajar menulis berita."
    assert meta(page, "description") == "Dua puluh pemuda belajar menulis berita."
    assert meta(page, "og:site_name") == "KIM Sinar Baru"
    assert meta(page, "og:locale") == "id_ID"
    # Dated on another day than it went live: the post's day at 00:00 WIB (kim_sites/dates.py).
    assert meta(page, "article:published_time") == "2023-12-11T00:00:00+07:00"
    assert meta(page, "article:modified_time").endswith("+07:00")
    image = meta(page, "og:image")
    assert image.startswith(f"http://{kim.site.hostname}/media/images/") and "fill-1200x630" in image
    assert meta(page, "og:image:width") == "1200" and meta(page, "og:image:height") == "630"
    assert meta(page, "og:image:alt") == "Pemuda belajar menulis berita"
    assert meta(page, "twitter:card") == "summary_large_image"
    assert meta(page, "twitter:image") == image


def test_post_carries_valid_news_article_json_ld(client, kim, post):
    site_settings = KimSiteSettings.for_site(kim.site)
    site_settings.logo = make_image(kim, "Logo", size=(300, 300))
    site_settings.save()

    data = json_ld(parse(get(client, kim, "/berita/pelatihan-jurnalistik-warga/")))

    url = f"http://{kim.site.hostname}/berita/pelatihan-jurnalistik-warga/"
    assert data["headline"] == "Pelatihan jurnalistik warga"
    assert data["datePublished"] == "2023-12-11T00:00:00+07:00"
    assert data["dateModified"].startswith(str(post.last_published_at.year))
    assert data["dateModified"].endswith("+07:00")
    assert data["mainEntityOfPage"] == {"@type": "WebPage", "@id": url}
    assert data["url"] == url
    assert data["inLanguage"] == "id"
    assert data["articleSection"] == "Kegiatan"
    assert data["keywords"] == "literasi digital"
    assert data["image"][0].startswith(f"http://{kim.site.hostname}/media/images/")
    assert data["publisher"]["name"] == "KIM Sinar Baru"
    assert data["publisher"]["logo"]["url"].startswith(f"http://{kim.site.hostname}/media/images/")


def test_json_ld_cannot_be_broken_out_of(client, kim):
    make_post(
        kim, 'Judul </script><script>alert("x")</script> & co', slug="judul-berbahaya", summary="<b>tebal</b>", body=[]
    )
    response = get(client, kim, "/berita/judul-berbahaya/")
    html = response.content.decode()
    script = html.split('<script type="application/ld+json">', 1)[1].split("</script>", 1)[0]
    assert "<" not in script and ">" not in script
    data = json.loads(script)["@graph"][0]
    assert data["headline"] == 'Judul </script><script>alert("x")</script> & co'
    assert data["description"] == "<b>tebal</b>"
    assert '<script>alert("x")</script>' not in html


def test_pages_without_cover_share_the_kims_card_never_its_logo(client, kim):
    # The full chain (cover, share image, generated card) is in test_share.py.
    site_settings = KimSiteSettings.for_site(kim.site)
    site_settings.logo = make_image(kim, "Logo", size=(300, 300))
    site_settings.save()
    page = parse(get(client, kim, "/"))
    assert meta(page, "og:image").startswith(f"http://{kim.site.hostname}/media/kim-brand/card-")
    assert meta(page, "twitter:card") == "summary_large_image"
    assert meta(page, "og:type") == "website"
    assert page.find("link", rel="canonical")["href"] == f"http://{kim.site.hostname}/"


def test_paginated_index_pages_have_their_own_canonical(client, kim):
    for i in range(13):
        make_post(kim, f"Tulisan {i}")
    first = parse(get(client, kim, "/berita/"))
    second = parse(get(client, kim, "/berita/?page=2&utm_source=wa"))
    assert first.find("link", rel="canonical")["href"] == f"http://{kim.site.hostname}/berita/"
    assert second.find("link", rel="canonical")["href"] == f"http://{kim.site.hostname}/berita/?page=2"


def test_html_lang_is_indonesian(client, kim, post):
    for path in ["/", "/berita/", "/berita/pelatihan-jurnalistik-warga/", "/profil/", "/galeri/", "/agenda/"]:
        assert parse(get(client, kim, path)).html["lang"] == "id", path


def test_hreflang_only_where_a_translation_exists(client, kim, post):
    page = parse(get(client, kim, "/berita/pelatihan-jurnalistik-warga/"))
    assert page.find("link", hreflang=True) is None

    translate(home_of(kim), title="KIM Sinar Baru", tagline="Community information group")
    translate(post_index(kim), title="News", slug="news")
    translate(post, title="Citizen journalism training", slug="citizen-journalism-training")

    page = parse(get(client, kim, "/berita/pelatihan-jurnalistik-warga/"))
    host = f"http://{kim.site.hostname}"
    alternates = {link["hreflang"]: link["href"] for link in page.find_all("link", hreflang=True)}
    assert alternates == {
        "id": f"{host}/berita/pelatihan-jurnalistik-warga/",
        "en": f"{host}/en/news/citizen-journalism-training/",
        "x-default": f"{host}/berita/pelatihan-jurnalistik-warga/",
    }
    english = parse(get(client, kim, "/en/news/citizen-journalism-training/"))
    assert english.find("link", rel="canonical")["href"] == f"{host}/en/news/citizen-journalism-training/"
    assert {link["hreflang"] for link in english.find_all("link", hreflang=True)} == {"id", "en", "x-default"}
    assert meta(english, "og:locale") == "en_US"
    assert json_ld(english)["inLanguage"] == "en"


# --- Hosts -----------------------------------------------------------------------------------


def test_a_kim_page_is_served_only_under_its_own_host(client, kim, post):
    other = make_kim("belitung", name="KIM Terong")
    path = "/berita/pelatihan-jurnalistik-warga/"
    assert get(client, kim, path).status_code == 200
    assert get(client, other, path).status_code == 404
    assert get(client, "portal.kim.test", path).status_code == 404
    assert get(client, "tidak-terdaftar.kim.test", path).status_code == 404
    assert get(client, other, "/en" + path).status_code == 404


def test_another_kims_host_never_shows_this_kims_posts(client, kim, post):
    other = make_kim("belitung", name="KIM Terong")
    for path in ["/", "/berita/", "/berita/?tag=literasi-digital"]:
        assert "Pelatihan jurnalistik warga" not in get(client, other, path).content.decode()
