"""What the provincial portal shows: the latest posts of every open KIM, its headline figures,
and the directory of KIMs. A fixed number of queries, whatever the number of KIMs or posts."""

from django.db.models import Q
from django.utils import translation

from kim_sites.models import Kim, KimHomePage, PostPage, Regency
from kim_sites.public import listings
from kim_sites.tree import tree_q


def portal_figures():
    """The portal's headline numbers: active KIMs, regencies with KIMs, posts of the last 30 days."""
    first, last = listings.recent_bounds()
    posts = PostPage.listed_for_portal(listings.default_locale())
    active = Kim.objects.active()
    return {
        "active_kims": active.count(),
        "regencies": active.values("regency").distinct().count(),
        "recent_posts": posts.filter(date__gte=first, date__lte=last).count(),
        "recent_days": listings.RECENT_DAYS,
    }


def portal_context(request):
    regencies = list(Regency.objects.select_related("page").order_by("name"))
    posts = PostPage.listed_for_portal(listings.default_locale())
    filters, problems = {}, []
    slug = request.GET.get("kabupaten", "").strip()
    if slug:
        regency = next((r for r in regencies if r.slug == slug), None)
        if regency is not None and regency.page is not None:
            posts = posts.filter(tree_q(regency.page.path))
            filters["kabupaten"] = slug
        else:
            problems.append(translation.gettext("Kabupaten/kota “%(kabupaten)s” tidak dikenal.") % {"kabupaten": slug})
    posts, category_filters, category_problems = listings.filter_posts(posts, request, PostPage.Category)
    filters.update(category_filters)
    problems += category_problems
    page_obj = listings.paginate(posts, request, listings.PORTAL_POSTS_PER_PAGE, max_pages=listings.PORTAL_MAX_PAGES)
    page_obj.object_list = listings.attach_kims(page_obj.object_list, request, KimHomePage.objects.all())
    return {
        "posts": page_obj,
        "filters": filters,
        "filter_problems": problems,
        "regencies": regencies,
        "categories": PostPage.Category.choices,
        "figures": portal_figures(),
    }


def directory(query="", regency=None):
    """Active KIMs grouped by regency then kecamatan, filtered by a search text."""
    kims = Kim.objects.active().select_related("regency", "site").order_by("regency__name", "district", "name")
    if regency is not None:
        kims = kims.filter(regency=regency)
    query = " ".join(query.split())
    if query:
        condition = Q()
        for word in query.split():
            condition &= Q(name__icontains=word) | Q(village__icontains=word) | Q(district__icontains=word)
        kims = kims.filter(condition)
    groups = []
    for kim in kims:
        if not groups or groups[-1]["regency"].pk != kim.regency_id:
            groups.append({"regency": kim.regency, "districts": []})
        districts = groups[-1]["districts"]
        if not districts or districts[-1]["name"] != kim.district:
            districts.append({"name": kim.district, "kims": []})
        districts[-1]["kims"].append(kim)
    return groups
