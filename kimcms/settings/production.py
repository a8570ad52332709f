"""Production: refuses to start without a real SECRET_KEY, explicit ALLOWED_HOSTS and a shared cache."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import ALLOWED_HOSTS, CACHES, SECRET_KEY, env_bool

DEBUG = False

if not SECRET_KEY or len(SECRET_KEY) < 32:
    raise ImproperlyConfigured("SECRET_KEY must be set to a random value of at least 32 characters.")
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
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "0"))
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
