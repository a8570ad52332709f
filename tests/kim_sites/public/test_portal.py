"""The provincial portal: latest approved posts of every KIM, figures and the KIM directory."""

import datetime

import pytest
from bs4 import BeautifulSoup

from django.utils import timezone

from kim_sites.models import Kim
from kim_sites.registry.provisioning import set_kim_status
from tests.factories.media import make_image
from tests.factories.pages import make_post
from tests.factories.registry import make_kim
from tests.support.clock import clock, wib
from tests.support.http import get

pytestmark = pytest.mark.django_db

PORTAL = "portal.kim.test"


def parse(response):
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content, "html.parser")


def cards(page):
    return [(a.get_text(strip=True), a["href"]) for a in page.select(".card-title a")]


@pytest.fixture
def kims():
    jada = make_kim("bangka", name="KIM Jada Bahrin", village="Jada Bahrin", district="Merawang")
    sinar = make_kim("bangka", name="KIM Sinar Baru", village="Sinar Baru", district="Sungailiat")
    terong = make_kim("belitung", name="KIM Terong", village="Terong", district="Sijuk")
    return jada, sinar, terong


def test_portal_lists_latest_posts_of_every_kim_with_absolute_links(client, kims):
    jada, sinar, terong = kims
    today = timezone.localdate()
    make_post(jada, "Lada Jada Bahrin", date=today - datetime.timedelta(days=2), category="potensi-desa")
    make_post(sinar, "Posyandu Sinar Baru", date=today - datetime.timedelta(days=1), category="pengumuman")
    make_post(terong, "Wisata Terong", date=today, category="potensi-desa", cover=make_image(terong, "Pantai"))
    make_post(terong, "Draf Terong", live=False)

    page = parse(get(client, PORTAL, "/"))

    assert cards(page) == [
        ("Wisata Terong", f"http://{terong.site.hostname}/berita/wisata-terong/"),
        ("Posyandu Sinar Baru", f"http://{sinar.site.hostname}/berita/posyandu-sinar-baru/"),
        ("Lada Jada Bahrin", f"http://{jada.site.hostname}/berita/lada-jada-bahrin/"),
    ]
    kim_lines = [p.get_text(strip=True) for p in page.select(".card-kim")]
    assert kim_lines[0] == "KIM Terong · Kabupaten Belitung"
    assert "Draf Terong" not in page.get_text()
    # And the link really serves the post on the KIM's own host.
    assert get(client, terong, "/berita/wisata-terong/").status_code == 200


def test_portal_filters_by_regency_and_category(client, kims):
    jada, sinar, terong = kims
    make_post(jada, "Lada Jada Bahrin", category="potensi-desa")
    make_post(sinar, "Posyandu Sinar Baru", category="pengumuman")
    make_post(terong, "Wisata Terong", category="potensi-desa")

    titles = lambda query: [title for title, _ in cards(parse(get(client, PORTAL, "/" + query)))]  # noqa: E731
    assert sorted(titles("?kabupaten=bangka")) == ["Lada Jada Bahrin", "Posyandu Sinar Baru"]
    assert sorted(titles("?kategori=potensi-desa")) == ["Lada Jada Bahrin", "Wisata Terong"]
    assert titles("?kabupaten=belitung&kategori=potensi-desa") == ["Wisata Terong"]
    assert titles("?kabupaten=belitung&kategori=pengumuman") == []
    page = parse(get(client, PORTAL, "/?kabupaten=atlantis"))
    assert "Kabupaten/kota “atlantis” tidak dikenal." in page.select_one(".notice").get_text()
    assert len(cards(page)) == 3
    selected = page.select_one("#filter-kabupaten option[selected]")
    assert selected is None


def test_suspended_kims_disappear_from_the_portal(client, kims):
    jada, sinar, _ = kims
    make_post(jada, "Kabar Jada Bahrin")
    make_post(sinar, "Kabar Sinar Baru")
    set_kim_status(sinar, Kim.Status.SUSPENDED)

    page = parse(get(client, PORTAL, "/"))

    assert [title for title, _ in cards(page)] == ["Kabar Jada Bahrin"]
    assert page.select_one("#figure-kims").get_text() == "2"
    directory = parse(get(client, PORTAL, "/direktori/"))
    assert "KIM Sinar Baru" not in directory.get_text()


def test_portal_paginates(client, kims):
    jada = kims[0]
    for i in range(14):
        make_post(jada, f"Kabar {i:02d}", date=timezone.localdate() - datetime.timedelta(days=i))
    first = parse(get(client, PORTAL, "/?kabupaten=bangka"))
    second = parse(get(client, PORTAL, "/?kabupaten=bangka&page=2"))
    assert len(cards(first)) == 12
    assert [title for title, _ in cards(second)] == ["Kabar 12", "Kabar 13"]
    assert first.select_one(".pagination a[rel=next]")["href"] == "?kabupaten=bangka&page=2"


