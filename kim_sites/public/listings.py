"""What the public lists, and how: posts in the order readers expect, filtered, paginated,
without the suspended KIMs, with the KIM of each.

Everything here runs a fixed number of queries per request, whatever the number of KIMs or
posts, so the portal and the KIM sites cost the same at 10 or 10,000 sites. The page models
(kim_sites/models/pages.py, home/portal.py) build their contexts from these functions and pass in
the querysets and choices they work on: nothing here imports the models.
"""

import datetime

from django.core.paginator import Paginator
from django.db.models import Subquery
from django.utils import timezone, translation
from django.utils.functional import cached_property

from wagtail.models import Locale, Page

from kim_sites.scale.site_index import site_index
from kim_sites.tree import KIM_HOME_PATH_LENGTH, home_path_expression

POSTS_PER_PAGE = 12
HOME_LATEST_POSTS = 6
HOME_UPCOMING_EVENTS = 4
PORTAL_POSTS_PER_PAGE = 12


# --- Locales and visibility ------------------------------------------------------------------


def default_locale():
    return Locale.get_default()


def active_locale():
    try:
        return Locale.get_active()
    except (LookupError, Locale.DoesNotExist):
        return default_locale()


def localize_pages(pages, locale):
    """Each page's live translation in `locale` where there is one, in one query."""
    pages = list(pages)
    foreign = [p for p in pages if p.locale_id != locale.id]
    if not foreign:
        return pages
    translations = {
        p.translation_key: p
        for p in Page.objects.live()
        .filter(locale=locale, translation_key__in=[p.translation_key for p in foreign])
        .specific(defer=True)
    }
    return [translations.get(p.translation_key, p) if p.locale_id != locale.id else p for p in pages]


def only_public(pages):
    """`pages.public()`, with the view restrictions read from the site index instead of a query."""
    return pages.exclude(site_index.private_q())


# --- Posts -----------------------------------------------------------------------------------


def listed(posts):
    """Live public posts of `posts` (a PostPage queryset), newest first, with their cover images."""
    return (
        only_public(posts.live())
        .select_related("cover_image")
        .prefetch_related("cover_image__renditions")
        .order_by("-date", "-first_published_at", "-pk")
    )


def filter_posts(posts, request, categories):
    """Apply ?kategori= (one of the TextChoices `categories`) and ?tag= to `posts`.

    Returns (posts, filters, problems)."""
    filters, problems = {}, []
    category = request.GET.get("kategori", "").strip()
    if category:
        if category in categories.values:
            posts = posts.filter(category=category)
            filters["kategori"] = category
        else:
            problems.append(translation.gettext("Kategori “%(kategori)s” tidak dikenal.") % {"kategori": category})
    tag = request.GET.get("tag", "").strip()
    if tag:
        posts = posts.filter(tags__slug=tag).distinct()
        filters["tag"] = tag
    return posts, filters, problems


# The portal lists the latest posts of every KIM: this many pages of them, so that counting them
# costs the same with a thousand posts or a million (filters by regency and category reach further).
PORTAL_MAX_PAGES = 50


class BoundedPaginator(Paginator):
    """A paginator over at most `max_pages` pages: it counts at most that many rows
    (`SELECT COUNT(*) FROM (... LIMIT n)`, in no particular order, which gives the same number),
    instead of every matching row."""

    def __init__(self, object_list, per_page, *, max_pages, **kwargs):
        self.max_pages = max_pages
        super().__init__(object_list, per_page, **kwargs)

    @cached_property
    def count(self):
        return self.object_list.order_by()[: self.per_page * self.max_pages].count()


def paginate(queryset, request, per_page, *, max_pages=None):
    """A page of `queryset`; a page number that is not a number or past the end shows page 1 / the last page.

    `max_pages`: list no further than that many pages (BoundedPaginator)."""
    if max_pages:
        paginator = BoundedPaginator(queryset, per_page, max_pages=max_pages)
    else:
        paginator = Paginator(queryset, per_page)
    return paginator.get_page(request.GET.get("page"))


def exclude_suspended(posts, suspended_home_paths):
    """Drop the posts of suspended KIMs in the same query (no query per KIM).

    `suspended_home_paths`: the paths of the suspended KIMs' home pages, as a values() queryset."""
    return posts.annotate(kim_home_path=home_path_expression()).exclude(
        kim_home_path__in=Subquery(suspended_home_paths)
    )


def attach_kims(posts, request, homes):
    """Give each post its KIM (`post.kim_record`) and absolute URL (`post.public_url`), in one query.

    `homes`: the KimHomePage queryset to find each post's home in."""
    posts = list(posts)
    length = KIM_HOME_PATH_LENGTH
    found = {
        home.path: home
        for home in homes.filter(path__in={p.path[:length] for p in posts}).select_related("kim__regency", "kim__site")
    }
    for post in posts:
        home = found.get(post.path[:length])
        post.kim_record = home.kim if home is not None else None
        post.public_url = post.get_full_url(request)
    return posts


# The portal counts the posts of a rolling window rather than of the calendar month, which reads
# "0" on every 1st of the month however busy the province is.
RECENT_DAYS = 30


def recent_bounds(today=None, days=RECENT_DAYS):
    """(first, last) date of the `days` days that end today (WIB), both included."""
    today = today or timezone.localdate()
    return today - datetime.timedelta(days=days - 1), today


# The order of the officers on the Profil page.
ROLE_ORDER = {"ketua": 0, "sekretaris": 1, "bendahara": 2, "divisi": 3}
