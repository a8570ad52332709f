"""Settings shared by every environment.

Everything that differs between machines comes from the environment (12-factor).
This module holds no secret and never turns DEBUG on.
"""

import os
from pathlib import Path

import dj_database_url
from botocore.config import Config as BotocoreConfig

from kim_sites.conf import DEFAULTS as KIM_DEFAULTS

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def kim_env(setting, variable=None):
    """A KIM_* setting from the environment variable `variable` (default: its own name), else
    its default in kim_sites/conf.py, cast to the default's type."""
    default = KIM_DEFAULTS[setting]
    if isinstance(default, bool):
        return env_bool(variable or setting, default)
    value = os.environ.get(variable or setting)
    return default if value is None else type(default)(value)


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = False
SECRET_KEY = os.environ.get("SECRET_KEY", "")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")

INSTALLED_APPS = [
    "kimcms",
    "home",
    "kim_sites",
    "csp",
    "search",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.search_promotions",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_tasks",
    "django_tasks_db",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    # A request id for every log line, then the health endpoints, answered on any host (kimcms/health.py).
    "kimcms.logs.RequestIdMiddleware",
    "kimcms.health.HealthCheckMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "kimcms.urls"
WSGI_APPLICATION = "kimcms.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# Database: SQLite file by default, PostgreSQL (psycopg 3) through DATABASE_URL.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "600")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The admin writes from several requests at once (autosave, editing-session pings, renditions):
    # write-ahead logging lets readers go on while one writes, IMMEDIATE transactions take the
    # write lock at their start (so two writers queue instead of failing halfway with "database is
    # locked"), and the busy timeout is how long a writer waits for its turn.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        }
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# While the database cannot be reached, every page answers 503 with this Retry-After (kimcms/errors.py).
KIM_DATABASE_RETRY_AFTER = kim_env("KIM_DATABASE_RETRY_AFTER", "DATABASE_RETRY_AFTER")

AUTH_USER_MODEL = "home.User"
WAGTAILIMAGES_IMAGE_MODEL = "home.CustomImage"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Activation links (one-time, see kim_sites/registry/activation.py) expire after 7 days. Password-reset
# links keep Django's own, shorter, PASSWORD_RESET_TIMEOUT (3 days).
KIM_ACTIVATION_TIMEOUT = kim_env("KIM_ACTIVATION_TIMEOUT", "ACTIVATION_TIMEOUT_SECONDS")

LOGIN_URL = "wagtailadmin_login"
LOGIN_REDIRECT_URL = "wagtailadmin_home"

# Internationalisation: Bahasa Indonesia first, English second. Western Indonesia Time.
LANGUAGE_CODE = "id"
LANGUAGES = [("id", "Bahasa Indonesia"), ("en", "English")]
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
WAGTAIL_I18N_ENABLED = True
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Jakarta"
USE_I18N = True
USE_TZ = True

# Static files, served by whitenoise in every environment.
STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Media on S3-compatible object storage when a bucket is configured.
AWS_STORAGE_BUCKET_NAME = os.environ.get("AWS_STORAGE_BUCKET_NAME", "")
if AWS_STORAGE_BUCKET_NAME:
    # S3Storage with outages turned into clear errors and unsigned URLs built locally (kim_sites/scale/storage.py).
    STORAGES["default"] = {"BACKEND": "kim_sites.scale.storage.S3MediaStorage"}
    AWS_S3_ENDPOINT_URL = os.environ.get("AWS_S3_ENDPOINT_URL") or None
    AWS_S3_REGION_NAME = os.environ.get("AWS_S3_REGION_NAME") or None
    AWS_S3_CUSTOM_DOMAIN = os.environ.get("AWS_S3_CUSTOM_DOMAIN") or None
    AWS_LOCATION = os.environ.get("AWS_LOCATION", "media")
    # Two uploads with the same name must never replace each other's file.
    AWS_S3_FILE_OVERWRITE = False
    AWS_DEFAULT_ACL = None
    AWS_QUERYSTRING_AUTH = env_bool("AWS_QUERYSTRING_AUTH", False)
    # boto3 waits 60 s per attempt by default, longer than gunicorn's 30 s: a hanging object store
    # would get the web worker killed. One call gives up after 2 attempts of at most
    # connect + read timeout each (2 × (3 + 5) s by default; a hung store that accepts connections
    # costs 2 × 5 s, the stack test measures it).
    AWS_S3_CLIENT_CONFIG = BotocoreConfig(
        connect_timeout=float(os.environ.get("AWS_S3_CONNECT_TIMEOUT", "3")),
        read_timeout=float(os.environ.get("AWS_S3_READ_TIMEOUT", "5")),
        retries={"total_max_attempts": int(os.environ.get("AWS_S3_MAX_ATTEMPTS", "2")), "mode": "standard"},
    )
# After one failed call to the object store, each process fails at once for this many seconds.
KIM_S3_FAILFAST_SECONDS = kim_env("KIM_S3_FAILFAST_SECONDS", "AWS_S3_FAILFAST_SECONDS")
# A request that meets an object-store outage gets a clear answer (kim_sites/scale/storage.py).
MIDDLEWARE += ["kim_sites.scale.storage.StorageUnavailableMiddleware"]

# Cache: shared by every app process and every management command, because the site index's
# generation, the suspension set and the page cache's generations live there (docs/performance.md).
# Redis when REDIS_URL is set, else a table in the database (`migrate` creates it).
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            # A Redis outage is a cache miss, never an error (kimcms/cache.py, docs/resilience.md).
            "BACKEND": "kimcms.cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "kimcms"),
            "TIMEOUT": 600,
            "OPTIONS": {
                # A hung Redis costs a fraction of a second once, not seconds per request.
                "socket_connect_timeout": float(os.environ.get("REDIS_CONNECT_TIMEOUT", "0.25")),
                "socket_timeout": float(os.environ.get("REDIS_SOCKET_TIMEOUT", "0.5")),
                # After a failure, every call is a miss for this long before Redis is tried again.
                "retry_seconds": float(os.environ.get("CACHE_RETRY_SECONDS", "1")),
            },
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "kim_cache",
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "kimcms"),
            "TIMEOUT": 600,
            # Django's default of 300 entries would cull the generation tokens with the pages.
            "OPTIONS": {"MAX_ENTRIES": int(os.environ.get("CACHE_MAX_ENTRIES", "50000"))},
        }
    }

