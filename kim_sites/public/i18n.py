"""English lives at /en/, and a page without an English version falls back to Indonesian.

A site root in another language than the default routes a path it cannot resolve through its
Indonesian original, and `public/wagtail_hooks.py` then redirects to the Indonesian URL. So /en/<path>/ of an
untranslated page never 404s and never serves Indonesian text under an English URL (no duplicate
content, one canonical URL per page).
"""

from django.http import Http404

from wagtail.models import Locale


class LocaleFallbackRouteMixin:
    """For site root pages (KIM home, portal home)."""

    def route(self, request, path_components):
        try:
            return super().route(request, path_components)
        except Http404:
            default = Locale.get_default()
            if self.locale_id == default.id:
                raise
            original = self.get_translation_or_none(default)
            if original is None or not original.live:
                raise
            return original.specific.route(request, path_components)
