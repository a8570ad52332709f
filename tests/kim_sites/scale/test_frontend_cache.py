"""Purges of the HTTP cache in front, as the app sends them, received by a real server on loopback.

The server plays the cache's side of the protocol in deploy/varnish/kimcms.vcl: it records each
PURGE and BAN. The Varnish configuration itself is exercised by the stack test
(tests/stack/test_http_cache.py).
"""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from wagtail.models import PageViewRestriction, Site

from kim_sites.models import Kim, KimSiteSettings
from kim_sites.registry.provisioning import set_kim_status
from kim_sites.scale import page_cache
from tests.factories.pages import make_post
from tests.factories.registry import make_kim
from tests.support.services import needs_loopback
from tests.support.templates import templates_with_fallback

pytestmark = [pytest.mark.django_db, needs_loopback]


class Received(BaseHTTPRequestHandler):
    def _record(self):
        self.server.received.append((self.command, self.headers.get("Host"), self.path, dict(self.headers)))
        self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_PURGE = do_BAN = _record

    def log_message(self, *args):
        pass


@pytest.fixture
def front(settings):
    server = ThreadingHTTPServer(("127.0.0.1", 0), Received)
    server.received = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.WAGTAILFRONTENDCACHE = {
        "varnish": {
            "BACKEND": "kim_sites.scale.frontend_cache.VarnishBackend",
            "LOCATION": f"http://127.0.0.1:{server.server_address[1]}",
        }
    }
    yield server.received
    server.shutdown()
    server.server_close()


@pytest.fixture
def kim(settings):
    settings.TEMPLATES = templates_with_fallback(settings.TEMPLATES)
    kim = make_kim(name="KIM Depan", slug="depan")
    KimSiteSettings.for_site(kim.site)
    KimSiteSettings.for_site(Site.objects.get(is_default_site=True))
    return kim


def site_bans(received):
    return {int(headers["X-Kim-Ban-Site"]) for method, _host, _path, headers in received if method == "BAN"}


def purged(received):
    return {(host, path) for method, host, path, _headers in received if method == "PURGE"}


def test_publishing_bans_the_kim_and_the_portal_and_purges_the_post_and_its_lists(front, kim):
    post = make_post(kim, "Kabar Depan")
    portal = Site.objects.get(is_default_site=True)
    assert site_bans(front) == {kim.site.pk, portal.pk}
    host = kim.site.hostname
    assert {(host, "/"), (host, "/berita/"), (host, f"/berita/{post.slug}/"), (host, "/feed/")} <= purged(front)
    assert (host, "/sitemap.xml") in purged(front)
    assert any(path == "/" and h != host for h, path in purged(front))  # the portal's home


def test_suspension_site_settings_and_privacy_ban_the_kim(front, kim):
    post = make_post(kim, "Kabar Rahasia")
    front.clear()
    set_kim_status(Kim.objects.get(pk=kim.pk), Kim.Status.SUSPENDED)
    assert kim.site.pk in site_bans(front)
    front.clear()
    settings_row = KimSiteSettings.for_site(kim.site)
    settings_row.accent_color = "#123456"
    settings_row.save()
    assert site_bans(front) == {kim.site.pk}
    front.clear()
    PageViewRestriction.objects.create(page=post, restriction_type=PageViewRestriction.LOGIN)
    assert kim.site.pk in site_bans(front)
    front.clear()
    post.unpublish()
    assert kim.site.pk in site_bans(front)


def test_stored_responses_name_their_site_and_others_do_not(client, kim):
    client.get("/berita/", HTTP_HOST=kim.site.hostname)
    stored = client.get("/berita/", HTTP_HOST=kim.site.hostname)
    assert stored[page_cache.CACHE_HEADER] == "hit" and stored[page_cache.SITE_HEADER] == str(kim.site.pk)
    bypassed = client.get("/berita/?utm_source=wa", HTTP_HOST=kim.site.hostname)
    assert bypassed[page_cache.CACHE_HEADER] == "bypass" and page_cache.SITE_HEADER not in bypassed