# Background tasks: a database queue worked by `manage.py db_worker`.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# A task RUNNING longer than this is taken for the task of a dead worker and run again
# (`manage.py recover_tasks`, kim_sites/scale/task_queue.py). Every task is idempotent.
KIM_TASK_LEASE_SECONDS = kim_env("KIM_TASK_LEASE_SECONDS", "TASK_LEASE_SECONDS")

# E-mail: every message is queued in the outbox and sent by the task worker (kim_sites/mail.py)
# through KIM_EMAIL_DELIVERY_BACKEND: SMTP from the environment; the console in development.
EMAIL_BACKEND = "kim_sites.mail.OutboxEmailBackend"
KIM_EMAIL_DELIVERY_BACKEND = kim_env("KIM_EMAIL_DELIVERY_BACKEND", "EMAIL_BACKEND")
# Each SMTP socket operation gives up after this many seconds: well under gunicorn's 30 s timeout,
# so a hanging server never holds a worker for long, and the message is retried later.
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "10"))
# A failed attempt is retried after 30 s, then 60 s, 120 s... at most an hour apart, until sent.
KIM_MAIL_RETRY_SECONDS = kim_env("KIM_MAIL_RETRY_SECONDS", "MAIL_RETRY_SECONDS")
KIM_MAIL_RETRY_MAX_SECONDS = kim_env("KIM_MAIL_RETRY_MAX_SECONDS", "MAIL_RETRY_MAX_SECONDS")
# After a failed attempt, a worker holds its next deliveries this long rather than time out on each.
KIM_MAIL_PAUSE_SECONDS = kim_env("KIM_MAIL_PAUSE_SECONDS", "MAIL_PAUSE_SECONDS")
# `recover_tasks` re-enqueues a due message whose queued attempt is this many seconds overdue.
KIM_MAIL_RECOVER_AFTER_SECONDS = kim_env("KIM_MAIL_RECOVER_AFTER_SECONDS", "MAIL_RECOVER_AFTER_SECONDS")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "KIM Babel <noreply@kim.babelprov.go.id>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Wagtail
WAGTAIL_SITE_NAME = "KIM Kepulauan Bangka Belitung"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://localhost:8000")
# Stock database search, stemmed in Indonesian on SQLite too, ties broken by date (search/backends.py).
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.backends"}}
WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT = True
WAGTAILADMIN_NOTIFICATION_INCLUDE_SUPERUSERS = False
WAGTAILADMIN_NOTIFICATION_USE_HTML = True
WAGTAIL_MODERATION_ENABLED = True
WAGTAIL_ENABLE_UPDATE_CHECK = False
# The account page edits the name only; a new e-mail address is confirmed through a link sent to it
# (home/accounts/email_change.py, its own panel on the same page).
WAGTAIL_EMAIL_MANAGEMENT_ENABLED = False
# No third-party requests from the admin: it must work on a government intranet.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_WHATS_NEW_BANNER = False
# Account preferences offer Indonesia's three zones (WIB, WITA, WIT), not the world's 600; the admin's
# script names them in the admin's language ("WIB (Waktu Indonesia Barat)").
WAGTAIL_USER_TIME_ZONES = ["Asia/Jakarta", "Asia/Makassar", "Asia/Jayapura"]
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILDOCS_SERVE_METHOD = "serve_view"
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
WAGTAILADMIN_RICH_TEXT_EDITORS = {
    "default": {
        "WIDGET": "wagtail.admin.rich_text.DraftailRichTextArea",
        "OPTIONS": {"features": ["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link"]},
    }
}

