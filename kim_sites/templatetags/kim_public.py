"""Template tags of the public sites: chrome, canonical and absolute URLs, sharing tags and links,
authors, JSON-LD."""

import json
from urllib.parse import quote

from django import template
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.urls import reverse, translate_url
from django.utils import timezone, translation
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe
from django.utils.text import Truncator

from kim_sites.dates import post_published_at
from kim_sites.public import chrome as public
from kim_sites.public import sharing
from kim_sites.public.authors import post_author
from kim_sites.scale.storage import rendition_or_none

register = template.Library()

OG_LOCALES = {"id": "id_ID", "en": "en_US"}
# Characters that could end a <script> element or confuse an HTML parser, escaped as JSON allows.
JSON_SCRIPT_ESCAPES = {
    ord("<"): "\\u003C",
    ord(">"): "\\u003E",
    ord("&"): "\\u0026",
    0x2028: "\\u2028",
    0x2029: "\\u2029",
}


@register.simple_tag(takes_context=True)
def site_chrome(context):
    request = context.get("request")
    if request is None:
        return public.Chrome(site=None, home=None, palette=public.accent_palette(None))
    return public.get_chrome(request, context.get("page"))


@register.simple_tag(takes_context=True)
def absolute_url(context, url):
    """`url` made absolute on the current site's own root URL (media, renditions)."""
    if not url or "://" in url or url.startswith("//"):
        return url or ""
    request = context.get("request")
    chrome = public.get_chrome(request) if request is not None else None
    if chrome is not None and chrome.site is not None:
        return chrome.site.root_url + url
    if request is not None:
        return request.build_absolute_uri(url)
    return url


@register.simple_tag(takes_context=True)
def canonical_url(context, page):
    request = context.get("request")
    url = page.get_full_url(request) if page is not None else ""
    page_obj = context.get("posts")
    number = getattr(page_obj, "number", 1)
    if url and number and number > 1:
        url += f"?page={number}"
    return url


@register.filter
def meta_description(page):
    """The page's search description, else its summary, tagline or intro, as plain text."""
    if page is None:
        return ""
    for name in ("search_description", "summary", "tagline", "intro", "vision"):
        value = getattr(page, name, "")
        if value:
            return Truncator(" ".join(strip_tags(str(value)).split())).chars(200)
    return ""


@register.simple_tag(takes_context=True)
def share_image(context, page):
    """The Open Graph image of a page: its cover, else the site's share image, else the site's
    generated card (kim_sites/public/branding.py); all 1200×630. None when none can be had."""
    request = context.get("request")
    chrome = public.get_chrome(request) if request is not None else None
    site_name = chrome.site_name if chrome is not None else ""
    candidates = [
        (getattr(page, "cover_image", None), getattr(page, "cover_alt", "") or getattr(page, "title", "")),
        (getattr(getattr(chrome, "settings", None), "share_image", None), site_name),
    ]
    for image, alt in candidates:
        if image is None:
            continue
        rendition = rendition_or_none(image, "fill-1200x630|format-jpeg|jpegquality-80")
        if rendition is not None:
            return {
                "url": absolute_url(context, rendition.url),
                "width": rendition.width,
                "height": rendition.height,
                "alt": alt,
            }
    brand = getattr(chrome, "brand", None)
    if brand is None or not brand.card_url:
        return None
    return {
        "url": absolute_url(context, brand.card_url),
        "width": brand.card_width,
        "height": brand.card_height,
        "alt": site_name,
    }


