"""The team commands: import_kim_members (all rows or none, every bad row by its line),
invite_member and remove_member, with their Indonesian output and exit codes."""

from io import StringIO

import pytest

from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError

from wagtail.models import ModelLogEntry

from kim_sites.models import KimMember
from kim_sites.team.csv_import import import_members
from kim_sites.team.members import Role, members_of
from tests.factories.accounts import DEFAULT_PASSWORD, make_editor
from tests.factories.registry import make_kim
from tests.support.mailbox import activation_path_from
from tests.support.records import counts

pytestmark = pytest.mark.django_db


@pytest.fixture
def kims():
    return {
        "maju": make_kim("bangka", name="KIM Maju Jaya", slug="kim-maju-jaya", admin_email="ketua@majujaya.id"),
        "sinar": make_kim("belitung", name="KIM Sinar Baru", slug="kim-sinar-baru", admin_email="ketua@sinarbaru.id"),
    }


def run(*args):
    out, err = StringIO(), StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def fails(*args):
    err = StringIO()
    with pytest.raises(CommandError) as exc:
        call_command(*args, stdout=StringIO(), stderr=err)
    return exc.value, err.getvalue()


def write(tmp_path, text, *, bom=False):
    path = tmp_path / "anggota.csv"
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8"))
    return str(path)


def state():
    """What an import could write: accounts, memberships, invitation records, audit entries."""
    return {
        **counts(),
        "memberships": get_user_model().groups.through.objects.count(),
        "records": KimMember.objects.count(),
        "log": ModelLogEntry.objects.count(),
    }


def roles(kim):
    return {m.user.email: m.role for m in members_of(kim)}


GOOD = (
    "Slug KIM;E-mail;Nama;Peran\r\n"
    "kim-maju-jaya;sekretaris@majujaya.id;Budi Santoso;editor\r\n"
    "kim-maju-jaya;Bendahara@MajuJaya.id;Rina Wati;Admin KIM\r\n"
    "\r\n"
    "kim-sinar-baru;penulis@sinarbaru.id;Ahmad Fauzi;\r\n"
)


# --- import_kim_members -------------------------------------------------------------------------


