"""The site index answers exactly what stock Wagtail answers, without a cost per site.

Every comparison runs the same call twice: with the index, and with Wagtail's own functions
(`site_index.uninstall()`), so a Wagtail upgrade that changes them fails here."""

import inspect
from contextlib import contextmanager

import pytest

from django.core.cache import cache
from django.test import RequestFactory
from django.utils import translation

from wagtail.models import Locale, Page, PageViewRestriction, Site
from wagtail.models.pages import AbstractPage

from kim_sites import site_index as site_index_module
from kim_sites.models import Kim, KimHomePage
from kim_sites.provisioning import set_kim_status
from kim_sites.site_index import STOCK, SiteIndex, _request_scope, _RequestScope, site_index
from tests.factories import make_kim
from tests.scale_helpers import publish_post

pytestmark = pytest.mark.django_db


@contextmanager
def stock_wagtail():
    site_index_module.uninstall()
    Site.clear_site_root_paths_cache()
    try:
        yield
    finally:
        site_index_module.install()
        site_index.invalidate_local()


def both(fn):
    """(indexed result, stock result) of fn()."""
    site_index.invalidate_local()
    indexed = fn()
    with stock_wagtail():
        stock = fn()
    return indexed, stock


def request_for(host, path="/", port="80"):
    return RequestFactory().get(path, HTTP_HOST=host, SERVER_PORT=port)


def site_id(site):
    return site.pk if site is not None else None


def test_replaced_functions_keep_wagtail_signatures():
    """If Wagtail renames or re-signs what we replace, this fails before anything subtle does."""
    assert site_index_module.is_installed()
    for owner, name, replacement in site_index_module._replacements():
        original = STOCK[f"{owner.__name__}.{name}"]
        assert type(original) is type(replacement), name
        if isinstance(original, property):
            original, replacement = original.fget, replacement.fget
        original = getattr(original, "__func__", original)
        replacement = getattr(replacement, "__func__", replacement)
        assert list(inspect.signature(original).parameters) == list(inspect.signature(replacement).parameters), name
    # Our descent relies on this default routing method and on Site.find_for_request calling _find_for_request.
    assert "Site._find_for_request(request)" in inspect.getsource(Site.find_for_request)
    assert "get_children().get(slug=child_slug)" in inspect.getsource(AbstractPage.route)


@pytest.mark.parametrize(
    "host,port",
    [
        ("portal.kim.test", "80"),
        ("unknown.example", "80"),  # falls back to the default site
        ("kim-a.kim.test", "80"),
        ("kim-a.kim.test", "8080"),  # a hostname match on another port still wins
        ("shared.kim.test", "80"),
        ("shared.kim.test", "8000"),
        ("shared.kim.test", "9999"),  # two hostname matches, neither port: the default site
    ],
)
def test_find_for_request_matches_wagtail(host, port):
    kim = make_kim(name="KIM A", slug="kim-a")
    other = make_kim(name="KIM B", slug="kim-b")
    Site.objects.create(hostname="shared.kim.test", port=80, root_page=kim.home_page)
    Site.objects.create(hostname="shared.kim.test", port=8000, root_page=other.home_page)
    indexed, stock = both(lambda: Site.find_for_request(request_for(host, port=port)))
    assert site_id(indexed) == site_id(stock)
    assert indexed is not None


def test_find_for_request_without_default_site_matches_wagtail():
    kim = make_kim(name="KIM A", slug="kim-a")
    Site.objects.filter(is_default_site=True).update(is_default_site=False)
    Site.objects.create(hostname="kim-a.kim.test", port=8000, root_page=kim.home_page)
    Site.clear_site_root_paths_cache()
    for host, port in [("unknown.example", "80"), ("kim-a.kim.test", "80"), ("kim-a.kim.test", "9000")]:
        site_index.invalidate()
        indexed, stock = both(lambda host=host, port=port: Site.find_for_request(request_for(host, port=port)))
        assert site_id(indexed) == site_id(stock), (host, port)


