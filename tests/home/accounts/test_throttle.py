"""Login, password-reset and activation-link throttling through the real admin and public URLs.

Counters are per account and client address, and per client address; they end after a cool-off,
and X-Forwarded-For counts only as far as the trusted proxies wrote it.
"""

import pytest

from django.core import mail
from django.test import override_settings
from django.urls import reverse

from home.accounts import throttle
from home.accounts.models import FailureCounter
from kim_sites.registry.activation import activation_path
from kimcms.cache import ResilientRedisCache
from tests.factories.accounts import DEFAULT_PASSWORD, UserFactory
from tests.kimcms.test_cache_outage import Clock, caches_at
from tests.support.services import free_port

pytestmark = pytest.mark.django_db

LOCKED = "Terlalu banyak percobaan masuk yang gagal"
LOGIN_LIMIT = 5


@pytest.fixture
def user():
    return UserFactory(email="pembina@kominfo-uji.id")


def attempt(client, email, password, **extra):
    return client.post(reverse("wagtailadmin_login"), {"username": email, "password": password}, **extra)


def signed_in(client):
    return "_auth_user_id" in client.session


def fail_times(client, email, times, **extra):
    for _ in range(times):
        response = attempt(client, email, "salah-sekali", **extra)
        assert response.status_code == 200
        assert not signed_in(client)


def test_right_password_refused_after_too_many_wrong_ones(client, user):
    fail_times(client, user.email, LOGIN_LIMIT)
    response = attempt(client, user.email, DEFAULT_PASSWORD)
    assert response.status_code == 200
    assert not signed_in(client)
    content = response.content.decode()
    assert LOCKED in content
    assert "coba lagi dalam 15 menit" in content


def test_fewer_failures_than_the_limit_do_not_lock(client, user):
    fail_times(client, user.email, LOGIN_LIMIT - 1)
    assert attempt(client, user.email, DEFAULT_PASSWORD).status_code == 302
    assert signed_in(client)


def test_a_success_starts_the_count_again(client, user):
    fail_times(client, user.email, LOGIN_LIMIT - 1)
    assert attempt(client, user.email, DEFAULT_PASSWORD).status_code == 302
    client.logout()
    fail_times(client, user.email, LOGIN_LIMIT - 1)
    assert attempt(client, user.email, DEFAULT_PASSWORD).status_code == 302


def test_another_client_is_not_locked_out(client, user):
    fail_times(client, user.email, LOGIN_LIMIT, REMOTE_ADDR="198.51.100.7")
    assert LOCKED in attempt(client, user.email, DEFAULT_PASSWORD, REMOTE_ADDR="198.51.100.7").content.decode()
    assert attempt(client, user.email, DEFAULT_PASSWORD, REMOTE_ADDR="203.0.113.20").status_code == 302
    assert signed_in(client)


def test_the_cool_off_ends_the_lockout_and_refused_attempts_do_not_prolong_it(client, user, monkeypatch):
    start = throttle.now()
    fail_times(client, user.email, LOGIN_LIMIT)
    monkeypatch.setattr(throttle, "now", lambda: start + 14 * 60)
    # Hammering a locked account neither counts nor extends the lockout.
    for _ in range(10):
        assert LOCKED in attempt(client, user.email, "salah-sekali").content.decode()
    monkeypatch.setattr(throttle, "now", lambda: start + 15 * 60 + 1)
    assert attempt(client, user.email, DEFAULT_PASSWORD).status_code == 302


def test_spoofed_forwarded_for_does_not_reset_the_count_without_proxy(client, user):
    for n in range(LOGIN_LIMIT):
        attempt(client, user.email, "salah", HTTP_X_FORWARDED_FOR=f"10.9.8.{n}")
    response = attempt(client, user.email, DEFAULT_PASSWORD, HTTP_X_FORWARDED_FOR="10.9.8.200")
    assert LOCKED in response.content.decode()
    assert not signed_in(client)


@override_settings(KIM_TRUSTED_PROXY_COUNT=1)
def test_spoofed_forwarded_for_does_not_reset_the_count_behind_a_proxy(client, user):
    # The proxy appends the address it saw; whatever the client wrote before it is ignored.
    for n in range(LOGIN_LIMIT):
        attempt(client, user.email, "salah", HTTP_X_FORWARDED_FOR=f"10.9.8.{n}, 203.0.113.9", REMOTE_ADDR="10.0.0.2")
    response = attempt(
        client, user.email, DEFAULT_PASSWORD, HTTP_X_FORWARDED_FOR="10.9.8.200, 203.0.113.9", REMOTE_ADDR="10.0.0.2"
    )
    assert LOCKED in response.content.decode()
    # The proxy reports a different client: that one is not locked.
    other = attempt(client, user.email, DEFAULT_PASSWORD, HTTP_X_FORWARDED_FOR="203.0.113.10", REMOTE_ADDR="10.0.0.2")
    assert other.status_code == 302