def test_portal_lists_no_further_than_its_last_counted_page(client, kims, monkeypatch):
    from kim_sites.public import listings

    monkeypatch.setattr(listings, "PORTAL_MAX_PAGES", 2)
    jada = kims[0]
    for i in range(30):
        make_post(jada, f"Kabar {i:02d}", date=timezone.localdate() - datetime.timedelta(days=i))

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        first = parse(get(client, PORTAL, "/"))
    assert "Halaman 1 dari 2" in first.select_one(".pagination").get_text()
    # The count reads at most the rows of the pages it lists, not every post.
    counts = [q["sql"] for q in queries.captured_queries if "COUNT(*)" in q["sql"] and "LIMIT 24" in q["sql"]]
    assert len(counts) == 1, [q["sql"] for q in queries.captured_queries if "COUNT(" in q["sql"]]
    # Past the end: the last listed page, newest first still.
    last = parse(get(client, PORTAL, "/?page=9"))
    assert [title for title, _ in cards(last)][0] == "Kabar 12"
    assert "Halaman 2 dari 2" in last.select_one(".pagination").get_text()
    # Filtering reaches further: a regency's own posts are counted the same way.
    assert "Halaman 1 dari 2" in parse(get(client, PORTAL, "/?kabupaten=bangka")).select_one(".pagination").get_text()


def test_portal_figures(client, kims):
    jada, sinar, terong = kims
    today = timezone.localdate()
    make_post(jada, "Hari ini", date=today)
    make_post(sinar, "Sebulan lalu", date=today - datetime.timedelta(days=29))
    make_post(terong, "Terlalu lama", date=today - datetime.timedelta(days=30))
    make_post(terong, "Draf hari ini", date=today, live=False)

    page = parse(get(client, PORTAL, "/"))

    assert page.select_one("#figure-kims").get_text() == "3"
    assert page.select_one("#figure-regencies").get_text() == "2"
    assert page.select_one("#figure-posts-recent").get_text() == "2"
    label = page.select_one("#figure-posts-recent").find_next_sibling(class_="figure-label").get_text()
    assert label == "tulisan 30 hari terakhir"


def test_portal_figure_is_not_zero_on_the_first_of_the_month(client, kims):
    # On 1 March the calendar month has no post yet; the last 30 days still hold February's.
    jada, sinar, _terong = kims
    make_post(jada, "Akhir Februari", date=datetime.date(2026, 2, 28))
    make_post(sinar, "Pertengahan Februari", date=datetime.date(2026, 2, 10))
    make_post(sinar, "Januari", date=datetime.date(2026, 1, 20))

    with clock(wib(2026, 3, 1, 0, 5)):
        page = parse(get(client, PORTAL, "/"))

    assert page.select_one("#figure-posts-recent").get_text() == "2"
    assert "bulan ini" not in page.select_one(".figures").get_text()


def test_portal_query_count_does_not_grow_with_kims(client, kims):
    for kim in kims:
        make_post(kim, f"Kabar {kim.name}", cover=make_image(kim, f"Sampul {kim.name}"))
    get(client, PORTAL, "/")  # renditions are made on the first view

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        parse(get(client, PORTAL, "/"))
    for i in range(6):
        kim = make_kim("pangkalpinang", name=f"KIM Tambahan {i}")
        make_post(kim, f"Kabar tambahan {i}", cover=make_image(kim, f"Sampul tambahan {i}"))
    get(client, PORTAL, "/")
    with CaptureQueriesContext(connection) as many:
        page = parse(get(client, PORTAL, "/"))
    assert len(cards(page)) == 9
    assert len(many) == len(few), [q["sql"] for q in many.captured_queries]


def test_directory_groups_kims_by_regency_and_district_and_searches(client, kims):
    page = parse(get(client, PORTAL, "/direktori/"))
    regencies = [h.get_text(strip=True) for h in page.select(".directory-regency > h2")]
    assert regencies == ["Kabupaten Bangka", "Kabupaten Belitung"]
    bangka = page.select_one("#regency-bangka").parent
    assert [h.get_text(strip=True) for h in bangka.find_all("h3")] == ["Kecamatan Merawang", "Kecamatan Sungailiat"]
    links = {a.get_text(strip=True): a["href"] for a in page.select(".kim-list a")}
    assert links["KIM Terong"] == f"http://{kims[2].site.hostname}/"

    found = parse(get(client, PORTAL, "/direktori/?q=sungai"))
    assert [a.get_text(strip=True) for a in found.select(".kim-list a")] == ["KIM Sinar Baru"]
    found = parse(get(client, PORTAL, "/direktori/?q=terong&kabupaten=bangka"))
    assert found.select(".kim-list a") == []
    assert "Tidak ada KIM yang cocok" in found.get_text()
    found = parse(get(client, PORTAL, "/direktori/?kabupaten=belitung"))
    assert [a.get_text(strip=True) for a in found.select(".kim-list a")] == ["KIM Terong"]


def test_directory_is_only_on_the_portal(client, kims):
    assert get(client, kims[0], "/direktori/").status_code == 404


def test_directory_language_switcher_stays_in_the_directory(client, kims):
    from home.models import PortalHomePage
    from tests.factories.pages import translate

    translate(PortalHomePage.objects.get(), title="KIM portal", slug="portal-en")
    page = parse(get(client, PORTAL, "/direktori/"))
    link = page.select_one(".language-switcher a[hreflang=en]")
    assert link["href"].endswith("/en/direktori/")
    from urllib.parse import urlsplit

    url = urlsplit(link["href"])
    english = parse(get(client, url.netloc, url.path))
    assert english.html["lang"] == "en"
    assert english.find("h1").get_text(strip=True) == "KIM directory"