def test_root_paths_and_urls_match_wagtail():
    kims = [make_kim(name=f"KIM URL {n}") for n in range(3)]
    posts = [publish_post(kim, f"Kabar {kim.slug}") for kim in kims]
    portal_request = request_for("portal.kim.test")
    own_request = request_for(kims[0].hostname)

    def urls():
        pages = [*posts, *(kim.home_page for kim in kims)]
        fresh = [Page.objects.get(pk=page.pk) for page in pages]
        return (
            [tuple(srp) for srp in Site.get_site_root_paths()],
            [page.get_url_parts() for page in fresh],
            [page.get_url(portal_request) for page in fresh],
            [page.get_url(own_request) for page in fresh],
            [page.url for page in fresh],
            [page.full_url for page in fresh],
            [page.relative_url(Site.find_for_request(own_request)) for page in fresh],
            [page.get_site().pk for page in fresh],
        )

    indexed, stock = both(urls)
    assert indexed == stock
    assert indexed[3][0] == f"/berita/{posts[0].slug}/"  # same site: a path
    assert indexed[2][0] == f"http://{kims[0].hostname}/berita/{posts[0].slug}/"  # from the portal: absolute


def test_urls_in_english_match_wagtail():
    kim = make_kim()
    post = publish_post(kim, "Kabar dalam dua bahasa")

    def urls():
        with translation.override("en"):
            return Page.objects.get(pk=post.pk).get_url_parts(), Locale.get_active().language_code

    indexed, stock = both(urls)
    assert indexed == stock


@pytest.mark.parametrize(
    "path",
    ["/", "/berita/", "/berita/kabar-rute/", "/berita/tidak-ada/", "/tidak-ada/", "/profil/", "/berita/draf/"],
)
def test_routing_matches_wagtail(path):
    kim = make_kim()
    publish_post(kim, "Kabar Rute")
    from kim_sites.models import PostIndexPage, PostPage

    index = PostIndexPage.objects.descendant_of(kim.home_page).get()
    index.add_child(instance=PostPage(title="Draf", slug="draf", summary="s", live=False))

    def route():
        result = Page.route_for_request(request_for(kim.hostname, path), path)
        if result is None:
            return None
        page, args, kwargs = result
        return type(page), page.pk, args, kwargs

    indexed, stock = both(route)
    assert indexed == stock


def test_view_restrictions_match_wagtail():
    kim = make_kim()
    post = publish_post(kim, "Kabar Rahasia")
    index = post.get_parent()

    def restrictions():
        return sorted(Page.objects.get(pk=post.pk).get_view_restrictions().values_list("pk", flat=True))

    assert both(restrictions) == ([], [])
    restriction = PageViewRestriction.objects.create(page=index, restriction_type=PageViewRestriction.LOGIN)
    indexed, stock = both(restrictions)
    assert indexed == stock == [restriction.pk]


def test_locale_lookups_match_wagtail():
    def locales():
        result = []
        for language in ("id", "en", "fr"):
            with translation.override(language):
                result.append(Locale.get_active().pk)
        return result, Locale.get_default().pk

    indexed, stock = both(locales)
    assert indexed == stock


# --- Freshness across processes ------------------------------------------------------------------


def test_other_process_sees_a_new_kim_a_hostname_change_and_a_suspension():
    """A second SiteIndex stands for another process: it only shares the cache."""
    other_process = SiteIndex()
    assert other_process.find_site("baru.kim.test", 80).is_default_site

    kim = make_kim(name="KIM Baru", slug="baru")
    assert other_process.find_site("baru.kim.test", 80).pk == kim.site_id

    site = kim.site
    site.hostname = "baru.desa.id"
    site.save()
    assert other_process.find_site("baru.desa.id", 80).pk == kim.site_id
    assert other_process.find_site("baru.kim.test", 80).is_default_site

    assert not other_process.is_suspended(site)
    set_kim_status(Kim.objects.get(pk=kim.pk), Kim.Status.SUSPENDED)
    assert other_process.is_suspended(site)
    set_kim_status(Kim.objects.get(pk=kim.pk), Kim.Status.ACTIVE)
    assert not other_process.is_suspended(site)