@register.simple_tag(takes_context=True)
def page_translations(context, page):
    """Every language of the site with the URL of `page` in it, or None where it is not translated.

    The result drives both the language switcher and the hreflang alternates.
    """
    request = context.get("request")
    current = (translation.get_language() or settings.LANGUAGE_CODE).split("-")[0]
    urls = {}
    if page is not None and getattr(page, "pk", None):
        # A routable page's sub-route (the portal's directory) exists in every language of the page.
        suffix = context.get("route_suffix", "")
        for version in page.get_translations(inclusive=True).live().select_related("locale"):
            urls[version.locale.language_code] = version.get_full_url(request) + suffix
    elif request is not None:
        # A view of its own (search, 404): offered in the languages the site's home is live in.
        home = public.get_chrome(request).home
        live = set()
        if home is not None:
            live = set(home.get_translations(inclusive=True).live().values_list("locale__language_code", flat=True))
        for code, _name in settings.LANGUAGES:
            if code in live or code == current:
                urls[code] = request.build_absolute_uri(translate_url(request.get_full_path(), code))
    return [
        {"code": code, "name": name, "url": urls.get(code), "current": code == current}
        for code, name in settings.LANGUAGES
    ]


@register.filter
def language_choices(languages):
    """The language switcher's entries: the current language and those the page is live in, or
    nothing at all when no other language has it (a switcher offering only crossed-out languages
    tells the visitor nothing)."""
    choices = [item for item in languages or [] if item["current"] or item["url"]]
    if not any(item["url"] and not item["current"] for item in choices):
        return []
    return choices


@register.filter
def og_locale(code):
    return OG_LOCALES.get((code or "").split("-")[0], "id_ID")


def _json_script(data):
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(JSON_SCRIPT_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{text}</script>')  # nosec B308 B703  # <, >, & escaped above


@register.filter
def published_iso(post):
    """`datePublished` / `article:published_time` of a post: ISO 8601 with +07:00 (kim_sites/dates.py)."""
    moment = post_published_at(post)
    return moment.isoformat() if moment is not None else ""


@register.filter
def iso_wib(moment):
    """An aware datetime as ISO 8601 in WIB, to the second: 2023-12-11T08:30:00+07:00."""
    if not moment:
        return ""
    return timezone.localtime(moment).replace(microsecond=0).isoformat()


@register.simple_tag(takes_context=True)
def author_of(context, post):
    """The post's author line as the KIM chose to show it: {"name", "is_person"}, or None."""
    request = context.get("request")
    chrome = public.get_chrome(request)
    found = post_author(post, chrome.settings, chrome.site_name)
    return {"name": found[0], "is_person": found[1]} if found else None


@register.simple_tag
def share_links(url, title):
    """The share links of a page or an event: plain URLs of each network's own share page,
    with the canonical URL and the title and nothing else (no tracking parameter)."""
    return sharing.share_links(url, title)


def _site_root(chrome, request):
    if chrome.site is not None:
        return chrome.site.root_url
    return request.build_absolute_uri("/").rstrip("/")


def _logo_object(context, chrome):
    logo = getattr(chrome.settings, "logo", None)
    rendition = rendition_or_none(logo, "max-600x60|format-png") if logo is not None else None
    if rendition is None:
        return None
    return {
        "@type": "ImageObject",
        "url": absolute_url(context, rendition.url),
        "width": rendition.width,
        "height": rendition.height,
    }


def _organization(context, chrome, root):
    organization = {"@type": "Organization", "@id": f"{root}/#organisasi", "name": chrome.site_name, "url": f"{root}/"}
    logo = _logo_object(context, chrome)
    if logo is not None:
        organization["logo"] = logo
    same_as = [url for _name, url in chrome.contact.get("social", [])]
    if same_as:
        organization["sameAs"] = same_as
    kim = chrome.kim
    if kim is not None:
        organization["address"] = {
            "@type": "PostalAddress",
            "addressLocality": kim.village,
            "addressRegion": kim.regency.name,
            "addressCountry": "ID",
        }
    return organization


def _breadcrumb_list(items):
    return {
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": position, "name": name, "item": url}
            for position, (name, url) in enumerate(items, start=1)
        ],
    }


def _absolute(root, url):
    return url if "://" in url else root + url