# wagtail-localize: translating a live page must never publish it without moderation.
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False

# KIM sites are served at <slug>.<KIM_BASE_DOMAIN> unless a custom domain is set.
KIM_BASE_DOMAIN = kim_env("KIM_BASE_DOMAIN")
KIM_SITE_PORT = kim_env("KIM_SITE_PORT")
PORTAL_HOSTNAME = os.environ.get("PORTAL_HOSTNAME", KIM_BASE_DOMAIN)
KIM_PROVINCE_NAME = KIM_DEFAULTS["KIM_PROVINCE_NAME"]
# The provincial Diskominfo, contacted about a suspended KIM whose regency has no contact of its own.
KIM_PROVINCE_CONTACT_EMAIL = kim_env("KIM_PROVINCE_CONTACT_EMAIL", "PROVINCE_CONTACT_EMAIL")
KIM_PROVINCE_CONTACT_PHONE = kim_env("KIM_PROVINCE_CONTACT_PHONE", "PROVINCE_CONTACT_PHONE")
KIM_PROVINCE_CONTACT_ADDRESS = kim_env("KIM_PROVINCE_CONTACT_ADDRESS", "PROVINCE_CONTACT_ADDRESS")

# Logs: one JSON object per line on stderr (journald keeps them), with the request id of the
# request or task that wrote it (kimcms/logs.py). LOG_FORMAT=text for a terminal.
LOG_FORMAT = os.environ.get("LOG_FORMAT", "json")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "kimcms.logs.RequestIdFilter"}},
    "formatters": {
        "json": {"()": "kimcms.logs.JsonFormatter"},
        "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "text" if LOG_FORMAT == "text" else "json",
            "filters": ["request_id"],
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # Task start and finish (with the task's id and the request id that enqueued it).
        "django_tasks": {"level": os.environ.get("TASKS_LOG_LEVEL", "WARNING")},
        "wagtail": {"level": os.environ.get("WAGTAIL_LOG_LEVEL", "WARNING")},
    },
}

