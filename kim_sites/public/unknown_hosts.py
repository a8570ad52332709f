"""A name under the base domain that no KIM holds answers 404, uncached, and never the portal.

nginx passes every `*.<KIM_BASE_DOMAIN>` to the app, and Wagtail answers a host that no Site
holds with the default site, the portal. So `x1.<base>`, `x2.<base>`... each showed the portal,
each under its own page-cache entry: the cache grew with every invented name, and search engines
found copies of the portal at any address. Now such a host gets a short notice with a link to the
portal, status 404 and `Cache-Control: no-store`, before the suspension check and the page cache
(so nothing is stored for it). The lookup is the site index's, in memory: no query per request.

Untouched: the portal's hostnames (`PORTAL_HOSTNAME`, the base domain itself), the admin's
(`WAGTAILADMIN_BASE_URL`), every Site's
hostname in any spelling (see `hosts`), hosts outside the base domain (a KIM's own domain,
`localhost`, the test client's `testserver`, which fall back to the default site as in Wagtail),
and, on any host, the admin, the activation links and static files, as for a suspended KIM.
/healthz and /readyz are answered before this check.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.urls import reverse

from kim_sites.conf import kim_settings
from kim_sites.hosts import normalize_hostname, request_hostname
from kim_sites.public.branding import platform_favicon_bytes
from kim_sites.scale.site_index import site_index


def platform_hostnames():
    """The portal's names and the admin's (WAGTAILADMIN_BASE_URL), which no Site may hold."""
    admin = urlsplit(getattr(settings, "WAGTAILADMIN_BASE_URL", "") or "").hostname or ""
    return {normalize_hostname(name) for name in (settings.PORTAL_HOSTNAME, kim_settings.KIM_BASE_DOMAIN, admin)}


def is_unknown_host(hostname):
    """Whether `hostname` (normalized) lies under the base domain and no Site or portal holds it."""
    base = normalize_hostname(kim_settings.KIM_BASE_DOMAIN)
    if not base or not hostname.endswith(f".{base}") or hostname in platform_hostnames():
        return False
    return not site_index.has_hostname(hostname)


def unknown_host_response(request):
    portal = normalize_hostname(settings.PORTAL_HOSTNAME)
    body = render_to_string(
        "kim_sites/unknown_host.html", {"hostname": request_hostname(request), "portal_url": f"//{portal}/"}
    )
    response = HttpResponse(body, status=404, content_type="text/html; charset=utf-8")
    # Neither this app nor an HTTP cache in front may keep one copy per invented name.
    response["Cache-Control"] = "no-store"
    return response


class UnknownHostMiddleware:
    """Answers every public request to an unknown name under the base domain with a 404 notice."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.exempt = None

    def __call__(self, request):
        if self.exempt is None:
            self.exempt = (reverse("wagtailadmin_home"), "/aktivasi/", "/static/")
        if not request.path.startswith(self.exempt) and is_unknown_host(request_hostname(request)):
            if request.path == "/favicon.ico":
                # The browser asks for it after the notice: the platform's icon, not one more 404.
                response = HttpResponse(platform_favicon_bytes(settings.WAGTAIL_SITE_NAME), content_type="image/x-icon")
                response["Cache-Control"] = "no-store"
                return response
            return unknown_host_response(request)
        return self.get_response(request)
