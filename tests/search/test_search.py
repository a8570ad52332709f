"""Search: a KIM host finds its own live public pages only; the portal finds every active KIM's."""

import pytest

from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import Locale
from wagtail.search.backends import get_search_backend

from kim_sites.models import Kim
from kim_sites.registry.provisioning import set_kim_status
from search.highlight import excerpt, highlight, query_terms
from tests.factories.pages import make_post, post_index, restrict
from tests.factories.registry import make_kim, use_portal_hostname

pytestmark = pytest.mark.django_db

PORTAL = settings.PORTAL_HOSTNAME


def search(client, host, query, **params):
    response = client.get("/search/", {"query": query, **params}, HTTP_HOST=host)
    assert response.status_code == 200
    return response


def result_urls(response):
    return [result.url for result in response.context["results"]]


@pytest.fixture
def two_kims():
    use_portal_hostname()
    return make_kim(name="KIM Sinar Harapan"), make_kim(name="KIM Pantai Indah", regency="belitung")


def test_kim_host_finds_its_own_post_and_never_another_kims(client, two_kims):
    own, other = two_kims
    own_post = make_post(own, "Panen lada di kebun warga", summary="Warga memanen lada putih.")
    other_post = make_post(other, "Harga lada naik", summary="Lada dari Belitung.")

    urls = result_urls(search(client, own.site.hostname, "lada"))
    assert urls == [f"http://{own.site.hostname}/berita/{own_post.slug}/"]

    urls = result_urls(search(client, other.site.hostname, "lada"))
    assert urls == [f"http://{other.site.hostname}/berita/{other_post.slug}/"]


def test_drafts_are_never_found(client, two_kims):
    kim, _other = two_kims
    make_post(kim, "Rencana kunjungan bupati", live=False)
    published = make_post(kim, "Gotong royong", summary="Kerja bakti bersama.")
    # A newer draft of a live page: its words must not leak into the results either.
    published.title = "Bocoran anggaran desa"
    published.save_revision()
    unpublished = make_post(kim, "Lomba kebersihan")
    unpublished.unpublish()

    for host in (kim.site.hostname, PORTAL):
        assert result_urls(search(client, host, "kunjungan")) == []
        assert result_urls(search(client, host, "bocoran")) == []
        assert result_urls(search(client, host, "lomba")) == []
        assert len(result_urls(search(client, host, "gotong"))) == 1


def test_private_pages_are_never_found(client, two_kims):
    kim, _other = two_kims
    secret = make_post(kim, "Rapat internal pengurus")
    restrict(secret)
    public = make_post(kim, "Rapat terbuka warga")

    for host in (kim.site.hostname, PORTAL):
        urls = result_urls(search(client, host, "rapat"))
        assert urls == [f"http://{kim.site.hostname}/berita/{public.slug}/"]

    # A restriction on a section hides everything below it.
    restrict(post_index(kim))
    for host in (kim.site.hostname, PORTAL):
        assert result_urls(search(client, host, "rapat")) == []


def test_portal_covers_every_kim_with_links_on_their_own_hosts(client, two_kims):
    first, second = two_kims
    make_post(first, "Pelatihan jurnalistik warga")
    make_post(second, "Pelatihan fotografi warga")

    response = search(client, PORTAL, "pelatihan")
    hosts = sorted(url.split("/")[2] for url in result_urls(response))
    assert hosts == sorted([first.site.hostname, second.site.hostname])
    body = response.content.decode()
    assert "KIM Sinar Harapan" in body and "KIM Pantai Indah" in body

    # An unknown host is served as the portal, never as a KIM.
    assert len(result_urls(search(client, "tidak-dikenal.example", "pelatihan"))) == 2


def test_suspended_kim_is_excluded_from_the_portal(client, two_kims):
    suspended, active = two_kims
    make_post(suspended, "Festival budaya desa")
    make_post(active, "Festival kuliner desa")

    set_kim_status(Kim.objects.get(pk=suspended.pk), Kim.Status.SUSPENDED)

    urls = result_urls(search(client, PORTAL, "festival"))
    assert [url.split("/")[2] for url in urls] == [active.site.hostname]


def test_query_is_highlighted_and_escaped(client, two_kims):
    kim, _other = two_kims
    make_post(
        kim,
        "Pelatihan <script>alert(1)</script> lada & merica",
        summary="Belajar mengolah <b>lada</b> menjadi bumbu.",
    )

    body = search(client, kim.site.hostname, "lada").content.decode()
    assert "<script>alert(1)</script>" not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt; <mark>lada</mark> &amp; merica" in body
    assert "&lt;b&gt;<mark>lada</mark>&lt;/b&gt; menjadi bumbu." in body

    body = search(client, kim.site.hostname, '<img src=x onerror="alert(1)"> lada').content.decode()
    assert "<img src=x" not in body
    assert "&lt;img src=x" in body


