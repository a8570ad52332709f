"""The platform's own name in the admin, and the guide's screenshots that exist."""

from django import template
from django.conf import settings
from django.contrib.staticfiles import finders
from django.templatetags.static import static

register = template.Library()


@register.simple_tag
def platform_name():
    """The platform's name (WAGTAIL_SITE_NAME), where Wagtail writes "Wagtail"."""
    return settings.WAGTAIL_SITE_NAME


@register.simple_tag
def guide_screenshot(*names):
    """The static URL of the first of these guide screenshots that exists, or "" when none does:
    screenshots come from the browser suite (`make guide-screenshots`), and a guide page must not
    break while one is missing."""
    for name in names:
        path = f"kim_sites/guide/{name}.png"
        if finders.find(path):
            return static(path)
    return ""
