"""Two-factor authentication through the admin: who must have it, enrolment, codes, recovery codes,
the provincial admin's reset, throttling and the audit trail.

The unit-test settings leave enforcement off (the suite signs in with force_login); every test
here turns it on, as base, dev and production settings have it.
"""

import io
import re
from importlib import import_module

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse
from django.urls.exceptions import Resolver404

from wagtail.models import ModelLogEntry, PageViewRestriction

from home.accounts import throttle, two_factor
from home.accounts.middleware import UNVERIFIED_URL_NAMES
from tests.factories.accounts import UserFactory, make_editor, make_moderator, make_provincial_admin
from tests.factories.registry import make_kim

pytestmark = pytest.mark.django_db

ENROL = reverse("kim_accounts_enrol")
VERIFY = reverse("kim_accounts_verify")
ADMIN = reverse("wagtailadmin_home")


@pytest.fixture(autouse=True)
def _enforced(settings):
    settings.KIM_2FA_ENFORCED = True


@pytest.fixture
def kim():
    return make_kim("bangka", name="KIM Dua Faktor")


@pytest.fixture
def editor(kim):
    return make_editor(kim)


@pytest.fixture
def moderator():
    return make_moderator("bangka")


@pytest.fixture
def provincial_admin():
    return make_provincial_admin(email="provinsi@kim.test")


def code_for(device, steps_ahead=0):
    """The code the authenticator app shows now (or `steps_ahead` periods later)."""
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=device.drift + steps_ahead):06d}"


def add_device(user):
    device = TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    StaticToken.objects.create(
        device=StaticDevice.objects.create(user=user, name="pemulihan", confirmed=True), token="pulih123"
    )
    return device


def verified_client(client, user, device=None):
    """A client signed in with password and second factor, as a real session would be."""
    device = device or add_device(user)
    client.force_login(user)
    response = client.post(VERIFY, {"code": code_for(device), "next": ADMIN})
    assert response.status_code == 302, response.content.decode()[:2000]
    return client


def actions(user):
    return list(ModelLogEntry.objects.filter(object_id=str(user.pk)).values_list("action", flat=True))


# --- Who must have a second factor --------------------------------------------------------------


def test_roles(moderator, provincial_admin, editor):
    superuser = UserFactory(email="super@kim.test", is_superuser=True)
    assert two_factor.is_required(moderator)
    assert two_factor.is_required(provincial_admin)
    assert two_factor.is_required(superuser)
    assert not two_factor.is_required(editor)


def test_enforced_outside_the_unit_test_settings():
    assert import_module("kimcms.settings.base").KIM_2FA_ENFORCED is True
    assert import_module("kimcms.settings.dev").KIM_2FA_ENFORCED is True


def admin_paths():
    """One concrete path for every admin URL pattern that resolves (arguments filled with 1 or x)."""
    root = next(p for p in get_resolver().url_patterns if isinstance(p, URLResolver) and str(p.pattern) == "admin/")
    paths = set()

    def walk(patterns, prefix):
        for pattern in patterns:
            route = str(pattern.pattern).lstrip("^").rstrip("$").replace("\\Z", "")
            route = re.sub(r"<int:\w+>|\(\?P<\w+>\\d\+\)|\(\\d\+\)", "1", route)
            route = re.sub(r"<(\w+:)?\w+>|\(\?P<\w+>[^)]*\)|\([^)]*\)", "x", route)
            route = route.replace("\\", "").replace("?", "")
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, prefix + route)
            elif isinstance(pattern, URLPattern):
                paths.add("/" + prefix + route)

    walk(root.url_patterns, "admin/")
    for admin_root in [p for p in get_resolver().url_patterns if str(p.pattern) == "admin/"][1:]:
        walk(admin_root.url_patterns, "admin/")
    resolved = []
    for path in sorted(paths):
        try:
            match = resolve(path)
        except Resolver404:
            continue
        if match.url_name not in UNVERIFIED_URL_NAMES:
            resolved.append(path)
    return resolved


