"""Reach on the public pages: the beacon script, "dibaca N kali" and a KIM's most read posts."""

from django import template
from django.templatetags.static import static
from django.utils.html import format_html

from kim_sites.conf import kim_settings
from kim_sites.reach import figures
from kim_sites.reach.beacon import beacon_url
from kim_sites.scale.site_index import site_index

register = template.Library()


@register.simple_tag(takes_context=True)
def reach_beacon(context, page, chrome):
    """The beacon's script, on a live public page of a KIM site only (not the portal, a preview,
    a restricted page or an error page). The same bytes for every reader, so it may be cached."""
    request = context.get("request")
    if not kim_settings.KIM_REACH_ENABLED or request is None or page is None or not getattr(page, "pk", None):
        return ""
    if getattr(request, "is_preview", False) or not getattr(page, "live", False):
        return ""
    if chrome is None or chrome.is_portal or chrome.kim is None or chrome.site is None:
        return ""
    if site_index.is_restricted(page.path):
        return ""
    return format_html(
        '<script src="{}" data-dibaca="{}" defer></script>',
        static("js/dibaca.js"),
        beacon_url(chrome.site.pk, page.pk),
    )


@register.simple_tag
def shown_page_views(page):
    return figures.shown_page_views(page)


@register.simple_tag
def popular_posts(page, kim):
    return figures.popular_posts(page, kim)
