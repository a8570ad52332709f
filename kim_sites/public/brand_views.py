"""/favicon.ico and /manifest.webmanifest of each host: the KIM's (or the portal's) name, colour
and icons. Plain GET responses with no cookie, so the page cache keeps them per site and serves
them again at 0 queries; a change of name, colour or logo purges the site and so these too."""

import json

from django.conf import settings
from django.http import HttpResponse
from django.views.decorators.http import require_safe

from kim_sites.public.branding import favicon_bytes
from kim_sites.public.chrome import get_chrome

SHORT_NAME_LENGTH = 12


def short_name(name):
    """A home-screen label: the name past a leading "KIM", shortened to what launchers show."""
    words = name.split()
    if len(words) > 1 and words[0].upper() == "KIM":
        words = words[1:]
    short = " ".join(words)
    return short if len(short) <= SHORT_NAME_LENGTH else short[: SHORT_NAME_LENGTH - 1].rstrip() + "…"


@require_safe
def favicon(request):
    chrome = get_chrome(request)
    name = chrome.site_name or settings.WAGTAIL_SITE_NAME
    return HttpResponse(favicon_bytes(chrome.brand, name, chrome.palette), content_type="image/x-icon")


@require_safe
def manifest(request):
    chrome = get_chrome(request)
    name = chrome.site_name or settings.WAGTAIL_SITE_NAME
    data = {
        "name": name,
        "short_name": short_name(name),
        "lang": settings.LANGUAGE_CODE,
        "start_url": "/",
        "scope": "/",
        "display": "minimal-ui",
        "theme_color": chrome.palette.accent,
        "background_color": chrome.palette.accent,
    }
    if chrome.tagline:
        data["description"] = chrome.tagline
    icons = getattr(chrome.brand, "icons", {}) if chrome.brand is not None else {}
    data["icons"] = [
        {"src": icons[size], "sizes": f"{size}x{size}", "type": "image/png", "purpose": "any"}
        for size in ("192", "512")
        if size in icons
    ]
    return HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=1), content_type="application/manifest+json; charset=utf-8"
    )
