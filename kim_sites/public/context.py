"""What the public sees: the shared chrome of every public page and the queries behind the lists.

Everything here runs a fixed number of queries per request, whatever the number of KIMs or
posts, so the portal and the KIM sites cost the same at 10 or 10,000 sites.
"""

import re
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models import Q, Subquery, prefetch_related_objects
from django.utils import timezone, translation

from wagtail.models import Locale, Page, Site

from kim_sites.tree import KIM_HOME_PATH_LENGTH, home_path_expression, tree_q

POSTS_PER_PAGE = 12
HOME_LATEST_POSTS = 6
HOME_UPCOMING_EVENTS = 4
PORTAL_POSTS_PER_PAGE = 12

# Root (1) → RegencyPage (2) → KimHomePage (3): the KIM a page belongs to is the one whose home
# page path is the first three steps of the page's own path.

HEX_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
DEFAULT_ACCENT = "#0b6e4f"


# --- Colours ---------------------------------------------------------------------------------


def _luminance(hex_colour):
    def channel(value):
        value = value / 255
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    r, g, b = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast_ratio(a, b):
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def _darken(hex_colour, factor):
    r, g, b = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return "#{:02x}{:02x}{:02x}".format(*(round(c * factor) for c in (r, g, b)))


@dataclass
class Palette:
    """The KIM's accent colour and the colours that stay readable on and next to it (WCAG AA)."""

    accent: str
    on_accent: str
    accent_text: str


# The palest background accent-coloured text is drawn on (--wash in static/css/kim.css).
PAGE_WASH = "#f3f6f4"


def accent_palette(colour):
    colour = colour if isinstance(colour, str) and HEX_COLOUR.match(colour) else DEFAULT_ACCENT
    colour = colour.lower()
    # Pure black: with it, black or white always reaches at least 4.58:1 on any colour.
    dark, light = "#000000", "#ffffff"
    on_accent = light if contrast_ratio(colour, light) >= contrast_ratio(colour, dark) else dark
    # Links and headings in the accent colour sit on white and on the pale wash of the page
    # (--wash in kim.css): darken a light accent until it reads on the darker of the two.
    accent_text, factor = colour, 1.0
    while contrast_ratio(accent_text, PAGE_WASH) < 4.5 and factor > 0:
        factor = round(factor - 0.05, 2)
        accent_text = _darken(colour, factor)
    return Palette(accent=colour, on_accent=on_accent, accent_text=accent_text)


# --- Chrome: identity, navigation, settings --------------------------------------------------


@dataclass
class NavItem:
    title: str
    url: str
    active: bool = False


@dataclass
class Chrome:
    """The parts of every public page that come from its site rather than from the page."""

    site: Site | None
    home: Page | None
    kim: object = None
    settings: object = None
    is_portal: bool = False
    site_name: str = ""
    tagline: str = ""
    nav: list = field(default_factory=list)
    palette: Palette = None
    home_url: str = "/"
    portal_url: str = ""
    contact: dict = field(default_factory=dict)


def default_locale():
    return Locale.get_default()


def active_locale():
    try:
        return Locale.get_active()
    except (LookupError, Locale.DoesNotExist):
        return default_locale()


def _localize_pages(pages, locale):
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
    from kim_sites.scale.site_index import site_index

    return pages.exclude(site_index.private_q())


CHROME_TIMEOUT = 3600


def _chrome_key(site):
    """Per site and language, tied to the tokens that drop the site's cached pages (a publish,
    unpublish, move or delete under the site, its settings, its Site or KIM record) and to the
    site index generation (sites, locales, view restrictions, suspensions)."""
    from kim_sites.scale.page_cache import _generations
    from kim_sites.scale.site_index import read_generation

    generations = _generations(site.pk)
    if generations is None:
        return None  # the cache is down: built for this request only
    all_generation, site_generation = generations
    language = translation.get_language() or settings.LANGUAGE_CODE
    return f"kim:chrome:{all_generation}:{site.pk}:{site_generation}:{read_generation()}:{language}"