@pytest.mark.parametrize("role", ["moderator", "provincial_admin"])
def test_required_roles_without_device_reach_no_admin_url_before_enrolling(role, request, client):
    user = request.getfixturevalue(role)
    client.force_login(user)
    paths = admin_paths()
    assert len(paths) > 150
    for path in paths:
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"].startswith(ENROL), path
    response = client.post(reverse("wagtailadmin_pages:add_subpage", args=[1]), {})
    assert response.status_code == 302 and response["Location"].startswith(ENROL)


def test_a_user_with_a_device_reaches_no_admin_url_before_the_code(editor, client):
    add_device(editor)
    client.force_login(editor)
    for path in admin_paths():
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"].startswith(VERIFY), path


def test_the_redirect_keeps_the_destination(moderator, client):
    device = add_device(moderator)
    client.force_login(moderator)
    target = reverse("wagtailadmin_account")
    response = client.get(target)
    assert response["Location"] == f"{VERIFY}?next=%2Fadmin%2Faccount%2F"
    response = client.post(response["Location"], {"code": code_for(device), "next": target})
    assert response["Location"] == target
    assert client.get(target).status_code == 200


def test_optional_for_editors(editor, client):
    client.force_login(editor)
    assert client.get(ADMIN).status_code == 200
    assert client.get(reverse("kim_accounts_manage")).status_code == 200


def test_unverified_session_is_signed_out_outside_the_admin(moderator, client, kim):
    """A private page or document must not open to a password alone."""
    client.force_login(moderator)
    response = client.get(reverse("wagtailadmin_explore_root"))
    assert response.status_code == 302
    # The session is kept (the next step can finish it), but outside the admin it is nobody.
    PageViewRestriction.objects.create(page=kim.home_page, restriction_type=PageViewRestriction.LOGIN)
    response = client.get("/", HTTP_HOST=kim.site.hostname)
    assert response.status_code == 302
    assert "login" in response["Location"]


# --- Enrolment ----------------------------------------------------------------------------------


def test_enrolment_shows_a_local_qr_code_and_confirms_with_a_code(moderator, client):
    client.force_login(moderator)
    response = client.get(ENROL)
    content = response.content.decode()
    assert response.status_code == 200
    assert "Pasang autentikasi dua faktor" in content
    assert "<svg" in content and "http" not in content.split("<svg", 1)[1].split("</svg>", 1)[0].replace(
        "http://www.w3.org/2000/svg", ""
    )
    assert "no-store" in response["Cache-Control"]
    device = TOTPDevice.objects.get(user=moderator, confirmed=False)
    secret = re.search(r"data-totp-secret>([A-Z2-7 ]+)<", content).group(1)
    assert two_factor.secret_text(device) == secret

    wrong = client.post(ENROL, {"code": "000000" if code_for(device) != "000000" else "111111"})
    assert "Kode salah atau sudah kedaluwarsa" in wrong.content.decode()
    assert client.get(ADMIN)["Location"].startswith(ENROL)

    response = client.post(ENROL, {"code": code_for(device), "next": ADMIN})
    content = response.content.decode()
    assert response.status_code == 200
    assert "Kode pemulihan Anda" in content
    codes = re.findall(r"<li><code>(\w+)</code></li>", content)
    assert len(codes) == 10
    assert "no-store" in response["Cache-Control"]
    device.refresh_from_db()
    assert device.confirmed
    assert client.get(ADMIN).status_code == 200
    assert "kim_accounts.2fa_enrol" in actions(moderator)
    # Shown once: nothing shows them again.
    assert codes[0] not in client.get(reverse("kim_accounts_manage")).content.decode()


def test_enrolment_is_closed_to_a_password_alone_once_a_device_exists(moderator, client):
    add_device(moderator)
    client.force_login(moderator)
    response = client.get(ENROL)
    assert response["Location"].startswith(VERIFY)
    response = client.post(ENROL, {"code": "123456"})
    assert response["Location"].startswith(VERIFY)
    assert TOTPDevice.objects.filter(user=moderator).count() == 1


def test_enrolment_codes_are_throttled(moderator, client):
    client.force_login(moderator)
    client.get(ENROL)
    device = TOTPDevice.objects.get(user=moderator)
    for _ in range(5):
        client.post(ENROL, {"code": "abcdef"})
    response = client.post(ENROL, {"code": code_for(device)})
    assert response.status_code == 429
    assert "Terlalu banyak kode yang salah" in response.content.decode()
    device.refresh_from_db()
    assert not device.confirmed


