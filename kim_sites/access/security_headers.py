"""Content-Security-Policy: a strict one on the public sites, the strictest Wagtail's admin works with.

The public sites run no inline script and no inline style attribute: `script-src 'self'` and
`style-src 'self'`, plus the SHA-256 of each inline `<style>` element a template declares with
`{% inline_style %}` (the KIM's accent colours in base.html, the suspended notice). A hash, unlike a nonce, stays right
when the page cache serves the same bytes to the next visitor, so the policy is computed before the
page cache stores the response (see the middleware order in settings). JSON-LD blocks are data,
which CSP does not run or block.

The admin (Wagtail's editor, choosers, Draftail, previews) sets style attributes everywhere and so
needs `'unsafe-inline'` for styles; its scripts need no inline code. Previews are served under
the admin, with the admin's policy.

Both policies live in settings (`CONTENT_SECURITY_POLICY` for the public sites,
`KIM_ADMIN_CONTENT_SECURITY_POLICY` for the admin); the middleware adds the origin of the media
storage (S3 or a CDN) to `img-src` and `media-src` when media are not served by the app itself.
"""

import base64
import hashlib
from functools import cache
from urllib.parse import urlsplit

from csp.middleware import CSPMiddleware
from csp.utils import default_config

from django.conf import settings
from django.core.files.storage import default_storage
from django.urls import reverse

from kim_sites.conf import kim_settings

STYLE_HASHES = "kim_csp_style_hashes"
# Hashes of inline styles without variables, added when their template is parsed: the same in
# every process that can render them, so they need no shared store.
STATIC_STYLE_HASHES = set()


def style_hash(css):
    """The CSP source that allows one inline `<style>` element with exactly this text."""
    digest = hashlib.sha256(css.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def allow_inline_style(request, css):
    """Let this response carry a `<style>` element with exactly `css` in it."""
    if request is None:
        return
    hashes = getattr(request, STYLE_HASHES, None)
    if hashes is None:
        hashes = []
        setattr(request, STYLE_HASHES, hashes)
    source = style_hash(css)
    if source not in hashes:
        hashes.append(source)


def allow_static_inline_style(css):
    """Let every public response carry a `<style>` element with exactly `css`, a template's
    fixed text."""
    STATIC_STYLE_HASHES.add(style_hash(css))


@cache
def admin_prefix():
    return reverse("wagtailadmin_home")


def is_admin_path(path):
    return path.startswith(admin_prefix())


@cache
def media_sources():
    """The origin media are served from when it is not this app's own (S3, a CDN), else nothing."""
    parts = urlsplit(default_storage.url("csp-origin"))
    if parts.scheme and parts.netloc:
        return (f"{parts.scheme}://{parts.netloc}",)
    return ()


class KimCSPMiddleware(CSPMiddleware):
    """django-csp's middleware with one policy for the admin and another for the public sites."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if report_only:
            return parts
        admin = is_admin_path(request.path_info)
        if parts.config is None:
            policy = kim_settings.KIM_ADMIN_CONTENT_SECURITY_POLICY if admin else settings.CONTENT_SECURITY_POLICY
            parts.config = default_config(policy["DIRECTIVES"])
        update = {key: list(value) for key, value in (parts.update or {}).items()}
        for directive in ("img-src", "media-src"):
            if media_sources():
                update.setdefault(directive, []).extend(media_sources())
        # In the admin a hash would switch 'unsafe-inline' off: previews render public templates.
        hashes = [*sorted(STATIC_STYLE_HASHES), *getattr(request, STYLE_HASHES, ())]
        if hashes and not admin:
            update.setdefault("style-src", []).extend(hashes)
        parts.update = update or None
        return parts


class OuterCSPMiddleware(KimCSPMiddleware):
    """The same policy, for responses that a middleware above the page cache answered (a
    suspended KIM's notice, an unknown host). It leaves alone a response that already has one."""
