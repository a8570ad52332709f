"""The kinerja report, its table, totals, KIM page and exports, show each KIM's active team
members, read in the report's fixed number of queries."""

import csv
import io

import openpyxl
import pytest

from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kim_sites.kinerja.report import build_report
from kim_sites.models import Kim
from tests.factories.accounts import make_editor, make_provincial_admin
from tests.factories.registry import make_kim
from tests.support.admin import login

pytestmark = pytest.mark.django_db

REPORT = "/admin/kinerja/"


def _kim_with(name, editors, regency="bangka"):
    kim = make_kim(regency, name=name)
    for n in range(editors):
        make_editor(kim, email=f"{kim.slug}-{n}@kim-uji.id")
    return kim


@pytest.fixture
def kims():
    teams = {
        "KIM Tiga": _kim_with("KIM Tiga", 3),
        "KIM Satu": _kim_with("KIM Satu", 2),
        "KIM Kosong": _kim_with("KIM Kosong", 0),
    }
    # Deactivated, and invited but not activated: neither counts.
    get_user_model().objects.filter(email=f"{teams['KIM Satu'].slug}-1@kim-uji.id").update(is_active=False)
    return teams


def _export(response):
    return b"".join(response.streaming_content)


def test_report_rows_and_totals_count_active_members(kims):
    report = build_report()
    assert {row.name: row.active_members for row in report.rows} == {"KIM Kosong": 0, "KIM Satu": 1, "KIM Tiga": 3}
    [bangka] = report.totals
    assert bangka.active_members == 4


def test_the_admin_table_totals_and_kim_page_show_them(kims):
    client = login(make_provincial_admin())
    content = client.get(REPORT).content.decode()
    assert '<td data-label="Anggota aktif">4</td>' in content  # the regency's totals row
    assert "Anggota aktif" in content.split("<thead>")[-1].split("</thead>")[0]
    page = client.get(reverse("kinerja_kim", args=[kims["KIM Tiga"].pk])).content.decode()
    assert "<dt>Anggota aktif (saat ini)</dt><dd>3</dd>" in page


def test_the_table_sorts_by_members(kims):
    response = login(make_provincial_admin()).get(REPORT, {"ordering": "-active_members"})
    content = response.content.decode()
    positions = [content.index(f">{name}</a>") for name in ("KIM Tiga", "KIM Satu", "KIM Kosong")]
    assert positions == sorted(positions)


def test_csv_and_xlsx_exports_have_the_column(kims):
    client = login(make_provincial_admin())
    body = _export(client.get(REPORT, {"export": "csv"})).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(body), delimiter=";"))
    assert {row["KIM"]: row["Anggota aktif"] for row in rows} == {"KIM Kosong": "0", "KIM Satu": "1", "KIM Tiga": "3"}
    header = list(rows[0])
    assert header.index("Anggota aktif") == header.index("Editor aktif") + 1

    sheet = openpyxl.load_workbook(io.BytesIO(_export(client.get(REPORT, {"export": "xlsx"})))).active
    header, *values = list(sheet.values)
    by_kim = {row[0]: dict(zip(header, row, strict=True))["Anggota aktif"] for row in values}
    assert by_kim == {"KIM Kosong": 0, "KIM Satu": 1, "KIM Tiga": 3}


def test_the_report_query_count_does_not_grow_with_the_kims():
    for n in range(2):
        _kim_with(f"KIM Awal {n}", n + 1)
    with CaptureQueriesContext(connection) as two:
        assert len(build_report(kims=Kim.objects.filter(regency__slug="bangka")).rows) == 2
    for n in range(3):
        _kim_with(f"KIM Tambahan {n}", n + 2)
    with CaptureQueriesContext(connection) as five:
        rows = build_report(kims=Kim.objects.filter(regency__slug="bangka")).rows
    assert [row.active_members for row in rows] == [1, 2, 2, 3, 4]
    assert len(five.captured_queries) == len(two.captured_queries)
