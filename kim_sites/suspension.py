"""Suspended KIM sites: offline for the public, untouched for the people who work on them.

Every request to a suspended KIM's host (pages, search, feeds, sitemap, /en/…) gets a polite
503 notice. The admin and the activation pages stay reachable on any host, and nothing is
deleted: reactivating brings the site back as it was.

The set of suspended hosts lives in the cache (Redis in production, shared by every process);
it is rebuilt with one indexed query and dropped whenever a KIM's status or a Site changes.
Without a shared cache, other processes see a change within SUSPENSION_CACHE_SECONDS.
"""

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.urls import reverse

from wagtail.models import Site

CACHE_KEY = "kim_sites:suspended_sites:v1"
SUSPENSION_CACHE_SECONDS = 60
RETRY_AFTER_SECONDS = 24 * 3600


def suspended_sites():
    """{hostname: {"site_id", "kim", "regency"}} of every suspended KIM."""
    sites = cache.get(CACHE_KEY)
    if sites is None:
        from .models import Kim

        rows = (
            Kim.objects.filter(status=Kim.Status.SUSPENDED, site__isnull=False)
            .order_by()
            .values_list("site_id", "site__hostname", "name", "regency__name")
        )
        sites = {
            hostname.lower(): {"site_id": site_id, "kim": name, "regency": regency}
            for site_id, hostname, name, regency in rows
        }
        cache.set(CACHE_KEY, sites, SUSPENSION_CACHE_SECONDS)
    return sites


def suspended_site_ids():
    return {info["site_id"] for info in suspended_sites().values()}


def suspension_for_request(request):
    """The suspension notice data for this request's host, or None when the site is open.

    The one place that decides; a faster site lookup can replace its inside later.
    """
    sites = suspended_sites()
    if not sites:
        return None
    host = request.get_host().rsplit(":", 1)[0].lower() if request.get_host() else ""
    return sites.get(host)


def invalidate():
    cache.delete(CACHE_KEY)
    # A request between now and the commit may have cached the old state: drop it again then.
    transaction.on_commit(lambda: cache.delete(CACHE_KEY))


@receiver(post_save, sender=Site)
@receiver(post_delete, sender=Site)
def _site_changed(sender, created=False, **kwargs):
    # New Sites belong to new, active KIMs and cannot change the set.
    if not created:
        invalidate()


def _exempt_prefixes():
    return (reverse("wagtailadmin_home"), "/aktivasi/", "/static/")


class SuspendedSiteMiddleware:
    """Answers every public request to a suspended KIM's host with the notice."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.exempt = None

    def __call__(self, request):
        if self.exempt is None:
            self.exempt = _exempt_prefixes()
        if not request.path.startswith(self.exempt):
            suspension = suspension_for_request(request)
            if suspension is not None:
                return suspended_response(request, suspension)
        return self.get_response(request)


def suspended_response(request, suspension):
    body = render_to_string("kim_sites/suspended.html", suspension)
    response = HttpResponse(body, status=503, content_type="text/html; charset=utf-8")
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    # Never let a shared cache keep the notice after the site is reactivated.
    response["Cache-Control"] = "no-store"
    return response
