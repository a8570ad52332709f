"""Anonymous page cache: what is stored, what never is, and purges after publishing."""

import pytest

from django.core.cache import cache
from django.test import RequestFactory

from wagtail.models import PageViewRestriction, Site

from kim_sites.models import Kim, KimSiteSettings, PostIndexPage
from kim_sites.registry.provisioning import set_kim_status
from kim_sites.scale import page_cache
from tests.factories.accounts import make_editor
from tests.factories.pages import make_post
from tests.factories.registry import make_kim
from tests.support.services import redis_url
from tests.support.templates import templates_with_fallback

pytestmark = pytest.mark.django_db
HEADER = "X-Kim-Cache"


@pytest.fixture(autouse=True)
def public_templates(settings):
    settings.TEMPLATES = templates_with_fallback(settings.TEMPLATES)


@pytest.fixture
def kim():
    kim = make_kim(name="KIM Cache", slug="cache")
    make_post(kim, "Kabar Pertama", tags=["panen"])
    # Site settings are created on first use, which purges the site: create them beforehand.
    KimSiteSettings.for_site(kim.site)
    KimSiteSettings.for_site(Site.objects.get(is_default_site=True))
    return kim


def get(client, host, path, **extra):
    return client.get(path, HTTP_HOST=host, **extra)


def test_second_anonymous_visit_is_served_from_the_cache(client, kim, django_assert_num_queries):
    first = get(client, kim.hostname, "/berita/kabar-pertama/")
    assert first.status_code == 200 and first[HEADER] == "miss"
    assert first["Cache-Control"] == "public, max-age=60, s-maxage=300"
    with django_assert_num_queries(0):
        second = get(client, kim.hostname, "/berita/kabar-pertama/")
    assert second[HEADER] == "hit"
    assert second.content == first.content
    assert second["Cache-Control"] == "public, max-age=60, s-maxage=300"
    head = client.head("/berita/kabar-pertama/", HTTP_HOST=kim.hostname)
    assert head[HEADER] == "hit" and head.content == b""


def test_cache_is_keyed_by_host_and_language(client, kim):
    other = make_kim(name="KIM Lain", slug="lain")
    KimSiteSettings.for_site(other.site)
    get(client, kim.hostname, "/")
    response = get(client, other.hostname, "/")
    assert response[HEADER] == "miss"
    assert b"KIM Lain" in response.content and b"KIM Cache" not in response.content


def test_signed_in_visitors_always_get_fresh_private_pages(client, kim):
    get(client, kim.hostname, "/berita/kabar-pertama/")  # stored for anonymous visitors
    client.force_login(make_editor(kim))
    response = get(client, kim.hostname, "/berita/kabar-pertama/")
    assert response[HEADER] == "bypass"
    assert response["Cache-Control"] == "private, no-cache"


@pytest.mark.parametrize("query", ["?page=2", "?tag=panen", "?kategori=umkm"])
def test_whitelisted_query_variants_are_cached(client, kim, query):
    assert get(client, kim.hostname, f"/berita/{query}")[HEADER] == "miss"
    assert get(client, kim.hostname, f"/berita/{query}")[HEADER] == "hit"


def test_other_query_strings_are_not_cached(client, kim):
    assert get(client, kim.hostname, "/berita/?utm_source=wa")[HEADER] == "bypass"
    assert get(client, kim.hostname, "/berita/?utm_source=wa")[HEADER] == "bypass"


def test_form_with_csrf_token_is_never_cached(client, kim):
    first = get(client, kim.hostname, "/aspirasi/")
    assert first.status_code == 200 and b"csrfmiddlewaretoken" in first.content
    assert first[HEADER] == "bypass"
    # A visitor who already holds a CSRF cookie gets it renewed, and the page is still not stored.
    again = get(client, kim.hostname, "/aspirasi/")
    assert again[HEADER] == "bypass"


