"""Every page type of a KIM site renders its real content, and drafts never show."""

import datetime
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from django.conf import settings

from wagtail.models import PageViewRestriction

from kim_sites.models import AgendaEvent, KimSiteSettings, PengurusMember, PostPage
from tests.factories.media import make_image
from tests.factories.pages import agenda, gallery, home_of, make_post, profile
from tests.factories.registry import make_kim
from tests.support.clock import days
from tests.support.http import get

pytestmark = pytest.mark.django_db


def soup(response):
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content, "html.parser")


def card_titles(page_soup):
    return [a.get_text(strip=True) for a in page_soup.select(".card-title a")]


@pytest.fixture
def kim():
    return make_kim("bangka", name="KIM Jada Bahrin", village="Jada Bahrin", district="Merawang")


# --- KIM home --------------------------------------------------------------------------------


def test_home_shows_identity_latest_posts_agenda_and_profile(client, kim):
    make_post(kim, "Panen lada putih", category="potensi-desa", date=days(-2))
    make_post(kim, "Posyandu balita", category="pengumuman", date=days(-1))
    make_post(kim, "Rencana rahasia", live=False)
    events = agenda(kim)
    AgendaEvent.objects.create(page=events, title="Musyawarah dusun", date=days(3), location="Balai desa")
    AgendaEvent.objects.create(page=events, title="Acara lama", date=days(-3), location="Balai desa")
    prof = profile(kim)
    prof.vision = "Desa informatif dan maju"
    prof.save_revision().publish()
    PengurusMember.objects.create(page=prof, name="Rudi Saputra", role="ketua")

    page = soup(get(client, kim, "/"))

    assert page.find("h1").get_text(strip=True) == "KIM Jada Bahrin"
    assert "Kelompok Informasi Masyarakat Jada Bahrin, Kecamatan Merawang" in page.select_one(".brand").get_text()
    # Newest first; the draft never shows.
    assert card_titles(page) == ["Posyandu balita", "Panen lada putih"]
    assert "Rencana rahasia" not in page.get_text()
    agenda_text = page.select_one(".home-side").get_text(" ", strip=True)
    assert "Musyawarah dusun" in agenda_text
    assert "Acara lama" not in agenda_text
    assert "Desa informatif dan maju" in agenda_text
    assert "Rudi Saputra" in agenda_text
    # Navigation lists the KIM's sections, on its own host.
    nav = [a.get_text(strip=True) for a in page.select(".site-nav a")]
    assert nav == ["Beranda", "Berita & Kegiatan", "Profil", "Galeri", "Agenda", "Aspirasi"]


def test_base_template_contract(client, kim):
    page = soup(get(client, kim, "/"))
    assert page.html["lang"] == "id"
    skip = page.select_one("a.skip-link")
    assert skip["href"] == "#main" and page.find("main", id="main") is not None
    form = page.select_one("form[role=search]")
    assert form["action"] == "/search/"
    assert form.find("input", attrs={"name": "query"}) is not None
    assert form.find("label", attrs={"for": "search-query"}) is not None
    feed = page.find("link", rel="alternate", type="application/rss+xml")
    assert feed["href"] == "/feed/"
    assert page.find("header") and page.find("footer") and page.find("nav")


def test_site_settings_give_the_site_its_identity(client, kim):
    site_settings = KimSiteSettings.for_site(kim.site)
    site_settings.accent_color = "#f5c400"  # a light yellow: text on it must turn dark
    site_settings.logo = make_image(kim, "Logo KIM", size=(200, 200))
    site_settings.contact_phone = "0812-3456-7890"
    site_settings.contact_email = "kim@jadabahrin.id"
    site_settings.facebook_url = "https://www.facebook.com/kimjadabahrin"
    site_settings.footer_text = "Bersama membangun desa."
    site_settings.save()

    page = soup(get(client, kim, "/"))

    style = page.find("style").get_text()
    assert "--accent:#f5c400" in style
    assert "--on-accent:#000000" in style
    logo = page.select_one(".brand img")
    assert logo["alt"] == "" and "/media/images/" in logo["src"]
    footer = page.find("footer").get_text(" ", strip=True)
    assert "0812-3456-7890" in footer and "kim@jadabahrin.id" in footer and "Bersama membangun desa." in footer
    assert page.find("footer").find("a", href="https://www.facebook.com/kimjadabahrin") is not None
    assert page.find("footer").find("a", href="tel:0812-3456-7890") is not None


