"""`check --deploy` refuses throttling counters that each process would keep for itself."""

from django.conf import settings
from django.core.checks import Error, Tags, register

PROCESS_LOCAL_CACHES = {
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
}


@register(Tags.security, Tags.caches, deploy=True)
def check_throttle_store(app_configs, **kwargs):
    alias = settings.KIM_ACCOUNT_THROTTLE_CACHE
    backend = settings.CACHES.get(alias, {}).get("BACKEND", "")
    if backend in PROCESS_LOCAL_CACHES:
        return [
            Error(
                f"The login throttle's cache '{alias}' ({backend}) is kept per process: each worker "
                "would grant its own quota of password guesses.",
                hint="Set REDIS_URL, or point KIM_ACCOUNT_THROTTLE_CACHE at a shared cache (database or Redis).",
                id="kim_accounts.E001",
            )
        ]
    return []
