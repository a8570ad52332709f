"""Hooks of the public sites."""

from django.conf import settings
from django.shortcuts import redirect
from django.urls import translate_url
from django.utils import translation
from django.utils.translation import get_supported_language_variant

from wagtail import hooks

from kim_sites.registry.suspension import refuse_suspended_document
from kim_sites.scale.site_index import site_index


@hooks.register("before_serve_page")
def serve_pages_in_their_own_language(page, request, args, kwargs):
    """A page reached under another language's prefix (an untranslated page at /en/...) is
    redirected to its own URL. Temporary (302): a translation may be published later."""
    try:
        active = get_supported_language_variant(translation.get_language() or settings.LANGUAGE_CODE)
    except LookupError:
        return None
    _prime_locale(page)
    if page.locale.language_code == active:
        return None
    url = translate_url(request.path, page.locale.language_code)
    if url == request.path:
        return None
    if request.GET:
        url += "?" + request.GET.urlencode()
    return redirect(url)


def _prime_locale(page):
    """Give the page its Locale from the site index, so `page.locale` costs no query here or in templates."""
    if "locale" in page._state.fields_cache:
        return
    locale = site_index.locale_by_id(page.locale_id)
    if locale is not None:
        page._state.fields_cache["locale"] = locale


# A document URL works on every host: a suspended KIM's files are refused on all of them.
hooks.register("before_serve_document", refuse_suspended_document)
