"""Site-scoped search: a KIM host searches its own live public pages only."""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.template.response import TemplateResponse

from wagtail.models import Page, Site


def search(request):
    query = request.GET.get("query", "").strip()
    site = Site.find_for_request(request)
    results = Page.objects.none()
    if query and site is not None:
        results = Page.objects.live().public().descendant_of(site.root_page, inclusive=True).search(query)
    paginator = Paginator(results, 10)
    try:
        page = paginator.page(request.GET.get("page", 1))
    except PageNotAnInteger:
        page = paginator.page(1)
    except EmptyPage:
        page = paginator.page(paginator.num_pages)
    return TemplateResponse(request, "search/search.html", {"search_query": query, "search_results": page})