def test_settings_of_one_kim_never_show_on_another(client, kim):
    other = make_kim("bangka")
    site_settings = KimSiteSettings.for_site(kim.site)
    site_settings.footer_text = "Hanya untuk Jada Bahrin"
    site_settings.save()
    assert "Hanya untuk Jada Bahrin" not in get(client, other, "/").content.decode()


# --- Post index ------------------------------------------------------------------------------


def test_post_index_paginates_twelve_per_page_newest_first(client, kim):
    for i in range(14):
        make_post(kim, f"Tulisan nomor {i:02d}", date=days(-i))

    first = soup(get(client, kim, "/berita/"))
    second = soup(get(client, kim, "/berita/?page=2"))

    assert card_titles(first) == [f"Tulisan nomor {i:02d}" for i in range(12)]
    assert card_titles(second) == ["Tulisan nomor 12", "Tulisan nomor 13"]
    assert "Halaman 1 dari 2" in first.select_one(".pagination").get_text()
    assert first.select_one(".pagination a[rel=next]")["href"] == "?page=2"


@pytest.mark.parametrize(
    ("page_param", "expected_first"), [("abc", "Tulisan 00"), ("999", "Tulisan 12"), ("-1", "Tulisan 12")]
)
def test_bad_page_numbers_show_a_real_page(client, kim, page_param, expected_first):
    for i in range(13):
        make_post(kim, f"Tulisan {i:02d}", date=days(-i))
    page = soup(get(client, kim, f"/berita/?page={page_param}"))
    assert card_titles(page)[0] == expected_first


def test_post_index_filters_by_category_and_tag(client, kim):
    make_post(kim, "Kerupuk ikan", category="umkm", tags=["kerupuk", "ekonomi"])
    make_post(kim, "Lada putih", category="potensi-desa", tags=["lada", "ekonomi"])
    make_post(kim, "Rapat desa", category="berita")
    make_post(kim, "UMKM rahasia", category="umkm", tags=["ekonomi"], live=False)

    assert card_titles(soup(get(client, kim, "/berita/?kategori=umkm"))) == ["Kerupuk ikan"]
    assert sorted(card_titles(soup(get(client, kim, "/berita/?tag=ekonomi")))) == ["Kerupuk ikan", "Lada putih"]
    assert card_titles(soup(get(client, kim, "/berita/?tag=ekonomi&kategori=potensi-desa"))) == ["Lada putih"]
    page = soup(get(client, kim, "/berita/"))
    tag_links = [a.get_text(strip=True) for a in page.select(".filters.tags a")]
    # Tags of drafts are not advertised.
    assert tag_links == ["#ekonomi", "#kerupuk", "#lada"]
    current = page.select_one(".filters a[aria-current=page]")
    assert current.get_text(strip=True) == "Semua"


def test_post_index_folds_the_tags_so_the_first_post_comes_early(client, kim):
    make_post(kim, "Lada putih", category="potensi-desa", tags=[f"tag-{i}" for i in range(15)])
    for path in ("/berita/", "/berita/?tag=tag-3"):
        page = soup(get(client, kim, path))
        folded = page.select_one("details.tag-filter")
        # Closed, even with a tag chosen: its summary names the tag instead.
        assert folded is not None and not folded.has_attr("open"), path
        assert folded.select_one("summary").get_text(" ", strip=True).startswith("Saring menurut tag")
        assert len(folded.select(".filters.tags a")) == 15
        # Only the categories stand between the heading and the first post.
        chips = [a for a in page.select(".filters a") if not a.find_parent("details")]
        assert len(chips) == len(PostPage.Category.choices) + 1
    chosen = soup(get(client, kim, "/berita/?tag=tag-3")).select_one("details.tag-filter summary")
    assert "#tag-3" in chosen.get_text()


