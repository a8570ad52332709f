"""WSGI entry point (gunicorn kimcms.wsgi)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kimcms.settings.production")

application = get_wsgi_application()
