"""Settings shared by every environment.

Everything that differs between machines comes from the environment (12-factor).
This module holds no secret and never turns DEBUG on.
"""

import os
from pathlib import Path

import dj_database_url

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = False
SECRET_KEY = os.environ.get("SECRET_KEY", "")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")

INSTALLED_APPS = [
    "kimcms",
    "home",
    "kim_sites",
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
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "home.User"
WAGTAILIMAGES_IMAGE_MODEL = "home.CustomImage"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Activation links (one-time, see kim_sites/activation.py) expire after 7 days. Password-reset
# links keep Django's own, shorter, PASSWORD_RESET_TIMEOUT (3 days).
KIM_ACTIVATION_TIMEOUT = int(os.environ.get("ACTIVATION_TIMEOUT_SECONDS", str(7 * 24 * 3600)))

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
    STORAGES["default"] = {"BACKEND": "storages.backends.s3.S3Storage"}
    AWS_S3_ENDPOINT_URL = os.environ.get("AWS_S3_ENDPOINT_URL") or None
    AWS_S3_REGION_NAME = os.environ.get("AWS_S3_REGION_NAME") or None
    AWS_S3_CUSTOM_DOMAIN = os.environ.get("AWS_S3_CUSTOM_DOMAIN") or None
    AWS_LOCATION = os.environ.get("AWS_LOCATION", "media")
    # Two uploads with the same name must never replace each other's file.
    AWS_S3_FILE_OVERWRITE = False
    AWS_DEFAULT_ACL = None
    AWS_QUERYSTRING_AUTH = env_bool("AWS_QUERYSTRING_AUTH", False)

# Cache: Redis when REDIS_URL is set (shared by every app process), else local memory.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "kimcms"),
            "TIMEOUT": 600,
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "kimcms",
            "TIMEOUT": 600,
        }
    }

# Background tasks: a database queue worked by `manage.py db_worker`.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# E-mail: SMTP from the environment; the console in development.
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
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
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT = True
WAGTAILADMIN_NOTIFICATION_INCLUDE_SUPERUSERS = False
WAGTAILADMIN_NOTIFICATION_USE_HTML = True
WAGTAIL_MODERATION_ENABLED = True
WAGTAIL_ENABLE_UPDATE_CHECK = False
# No third-party requests from the admin: it must work on a government intranet.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_WHATS_NEW_BANNER = False
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
KIM_BASE_DOMAIN = os.environ.get("KIM_BASE_DOMAIN", "kim.babelprov.go.id")
KIM_SITE_PORT = int(os.environ.get("KIM_SITE_PORT", "80"))
PORTAL_HOSTNAME = os.environ.get("PORTAL_HOSTNAME", KIM_BASE_DOMAIN)
KIM_PROVINCE_NAME = "Kepulauan Bangka Belitung"

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
KIM_READY_QUEUE_DEPTH_WARN = int(os.environ.get("READY_QUEUE_DEPTH_WARN", "1000"))
KIM_READY_CHECK_STORAGE = env_bool("READY_CHECK_STORAGE", True)

# Admin in Bahasa Indonesia: locale/id/LC_MESSAGES completes Wagtail's own catalogs (see home/admin_locale.py),
# and the login form asks for the e-mail address, which is every user's username.
WAGTAILADMIN_USER_LOGIN_FORM = "home.forms.EmailLoginForm"

# --- Search, feeds, sitemaps and the aspirasi form ---------------------------------------------
# PostgreSQL stems Indonesian ("pertanian" and "petani" both become "tani"). After changing
# SEARCH_CONFIG, rebuild the index: `manage.py update_index`.
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    WAGTAILSEARCH_BACKENDS["default"]["SEARCH_CONFIG"] = "indonesian"
# `{% routablepageurl %}` for the agenda's iCal feed.
INSTALLED_APPS += ["wagtail.contrib.routable_page"]
KIM_FEED_ITEMS = 20
KIM_SITEMAPS_PER_INDEX_PAGE = 1000
# At most KIM_ASPIRASI_RATE_LIMIT posts per client address and form in KIM_ASPIRASI_RATE_WINDOW seconds.
KIM_ASPIRASI_RATE_LIMIT = int(os.environ.get("ASPIRASI_RATE_LIMIT", "5"))
KIM_ASPIRASI_RATE_WINDOW = int(os.environ.get("ASPIRASI_RATE_WINDOW_SECONDS", "600"))
# Number of reverse proxies in front of the app that append to X-Forwarded-For (0: clients connect directly).
KIM_TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))

# Regency moderation workflow (kim_sites.workflow): approving publishes exactly the reviewed revision.
WAGTAIL_FINISH_WORKFLOW_ACTION = "kim_sites.workflow_finish.publish_reviewed_revision"

# --- Flat cost at any number of KIM sites (docs/performance.md) ---
# The site index checks its shared generation once per request; the page cache answers anonymous
# visitors before sessions, CSRF and auth run, so both sit right after static files.
_scale_at = MIDDLEWARE.index("whitenoise.middleware.WhiteNoiseMiddleware") + 1
MIDDLEWARE[_scale_at:_scale_at] = [
    "kim_sites.site_index.SiteIndexMiddleware",
    "kim_sites.page_cache.PageCacheMiddleware",
]
KIM_SITE_INDEX_ENABLED = env_bool("KIM_SITE_INDEX_ENABLED", True)
KIM_PAGE_CACHE_ENABLED = env_bool("KIM_PAGE_CACHE_ENABLED", True)
KIM_PAGE_CACHE_TIMEOUT = int(os.environ.get("KIM_PAGE_CACHE_TIMEOUT", "600"))
KIM_PAGE_CACHE_CONTROL = os.environ.get("KIM_PAGE_CACHE_CONTROL", "public, max-age=60, s-maxage=300")
# KIM suspension: a suspended KIM's host answers every public request with a 503 notice
# (kim_sites/suspension.py). Last, so that it sees the request as every other middleware left it.
MIDDLEWARE += ["kim_sites.suspension.SuspendedSiteMiddleware"]