def test_results_are_paginated_and_bad_page_values_are_handled(client, two_kims):
    kim, _other = two_kims
    for n in range(12):
        make_post(kim, f"Posyandu balita bagian {n}")

    first = search(client, kim.site.hostname, "posyandu")
    assert len(first.context["results"]) == 10
    assert first.context["result_count"] == 12
    assert "page=2" in first.content.decode()

    second = search(client, kim.site.hostname, "posyandu", page="2")
    assert len(second.context["results"]) == 2
    assert not set(result_urls(first)) & set(result_urls(second))

    for bad, expected_number in (("abc", 1), ("", 1), ("999", 2), ("-1", 2), ("0", 2)):
        response = search(client, kim.site.hostname, "posyandu", page=bad)
        assert response.context["page_obj"].number == expected_number


def test_empty_and_odd_queries_are_answered(client, two_kims):
    kim, _other = two_kims
    make_post(kim, "Sosialisasi stunting")

    empty = search(client, kim.site.hostname, "   ")
    assert empty.context["results"] == [] and empty.context["page_obj"] is None
    for query in ['"stunting', "stunting*", "((", "AND OR NOT", "stunting -", "a" * 500, "'; DROP TABLE x; --"]:
        search(client, kim.site.hostname, query)
    assert len(result_urls(search(client, kim.site.hostname, "  STUNTING  "))) == 1


def test_english_search_falls_back_to_indonesian_pages(client, two_kims):
    kim, _other = two_kims
    Locale.objects.get_or_create(language_code="en")
    translated = make_post(kim, "Kerja bakti pantai", summary="Membersihkan pantai.")
    make_post(kim, "Kerja bakti sungai", summary="Membersihkan sungai.")
    english = translated.copy_for_translation(Locale.objects.get(language_code="en"), copy_parents=True)
    english.title = "Kerja bakti beach clean-up"
    english.save_revision().publish()

    response = client.get("/en/search/", {"query": "kerja"}, HTTP_HOST=kim.site.hostname)
    urls = result_urls(response)
    assert "2 results for “kerja”." in response.content.decode()
    # The English translation replaces its source; the untranslated post falls back to Indonesian.
    assert len(urls) == 2
    assert any(url.startswith(f"http://{kim.site.hostname}/en/berita/") for url in urls)
    assert f"http://{kim.site.hostname}/berita/{translated.slug}/" not in urls

    indonesian = result_urls(search(client, kim.site.hostname, "kerja"))
    assert len(indonesian) == 2 and not any("/en/" in url for url in indonesian)


def test_portal_search_costs_the_same_number_of_queries_however_many_kims_match(client, two_kims):
    first, second = two_kims
    make_post(first, "Vaksinasi ternak")

    def count_queries():
        search(client, PORTAL, "vaksinasi")  # warm: the sites changed since the last request
        with CaptureQueriesContext(connection) as queries:
            search(client, PORTAL, "vaksinasi")
        return len(queries)

    one_kim = count_queries()
    make_post(second, "Vaksinasi ternak sapi")
    make_post(make_kim(name="KIM Ketiga", regency="pangkalpinang"), "Vaksinasi ternak kambing")
    assert count_queries() == one_kim


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="the `indonesian` configuration is PostgreSQL's; tests/search/test_stemming.py covers both",
)
def test_postgresql_stems_indonesian(client, two_kims):
    kim, _other = two_kims
    assert get_search_backend().config == "indonesian"
    post = make_post(kim, "Kelompok tani panen jagung", summary="Para petani desa bersiap.")
    # "pertanian" and "petani" share the stem "tani".
    urls = result_urls(search(client, kim.site.hostname, "pertanian"))
    assert urls == [f"http://{kim.site.hostname}/berita/{post.slug}/"]


def test_highlight_and_excerpt_helpers():
    terms = query_terms("tani petani x")
    assert terms == ["petani", "tani"]
    assert highlight("Petani <b>&", terms) == "<mark>Petani</mark> &lt;b&gt;&amp;"
    assert highlight("amp &", ["amp"]) == "<mark>amp</mark> &amp;"
    long_text = "awal " * 100 + "target akhir " + "penutup " * 10
    cut = excerpt(long_text, ["target"], length=60)
    assert "target" in cut and cut.startswith("… ") and len(cut) <= 66
