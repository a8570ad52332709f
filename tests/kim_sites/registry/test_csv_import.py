"""`import_kims`: the whole file is validated first, every bad row is named by its line, and
either every row is created or none is."""

import csv
from io import StringIO
from pathlib import Path

import pytest

from django.conf import settings
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from kim_sites.models import Kim
from kim_sites.registry.csv_import import ImportFileError, import_kims, validate
from tests.factories.registry import make_kim
from tests.support.mailbox import activation_path_from
from tests.support.records import counts

pytestmark = pytest.mark.django_db

HEADER = "name,regency,village,district,admin_email"
REGENCIES = ["bangka", "bangka-barat", "bangka-tengah", "bangka-selatan", "belitung", "belitung-timur", "pangkalpinang"]


def rows(n, start=0):
    return [f"KIM Impor {i},{REGENCIES[i % 7]},Desa {i},Kecamatan {i % 5},admin{i}@impor.id" for i in range(start, n)]


def write(tmp_path, text, name="kim.csv", encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def run(*args):
    out, err = StringIO(), StringIO()
    call_command("import_kims", *[str(a) for a in args], stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def fails(*args):
    err = StringIO()
    with pytest.raises(CommandError) as exc:
        call_command("import_kims", *[str(a) for a in args], stdout=StringIO(), stderr=err)
    assert exc.value.returncode == 2
    return err.getvalue(), str(exc.value)


# --- Good files --------------------------------------------------------------------------------


def test_300_rows_import(tmp_path, django_capture_on_commit_callbacks):
    path = write(tmp_path, "\n".join([HEADER, *rows(300)]) + "\n")
    before = counts()
    with django_capture_on_commit_callbacks(execute=True):
        out, err = run(path)
    assert "Selesai. Dibuat: 300 · sudah ada: 0 · total: 300" in out
    after = counts()
    assert after["kims"] - before["kims"] == 300
    assert after["sites"] - before["sites"] == 300
    assert after["pages"] - before["pages"] == 300 * 6
    assert after["collections"] - before["collections"] == 300
    assert after["groups"] - before["groups"] == 600  # Editor and Admin KIM of each
    assert after["users"] - before["users"] == 300
    kim = Kim.objects.get(slug="kim-impor-299")
    assert kim.regency.slug == REGENCIES[299 % 7] and kim.site.hostname == "kim-impor-299.kim.test"
    assert "http://kim-impor-299.kim.test/" in out
    assert out.count("/aktivasi/") == 300
    # One e-mail per new admin, each carrying the link that was printed for it.
    assert len(mail.outbox) == 300
    first = next(m for m in mail.outbox if m.to == ["admin0@impor.id"])
    assert activation_path_from(first.body) in out


def test_running_the_same_file_again_creates_nothing(tmp_path):
    path = write(tmp_path, "\n".join([HEADER, *rows(5)]))
    run(path, "--no-email")
    before = counts()
    out, _ = run(path, "--no-email")
    assert "Dibuat: 0 · sudah ada: 5 · total: 5" in out
    assert counts() == before


def test_existing_kims_are_reported_and_new_ones_created(tmp_path):
    make_kim("bangka", name="KIM Impor 0", village="Desa 0", district="Kecamatan 0")
    path = write(tmp_path, "\n".join([HEADER, *rows(3)]))
    out, _ = run(path, "--no-email")
    assert "Baris 2 [sudah ada] KIM Impor 0" in out
    assert "Dibuat: 2 · sudah ada: 1 · total: 3" in out


def test_utf8_bom_semicolons_crlf_and_indonesian_headers(tmp_path):
    text = (
        "\ufeffNama;Kabupaten/Kota;Desa/Kelurahan;Kecamatan;E-mail Admin;Nomor SK;No. HP;Keterangan\r\n"
        "KIM Cahaya Rias;Kabupaten Bangka Selatan;Rias;Toboali;Admin.Rias@Contoh.id;188/12/2023;0812;baru\r\n"
    )
    out, err = run(write(tmp_path, text), "--no-email")
    assert "Dibuat: 1" in out
    assert "Peringatan: Kolom 'Keterangan' tidak dikenal dan diabaikan." in err
    kim = Kim.objects.get(slug="kim-cahaya-rias")
    assert (kim.regency.slug, kim.village, kim.district, kim.sk_number, kim.phone, kim.email) == (
        "bangka-selatan",
        "Rias",
        "Toboali",
        "188/12/2023",
        "0812",
        "admin.rias@contoh.id",
    )


def test_quoted_fields_with_separators_and_newlines(tmp_path):
    text = (
        "name;regency;village;district;admin_email;sk_number\n"
        '"KIM Maju; Jaya";bangka;"Air ""Anyir""";Merawang;a@contoh.id;"188/1; 2023"\n'
        'KIM Dua,Baris;bangka;"Desa\nBaru";Merawang;b@contoh.id;\n'
        "KIM Tiga;bangka;Desa Tiga;Merawang;c@contoh.id;\n"
    )
    out, _ = run(write(tmp_path, text), "--no-email")
    assert "Dibuat: 3" in out
    kim = Kim.objects.get(slug="kim-maju-jaya")
    assert kim.name == "KIM Maju; Jaya" and kim.village == 'Air "Anyir"' and kim.sk_number == "188/1; 2023"
    assert Kim.objects.get(slug="kim-duabaris").village == "Desa Baru"
    # The row after a quoted newline still gets its own line number in messages.
    assert "Baris 5 [dibuat] KIM Tiga" in out


def test_blank_lines_and_empty_rows_are_ignored(tmp_path):
    text = "\n" + HEADER + "\n\n" + rows(1)[0] + "\n,,,,\n   \n" + rows(2, 1)[0] + "\n\n"
    out, _ = run(write(tmp_path, text), "--no-email")
    assert "Dibuat: 2 · sudah ada: 0 · total: 2" in out
    assert "Baris 4 [dibuat] KIM Impor 0" in out and "Baris 7 [dibuat] KIM Impor 1" in out


def test_optional_slug_and_hostname(tmp_path):
    text = HEADER + ",slug,hostname\nKIM Satu,bangka,A,B,a@contoh.id,kim-1,kimsatu.desa.id\n"
    run(write(tmp_path, text), "--no-email")
    assert Kim.objects.get(slug="kim-1").site.hostname == "kimsatu.desa.id"


def test_dry_run_creates_nothing(tmp_path):
    path = write(tmp_path, "\n".join([HEADER, *rows(4)]))
    before = counts()
    out, _ = run(path, "--dry-run")
    assert "tidak ada yang dibuat (--dry-run)" in out and "Akan dibuat: 4 · sudah ada: 0 · total: 4" in out
    assert counts() == before
    assert len(mail.outbox) == 0


def test_output_file_holds_every_site_and_link(tmp_path):
    path = write(tmp_path, "\n".join([HEADER, *rows(3)]))
    target = tmp_path / "hasil.csv"
    out, _ = run(path, "--no-email", "--output", target)
    assert "/aktivasi/" not in out and f"ditulis ke {target}" in out
    with open(target, encoding="utf-8-sig", newline="") as f:
        written = list(csv.DictReader(f))
    assert [r["slug"] for r in written] == ["kim-impor-0", "kim-impor-1", "kim-impor-2"]
    assert all(r["tautan_aktivasi"].startswith("https://admin.kim.test/aktivasi/") for r in written)
    assert written[0]["situs"] == "http://kim-impor-0.kim.test/" and written[0]["status"] == "dibuat"


def test_output_file_is_never_overwritten(tmp_path):
    path = write(tmp_path, "\n".join([HEADER, *rows(1)]))
    target = tmp_path / "hasil.csv"
    target.write_text("tautan lama")
    before = counts()
    err, message = fails(path, "--output", target)
    assert "tidak dapat dibuat: berkas itu sudah ada" in message
    assert target.read_text() == "tautan lama"
    assert counts() == before


def test_example_file_in_docs_is_valid():
    example = Path(settings.BASE_DIR) / "docs" / "contoh-import-kim.csv"
    report = validate(example.read_bytes())
    assert report.total >= 3 and not report.existing


# --- Bad files: nothing created, every bad row named -------------------------------------------


def test_one_bad_row_creates_nothing_and_names_the_line(tmp_path, django_capture_on_commit_callbacks):
    lines = [HEADER, *rows(50)]
    lines[31] = "KIM Rusak,bangka,Desa Rusak,Kecamatan,bukan-email"
    before = counts()
    with django_capture_on_commit_callbacks(execute=True):
        err, message = fails(write(tmp_path, "\n".join(lines)))
    assert err.splitlines() == ["Baris 32: Alamat e-mail admin 'bukan-email' tidak sah."]
    assert message == "Impor dibatalkan: 1 kesalahan. Tidak ada KIM yang dibuat."
    assert counts() == before
    assert len(mail.outbox) == 0


def test_every_bad_row_is_reported(tmp_path):
    make_kim("bangka", name="KIM Lama", hostname="lama.desa.id")
    text = "\n".join(
        [
            HEADER + ",hostname",
            "KIM Baik,bangka,A,B,a@contoh.id,",  # 2
            "KIM Tanpa Desa,bangka,,B,b@contoh.id,",  # 3
            "KIM Atlantis,atlantis,A,B,c@contoh.id,",  # 4
            "KIM Baik,bangka,A,B,d@contoh.id,",  # 5: same slug as line 2
            "KIM Host,bangka,A,B,e@contoh.id,lama.desa.id",  # 6: host taken in the registry
            "KIM Host Dua,bangka,A,B,f@contoh.id,baru.desa.id",  # 7
            "KIM Host Tiga,bangka,A,B,g@contoh.id,baru.desa.id",  # 8: same host as line 7
            "KIM Lama,belitung,A,B,h@contoh.id,",  # 9: slug of a KIM in another regency
            "KIM Kolom,bangka,A,B,i@contoh.id,,lebih",  # 10: one cell too many
        ]
    )
    before = counts()
    err, message = fails(write(tmp_path, text))
    assert err.splitlines() == [
        "Baris 3: Desa/kelurahan wajib diisi.",
        "Baris 4: Kabupaten/kota 'atlantis' tidak dikenal.",
        "Baris 5: Slug 'kim-baik' sudah dipakai baris 2 di berkas ini.",
        "Baris 6: Nama host 'lama.desa.id' sudah dipakai situs lain.",
        "Baris 8: Nama host 'baru.desa.id' sudah dipakai baris 7 di berkas ini.",
        "Baris 9: Slug 'kim-lama' sudah dipakai KIM lain (KIM Lama — Kabupaten Bangka).",
        "Baris 10: ada 7 kolom, padahal judul hanya 6 kolom.",
    ]
    assert "7 kesalahan" in message
    assert counts() == before


def test_empty_file(tmp_path):
    for text in ("", "\ufeff", "\n\n  \n"):
        err, _ = fails(write(tmp_path, text))
        assert "Berkas kosong" in err


def test_header_only(tmp_path):
    err, _ = fails(write(tmp_path, HEADER + "\n"))
    assert "Berkas hanya berisi baris judul" in err


def test_missing_required_column(tmp_path):
    err, _ = fails(write(tmp_path, "name;regency;village;admin_email\nKIM A;bangka;A;a@contoh.id\n"))
    assert err.strip() == (
        "Baris 1: kolom wajib tidak ada: district (kecamatan). "
        "Kolom wajib: name, regency, village, district, admin_email."
    )


def test_two_columns_meaning_the_same_thing(tmp_path):
    err, _ = fails(write(tmp_path, "nama,name,regency,village,district,admin_email\n"))
    assert "Baris 1: kolom 'nama' dan 'name' sama-sama berarti nama." in err


def test_not_utf8(tmp_path):
    text = HEADER + "\nKIM Gönül,bangka,A,B,a@contoh.id\n"
    err, _ = fails(write(tmp_path, text, encoding="latin-1"))
    assert "Baris 2: berkas bukan UTF-8" in err


def test_broken_quotes(tmp_path):
    err, _ = fails(write(tmp_path, HEADER + '\n"KIM A"x,bangka,A,B,a@contoh.id\n'))
    assert "format CSV rusak" in err


def test_missing_file_exits_2(tmp_path):
    _, message = fails(tmp_path / "tidak-ada.csv")
    assert "tidak dapat dibaca: berkas atau foldernya tidak ditemukan." in message


def test_failure_during_creation_rolls_back_everything(tmp_path):
    """Validation passed but creation of a later row fails: the earlier rows are undone too."""
    from django.contrib.auth.models import Group

    # A left-over group blocks the third KIM only at creation time.
    Group.objects.create(name="Editor KIM Impor 2 (kim-impor-2)")
    before = counts()
    with pytest.raises(ImportFileError) as exc:
        import_kims("\n".join([HEADER, *rows(4)]).encode(), send_email=False)
    assert exc.value.errors[0].startswith("Baris 4: Grup 'Editor KIM Impor 2 (kim-impor-2)' sudah ada")
    assert counts() == before


def test_validation_costs_no_query_per_row():
    small = "\n".join([HEADER, *rows(5)]).encode()
    large = "\n".join([HEADER, *rows(200)]).encode()
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        validate(small)
    with CaptureQueriesContext(connection) as many:
        validate(large)
    assert len(many) == len(few)


def test_imported_pages_are_in_the_search_index_like_any_other(tmp_path):
    """The import indexes its pages in one batch; the result is what page-by-page saving gives."""
    from wagtail.models import Page
    from wagtail.search.models import IndexEntry

    start = IndexEntry.objects.count()
    make_kim("bangka", name="KIM Satu Satu")
    per_kim = IndexEntry.objects.count() - start
    assert per_kim == 6
    before = IndexEntry.objects.count()
    run(write(tmp_path, "\n".join([HEADER, *rows(3)])), "--no-email")
    assert IndexEntry.objects.count() == before + 3 * per_kim
    imported = Kim.objects.get(slug="kim-impor-1")
    found = Page.objects.live().descendant_of(imported.home_page, inclusive=True).search("Aspirasi")
    assert [p.slug for p in found] == ["aspirasi"]
    # Page-by-page indexing is back after the import.
    before = IndexEntry.objects.count()
    make_kim("bangka", name="KIM Sesudah Impor")
    assert IndexEntry.objects.count() == before + per_kim


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite keeps its statistics in sqlite_stat1")
def test_an_import_refreshes_the_planner_statistics(tmp_path):
    """Without statistics SQLite plans the portal's latest posts from the index on locale."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE name = 'sqlite_stat1'")
        if cursor.fetchone():
            cursor.execute("DELETE FROM sqlite_stat1")
    run(write(tmp_path, "\n".join([HEADER, *rows(3)]) + "\n"))
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM sqlite_stat1 WHERE tbl = 'wagtailcore_page'")
        assert cursor.fetchone()[0] > 0
