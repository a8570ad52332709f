"""The beacon: after a page has loaded, the reader's browser posts to its beacon address once.

The address is `/_dibaca/<site id>/<page id>/<signature>/`, written into the page when it is
rendered (so a page served from the page cache or from Varnish carries it too: the view is counted
by the beacon, not by the page request). The signature (Django's Signer, keyed by SECRET_KEY)
proves the pair came from a page this platform rendered, so nobody can count views of ids they
made up. The endpoint counts the view only when the pair's Site is the Site of the request's own
host and the User-Agent is not a bot's; it reads no database row and sets no cookie, and answers
204 with `Cache-Control: no-store`, which no cache in front keeps. The flush checks again that
the page is live and public before the view reaches PageViewDay (kim_sites/reach/flush.py).
"""

from django.core import signing
from django.http import HttpResponse, HttpResponseNotAllowed
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt

from kim_sites.conf import kim_settings
from kim_sites.hosts import request_host
from kim_sites.reach.counting import is_bot, record_view
from kim_sites.scale.site_index import site_index

SALT = "kim_sites.reach.beacon"


def _signer():
    return signing.Signer(salt=SALT)


def _value(site_id, page_id):
    return f"{site_id}.{page_id}"


def beacon_url(site_id, page_id):
    signature = _signer().signature(_value(site_id, page_id))
    return reverse("kim_page_view", args=[site_id, page_id, signature])


def valid_signature(site_id, page_id, signature):
    try:
        _signer().unsign(f"{_value(site_id, page_id)}{_signer().sep}{signature}")
    except signing.BadSignature:
        return False
    return True


def _no_store(response):
    response["Cache-Control"] = "no-store"
    return response


@csrf_exempt
def page_view(request, site_id, page_id, signature):
    """Count one view of the page (204), or nothing: another host's page, a bot (204), a forged address (400)."""
    if request.method != "POST":
        return _no_store(HttpResponseNotAllowed(["POST"]))
    if not valid_signature(site_id, page_id, signature):
        return _no_store(HttpResponse("Alamat penghitung tidak sah.", status=400, content_type="text/plain"))
    if kim_settings.KIM_REACH_ENABLED and not is_bot(request.META.get("HTTP_USER_AGENT")):
        site = site_index.find_site(*request_host(request))
        if site is not None and site.pk == site_id:
            record_view(site_id, page_id)
    return _no_store(HttpResponse(status=204))
