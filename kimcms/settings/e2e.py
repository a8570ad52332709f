"""End-to-end suite: a real server process on loopback, e-mail to a local SMTP server."""

import os

from kimcms.settings.dev import *  # noqa: F403

# Every value below is given by the suite that starts the server.
KIM_EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = "127.0.0.1"
EMAIL_PORT = int(os.environ["E2E_SMTP_PORT"])
EMAIL_USE_TLS = False
# Fast password hashing keeps the many logins of the suite quick; nothing else differs from dev.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
