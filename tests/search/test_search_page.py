"""The search page itself: its own labelled box, unique ids, result cards, noindex."""

import re
from collections import Counter

import pytest

from django.conf import settings

from tests.factories.pages import home_of, make_post
from tests.factories.registry import make_kim, use_portal_hostname

pytestmark = pytest.mark.django_db


@pytest.fixture
def kim():
    use_portal_hostname()
    return make_kim(name="KIM Sinar Harapan")


def body(client, host, path="/search/", **params):
    response = client.get(path, params, HTTP_HOST=host)
    assert response.status_code == 200
    return response.content.decode()


def test_the_page_has_its_own_labelled_box_and_no_duplicate_ids(client, kim):
    make_post(kim, "Kerja bakti pantai")
    html = body(client, kim.site.hostname, query="kerja")
    ids = Counter(re.findall(r'\sid="([^"]+)"', html))
    assert [name for name, count in ids.items() if count > 1] == []
    assert '<label for="search-page-query">Kata kunci</label>' in html
    assert 'id="search-page-query"' in html and 'id="search-query"' in html  # the header keeps its own
    assert '<meta name="robots" content="noindex, follow">' in html


def test_a_result_card_has_its_type_date_and_highlight(client, kim):
    make_post(kim, "Kerja bakti pantai", summary="Warga membersihkan pantai.", category="kegiatan")
    html = body(client, kim.site.hostname, query="bersih")
    assert '<span class="search-result-type">Kegiatan</span>' in html
    assert re.search(r'<time datetime="\d{4}-\d\d-\d\d">', html)
    assert "Warga <mark>membersihkan</mark> pantai." in html
    # On a KIM's own host the KIM's name is not repeated on every card.
    assert 'class="search-result-site"' not in html


def test_portal_cards_name_the_kim_and_pages_show_when_they_were_updated(client, kim):
    home = home_of(kim)
    home.tagline = "Suara warga pesisir"
    home.save_revision().publish()
    html = body(client, settings.PORTAL_HOSTNAME, query="pesisir")
    assert '<span class="search-result-site">KIM Sinar Harapan</span>' in html
    assert '<span class="search-result-type">Beranda</span>' in html
    assert "Diperbarui <time" in html


def test_english_labels(client, kim):
    home = home_of(kim)
    home.tagline = "Suara warga pesisir"
    home.save_revision().publish()
    html = body(client, settings.PORTAL_HOSTNAME, "/en/search/", query="pesisir")
    assert '<label for="search-page-query">Keywords</label>' in html
    assert '<span class="search-result-type">Home</span>' in html
    assert "Updated <time" in html
