"""Canonical URLs: every page's absolute URL on the host of the site it belongs to."""

from django.urls import NoReverseMatch, reverse
from django.utils import translation

from wagtail.models import Page, Site


def root_url_for(hostname, port):
    """The root URL Wagtail gives a Site with this hostname and port."""
    return Site(hostname=hostname, port=port).root_url


class CanonicalUrls:
    """Absolute URLs of pages on the host of the site they belong to.

    `prime()` a batch of pages first: it resolves their sites in two queries, however many sites
    exist. Pages outside every site have no URL (None).
    """

    def __init__(self):
        self._roots = {}  # path of a site's root page, in any locale -> (site, url_path, language code)
        self._known = set()

    def prime(self, pages):
        steplen = Page.steplen
        prefixes = {page.path[: i * steplen] for page in pages for i in range(1, page.depth + 1)} - self._known
        if not prefixes:
            return
        self._known |= prefixes
        ancestors = list(
            Page.objects.filter(path__in=prefixes).values(
                "path", "url_path", "translation_key", "locale__language_code"
            )
        )
        sites = {}
        for site in Site.objects.filter(
            root_page__translation_key__in={a["translation_key"] for a in ancestors}
        ).select_related("root_page"):
            sites.setdefault(site.root_page.translation_key, []).append(site)
        for ancestor in ancestors:
            candidates = sites.get(ancestor["translation_key"])
            if not candidates:
                continue
            # A translated root belongs to the site of its source; a root that is itself a site wins.
            site = next((s for s in candidates if s.root_page.path == ancestor["path"]), candidates[0])
            self._roots[ancestor["path"]] = (site, ancestor["url_path"], ancestor["locale__language_code"])

    def site_for(self, page):
        root = self._root_for(page)
        return root[0] if root else None

    def _root_for(self, page):
        self.prime([page])
        steplen = Page.steplen
        for depth in range(page.depth, 0, -1):
            root = self._roots.get(page.path[: depth * steplen])
            if root is not None:
                return root
        return None

    def url(self, page):
        root = self._root_for(page)
        if root is None:
            return None
        site, root_url_path, language_code = root
        try:
            with translation.override(language_code):
                path = reverse("wagtail_serve", args=(page.url_path[len(root_url_path) :],))
        except NoReverseMatch:
            return None
        return site.root_url + path
