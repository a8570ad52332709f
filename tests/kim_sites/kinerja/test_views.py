"""The Kinerja KIM report through the admin URLs: scoping by role, filters, sorting, export, charts."""

import csv
import io
import re

import bs4
import openpyxl
import pytest

from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kim_sites.kinerja import views as kinerja_views
from kim_sites.models import Regency
from tests.factories.accounts import UserFactory, make_editor, make_moderator, make_provincial_admin
from tests.factories.moderation import january_history, published_post
from tests.factories.registry import make_kim
from tests.support.clock import wib

REPORT = "/admin/kinerja/"
JANUARY = {"dari": "2026-01-01", "sampai": "2026-01-31"}


@pytest.fixture
def history(db):
    return january_history()


@pytest.fixture
def admin_user(db):
    return UserFactory(email="admin@kominfo-uji.id", is_superuser=True)


def kim_names(response):
    """KIM names in the per-KIM table, in order."""
    return re.findall(r'<a href="/admin/kinerja/kim/\d+/[^"]*">([^<]+)</a>', response.content.decode())


def login(client, user):
    client.force_login(user)
    return client


def test_provincial_admin_sees_every_regency(client, history, admin_user):
    response = login(client, admin_user).get(REPORT, JANUARY)
    assert response.status_code == 200
    assert kim_names(response) == ["KIM Alpha", "KIM Beta", "KIM Gamma"]
    content = response.content.decode()
    assert "Total Kabupaten Bangka" in content
    assert "Total Kabupaten Belitung" in content


def test_provincial_admin_group_member_sees_every_regency(client, history):
    member = make_provincial_admin(email="provinsi@kominfo-uji.id")
    assert kim_names(login(client, member).get(REPORT, JANUARY)) == ["KIM Alpha", "KIM Beta", "KIM Gamma"]


def test_moderator_sees_only_its_regency(client, history):
    response = login(client, history["moderator"]).get(REPORT, JANUARY)
    assert response.status_code == 200
    assert kim_names(response) == ["KIM Alpha", "KIM Beta"]
    assert "KIM Gamma" not in response.content.decode()
    assert "Total Kabupaten Belitung" not in response.content.decode()


def test_moderator_cannot_filter_its_way_into_another_regency(client, history):
    belitung = Regency.objects.get(slug="belitung")
    response = login(client, history["moderator"]).get(REPORT, {**JANUARY, "regency": belitung.pk})
    assert response.status_code == 200
    assert "KIM Gamma" not in response.content.decode()
    assert kim_names(response) == []


def test_moderator_export_holds_only_its_regency(client, history):
    response = login(client, history["moderator"]).get(REPORT, {**JANUARY, "export": "csv"})
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(body), delimiter=";"))
    assert [row["KIM"] for row in rows] == ["KIM Alpha", "KIM Beta"]


def test_editor_sees_only_its_kim(client, history):
    response = login(client, history["editor"]).get(REPORT, JANUARY)
    assert kim_names(response) == ["KIM Alpha"]


def test_other_moderator_sees_none_of_bangka(client, history):
    other = make_moderator("belitung")
    assert kim_names(login(client, other).get(REPORT, JANUARY)) == ["KIM Gamma"]


def test_user_without_a_role_is_refused(client, history):
    outsider = UserFactory(email="tamu@contoh.id")
    group = Group.objects.create(name="Admin saja")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    outsider.groups.add(group)
    login(client, outsider)
    for url in (REPORT, reverse("kinerja_report_results"), reverse("kinerja_kim", args=[history["a"].pk])):
        response = client.get(url, {**JANUARY, "export": "csv"})
        # Wagtail turns a refusal in the admin into a redirect to the dashboard with a message.
        assert response.status_code == 302
        assert response["Location"] == "/admin/"
    assert "/admin/kinerja/" not in client.get("/admin/").content.decode()


def test_anonymous_is_sent_to_login(client, history):
    response = client.get(REPORT)
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_menu_entry_for_moderators(client, history):
    content = login(client, history["moderator"]).get("/admin/").content.decode()
    assert "Kinerja KIM" in content
    assert "/admin/kinerja/" in content


def test_figures_in_the_table(client, history, admin_user):
    content = login(client, admin_user).get(REPORT, JANUARY).content.decode()
    assert "1 Januari 2026 – 31 Januari 2026" in content
    assert "Berita 1 · Kegiatan 1 · UMKM 1" in content
    assert "12,0" in content  # median hours, Indonesian decimal comma
    assert "28,8" in content  # 95th percentile
    assert "1 Februari 2026" in content  # last publication
    assert "Unduh XLSX" in content
    assert "Unduh CSV" in content


