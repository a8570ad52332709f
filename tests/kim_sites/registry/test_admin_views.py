"""The "KIM" admin menu: provincial admins see every KIM, a moderator only its own regency's,
through every view, by URL. Registration, editing and actions are audited."""

import pytest

from django.core import mail
from django.urls import NoReverseMatch, reverse

from wagtail.models import ModelLogEntry

from kim_sites.models import Kim, Regency
from kim_sites.registry.activation import activation_url
from tests.factories.accounts import make_editor, make_moderator, make_provincial_admin
from tests.factories.registry import make_kim
from tests.support.mailbox import activation_path_from
from tests.support.records import counts

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    bangka = make_kim("bangka", name="KIM Bangka Satu", village="Jada Bahrin", district="Merawang")
    bangka2 = make_kim("bangka", name="KIM Bangka Dua", village="Sinar Baru", district="Sungailiat")
    belitung = make_kim("belitung", name="KIM Belitung Satu", village="Terong", district="Sijuk")
    return {
        "bangka": bangka,
        "bangka2": bangka2,
        "belitung": belitung,
        "admin": make_provincial_admin(),
        "moderator": make_moderator("bangka"),
        "editor": make_editor(bangka),
    }


def _index(client, user, **params):
    client.force_login(user)
    return client.get(reverse("kim:index"), params)


# --- Listing, search, filters ------------------------------------------------------------------


def test_provincial_admin_lists_every_kim(client, world):
    response = _index(client, world["admin"])
    assert response.status_code == 200
    html = response.content.decode()
    for key in ("bangka", "bangka2", "belitung"):
        assert world[key].name in html


def test_moderator_lists_only_its_own_regency(client, world):
    response = _index(client, world["moderator"])
    assert response.status_code == 200
    html = response.content.decode()
    assert "KIM Bangka Satu" in html and "KIM Bangka Dua" in html
    assert "KIM Belitung Satu" not in html


def test_moderator_cannot_widen_the_list_with_another_regencys_filter(client, world):
    belitung = Regency.objects.get(slug="belitung")
    response = _index(client, world["moderator"], regency=belitung.pk)
    assert "KIM Belitung Satu" not in response.content.decode()


def test_editor_and_anonymous_have_no_kim_menu(client, world):
    client.force_login(world["editor"])
    response = client.get(reverse("kim:index"))
    assert response.status_code in (302, 403)
    assert "KIM Bangka Satu" not in response.content.decode()
    home = client.get(reverse("wagtailadmin_home"))
    assert reverse("kim:index") not in home.content.decode()
    client.logout()
    response = client.get(reverse("kim:index"))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_menu_item_is_shown_to_moderators(client, world):
    client.force_login(world["moderator"])
    assert reverse("kim:index") in client.get(reverse("wagtailadmin_home")).content.decode()


@pytest.mark.parametrize(
    ("query", "expected"),
    [("Jada", "KIM Bangka Satu"), ("sungailiat", "KIM Bangka Dua"), ("bangka-satu", "KIM Bangka Satu")],
)
def test_search_by_village_district_and_slug(client, world, query, expected):
    response = _index(client, world["admin"], q=query)
    html = response.content.decode()
    assert expected in html
    others = {"KIM Bangka Satu", "KIM Bangka Dua", "KIM Belitung Satu"} - {expected}
    assert not any(name in html for name in others)


def test_filters_by_regency_district_and_status(client, world):
    set_status_url = reverse("kim:suspend", args=[world["bangka2"].pk])
    client.force_login(world["admin"])
    client.post(set_status_url)
    belitung = Regency.objects.get(slug="belitung")
    html = _index(client, world["admin"], regency=belitung.pk).content.decode()
    assert "KIM Belitung Satu" in html and "KIM Bangka Satu" not in html
    html = _index(client, world["admin"], district="Merawang").content.decode()
    assert "KIM Bangka Satu" in html and "KIM Bangka Dua" not in html
    html = _index(client, world["admin"], status="suspended").content.decode()
    assert "KIM Bangka Dua" in html and "KIM Bangka Satu" not in html


def test_moderator_district_filter_offers_only_its_own_districts(client, world):
    html = _index(client, world["moderator"]).content.decode()
    assert "Merawang" in html
    assert "Sijuk" not in html


# --- Scoping of every object view --------------------------------------------------------------

OBJECT_URLS = [
    "kim:edit",
    "kim:inspect",
    "kim:history",
    "kim:history_results",
    "kim:suspend",
    "kim:reactivate",
    "kim:resend",
]


