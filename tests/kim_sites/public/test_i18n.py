"""English at /en/ through translated pages; untranslated pages fall back to Indonesian."""

import pytest
from bs4 import BeautifulSoup

from tests.factories.pages import home_of, make_post, post_index, profile, translate
from tests.factories.registry import make_kim
from tests.support.http import get

pytestmark = pytest.mark.django_db


def parse(response):
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content, "html.parser")


@pytest.fixture
def kim():
    return make_kim("belitung", name="KIM Terong", village="Terong", district="Sijuk")


@pytest.fixture
def english_site(kim):
    """KIM Terong with an English home, news index and one translated post."""
    post = make_post(kim, "Panen lada putih", category="potensi-desa", tags=["lada"])
    make_post(kim, "Posyandu balita", category="pengumuman")
    translate(home_of(kim), title="KIM Terong", tagline="Community information group of Terong")
    translate(post_index(kim), title="News", slug="news")
    translate(post, title="White pepper harvest", slug="white-pepper-harvest", summary="Farmers harvest pepper.")
    return kim


def test_english_home_is_served_at_en(client, english_site):
    page = parse(get(client, english_site, "/en/"))
    assert page.html["lang"] == "en"
    assert "Community information group of Terong" in page.get_text()
    # Interface strings come from the English catalog.
    assert page.select_one("#latest-heading").get_text(strip=True) == "Latest news"
    assert page.select_one("a.skip-link").get_text(strip=True) == "Skip to main content"
    assert page.select_one("form[role=search]")["action"] == "/en/search/"
    # Only the English post is listed on the English home.
    assert [a.get_text(strip=True) for a in page.select(".card-title a")] == ["White pepper harvest"]
    nav = {a.get_text(strip=True): a["href"] for a in page.select(".site-nav a")}
    assert nav["Home"] == "/en/"
    assert nav["News"] == "/en/news/"
    # Untranslated sections link to their Indonesian pages.
    assert nav["Profil"] == "/profil/"


def test_english_post_and_its_language_switcher(client, english_site):
    page = parse(get(client, english_site, "/en/news/white-pepper-harvest/"))
    assert page.find("h1").get_text(strip=True) == "White pepper harvest"
    assert "Village potential" in page.select_one(".post-meta").get_text()
    switcher = {
        el.get_text(strip=True): el.get("href")
        for el in page.select(".language-switcher a, .language-switcher .current")
    }
    assert switcher == {
        "Bahasa Indonesia": f"http://{english_site.site.hostname}/berita/panen-lada-putih/",
        "English": None,
    }

    indonesian = parse(get(client, english_site, "/berita/panen-lada-putih/"))
    link = indonesian.select_one(".language-switcher a[hreflang=en]")
    assert link["href"] == f"http://{english_site.site.hostname}/en/news/white-pepper-harvest/"


def test_untranslated_page_under_en_redirects_to_the_indonesian_page(client, english_site):
    # The post exists only in Indonesian: /en/<its path>/ sends the visitor to the original.
    response = get(client, english_site, "/en/berita/posyandu-balita/")
    assert response.status_code == 302
    assert response["Location"] == "/berita/posyandu-balita/"
    assert get(client, english_site, "/berita/posyandu-balita/").status_code == 200
    # Untranslated section and its query string.
    response = get(client, english_site, "/en/profil/?utm_source=wa")
    assert response.status_code == 302 and response["Location"] == "/profil/?utm_source=wa"


def test_untranslated_page_has_no_language_switcher(client, english_site):
    # The site has English pages, but not this one: no switcher, no crossed-out "English".
    page = parse(get(client, english_site, "/berita/posyandu-balita/"))
    assert page.select_one(".language-switcher") is None
    assert "English" not in page.select_one(".site-header").get_text()
    assert page.find("link", hreflang=True) is None
    # Its translated neighbour keeps the switcher.
    translated = parse(get(client, english_site, "/berita/panen-lada-putih/"))
    assert translated.select_one(".language-switcher a[hreflang=en]") is not None


def test_a_kim_without_english_shows_no_language_switcher(client):
    kim = make_kim("bangka")
    make_post(kim, "Kabar desa")
    for path in ("/", "/berita/kabar-desa/", "/search/?query=desa", "/tidak-ada/"):
        response = get(client, kim, path)
        assert response.status_code == (404 if path == "/tidak-ada/" else 200), path
        page = BeautifulSoup(response.content, "html.parser")
        assert page.select_one(".language-switcher") is None, path
        assert page.find("link", hreflang=True) is None, path


def test_a_kim_without_english_redirects_en_to_indonesian(client):
    kim = make_kim("bangka")
    make_post(kim, "Kabar desa")
    response = get(client, kim, "/en/")
    assert response.status_code == 302 and response["Location"] == "/"
    response = get(client, kim, "/en/berita/kabar-desa/")
    assert response.status_code == 302 and response["Location"] == "/berita/kabar-desa/"


def test_unknown_english_paths_are_still_404(client, english_site):
    assert get(client, english_site, "/en/tidak-ada/").status_code == 404
    assert get(client, english_site, "/en/news/tidak-ada/").status_code == 404


def test_english_draft_is_never_served(client, english_site):
    page = profile(english_site)
    translated = page.copy_for_translation(page.locale.__class__.objects.get(language_code="en"))
    translated.title = "Profile draft"
    translated.save_revision()  # a draft, never published
    response = get(client, english_site, "/en/profil/")
    # Falls back to the Indonesian profile rather than showing the English draft.
    assert response.status_code == 302 and response["Location"] == "/profil/"
