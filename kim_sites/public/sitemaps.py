"""sitemap.xml and robots.txt, per host.

* A KIM host: `/sitemap.xml` lists its own live public pages, every locale, on its own host.
* The portal: `/sitemap.xml` lists the portal's own pages; `/sitemap-kim.xml?p=N` is a sitemap
  index of the active KIMs' own sitemaps, a fixed number per page, so each response costs the same
  at ten sites or ten thousand. The portal's robots.txt names every page of that index. Each KIM's
  robots.txt names its own sitemap too, so crawlers find it either way.

Every URL has a `lastmod`: the page's last publication (else its last revision, else its first
publication), or that of its newest descendant when later, since a home or an index shows its
newest posts. Translated pages name each other with `xhtml:link rel="alternate" hreflang=…` (and
`x-default`, the Indonesian one). The pages of a post index and of the portal's list that exist
(`?page=2`…) are listed after their first page, and the portal's directory after the portal home.
A sitemap longer than `KIM_SITEMAP_URLS_PER_PAGE` pages is served as `?p=1`, `?p=2`…, each named in
robots.txt; a `?p=` past the last is 404.
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.contrib.sitemaps import views as sitemap_views
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db.models import Max
from django.http import Http404, HttpResponse
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, reverse
from django.utils import translation

from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Locale

from kim_sites.conf import kim_settings
from kim_sites.models import Kim, PostIndexPage, PostPage
from kim_sites.public import listings
from kim_sites.public.scope import scope_for_request, site_pages
from kim_sites.public.urls import CanonicalUrls, root_url_for


def _newest(*dates):
    dates = [date for date in dates if date is not None]
    return max(dates) if dates else None


class SitePagesSitemap(Sitemap):
    """The live public pages of one site's own tree, with canonical URLs on that site's host."""

    def __init__(self, request, site):
        super().__init__(request)
        self.site = site
        self.limit = int(kim_settings.KIM_SITEMAP_URLS_PER_PAGE)

    def items(self):
        return (
            site_pages(self.site)
            .order_by("path")
            .only(
                "id",
                "path",
                "depth",
                "url_path",
                "locale_id",
                "translation_key",
                "content_type_id",
                "last_published_at",
                "latest_revision_created_at",
                "first_published_at",
            )
        )

    def lastmod(self, obj):
        return obj.last_published_at or obj.latest_revision_created_at or obj.first_published_at

    def _lastmods(self, pages):
        """Each page's own date, or its newest descendant's when later (homes and indexes list them)."""
        lastmods = {page.path: self.lastmod(page) for page in pages}
        for page in sorted(pages, key=lambda page: page.path, reverse=True):  # deepest first
            parent = page.path[: -page.steplen]
            if parent in lastmods:
                lastmods[parent] = _newest(lastmods[parent], lastmods[page.path])
        # A page never published through a revision (made by provisioning) gets its site's newest date.
        newest = _newest(*lastmods.values())
        return {path: lastmod or newest for path, lastmod in lastmods.items()}

    def _list_pages(self, page):
        """How many pages of posts this page lists (1 when it is not a list)."""
        post_index = ContentType.objects.get_for_model(PostIndexPage).pk
        if page.content_type_id == post_index:
            posts, per_page = PostPage.listed().child_of(page), listings.POSTS_PER_PAGE
        elif page.translation_key == self.site.root_page.translation_key and self.site.is_default_site:
            posts = PostPage.listed_for_portal(listings.default_locale())
            per_page = listings.PORTAL_POSTS_PER_PAGE
        else:
            return 1
        return Paginator(posts.values("pk"), per_page).num_pages

    def _routes(self, page, location, lastmod):
        """The portal home's own sub-pages (the KIM directory), as (location, lastmod)."""
        if page.translation_key != self.site.root_page.translation_key:
            return []
        try:
            route = self.site.root_page.specific.reverse_subpage("directory")
        except (AttributeError, NoReverseMatch):
            return []
        changes = Kim.objects.aggregate(registered=Max("created_at"), suspended=Max("suspended_at"))
        return [(location + route, _newest(changes["registered"], changes["suspended"], lastmod))]

    def _urls(self, page, protocol, domain):
        pages = list(self.paginator.page(page).object_list)
        canonical = CanonicalUrls()
        canonical.prime(pages)
        lastmods = self._lastmods(pages)
        languages = dict(Locale.objects.values_list("id", "language_code"))
        default_language = listings.default_locale().language_code
        locations = {item.pk: canonical.url(item) for item in pages}
        translations = {}
        for item in pages:
            if locations[item.pk] is not None:
                translations.setdefault(item.translation_key, []).append(item)
        urls = []
        for item in pages:
            location = locations[item.pk]
            if location is None:
                continue
            alternates = []
            versions = translations[item.translation_key]
            if len(versions) > 1:
                alternates = [
                    {"lang_code": languages[version.locale_id], "location": locations[version.pk]}
                    for version in versions
                ]
                default = next((a for a in alternates if a["lang_code"] == default_language), None)
                if default is not None:
                    alternates.append({"lang_code": "x-default", "location": default["location"]})
            lastmod = lastmods[item.path]
            entries = [(location, lastmod, alternates)]
            entries += [(f"{location}?page={n}", lastmod, []) for n in range(2, self._list_pages(item) + 1)]
            entries += [(route, changed, []) for route, changed in self._routes(item, location, lastmod)]
            for entry_location, entry_lastmod, entry_alternates in entries:
                urls.append(
                    {
                        "item": item,
                        "location": entry_location,
                        "lastmod": entry_lastmod,
                        "changefreq": None,
                        "priority": None,
                        "alternates": entry_alternates,
                    }
                )
        lastmods = [url["lastmod"] for url in urls]
        if lastmods and None not in lastmods:
            self.latest_lastmod = max(lastmods)
        return urls


