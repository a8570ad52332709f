"""The HTTP cache in front (Varnish, deploy/varnish/kimcms.vcl), purged through Wagtail's
frontend-cache backends from the task queue.

Wagtail's `HTTPBackend` sends one PURGE per URL, with no timeout. This backend gives each request
a timeout shorter than a task's lease, and adds a ban of every page of a Site: the Redis page
cache drops a whole Site at once (kim_sites/scale/page_cache.py), and so must the cache in front, for a
suspension, a site-settings change or a new post (which shows on tag, category and page-2 lists no
URL list names). A Site is named by its id, which the page cache puts on every response it stores
(`X-Kim-Site`): the portal answers under more names than its Site's hostname. A purge that cannot reach the cache is logged; what it would have dropped expires
after the app's s-maxage (KIM_PAGE_CACHE_CONTROL, 300 s).
"""

import logging
from urllib.error import HTTPError, URLError
from urllib.parse import urlsplit, urlunsplit
from urllib.request import Request, urlopen

from django_tasks import task

from django.conf import settings

from wagtail.contrib.frontend_cache.backends.http import HTTPBackend
from wagtail.contrib.frontend_cache.utils import get_backends

logger = logging.getLogger(__name__)

TIMEOUT_SECONDS = 5


class _MethodRequest(Request):
    def __init__(self, method, *args, **kwargs):
        self._method = method
        super().__init__(*args, **kwargs)

    def get_method(self):
        return self._method


class VarnishBackend(HTTPBackend):
    """PURGE of a URL (every query-string variant of its path), BAN of a Site (every response the
    page cache marked with its id, under any host) and of everything; each with a timeout."""

    def purge(self, url):
        parts = urlsplit(url)
        host = parts.hostname + (f":{parts.port}" if parts.port else "")
        self._send("PURGE", parts.path or "/", parts.query, f"url {url}", {"Host": host})

    def ban_site(self, site_id):
        self._send("BAN", "/", "", f"site {site_id}", {"X-Kim-Ban-Site": str(int(site_id))})

    def ban_all(self):
        self._send("BAN", "/", "", "everything", {"X-Kim-Ban": "all"})

    def _send(self, method, path, query, what, headers):
        request = _MethodRequest(
            method,
            url=urlunsplit([self.cache_scheme, self.cache_netloc, path, query, ""]),
            headers={"User-Agent": "kimcms-frontendcache", **headers},
        )
        try:
            with urlopen(request, timeout=TIMEOUT_SECONDS):  # noqa: S310  # nosec B310  # FRONTEND_CACHE_URL, set by the operator
                pass
        except HTTPError as error:
            logger.error("%s of %s in the HTTP cache refused: %s %s", method, what, error.code, error.reason)
        except (URLError, OSError) as error:
            logger.error("%s of %s in the HTTP cache failed: %s", method, what, getattr(error, "reason", error))


def enabled():
    return bool(getattr(settings, "WAGTAILFRONTENDCACHE", None))


# Ahead of the search and reference-index updates a publish also enqueues: visitors see the change
# as soon as this has run.
PURGE_PRIORITY = 50


@task(priority=PURGE_PRIORITY)
def ban_sites_task(site_ids):
    """Drop every stored response of these Sites from each frontend cache that can ban."""
    for backend in get_backends().values():
        if hasattr(backend, "ban_site"):
            for site_id in site_ids:
                backend.ban_site(site_id)


@task(priority=PURGE_PRIORITY)
def ban_all_task():
    for backend in get_backends().values():
        if hasattr(backend, "ban_all"):
            backend.ban_all()


def enqueue_ban_sites(site_ids):
    """From the task queue, once the transaction commits (the task row is written in it)."""
    site_ids = sorted({int(site_id) for site_id in site_ids if site_id is not None})
    if enabled() and site_ids:
        ban_sites_task.enqueue(site_ids)


def enqueue_ban_all():
    if enabled():
        ban_all_task.enqueue()
