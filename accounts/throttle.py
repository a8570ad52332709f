"""Counters of failed attempts on the account endpoints, kept in the shared cache.

Every app process must see the same counters, or each gunicorn worker would grant its own quota:
they live in the cache named by KIM_ACCOUNT_THROTTLE_CACHE (the default cache, which is Redis or
the database in production; `check --deploy` refuses a process-local one).

A lockout is keyed on the account *and* the client address, never on the account alone, so a
stranger cannot keep a real user out: at worst they lock themselves out. A second, looser counter
per client address stops one client from trying many accounts. Counting starts at the first
failure and ends KIM_ACCOUNT_THROTTLES[scope]["window"] seconds later (the cool-off); attempts
refused while locked are not counted, so a lockout cannot be prolonged by hammering it.
The client address comes from kim_sites.client_ip, which trusts X-Forwarded-For only as far as
KIM_TRUSTED_PROXY_COUNT proxies wrote it.
"""

import hashlib
import time

from django.conf import settings
from django.core.cache import caches

from kim_sites.client_ip import client_address


def now():
    """The clock of the cool-off (a function, so that tests can move it)."""
    return time.time()


def _cache():
    return caches[settings.KIM_ACCOUNT_THROTTLE_CACHE]


class Throttle:
    """At most `limit` failures per key in `window` seconds, for one scope of KIM_ACCOUNT_THROTTLES."""

    def __init__(self, scope):
        self.scope = scope

    @property
    def limit(self):
        return int(settings.KIM_ACCOUNT_THROTTLES[self.scope]["limit"])

    @property
    def window(self):
        return int(settings.KIM_ACCOUNT_THROTTLES[self.scope]["window"])

    def _keys(self, parts):
        digest = hashlib.sha256("\x1f".join(str(part).strip().lower() for part in parts).encode()).hexdigest()
        base = f"kim-throttle:{self.scope}:{digest}"
        return base + ":since", base + ":count"

    def _window_start(self, parts):
        since_key, _ = self._keys(parts)
        since = _cache().get(since_key)
        if since is None or now() - since >= self.window:
            return None
        return since

    def failures(self, *parts):
        since = self._window_start(parts)
        if since is None:
            return 0
        _, count_key = self._keys(parts)
        return int(_cache().get(f"{count_key}:{since}", 0))

    def is_blocked(self, *parts):
        return self.failures(*parts) >= self.limit

    def minutes_left(self, *parts):
        """Whole minutes until the cool-off ends (at least 1)."""
        since = self._window_start(parts)
        remaining = self.window if since is None else self.window - (now() - since)
        return max(1, int(-(-remaining // 60)))

    def fail(self, *parts):
        """Count one failure; returns the number of failures in the current window."""
        cache = _cache()
        since_key, count_key = self._keys(parts)
        since = self._window_start(parts)
        if since is None:
            since = now()
            cache.set(since_key, since, timeout=self.window + 60)
        key = f"{count_key}:{since}"
        # add + incr: atomic on Redis, so concurrent failures in several processes all count.
        if cache.add(key, 1, timeout=self.window + 60):
            return 1
        try:
            return cache.incr(key)
        except ValueError:
            cache.set(key, 1, timeout=self.window + 60)
            return 1

    def clear(self, *parts):
        since_key, count_key = self._keys(parts)
        cache = _cache()
        since = cache.get(since_key)
        cache.delete_many([since_key, f"{count_key}:{since}"])


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