def sitemap(request):
    scope = scope_for_request(request)
    if scope is None:
        raise Http404
    return sitemap_views.sitemap(request, {"pages": SitePagesSitemap(request, scope.site)})


def _active_kim_hosts():
    return Kim.objects.active().filter(site__isnull=False).order_by("pk").values_list("site__hostname", "site__port")


def kim_sitemap_index(request):
    """The portal's index of every active KIM's own sitemap, one page of sites at a time."""
    scope = scope_for_request(request)
    if scope is None or not scope.is_portal:
        raise Http404
    paginator = Paginator(_active_kim_hosts(), kim_settings.KIM_SITEMAPS_PER_INDEX_PAGE, allow_empty_first_page=True)
    try:
        hosts = paginator.page(request.GET.get("p", 1))
    except (EmptyPage, PageNotAnInteger):
        raise Http404
    sitemap_path = reverse("sitemap")
    locations = [root_url_for(hostname, port) + sitemap_path for hostname, port in hosts]
    return TemplateResponse(
        request, "kim_sites/sitemap_kim_index.xml", {"locations": locations}, content_type="application/xml"
    )


def robots_txt(request):
    scope = scope_for_request(request)
    if scope is None:
        raise Http404
    root_url = scope.site.root_url
    lines = ["User-agent: *", "Disallow: /admin/"]
    for language_code, _name in settings.LANGUAGES:
        with translation.override(language_code):
            lines.append(f"Disallow: {reverse('search')}")
    lines.append("")
    sitemap_path = reverse("sitemap")
    lines.append(f"Sitemap: {root_url}{sitemap_path}")
    site_sitemap = SitePagesSitemap(request, scope.site)
    lines.extend(f"Sitemap: {root_url}{sitemap_path}?p={number}" for number in site_sitemap.paginator.page_range[1:])
    if scope.is_portal:
        paginator = Paginator(_active_kim_hosts(), kim_settings.KIM_SITEMAPS_PER_INDEX_PAGE)
        if paginator.count:
            index_path = reverse("kim_sitemap_index")
            lines.append(f"Sitemap: {root_url}{index_path}")
            lines.extend(f"Sitemap: {root_url}{index_path}?p={number}" for number in paginator.page_range[1:])
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
