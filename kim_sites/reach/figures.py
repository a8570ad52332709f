"""What the sites and the kinerja report read from PageViewDay, each in a fixed number of queries."""

import datetime

from django.db.models import Sum
from django.utils import timezone

from kim_sites.conf import kim_settings
from kim_sites.models import PageViewDay, PostPage


def page_views(page):
    """Every view of the page ever flushed (one query)."""
    return PageViewDay.objects.filter(page_id=page.pk).aggregate(total=Sum("views"))["total"] or 0


def shown_page_views(page):
    """The figure a post shows, or None below KIM_REACH_SHOW_MIN."""
    views = page_views(page)
    return views if views >= max(1, kim_settings.KIM_REACH_SHOW_MIN) else None


def popular_posts(home, kim, today=None):
    """The KIM's live public posts under `home` most read in the last KIM_REACH_POPULAR_DAYS days,
    each with `recent_views` (two queries)."""
    if kim is None:
        return []
    since = (today or timezone.localdate()) - datetime.timedelta(days=kim_settings.KIM_REACH_POPULAR_DAYS - 1)
    posts = PostPage.listed().descendant_of(home)
    top = list(
        PageViewDay.objects.filter(kim_id=kim.pk, day__gte=since, page__in=posts.order_by().values("pk"))
        .values("page")
        .annotate(total=Sum("views"))
        .order_by("-total", "page")
        .values_list("page", "total")[: kim_settings.KIM_REACH_POPULAR_COUNT]
    )
    if not top:
        return []
    by_id = {post.pk: post for post in posts.filter(pk__in=[page_id for page_id, _ in top])}
    popular = []
    for page_id, total in top:
        post = by_id.get(page_id)
        if post is not None:
            post.recent_views = total
            popular.append(post)
    return popular


def views_per_kim(kim_ids, period):
    """{kim id: views in the period} for these KIMs, or for every KIM when `kim_ids` is None (one query)."""
    views = PageViewDay.objects.filter(day__gte=period.first_day, day__lte=period.last_day)
    if kim_ids is not None:
        views = views.filter(kim_id__in=kim_ids)
    return dict(views.order_by().values("kim").annotate(total=Sum("views")).values_list("kim", "total"))