def get_chrome(request, page=None):
    """The chrome of the current request: built once per site and language, kept in the shared
    cache until the site's content changes, then kept on the request."""
    cached = getattr(request, "_kim_chrome", None)
    if cached is not None:
        return cached

    site = Site.find_for_request(request)
    if site is None:
        chrome = Chrome(site=None, home=None, palette=accent_palette(DEFAULT_ACCENT))
        request._kim_chrome = chrome
        return chrome
    key = _chrome_key(site)
    chrome = cache.get(key) if key is not None else None
    for _attempt in range(2):
        if chrome is not None:
            break
        chrome = _build_chrome(request, site)
        # Stored only under the key it was built under: when the site changed meanwhile (or the
        # build itself created the site's settings, which purges), build once more.
        built_key, key = key, _chrome_key(site)
        if built_key is None or key is None:
            break
        if built_key == key:
            cache.set(key, chrome, CHROME_TIMEOUT)
        elif _attempt == 0:
            chrome = None
    # The nav's active item belongs to this request only.
    chrome.nav = [NavItem(item.title, item.url) for item in chrome.nav]
    current = page.get_url(request) if page is not None else request.path
    for item in chrome.nav:
        if item.url == chrome.home_url:
            item.active = current == item.url
        else:
            item.active = bool(current) and current.startswith(item.url)
    request._kim_chrome = chrome
    return chrome


def _build_chrome(request, site):
    from kim_sites.models import Kim, KimSiteSettings
    from kim_sites.scale.site_index import site_index

    chrome = Chrome(site=site, home=None, palette=accent_palette(DEFAULT_ACCENT))
    home = site_index.localized_root(site)
    chrome.home = home
    chrome.home_url = home.get_url(request) or "/"
    # The logo's renditions are looked up in Wagtail's rendition cache, so they are not prefetched.
    site_settings = KimSiteSettings.objects.filter(site=site).select_related("logo").first()
    if site_settings is None:
        site_settings = KimSiteSettings.for_site(site)
    chrome.settings = site_settings
    chrome.palette = accent_palette(site_settings.accent_color)
    chrome.is_portal = site.is_default_site
    if chrome.is_portal:
        chrome.site_name = settings.WAGTAIL_SITE_NAME
        chrome.tagline = translation.gettext("Portal Kelompok Informasi Masyarakat se-Provinsi")
        chrome.nav = [NavItem(translation.gettext("Beranda"), chrome.home_url)]
        if hasattr(home, "reverse_subpage"):
            chrome.nav.append(
                NavItem(
                    translation.gettext("Direktori KIM"),
                    chrome.home_url.rstrip("/") + "/" + home.reverse_subpage("directory"),
                )
            )
    else:
        chrome.kim = Kim.objects.filter(site=site).select_related("regency").first()
        chrome.site_name = chrome.kim.name if chrome.kim else site.site_name or home.title
        chrome.tagline = getattr(home, "tagline", "") or ""
        sections = only_public(site.root_page.get_children().live()).order_by("path")
        sections = _localize_pages(sections, active_locale())
        chrome.nav = [NavItem(translation.gettext("Beranda"), chrome.home_url)]
        for section in sections:
            url = section.get_url(request)
            if url:
                chrome.nav.append(NavItem(section.title, url))
        portal = site_index.current().default_site
        chrome.portal_url = Site.root_url.fget(site_index.site_by_id(portal[0])) + "/" if portal else ""
    chrome.contact = _contact(site_settings, chrome.kim)
    return chrome


def _contact(site_settings, kim):
    """Contact details and social links: the site settings first, the registry record as fallback."""

    def pick(setting_name, kim_name):
        value = getattr(site_settings, setting_name, "") or ""
        return value or (getattr(kim, kim_name, "") if kim is not None else "") or ""

    social = [
        ("Facebook", pick("facebook_url", "facebook_url")),
        ("Instagram", pick("instagram_url", "instagram_url")),
        ("YouTube", pick("youtube_url", "youtube_url")),
        ("TikTok", pick("tiktok_url", "tiktok_url")),
    ]
    phone = pick("contact_phone", "phone")
    return {
        "phone": phone,
        "whatsapp": re.sub(r"\D", "", phone).replace("0", "62", 1) if phone.strip().startswith("0") else "",
        "email": pick("contact_email", "email"),
        "address": pick("contact_address", "address"),
        "social": [(name, url) for name, url in social if url],
    }


