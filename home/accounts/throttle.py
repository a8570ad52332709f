"""Counters of failed attempts on the account endpoints, kept in a store every process shares.

Every app process must see the same counters, or each gunicorn worker would grant its own quota.
They live in the cache named by KIM_ACCOUNT_THROTTLE_CACHE when that cache is shared (Redis, the
database cache); when it is process-local (local memory, as without REDIS_URL), or shared but
down, they live in the database instead (`FailureCounter`), so no configuration and no outage can
make them per-process or lose them.

A lockout is keyed on the account *and* the client address, never on the account alone, so a
stranger cannot keep a real user out: at worst they lock themselves out. A second, looser counter
per client address stops one client from trying many accounts. Counting starts at the first
failure and ends KIM_ACCOUNT_THROTTLES[scope]["window"] seconds later (the cool-off); attempts
refused while locked are not counted, so a lockout cannot be prolonged by hammering it.
The client address comes from kim_sites.access.client_ip, which trusts X-Forwarded-For only as far as
KIM_TRUSTED_PROXY_COUNT proxies wrote it.
"""

import hashlib
import time

from django.conf import settings
from django.core.cache import caches
from django.db import IntegrityError, transaction
from django.db.models import F

from home.accounts.models import FailureCounter
from kim_sites.access.client_ip import client_address
from kim_sites.conf import kim_settings
from kimcms.cache import cache_available

PROCESS_LOCAL_CACHES = {
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
}


def now():
    """The clock of the cool-off (a function, so that tests can move it)."""
    return time.time()


class CacheStore:
    """Counters in a shared cache: `add` + `incr`, atomic on Redis."""

    def __init__(self, cache):
        self.cache = cache

    def get(self, key, window):
        """(count, since) of the live window, or (0, None)."""
        since = self.cache.get(key + ":since")
        if since is None or now() - since >= window:
            return 0, None
        return int(self.cache.get(f"{key}:count:{since}", 0)), since

    def fail(self, key, window):
        _, since = self.get(key, window)
        if not cache_available(self.cache):
            # The cache failed on this very call: count in the database instead.
            return DatabaseStore().fail(key, window)
        if since is None:
            since = now()
            self.cache.set(key + ":since", since, timeout=window + 60)
        count_key = f"{key}:count:{since}"
        if self.cache.add(count_key, 1, timeout=window + 60):
            return 1
        try:
            return self.cache.incr(count_key)
        except ValueError:
            self.cache.set(count_key, 1, timeout=window + 60)
            return 1

    def clear(self, key):
        since = self.cache.get(key + ":since")
        self.cache.delete_many([key + ":since", f"{key}:count:{since}"])


class DatabaseStore:
    """Counters in the database, for deployments whose cache is not shared."""

    def get(self, key, window):
        row = FailureCounter.objects.filter(key=key).values_list("count", "since").first()
        if row is None or now() - row[1] >= window:
            return 0, None
        return row

    def fail(self, key, window):
        moment = now()
        FailureCounter.objects.filter(expires__lt=moment).delete()
        with transaction.atomic():
            updated = FailureCounter.objects.filter(key=key, since__gt=moment - window).update(count=F("count") + 1)
            if not updated:
                # No live window: start one (replacing an expired row, or racing another process).
                FailureCounter.objects.filter(key=key).delete()
                try:
                    with transaction.atomic():
                        FailureCounter.objects.create(key=key, count=1, since=moment, expires=moment + window)
                except IntegrityError:
                    FailureCounter.objects.filter(key=key).update(count=F("count") + 1)
        return FailureCounter.objects.filter(key=key).values_list("count", flat=True).first() or 1

    def clear(self, key):
        FailureCounter.objects.filter(key=key).delete()


def store():
    """The shared cache if the configured one is shared and answering, else the database.

    A shared cache that is down answers every call as a miss (kimcms/cache.py): counting there
    would let every guess through, so while this process takes it for down the counters are kept
    in the database."""
    alias = kim_settings.KIM_ACCOUNT_THROTTLE_CACHE
    if settings.CACHES.get(alias, {}).get("BACKEND") in PROCESS_LOCAL_CACHES:
        return DatabaseStore()
    backend = caches[alias]
    if not cache_available(backend):
        return DatabaseStore()
    return CacheStore(backend)


class Throttle:
    """At most `limit` failures per key in `window` seconds, for one scope of KIM_ACCOUNT_THROTTLES."""

    def __init__(self, scope):
        self.scope = scope

    @property
    def limit(self):
        return int(kim_settings.KIM_ACCOUNT_THROTTLES[self.scope]["limit"])

    @property
    def window(self):
        return int(kim_settings.KIM_ACCOUNT_THROTTLES[self.scope]["window"])

    def _key(self, parts):
        digest = hashlib.sha256("\x1f".join(str(part).strip().lower() for part in parts).encode()).hexdigest()
        return f"kim-throttle:{self.scope}:{digest}"

    def failures(self, *parts):
        return store().get(self._key(parts), self.window)[0]

    def is_blocked(self, *parts):
        return self.failures(*parts) >= self.limit

    def minutes_left(self, *parts):
        """Whole minutes until the cool-off ends (at least 1)."""
        _, since = store().get(self._key(parts), self.window)
        remaining = self.window if since is None else self.window - (now() - since)
        return max(1, int(-(-remaining // 60)))

    def fail(self, *parts):
        """Count one failure; returns the number of failures in the current window."""
        return store().fail(self._key(parts), self.window)

    def clear(self, *parts):
        store().clear(self._key(parts))


LOGIN = Throttle("login")
LOGIN_CLIENT = Throttle("login-client")
OTP = Throttle("otp")
OTP_ACCOUNT = Throttle("otp-account")
PASSWORD_RESET = Throttle("password-reset")
PASSWORD_RESET_CLIENT = Throttle("password-reset-client")
ACCOUNT_LINK = Throttle("account-link")


class LoginGuard:
    """The two login counters of one sign-in attempt: this account from this client, and this client."""

    def __init__(self, request, account):
        self.account = account or ""
        self.client = client_address(request)

    def is_blocked(self):
        return LOGIN.is_blocked(self.account, self.client) or LOGIN_CLIENT.is_blocked(self.client)

    def minutes_left(self):
        if LOGIN.is_blocked(self.account, self.client):
            return LOGIN.minutes_left(self.account, self.client)
        return LOGIN_CLIENT.minutes_left(self.client)

    def fail(self):
        LOGIN.fail(self.account, self.client)
        LOGIN_CLIENT.fail(self.client)

    def succeed(self):
        LOGIN.clear(self.account, self.client)


class OtpGuard:
    """Second-factor codes: this account from this client, and this account from anywhere.

    The per-account counter can lock a real user out only for someone who already has the
    password, and only for one window at a time; without it a botnet could walk the code space.
    """

    def __init__(self, request, user):
        self.user_key = f"user:{user.pk}"
        self.client = client_address(request)

    def is_blocked(self):
        return OTP.is_blocked(self.user_key, self.client) or OTP_ACCOUNT.is_blocked(self.user_key)

    def minutes_left(self):
        if OTP.is_blocked(self.user_key, self.client):
            return OTP.minutes_left(self.user_key, self.client)
        return OTP_ACCOUNT.minutes_left(self.user_key)

    def fail(self):
        OTP.fail(self.user_key, self.client)
        OTP_ACCOUNT.fail(self.user_key)

    def succeed(self):
        OTP.clear(self.user_key, self.client)
        OTP_ACCOUNT.clear(self.user_key)
