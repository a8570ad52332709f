"""Anonymous page cache: whole public responses, kept in the default cache (Redis when REDIS_URL is set).

A response is stored only when nothing in it can belong to one visitor: a GET or HEAD without a
session cookie, without a query string (or with whitelisted parameters only, each once, spelled
as Django writes them), answered 200 with no cookie set, no CSRF token used, and no
`private`/`no-cache`/`no-store` header. Logged-in editors and moderators carry a session cookie,
so they always get a fresh page.

Keys hash the scheme, host (in its one normal spelling, see `hosts`), language, path and exact
query string, each encoded on its own so that none can imitate another, plus two generation
tokens: one per Site and one for the whole cache. Purging a KIM means replacing its Site's token (one cache write),
which drops its home, indexes with every page/tag/category variant, feed and sitemap at once, on
every process. `purge_for_page` is wired to publish, unpublish, move and delete (so a workflow
approval, which publishes, purges too), and always purges the portal as well.
"""

import hashlib
import json
import logging
import uuid

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.http import HttpResponse, QueryDict
from django.utils.cache import patch_cache_control
from django.utils.translation import get_language_from_path

from wagtail.contrib.settings.models import BaseSiteSetting
from wagtail.images import get_image_model
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from kim_sites.conf import kim_settings
from kim_sites.hosts import request_host
from kim_sites.models import Kim, KimSiteSettings, Regency
from kim_sites.scale import frontend_cache, tasks
from kim_sites.scale.site_index import site_index
from kimcms.cache import cache_available, drop_after_outage

logger = logging.getLogger(__name__)

CACHE_HEADER = "X-Kim-Cache"
# On every stored response: the Site it belongs to, by which the HTTP cache in front bans a whole
# Site (kim_sites/scale/frontend_cache.py), whatever host it was asked under. Its presence is also what
# lets that cache store a response at all (deploy/varnish/kimcms.vcl).
SITE_HEADER = "X-Kim-Site"
ALL_KEY = "kim:pc:gen:all"
# Written while Redis was unreachable, it may be stale once it answers (kimcms/cache.py).
drop_after_outage(ALL_KEY)
SKIPPED_HEADERS = {"set-cookie", CACHE_HEADER.lower()}


def _token():
    return uuid.uuid4().hex


def _site_key(site_id):
    return f"kim:pc:gen:site:{site_id}"


def generations(site_id):
    keys = [ALL_KEY, _site_key(site_id)]
    found = cache.get_many(keys)
    missing = {key: _token() for key in keys if key not in found}
    if missing:
        # A missing token (first use, eviction, flush) is replaced by a fresh one, never reused.
        for key, value in missing.items():
            cache.add(key, value, timeout=None)
        found.update(cache.get_many(list(missing)))
    if ALL_KEY not in found or _site_key(site_id) not in found:
        # The cache is down (or stores nothing): no entry may be looked up or stored without
        # the tokens that a purge replaces.
        return None
    return found[ALL_KEY], found[_site_key(site_id)]


def purge_sites(site_ids):
    """Drop every stored response of these Sites, now and once the transaction commits."""
    site_ids = {site_id for site_id in site_ids if site_id is not None}
    if not site_ids:
        return

    def bump():
        cache.set_many({_site_key(site_id): _token() for site_id in site_ids}, timeout=None)

    # Now, so this process never serves the old page again; on commit, because a request in
    # between may have stored a page rendered from the rows of before the commit.
    bump()
    transaction.on_commit(bump)
    # The HTTP cache in front drops the same Sites, from the task queue.
    frontend_cache.enqueue_ban_sites(site_ids)


def purge_all():
    cache.set(ALL_KEY, _token(), timeout=None)
    transaction.on_commit(lambda: cache.set(ALL_KEY, _token(), timeout=None))
    frontend_cache.enqueue_ban_all()


def portal_site_id():
    return site_index.default_site_id()


def site_ids_for_page(page, *url_paths):
    ids = set()
    for url_path in (page.url_path, *url_paths):
        ids |= site_index.site_ids_for_url_path(url_path)
    return ids


def purge_for_page(page, *url_paths):
    """A page changed state: purge its Site (page, home, index variants, tags, feed, sitemap) and the portal."""
    site_ids = site_ids_for_page(page, *url_paths)
    site_ids.add(portal_site_id())
    purge_sites(site_ids)
    tasks.enqueue_frontend_purge(page, site_ids)