@pytest.mark.parametrize("url_name", OBJECT_URLS)
def test_moderator_gets_404_for_another_regencys_kim(client, world, url_name):
    client.force_login(world["moderator"])
    url = reverse(url_name, args=[world["belitung"].pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {"district": "Diubah", "village": "Diubah"}).status_code == 404
    kim = Kim.objects.get(pk=world["belitung"].pk)
    assert kim.status == Kim.Status.ACTIVE and kim.district == "Sijuk"
    assert not ModelLogEntry.objects.filter(user=world["moderator"]).exists()
    assert len(mail.outbox) == 0


@pytest.mark.parametrize("url_name", OBJECT_URLS)
def test_moderator_and_admin_reach_their_own_kims(client, world, url_name):
    for user in (world["moderator"], world["admin"]):
        client.force_login(user)
        assert client.get(reverse(url_name, args=[world["bangka"].pk])).status_code == 200


@pytest.mark.parametrize("url_name", OBJECT_URLS)
def test_editor_reaches_no_kim_view(client, world, url_name):
    client.force_login(world["editor"])
    response = client.get(reverse(url_name, args=[world["bangka"].pk]))
    assert response.status_code in (302, 403, 404)
    assert "Jada Bahrin" not in response.content.decode()


@pytest.mark.parametrize("url_name", ["kim:delete", "kim:usage", "kim:copy"])
def test_there_is_no_delete_usage_or_copy_view(url_name):
    with pytest.raises(NoReverseMatch):
        reverse(url_name, args=[1])


def test_delete_url_is_not_found_even_for_the_provincial_admin(client, world):
    client.force_login(world["admin"])
    assert client.post(f"/admin/kim/delete/{world['bangka'].pk}/").status_code == 404
    assert Kim.objects.filter(pk=world["bangka"].pk).exists()


def test_audit_log_report_does_not_show_other_regencies_kims_to_a_moderator(client, world):
    client.force_login(world["admin"])
    client.post(reverse("kim:suspend", args=[world["belitung"].pk]), follow=True)
    client.post(reverse("kim:suspend", args=[world["bangka"].pk]), follow=True)
    report = reverse("wagtailadmin_reports:site_history")
    assert "KIM Belitung Satu" in client.get(report).content.decode()
    client.force_login(world["moderator"])
    response = client.get(report)
    assert response.status_code == 200
    assert "KIM Belitung Satu" not in response.content.decode()


# --- Registration ------------------------------------------------------------------------------


def _registration(regency, **overrides):
    data = {
        "name": "KIM Harapan Baru",
        "regency": Regency.objects.get(slug=regency).pk,
        "district": "Pemali",
        "village": "Karya Makmur",
        "admin_email": "admin.harapan@contoh.id",
        "slug": "",
        "hostname": "",
        "sk_number": "188/1/2024",
        "phone": "0812",
    }
    data.update(overrides)
    return data


def test_moderator_registers_a_kim_in_its_regency(client, world, django_capture_on_commit_callbacks):
    client.force_login(world["moderator"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("kim:add"), _registration("bangka"))
    kim = Kim.objects.get(slug="kim-harapan-baru")
    assert response.status_code == 302 and response["Location"] == reverse("kim:inspect", args=[kim.pk])
    assert kim.regency.slug == "bangka" and kim.sk_number == "188/1/2024"
    assert kim.site.hostname == "kim-harapan-baru.kim.test"
    assert [m.to for m in mail.outbox] == [["admin.harapan@contoh.id"]]
    log = ModelLogEntry.objects.get(action="kim_sites.provision", object_id=str(kim.pk))
    assert log.user == world["moderator"]


def test_registration_form_offers_a_moderator_only_its_own_regency(client, world):
    client.force_login(world["moderator"])
    html = client.get(reverse("kim:add")).content.decode()
    assert "Kabupaten Bangka<" in html
    assert "Kabupaten Belitung" not in html


def test_moderator_cannot_register_a_kim_in_another_regency(client, world):
    client.force_login(world["moderator"])
    before = counts()
    response = client.post(reverse("kim:add"), _registration("belitung"))
    assert response.status_code == 200
    assert "Pilih kabupaten/kota yang menjadi wewenang Anda." in response.content.decode()
    assert counts() == before
    assert len(mail.outbox) == 0


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"admin_email": "bukan-email"}, "Alamat e-mail admin &#x27;bukan-email&#x27; tidak sah."),
        ({"slug": "kim-bangka-satu"}, "Slug &#x27;kim-bangka-satu&#x27; sudah dipakai KIM lain"),
        ({"hostname": "kim-bangka-satu.kim.test"}, "Nama host &#x27;kim-bangka-satu.kim.test&#x27; sudah dipakai"),
        ({"slug": "Tidak Sah!"}, "Slug &#x27;tidak sah!&#x27; tidak sah"),
        ({"village": ""}, "wajib diisi."),
    ],
)
def test_bad_registration_shows_indonesian_field_errors_and_creates_nothing(
    client, world, overrides, message, django_capture_on_commit_callbacks
):
    client.force_login(world["admin"])
    before = counts()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("kim:add"), _registration("bangka", **overrides))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert counts() == before
    assert len(mail.outbox) == 0