def test_one_client_cannot_try_many_accounts(client, user, settings):
    settings.KIM_ACCOUNT_THROTTLES = {**settings.KIM_ACCOUNT_THROTTLES, "login-client": {"limit": 8, "window": 900}}
    for n in range(8):
        attempt(client, f"tebakan{n}@contoh.id", "salah")
    response = attempt(client, user.email, DEFAULT_PASSWORD)
    assert LOCKED in response.content.decode()
    assert attempt(client, user.email, DEFAULT_PASSWORD, REMOTE_ADDR="203.0.113.30").status_code == 302


def test_unknown_accounts_are_counted_like_known_ones(client):
    fail_times(client, "tidak-ada@contoh.id", LOGIN_LIMIT)
    assert LOCKED in attempt(client, "tidak-ada@contoh.id", "apa-saja").content.decode()


# --- Password reset ----------------------------------------------------------------------------

RESET_LOCKED = "Terlalu banyak percobaan"


def request_reset(client, email, **extra):
    return client.post(reverse("wagtailadmin_password_reset"), {"email": email}, **extra)


def test_password_reset_emails_are_limited_per_address_and_client(client, user):
    for _ in range(3):
        assert request_reset(client, user.email).status_code == 302
    assert len(mail.outbox) == 3
    response = request_reset(client, user.email)
    assert response.status_code == 429
    assert RESET_LOCKED in response.content.decode()
    assert len(mail.outbox) == 3
    # Another client can still ask for the same account's reset.
    assert request_reset(client, user.email, REMOTE_ADDR="203.0.113.40").status_code == 302
    assert len(mail.outbox) == 4


def test_password_reset_is_limited_per_client_across_addresses(client, user):
    for n in range(10):
        request_reset(client, f"orang{n}@contoh.id")
    response = request_reset(client, user.email)
    assert response.status_code == 429
    assert mail.outbox == []


def test_guessing_reset_links_is_limited(client, user):
    for n in range(10):
        path = reverse("wagtailadmin_password_reset_confirm", kwargs={"uidb64": "MQ", "token": f"abc-{n}"})
        assert client.get(path).status_code == 200
    path = reverse("wagtailadmin_password_reset_confirm", kwargs={"uidb64": "MQ", "token": "abc-x"})
    response = client.get(path)
    assert response.status_code == 429
    assert RESET_LOCKED in response.content.decode()


# --- Activation links --------------------------------------------------------------------------


def test_guessing_activation_links_is_limited_per_client(client):
    new_user = UserFactory(email="baru@kim-uji.id", password=None)
    new_user.set_unusable_password()
    new_user.save()
    real = activation_path(new_user)
    uid = real.split("/")[2]
    for n in range(10):
        response = client.get(reverse("kim_activate", kwargs={"uidb64": uid, "token": f"cxyz-{n}"}))
        assert response.status_code == 200
        assert response.context["validlink"] is False
    # Past the limit even the real link is refused from this client, with an Indonesian notice...
    response = client.get(real)
    assert response.status_code == 429
    assert "Terlalu banyak percobaan" in response.content.decode()
    # ...but works from the new user's own.
    assert client.get(real, REMOTE_ADDR="203.0.113.50").status_code == 302


def test_valid_links_are_not_counted(client):
    new_user = UserFactory(email="baru2@kim-uji.id")
    new_user.set_unusable_password()
    new_user.save()
    for _ in range(12):
        assert client.get(activation_path(new_user)).status_code == 302


# --- The shared store --------------------------------------------------------------------------


def test_without_a_shared_cache_the_counters_live_in_the_database(client, user, settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "x"}}
    assert isinstance(throttle.store(), throttle.DatabaseStore)
    fail_times(client, user.email, LOGIN_LIMIT)
    # What one process counted, any other reads from the database: here, a fresh store and cache.
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "y"}}
    assert FailureCounter.objects.filter(count=LOGIN_LIMIT).exists()
    assert LOCKED in attempt(client, user.email, DEFAULT_PASSWORD).content.decode()


def test_a_shared_cache_holds_the_counters(settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://x"}}
    assert isinstance(throttle.store(), throttle.CacheStore)


def test_expired_counters_are_removed(client, user, monkeypatch, settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "z"}}
    start = throttle.now()
    fail_times(client, user.email, 2)
    monkeypatch.setattr(throttle, "now", lambda: start + 3 * 3600)
    attempt(client, "lain@contoh.id", "salah")
    assert not FailureCounter.objects.filter(since__lt=start + 3600).exists()


def test_while_redis_is_down_the_counters_live_in_the_database(client, user, monkeypatch):
    """A shared cache that is down answers every call as a miss: the guesses are counted anyway."""
    monkeypatch.setattr(ResilientRedisCache, "clock", Clock())
    with override_settings(CACHES=caches_at(free_port())):
        fail_times(client, user.email, LOGIN_LIMIT)
        assert FailureCounter.objects.filter(count=LOGIN_LIMIT).exists()
        assert LOCKED in attempt(client, user.email, DEFAULT_PASSWORD).content.decode()
