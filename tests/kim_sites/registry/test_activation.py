"""Activation through HTTP: the link from `create_kim` lets the new admin set a password and log
in, once; it expires; and it speaks Indonesian."""

import io
from datetime import timedelta

import pytest

from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from kim_sites.registry.activation import ActivationTokenGenerator, activation_url
from tests.support.mailbox import activation_path_from

pytestmark = pytest.mark.django_db

EMAIL = "admin.maju@contoh.id"
PASSWORD = "Pelangi-Bangka-2024"


@pytest.fixture
def link(django_capture_on_commit_callbacks):
    """The activation path printed by create_kim for a brand-new KIM admin (its e-mail is sent)."""
    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command(
            "create_kim",
            "--regency=bangka-tengah",
            "--name=KIM Maju Bersama",
            "--village=Nibung",
            "--district=Koba",
            f"--admin-email={EMAIL}",
            stdout=out,
        )
    return activation_path_from(out.getvalue())


def _open(client, path, **extra):
    """Follow the link; Django moves the token into the session and redirects to the form."""
    return client.get(path, follow=True, **extra)


def _set_password(client, path, password=PASSWORD, confirmation=None):
    form = _open(client, path)
    return client.post(
        form.redirect_chain[-1][0] if form.redirect_chain else path,
        {"new_password1": password, "new_password2": confirmation or password},
        follow=True,
    )


def test_emailed_link_is_the_printed_one(link):
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [EMAIL]
    assert activation_path_from(mail.outbox[0].body) == link


def test_new_admin_has_no_password_and_cannot_log_in_before_activation(client, link):
    user = get_user_model().objects.get(email=EMAIL)
    assert not user.has_usable_password()
    response = client.post(reverse("wagtailadmin_login"), {"username": EMAIL, "password": ""})
    assert "_auth_user_id" not in client.session
    assert response.status_code == 200


def test_link_sets_the_password_then_the_admin_logs_in(client, link):
    page = _open(client, link)
    html = page.content.decode()
    assert page.status_code == 200
    assert "Aktivasi akun" in html and EMAIL in html
    assert 'name="new_password1"' in html
    # The token has left the URL before the form is shown (no leak through Referer).
    assert link.split("/")[-2] not in page.redirect_chain[-1][0]

    done = _set_password(client, link)
    assert done.status_code == 200
    assert "Akun Anda sudah aktif" in done.content.decode()

    response = client.post(reverse("wagtailadmin_login"), {"username": EMAIL.upper(), "password": PASSWORD})
    assert response.status_code == 302
    assert client.get(reverse("wagtailadmin_home")).status_code == 200
    assert int(client.session["_auth_user_id"]) == get_user_model().objects.get(email=EMAIL).pk


def test_link_stops_working_once_used(client, link):
    _set_password(client, link)
    client.logout()
    again = _open(client, link)
    html = again.content.decode()
    assert "Tautan tidak berlaku" in html
    assert 'name="new_password1"' not in html
    # And cannot be used to change the password a second time.
    client.post(
        again.redirect_chain[-1][0] if again.redirect_chain else link,
        {"new_password1": "Lain-Sekali-999", "new_password2": "Lain-Sekali-999"},
    )
    assert get_user_model().objects.get(email=EMAIL).check_password(PASSWORD)


@pytest.mark.parametrize(
    ("password", "confirmation", "message"),
    [
        ("123", "123", "Kata sandi terlalu pendek. Harus mengandung setidaknya 8 karakter."),
        ("password", "password", "Kata sandi ini terlalu umum."),
        ("Pelangi-Bangka-2024", "Pelangi-Bangka-2025", "Dua bidang sandi tidak cocok."),
    ],
)
def test_bad_passwords_get_indonesian_errors_even_for_an_english_browser(client, link, password, confirmation, message):
    response = _set_password(client, link, password, confirmation)
    assert message in response.content.decode()
    assert not get_user_model().objects.get(email=EMAIL).has_usable_password()
    response = _open(client, link, HTTP_ACCEPT_LANGUAGE="en")
    assert "Sandi baru" in response.content.decode()


def test_link_expires(client, link, settings, monkeypatch):
    settings.KIM_ACTIVATION_TIMEOUT = 3 * 24 * 3600
    real_now = ActivationTokenGenerator._now

    def later(days):
        monkeypatch.setattr(ActivationTokenGenerator, "_now", lambda self: real_now(self) + timedelta(days=days))

    later(2)
    assert 'name="new_password1"' in _open(client, link).content.decode()
    client.cookies.clear()
    later(4)
    assert "Tautan tidak berlaku" in _open(client, link).content.decode()
    assert not get_user_model().objects.get(email=EMAIL).has_usable_password()


def test_expiry_follows_its_own_setting_not_password_reset(client, link, settings, monkeypatch):
    settings.PASSWORD_RESET_TIMEOUT = 60
    settings.KIM_ACTIVATION_TIMEOUT = 7 * 24 * 3600
    real_now = ActivationTokenGenerator._now
    monkeypatch.setattr(ActivationTokenGenerator, "_now", lambda self: real_now(self) + timedelta(days=6))
    assert 'name="new_password1"' in _open(client, link).content.decode()


def test_a_password_reset_token_is_not_an_activation_token(client, link):
    user = get_user_model().objects.get(email=EMAIL)
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    reset_token = default_token_generator.make_token(user)
    response = _open(client, reverse("kim_activate", kwargs={"uidb64": uid, "token": reset_token}))
    assert "Tautan tidak berlaku" in response.content.decode()


def test_an_activation_token_does_not_reset_a_password_in_the_admin(client, link):
    token = link.rstrip("/").split("/")[-1]
    uid = link.rstrip("/").split("/")[-2]
    response = client.get(
        reverse("wagtailadmin_password_reset_confirm", kwargs={"uidb64": uid, "token": token}), follow=True
    )
    assert 'name="new_password1"' not in response.content.decode()


def test_a_deactivated_account_cannot_activate(client, link):
    get_user_model().objects.filter(email=EMAIL).update(is_active=False)
    assert "Tautan tidak berlaku" in _open(client, link).content.decode()


def test_a_new_link_kills_the_previous_one(client, link):
    from kim_sites.models import Kim
    from kim_sites.registry.provisioning import resend_activation

    kim = Kim.objects.get(slug="kim-maju-bersama")
    [(user, new_url)] = resend_activation(kim, send_email=False)
    assert "Tautan tidak berlaku" in _open(client, link).content.decode()
    client.cookies.clear()
    new_path = activation_path_from(new_url)
    assert new_path != link
    assert 'name="new_password1"' in _open(client, new_path).content.decode()


def test_a_link_for_an_unknown_account_is_refused(client, link):
    response = _open(client, "/aktivasi/OTk5OTk/abc-123/")
    assert "Tautan tidak berlaku" in response.content.decode()


def test_moderator_activates_the_same_way(client, django_capture_on_commit_callbacks):
    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command(
            "add_moderator", "--regency=belitung", "--email=pembina@belitung.id", "--name=Siti Aminah", stdout=out
        )
    path = activation_path_from(out.getvalue())
    assert "moderator" in mail.outbox[0].body and "Kabupaten Belitung" in mail.outbox[0].body
    _set_password(client, path)
    assert client.login(username="pembina@belitung.id", password=PASSWORD)


def test_activation_url_is_absolute_on_the_admin_host():
    user = get_user_model().objects.create(username="x@contoh.id", email="x@contoh.id")
    user.set_unusable_password()
    user.save()
    assert activation_url(user).startswith("https://admin.kim.test/aktivasi/")
