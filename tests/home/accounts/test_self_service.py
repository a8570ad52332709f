"""Self-service of every admin account, through the real URLs: the password reset from the login
page, and the account page's name, password and e-mail address (confirmed through the new address)."""

import re
import types

import pytest
from bs4 import BeautifulSoup

from django.contrib.auth import get_user_model
from django.core import mail, signing
from django.core.mail.backends.base import BaseEmailBackend
from django.test import Client
from django.urls import reverse

from wagtail.models import ModelLogEntry

from home.accounts import email_change, throttle
from kim_sites.conf import kim_settings
from kim_sites.models import OutboxMessage
from tests.factories.accounts import DEFAULT_PASSWORD, UserFactory, make_editor
from tests.support.admin import login
from tests.support.language import leaks, visible_text

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "Lada-putih-Muntok-2026"


@pytest.fixture
def user(kim):
    return make_editor(kim, email="ketua@kim-uji.id")


def assert_indonesian(response, status=200):
    assert response.status_code == status
    found = leaks(visible_text(response.content.decode()))
    assert not found, "English on the screen:\n" + "\n".join(found)


def link_in(message):
    """The path of the first link of an e-mail."""
    url = re.search(r"https?://\S+", message.body).group(0)
    return "/" + url.split("/", 3)[3]


def signs_in(email, password):
    response = Client().post(reverse("wagtailadmin_login"), {"username": email, "password": password})
    return response.status_code == 302


def account_form(client):
    """The account page's form as a browser posts it unchanged."""
    response = client.get(reverse("wagtailadmin_account"))
    assert response.status_code == 200
    form = BeautifulSoup(response.content, "html.parser").select_one("form[method=post]")
    data = {}
    for field in form.select("input[name], select[name], textarea[name]"):
        name = field["name"]
        if field.name == "select":
            option = field.select_one("option[selected]") or field.select_one("option")
            data[name] = option.get("value", "") if option else ""
        elif field.get("type") in ("checkbox", "radio"):
            if field.has_attr("checked"):
                data[name] = field.get("value", "on")
        elif field.get("type") != "file":
            data[name] = field.get("value", "") if field.name == "input" else field.text
    return data


def save_account(client, **changes):
    data = account_form(client)
    data.update(changes)
    return client.post(reverse("wagtailadmin_account"), data)


# --- Password reset ------------------------------------------------------------------------------


def test_the_login_page_links_to_the_password_reset_in_indonesian(client):
    html = client.get(reverse("wagtailadmin_login")).content.decode()
    link = BeautifulSoup(html, "html.parser").find("a", href=reverse("wagtailadmin_password_reset"))
    assert link is not None
    assert link.get_text(strip=True) == "Lupa kata sandi?"