def test_import_a_spreadsheet_file_with_bom_semicolons_and_indonesian_headers(
    kims, tmp_path, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        out, err = run("import_kim_members", write(tmp_path, GOOD, bom=True))
    assert roles(kims["maju"]) == {
        "ketua@majujaya.id": Role.ADMIN,
        "bendahara@majujaya.id": Role.ADMIN,
        "sekretaris@majujaya.id": Role.EDITOR,
    }
    # An empty role means Editor.
    assert roles(kims["sinar"])["penulis@sinarbaru.id"] == Role.EDITOR
    assert get_user_model().objects.get(email="sekretaris@majujaya.id").get_full_name() == "Budi Santoso"
    assert "Baris 2 [diundang] sekretaris@majujaya.id → KIM Maju Jaya (Editor, akun baru)" in out
    assert "Baris 5 [diundang] penulis@sinarbaru.id" in out
    assert "Selesai. Diundang: 3" in out
    assert sorted(m.to[0] for m in mail.outbox) == [
        "bendahara@majujaya.id",
        "penulis@sinarbaru.id",
        "sekretaris@majujaya.id",
    ]
    # The printed link is the one that went out.
    printed = [line for line in out.splitlines() if "Tautan aktivasi" in line]
    assert len(printed) == 3
    sent = next(m for m in mail.outbox if m.to == ["sekretaris@majujaya.id"])
    assert activation_path_from(sent.body) == activation_path_from(printed[0])


def test_comma_file_with_english_headers_and_no_email(kims, tmp_path, django_capture_on_commit_callbacks):
    text = "kim,email,name,role\nkim-sinar-baru,a@sinarbaru.id,A,admin\n"
    with django_capture_on_commit_callbacks(execute=True):
        out, _ = run("import_kim_members", write(tmp_path, text), "--no-email")
    assert roles(kims["sinar"])["a@sinarbaru.id"] == Role.ADMIN
    assert mail.outbox == []
    assert "Tautan aktivasi: " in out


def test_dry_run_checks_and_writes_nothing(kims, tmp_path, django_capture_on_commit_callbacks):
    before = state()
    with django_capture_on_commit_callbacks(execute=True):
        out, _ = run("import_kim_members", write(tmp_path, GOOD, bom=True), "--dry-run")
    assert "tidak ada yang diubah (--dry-run)" in out
    assert "Akan diundang: 3 · akun baru: 3" in out
    assert state() == before
    assert not get_user_model().objects.filter(email="sekretaris@majujaya.id").exists()
    assert mail.outbox == []


def test_bad_rows_are_all_reported_by_line_and_nothing_is_written(kims, tmp_path):
    text = (
        "kim;email;nama;peran\n"
        "kim-maju-jaya;baik@majujaya.id;Baik;editor\n"
        "kim-tidak-ada;x@contoh.id;X;editor\n"
        "kim-maju-jaya;bukan-email;Y;editor\n"
        "kim-maju-jaya;z@contoh.id;Z;moderator\n"
        "kim-maju-jaya;baik@majujaya.id;Lagi;admin\n"
    )
    before = state()
    error, err = fails("import_kim_members", write(tmp_path, text))
    assert error.returncode == 2
    assert "Impor dibatalkan: 4 kesalahan" in str(error)
    lines = err.splitlines()
    assert lines[0].startswith("Baris 3: ") and "kim-tidak-ada" in lines[0] and "tidak ditemukan" in lines[0]
    assert lines[1].startswith("Baris 4: ") and "bukan-email" in lines[1]
    assert lines[2].startswith("Baris 5: ") and "moderator" in lines[2]
    assert lines[3].startswith("Baris 6: ") and "baris 2" in lines[3]
    assert state() == before
    assert not get_user_model().objects.filter(email="baik@majujaya.id").exists()


def test_a_missing_column_is_named(kims, tmp_path):
    error, err = fails("import_kim_members", write(tmp_path, "nama;peran\nA;editor\n"))
    assert "kolom wajib tidak ada" in err and "kim" in err and "email" in err
    assert error.returncode == 2


def test_a_failure_half_way_rolls_every_row_back(kims, tmp_path, monkeypatch):
    from kim_sites.team import csv_import

    real = csv_import.invite_member
    calls = []

    def invite_then_fail(kim, **kwargs):
        calls.append(kwargs["email"])
        if len(calls) == 2:
            raise csv_import.TeamError("Gagal di tengah jalan.")
        return real(kim, **kwargs)

    monkeypatch.setattr(csv_import, "invite_member", invite_then_fail)
    before = state()
    error, err = fails("import_kim_members", write(tmp_path, GOOD))
    assert "Baris 3: Gagal di tengah jalan." in err
    assert len(calls) == 2
    assert state() == before
    assert not get_user_model().objects.filter(email="sekretaris@majujaya.id").exists()


def test_an_existing_account_gets_the_role_without_a_second_account(kims, tmp_path):
    editor = make_editor(kims["sinar"], email="penulis@contoh.id")
    accounts = get_user_model().objects.count()
    text = "kim;email;peran\nkim-maju-jaya;penulis@contoh.id;admin\n"
    out, _ = run("import_kim_members", write(tmp_path, text), "--no-email")
    assert get_user_model().objects.count() == accounts
    assert roles(kims["maju"])["penulis@contoh.id"] == Role.ADMIN
    assert roles(kims["sinar"])["penulis@contoh.id"] == Role.EDITOR
    assert "akun yang sudah ada" in out
    editor.refresh_from_db()
    assert editor.check_password(DEFAULT_PASSWORD)


def test_running_the_same_file_twice_changes_nothing_the_second_time(kims, tmp_path):
    path = write(tmp_path, GOOD)
    run("import_kim_members", path, "--no-email")
    before = state()
    out, err = run("import_kim_members", path, "--no-email")
    assert state() == before
    assert "Baris 2: sekretaris@majujaya.id sudah menjadi anggota tim KIM Maju Jaya; dilewati." in err
    assert "Diundang: 0" in out


def test_the_service_reports_what_a_dry_run_would_do(kims):
    make_editor(kims["maju"], email="sudah@majujaya.id")
    report = import_members(
        "kim,email\nkim-maju-jaya,sudah@majujaya.id\nkim-maju-jaya,baru@majujaya.id\n", dry_run=True
    )
    assert [r.email for r in report.to_invite] == ["baru@majujaya.id"]
    assert [r.email for r in report.already_members] == ["sudah@majujaya.id"]


def test_the_example_file_in_the_docs_is_valid(kims, settings):
    from pathlib import Path

    make_kim("bangka", name="KIM Maju Bersama", slug="kim-maju-bersama")
    report = import_members((Path(settings.BASE_DIR) / "docs/contoh-import-anggota.csv").read_bytes(), dry_run=True)
    assert len(report.rows) == 4
    assert [r.role for r in report.rows] == [Role.ADMIN, Role.EDITOR, Role.EDITOR, Role.ADMIN]


# --- invite_member / remove_member --------------------------------------------------------------


def test_invite_member_prints_the_link_and_mails_it(kims, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        out, _ = run(
            "invite_member",
            "--kim",
            "kim-maju-jaya",
            "--email",
            "baru@majujaya.id",
            "--name",
            "Siti",
            "--role",
            "admin",
        )
    assert "Diundang ke tim KIM Maju Jaya: baru@majujaya.id (Admin KIM)" in out
    assert "Akun baru dibuat" in out
    assert activation_path_from(out) == activation_path_from(mail.outbox[0].body)
    assert roles(kims["maju"])["baru@majujaya.id"] == Role.ADMIN


def test_invite_member_defaults_to_editor_and_no_email_sends_nothing(kims, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        out, _ = run("invite_member", "--kim=kim-maju-jaya", "--email=baru@majujaya.id", "--no-email")
    assert "(Editor)" in out and "Tautan aktivasi: " in out
    assert mail.outbox == []


def test_invite_member_refusals(kims):
    error, _ = fails("invite_member", "--kim=kim-tidak-ada", "--email=a@contoh.id")
    assert "KIM dengan slug 'kim-tidak-ada' tidak ditemukan." in str(error) and error.returncode == 2
    error, _ = fails("invite_member", "--kim=kim-maju-jaya", "--email=a@contoh.id", "--role=moderator")
    assert "tidak dikenal" in str(error) and error.returncode == 2
    error, _ = fails("invite_member", "--kim=kim-maju-jaya", "--email=ketua@majujaya.id")
    assert "sudah menjadi anggota tim" in str(error)
    assert not get_user_model().objects.filter(email="a@contoh.id").exists()


def test_remove_member_deactivates_an_account_left_with_no_role(kims):
    editor = make_editor(kims["maju"], email="penulis@majujaya.id")
    out, _ = run("remove_member", "--kim=kim-maju-jaya", "--email=Penulis@MajuJaya.id")
    assert "penulis@majujaya.id dikeluarkan dari tim KIM Maju Jaya." in out
    assert "Akun dinonaktifkan" in out
    editor.refresh_from_db()
    assert not editor.is_active and "penulis@majujaya.id" not in roles(kims["maju"])


def test_remove_member_keeps_an_account_with_another_team(kims):
    make_editor(kims["sinar"], email="dua@contoh.id")
    run("invite_member", "--kim=kim-maju-jaya", "--email=dua@contoh.id", "--no-email")
    out, _ = run("remove_member", "--kim=kim-maju-jaya", "--email=dua@contoh.id")
    assert "Akun tetap aktif" in out
    assert get_user_model().objects.get(email="dua@contoh.id").is_active


def test_remove_member_refuses_the_last_admin(kims):
    error, _ = fails("remove_member", "--kim=kim-maju-jaya", "--email=ketua@majujaya.id")
    assert "KIM harus selalu punya sedikitnya satu Admin KIM" in str(error)
    assert error.returncode == 2
    assert roles(kims["maju"]) == {"ketua@majujaya.id": Role.ADMIN}


def test_remove_member_refusals(kims):
    error, _ = fails("remove_member", "--kim=kim-maju-jaya", "--email=tidak-ada@contoh.id")
    assert "Tidak ada akun dengan e-mail tidak-ada@contoh.id." in str(error)
    error, _ = fails("remove_member", "--kim=kim-maju-jaya", "--email=ketua@sinarbaru.id")
    assert "bukan anggota tim" in str(error)