# --- Signing in with a code ---------------------------------------------------------------------


def test_wrong_code_is_refused_and_audited(moderator, client):
    device = add_device(moderator)
    client.force_login(moderator)
    wrong = "000000" if code_for(device) != "000000" else "111111"
    response = client.post(VERIFY, {"code": wrong, "next": ADMIN})
    assert response.status_code == 200
    assert "Kode salah, sudah kedaluwarsa, atau sudah dipakai" in response.content.decode()
    assert client.get(ADMIN)["Location"].startswith(VERIFY)
    assert actions(moderator) == ["kim_accounts.2fa_verify_failed"]
    assert client.post(VERIFY, {"code": code_for(device), "next": ADMIN})["Location"] == ADMIN
    assert client.get(ADMIN).status_code == 200
    assert "kim_accounts.2fa_verify" in actions(moderator)


def test_a_code_is_good_once(moderator, client):
    device = add_device(moderator)
    code = code_for(device)
    verified_client(client, moderator, device)
    client.logout()
    client.force_login(moderator)
    response = client.post(VERIFY, {"code": code, "next": ADMIN})
    assert response.status_code == 200
    assert client.get(ADMIN).status_code == 302


def test_a_recovery_code_works_once(moderator, client):
    add_device(moderator)
    client.force_login(moderator)
    response = client.post(VERIFY, {"code": "pulih123", "next": ADMIN})
    assert response["Location"] == ADMIN
    response = client.get(ADMIN)
    assert response.status_code == 200
    assert "Anda masuk dengan kode pemulihan" in response.content.decode()
    assert "kim_accounts.2fa_recovery_used" in actions(moderator)
    client.logout()
    client.force_login(moderator)
    response = client.post(VERIFY, {"code": "pulih123", "next": ADMIN})
    assert response.status_code == 200
    assert client.get(ADMIN)["Location"].startswith(VERIFY)


def test_codes_are_throttled_per_account_and_client(moderator, client, monkeypatch):
    device = add_device(moderator)
    client.force_login(moderator)
    start = throttle.now()
    for _ in range(5):
        client.post(VERIFY, {"code": "abcdef"})
    response = client.post(VERIFY, {"code": code_for(device), "next": ADMIN})
    assert response.status_code == 429
    assert "Terlalu banyak kode yang salah" in response.content.decode()
    assert client.get(ADMIN)["Location"].startswith(VERIFY)
    # A recovery code is refused too while locked.
    assert client.post(VERIFY, {"code": "pulih123"}).status_code == 429
    monkeypatch.setattr(throttle, "now", lambda: start + 15 * 60 + 1)
    assert client.post(VERIFY, {"code": code_for(device), "next": ADMIN})["Location"] == ADMIN


def test_codes_are_throttled_per_account_across_clients(moderator, client):
    add_device(moderator)
    client.force_login(moderator)
    for n in range(20):
        client.post(VERIFY, {"code": "abcdef"}, REMOTE_ADDR=f"198.51.100.{n}")
    response = client.post(VERIFY, {"code": "pulih123"}, REMOTE_ADDR="203.0.113.77")
    assert response.status_code == 429


def test_verify_does_not_redirect_off_site(moderator, client):
    device = add_device(moderator)
    client.force_login(moderator)
    response = client.post(VERIFY, {"code": code_for(device), "next": "https://penipu.example/"})
    assert response["Location"] == ADMIN


# --- Managing one's own second factor -----------------------------------------------------------


def test_new_recovery_codes_replace_the_old(moderator, client):
    verified_client(client, moderator)
    response = client.post(reverse("kim_accounts_manage"), {"action": "recovery-codes"})
    codes = re.findall(r"<li><code>(\w+)</code></li>", response.content.decode())
    assert len(codes) == 10
    assert not StaticToken.objects.filter(token="pulih123").exists()
    assert "kim_accounts.2fa_recovery_renewed" in actions(moderator)


