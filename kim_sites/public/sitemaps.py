"""sitemap.xml and robots.txt, per host.

* A KIM host: `/sitemap.xml` lists its own live public pages, every locale, on its own host.
* The portal: `/sitemap.xml` lists the portal's own pages; `/sitemap-kim.xml?p=N` is a sitemap
  index of the active KIMs' own sitemaps, a fixed number per page, so each response costs the same
  at ten sites or ten thousand. The portal's robots.txt names every page of that index. Each KIM's
  robots.txt names its own sitemap too, so crawlers find it either way.
"""

from django.conf import settings
from django.contrib.sitemaps import views as sitemap_views
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.http import Http404, HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import translation

from wagtail.contrib.sitemaps import Sitemap

from kim_sites.conf import kim_settings
from kim_sites.models import Kim
from kim_sites.public.scope import scope_for_request, site_pages
from kim_sites.public.urls import CanonicalUrls, root_url_for


class SitePagesSitemap(Sitemap):
    """The live public pages of one site's own tree, with canonical URLs on that site's host."""

    def __init__(self, request, site):
        super().__init__(request)
        self.site = site

    def items(self):
        return (
            site_pages(self.site)
            .order_by("path")
            .only("id", "path", "depth", "url_path", "last_published_at", "latest_revision_created_at")
        )

    def _urls(self, page, protocol, domain):
        pages = list(self.paginator.page(page).object_list)
        canonical = CanonicalUrls()
        canonical.prime(pages)
        urls = []
        for item in pages:
            location = canonical.url(item)
            if location is None:
                continue
            urls.append(
                {
                    "item": item,
                    "location": location,
                    "lastmod": self.lastmod(item),
                    "changefreq": None,
                    "priority": None,
                    "alternates": [],
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
    lines.append(f"Sitemap: {root_url}{reverse('sitemap')}")
    if scope.is_portal:
        paginator = Paginator(_active_kim_hosts(), kim_settings.KIM_SITEMAPS_PER_INDEX_PAGE)
        if paginator.count:
            index_path = reverse("kim_sitemap_index")
            lines.append(f"Sitemap: {root_url}{index_path}")
            lines.extend(f"Sitemap: {root_url}{index_path}?p={number}" for number in paginator.page_range[1:])
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