def test_every_cell_names_its_column_for_the_phone_layout(client, history, admin_user):
    """On a phone each row is a card of labelled lines: each cell carries its column's heading."""
    soup = bs4.BeautifulSoup(login(client, admin_user).get(REPORT, JANUARY).content, "html.parser")
    tables = soup.select("table.kinerja-totals, table.kinerja-table")
    assert len(tables) == 2
    for table in tables:
        headings = [th.get_text(" ", strip=True) for th in table.thead.find_all("th")]
        rows = table.tbody.find_all("tr")
        assert rows
        for row in rows:
            labels = [cell.get("data-label") for cell in row.find_all(["td", "th"], recursive=False)]
            assert labels == headings


def test_reversed_dates_give_an_indonesian_error(client, history, admin_user):
    response = login(client, admin_user).get(REPORT, {"dari": "2026-02-01", "sampai": "2026-01-01"})
    assert response.status_code == 200
    content = response.content.decode()
    assert "Rentang tanggal terbalik" in content
    assert kim_names(response) == []


def test_invalid_date_gives_an_indonesian_error(client, history, admin_user):
    response = login(client, admin_user).get(REPORT, {"dari": "2026-02-31"})
    assert response.status_code == 200
    assert "Masukkan tanggal yang valid" in response.content.decode()
    assert kim_names(response) == []


def test_filters(client, history, admin_user):
    login(client, admin_user)
    belitung = Regency.objects.get(slug="belitung")
    assert kim_names(client.get(REPORT, {**JANUARY, "regency": belitung.pk})) == ["KIM Gamma"]
    assert kim_names(client.get(REPORT, {**JANUARY, "kecamatan": "Sungailiat"})) == ["KIM Beta"]
    assert kim_names(client.get(REPORT, {**JANUARY, "status": "tidak aktif"})) == ["KIM Beta", "KIM Gamma"]
    assert kim_names(client.get(REPORT, {**JANUARY, "status": "aktif"})) == ["KIM Alpha"]
    # The results fragment that the admin's filter drawer reloads applies the same filters.
    assert kim_names(client.get(reverse("kinerja_report_results"), {**JANUARY, "status": "aktif"})) == ["KIM Alpha"]


def test_sorting(client, history, admin_user):
    login(client, admin_user)
    assert kim_names(client.get(REPORT, {**JANUARY, "ordering": "-posts_published"}))[0] == "KIM Alpha"
    assert kim_names(client.get(REPORT, {**JANUARY, "ordering": "-name"})) == ["KIM Gamma", "KIM Beta", "KIM Alpha"]
    # Rows without any decision come last, whichever the direction.
    assert kim_names(client.get(REPORT, {**JANUARY, "ordering": "-median_decision_hours"}))[0] == "KIM Alpha"
    assert kim_names(client.get(REPORT, {**JANUARY, "ordering": "median_decision_hours"}))[0] == "KIM Alpha"
    # An unknown ordering falls back to the default.
    assert kim_names(client.get(REPORT, {**JANUARY, "ordering": "password"})) == ["KIM Alpha", "KIM Beta", "KIM Gamma"]


def test_pagination(client, history, admin_user, monkeypatch):
    monkeypatch.setattr(kinerja_views.KinerjaReportView, "paginate_by", 2)
    login(client, admin_user)
    assert kim_names(client.get(REPORT, JANUARY)) == ["KIM Alpha", "KIM Beta"]
    second = client.get(REPORT, {**JANUARY, "p": 2})
    assert kim_names(second) == ["KIM Gamma"]
    # Totals cover every filtered KIM, not only this page's.
    assert "Total Kabupaten Bangka" in second.content.decode()


