"""Site-scoped search.

A KIM host searches its own live public pages only; the portal (the default site) searches every
active KIM. Wagtail's stock `Page.objects.live().search()` would return every site's pages,
private ones included (docs/search-feeds-sitemaps.md, "Search").
"""

import html
import re
from dataclasses import dataclass

from django.core.paginator import Paginator
from django.template.response import TemplateResponse
from django.utils.html import strip_tags

from wagtail.models import Page

from kim_sites.public.scope import public_pages, scope_for_request
from kim_sites.public.urls import CanonicalUrls
from search.highlight import excerpt, highlight, query_terms

RESULTS_PER_PAGE = 10
MAX_QUERY_LENGTH = 100


@dataclass
class SearchResult:
    page: Page
    url: str
    title_html: str
    snippet_html: str
    site_name: str
    date: object = None


def normalise_query(raw):
    return " ".join((raw or "").split())[:MAX_QUERY_LENGTH]


def backend_query(query):
    """Words only, lower case: quotes, stars and upper-case AND/OR/NOT are syntax to SQLite's FTS5."""
    return " ".join(re.findall(r"\w+", query.lower()))


def search(request):
    query = normalise_query(request.GET.get("query"))
    scope = scope_for_request(request)
    page_obj = None
    results = []
    words = backend_query(query)
    if words and scope is not None:
        paginator = Paginator(public_pages(scope).search(words), RESULTS_PER_PAGE)
        # get_page() turns a missing, malformed or out-of-range ?page= into the nearest real page.
        page_obj = paginator.get_page(request.GET.get("page"))
        results = _build_results(list(page_obj.object_list), query)
    context = {
        "search_query": query,
        "scope": scope,
        "page_obj": page_obj,
        "results": results,
        "result_count": page_obj.paginator.count if page_obj else 0,
    }
    return TemplateResponse(request, "search/search.html", context)


def _build_results(pages, query):
    """Specific pages, canonical URLs and highlights for one page of results, in a fixed number of queries."""
    if not pages:
        return []
    specific = {page.pk: page for page in Page.objects.filter(pk__in=[p.pk for p in pages]).specific()}
    urls = CanonicalUrls()
    urls.prime(pages)
    terms = query_terms(query)
    results = []
    for page in pages:
        page = specific.get(page.pk, page)
        url = urls.url(page)
        if url is None:
            continue
        site = urls.site_for(page)
        text = _snippet_text(page)
        results.append(
            SearchResult(
                page=page,
                url=url,
                title_html=highlight(page.title, terms),
                snippet_html=highlight(excerpt(text, terms), terms),
                site_name=site.site_name if site else "",
                date=getattr(page, "date", None),
            )
        )
    return results


def _snippet_text(page):
    for attribute in ("summary", "search_description", "tagline"):
        value = getattr(page, attribute, "")
        if value:
            return str(value)
    # Rich text: its words, not its markup.
    return html.unescape(strip_tags(str(getattr(page, "intro", "") or "")))
