"""A name under the base domain that no KIM holds: 404, never the portal, never one cache entry per name."""

import uuid

import pytest

from django.core.cache import cache

from kim_sites.models import Kim
from kim_sites.registry.provisioning import set_kim_status
from kim_sites.scale.page_cache import CACHE_HEADER
from tests.factories.registry import make_kim

pytestmark = pytest.mark.django_db

PORTAL = "portal.kim.test"


def invented():
    return f"x{uuid.uuid4().hex[:10]}.kim.test"


def cache_entries():
    """What the cache holds: local memory (the default test settings) or Redis (REDIS_URL), whose
    database this test process has to itself."""
    store = cache._cache
    if isinstance(store, dict):
        return len(store)
    return store.get_client(write=False).dbsize()


@pytest.fixture
def kim():
    return make_kim("bangka", name="KIM Alamat Jelas")


def test_an_invented_subdomain_gets_a_404_notice_that_is_never_stored(client, kim):
    client.get("/", HTTP_HOST=PORTAL)
    client.get("/", HTTP_HOST=kim.site.hostname)
    before = cache_entries()
    for _ in range(30):
        response = client.get("/", HTTP_HOST=invented())
        assert response.status_code == 404
        assert response["Cache-Control"] == "no-store"
        assert CACHE_HEADER not in response
        assert "Situs tidak ditemukan" in response.content.decode()
    assert cache_entries() == before


@pytest.mark.parametrize("path", ["/berita/", "/feed/", "/sitemap.xml", "/search/?query=kim", "/en/", "/robots.txt"])
def test_every_public_path_of_an_invented_subdomain_is_404(client, kim, path):
    assert client.get(path, HTTP_HOST=invented()).status_code == 404


def test_deeper_invented_names_are_404_too(client, kim):
    assert client.get("/", HTTP_HOST=f"www.{kim.site.hostname}").status_code == 404


@pytest.mark.parametrize(
    "spelling",
    [lambda h: h.upper(), lambda h: f"{h}.", lambda h: f"{h}:80", lambda h: h],
    ids=["upper-case", "trailing-dot", "port", "as-stored"],
)
def test_a_kim_host_in_any_spelling_is_served(client, kim, spelling):
    response = client.get("/", HTTP_HOST=spelling(kim.site.hostname))
    assert response.status_code == 200
    assert "KIM Alamat Jelas" in response.content.decode()


@pytest.mark.parametrize("host", [PORTAL, "kim.test", "admin.kim.test", "localhost", "testserver", "desa-lain.example"])
def test_the_portal_the_admin_host_and_hosts_outside_the_base_domain_keep_the_default_site(client, kim, host):
    assert client.get("/", HTTP_HOST=host).status_code == 200


def test_a_kim_created_now_is_served_at_once(client, kim):
    assert client.get("/", HTTP_HOST="kim-baru-sekali.kim.test").status_code == 404
    fresh = make_kim("bangka", name="KIM Baru Sekali")
    assert fresh.site.hostname == "kim-baru-sekali.kim.test"
    assert client.get("/", HTTP_HOST=fresh.site.hostname).status_code == 200


def test_a_suspended_kim_keeps_its_notice(client, kim):
    set_kim_status(kim, Kim.Status.SUSPENDED)
    assert client.get("/", HTTP_HOST=kim.site.hostname).status_code == 503


def test_probes_the_admin_and_static_files_answer_on_any_host(client, kim):
    host = invented()
    assert client.get("/healthz", HTTP_HOST=host).status_code == 200
    assert client.get("/admin/", HTTP_HOST=host).status_code == 302  # to the login
    assert client.get("/admin/login/", HTTP_HOST=host).status_code == 200
    assert client.get("/static/css/error.css", HTTP_HOST=host).status_code == 200
