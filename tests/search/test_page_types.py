"""Search covers every public page type of a KIM: posts, agenda and its events, profile and its
pengurus, galleries, and the home page, through /search/ on the KIM's host."""

import datetime

import pytest

from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kim_sites.models import AgendaEvent, PengurusMember
from tests.factories.pages import agenda, gallery, home_of, make_post, profile, restrict
from tests.factories.registry import make_kim, use_portal_hostname

pytestmark = pytest.mark.django_db


def search(client, host, query):
    response = client.get("/search/", {"query": query}, HTTP_HOST=host)
    assert response.status_code == 200
    return response


def result_urls(response):
    return [result.url for result in response.context["results"]]


def publish(page, **fields):
    for name, value in fields.items():
        setattr(page, name, value)
    page.save_revision().publish()
    return page


@pytest.fixture
def kim():
    use_portal_hostname()
    return make_kim(name="KIM Sinar Harapan")


@pytest.fixture
def other():
    return make_kim(name="KIM Pantai Indah", regency="belitung")


def url_of(kim, page):
    return f"http://{kim.site.hostname}{page.url_path[len(home_of(kim).url_path) - 1 :]}"


def test_agenda_events_are_found_by_title_place_and_description(client, kim, other):
    page = agenda(kim)
    publish(
        page,
        events=[
            AgendaEvent(
                title="Musyawarah dusun",
                date=datetime.date(2026, 12, 20),
                location="Balai Desa Kemuja",
                description="Membahas irigasi.",
            )
        ],
    )
    publish(
        agenda(other),
        events=[AgendaEvent(title="Musyawarah nelayan", date=datetime.date(2026, 12, 21), location="Dermaga")],
    )

    for query in ("musyawarah", "kemuja", "irigasi"):
        response = search(client, kim.site.hostname, query)
        assert result_urls(response) == [url_of(kim, page)], query
    result = search(client, kim.site.hostname, "kemuja").context["results"][0]
    assert result.type_label == "Agenda"
    assert "<mark>Kemuja</mark>" in result.snippet_html


def test_editing_an_agenda_event_reindexes_the_page(client, kim):
    page = publish(
        agenda(kim), events=[AgendaEvent(title="Senam pagi", date=datetime.date(2026, 12, 20), location="Lapangan")]
    )
    assert len(result_urls(search(client, kim.site.hostname, "senam"))) == 1

    page = agenda(kim)
    event = page.events.get()
    event.title = "Lomba layang-layang"
    publish(page, events=[event])

    assert result_urls(search(client, kim.site.hostname, "senam")) == []
    assert result_urls(search(client, kim.site.hostname, "layang")) == [url_of(kim, page)]


def test_profile_is_found_by_vision_history_and_pengurus(client, kim, other):
    page = profile(kim)
    publish(
        page,
        vision="Warga desa yang melek informasi.",
        history="<p>Dibentuk oleh pemuda Karang Taruna.</p>",
        pengurus=[
            PengurusMember(name="Rudi Saputra", role="ketua"),
            PengurusMember(name="Sari Wahyuni", role="divisi", division="Divisi Dokumentasi"),
        ],
    )
    publish(profile(other), pengurus=[PengurusMember(name="Rudi Hartono", role="ketua")])

    for query in ("melek", "karang taruna", "saputra", "wahyuni", "dokumentasi"):
        assert result_urls(search(client, kim.site.hostname, query)) == [url_of(kim, page)], query
    result = search(client, kim.site.hostname, "saputra").context["results"][0]
    assert result.type_label == "Profil"
    assert "<mark>Saputra</mark>" in result.snippet_html
    # The other KIM's ketua is never found on this host.
    assert result_urls(search(client, kim.site.hostname, "hartono")) == []


def test_editing_a_pengurus_row_reindexes_the_profile(client, kim):
    publish(profile(kim), pengurus=[PengurusMember(name="Bambang Irawan", role="ketua")])
    assert len(result_urls(search(client, kim.site.hostname, "irawan"))) == 1

    page = profile(kim)
    member = page.pengurus.get()
    member.name = "Dewi Lestari"
    publish(page, pengurus=[member])

    assert result_urls(search(client, kim.site.hostname, "irawan")) == []
    assert result_urls(search(client, kim.site.hostname, "lestari")) == [url_of(kim, page)]


