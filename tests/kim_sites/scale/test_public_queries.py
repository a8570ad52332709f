"""Queries per public page are constant: the same at 3 sites as at 60, with few or many posts."""

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories.accounts import make_editor
from tests.factories.pages import make_post
from tests.factories.registry import make_kim, make_kims
from tests.support.templates import templates_with_fallback

pytestmark = pytest.mark.django_db

# The six of docs/performance.md, plus the post's views ("dibaca N kali", kim_sites/reach/figures.py).
POST_PAGE_MAX_QUERIES = 7


@pytest.fixture(autouse=True)
def public_templates(settings):
    settings.TEMPLATES = templates_with_fallback(settings.TEMPLATES)


def count_queries(client, host, path):
    client.get(path, HTTP_HOST=host)  # warm: site index, content types, locales
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(path, HTTP_HOST=host)
    assert response.status_code == 200, (host, path, response.status_code)
    return len(ctx.captured_queries), response


def page_costs(client, kim, post):
    return {
        "home": count_queries(client, kim.hostname, "/")[0],
        "index": count_queries(client, kim.hostname, "/berita/")[0],
        "post": count_queries(client, kim.hostname, post.url_path.split("/berita/", 1)[0] and f"/berita/{post.slug}/")[
            0
        ],
        "portal": count_queries(client, "portal.kim.test", "/")[0],
    }


def build(kim_count, posts_per_kim):
    kim = make_kim(name="KIM Diukur", slug="diukur")
    others = make_kims(kim_count - 1, prefix=f"lain{kim_count}")
    link_target = make_post(kim, "Kabar Tujuan")
    post = make_post(
        kim,
        "Kabar Diukur",
        body=[("paragraph", f'<p>Baca juga <a linktype="page" id="{link_target.pk}">kabar tujuan</a>.</p>')],
        tags=["gotong-royong", "umkm"],
    )
    for n in range(posts_per_kim):
        make_post(kim, f"Kabar Tambahan {n}")
    for other in others[:3]:
        make_post(other, f"Kabar {other.slug}")
    return kim, post


def test_anonymous_pages_cost_the_same_at_3_and_60_sites(client, settings):
    settings.KIM_PAGE_CACHE_ENABLED = False
    kim, post = build(3, 2)
    small = page_costs(client, kim, post)
    make_kims(57, prefix="tambahan")
    for n in range(20):
        make_post(kim, f"Kabar Baru {n}")
    large = page_costs(client, kim, post)
    assert small == large
    assert large["post"] <= POST_PAGE_MAX_QUERIES, large


def test_signed_in_pages_cost_the_same_at_3_and_60_sites(client):
    kim, post = build(3, 2)
    client.force_login(make_editor(kim))
    small = page_costs(client, kim, post)
    make_kims(57, prefix="tambahan")
    large = page_costs(client, kim, post)
    assert small == large
    # Signed in, Wagtail's editor toolbar adds the user's permissions, profile and page
    # permissions to the session and user lookups: still a fixed number (docs/performance.md).
    assert large["post"] <= POST_PAGE_MAX_QUERIES + 7, large


def test_post_page_links_resolve_without_queries(client, settings):
    settings.KIM_PAGE_CACHE_ENABLED = False
    kim, post = build(3, 0)
    queries, response = count_queries(client, kim.hostname, f"/berita/{post.slug}/")
    html = response.content.decode()
    # Rich text renders without the request, so, as in stock Wagtail, its links carry the host.
    assert 'href="http://diukur.kim.test/berita/kabar-tujuan/"' in html
    assert 'href="/"' in html and 'href="/berita/"' in html
    portal = client.get("/", HTTP_HOST="portal.kim.test").content.decode()
    assert f'href="http://diukur.kim.test/berita/{post.slug}/"' in portal  # another site: absolute
