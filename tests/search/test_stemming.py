"""Indonesian stemming and ranking, through /search/ on a KIM host.

The same tests run on SQLite (Sastrawi, search/backends.py) and on PostgreSQL (its `indonesian`
configuration): run them with DATABASE_URL=postgres://… to check the second engine.
"""

import datetime

import pytest

from django.db import connection

from wagtail.search.backends import get_search_backend

from search.stemming import stem_text
from tests.factories.pages import make_post
from tests.factories.registry import make_kim, use_portal_hostname

pytestmark = pytest.mark.django_db


def search(client, kim, query):
    response = client.get("/search/", {"query": query}, HTTP_HOST=kim.site.hostname)
    assert response.status_code == 200
    return response


def titles(response):
    return [result.page.title for result in response.context["results"]]


@pytest.fixture
def kim():
    use_portal_hostname()
    return make_kim(name="KIM Sinar Harapan")


@pytest.fixture
def posts(kim):
    for title, summary in (
        ("Warga membersihkan pantai", "Kerja bakti hari Minggu."),
        ("Lingkungan bersih desa", "Lomba desa sehat."),
        ("Pembersihan saluran air", "Dibantu pemuda."),
        ("Penyuluhan pertanian organik", "Dinas datang ke balai."),
        ("Kelompok petani jagung", "Panen raya tahun ini."),
        ("Jadwal kegiatan remaja", "Setiap Sabtu sore."),
        ("Pemuda giat berlatih", "Persiapan lomba."),
        ("Harga lada naik", "Kabar pasar."),
    ):
        make_post(kim, title, summary=summary)


PAIRS = [
    ("membersihkan", "bersih", {"Warga membersihkan pantai", "Lingkungan bersih desa", "Pembersihan saluran air"}),
    ("pertanian", "petani", {"Penyuluhan pertanian organik", "Kelompok petani jagung"}),
    # The KIM's own "Berita & Kegiatan" list is a way to browse, not a result (search/views.py).
    ("kegiatan", "giat", {"Jadwal kegiatan remaja", "Pemuda giat berlatih"}),
]


def test_the_engine_stems_indonesian():
    backend = get_search_backend()
    if connection.vendor == "postgresql":
        assert type(backend).__name__ == "RankedPostgresSearchBackend"
        assert backend.config == "indonesian"
    else:
        assert type(backend).__name__ == "StemmedSQLiteSearchBackend"
    assert stem_text("Membersihkan PERTANIAN, petani; kegiatan") == "bersih tani tani giat"


@pytest.mark.parametrize(("first", "second", "expected"), PAIRS, ids=[pair[0] for pair in PAIRS])
def test_both_words_of_a_pair_find_the_same_posts(client, kim, posts, first, second, expected):
    assert set(titles(search(client, kim, first))) == expected
    assert set(titles(search(client, kim, second))) == expected


def test_other_forms_of_the_searched_word_are_marked(client, kim, posts):
    body = search(client, kim, "bersih").content.decode()
    assert "Warga <mark>membersihkan</mark> pantai" in body
    assert "<mark>Pembersihan</mark> saluran air" in body
    assert "Lingkungan <mark>bersih</mark> desa" in body


def test_a_title_match_ranks_above_a_body_match(client, kim):
    make_post(kim, "Gotong royong warga", summary="Kabar dari dusun.", date=datetime.date(2026, 11, 1))
    # Newer, so only relevance can put it second.
    make_post(kim, "Kabar desa pekan ini", summary="Warga bergotong royong.", date=datetime.date(2026, 11, 20))
    assert titles(search(client, kim, "gotong royong")) == ["Gotong royong warga", "Kabar desa pekan ini"]


def test_equal_relevance_puts_the_newest_first(client, kim):
    # Created newest first, so the stock order (the latest row first) would be the wrong one.
    make_post(kim, "Posyandu balita dusun A", summary="Timbang bayi.", date=datetime.date(2026, 11, 20))
    make_post(kim, "Posyandu balita dusun B", summary="Timbang bayi.", date=datetime.date(2026, 11, 1))
    make_post(kim, "Posyandu balita dusun C", summary="Timbang bayi.", date=datetime.date(2026, 11, 10))
    assert titles(search(client, kim, "posyandu")) == [
        "Posyandu balita dusun A",
        "Posyandu balita dusun C",
        "Posyandu balita dusun B",
    ]