def test_gallery_is_found_by_intro_album_and_caption(client, kim):
    page = gallery(kim)
    publish(
        page,
        intro="<p>Foto kegiatan warga sepanjang tahun.</p>",
        albums=[
            (
                "album",
                {
                    "title": "Festival perahu hias",
                    "description": "Lomba di muara sungai.",
                    "images": [],
                },
            )
        ],
    )
    for query in ("sepanjang", "perahu", "muara"):
        assert result_urls(search(client, kim.site.hostname, query)) == [url_of(kim, page)], query
    assert search(client, kim.site.hostname, "perahu").context["results"][0].type_label == "Galeri"


def test_home_page_is_found_by_tagline_and_intro(client, kim):
    publish(home_of(kim), tagline="Suara warga pesisir", intro="<p>Selamat datang di kampung nelayan.</p>")
    for query in ("pesisir", "nelayan"):
        response = search(client, kim.site.hostname, query)
        assert result_urls(response) == [f"http://{kim.site.hostname}/"], query
        assert response.context["results"][0].type_label == "Beranda"


def test_every_type_is_labelled_and_posts_carry_their_category(client, kim):
    make_post(kim, "Bazar UMKM pesisir", category="umkm")
    publish(home_of(kim), tagline="Suara warga pesisir")
    labels = sorted(result.type_label for result in search(client, kim.site.hostname, "pesisir").context["results"])
    assert labels == ["Beranda", "UMKM"]


def test_restricted_sections_stay_hidden(client, kim, other):
    publish(
        agenda(kim),
        events=[AgendaEvent(title="Rapat anggaran", date=datetime.date(2026, 12, 20), location="Kantor desa")],
    )
    restrict(agenda(kim))
    for host in (kim.site.hostname, settings.PORTAL_HOSTNAME):
        assert result_urls(search(client, host, "anggaran")) == []


def test_portal_finds_profiles_of_every_kim_and_names_them(client, kim, other):
    publish(profile(kim), vision="Desa wisata bahari.")
    publish(profile(other), vision="Kampung wisata sejarah.")
    response = search(client, settings.PORTAL_HOSTNAME, "wisata")
    assert sorted(url.split("/")[2] for url in result_urls(response)) == sorted(
        [kim.site.hostname, other.site.hostname]
    )
    assert sorted(result.site_name for result in response.context["results"]) == [
        "KIM Pantai Indah",
        "KIM Sinar Harapan",
    ]


def test_portal_search_costs_the_same_queries_however_many_agendas_and_profiles_match(client, kim, other):
    def count_queries():
        search(client, settings.PORTAL_HOSTNAME, "bahari")  # warm: the sites changed since the last request
        with CaptureQueriesContext(connection) as queries:
            search(client, settings.PORTAL_HOSTNAME, "bahari")
        return len(queries)

    publish(profile(kim), vision="Desa bahari.", pengurus=[PengurusMember(name="Rudi", role="ketua")])
    publish(
        agenda(kim), events=[AgendaEvent(title="Lomba bahari", date=datetime.date(2026, 12, 20), location="Pantai")]
    )
    two_results = count_queries()
    third = make_kim(name="KIM Ketiga", regency="pangkalpinang")
    for each in (other, third):
        publish(profile(each), vision="Kampung bahari.", pengurus=[PengurusMember(name="Sari", role="ketua")])
        publish(
            agenda(each),
            events=[AgendaEvent(title="Festival bahari", date=datetime.date(2026, 12, 21), location="Dermaga")],
        )
    assert count_queries() == two_results


def test_snippets_of_rich_text_keep_list_items_apart(client, kim):
    publish(
        profile(kim),
        mission="<ol><li>Menyebarluaskan informasi kepada warga.</li><li>Menampung aspirasi warga.</li></ol>",
    )
    snippet = search(client, kim.site.hostname, "menampung").context["results"][0].snippet_html
    assert "warga. <mark>Menampung</mark>" in snippet


def test_the_post_list_never_crowds_out_the_posts(client, kim, other):
    # Every KIM's post list is titled "Berita & Kegiatan": a search for "kegiatan" must answer
    # with posts, on the KIM's host and on the portal.
    post = make_post(kim, title="Kegiatan kerja bakti di dusun")
    urls = result_urls(search(client, kim.site.hostname, "kegiatan"))
    assert urls == [url_of(kim, post)]
    portal = result_urls(search(client, settings.PORTAL_HOSTNAME, "kegiatan"))
    assert portal == [url_of(kim, post)]