def test_other_process_sees_a_renamed_site_root():
    kim = make_kim(name="KIM Ganti", slug="ganti")
    post = publish_post(kim, "Kabar")
    other_process = SiteIndex()
    assert other_process.relevant_root_paths(post.url_path)[0].site_id == kim.site_id

    regency_page = kim.home_page.get_parent().specific
    regency_page.slug = "bangka-baru"
    regency_page.save()
    post.refresh_from_db()
    assert post.url_path.startswith("/bangka-baru/")
    assert other_process.relevant_root_paths(post.url_path)[0].site_id == kim.site_id
    assert Page.objects.get(pk=post.pk).get_url() == f"http://ganti.kim.test/berita/{post.slug}/"


def test_a_process_without_an_index_still_tells_the_others():
    """A management command (no snapshot of its own) renames a site root's ancestor or adds a
    translation of a site root: the other processes rebuild all the same."""
    kim = make_kim(name="KIM Tanpa Indeks", slug="tanpa-indeks")
    post = publish_post(kim, "Kabar")
    other_process = SiteIndex()
    other_process.current()
    site_index.invalidate_local()

    english = Locale.objects.get_or_create(language_code="en")[0]
    en_home = kim.home_page.copy_for_translation(english, copy_parents=True)
    assert site_index._snapshot is None
    assert {srp.site_id for srp in other_process.relevant_root_paths(en_home.url_path)} == {kim.site_id}

    regency_page = kim.home_page.get_parent().specific
    regency_page.slug = "bangka-lain"
    site_index.invalidate_local()
    regency_page.save()
    post.refresh_from_db()
    assert post.url_path.startswith("/bangka-lain/")
    assert other_process.relevant_root_paths(post.url_path)[0].site_id == kim.site_id


def test_generation_is_checked_once_per_request():
    index = SiteIndex()
    token = _request_scope.set(_RequestScope())
    try:
        first = index.current()
        cache.set(site_index_module.GENERATION_KEY, "changed-elsewhere", timeout=None)
        assert index.current() is first  # still the same request: no second check
    finally:
        _request_scope.reset(token)
    assert index.current() is not first  # the next request (or code outside one) sees the change


def test_flushed_cache_makes_every_process_rebuild():
    index = SiteIndex()
    first = index.current()
    cache.clear()
    assert index.current() is not first


def test_index_reads_a_fixed_number_of_queries(django_assert_max_num_queries):
    for n in range(4):
        make_kim(name=f"KIM Hitung {n}")
    with django_assert_max_num_queries(7):
        site_index_module.build_snapshot("x")


@pytest.fixture
def redis_cache(settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:6379/6",
            "KEY_PREFIX": "kimcms-test-site-index",
        }
    }
    cache.clear()
    yield
    cache.clear()


def test_two_processes_share_changes_through_redis(redis_cache):
    process_a, process_b = SiteIndex(), SiteIndex()
    assert process_a.find_site("lewat-redis.kim.test", 80).is_default_site
    assert process_b.find_site("lewat-redis.kim.test", 80).is_default_site
    kim = make_kim(name="KIM Lewat Redis", slug="lewat-redis")
    assert process_a.find_site("lewat-redis.kim.test", 80).pk == kim.site_id
    assert process_b.find_site("lewat-redis.kim.test", 80).pk == kim.site_id
    home = KimHomePage.objects.get(pk=kim.home_page_id)
    assert process_b.relevant_root_paths(home.url_path)[0].root_url == "http://lewat-redis.kim.test"


@pytest.mark.django_db
def test_changing_a_published_slug_still_creates_wagtails_redirect(django_capture_on_commit_callbacks):
    """Wagtail's redirect handler reads the site list back from the request it passes to
    get_url_parts; the site index must leave it there as stock Wagtail does."""
    from wagtail.contrib.redirects.models import Redirect

    from tests.factories import make_kim

    kim = make_kim(name="KIM Slug Lama")
    profile = kim.home_page.get_children().get(slug="profil").specific
    profile.slug = "tentang-kami"
    with django_capture_on_commit_callbacks(execute=True):
        profile.save_revision().publish()
    redirect = Redirect.objects.get(old_path="/profil")
    assert redirect.site_id == kim.site_id
    assert redirect.redirect_page_id == profile.pk
