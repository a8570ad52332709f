"""One spelling of every hostname, for every comparison of hosts.

A client may send the same host as `KIM-X.kim.test`, `kim-x.kim.test.` (a fully qualified name),
`kim-x.kim.test:80`, or in Unicode or punycode (`désa.id` / `xn--dsa-bma.id`). Site.hostname may
be stored in either form too. Each of them must find the same Site, the same suspension and the
same page-cache entry, or one spelling bypasses what another one enforces. So every comparison
goes through `normalize_hostname` (a stored name) or `request_host` (the request's Host), and
a Site's hostname is stored in its normal form.
"""

import idna

from django.conf import settings
from django.db.models.signals import pre_save
from django.dispatch import receiver
from django.http.request import split_domain_port

from wagtail.models import Site


def normalize_hostname(hostname):
    """Lower case, no trailing dot, ASCII (IDNA/punycode) form of a hostname without port.

    A name that IDNA cannot encode (an invalid label) keeps its lower-case form: it cannot be a
    Site's hostname and a request with it never passes Django's host validation."""
    hostname = (hostname or "").strip().rstrip(".").lower()
    if hostname.isascii():
        return hostname
    try:
        return idna.encode(hostname, uts46=True).decode("ascii")
    except idna.IDNAError:
        return hostname


def split_host(host):
    """(normalized hostname, port string) of a Host header value; ("", "") when it is malformed."""
    hostname, port = split_domain_port(host or "")
    return normalize_hostname(hostname), port


def raw_host(request):
    """The Host the client asked for, before validation: what Wagtail routes Sites by."""
    meta = request.META
    if getattr(settings, "USE_X_FORWARDED_HOST", False) and "HTTP_X_FORWARDED_HOST" in meta:
        return meta["HTTP_X_FORWARDED_HOST"]
    if "HTTP_HOST" in meta:
        return meta["HTTP_HOST"]
    server_port = str(meta.get("SERVER_PORT", ""))
    default_port = "443" if request.is_secure() else "80"
    name = meta.get("SERVER_NAME", "")
    return name if server_port in ("", default_port) else f"{name}:{server_port}"


def request_host(request):
    """(normalized hostname, port number or None) of the request."""
    hostname, _port = split_host(raw_host(request))
    try:
        port = int(request.get_port())
    except (TypeError, ValueError):
        port = None
    return hostname, port


def request_hostname(request):
    return request_host(request)[0]


@receiver(pre_save, sender=Site)
def _store_site_hostname_normalized(sender, instance, raw=False, **kwargs):
    # So that `x.kim.test.` or `X.kim.test` cannot be a second Site next to `x.kim.test`.
    if not raw:
        instance.hostname = normalize_hostname(instance.hostname)
