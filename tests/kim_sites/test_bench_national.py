"""The national benchmark's data set is a platform Wagtail and the public sites accept, and its report
states each target as met or not met from the figures (the full run is `manage.py bench --national`)."""

import copy

import pytest

from django.core.management import CommandError, call_command
from django.db import connection
from django.test import Client

from wagtail.models import GroupPagePermission, Page

from kim_sites.models import Kim, PostPage
from tools.bench import national_data as data
from tools.bench import national_report as report

on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="the national data set is written in PostgreSQL's SQL (run the suite with DATABASE_URL=postgres://...)",
)


@on_postgresql
@pytest.mark.django_db
def test_copies_and_bulk_posts_pass_treebeard_and_serve_as_kims_of_their_own():
    data.create_regencies(9)
    template = data.provision_template()
    data.clone_kims(3, template=template)
    written = data.bulk_posts(2)

    assert written == 4 * 2  # the template and its three copies
    figures = data.check_integrity()
    assert figures["page_find_problems"] == [0, 0, 0, 0, 0]
    assert figures["collection_find_problems"] == [0, 0, 0, 0, 0]
    assert figures["ok"], figures
    assert data.tree_problems("wagtailcore_page") == [0, 0, 0, 0, 0]
    with connection.cursor() as cursor:  # and the set-based checks do see a broken tree
        cursor.execute("UPDATE wagtailcore_page SET numchild = numchild + 1 WHERE id = %s", [template.home_page_id])
    assert data.tree_problems("wagtailcore_page") == [0, 0, 0, 0, 1]
    with connection.cursor() as cursor:
        cursor.execute("UPDATE wagtailcore_page SET numchild = numchild - 1 WHERE id = %s", [template.home_page_id])

    copies = list(Kim.objects.filter(slug__startswith="kim-n").select_related("site", "regency").order_by("pk"))
    assert [k.slug for k in copies] == ["kim-n0", "kim-n1", "kim-n2"]
    assert len({k.regency_id for k in copies}) == 3  # spread over the regencies
    client = Client()
    for kim in copies:
        home = Page.objects.get(pk=kim.home_page_id)
        assert home.get_parent().pk == kim.regency.page_id
        response = client.get("/", HTTP_HOST=kim.hostname)
        assert response.status_code == 200
        assert kim.name.encode() in response.content
        assert b"Templatnasional" not in response.content
        post = PostPage.objects.live().descendant_of(home).first()
        assert client.get(f"/berita/{post.slug}/", HTTP_HOST=kim.hostname).status_code == 200
        # Each copy's team has rights on its own pages only, never on the template's.
        assert GroupPagePermission.objects.filter(group=kim.admin_group_id, page=kim.home_page_id).exists()
        assert not GroupPagePermission.objects.filter(group=kim.admin_group_id, page=template.home_page_id).exists()

    word = PostPage.objects.live().descendant_of(copies[0].home_page).first().title.split()[0]
    response = client.get("/search/", {"query": word}, HTTP_HOST=copies[0].hostname)
    assert response.status_code == 200
    assert response.context["result_count"] >= 1


@pytest.mark.django_db
def test_the_national_benchmark_refuses_to_run_without_postgresql(monkeypatch):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    with pytest.raises(CommandError, match="PostgreSQL"):
        call_command("bench", "--national", "--national-sites", "10")
    with pytest.raises(CommandError, match="daftar angka"):
        call_command("bench", "--national", "--national-sites", "10,banyak")


def _page(ms, queries=10):
    return {f"{mode}_{unit}": value for mode in ("anon_uncached", "anon_cached", "signed_in")
            for unit, value in (("ms", ms), ("queries", queries))}  # fmt: skip


def _results(kim_ms=10.0, portal_ms=20.0, search_ms=50.0, queries=10):
    pages = {name: _page(10.0) for name in report.KIM_PAGES}
    pages.update({name: _page(20.0) for name in report.PORTAL_PAGES})
    pages.update({name: _page(50.0) for name in report.SEARCH_PAGES})
    small = {"pages": pages, "buffers": {name: {"blocks": 100} for name in pages}}
    middle = copy.deepcopy(small)
    large = copy.deepcopy(small)
    large["pages"] = {name: _page(kim_ms, queries) for name in report.KIM_PAGES}
    large["pages"].update({name: _page(portal_ms) for name in report.PORTAL_PAGES})
    large["pages"].update({name: _page(search_ms) for name in report.SEARCH_PAGES})
    return {"sizes": {10: small, 10_000: middle, 100_000: large}}


def _verdict(results, start):  # the first target whose name starts so
    return next(met for target, _figure, met in report.verdicts(results) if target.startswith(start))


def test_page_targets_are_met_only_within_their_ratio_and_with_the_same_queries():
    assert _verdict(_results(kim_ms=11.4), "KIM pages") is True
    assert _verdict(_results(kim_ms=11.6), "KIM pages") is False
    assert _verdict(_results(kim_ms=10.0, queries=11), "KIM pages") is False
    assert _verdict(_results(portal_ms=29.0), "portal pages") is True
    assert _verdict(_results(portal_ms=31.0), "portal pages") is False
    assert _verdict(_results(search_ms=100.0), "search_portal") is True
    assert _verdict(_results(search_ms=101.0), "search_portal") is False


def test_a_page_not_measured_is_not_a_target_met():
    results = _results()
    del results["sizes"][100_000]["pages"]["post"]
    assert _verdict(results, "KIM pages") is False


def test_statements_that_touch_more_buffers_at_national_size_are_named():
    results = _results()
    results["sizes"][100_000]["buffers"]["portal"]["blocks"] = 900
    assert report.growing_statements(results) == [("portal", 9.0)]
    assert _verdict(results, "no statement grows") is False
    assert _verdict(_results(), "no statement grows") is True
