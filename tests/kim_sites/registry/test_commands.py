"""The CLI contract other tools rely on: exit codes, output, Indonesian errors."""

from io import StringIO

import pytest

from django.core.management import call_command
from django.core.management.base import CommandError

from kim_sites.models import Kim, Regency
from tests.factories.registry import make_kim
from tests.support.mailbox import activation_path_from
from tests.support.records import counts

pytestmark = pytest.mark.django_db


def run(*args):
    out, err = StringIO(), StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def fails(*args):
    with pytest.raises(CommandError) as exc:
        run(*args)
    return exc.value


# --- create_kim / add_moderator ----------------------------------------------------------------


def test_create_kim_prints_site_and_activation_link():
    out, _ = run(
        "create_kim",
        "--regency",
        "bangka-tengah",
        "--name",
        "KIM Maju Bersama",
        "--village",
        "Nibung",
        "--district",
        "Koba",
        "--admin-email",
        "admin@majubersama.id",
    )
    assert "KIM dibuat: KIM Maju Bersama (Kabupaten Bangka Tengah)" in out
    assert "Situs: http://kim-maju-bersama.kim.test/" in out
    assert activation_path_from(out).startswith("/aktivasi/")
    assert Kim.objects.filter(slug="kim-maju-bersama").exists()


def test_create_kim_again_says_nothing_changed():
    args = ["create_kim", "--regency=bangka", "--name=KIM Dua Kali", "--village=A", "--district=B"]
    run(*args, "--admin-email=a@contoh.id", "--no-email")
    before = counts()
    out, _ = run(*args, "--admin-email=a@contoh.id", "--no-email")
    assert "KIM sudah ada, tidak ada yang diubah" in out
    assert counts() == before


def test_create_kim_refusal_exits_2_with_every_reason():
    before = counts()
    error = fails(
        "create_kim", "--regency=atlantis", "--name=KIM X", "--village=", "--district=K", "--admin-email=salah"
    )
    assert error.returncode == 2
    assert str(error).splitlines() == [
        "Desa/kelurahan wajib diisi.",
        "Kabupaten/kota 'atlantis' tidak dikenal.",
        "Alamat e-mail admin 'salah' tidak sah.",
    ]
    assert counts() == before


def test_add_moderator_prints_activation_link_and_refuses_unknown_regency():
    out, _ = run("add_moderator", "--regency=belitung", "--email=pembina@belitung.id", "--no-email")
    assert "Moderator dibuat: pembina@belitung.id (belitung)" in out
    assert activation_path_from(out)
    error = fails("add_moderator", "--regency=atlantis", "--email=x@contoh.id")
    assert error.returncode == 2 and "Kabupaten/kota 'atlantis' tidak dikenal." in str(error)


# --- suspend_kim / reactivate_kim --------------------------------------------------------------


def test_suspend_and_reactivate_by_slug():
    kim = make_kim("bangka", name="KIM Tidur")
    out, _ = run("suspend_kim", kim.slug)
    assert "KIM ditangguhkan: KIM Tidur (Kabupaten Bangka)" in out
    assert Kim.objects.get(pk=kim.pk).status == Kim.Status.SUSPENDED
    out, _ = run("suspend_kim", kim.slug.upper())
    assert "KIM Tidur sudah ditangguhkan; tidak ada yang diubah." in out
    out, _ = run("reactivate_kim", kim.slug)
    assert "KIM diaktifkan kembali: KIM Tidur" in out
    assert Kim.objects.get(pk=kim.pk).status == Kim.Status.ACTIVE
    out, _ = run("reactivate_kim", kim.slug)
    assert "KIM Tidur sudah aktif; tidak ada yang diubah." in out


@pytest.mark.parametrize("command", ["suspend_kim", "reactivate_kim"])
def test_unknown_slug_exits_2(command):
    error = fails(command, "kim-tidak-ada")
    assert error.returncode == 2
    assert str(error) == "KIM dengan slug 'kim-tidak-ada' tidak ditemukan."


# --- create_regency ----------------------------------------------------------------------------


def test_create_regency_command():
    out, _ = run("create_regency", "--slug=bogor", "--name=Kabupaten Bogor", "--seat=Cibinong", "--province=Jawa Barat")
    assert "Kabupaten/kota dibuat: Kabupaten Bogor (bogor), Jawa Barat" in out
    regency = Regency.objects.get(slug="bogor")
    assert regency.kind == "kabupaten" and regency.seat == "Cibinong" and regency.page_id and regency.collection_id
    run("create_regency", "--slug=kota-bogor", "--name=Kota Bogor", "--kind=kota")
    assert Regency.objects.get(slug="kota-bogor").province == "Kepulauan Bangka Belitung"


def test_create_regency_refusals_exit_2():
    error = fails("create_regency", "--slug=bangka", "--name=Kabupaten Bangka", "--kind=desa")
    assert error.returncode == 2
    assert "Jenis 'desa' tidak dikenal: pilih kabupaten atau kota." in str(error)
    assert "Kabupaten/kota dengan slug 'bangka' sudah ada." in str(error)
