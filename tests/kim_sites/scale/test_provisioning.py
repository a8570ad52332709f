"""Bulk provisioning: all or nothing, a constant cost per KIM, a sound tree, indexes filled by tasks."""

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.module_loading import import_string

from wagtail.models import Collection, Page, ReferenceIndex
from wagtail.search.models import IndexEntry

from kim_sites.models import Kim, KimHomePage
from kim_sites.registry.provisioning import KimSpec, ProvisioningError, provision_kim, provision_kims
from tests.factories.registry import make_kims

pytestmark = pytest.mark.django_db


def spec(n, **kwargs):
    values = {
        "name": f"KIM Ukur {n}",
        "regency": "bangka-tengah",
        "village": f"Desa {n}",
        "district": "Koba",
        "admin_email": f"ukur{n}@kim-uji.id",
    }
    values.update(kwargs)
    return KimSpec(**values)


def queries_for_one_kim(n):
    with CaptureQueriesContext(connection) as ctx:
        provision_kim(spec(n), send_email=False)
    return len(ctx.captured_queries)


def test_cost_per_kim_does_not_grow_with_the_kims_already_there():
    queries_for_one_kim(0)  # first KIM of the regency: its collection and page get their first child
    early = queries_for_one_kim(1)
    make_kims(40)
    late = queries_for_one_kim(2)
    assert early == late


def test_bulk_provisioning_builds_every_kim_and_keeps_the_trees_sound():
    kims = make_kims(25)
    assert Kim.objects.filter(pk__in=[kim.pk for kim in kims], site__isnull=False).count() == 25
    assert Page.find_problems() == ([], [], [], [], [])
    assert Collection.find_problems() == ([], [], [], [], [])
    home = KimHomePage.objects.get(pk=kims[7].home_page_id)
    assert [child.slug for child in home.get_children()] == ["berita", "profil", "galeri", "agenda", "aspirasi"]
    assert home.draft_title == home.title and all(child.draft_title for child in home.get_children())
    assert home.get_children().first().url_path == f"/{kims[7].regency.slug}/{kims[7].slug}/berita/"


def test_bulk_provisioning_fills_the_search_and_reference_indexes():
    kims = make_kims(3)
    home = kims[1].home_page
    assert IndexEntry.objects.filter(object_id=str(home.pk)).exists()
    assert home.pk in [page.pk for page in Page.objects.live().search(kims[1].name)]
    assert ReferenceIndex.get_references_for_object(home).filter(model_path="kim").exists()


def test_bulk_provisioning_is_all_or_nothing_with_every_error_by_row():
    specs = [spec(1), spec(2, admin_email="bukan-email"), spec(3, regency="atlantis"), spec(4, name="KIM Ukur 1")]
    with pytest.raises(ProvisioningError) as error:
        provision_kims(specs, send_email=False)
    messages = error.value.errors
    assert any(m.startswith("Baris 2:") and "e-mail" in m for m in messages)
    assert any(m.startswith("Baris 3:") and "atlantis" in m for m in messages)
    assert any(m.startswith("Baris 4:") and "baris 1" in m for m in messages)
    assert not Kim.objects.filter(name__startswith="KIM Ukur").exists()


def test_production_queue_indexes_only_when_the_worker_runs(settings):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    kim = provision_kims([spec(9)], send_email=False)[0].kim
    assert not IndexEntry.objects.filter(object_id=str(kim.home_page_id)).exists()
    paths = set(DBTaskResult.objects.values_list("task_path", flat=True))
    assert {"kim_sites.scale.tasks.index_objects_task", "kim_sites.scale.tasks.update_references_task"} <= paths
    # What the worker does with each queued row (db_worker itself closes the test's connection
    # on PostgreSQL, so the rows are run here).
    for row in DBTaskResult.objects.filter(task_path__startswith="kim_sites.scale.tasks."):
        import_string(row.task_path).call(*row.args_kwargs["args"], **row.args_kwargs["kwargs"])
    assert IndexEntry.objects.filter(object_id=str(kim.home_page_id)).exists()
    assert ReferenceIndex.get_references_for_object(kim.home_page).filter(model_path="kim").exists()


def test_provisioning_never_rebuilds_the_site_index(monkeypatch):
    """Each new KIM changes the Sites; the signal handlers that purge caches must not rebuild the
    whole index for it (7 queries over every Site: a cost per KIM that grows with the KIMs)."""
    from kim_sites.scale import site_index as site_index_module

    make_kims(3)
    site_index_module.site_index.current()
    builds = []
    real_build = site_index_module.build_snapshot
    monkeypatch.setattr(
        site_index_module, "build_snapshot", lambda generation: builds.append(1) or real_build(generation)
    )
    provision_kims([spec(n) for n in range(10, 15)], send_email=False)
    assert builds == []


def test_sites_of_a_url_path_are_the_same_with_or_without_a_current_index():
    from wagtail.models import Locale, Site

    from kim_sites.scale.site_index import site_index

    kims = make_kims(3)
    english = Locale.objects.get_or_create(language_code="en")[0]
    en_home = kims[1].home_page.copy_for_translation(english, copy_parents=True)
    portal = Site.objects.get(is_default_site=True)
    paths = [
        kims[0].home_page.url_path,
        kims[1].home_page.url_path + "berita/kabar/",
        en_home.url_path,
        en_home.url_path + "news/",
        portal.root_page.url_path,
        "/",
        "",
        "/tidak-ada/",
    ]
    site_index.current()
    fresh = {path: site_index.site_ids_for_url_path(path) for path in paths}
    assert site_index.fresh_snapshot() is not None
    assert fresh[kims[0].home_page.url_path] == {kims[0].site_id}
    assert fresh[en_home.url_path + "news/"] == {kims[1].site_id}
    assert site_index.default_site_id() == portal.pk
    site_index.invalidate_local()
    assert site_index.fresh_snapshot() is None
    assert {path: site_index.site_ids_for_url_path(path) for path in paths} == fresh
    assert site_index.default_site_id() == portal.pk
