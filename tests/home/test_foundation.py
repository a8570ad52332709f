"""The bones of the platform: settings, fresh-install defaults, the Indonesian admin."""

import importlib

import pytest

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.exceptions import ImproperlyConfigured

from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page, Site, Workflow

from home.models import PortalHomePage


def test_language_and_time_zone():
    assert settings.LANGUAGE_CODE == "id"
    assert ("en", "English") in settings.LANGUAGES
    assert settings.TIME_ZONE == "Asia/Jakarta"
    assert settings.AUTH_USER_MODEL == "home.User"
    assert settings.WAGTAILIMAGES_IMAGE_MODEL == "home.CustomImage"


@pytest.mark.django_db
def test_wagtail_default_groups_and_workflow_are_removed():
    assert not Group.objects.filter(name__in=["Editors", "Moderators"]).exists()
    assert not Workflow.objects.filter(name="Moderators approval").exists()
    root_page = Page.get_first_root_node()
    root_collection = Collection.get_first_root_node()
    # Only the provincial admins hold anything on the root page or the root collection.
    assert set(GroupPagePermission.objects.filter(page=root_page).values_list("group__name", flat=True)) == {
        "Admin Provinsi"
    }
    assert set(
        GroupCollectionPermission.objects.filter(collection=root_collection).values_list("group__name", flat=True)
    ) == {"Admin Provinsi"}


@pytest.mark.django_db
def test_portal_is_the_default_site():
    site = Site.objects.get(is_default_site=True)
    assert isinstance(site.root_page.specific, PortalHomePage)
    assert not Page.objects.filter(slug="home", depth=2).exists()


@pytest.mark.django_db
def test_admin_login_page_is_in_indonesian(client):
    response = client.get("/admin/login/")
    assert response.status_code == 200
    assert "Masuk" in response.content.decode()
    assert 'lang="id"' in response.content.decode()


GOOD_KEY = "uji-" + "0123456789abcdef" * 4  # 68 characters, 17 distinct: passes Django's W009


def _load_production(monkeypatch, **env):
    for key in ("SECRET_KEY", "ALLOWED_HOSTS"):
        monkeypatch.delenv(key, raising=False)
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    import kimcms.settings.base as base

    importlib.reload(base)
    import kimcms.settings.production as production

    return importlib.reload(production)


def test_production_refuses_to_start_without_secret_key(monkeypatch):
    with pytest.raises(ImproperlyConfigured, match="SECRET_KEY"):
        _load_production(monkeypatch, ALLOWED_HOSTS=".kim.babelprov.go.id")


def test_production_refuses_to_start_without_allowed_hosts(monkeypatch):
    with pytest.raises(ImproperlyConfigured, match="ALLOWED_HOSTS"):
        _load_production(monkeypatch, SECRET_KEY=GOOD_KEY)


def test_production_starts_with_secret_and_hosts_and_never_debugs(monkeypatch):
    production = _load_production(monkeypatch, SECRET_KEY=GOOD_KEY, ALLOWED_HOSTS=".kim.babelprov.go.id")
    assert production.DEBUG is False
    assert production.ALLOWED_HOSTS == [".kim.babelprov.go.id"]


def test_database_url_selects_postgres_and_redis_url_selects_cache(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/kimcms")
    monkeypatch.setenv("REDIS_URL", "redis://127.0.0.1:6379/1")
    import kimcms.settings.base as base

    try:
        base = importlib.reload(base)
        assert base.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
        assert base.DATABASES["default"]["CONN_HEALTH_CHECKS"] is True
        # Django's RedisCache, with a Redis failure answered as a miss (kimcms/cache.py).
        assert base.CACHES["default"]["BACKEND"] == "kimcms.cache.ResilientRedisCache"
        assert base.CACHES["default"]["OPTIONS"]["socket_timeout"] == 0.5
        assert base.DEBUG is False
    finally:
        monkeypatch.undo()
        importlib.reload(base)
