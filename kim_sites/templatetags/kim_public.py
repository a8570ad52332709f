"""Template tags of the public sites: chrome, canonical and absolute URLs, sharing tags, JSON-LD."""

import json

from django import template
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.urls import translate_url
from django.utils import timezone, translation
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe
from django.utils.text import Truncator

from kim_sites.public import chrome as public
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
    """A 1200×630 rendition of the page's cover (or the KIM logo) for Open Graph, or None."""
    image = getattr(page, "cover_image", None)
    alt = getattr(page, "cover_alt", "")
    if image is None:
        request = context.get("request")
        chrome = public.get_chrome(request) if request is not None else None
        image = getattr(getattr(chrome, "settings", None), "logo", None)
        alt = chrome.site_name if chrome is not None else ""
        if image is None:
            return None
    rendition = rendition_or_none(image, "fill-1200x630|format-jpeg|jpegquality-80")
    if rendition is None:
        return None
    return {
        "url": absolute_url(context, rendition.url),
        "width": rendition.width,
        "height": rendition.height,
        "alt": alt,
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


@register.simple_tag(takes_context=True)
def news_article_json_ld(context, page):
    """schema.org NewsArticle for a post, as safely escaped JSON-LD."""
    request = context.get("request")
    chrome = public.get_chrome(request)
    url = page.get_full_url(request)
    publisher = {"@type": "Organization", "name": chrome.site_name}
    if chrome.site is not None:
        publisher["url"] = chrome.site.root_url + "/"
    logo = getattr(chrome.settings, "logo", None)
    rendition = rendition_or_none(logo, "max-600x60|format-png") if logo is not None else None
    if rendition is not None:
        publisher["logo"] = {
            "@type": "ImageObject",
            "url": absolute_url(context, rendition.url),
            "width": rendition.width,
            "height": rendition.height,
        }
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": Truncator(page.title).chars(110),
        "description": page.summary,
        "url": url,
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "inLanguage": page.locale.language_code,
        "datePublished": page.date.isoformat(),
        "articleSection": page.get_category_display(),
        "author": publisher,
        "publisher": publisher,
    }
    if page.last_published_at:
        data["dateModified"] = timezone.localtime(page.last_published_at).isoformat()
    image = share_image(context, page) if page.cover_image_id else None
    if image is not None:
        data["image"] = [image["url"]]
    tags = [tag.name for tag in page.tags.all()]
    if tags:
        data["keywords"] = ", ".join(tags)
    return _json_script(data)


@register.filter
def hreflang_links(languages):
    """hreflang alternates, only when the page exists in more than one language; x-default is Indonesian."""
    available = [(item["code"], item["url"]) for item in languages or [] if item["url"]]
    if len(available) < 2:
        return []
    default = dict(available).get(settings.LANGUAGE_CODE) or available[0][1]
    return [*available, ("x-default", default)]
