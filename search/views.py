"""Site-scoped search.

A KIM host searches its own live public pages only; the portal (the default site) searches every
active KIM. Wagtail's stock `Page.objects.live().search()` would return every site's pages,
private ones included (docs/search-feeds-sitemaps.md, "Search").

Results come by relevance; pages of equal relevance come newest first: posts by their date, other
pages by when they were first published (search/backends.py applies the queryset's ordering as
the tiebreak).
"""

import html
import re
from dataclasses import dataclass

from django.core.paginator import Paginator
from django.db.models import F, prefetch_related_objects
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import pgettext_lazy

from wagtail.models import Page

from kim_sites.models import AgendaPage, GalleryPage, KimHomePage, PostIndexPage, PostPage, ProfilePage
from kim_sites.public.scope import public_pages, scope_for_request
from kim_sites.public.urls import CanonicalUrls
from search.highlight import excerpt, highlight, matches, query_stems, query_terms

RESULTS_PER_PAGE = 10
MAX_QUERY_LENGTH = 100
NEWEST_FIRST = (F("postpage__date").desc(nulls_last=True), F("first_published_at").desc(nulls_last=True))
# Posts are labelled by their category (Berita, Kegiatan, UMKM…); the other pages by their kind.
TYPE_LABELS = {
    AgendaPage: pgettext_lazy("jenis halaman", "Agenda"),
    ProfilePage: pgettext_lazy("jenis halaman", "Profil"),
    GalleryPage: pgettext_lazy("jenis halaman", "Galeri"),
    KimHomePage: pgettext_lazy("jenis halaman", "Beranda"),
}
OTHER_TYPE_LABEL = pgettext_lazy("jenis halaman", "Halaman")


@dataclass
class SearchResult:
    page: Page
    url: str
    title_html: str
    snippet_html: str
    site_name: str
    type_label: str = ""
    date: object = None
    updated: object = None


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
        # The post list is a way to browse, not an answer: its title ("Berita & Kegiatan") would
        # match every search for "kegiatan" or "berita" ahead of the posts themselves.
        pages = public_pages(scope).not_type(PostIndexPage).order_by(*NEWEST_FIRST)
        paginator = Paginator(pages.search(words), RESULTS_PER_PAGE)
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
    _prefetch_rows(specific.values())
    urls = CanonicalUrls()
    urls.prime(pages)
    terms, stems = query_terms(query), query_stems(query)
    results = []
    for page in pages:
        page = specific.get(page.pk, page)
        url = urls.url(page)
        if url is None:
            continue
        site = urls.site_for(page)
        text = _snippet_text(page, terms, stems)
        is_post = isinstance(page, PostPage)
        results.append(
            SearchResult(
                page=page,
                url=url,
                title_html=highlight(page.title, terms, stems),
                snippet_html=highlight(excerpt(text, terms, stems=stems), terms, stems),
                site_name=site.site_name if site else "",
                type_label=page.get_category_display() if is_post else TYPE_LABELS.get(type(page), OTHER_TYPE_LABEL),
                date=page.date if is_post else None,
                updated=None if is_post or not page.last_published_at else timezone.localdate(page.last_published_at),
            )
        )
    return results


def _prefetch_rows(pages):
    """The agenda events and pengurus of the pages shown: one query per kind, not per page."""
    prefetch_related_objects([p for p in pages if isinstance(p, AgendaPage)], "events")
    prefetch_related_objects([p for p in pages if isinstance(p, ProfilePage)], "pengurus")


BLOCK_END = re.compile(r"</(?:p|li|h[1-6]|blockquote|div)>|<br\s*/?>", re.IGNORECASE)


def _text(value):
    """Rich text as its words, not its markup; paragraphs and list items stay apart."""
    return html.unescape(strip_tags(BLOCK_END.sub(" ", str(value or ""))))


def _candidates(page):
    """The texts a result's snippet may come from, most telling first."""
    if isinstance(page, PostPage):
        yield page.summary
        yield page.search_description
        yield " ".join(_text(text) for text in page.body.stream_block.get_searchable_content(page.body))
    elif isinstance(page, AgendaPage):
        for event in page.events.all():
            yield f"{event.title} — {event.location}. {event.description}".strip()
        yield _text(page.intro)
    elif isinstance(page, ProfilePage):
        yield page.vision
        yield _text(page.mission)
        yield _text(page.history)
        yield ", ".join(member.search_text() for member in page.pengurus.all())
    elif isinstance(page, GalleryPage):
        yield _text(page.intro)
        yield " ".join(page.albums.stream_block.get_searchable_content(page.albums))
    else:
        yield getattr(page, "tagline", "")
        yield page.search_description
        yield _text(getattr(page, "intro", ""))


def _snippet_text(page, terms, stems):
    """The first text of the page that has a searched word, else its first text."""
    texts = [str(text) for text in _candidates(page) if text and str(text).strip()]
    return next((text for text in texts if matches(text, terms, stems)), texts[0] if texts else "")