def test_errors_admin_and_search_are_never_cached(client, kim):
    assert get(client, kim.hostname, "/tidak-ada/").status_code == 404
    assert get(client, kim.hostname, "/tidak-ada/")[HEADER] == "bypass"
    assert get(client, kim.hostname, "/admin/login/")[HEADER] == "bypass"
    search = RequestFactory().get("/search/", HTTP_HOST=kim.hostname)
    assert not page_cache._cacheable_request(search)
    assert client.post("/berita/", HTTP_HOST=kim.hostname)[HEADER] == "bypass"


def test_private_page_is_not_served_from_the_cache(client, kim):
    index = PostIndexPage.objects.descendant_of(kim.home_page).get()
    assert get(client, kim.hostname, "/berita/kabar-pertama/")[HEADER] == "miss"
    PageViewRestriction.objects.create(page=index, restriction_type=PageViewRestriction.LOGIN)
    response = get(client, kim.hostname, "/berita/kabar-pertama/")
    assert response.status_code == 302  # to the login page, not the stored copy


def test_publishing_purges_page_home_index_variants_tags_and_portal(client, kim):
    paths = ["/", "/berita/", "/berita/?page=2", "/berita/?tag=panen", "/berita/kabar-pertama/"]
    for path in paths:
        get(client, kim.hostname, path)
        assert get(client, kim.hostname, path)[HEADER] == "hit"
    get(client, "portal.kim.test", "/")
    assert get(client, "portal.kim.test", "/")[HEADER] == "hit"

    make_post(kim, "Kabar Kedua", tags=["panen"])

    for path in paths:
        assert get(client, kim.hostname, path)[HEADER] == "miss", path
    home = get(client, kim.hostname, "/")
    assert b"Kabar Kedua" in home.content
    portal = get(client, "portal.kim.test", "/")
    assert portal[HEADER] == "miss" and b"Kabar Kedua" in portal.content


def test_publishing_leaves_other_kims_cached(client, kim):
    other = make_kim(name="KIM Tetangga", slug="tetangga")
    KimSiteSettings.for_site(other.site)
    get(client, other.hostname, "/")
    make_post(kim, "Kabar Kedua")
    assert get(client, other.hostname, "/")[HEADER] == "hit"


def test_unpublishing_and_deleting_purge(client, kim):
    post = make_post(kim, "Kabar Sementara")
    get(client, kim.hostname, "/berita/kabar-sementara/")
    post.unpublish()
    assert get(client, kim.hostname, "/berita/kabar-sementara/").status_code == 404
    get(client, kim.hostname, "/")
    assert get(client, kim.hostname, "/")[HEADER] == "hit"
    post.delete()
    assert get(client, kim.hostname, "/")[HEADER] == "miss"


def test_site_settings_and_suspension_purge_the_kims_site(client, kim):
    get(client, kim.hostname, "/")
    settings_obj = KimSiteSettings.for_site(kim.site)
    settings_obj.accent_color = "#654321"
    settings_obj.save()
    response = get(client, kim.hostname, "/")
    assert response[HEADER] == "miss" and b"#654321" in response.content
    set_kim_status(Kim.objects.get(pk=kim.pk), Kim.Status.SUSPENDED)
    # The cached home page is never served again: the suspension notice is answered before the
    # page cache is even asked.
    suspended = get(client, kim.hostname, "/")
    assert suspended.status_code == 503 and HEADER not in suspended


def test_disabled_cache_stores_nothing(client, kim, settings):
    settings.KIM_PAGE_CACHE_ENABLED = False
    get(client, kim.hostname, "/")
    assert get(client, kim.hostname, "/")[HEADER] == "bypass"


def test_evicted_generation_never_revives_old_entries(client, kim):
    get(client, kim.hostname, "/")
    cache.delete(page_cache._site_key(kim.site_id))
    assert get(client, kim.hostname, "/")[HEADER] == "miss"


@pytest.fixture
def redis_cache(settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": redis_url(7),
            "KEY_PREFIX": "kimcms-test-page-cache",
        }
    }
    cache.clear()
    yield
    cache.clear()