def breadcrumb_items(context, page, chrome, root, request):
    """(name, absolute URL) from the home to `page`: on a post the visible trail (home, post
    index, category) then the post; elsewhere the home, the sections between, then the page."""
    home = chrome.home
    items = [(translation.gettext("Beranda"), _absolute(root, chrome.home_url))]
    post_index = context.get("post_index")
    if post_index is not None and hasattr(page, "get_category_display"):
        index_url = _absolute(root, post_index.get_url(request))
        items.append((post_index.title, index_url))
        items.append((page.get_category_display(), f"{index_url}?kategori={quote(page.category)}"))
    elif home is not None and page.depth > home.depth + 1:
        for ancestor in page.get_ancestors().filter(depth__gt=home.depth).specific(defer=True):
            items.append((ancestor.title, _absolute(root, ancestor.get_url(request))))
    items.append((page.title, page.get_full_url(request)))
    return items


@register.simple_tag(takes_context=True)
def structured_data(context, page):
    """The page's JSON-LD, one block: Organization and WebSite (with its search) on a home,
    BreadcrumbList on every inner page, and NewsArticle on a post."""
    request = context.get("request")
    if page is None or request is None or not getattr(page, "pk", None):
        return ""
    chrome = public.get_chrome(request)
    root = _site_root(chrome, request)
    graph = []
    if chrome.home is not None and page.pk == chrome.home.pk:
        organization = _organization(context, chrome, root)
        graph.append(organization)
        graph.append(
            {
                "@type": "WebSite",
                "@id": f"{root}/#situs",
                "url": f"{root}/",
                "name": chrome.site_name,
                "inLanguage": page.locale.language_code,
                "publisher": {"@id": organization["@id"]},
                "potentialAction": {
                    "@type": "SearchAction",
                    "target": {"@type": "EntryPoint", "urlTemplate": f"{root}{reverse('search')}?query={{query}}"},
                    "query-input": "required name=query",
                },
            }
        )
    else:
        graph.append(_breadcrumb_list(breadcrumb_items(context, page, chrome, root, request)))
        if hasattr(page, "summary") and hasattr(page, "get_category_display"):
            graph.insert(0, _news_article(context, page, chrome, root, request))
    return _json_script({"@context": "https://schema.org", "@graph": graph})


def _news_article(context, page, chrome, root, request):
    url = page.get_full_url(request)
    publisher = {"@type": "Organization", "name": chrome.site_name, "url": f"{root}/"}
    logo = _logo_object(context, chrome)
    if logo is not None:
        publisher["logo"] = logo
    author = author_of(context, page)
    data = {
        "@type": "NewsArticle",
        "headline": Truncator(page.title).chars(110),
        "description": page.summary,
        "url": url,
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "inLanguage": page.locale.language_code,
        "datePublished": published_iso(page),
        "articleSection": page.get_category_display(),
        "author": {"@type": "Person" if author and author["is_person"] else "Organization", "name": author["name"]}
        if author
        else publisher,
        "publisher": publisher,
    }
    if page.last_published_at:
        data["dateModified"] = iso_wib(page.last_published_at)
    image = share_image(context, page)
    if image is not None:
        data["image"] = [image["url"]]
    tags = [tag.name for tag in context.get("post_tags") or page.tags.all()]
    if tags:
        data["keywords"] = ", ".join(tags)
    return data


@register.filter
def hreflang_links(languages):
    """hreflang alternates, only when the page exists in more than one language; x-default is Indonesian."""
    available = [(item["code"], item["url"]) for item in languages or [] if item["url"]]
    if len(available) < 2:
        return []
    default = dict(available).get(settings.LANGUAGE_CODE) or available[0][1]
    return [*available, ("x-default", default)]


@register.simple_tag
def event_anchor(event):
    """The fragment of an agenda event on its agenda page (`acara-<id>`), the URL shared for it."""
    return f"acara-{event.pk}"
