"""Benchmark: production-like (DEBUG off, database task queue), one SQLite file per run, or one
PostgreSQL database per size for the national benchmark (`manage.py bench --national`).

Used by `manage.py bench`, which sets BENCH_DATABASE to a file under bench-results/ (or
BENCH_DATABASE_URL to a PostgreSQL database of its own) so the development database is never touched. Adds a trivial view at /_bench/ping (the throughput
baseline); the public pages are rendered with the project's own templates, as in production.
"""

import os

from kimcms.settings.base import *  # noqa: F403
from kimcms.settings.base import BASE_DIR, env_bool

DEBUG = False
SECRET_KEY = "bench-only-key-not-secret-0123456789abcdef"  # nosec B105  # bench only
ALLOWED_HOSTS = ["*"]
KIM_BASE_DOMAIN = "kim.bench"
PORTAL_HOSTNAME = "portal.kim.bench"
KIM_SITE_PORT = 80
WAGTAILADMIN_BASE_URL = "http://admin.kim.bench"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
ROOT_URLCONF = "tools.bench.urls"
DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": os.environ.get("BENCH_DATABASE", str(BASE_DIR / "bench-results" / "bench.sqlite3")),
        "CONN_MAX_AGE": 600,
    }
}
if os.environ.get("BENCH_DATABASE_URL"):
    import dj_database_url

    DATABASES = {"default": dj_database_url.parse(os.environ["BENCH_DATABASE_URL"], conn_max_age=600)}
    WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.backends", "SEARCH_CONFIG": "indonesian"}}
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405
MEDIA_ROOT = BASE_DIR / "bench-results" / "media"
WHITENOISE_USE_FINDERS = True
# Immediate by default so every page is indexed before it is measured; the bulk import is
# timed with the database queue and its worker separately (see tools/bench/runner.py).
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
if not os.environ.get("REDIS_URL"):
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "kimcms-bench"}}
KIM_SITE_INDEX_ENABLED = env_bool("KIM_SITE_INDEX_ENABLED", True)
LOGGING["root"]["level"] = "WARNING"  # noqa: F405