# --- Middleware --------------------------------------------------------------------------------------


def _cacheable_request(request):
    if request.method not in ("GET", "HEAD"):
        return False
    if settings.SESSION_COOKIE_NAME in request.COOKIES:
        return False
    path = request.path_info
    for prefix in kim_settings.KIM_PAGE_CACHE_EXCLUDED_PREFIXES:
        if path.startswith(prefix) or _without_language(path).startswith(prefix):
            return False
    allowed = kim_settings.KIM_PAGE_CACHE_QUERY_PARAMS
    if not all(name in allowed for name in request.GET):
        return False
    return _canonical_query(request)


def _canonical_query(request):
    """Whether the query string is spelled the one way Django writes it, each parameter once.

    The key holds the query string exactly as sent, and the response may too (links keep it).
    Other spellings of the same parameters (`%6Bategori=`, `%20` for `+`, lower-case escapes,
    `?page` without `=`) and repeated parameters are served fresh and never stored, so that no
    spelling can share, flood or poison an entry."""
    raw = request.META.get("QUERY_STRING", "")
    if not raw:
        return True
    parsed = QueryDict(raw)
    if any(len(values) > 1 for _name, values in parsed.lists()):
        return False
    return parsed.urlencode() == raw


def _without_language(path):
    language = get_language_from_path(path)
    if language and path.startswith(f"/{language}/"):
        return path[len(language) + 1 :]
    return path


def _cacheable_response(request, response):
    if response.status_code != 200 or response.streaming:
        return False
    if response.cookies or request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return False
    cache_control = response.get("Cache-Control", "").lower()
    if any(word in cache_control for word in ("private", "no-cache", "no-store", "max-age=0")):
        return False
    return not getattr(request, "_kim_page_cache_skip", False)


def _enabled():
    # Off under DEBUG (development), so template changes show at once; KIM_PAGE_CACHE_IN_DEBUG
    # turns it on there to try it out.
    if settings.DEBUG and not kim_settings.KIM_PAGE_CACHE_IN_DEBUG:
        return False
    return kim_settings.KIM_PAGE_CACHE_ENABLED


def skip_page_cache(request):
    """Call from a view whose response must never be stored (e.g. shows something per visitor)."""
    request._kim_page_cache_skip = True


