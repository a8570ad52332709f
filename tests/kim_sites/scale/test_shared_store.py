"""What several app processes must agree on lives in a store they share.

Production refuses a cache that each process keeps for itself; without REDIS_URL the cache is a
database table that `migrate` creates; rate limits count in one database row per client.
The two-server test (test_two_processes.py) checks the whole through HTTP.
"""

import datetime
import importlib
import secrets

import pytest

from django.apps import apps
from django.core.cache import caches
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.utils import timezone

from kim_sites.access import rate_limit
from kim_sites.registry.signals import create_cache_table

LOCMEM = "django.core.cache.backends.locmem.LocMemCache"
DUMMY = "django.core.cache.backends.dummy.DummyCache"
DATABASE_CACHE = "django.core.cache.backends.db.DatabaseCache"


@pytest.fixture
def settings_modules(monkeypatch):
    """kimcms.settings.base and .production, reloaded from a clean environment, then restored."""
    for key in ("REDIS_URL", "SECRET_KEY", "ALLOWED_HOSTS"):
        monkeypatch.delenv(key, raising=False)
    monkeypatch.setenv("SECRET_KEY", secrets.token_urlsafe(50))
    monkeypatch.setenv("ALLOWED_HOSTS", ".kim.babelprov.go.id")
    import kimcms.settings.base as base

    base = importlib.reload(base)
    import kimcms.settings.production as production

    yield base, production
    monkeypatch.undo()
    importlib.reload(base)


def test_without_redis_every_process_shares_the_database_cache(settings_modules):
    base, production = settings_modules
    assert base.CACHES["default"]["BACKEND"] == DATABASE_CACHE
    # Culling at Django's default of 300 entries would drop generation tokens with the pages.
    assert base.CACHES["default"]["OPTIONS"]["MAX_ENTRIES"] >= 10_000
    assert importlib.reload(production).CACHES["default"]["BACKEND"] == DATABASE_CACHE


@pytest.mark.parametrize("backend", [LOCMEM, DUMMY])
def test_production_refuses_a_process_local_cache(settings_modules, monkeypatch, backend):
    base, production = settings_modules
    monkeypatch.setattr(base, "CACHES", {"default": {"BACKEND": backend}})
    with pytest.raises(ImproperlyConfigured, match="not shared between processes"):
        importlib.reload(production)


@pytest.mark.django_db
def test_migrate_creates_the_database_cache_table(settings):
    settings.CACHES = {"default": {"BACKEND": DATABASE_CACHE, "LOCATION": "kim_cache_test"}}
    try:
        create_cache_table(sender=None, app_config=apps.get_app_config("kim_sites"), using="default")
        assert "kim_cache_test" in connection.introspection.table_names()
        caches["default"].set("kim:probe", 1)
        assert caches["default"].get("kim:probe") == 1
    finally:
        with connection.cursor() as cursor:
            cursor.execute("DROP TABLE IF EXISTS kim_cache_test")


# --- The atomic counter ------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_rate_counter_counts_each_hit_and_starts_again_after_its_window(monkeypatch):
    start = timezone.now()
    monkeypatch.setattr(rate_limit.timezone, "now", lambda: start)
    assert [rate_limit.hit("kim:uji:a", 60) for _ in range(3)] == [1, 2, 3]
    assert rate_limit.hit("kim:uji:b", 60) == 1
    monkeypatch.setattr(rate_limit.timezone, "now", lambda: start + datetime.timedelta(seconds=61))
    assert rate_limit.hit("kim:uji:a", 60) == 1
    # The expired counter of another client is gone: the table holds the last window only.
    assert set(rate_limit.RateCounter.objects.values_list("key", flat=True)) == {"kim:uji:a"}


@pytest.mark.django_db
def test_a_long_key_is_stored_hashed_and_still_counted():
    key = "kim:uji:" + "x" * 500
    assert [rate_limit.hit(key, 60), rate_limit.hit(key, 60)] == [1, 2]
    assert rate_limit.RateCounter.objects.get().key.startswith("sha256:")


@pytest.mark.django_db
def test_the_counter_is_one_update_in_the_database_not_a_read_and_write_back(django_assert_num_queries):
    rate_limit.hit("kim:uji:c", 60)
    with django_assert_num_queries(5, exact=False) as queries:
        assert rate_limit.hit("kim:uji:c", 60) == 2
    # The UPDATE, the count read back inside the same transaction, and the clean-up: no read of
    # the old value that another process could overtake.
    sql = [q["sql"].upper() for q in queries.captured_queries if "SAVEPOINT" not in q["sql"].upper()]
    assert [statement.split()[0] for statement in sql[:2]] == ["UPDATE", "SELECT"]
    assert "CASE WHEN" in sql[0] and '"COUNT"' in sql[1]
    assert all(statement.startswith(("SELECT", "DELETE")) for statement in sql[2:])
