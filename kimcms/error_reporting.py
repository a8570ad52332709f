"""Optional error reporting: Sentry (or any Sentry-compatible service, e.g. GlitchTip) when SENTRY_DSN is set.

Off by default, and no hard dependency: the SDK is installed only where it is used
(`pip install sentry-sdk`, see docs/deploy.md). A DSN without the SDK is a configuration error,
reported at start-up rather than silently ignored.
"""

import importlib

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


def init_from_settings():
    dsn = getattr(settings, "SENTRY_DSN", "")
    if not dsn:
        return False
    try:
        sentry_sdk = importlib.import_module("sentry_sdk")
        django_integration = importlib.import_module("sentry_sdk.integrations.django")
    except ImportError as error:
        raise ImproperlyConfigured(
            "SENTRY_DSN is set but sentry-sdk is not installed: pip install sentry-sdk"
        ) from error
    sentry_sdk.init(
        dsn=dsn,
        environment=getattr(settings, "SENTRY_ENVIRONMENT", "production"),
        traces_sample_rate=getattr(settings, "SENTRY_TRACES_SAMPLE_RATE", 0.0),
        # Visitors' addresses and aspirasi contents are personal data: never sent.
        send_default_pii=False,
        integrations=[django_integration.DjangoIntegration()],
    )
    return True