def test_password_reset_end_to_end_in_indonesian(client, user):
    assert_indonesian(client.get(reverse("wagtailadmin_password_reset")))
    response = client.post(reverse("wagtailadmin_password_reset"), {"email": user.email}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("wagtailadmin_password_reset_done")
    assert_indonesian(response)

    # The mail went through the outbox, to the account's address, in Indonesian.
    assert OutboxMessage.objects.filter(recipients=user.email).count() == 1
    (message,) = mail.outbox
    assert message.to == [user.email]
    assert "kata sandi" in message.subject.lower()
    assert not leaks(message.subject + "\n" + message.body)

    response = client.get(link_in(message), follow=True)
    assert_indonesian(response)
    assert response.context["validlink"] is True
    form_url = response.redirect_chain[-1][0]
    mismatch = client.post(form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD + "x"})
    assert_indonesian(mismatch)
    assert "tidak cocok" in mismatch.content.decode()

    response = client.post(form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("wagtailadmin_password_reset_complete")
    assert_indonesian(response)
    assert signs_in(user.email, NEW_PASSWORD)
    assert not signs_in(user.email, DEFAULT_PASSWORD)
    # The link worked once.
    again = client.get(link_in(message), follow=True)
    assert again.context["validlink"] is False
    assert_indonesian(again)


class RefusingBackend(BaseEmailBackend):
    """An SMTP server that is down."""

    def send_messages(self, messages):
        raise ConnectionRefusedError("SMTP down")


def test_password_reset_succeeds_while_smtp_is_down(client, user, settings):
    settings.KIM_EMAIL_DELIVERY_BACKEND = f"{__name__}.RefusingBackend"
    response = client.post(reverse("wagtailadmin_password_reset"), {"email": user.email})
    assert response.status_code == 302
    queued = OutboxMessage.objects.get(recipients=user.email)
    assert queued.sent_at is None and queued.failed_at is None  # kept for the next attempt


def test_password_reset_requests_are_throttled(client, user):
    for _ in range(throttle.PASSWORD_RESET.limit):
        assert client.post(reverse("wagtailadmin_password_reset"), {"email": user.email}).status_code == 302
    response = client.post(reverse("wagtailadmin_password_reset"), {"email": user.email})
    assert_indonesian(response, status=429)
    assert len(mail.outbox) == throttle.PASSWORD_RESET.limit


# --- Name and password on the account page ----------------------------------------------------------


def test_the_account_page_is_in_indonesian_with_name_and_email_panels(user):
    response = login(user).get(reverse("wagtailadmin_account"))
    assert_indonesian(response)
    html = response.content.decode()
    assert 'name="name_email-first_name"' in html
    assert 'name="name_email-email"' not in html  # Wagtail's panel no longer saves the address
    assert 'name="email-email"' in html


def test_changing_ones_name(user):
    client = login(user)
    response = save_account(client, **{"name_email-first_name": "Siti", "name_email-last_name": "Aminah"})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.get_full_name() == "Siti Aminah"
    assert mail.outbox == []


def test_changing_ones_password(user):
    client = login(user)
    wrong = save_account(
        client,
        **{
            "password-old_password": "bukan-ini",
            "password-new_password1": NEW_PASSWORD,
            "password-new_password2": NEW_PASSWORD,
        },
    )
    assert_indonesian(wrong)
    assert "Kata sandi lama Anda salah" in wrong.content.decode() or "sandi lama" in wrong.content.decode().lower()

    response = save_account(
        client,
        **{
            "password-old_password": DEFAULT_PASSWORD,
            "password-new_password1": NEW_PASSWORD,
            "password-new_password2": NEW_PASSWORD,
        },
    )
    assert response.status_code == 302
    assert client.get(reverse("wagtailadmin_account")).status_code == 200  # still signed in
    assert signs_in(user.email, NEW_PASSWORD)
    assert not signs_in(user.email, DEFAULT_PASSWORD)


# --- E-mail address, confirmed through the new one -------------------------------------------------


def request_email_change(client, new_email):
    return save_account(client, **{"email-email": new_email})


def test_an_email_change_is_confirmed_through_the_new_address(user):
    client = login(user)
    response = request_email_change(client, " Ketua.Baru@Contoh.ID ")
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.email == "ketua@kim-uji.id"  # not yet
    (message,) = mail.outbox
    assert message.to == ["ketua.baru@contoh.id"]
    assert not leaks(message.subject + "\n" + message.body)

    page = client.get(link_in(message))
    assert_indonesian(page)
    assert page.context["validlink"] is True
    user.refresh_from_db()
    assert user.email == "ketua@kim-uji.id"  # opening the link alone changes nothing

    response = client.post(link_in(message))
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.email == "ketua.baru@contoh.id"
    assert user.username == "ketua.baru@contoh.id"
    notice = mail.outbox[-1]
    assert notice.to == ["ketua@kim-uji.id"]
    assert "ketua.baru@contoh.id" in notice.body
    assert not leaks(notice.subject + "\n" + notice.body)
    entry = ModelLogEntry.objects.for_instance(user).get(action=email_change.EMAIL_CHANGED)
    assert entry.data == {"old_email": "ketua@kim-uji.id", "new_email": "ketua.baru@contoh.id"}
    assert entry.user == user
    assert signs_in("ketua.baru@contoh.id", DEFAULT_PASSWORD)
    assert not signs_in("ketua@kim-uji.id", DEFAULT_PASSWORD)


def test_an_address_of_another_account_is_refused_in_indonesian(user):
    UserFactory(email="dipakai@contoh.id")
    response = request_email_change(login(user), "Dipakai@contoh.id")
    assert_indonesian(response)
    assert "sudah dipakai akun lain" in response.content.decode()
    assert mail.outbox == []


def test_a_link_whose_address_was_taken_meanwhile_changes_nothing(user):
    client = login(user)
    request_email_change(client, "rebutan@contoh.id")
    UserFactory(email="rebutan@contoh.id")
    response = client.post(link_in(mail.outbox[0]))
    assert_indonesian(response)
    assert "sudah dipakai akun lain" in response.content.decode()
    user.refresh_from_db()
    assert user.email == "ketua@kim-uji.id"


def failures():
    return throttle.ACCOUNT_LINK.failures("127.0.0.1")


def test_an_expired_link_is_refused_and_counted(user, monkeypatch):
    client = login(user)
    request_email_change(client, "baru@contoh.id")
    later = signing.time.time() + kim_settings.KIM_EMAIL_CHANGE_TIMEOUT + 60
    monkeypatch.setattr(signing, "time", types.SimpleNamespace(time=lambda: later))
    response = client.post(link_in(mail.outbox[0]))
    assert_indonesian(response)
    assert "kedaluwarsa" in response.content.decode()
    assert response.context["validlink"] is False
    user.refresh_from_db()
    assert user.email == "ketua@kim-uji.id"
    assert failures() == 1


def test_the_link_of_another_user_is_refused_and_counted(user, kim):
    request_email_change(login(user), "baru@contoh.id")
    other = make_editor(kim, email="anggota@kim-uji.id")
    response = login(other).post(link_in(mail.outbox[0]))
    assert_indonesian(response)
    assert "akun lain" in response.content.decode()
    user.refresh_from_db()
    other.refresh_from_db()
    assert (user.email, other.email) == ("ketua@kim-uji.id", "anggota@kim-uji.id")
    assert failures() == 1


def test_a_link_works_once(user):
    client = login(user)
    request_email_change(client, "baru@contoh.id")
    request_email_change(client, "lain@contoh.id")
    first, second = (link_in(message) for message in mail.outbox)
    assert client.post(first).status_code == 302
    # Replayed, or a link of an earlier request: refused once any change is made.
    for link in (first, second):
        response = client.post(link)
        assert_indonesian(response)
        assert response.context["validlink"] is False
    user.refresh_from_db()
    assert user.email == "baru@contoh.id"
    assert failures() == 2
    # Even once the address is back to the one the first link started from.
    request_email_change(client, "ketua@kim-uji.id")
    assert client.post(link_in(mail.outbox[-1])).status_code == 302
    user.refresh_from_db()
    assert user.email == "ketua@kim-uji.id"
    assert client.post(first).context["validlink"] is False


def test_a_forged_link_is_refused_and_counted(user):
    response = login(user).get(reverse("kim_accounts_email_confirm", kwargs={"token": "bukan-token"}))
    assert_indonesian(response)
    assert response.context["validlink"] is False
    assert failures() == 1


def test_a_signed_out_visitor_is_sent_to_the_login_page(client, user):
    request_email_change(login(user), "baru@contoh.id")
    response = client.post(link_in(mail.outbox[0]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("wagtailadmin_login"))
    assert get_user_model().objects.get(pk=user.pk).email == "ketua@kim-uji.id"