# --- Posts -----------------------------------------------------------------------------------


def live_posts():
    from kim_sites.models import PostPage

    return (
        only_public(PostPage.objects.live())
        .select_related("cover_image")
        .prefetch_related("cover_image__renditions")
        .order_by("-date", "-first_published_at", "-pk")
    )


def category_choices():
    from kim_sites.models import PostPage

    return PostPage.Category.choices


def filter_posts(posts, request):
    """Apply ?kategori= and ?tag= to `posts`. Returns (posts, filters, problems)."""
    from kim_sites.models import PostPage

    filters, problems = {}, []
    category = request.GET.get("kategori", "").strip()
    if category:
        if category in PostPage.Category.values:
            posts = posts.filter(category=category)
            filters["kategori"] = category
        else:
            problems.append(translation.gettext("Kategori “%(kategori)s” tidak dikenal.") % {"kategori": category})
    tag = request.GET.get("tag", "").strip()
    if tag:
        posts = posts.filter(tags__slug=tag).distinct()
        filters["tag"] = tag
    return posts, filters, problems


def paginate(queryset, request, per_page):
    """A page of `queryset`; a page number that is not a number or past the end shows page 1 / the last page."""
    return Paginator(queryset, per_page).get_page(request.GET.get("page"))


def suspended_home_paths():
    from kim_sites.models import Kim, KimHomePage

    return KimHomePage.objects.filter(kim__status=Kim.Status.SUSPENDED).values("path")


def exclude_suspended(posts):
    """Drop the posts of suspended KIMs in the same query (no query per KIM)."""
    return posts.annotate(kim_home_path=home_path_expression()).exclude(
        kim_home_path__in=Subquery(suspended_home_paths())
    )


def attach_kims(posts, request):
    """Give each post its KIM (`post.kim_record`) and absolute URL (`post.public_url`), in one query."""
    from kim_sites.models import KimHomePage

    posts = list(posts)
    length = KIM_HOME_PATH_LENGTH
    homes = {
        home.path: home
        for home in KimHomePage.objects.filter(path__in={p.path[:length] for p in posts}).select_related(
            "kim__regency", "kim__site"
        )
    }
    for post in posts:
        home = homes.get(post.path[:length])
        post.kim_record = home.kim if home is not None else None
        post.public_url = post.get_full_url(request)
    return posts


def kim_for_page(page):
    """The Kim whose site `page` belongs to (any locale), or None."""
    from kim_sites.models import KimHomePage

    home = KimHomePage.objects.ancestor_of(page, inclusive=True).select_related("kim").first()
    return home.kim if home is not None else None


def month_bounds(today=None):
    today = today or timezone.localdate()
    start = today.replace(day=1)
    end = start.replace(year=start.year + 1, month=1) if start.month == 12 else start.replace(month=start.month + 1)
    return start, end


def portal_figures():
    """The portal's headline numbers: active KIMs, regencies with KIMs, posts dated this month."""
    from kim_sites.models import Kim

    start, end = month_bounds()
    posts = exclude_suspended(live_posts().filter(locale=default_locale()))
    active = Kim.objects.active()
    return {
        "active_kims": active.count(),
        "regencies": active.values("regency").distinct().count(),
        "posts_this_month": posts.filter(date__gte=start, date__lt=end).count(),
    }


def directory(query="", regency=None):
    """Active KIMs grouped by regency then kecamatan, filtered by a search text."""
    from kim_sites.models import Kim

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


# --- Page contexts ---------------------------------------------------------------------------


