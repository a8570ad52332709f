"""The address of the visitor, for per-client limits.

Without a proxy, REMOTE_ADDR is the client. Behind N trusted reverse proxies (load balancer, CDN),
set `TRUSTED_PROXY_COUNT=N`: each proxy appends the address it received the request from to
X-Forwarded-For, so the client is the N-th entry from the right. Entries further left are written
by the client itself and are never trusted. IPv6 clients are counted per /64, the block one
subscriber usually holds.
"""

import ipaddress

from kim_sites.conf import kim_settings


def _parse(value):
    try:
        return ipaddress.ip_address(value.strip().strip("[]"))
    except ValueError:
        return None


def client_ip(request):
    """The client's address as an ipaddress object, or None when it cannot be told."""
    proxies = int(kim_settings.KIM_TRUSTED_PROXY_COUNT)
    if proxies > 0:
        forwarded = [part for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if len(forwarded) >= proxies:
            address = _parse(forwarded[-proxies])
            if address is not None:
                return address
    return _parse(request.META.get("REMOTE_ADDR", ""))


def client_address(request):
    """A stable key for the client: its IPv4 address, or its IPv6 /64 network."""
    address = client_ip(request)
    if address is None:
        return "unknown"
    if address.version == 6:
        if address.ipv4_mapped is not None:
            return str(address.ipv4_mapped)
        return str(ipaddress.ip_network(f"{address}/64", strict=False))
    return str(address)