# Optional error reporting (kimcms/error_reporting.py): off unless SENTRY_DSN is set, and then
# needs `pip install sentry-sdk`.
SENTRY_DSN = os.environ.get("SENTRY_DSN", "")
SENTRY_ENVIRONMENT = os.environ.get("SENTRY_ENVIRONMENT", "production")
SENTRY_TRACES_SAMPLE_RATE = float(os.environ.get("SENTRY_TRACES_SAMPLE_RATE", "0"))

# /readyz (kimcms/health.py): the queue is degraded past this many waiting tasks.
KIM_READY_QUEUE_DEPTH_WARN = kim_env("KIM_READY_QUEUE_DEPTH_WARN", "READY_QUEUE_DEPTH_WARN")
KIM_READY_CHECK_STORAGE = kim_env("KIM_READY_CHECK_STORAGE", "READY_CHECK_STORAGE")

# Admin in Bahasa Indonesia: locale/id/LC_MESSAGES completes Wagtail's own catalogs (see home/admin_catalog.py),
# and the login form asks for the e-mail address, which is every user's username.
WAGTAILADMIN_USER_LOGIN_FORM = "home.forms.EmailLoginForm"

# --- Search, feeds, sitemaps and the aspirasi form ---------------------------------------------
# PostgreSQL stems Indonesian ("pertanian" and "petani" both become "tani"). After changing
# SEARCH_CONFIG, rebuild the index: `manage.py update_index`.
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    WAGTAILSEARCH_BACKENDS["default"]["SEARCH_CONFIG"] = "indonesian"
# `{% routablepageurl %}` for the agenda's iCal feed.
INSTALLED_APPS += ["wagtail.contrib.routable_page"]
# Wagtail's admin says how long ago a workflow step happened with django.contrib.humanize's `naturaltime`
# ("2 jam yang lalu"), whose Indonesian catalog Django loads only for an installed app.
INSTALLED_APPS += ["django.contrib.humanize"]
KIM_FEED_ITEMS = KIM_DEFAULTS["KIM_FEED_ITEMS"]
KIM_SITEMAPS_PER_INDEX_PAGE = KIM_DEFAULTS["KIM_SITEMAPS_PER_INDEX_PAGE"]
KIM_ASPIRASI_RATE_LIMIT = kim_env("KIM_ASPIRASI_RATE_LIMIT", "ASPIRASI_RATE_LIMIT")
KIM_ASPIRASI_ADDRESS_RATE_LIMIT = kim_env("KIM_ASPIRASI_ADDRESS_RATE_LIMIT", "ASPIRASI_ADDRESS_RATE_LIMIT")
KIM_ASPIRASI_RATE_WINDOW = kim_env("KIM_ASPIRASI_RATE_WINDOW", "ASPIRASI_RATE_WINDOW_SECONDS")
KIM_TRUSTED_PROXY_COUNT = kim_env("KIM_TRUSTED_PROXY_COUNT", "TRUSTED_PROXY_COUNT")

# Regency moderation workflow (kim_sites.moderation.workflow): approving publishes exactly the reviewed revision.
WAGTAIL_FINISH_WORKFLOW_ACTION = "kim_sites.moderation.finish.publish_reviewed_revision"

