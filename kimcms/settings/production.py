"""Production: refuses to start without a real SECRET_KEY, explicit ALLOWED_HOSTS and a shared cache; HSTS on.

`manage.py check --deploy` passes without warnings with these settings (docs/security.md).
"""

import os

from django.core.exceptions import ImproperlyConfigured

from kimcms.settings.base import *  # noqa: F403
from kimcms.settings.base import ALLOWED_HOSTS, CACHES, SECRET_KEY, env_bool

DEBUG = False

# Django's own deploy check (security.W009): at least 50 characters, 5 distinct, not a generated
# development key.
if not SECRET_KEY or len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5 or SECRET_KEY.startswith("django-insecure-"):
    raise ImproperlyConfigured(
        "SECRET_KEY must be set to a random value of at least 50 characters, e.g. "
        "python -c 'import secrets; print(secrets.token_urlsafe(50))'."
    )
if not ALLOWED_HOSTS or "*" in ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must list the hostnames served, e.g. '.kim.babelprov.go.id'.")
# Privacy, unpublishing, suspension and rate limits are decided from the cache: a cache that each
# process keeps for itself (or none at all) lets one worker serve what another has withdrawn.
PROCESS_LOCAL_CACHE_BACKENDS = {
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
}
for _alias, _cache in CACHES.items():
    if _cache["BACKEND"] in PROCESS_LOCAL_CACHE_BACKENDS:
        raise ImproperlyConfigured(
            f"CACHES[{_alias!r}] uses {_cache['BACKEND']}, which is not shared between processes: "
            "set REDIS_URL, or keep the database cache."
        )

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
CSRF_TRUSTED_ORIGINS = [f"https://{host.lstrip('.')}" for host in ALLOWED_HOSTS] + [
    f"https://*{host}" for host in ALLOWED_HOSTS if host.startswith(".")
]
# HSTS: a year by default. For the first deployment on a new domain, start with
# SECURE_HSTS_SECONDS=300 and raise it once every host has served HTTPS correctly for a while.
# includeSubDomains covers the subdomains of each host the platform answers: the KIM sites under
# the portal's domain, all served over HTTPS. Set SECURE_HSTS_INCLUDE_SUBDOMAINS=false if a host
# of the platform has subdomains that are not (e.g. the portal served on a shared parent domain).
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
# Preloading is a decision for the owner of the registrable domain (it binds every subdomain of
# it, beyond this platform, for months): off unless asked for, and its check silenced while off.
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
if not SECURE_HSTS_PRELOAD:
    SILENCED_SYSTEM_CHECKS = ["security.W021"]
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# An HTTP cache in front (Varnish, deploy/varnish/kimcms.vcl): the address the task workers send
# PURGE and BAN to, e.g. http://127.0.0.1:6081. Unset: no cache in front, nothing to purge.
FRONTEND_CACHE_URL = os.environ.get("FRONTEND_CACHE_URL", "")
if FRONTEND_CACHE_URL:
    WAGTAILFRONTENDCACHE = {
        "varnish": {"BACKEND": "kim_sites.scale.frontend_cache.VarnishBackend", "LOCATION": FRONTEND_CACHE_URL},
    }