def test_purge_reaches_every_process_through_redis(client, kim, redis_cache):
    """Two clients stand for two app processes: only Redis is shared."""
    from django.test import Client

    other_process = Client()
    get(client, kim.hostname, "/")
    assert get(other_process, kim.hostname, "/")[HEADER] == "hit"
    make_post(kim, "Kabar Lewat Redis")
    response = get(other_process, kim.hostname, "/")
    assert response[HEADER] == "miss" and b"Kabar Lewat Redis" in response.content


def test_cache_is_off_in_development(client, kim, settings):
    settings.DEBUG = True
    get(client, kim.hostname, "/")
    assert get(client, kim.hostname, "/")[HEADER] == "bypass"
    settings.KIM_PAGE_CACHE_IN_DEBUG = True
    get(client, kim.hostname, "/")
    assert get(client, kim.hostname, "/")[HEADER] == "hit"


# --- One entry per request: encodings, repetitions, order, host spellings ----------------------

# (stored first, then asked): the second must never be answered with the first's entry.
COLLISIONS = [
    ("?kategori=a%26tag%3Dpanen", "?kategori=a&tag=panen"),
    ("?kategori=a&tag=panen", "?kategori=a%26tag%3Dpanen"),
    ("?tag=panen%3Dx", "?tag=panen=x"),
    ("?tag=x&tag=panen", "?tag=panen"),
    ("?tag=panen", "?tag=x&tag=panen"),
    ("?page=1&tag=panen", "?tag=panen&page=1"),
    ("?%74ag=panen", "?tag=panen"),
    ("?tag=panen", "?%74ag=panen"),
    ("?tag=a+b", "?tag=a%20b"),
    ("?tag=%C3%A9", "?tag=%c3%a9"),
    ("?tag", "?tag="),
]


@pytest.mark.parametrize("first, second", COLLISIONS)
def test_no_two_query_strings_share_an_entry(client, kim, first, second):
    get(client, kim.hostname, f"/berita/{first}")
    assert get(client, kim.hostname, f"/berita/{second}")[HEADER] != "hit"


@pytest.mark.parametrize("query", ["?tag=x&tag=panen", "?%74ag=panen", "?tag=a%20b", "?tag", "?tag=%c3%a9"])
def test_repeated_or_unusually_spelled_parameters_are_never_stored(client, kim, query):
    get(client, kim.hostname, f"/berita/{query}")
    assert get(client, kim.hostname, f"/berita/{query}")[HEADER] == "bypass"


@pytest.mark.parametrize("spelling", [str.upper, lambda host: host + "."], ids=["upper-case", "trailing-dot"])
def test_other_spellings_of_a_host_neither_share_nor_store_an_entry(client, kim, spelling):
    # The page may show the host as it was asked for (absolute URLs), so it is rendered fresh.
    odd = spelling(kim.hostname)
    assert get(client, odd, "/berita/")[HEADER] == "bypass"
    assert get(client, kim.hostname, "/berita/")[HEADER] == "miss"
    assert get(client, odd, "/berita/")[HEADER] == "bypass"


def test_keys_never_collide_for_different_requests(kim):
    """Each part is encoded on its own: a `|`, `&` or `=` in one part cannot imitate another."""
    factory = RequestFactory()
    middleware = page_cache.PageCacheMiddleware(lambda request: None)
    requests = [
        ("/a|x", "y"),
        ("/a", "x|y"),
        ("/a/", "x&y=1"),
        ("/a/", "x=y&1"),
        ("/berita/", "kategori=a%26tag%3Db"),
        ("/berita/", "kategori=a&tag=b"),
        ("/berita/", "tag=b&kategori=a"),
        ("/berita/", "tag=a&tag=b"),
        ("/berita/", "tag=b"),
        ("/berita/%3Ftag=b", ""),
        ("/berita/?tag=b", ""),
    ]
    keys = {}
    for path, query in requests:
        request = factory.get(path, HTTP_HOST=kim.hostname)
        request.META["QUERY_STRING"] = query
        keys.setdefault(middleware.key_for(request), []).append((request.path, query))
    assert all(len(requests) == 1 for requests in keys.values()), [r for r in keys.values() if len(r) > 1]