# --- Flat cost at any number of KIM sites (docs/performance.md) ---
# The site index checks its shared generation once per request; the page cache answers anonymous
# visitors before sessions, CSRF and auth run, so both sit right after static files.
# A name under the base domain that no KIM holds answers 404 (kim_sites/public/unknown_hosts.py), and
# a suspended KIM's host every public request with a 503 notice (kim_sites/registry/suspension.py), both
# before the page cache, so that nothing is stored per invented name and no stored copy is served.
_scale_at = MIDDLEWARE.index("whitenoise.middleware.WhiteNoiseMiddleware") + 1
MIDDLEWARE[_scale_at:_scale_at] = [
    "kim_sites.scale.site_index.SiteIndexMiddleware",
    "kim_sites.public.unknown_hosts.UnknownHostMiddleware",
    "kim_sites.registry.suspension.SuspendedSiteMiddleware",
    "kim_sites.scale.page_cache.PageCacheMiddleware",
]
KIM_SITE_INDEX_ENABLED = kim_env("KIM_SITE_INDEX_ENABLED")
KIM_PAGE_CACHE_ENABLED = kim_env("KIM_PAGE_CACHE_ENABLED")
KIM_PAGE_CACHE_TIMEOUT = kim_env("KIM_PAGE_CACHE_TIMEOUT")
KIM_PAGE_CACHE_CONTROL = kim_env("KIM_PAGE_CACHE_CONTROL")
# --- Accounts: login throttling and two-factor authentication (docs/accounts.md) ---------------
INSTALLED_APPS[INSTALLED_APPS.index("search") + 1 : INSTALLED_APPS.index("search") + 1] = [
    "home.accounts",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
]
# After authentication: OTPMiddleware tells whether this session passed its second factor, then
# TwoFactorMiddleware keeps unverified sessions out of the admin, and the throttle guards the
# password-reset and activation links.
_auth_at = MIDDLEWARE.index("django.contrib.auth.middleware.AuthenticationMiddleware") + 1
MIDDLEWARE[_auth_at:_auth_at] = [
    "django_otp.middleware.OTPMiddleware",
    "home.accounts.middleware.TwoFactorMiddleware",
    "home.accounts.middleware.AccountThrottleMiddleware",
]
# Regency moderators, provincial admins and anyone who can publish must use a second factor; KIM
# editors may. Not read from the environment; off only in the unit-test settings (force_login).
KIM_2FA_ENFORCED = True
# The failure counters' cache and limits (kim_sites/conf.py describes them).
KIM_ACCOUNT_THROTTLE_CACHE = KIM_DEFAULTS["KIM_ACCOUNT_THROTTLE_CACHE"]
KIM_ACCOUNT_THROTTLES = KIM_DEFAULTS["KIM_ACCOUNT_THROTTLES"]
KIM_RECOVERY_CODE_COUNT = KIM_DEFAULTS["KIM_RECOVERY_CODE_COUNT"]
OTP_TOTP_ISSUER = "KIM Babel"
# django-otp's own throttle delays a device for everyone, the real user included; the counters
# above replace it (per account and client, with a fixed cool-off).
OTP_TOTP_THROTTLE_FACTOR = 0
OTP_STATIC_THROTTLE_FACTOR = 0

# --- Content-Security-Policy (kim_sites/access/security_headers.py, django-csp) ---
# The inner middleware sits below the page cache, so a stored page keeps the policy (with the
# hashes of its inline styles) it was rendered with; the outer one gives a policy to responses
# that a middleware above the page cache answered.
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
    "kim_sites.access.security_headers.OuterCSPMiddleware",
)
MIDDLEWARE.insert(
    MIDDLEWARE.index("kim_sites.scale.page_cache.PageCacheMiddleware") + 1,
    "kim_sites.access.security_headers.KimCSPMiddleware",
)
_csp_common = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "media-src": ["'self'"],
    "worker-src": ["'self'"],
    "manifest-src": ["'self'"],
    # YouTube blocks load their player on click only, from the no-cookie domain.
    "frame-src": ["'self'", "https://www.youtube-nocookie.com"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'self'"],
}
# Public sites: no inline script or style attribute; inline <style> elements only by hash.
CONTENT_SECURITY_POLICY = {"DIRECTIVES": {**_csp_common, "style-src": ["'self'"]}}
# Wagtail 8.0.1's admin sets style attributes throughout (Draftail, choosers, the preview panel)
# and writes inline scripts in its date/time widgets (go-live and expiry of every page) and inline
# panels, rendered where no request (so no nonce) is at hand: both need 'unsafe-inline'. Nothing
# else is relaxed: no eval, no other origin, no plugins, no framing by others. blob: for image
# previews before upload.
KIM_ADMIN_CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        **_csp_common,
        "script-src": ["'self'", "'unsafe-inline'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:"],
    }
}
