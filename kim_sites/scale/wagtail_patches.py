"""The Wagtail internals that the site index (kim_sites/scale/site_index.py) answers instead.

Wagtail has no extension point for these lookups, so `install()` (called once from
`KimSitesConfig.ready`) replaces, and only here, these 14 attributes:

- `Site._find_for_request` (used by `Site.find_for_request`);
- `Site.get_site_root_paths`, `Site.clear_site_root_paths_cache` (which drops the index too);
- `Page._get_site_root_paths`, `Page._get_relevant_site_root_paths`;
- `Page.get_url` and the `Page.url` property (the stock version counts all sites per link);
- `Page.route_for_request` (root page and descent without one query per level);
- `Page.get_view_restrictions` (no query for the pages the index knows are unrestricted);
- `Locale.get_active`, `Locale.get_default` (one query per call in stock Wagtail);
- `TreeQuerySet.descendant_of_q`, `child_of_q`, `sibling_of_q` (a range on the path index
  rather than `LIKE 'path%'`, kim_sites/tree.py).

Stock `Page.route` is kept in `STOCK` too, to recognise page types that route as Wagtail does.
Each replacement returns what the stock function returns: tests/kim_sites/scale compare them
with the originals (kept in `STOCK`) so that a Wagtail upgrade which changes the originals fails
loudly, and `make test-wagtail` runs Wagtail's own tests with the replacements installed
(docs/upgrading.md lists every difference). Set `KIM_SITE_INDEX_ENABLED = False` to run stock
Wagtail (the benchmark does, to compare).
"""

import contextlib
import copy
import warnings

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.http import Http404
from django.utils import translation

from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page, PageViewRestriction, Site
from wagtail.models.pages import AbstractPage
from wagtail.query import TreeQuerySet
from wagtail.utils.deprecation import RemovedInWagtail90Warning

from kim_sites.conf import kim_settings
from kim_sites.hosts import request_host
from kim_sites.public.i18n import LocaleFallbackRouteMixin
from kim_sites.scale.site_index import connect_signals, disconnect_signals, site_index
from kim_sites.tree import tree_q

# Original functions, kept for `uninstall()` and for the tests that pin our behaviour to theirs.
STOCK = {}

# --- Replacements for Wagtail internals ----------------------------------------------------------


def _find_for_request(request):
    return site_index.find_site(*request_host(request))


def _get_site_root_paths():
    return site_index.current().root_paths


def _clear_site_root_paths_cache():
    # Wagtail's way to say "the site roots changed": callers (Page.save of a site root, code that
    # updated Sites without signals) expect the next lookup to read the database again.
    STOCK["Site.clear_site_root_paths_cache"].__func__()
    site_index.invalidate()


def _page_get_site_root_paths(self, cache_object=None, **kwargs):
    if "request" in kwargs:
        # As stock Wagtail 8: the old keyword still works, with its deprecation warning.
        warnings.warn(
            "The `request` kwarg in `Page._get_site_root_paths()` is now `cache_object`.",
            category=RemovedInWagtail90Warning,
            stacklevel=2,
        )
        cache_object = cache_object or kwargs["request"]
    root_paths = site_index.current().root_paths
    if cache_object is not None:
        # Stock Wagtail leaves the list on the object it was given, and Wagtail's own redirect
        # handler reads it back from there.
        cache_object._wagtail_cached_site_root_paths = root_paths
    return root_paths


def _page_get_relevant_site_root_paths(self, cache_object=None):
    if cache_object is not None:
        _page_get_site_root_paths(self, cache_object)
    return site_index.relevant_root_paths(self.url_path)


def _page_get_url(self, request=None, current_site=None):
    # Stock Page.get_url, except that the number of sites is known instead of counted per link.
    if current_site is None and request is not None:
        current_site = Site.find_for_request(request)
    url_parts = self.get_url_parts(request=request)
    if url_parts is None or url_parts[1] is None and url_parts[2] is None:
        return None
    site_id, root_url, page_path = url_parts
    num_sites = site_index.current().site_count
    if (current_site is not None and site_id == current_site.id) or num_sites == 1:
        return page_path
    return root_url + page_path


def _route_for_request(request, path):
    if not hasattr(request, "_wagtail_route_for_request"):
        try:
            site = Site.find_for_request(request)
            if site is not None:
                components = [component for component in path.split("/") if component]
                result = _route_from_site_root(site, request, components)
                if result is None:
                    root = site_index.localized_root(site)
                    result = route_from(root, request, components) if root else None
                request._wagtail_route_for_request = result
            else:
                request._wagtail_route_for_request = None
        except Http404:
            request._wagtail_route_for_request = None
    return request._wagtail_route_for_request


def _plain_route(specific_class):
    """Whether `specific_class` routes its children as stock Wagtail does (a locale fallback on a
    miss aside, which reruns the full routing)."""
    route = specific_class.route
    return route is STOCK.get("Page.route", Page.route) or route is LocaleFallbackRouteMixin.route


def _route_from_site_root(site, request, components):
    """Route a path below the site root with one query for the root and every level together.

    Returns None when this shortcut does not apply (the caller then routes as before). A miss is
    routed again the stock way from the specific root, so locale fallback and 404s stay as they are.
    """
    if not components:
        return None
    choice = site_index.localized_root_choice(site)
    if choice is None:
        return None
    root_id, root_ct, root_url_path = choice
    root_class = ContentType.objects.get_for_id(root_ct).model_class()
    if root_class is None or not _plain_route(root_class):
        return None
    prefixes = _url_prefixes(root_url_path, components)
    rows = {p.url_path: p for p in Page.objects.filter(Q(pk=root_id) | Q(url_path__in=prefixes))}
    root = rows.get(root_url_path)
    if root is None or root.pk != root_id or (root_id != site.root_page_id and not root.live):
        return None
    try:
        return _descend(root, request, components, prefixes, rows)
    except Http404:
        specific_root = root.specific
        if type(specific_root).route is STOCK.get("Page.route", Page.route):
            raise
        return specific_root.route(request, components)


