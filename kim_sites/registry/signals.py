"""What every migrate does for the KIM platform: the cache table before, the platform structure after."""

from django.apps import apps
from django.contrib.auth.management import create_permissions
from django.core.management import call_command
from django.db.models.signals import post_migrate, pre_migrate

from kim_sites.registry.structure import ensure_platform_structure


def build_platform_structure(sender, app_config=None, using="default", **kwargs):
    """After every migrate: each regency has its page, collection and moderators, and the
    provincial admin group exists. Idempotent, and cheap when nothing is missing."""
    if app_config is None or app_config.label != "kim_sites":
        return
    # Our groups need every app's permissions, which Django creates in its own post_migrate
    # receiver, possibly after this one: create them now (idempotent).
    for config in apps.get_app_configs():
        create_permissions(config, verbosity=0, using=using)
    ensure_platform_structure()


def create_cache_table(sender, app_config=None, using="default", **kwargs):
    """Before every migrate: the database cache's table exists (settings.base uses it when there
    is no REDIS_URL), since migrations and the receiver above already purge cached pages.
    Idempotent; does nothing for other cache backends."""
    if app_config is None or app_config.label != "kim_sites":
        return
    call_command("createcachetable", database=using, verbosity=0)


def connect_signals():
    post_migrate.connect(build_platform_structure, dispatch_uid="kim_build_platform_structure")
    pre_migrate.connect(create_cache_table, dispatch_uid="kim_create_cache_table")