def test_csv_export(client, history, admin_user):
    response = login(client, admin_user).get(REPORT, {**JANUARY, "export": "csv"})
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="kinerja-kim-20260101-20260131.csv"'
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    body = b"".join(response.streaming_content)
    # Indonesian-locale Excel: a UTF-8 byte-order mark, `;` between cells, decimal commas.
    assert body.startswith(b"\xef\xbb\xbfKIM;Kabupaten/kota;Kecamatan;Desa/kelurahan;")
    header = body.decode("utf-8-sig").splitlines()[0].split(";")
    assert header[-3:] == ["Anggota aktif", "Status", "Dibaca"]
    rows = list(csv.DictReader(io.StringIO(body.decode("utf-8-sig")), delimiter=";"))
    assert [row["KIM"] for row in rows] == ["KIM Alpha", "KIM Beta", "KIM Gamma"]
    alpha = rows[0]
    assert alpha["Kabupaten/kota"] == "Kabupaten Bangka"
    assert alpha["Kecamatan"] == "Merawang"
    assert alpha["Desa/kelurahan"] == "Jada Bahrin"
    assert (alpha["Terbit: Berita"], alpha["Terbit: Kegiatan"], alpha["Terbit: UMKM"]) == ("1", "1", "1")
    assert alpha["Terbit (jumlah)"] == "3"
    assert alpha["Menunggu moderasi"] == "1"
    assert alpha["Dikembalikan"] == "1"
    assert alpha["Median keputusan (jam)"] == "12,0"
    assert alpha["Persentil 95 keputusan (jam)"] == "28,8"
    assert alpha["Terbit terakhir"] == "2026-02-01"
    assert alpha["Editor aktif"] == "2"
    assert alpha["Status"] == "aktif"
    assert rows[1]["Terbit (jumlah)"] == "0"
    assert rows[1]["Median keputusan (jam)"] == ""
    assert rows[1]["Status"] == "tidak aktif"


def test_xlsx_export(client, history, admin_user):
    response = login(client, admin_user).get(REPORT, {**JANUARY, "export": "xlsx", "status": "aktif"})
    assert response.status_code == 200
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    sheet = workbook.active
    header, *rows = list(sheet.values)
    assert header[0] == "KIM"
    assert len(rows) == 1
    alpha = dict(zip(header, rows[0], strict=True))
    assert alpha["KIM"] == "KIM Alpha"
    assert alpha["Terbit (jumlah)"] == 3
    assert alpha["Persentil 95 keputusan (jam)"] == 28.8
    assert str(alpha["Terbit terakhir"])[:10] == "2026-02-01"
    assert alpha["Status"] == "aktif"


def test_regency_charts_are_accessible_svg(client, history, admin_user):
    content = login(client, admin_user).get(REPORT, JANUARY).content.decode()
    svg = re.search(
        r'<svg[^>]*aria-labelledby="kinerja-chart-bangka-title kinerja-chart-bangka-desc".*?</svg>', content, re.S
    )
    assert svg is not None
    assert '<title id="kinerja-chart-bangka-title">Kabupaten Bangka: berita terbit per bulan</title>' in svg.group(0)
    assert "total 3, terbanyak 3 pada Jan 2026" in svg.group(0)
    assert "<script" not in content.split('id="listing-results"')[1].split("</figure>")[0]
    # The text alternative holds the same numbers.
    assert '<th scope="row">Jan 2026</th><td>3</td>' in content


def test_kim_detail(client, history):
    login(client, history["moderator"])
    response = client.get(reverse("kinerja_kim", args=[history["a"].pk]), JANUARY)
    assert response.status_code == 200
    content = response.content.decode()
    assert "Kinerja KIM Alpha" in content
    assert 'aria-labelledby="kinerja-chart-kim-' in content
    assert '<th scope="row">Jan 2026</th><td>3</td>' in content
    assert "28,8" in content


def test_kim_detail_of_another_regency_is_not_found(client, history):
    login(client, history["moderator"])
    assert client.get(reverse("kinerja_kim", args=[history["c"].pk])).status_code == 404
    login(client, history["editor"])
    assert client.get(reverse("kinerja_kim", args=[history["b"].pk])).status_code == 404


def _grow(count, moderator):
    for _ in range(count):
        kim = make_kim("bangka")
        editor = make_editor(kim)
        published_post(kim, editor, moderator, wib(2026, 1, 3, 8), wib(2026, 1, 3, 10))


def test_page_query_count_does_not_grow_with_kims(client, db, django_assert_num_queries):
    moderator = make_moderator("bangka")
    _grow(2, moderator)
    login(client, moderator)
    client.get(REPORT, JANUARY)  # warm caches that belong to the admin, not to the report
    with CaptureQueriesContext(connection) as two:
        assert len(kim_names(client.get(REPORT, JANUARY))) == 2
    _grow(18, moderator)
    with django_assert_num_queries(len(two.captured_queries)):
        assert len(kim_names(client.get(REPORT, JANUARY))) == 20
