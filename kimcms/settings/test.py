"""Tests: fast hashing, local memory cache and mail, tasks executed immediately."""

import os

from kimcms.settings.base import *  # noqa: F403

SECRET_KEY = "test-only-key"  # nosec B105  # test settings only
KIM_BASE_DOMAIN = "kim.test"
PORTAL_HOSTNAME = "portal.kim.test"
KIM_SITE_PORT = 80
ALLOWED_HOSTS = ["*"]
WAGTAILADMIN_BASE_URL = "https://admin.kim.test"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Mail goes through the outbox, as in production; the immediate task delivers it to mail.outbox.
KIM_EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Each delivery is attempted when a test runs it (test_mail_outbox.py tests the pause itself).
KIM_MAIL_PAUSE_SECONDS = 0
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405
MEDIA_ROOT = Path(os.environ.get("TEST_MEDIA_ROOT", BASE_DIR / ".test-media"))  # noqa: F405
if not os.environ.get("REDIS_URL"):
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "kimcms-test"}}
elif os.environ.get("PYTEST_XDIST_WORKER"):
    # Tests clear the cache between them: each parallel test process keeps to a Redis database of
    # its own (gw0 the one named, gw1 the one below it, ...).
    _url, _, _db = os.environ["REDIS_URL"].rpartition("/")
    _worker = int(os.environ["PYTEST_XDIST_WORKER"].removeprefix("gw"))
    CACHES["default"]["LOCATION"] = f"{_url}/{(int(_db or 0) - _worker) % 16}"  # noqa: F405

# `make test-fast` keeps the test database between runs (pytest --reuse-db): on SQLite it then lives
# in a file (one per parallel process) instead of in memory. `make test` always starts afresh.
if os.environ.get("KIM_TEST_REUSE_DB") and DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    DATABASES["default"].setdefault("TEST", {})["NAME"] = str(BASE_DIR / ".test-db.sqlite3")  # noqa: F405

# Serve static files straight from the apps, without collectstatic.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# The suite signs users in with force_login; the two-factor tests turn enforcement on themselves.
KIM_2FA_ENFORCED = False
