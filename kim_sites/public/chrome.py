"""The chrome of every public page: the KIM's (or the portal's) identity, colours, navigation
and contact details, built once per site and language and kept in the shared cache.
"""

import re
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache
from django.utils import translation

from wagtail.models import Page, Site

from kim_sites.models import Kim, KimSiteSettings
from kim_sites.public.branding import brand_images
from kim_sites.public.listings import active_locale, localize_pages, only_public
from kim_sites.scale import page_cache
from kim_sites.scale.site_index import read_generation, site_index

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
    # The site's generated share card and icons (kim_sites/public/branding.py), or None.
    brand: object = None


CHROME_TIMEOUT = 3600


def _chrome_key(site):
    """Per site and language, tied to the tokens that drop the site's cached pages (a publish,
    unpublish, move or delete under the site, its settings, its Site or KIM record) and to the
    site index generation (sites, locales, view restrictions, suspensions)."""
    generations = page_cache.generations(site.pk)
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
    chrome = Chrome(site=site, home=None, palette=accent_palette(DEFAULT_ACCENT))
    home = site_index.localized_root(site)
    chrome.home = home
    chrome.home_url = home.get_url(request) or "/"
    # The logo's renditions are looked up in Wagtail's rendition cache, so they are not prefetched.
    site_settings = KimSiteSettings.objects.filter(site=site).select_related("logo", "share_image").first()
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
        sections = localize_pages(sections, active_locale())
        chrome.nav = [NavItem(translation.gettext("Beranda"), chrome.home_url)]
        for section in sections:
            url = section.get_url(request)
            if url:
                chrome.nav.append(NavItem(section.title, url))
        portal = site_index.current().default_site
        chrome.portal_url = Site.root_url.fget(site_index.site_by_id(portal[0])) + "/" if portal else ""
    chrome.contact = _contact(site_settings, chrome.kim)
    chrome.brand = _brand(chrome, site_settings)
    return chrome


def _brand(chrome, site_settings):
    """The share card and icons: drawn once per name, regency, colour and logo, then only looked up."""
    if chrome.is_portal:
        # The card's words are Indonesian in every language: one image per site.
        title = f"Portal {settings.WAGTAIL_SITE_NAME}"
        subtitle = "Kelompok Informasi Masyarakat se-Provinsi"
    else:
        title = chrome.site_name
        subtitle = chrome.kim.regency.name if chrome.kim is not None else ""
    return brand_images(title, subtitle, chrome.palette, logo=site_settings.logo, letter_name=chrome.site_name)


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