def test_unknown_category_is_explained_not_an_error(client, kim):
    make_post(kim, "Rapat desa")
    page = soup(get(client, kim, "/berita/?kategori=gosip"))
    assert "Kategori “gosip” tidak dikenal." in page.select_one(".notice").get_text()
    assert card_titles(page) == ["Rapat desa"]


def test_private_posts_never_appear_in_lists(client, kim):
    secret = make_post(kim, "Khusus pengurus")
    PageViewRestriction.objects.create(page=secret, restriction_type=PageViewRestriction.LOGIN)
    make_post(kim, "Untuk umum")
    assert card_titles(soup(get(client, kim, "/berita/"))) == ["Untuk umum"]
    assert card_titles(soup(get(client, kim, "/"))) == ["Untuk umum"]


# --- Post ------------------------------------------------------------------------------------


def test_post_page_shows_everything_a_reader_needs(client, kim):
    cover = make_image(kim, "Sampul gotong royong")
    photo = make_image(kim, "Foto parit", size=(600, 400))
    post = make_post(
        kim,
        "Gotong royong bersihkan parit",
        category="kegiatan",
        date=datetime.date(2023, 12, 11),
        tags=["gotong royong", "lingkungan"],
        cover=cover,
        cover_alt="Warga membersihkan parit desa",
        summary="Puluhan warga membersihkan parit.",
        body=[
            {"type": "paragraph", "value": "<p>Minggu pagi warga berkumpul di balai desa.</p>"},
            {"type": "quote", "value": {"text": "Kampung bersih, warga sehat.", "attribution": "Kepala Desa"}},
            {
                "type": "image",
                "value": {"image": photo.pk, "alt_text": "Parit yang sudah bersih", "caption": "Sesudah"},
            },
            {
                "type": "gallery",
                "value": {
                    "title": "Suasana",
                    "images": [{"image": photo.pk, "alt_text": "Suasana kerja", "caption": ""}],
                },
            },
            {"type": "youtube", "value": {"url": "https://youtu.be/aqz-KE-bpKQ", "title": "Video kegiatan"}},
        ],
    )

    page = soup(get(client, kim, post.url))

    assert page.find("h1").get_text(strip=True) == "Gotong royong bersihkan parit"
    meta = page.select_one(".post-meta").get_text(" ", strip=True)
    assert "Senin, 11 Desember 2023" in meta and "Kegiatan" in meta
    assert page.select_one(".post-meta time")["datetime"] == "2023-12-11"
    assert page.select_one(".summary").get_text(strip=True) == "Puluhan warga membersihkan parit."
    cover_img = page.select_one("figure.cover img")
    assert cover_img["alt"] == "Warga membersihkan parit desa"
    assert cover_img["srcset"].count("w,") >= 1 and cover_img.get("sizes")
    assert cover_img["width"] and cover_img["height"]
    body = page.select_one(".post-body")
    assert "Minggu pagi warga berkumpul di balai desa." in body.get_text()
    assert body.find("blockquote").get_text(strip=True) == "Kampung bersih, warga sehat."
    inline = body.select_one("figure.block-image img")
    assert inline["alt"] == "Parit yang sudah bersih" and inline["loading"] == "lazy"
    assert body.select_one(".photo-grid img")["alt"] == "Suasana kerja"
    # YouTube: nothing from YouTube in the page until the visitor clicks (no iframe, no thumbnail).
    video = body.select_one(".video")
    assert video["data-youtube-id"] == "aqz-KE-bpKQ"
    assert body.find("iframe") is None
    assert "ytimg" not in str(page)
    assert [a.get_text(strip=True) for a in page.select(".post-tags a")] == ["#gotong royong", "#lingkungan"]


def test_a_draft_post_is_not_served(client, kim):
    draft = make_post(kim, "Belum disetujui", live=False)
    assert get(client, kim, "/berita/belum-disetujui/").status_code == 404
    assert not PostPage.objects.get(pk=draft.pk).live