class PageCacheMiddleware:
    """Serves and stores anonymous responses. Placed early, so a hit skips sessions, CSRF, auth."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # With the shared cache down, every page is built from the database (kimcms/cache.py).
        if not _enabled() or not _cacheable_request(request) or not cache_available(cache):
            response = self.get_response(request)
            return self._finish_uncached(request, response, "bypass")

        key = self.key_for(request)
        if key is None:
            response = self.get_response(request)
            return self._finish_uncached(request, response, "bypass")
        stored = cache.get(key)
        if stored is not None:
            return self._rebuild(request, stored)

        response = self.get_response(request)
        if _cacheable_response(request, response):
            patch_cache_control(response, **_cache_control_kwargs())
            response[SITE_HEADER] = str(request._kim_page_cache_site)
            headers = [(k, v) for k, v in response.items() if k.lower() not in SKIPPED_HEADERS]
            cache.set(key, (response.status_code, headers, response.content), kim_settings.KIM_PAGE_CACHE_TIMEOUT)
            response[CACHE_HEADER] = "miss"
            return response
        return self._finish_uncached(request, response, "bypass")

    def key_for(self, request):
        """The entry of this request, or None when it must not be looked up or stored.

        Every part that can change the response goes in, each as its own JSON string, so that no
        character in one part (`&`, `=`, `|`, an escape) can imitate another part."""
        try:
            host = request.get_host()
        except Exception:  # DisallowedHost: let the view stack answer it
            return None
        hostname, port = request_host(request)
        # The response may show the host as sent (absolute URLs): only its one normal spelling is
        # stored; `KIM-X.kim.test`, a trailing dot or a punycode variant is rendered fresh.
        if host != hostname and host.rsplit(":", 1)[0] != hostname:
            return None
        site = site_index.find_site(hostname, port)
        site_id = site.pk if site is not None else 0
        request._kim_page_cache_site = site_id
        tokens = generations(site_id)
        if tokens is None:
            return None
        all_generation, site_generation = tokens
        language = get_language_from_path(request.path_info) or settings.LANGUAGE_CODE
        parts = [request.scheme, host, language, request.path, request.META.get("QUERY_STRING", "")]
        digest = hashlib.sha256(json.dumps(parts).encode()).hexdigest()
        return f"kim:pc:{all_generation}:{site_id}:{site_generation}:{digest}"

    def _rebuild(self, request, stored):
        status, headers, content = stored
        response = HttpResponse(b"" if request.method == "HEAD" else content, status=status)
        for name, value in headers:
            response[name] = value
        if request.method == "HEAD":
            response["Content-Length"] = str(len(content))
        response[CACHE_HEADER] = "hit"
        return response

    def _finish_uncached(self, request, response, state):
        if CACHE_HEADER not in response:
            response[CACHE_HEADER] = state
        signed_in = settings.SESSION_COOKIE_NAME in request.COOKIES and not request.path_info.startswith("/admin/")
        if signed_in and "Cache-Control" not in response:
            # Signed-in people see drafts moving through moderation: nothing may keep their copy.
            response["Cache-Control"] = "private, no-cache"
        return response


def _cache_control_kwargs():
    kwargs = {}
    for part in kim_settings.KIM_PAGE_CACHE_CONTROL.split(","):
        part = part.strip()
        if not part:
            continue
        name, _, value = part.partition("=")
        kwargs[name.replace("-", "_")] = value or True
    return kwargs


# --- Invalidation ------------------------------------------------------------------------------------


def _on_published(sender, instance, **kwargs):
    purge_for_page(instance)


def _on_moved(sender, instance, url_path_before=None, url_path_after=None, **kwargs):
    purge_for_page(instance, *(p for p in (url_path_before, url_path_after) if p))


def _on_page_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page):
        purge_for_page(instance)


def _on_site_saved(sender, instance, **kwargs):
    purge_sites({instance.pk})


def _on_kim_saved(sender, instance, **kwargs):
    # The portal lists every active KIM (latest posts, directory, feed, sitemap index), so a KIM's
    # suspension or new details purge it as well as the KIM's own site.
    if instance.site_id:
        purge_sites({instance.site_id, portal_site_id()})


def _on_site_setting_saved(sender, instance, **kwargs):
    purge_sites({getattr(instance, "site_id", None)})


def _on_regency_saved(sender, instance, **kwargs):
    # Every KIM page's footer names its regency; renames are rare, so drop everything.
    purge_all()


def _on_logo_saved(sender, instance, **kwargs):
    # A site's logo sits in every cached page and in its cached chrome (kim_sites/public/chrome.py).
    purge_sites(set(KimSiteSettings.objects.filter(logo=instance).values_list("site_id", flat=True)))


def _on_restriction_changed(sender, instance, **kwargs):
    page = getattr(instance, "page", None)
    if page is not None:
        purge_for_page(page)


def connect_signals():
    uid = "kim_page_cache"
    page_published.connect(_on_published, dispatch_uid=f"{uid}_published")
    page_unpublished.connect(_on_published, dispatch_uid=f"{uid}_unpublished")
    post_page_move.connect(_on_moved, dispatch_uid=f"{uid}_moved")
    post_delete.connect(_on_page_deleted, dispatch_uid=f"{uid}_deleted")
    post_save.connect(_on_site_saved, sender=Site, dispatch_uid=f"{uid}_site_saved")
    post_delete.connect(_on_site_saved, sender=Site, dispatch_uid=f"{uid}_site_deleted")
    post_save.connect(_on_kim_saved, sender=Kim, dispatch_uid=f"{uid}_kim_saved")
    post_save.connect(_on_regency_saved, sender=Regency, dispatch_uid=f"{uid}_regency_saved")
    post_save.connect(_on_logo_saved, sender=get_image_model(), dispatch_uid=f"{uid}_logo_saved")
    post_save.connect(_on_restriction_changed, sender=PageViewRestriction, dispatch_uid=f"{uid}_restriction_saved")
    post_delete.connect(_on_restriction_changed, sender=PageViewRestriction, dispatch_uid=f"{uid}_restriction_del")
    for model in _site_setting_models(BaseSiteSetting):
        post_save.connect(_on_site_setting_saved, sender=model, dispatch_uid=f"{uid}_setting_{model._meta.label}")


def _site_setting_models(base):
    return [model for model in apps.get_models() if issubclass(model, base)]
