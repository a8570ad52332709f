"""Signal receivers of the KIM platform."""

from django.core.management import call_command
from django.db.models.signals import post_migrate, pre_migrate
from django.dispatch import receiver


@receiver(post_migrate)
def build_platform_structure(sender, app_config=None, using="default", **kwargs):
    """After every migrate: each regency has its page, collection and moderators, and the
    provincial admin group exists. Idempotent, and cheap when nothing is missing."""
    if app_config is None or app_config.label != "kim_sites":
        return
    from django.apps import apps
    from django.contrib.auth.management import create_permissions

    from kim_sites.registry.provisioning import ensure_platform_structure

    # Our groups need every app's permissions, which Django creates in its own post_migrate
    # receiver, possibly after this one: create them now (idempotent).
    for config in apps.get_app_configs():
        create_permissions(config, verbosity=0, using=using)
    ensure_platform_structure()


@receiver(pre_migrate)
def create_cache_table(sender, app_config=None, using="default", **kwargs):
    """Before every migrate: the database cache's table exists (settings.base uses it when there
    is no REDIS_URL), since migrations and the receiver above already purge cached pages.
    Idempotent; does nothing for other cache backends."""
    if app_config is None or app_config.label != "kim_sites":
        return
    call_command("createcachetable", database=using, verbosity=0)


# Keep the cached set of suspended hosts in step with Site changes, in every process.
from kim_sites.registry import suspension  # noqa: E402, F401