def _url_prefixes(url_path, components):
    """The URL paths of each level below `url_path`: `/a/`, `/a/b/`, ... for components a, b."""
    prefixes = []
    for component in components:
        url_path = f"{url_path}{component}/"
        prefixes.append(url_path)
    return prefixes


def _descend(page, request, components, prefixes, by_url_path, start_route=None):
    """Walk down from `page` through the pages fetched by URL path. Where the tree is not as
    Wagtail keeps it, hand the rest to stock routing: `start_route` at the first level, if given."""
    stock_route = STOCK.get("Page.route", Page.route)
    parent = page
    for i, component in enumerate(components):
        child = by_url_path.get(prefixes[i])
        if (
            child is None
            or child.slug != component
            or child.depth != parent.depth + 1
            or child.path[: -Page.steplen] != parent.path
        ):
            # Not where Wagtail keeps it (or not there at all): let stock routing decide.
            route = start_route if parent is page and start_route is not None else parent.specific.route
            return route(request, components[i:])
        child._cached_parent_obj = parent
        remaining = components[i + 1 :]
        if not remaining or child.specific_class is None or child.specific_class.route is not stock_route:
            specific = child.specific
            specific._cached_parent_obj = parent
            return specific.route(request, remaining)
        parent = child
    raise Http404  # unreachable: the loop returns


def route_from(page, request, components):
    """`page.route(request, components)`, resolving the pages that use Wagtail's default routing
    with one query for the whole path instead of two per level. A page type with its own
    `route` (RoutablePageMixin...) gets the rest of the path, as in stock Wagtail."""
    stock_route = STOCK.get("Page.route", Page.route)
    if not components or type(page).route is not stock_route:
        return page.route(request, components)
    prefixes = _url_prefixes(page.url_path, components)
    by_url_path = {p.url_path: p for p in Page.objects.filter(url_path__in=prefixes)}
    return _descend(page, request, components, prefixes, by_url_path, start_route=page.route)


def _page_get_view_restrictions(self):
    # Stock Wagtail runs two queries per page served to learn, nearly always, that there is none.
    if self.alias_of_id is None and self.path and not site_index.may_be_restricted(self.path):
        return PageViewRestriction.objects.none()
    return STOCK["AbstractPage.get_view_restrictions"](self)


def _locale_get_active(cls):
    try:
        language = get_supported_content_language_variant(translation.get_language())
    except LookupError:
        language = None
    locale = site_index.locale_for(language) if language else None
    return copy.copy(locale) if locale is not None else cls.get_default()


def _locale_get_default(cls):
    locale = None
    with contextlib.suppress(LookupError):
        locale = site_index.locale_for(get_supported_content_language_variant(settings.LANGUAGE_CODE))
    if locale is None:
        return STOCK["Locale.get_default"].__func__(cls)
    return copy.copy(locale)


# --- Tree conditions that use the path index -------------------------------------------------------


def _descendant_of_q(self, other, inclusive=False):
    q = tree_q(other.path) & Q(depth__gte=other.depth)
    if not inclusive:
        q &= ~Q(pk=other.pk)
    return q


def _child_of_q(self, other):
    return tree_q(other.path) & Q(depth=other.depth + 1)


def _sibling_of_q(self, other, inclusive=True):
    q = tree_q(self.model._get_parent_path_from_path(other.path)) & Q(depth=other.depth)
    if not inclusive:
        q &= ~Q(pk=other.pk)
    return q


def install():
    if STOCK or not kim_settings.KIM_SITE_INDEX_ENABLED:
        return
    for owner, name, replacement in replacements():
        STOCK[f"{owner.__name__}.{name}"] = owner.__dict__[name]
        setattr(owner, name, replacement)
    STOCK["Page.route"] = AbstractPage.route
    connect_signals()


def replacements():
    # Patched on the classes that define them, so every page type (and a swapped Page) sees them.
    return [
        (Site, "_find_for_request", staticmethod(_find_for_request)),
        (Site, "get_site_root_paths", staticmethod(_get_site_root_paths)),
        (Site, "clear_site_root_paths_cache", staticmethod(_clear_site_root_paths_cache)),
        (AbstractPage, "_get_site_root_paths", _page_get_site_root_paths),
        (AbstractPage, "_get_relevant_site_root_paths", _page_get_relevant_site_root_paths),
        (AbstractPage, "get_url", _page_get_url),
        (AbstractPage, "url", property(_page_get_url)),
        (AbstractPage, "route_for_request", staticmethod(_route_for_request)),
        (AbstractPage, "get_view_restrictions", _page_get_view_restrictions),
        (Locale, "get_active", classmethod(_locale_get_active)),
        (Locale, "get_default", classmethod(_locale_get_default)),
        (TreeQuerySet, "descendant_of_q", _descendant_of_q),
        (TreeQuerySet, "child_of_q", _child_of_q),
        (TreeQuerySet, "sibling_of_q", _sibling_of_q),
    ]


def uninstall():
    """Back to stock Wagtail (tests and the benchmark's comparison run)."""
    if not STOCK:
        return
    for owner, name, _ in replacements():
        setattr(owner, name, STOCK[f"{owner.__name__}.{name}"])
    STOCK.clear()
    disconnect_signals()


def is_installed():
    return bool(STOCK)