def test_a_post_page_is_light(client, kim):
    """HTML + CSS + JS of a post page on first load, without images, stays far below 300 KB."""
    post = make_post(kim, "Berita ringan", cover=make_image(kim, "Sampul"), tags=["uji"])
    html = get(client, kim, post.url).content
    static = Path(settings.BASE_DIR) / "static"
    total = len(html) + (static / "css/kim.css").stat().st_size + (static / "js/kim.js").stat().st_size
    assert total < 300 * 1024, total


# --- Profile, gallery, agenda ----------------------------------------------------------------


def test_profile_shows_vision_mission_history_sk_and_pengurus(client, kim):
    kim.sk_number = "140/17/SK-KIM/2023"
    kim.save()
    prof = profile(kim)
    prof.vision = "Menjadi sumber informasi terpercaya"
    prof.mission = "<ul><li>Menyebarkan informasi</li><li>Menampung aspirasi</li></ul>"
    prof.history = "<p>Dibentuk oleh warga pada 2019.</p>"
    prof.save_revision().publish()
    photo = make_image(kim, "Foto ketua", size=(400, 400))
    PengurusMember.objects.create(page=prof, name="Sari Wahyuni", role="sekretaris", sort_order=0)
    PengurusMember.objects.create(page=prof, name="Rudi Saputra", role="ketua", sort_order=1, photo=photo)
    PengurusMember.objects.create(
        page=prof, name="Agus Pratama", role="divisi", division="Divisi Diseminasi", sort_order=2
    )

    page = soup(get(client, kim, "/profil/"))

    text = page.get_text(" ", strip=True)
    assert "Menjadi sumber informasi terpercaya" in text
    assert [li.get_text(strip=True) for li in page.select(".rich-text li")] == [
        "Menyebarkan informasi",
        "Menampung aspirasi",
    ]
    assert "Dibentuk oleh warga pada 2019." in text
    assert "140/17/SK-KIM/2023" in page.select_one(".facts").get_text()
    people = [
        (p.select_one(".person-name").get_text(strip=True), p.select_one(".person-role").get_text(" ", strip=True))
        for p in page.select(".person")
    ]
    # The ketua comes first whatever the editing order.
    assert people == [
        ("Rudi Saputra", "Ketua"),
        ("Sari Wahyuni", "Sekretaris"),
        ("Agus Pratama", "Anggota divisi · Divisi Diseminasi"),
    ]
    assert page.select(".person")[0].find("img") is not None


def test_gallery_shows_albums_with_alt_text(client, kim):
    photo = make_image(kim, "Foto album", size=(400, 300))
    page_obj = gallery(kim)
    page_obj.albums = [
        {
            "type": "album",
            "value": {
                "title": "Lomba 17 Agustus",
                "date": "2024-08-17",
                "description": "Keseruan lomba.",
                "images": [{"image": photo.pk, "alt_text": "Anak-anak lomba balap karung", "caption": "Balap karung"}],
            },
        }
    ]
    page_obj.save_revision().publish()

    page = soup(get(client, kim, "/galeri/"))

    album = page.select_one(".album")
    assert album.find("h2").get_text(strip=True) == "Lomba 17 Agustus"
    assert "Sabtu, 17 Agustus 2024" in album.get_text()
    image = album.select_one(".photo-grid img")
    assert image["alt"] == "Anak-anak lomba balap karung" and image["loading"] == "lazy" and image["srcset"]
    assert album.select_one("figcaption").get_text(strip=True) == "Balap karung"