def kim_home_context(home, request):
    from kim_sites.models import AgendaEvent, AgendaPage, PostIndexPage, ProfilePage

    children = only_public(home.get_children().live())
    post_index = PostIndexPage.objects.filter(pk__in=children.values("pk")).first()
    agenda = AgendaPage.objects.filter(pk__in=children.values("pk")).first()
    profile = ProfilePage.objects.filter(pk__in=children.values("pk")).first()
    posts = list(live_posts().descendant_of(home)[:HOME_LATEST_POSTS])
    events = []
    if agenda is not None:
        events = list(
            AgendaEvent.objects.filter(page=agenda, date__gte=timezone.localdate()).order_by("date", "start_time")[
                :HOME_UPCOMING_EVENTS
            ]
        )
    leaders = []
    if profile is not None:
        leaders = [m for m in profile.pengurus.all() if m.role in ("ketua", "sekretaris", "bendahara")]
    return {
        "latest_posts": posts,
        "post_index": post_index,
        "agenda_page": agenda,
        "upcoming_events": events,
        "profile_page": profile,
        "leaders": leaders,
    }


def post_index_context(index, request):
    from taggit.models import Tag

    base = live_posts().child_of(index)
    posts, filters, problems = filter_posts(base, request)
    page_obj = paginate(posts, request, POSTS_PER_PAGE)
    tags = Tag.objects.filter(kim_sites_posttag_items__content_object__in=base.values("pk")).distinct().order_by("name")
    active_tag = next((t for t in tags if t.slug == filters.get("tag")), None)
    return {
        "posts": page_obj,
        "filters": filters,
        "filter_problems": problems,
        "categories": category_choices(),
        "tags": tags,
        "active_tag": active_tag,
        "active_category_label": dict(category_choices()).get(filters.get("kategori"), ""),
    }


def post_context(post, request):
    index = post.get_parent()
    related = list(
        live_posts().sibling_of(post, inclusive=False).filter(category=post.category).exclude(pk=post.pk)[:3]
    )
    # Prefetched, so the sharing tags and the JSON-LD read the same list without a query of their own.
    prefetch_related_objects([post], "tags")
    return {"post_index": index, "related_posts": related, "post_tags": list(post.tags.all()), "og_type": "article"}


ROLE_ORDER = {"ketua": 0, "sekretaris": 1, "bendahara": 2, "divisi": 3}


def profile_context(profile, request):
    members = sorted(
        profile.pengurus.select_related("photo").prefetch_related("photo__renditions"),
        key=lambda m: (ROLE_ORDER.get(m.role, 9), m.sort_order or 0),
    )
    return {
        "kim": kim_for_page(profile),
        "officers": [m for m in members if m.role != "divisi"],
        "division_members": [m for m in members if m.role == "divisi"],
    }


def agenda_context(agenda, request):
    today = timezone.localdate()
    events = list(agenda.events.all().order_by("date", "start_time"))
    return {
        "upcoming_events": [e for e in events if e.date >= today],
        "past_events": sorted((e for e in events if e.date < today), key=lambda e: e.date, reverse=True)[:20],
        "ical_url": (agenda.get_url(request) or "") + "ical/",
    }


def portal_context(portal, request):
    from kim_sites.models import Regency

    regencies = list(Regency.objects.select_related("page").order_by("name"))
    posts = exclude_suspended(live_posts().filter(locale=default_locale()))
    filters, problems = {}, []
    slug = request.GET.get("kabupaten", "").strip()
    if slug:
        regency = next((r for r in regencies if r.slug == slug), None)
        if regency is not None and regency.page is not None:
            posts = posts.filter(tree_q(regency.page.path))
            filters["kabupaten"] = slug
        else:
            problems.append(translation.gettext("Kabupaten/kota “%(kabupaten)s” tidak dikenal.") % {"kabupaten": slug})
    posts, category_filters, category_problems = filter_posts(posts, request)
    filters.update(category_filters)
    problems += category_problems
    page_obj = paginate(posts, request, PORTAL_POSTS_PER_PAGE)
    page_obj.object_list = attach_kims(page_obj.object_list, request)
    return {
        "posts": page_obj,
        "filters": filters,
        "filter_problems": problems,
        "regencies": regencies,
        "categories": category_choices(),
        "figures": portal_figures(),
    }