def test_an_editor_may_turn_it_off_a_moderator_may_not(editor, moderator, client):
    verified_client(client, editor)
    client.post(reverse("kim_accounts_manage"), {"action": "disable"})
    assert not two_factor.has_device(editor)
    assert "kim_accounts.2fa_disable" in actions(editor)
    client.logout()
    verified_client(client, moderator)
    client.post(reverse("kim_accounts_manage"), {"action": "disable"})
    assert two_factor.has_device(moderator)


def test_account_page_links_to_two_factor(editor, client):
    client.force_login(editor)
    content = client.get(reverse("wagtailadmin_account")).content.decode()
    assert reverse("kim_accounts_manage") in content
    assert "Autentikasi dua faktor" in content


# --- Reset by a provincial admin ----------------------------------------------------------------


def test_provincial_admin_resets_a_lost_device(provincial_admin, moderator, client):
    add_device(moderator)
    verified_client(client, provincial_admin)
    listing = client.get(reverse("wagtailusers_users:index")).content.decode()
    assert reverse("kim_accounts_reset", args=[moderator.pk]) in listing
    path = reverse("kim_accounts_reset", args=[moderator.pk])
    assert "Reset perangkat dua faktor" in client.get(path).content.decode()
    response = client.post(path)
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=moderator).exists()
    assert not StaticDevice.objects.filter(user=moderator).exists()
    entry = ModelLogEntry.objects.get(object_id=str(moderator.pk), action="kim_accounts.2fa_reset")
    assert entry.user_id == provincial_admin.pk


def test_reset_ends_the_verified_sessions_of_the_user(provincial_admin, moderator, client):
    device = add_device(moderator)
    moderator_client = verified_client(Client(), moderator, device)
    assert moderator_client.get(ADMIN).status_code == 200
    verified_client(client, provincial_admin)
    client.post(reverse("kim_accounts_reset", args=[moderator.pk]))
    assert moderator_client.get(ADMIN)["Location"].startswith(ENROL)


@pytest.mark.parametrize("role", ["moderator", "editor"])
def test_only_provincial_admins_may_reset(role, request, client, provincial_admin):
    actor = request.getfixturevalue(role)
    add_device(provincial_admin)
    verified_client(client, actor)
    path = reverse("kim_accounts_reset", args=[provincial_admin.pk])
    # Wagtail answers a PermissionDenied in its admin views with a redirect home and a message.
    for response in (client.get(path), client.post(path)):
        assert response.status_code == 302
        assert response["Location"] == ADMIN
    assert two_factor.has_device(provincial_admin)
    assert path not in client.get(reverse("wagtailusers_users:index")).content.decode()


def test_audit_actions_are_named_in_indonesian(moderator, provincial_admin, client):
    device = add_device(moderator)
    client.force_login(moderator)
    client.post(VERIFY, {"code": "abcdef"})
    client.post(VERIFY, {"code": code_for(device)})
    client.logout()
    verified_client(client, provincial_admin)
    response = client.get(reverse("wagtailadmin_reports:site_history"))
    content = response.content.decode()
    assert "Faktor kedua ditolak" in content
    assert "Faktor kedua terverifikasi" in content


def test_command_resets_the_last_provincial_admin(provincial_admin):
    add_device(provincial_admin)
    call_command("reset_two_factor", "--email", provincial_admin.email.upper(), stdout=io.StringIO())
    assert not two_factor.has_device(provincial_admin)
    assert "kim_accounts.2fa_reset" in actions(provincial_admin)
    with pytest.raises(CommandError):
        call_command("reset_two_factor", "--email", "tidak-ada@contoh.id")


def test_another_session_never_sees_the_key_being_enrolled(moderator, client):
    client.force_login(moderator)
    mine = re.search(r"data-totp-secret>([A-Z2-7 ]+)<", client.get(ENROL).content.decode()).group(1)
    assert re.search(r"data-totp-secret>([A-Z2-7 ]+)<", client.get(ENROL).content.decode()).group(1) == mine
    other = Client()
    other.force_login(moderator)
    theirs = re.search(r"data-totp-secret>([A-Z2-7 ]+)<", other.get(ENROL).content.decode()).group(1)
    assert theirs != mine
