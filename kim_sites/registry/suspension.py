"""Suspended KIM sites: offline for the public, untouched for the people who work on them.

Every request to a suspended KIM's host (pages, search, feeds, sitemap, /en/…), in any spelling
of the host (case, port, trailing dot, IDNA: see `hosts`), gets a polite 503 notice. The check
runs before the page cache, so no stored copy of the site is ever served. The KIM's documents are
refused on every host, because a document URL works on any of them. The admin and the activation
pages stay reachable on any host, and nothing is deleted: reactivating brings the site back.

The set of suspended hosts and collections lives in the shared cache (Redis, or the database
cache: production refuses a per-process one), so every process sees a change at once; it is
rebuilt with one indexed query, dropped whenever a KIM's status or a Site changes, and lives
SUSPENSION_CACHE_SECONDS at most, so that a change made without signals is seen too.
The KIM's cached pages, and the portal's that list them, are purged by `page_cache`.
"""

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.urls import reverse

from wagtail.models import Collection, Site

from kim_sites.conf import kim_settings
from kim_sites.hosts import normalize_hostname, request_hostname
from kim_sites.models import Kim, Regency
from kimcms.cache import drop_after_outage

CACHE_KEY = "kim_sites:suspended:v2"
# Written while Redis was unreachable, it may be stale once it answers (kimcms/cache.py).
drop_after_outage(CACHE_KEY)
SUSPENSION_CACHE_SECONDS = 60
RETRY_AFTER_SECONDS = 24 * 3600


def _state():
    """{"hosts": {hostname: notice data}, "collections": {collection path: notice data}}."""
    state = cache.get(CACHE_KEY)
    if state is None:
        rows = (
            Kim.objects.suspended()
            .order_by()
            .values_list(
                "site_id",
                "site__hostname",
                "collection__path",
                "name",
                "regency__name",
                "regency__contact_email",
                "regency__contact_phone",
                "regency__contact_address",
            )
        )
        state = {"hosts": {}, "collections": {}}
        for site_id, hostname, collection_path, name, regency, *contact in rows:
            info = {"site_id": site_id, "kim": name, "regency": regency, "contact": pembina_contact(regency, *contact)}
            if site_id is not None:
                state["hosts"][normalize_hostname(hostname)] = info
            if collection_path:
                state["collections"][collection_path] = info
        cache.set(CACHE_KEY, state, SUSPENSION_CACHE_SECONDS)
    return state


def pembina_contact(regency, email="", phone="", address=""):
    """Whom to ask about a suspended KIM: its regency's Diskominfo, else the province's.

    The regency's contact is used as a whole when it has any part, so that a notice never mixes
    the phone of one office with the e-mail of another."""
    if email or phone or address:
        office = f"Dinas Komunikasi dan Informatika {regency}" if regency else ""
        return {"office": office, "email": email, "phone": phone, "address": address, "province": False}
    return {
        "office": f"Dinas Komunikasi dan Informatika Provinsi {kim_settings.KIM_PROVINCE_NAME}",
        "email": kim_settings.KIM_PROVINCE_CONTACT_EMAIL,
        "phone": kim_settings.KIM_PROVINCE_CONTACT_PHONE,
        "address": kim_settings.KIM_PROVINCE_CONTACT_ADDRESS,
        "province": True,
    }


def suspended_sites():
    """{normalized hostname: {"site_id", "kim", "regency", "contact"}} of every suspended KIM."""
    return _state()["hosts"]


def suspended_site_ids():
    return {info["site_id"] for info in suspended_sites().values()}


def suspension_for_request(request):
    """The suspension notice data for this request's host, or None when the site is open."""
    sites = suspended_sites()
    if not sites:
        return None
    return sites.get(request_hostname(request))


def suspension_for_collection(collection_id):
    """The notice data when this collection is a suspended KIM's collection or lies inside one."""
    collections = _state()["collections"]
    if not collections or collection_id is None:
        return None
    path = Collection.objects.filter(pk=collection_id).values_list("path", flat=True).first() or ""
    steplen = Collection.steplen
    for end in range(steplen, len(path) + 1, steplen):
        info = collections.get(path[:end])
        if info is not None:
            return info
    return None


def invalidate():
    cache.delete(CACHE_KEY)
    # A request between now and the commit may have cached the old state: drop it again then.
    transaction.on_commit(lambda: cache.delete(CACHE_KEY))


def _site_changed(sender, created=False, **kwargs):
    # New Sites belong to new, active KIMs and cannot change the set.
    if not created:
        invalidate()


def _regency_changed(sender, **kwargs):
    invalidate()  # its contact is on its suspended KIMs' notices


def connect_signals():
    """Keep the cached set of suspended hosts in step with Site changes, in every process."""
    post_save.connect(_regency_changed, sender=Regency, dispatch_uid="kim_suspension_regency_saved")
    post_save.connect(_site_changed, sender=Site, dispatch_uid="kim_suspension_site_saved")
    post_delete.connect(_site_changed, sender=Site, dispatch_uid="kim_suspension_site_deleted")


def _exempt_prefixes():
    return (reverse("wagtailadmin_home"), "/aktivasi/", "/static/")


class SuspendedSiteMiddleware:
    """Answers every public request to a suspended KIM's host with the notice.

    Placed before the page cache: a suspended site must never be answered from a stored copy."""

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


def refuse_suspended_document(document, request):
    """`before_serve_document`: a suspended KIM's documents are offline on every host.

    The people who work in the admin keep them, as they keep the KIM's pages there."""
    suspension = suspension_for_collection(document.collection_id)
    if suspension is None:
        return None
    user = getattr(request, "user", None)
    if user is not None and user.has_perm("wagtailadmin.access_admin"):
        return None
    return suspended_response(request, suspension)


def suspended_response(request, suspension):
    body = render_to_string("kim_sites/suspended.html", suspension)
    response = HttpResponse(body, status=503, content_type="text/html; charset=utf-8")
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    # Never let a shared cache keep the notice after the site is reactivated.
    response["Cache-Control"] = "no-store"
    return response