def test_registering_the_same_kim_twice_changes_nothing(client, world):
    client.force_login(world["admin"])
    client.post(reverse("kim:add"), _registration("bangka"))
    before = counts()
    response = client.post(reverse("kim:add"), _registration("bangka"), follow=True)
    assert "sudah terdaftar; tidak ada yang diubah" in response.content.decode()
    assert counts() == before


# --- Editing the registry ----------------------------------------------------------------------


def test_registry_fields_are_editable_and_audited(client, world):
    client.force_login(world["moderator"])
    kim = world["bangka"]
    data = {
        "district": "Merawang",
        "village": "Jada Bahrin",
        "kemendagri_code": "19.01.04.2001",
        "sk_number": "488/12/2023",
        "sk_date": "2023-12-01",
        "founded_date": "2019-05-02",
        "address": "Jl. Raya Jada Bahrin",
        "phone": "081234",
        "email": "kim@contoh.id",
        "facebook_url": "https://facebook.com/kimjada",
        "instagram_url": "",
        "youtube_url": "",
        "tiktok_url": "",
    }
    response = client.post(reverse("kim:edit", args=[kim.pk]), data)
    assert response.status_code == 302
    kim.refresh_from_db()
    assert kim.kemendagri_code == "19.01.04.2001" and kim.sk_date.isoformat() == "2023-12-01"
    assert ModelLogEntry.objects.filter(action="wagtail.edit", object_id=str(kim.pk), user=world["moderator"]).exists()
    data["kemendagri_code"] = "19-01"
    response = client.post(reverse("kim:edit", args=[kim.pk]), data)
    assert response.status_code == 200
    assert "Format kode: 19.01.01.2001" in response.content.decode()


def test_name_slug_and_regency_are_not_editable(client, world):
    client.force_login(world["admin"])
    kim = world["bangka"]
    html = client.get(reverse("kim:edit", args=[kim.pk])).content.decode()
    assert 'name="kemendagri_code"' in html
    for field in ('name="name"', 'name="slug"', 'name="regency"', 'name="status"'):
        assert field not in html


# --- Actions -----------------------------------------------------------------------------------


def test_suspend_asks_for_confirmation_then_suspends_and_audits(client, world):
    client.force_login(world["moderator"])
    kim = world["bangka"]
    url = reverse("kim:suspend", args=[kim.pk])
    page = client.get(url)
    assert "Ya, tangguhkan" in page.content.decode()
    assert Kim.objects.get(pk=kim.pk).status == Kim.Status.ACTIVE
    client.post(url)
    assert Kim.objects.get(pk=kim.pk).status == Kim.Status.SUSPENDED
    assert ModelLogEntry.objects.filter(
        action="kim_sites.suspend", object_id=str(kim.pk), user=world["moderator"]
    ).exists()
    client.post(reverse("kim:reactivate", args=[kim.pk]))
    assert Kim.objects.get(pk=kim.pk).status == Kim.Status.ACTIVE
    assert ModelLogEntry.objects.filter(action="kim_sites.reactivate", object_id=str(kim.pk)).exists()


def test_resend_activation_sends_a_new_link_and_kills_the_old_one(client, world, django_capture_on_commit_callbacks):
    kim = world["bangka"]
    old_path = activation_path_from(activation_url(kim.admin_group.user_set.get(email=kim.email)))
    client.force_login(world["moderator"])
    page = client.get(reverse("kim:resend", args=[kim.pk]))
    assert kim.email in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("kim:resend", args=[kim.pk]))
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [kim.email]
    new_path = activation_path_from(mail.outbox[0].body)
    assert ModelLogEntry.objects.filter(action="kim_sites.resend_activation", object_id=str(kim.pk)).exists()
    client.logout()
    assert "Tautan tidak berlaku" in client.get(old_path, follow=True).content.decode()
    assert 'name="new_password1"' in client.get(new_path, follow=True).content.decode()


def test_resend_activation_is_refused_when_every_account_is_active(client, world):
    kim = world["bangka"]
    for user in kim.admin_group.user_set.all():
        user.set_password("sudah-aktif-123")
        user.save()
    client.force_login(world["admin"])
    response = client.post(reverse("kim:resend", args=[kim.pk]), follow=True)
    assert "Semua akun KIM ini sudah aktif" in response.content.decode()
    assert len(mail.outbox) == 0


def test_inspect_shows_accounts_and_their_activation_state(client, world):
    client.force_login(world["admin"])
    html = client.get(reverse("kim:inspect", args=[world["bangka"].pk])).content.decode()
    assert world["bangka"].email in html
    assert "Menunggu aktivasi" in html
    assert world["editor"].email in html and "Sudah aktif" in html
    assert "kim-bangka-satu.kim.test" in html
