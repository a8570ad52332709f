"""Bulk provisioning: all or nothing, a constant cost per KIM, a sound tree, indexes filled by tasks."""

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.module_loading import import_string

from wagtail.models import Collection, Page, ReferenceIndex
from wagtail.search.models import IndexEntry

from kim_sites.models import Kim, KimHomePage
from kim_sites.provisioning import KimSpec, ProvisioningError, provision_kim, provision_kims
from tests.scale_helpers import make_kims

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
    assert {"kim_sites.scale_tasks.index_objects_task", "kim_sites.scale_tasks.update_references_task"} <= paths
    # What the worker does with each queued row (db_worker itself closes the test's connection
    # on PostgreSQL, so the rows are run here).
    for row in DBTaskResult.objects.filter(task_path__startswith="kim_sites.scale_tasks."):
        import_string(row.task_path).call(*row.args_kwargs["args"], **row.args_kwargs["kwargs"])
    assert IndexEntry.objects.filter(object_id=str(kim.home_page_id)).exists()
    assert ReferenceIndex.get_references_for_object(kim.home_page).filter(model_path="kim").exists()
