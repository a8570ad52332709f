"""Development: DEBUG on, local defaults, e-mail printed to the console."""

import os

from kimcms.settings.base import *  # noqa: F403
from kimcms.settings.base import env_list

DEBUG = True
SECRET_KEY = os.environ.get("SECRET_KEY", "dev-only-insecure-key-do-not-use-in-production")
KIM_BASE_DOMAIN = os.environ.get("KIM_BASE_DOMAIN", "localhost")
PORTAL_HOSTNAME = os.environ.get("PORTAL_HOSTNAME", "localhost")
KIM_SITE_PORT = int(os.environ.get("PORT", "8000"))
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", f"http://localhost:{KIM_SITE_PORT}")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ".localhost,localhost,127.0.0.1,[::1]")
KIM_EMAIL_DELIVERY_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
# Background work runs in the request during development: no worker to start.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405

# Serve static files straight from the apps, without collectstatic.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