def test_gallery_thumbnails_open_a_large_rendition_and_load_the_viewer(client, kim):
    photo = make_image(kim, "Foto besar", size=(2400, 1800))
    page_obj = gallery(kim)
    images = [{"image": photo.pk, "alt_text": f"Foto {i}", "caption": f"Keterangan {i}"} for i in range(3)]
    page_obj.albums = [{"type": "album", "value": {"title": "Kerja bakti", "images": images}}]
    page_obj.save_revision().publish()

    page = soup(get(client, kim, "/galeri/"))

    grid = page.select_one("ul.photo-grid[data-gallery]")
    assert grid["data-label-counter"] == "{index} dari {total}" and grid["data-label-close"] == "Tutup"
    links = grid.select("a.photo-link")
    assert len(links) == 3
    # Without JavaScript the link opens a 1600 px rendition, not the 2400 px original.
    assert links[0]["href"] != photo.file.url and "/images/" in links[0]["href"]
    assert (links[0]["data-width"], links[0]["data-height"]) == ("1600", "1200")
    assert links[0]["href"] == photo.get_rendition("max-1600x1600|format-webp").url
    # The thumbnail reserves its box.
    thumbnail = links[0].find("img")
    assert (thumbnail["width"], thumbnail["height"]) == ("320", "240")
    scripts = [tag["src"] for tag in page.find_all("script", src=True)]
    assert any(src.endswith("/js/gallery.js") for src in scripts)
    # Pages without a gallery do not load the viewer.
    profile(kim)
    plain = soup(get(client, kim, "/profil/"))
    assert not any(tag["src"].endswith("/js/gallery.js") for tag in plain.find_all("script", src=True))


def test_agenda_lists_upcoming_events_with_wib_times_and_ical_link(client, kim):
    page_obj = agenda(kim)
    AgendaEvent.objects.create(
        page=page_obj,
        title="Posyandu balita",
        date=datetime.date(2099, 12, 14),
        start_time=datetime.time(8, 0),
        end_time=datetime.time(11, 0),
        location="Balai Desa Jada Bahrin",
    )
    AgendaEvent.objects.create(page=page_obj, title="Rapat yang lalu", date=days(-5), location="Kantor desa")

    page = soup(get(client, kim, "/agenda/"))

    upcoming = page.select(".events:not(.past) .event")
    assert len(upcoming) == 1
    text = upcoming[0].get_text(" ", strip=True)
    assert "Senin, 14 Desember 2099" in text and "08.00–11.00 WIB" in text and "Balai Desa Jada Bahrin" in text
    assert "Rapat yang lalu" in page.select_one(".events.past").get_text()
    assert page.find("a", href=f"http://{kim.site.hostname}/agenda/ical/") is not None
    assert page.find("a", href=f"webcal://{kim.site.hostname}/agenda/ical/") is not None


def test_every_section_is_served_only_on_its_own_host(client, kim):
    other = make_kim("belitung")
    post = make_post(kim, "Kabar Jada Bahrin")
    for path in ["/", "/berita/", "/berita/kabar-jada-bahrin/", "/profil/", "/galeri/", "/agenda/"]:
        assert get(client, kim, path).status_code == 200
    for path in ["/berita/kabar-jada-bahrin/", "/profil/"]:
        # The other KIM has its own /profil/: it must be the other KIM's page, never this one's.
        response = get(client, other, path)
        assert response.status_code == 404 or kim.name not in response.content.decode()
    assert get(client, other, "/berita/kabar-jada-bahrin/").status_code == 404
    assert post.get_full_url() == f"http://{kim.site.hostname}/berita/kabar-jada-bahrin/"
    assert home_of(kim).get_full_url() == f"http://{kim.site.hostname}/"


def test_home_and_index_cost_the_same_whatever_the_number_of_posts(client, kim, settings):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    settings.KIM_PAGE_CACHE_ENABLED = False  # measure the rendering, not the anonymous page cache

    def queries(path):
        get(client, kim, path)  # renditions are made on the first view
        with CaptureQueriesContext(connection) as context:
            response = get(client, kim, path)
        return len(context), response

    for i in range(2):
        make_post(kim, f"Awal {i}", cover=make_image(kim, f"Awal {i}", size=(320, 180)), tags=[f"tag{i}"])
    few = {path: queries(path)[0] for path in ("/", "/berita/")}
    for i in range(8):
        make_post(kim, f"Lanjut {i}", cover=make_image(kim, f"Lanjut {i}", size=(320, 180)), tags=[f"lain{i}"])
    for path in ("/", "/berita/"):
        count, response = queries(path)
        assert count == few[path], path
        links = [a["href"] for a in soup(response).select(".card-title a")]
        # Links to the KIM's own posts stay relative to its host.
        assert links and all(link.startswith("/berita/") for link in links)
