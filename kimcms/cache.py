"""The shared cache (Redis) as a cache: when Redis is down or hangs, every call is a miss, never an error.

Everything the platform keeps in the cache can be rebuilt from the database: stored pages, the
site index's generation, the suspension set, the chrome of a site, login-failure counters. So
`ResilientRedisCache` (Django's RedisCache) answers a failed call as the cache would answer for
a key it does not hold: `get` returns the default, `set` and `delete` do nothing, `add` and
`has_key` return False, `incr` raises ValueError. The page is then built from the database.

- **Milliseconds, not seconds.** The client's connect and socket timeouts are short (settings:
  `REDIS_CONNECT_TIMEOUT`, `REDIS_SOCKET_TIMEOUT`), and after a failure the process does not try
  Redis again for `retry_seconds` (`CACHE_RETRY_SECONDS`): every call in between is a miss at once.
- **One warning per interval**, not one per request: the first failure, then at most one every
  `LOG_INTERVAL` seconds, then one when Redis answers again.
- **Nothing stale once Redis is back.** A write that failed (a purge's new generation, a
  suspension's delete, a page stored) may leave an older value in Redis, which keeps its data
  when it hangs or restarts from its dump. So, before its first call that reaches Redis again,
  a process that met a failure deletes:
  - the key of every write of its own that failed (above `MAX_LOST_KEYS` of them, the whole
    cache database is flushed instead: give KIM CMS a Redis database of its own);
  - the keys registered with `drop_after_outage`: the generations that every stored page, the
    site index and the suspension set depend on. This covers the writes lost by a process that
    did not live to repair them (a management command, a worker restarted during the outage).
  A background thread does the same within `retry_seconds` for a process that gets no request.
  A deleted key is a miss, so the value is rebuilt from the database.

The state (down until when, keys lost) is per process and shared by its threads, as Django's
cache objects are per thread.
"""

import logging
import threading
import time

from redis.exceptions import RedisError

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache

logger = logging.getLogger(__name__)

LOG_INTERVAL = 60
MAX_LOST_KEYS = 10_000
DEFAULT_RETRY_SECONDS = 1.0


class _Health:
    """What one process knows about one Redis location."""

    def __init__(self):
        self.lock = threading.RLock()
        self.down_until = 0.0
        self.down_since = None
        self.failures = 0
        self.last_error = ""
        self.logged_at = None
        self.lost = set()
        self.flush = False
        self.outage_seen = False
        self.thread = None


_HEALTH = {}
_HEALTH_LOCK = threading.Lock()
# Keys (as given to the cache, default version) deleted by every process that met an outage.
_OUTAGE_KEYS = set()


def drop_after_outage(*keys):
    """Register keys whose loss is always safe and whose stale value is not: each process that
    met a Redis failure deletes them once Redis answers again."""
    _OUTAGE_KEYS.update(keys)


def _health_for(location):
    with _HEALTH_LOCK:
        return _HEALTH.setdefault(location, _Health())


class ResilientRedisCache(RedisCache):
    # Replaceable in tests.
    clock = staticmethod(time.monotonic)

    def __init__(self, server, params):
        params = dict(params)
        options = dict(params.get("OPTIONS") or {})
        self.retry_seconds = float(options.pop("retry_seconds", DEFAULT_RETRY_SECONDS))
        params["OPTIONS"] = options
        super().__init__(server, params)
        self._health = _health_for((tuple(self._servers), self.key_prefix))

    # --- state --------------------------------------------------------------------------------

    def is_available(self):
        """False while this process takes Redis for down (it answers every call as a miss)."""
        return self.clock() >= self._health.down_until

    @property
    def last_error(self):
        return self._health.last_error

    def _failed(self, error, lost_keys=(), flush=False):
        health = self._health
        now = self.clock()
        with health.lock:
            health.down_until = now + self.retry_seconds
            health.failures += 1
            health.last_error = f"{type(error).__name__}: {error}"[:300]
            if health.down_since is None:
                health.down_since = now
            health.outage_seen = True
            self._remember(lost_keys, flush)
            if health.logged_at is None or now - health.logged_at >= LOG_INTERVAL:
                health.logged_at = now
                logger.warning(
                    "Redis cache unavailable (%s): serving without it, %d failed call(s) so far",
                    health.last_error,
                    health.failures,
                )

    def _remember(self, lost_keys, flush=False):
        health = self._health
        with health.lock:
            if flush or health.flush:
                health.flush = True
                health.lost.clear()
            else:
                health.lost.update(lost_keys)
                if len(health.lost) > MAX_LOST_KEYS:
                    health.flush = True
                    health.lost.clear()
            if self._needs_repair() and (health.thread is None or not health.thread.is_alive()):
                health.thread = threading.Thread(target=self._repair_loop, name="kim-cache-repair", daemon=True)
                health.thread.start()

    def _needs_repair(self):
        health = self._health
        return bool(health.lost or health.flush or health.outage_seen)

    def _repair(self):
        """Delete the keys whose writes failed and the registered ones (or flush); True when
        nothing is left to repair."""
        health = self._health
        with health.lock:
            if not self._needs_repair():
                return True
            flush = health.flush
            lost = list(health.lost | {self.make_and_validate_key(key) for key in _OUTAGE_KEYS})
            try:
                if flush:
                    self._cache.clear()
                else:
                    for start in range(0, len(lost), 1000):
                        self._cache.delete_many(lost[start : start + 1000])
            except RedisError as error:
                self._failed(error)
                return False
            health.lost.difference_update(lost)
            health.flush = False
            health.outage_seen = False
            return not health.lost

    def _repair_loop(self):
        health = self._health
        while True:
            time.sleep(self.retry_seconds)
            if not self.is_available():
                continue
            if self._repair():
                self._recovered()
                return
            with health.lock:
                if not self._needs_repair():
                    return

    def _recovered(self):
        health = self._health
        with health.lock:
            if health.down_since is None:
                return
            logger.warning(
                "Redis cache answers again after %.1f s and %d failed call(s)",
                self.clock() - health.down_since,
                health.failures,
            )
            health.down_since = None
            health.failures = 0
            health.logged_at = None

    def _guarded(self, call, default, lost_keys=(), flush=False):
        if not self.is_available():
            if lost_keys or flush:
                self._remember(lost_keys, flush)
            return default
        if self._needs_repair() and not self._repair():
            if lost_keys or flush:
                self._remember(lost_keys, flush)
            return default
        try:
            result = call()
        except RedisError as error:
            self._failed(error, lost_keys, flush)
            return default
        if self._health.down_since is not None:
            self._recovered()
        return result

    def _keys(self, keys, version):
        return [self.make_and_validate_key(key, version=version) for key in keys]

    # --- the cache API ------------------------------------------------------------------------

    def get(self, key, default=None, version=None):
        return self._guarded(lambda: super(ResilientRedisCache, self).get(key, default, version), default)

    def get_many(self, keys, version=None):
        return self._guarded(lambda: super(ResilientRedisCache, self).get_many(keys, version), {})

    def has_key(self, key, version=None):
        return self._guarded(lambda: super(ResilientRedisCache, self).has_key(key, version), False)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        # A failed add changed nothing in Redis: nothing to repair.
        return self._guarded(lambda: super(ResilientRedisCache, self).add(key, value, timeout, version), False)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        lost = self._keys([key], version)
        return self._guarded(lambda: super(ResilientRedisCache, self).set(key, value, timeout, version), None, lost)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        lost = self._keys(data, version)
        return self._guarded(
            lambda: super(ResilientRedisCache, self).set_many(data, timeout, version), list(data), lost
        )

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        # A touch that failed lets the entry expire sooner: never stale.
        return self._guarded(lambda: super(ResilientRedisCache, self).touch(key, timeout, version), False)

    def delete(self, key, version=None):
        lost = self._keys([key], version)
        return self._guarded(lambda: super(ResilientRedisCache, self).delete(key, version), False, lost)

    def delete_many(self, keys, version=None):
        keys = list(keys)
        lost = self._keys(keys, version)
        return self._guarded(lambda: super(ResilientRedisCache, self).delete_many(keys, version), None, lost)

    def incr(self, key, delta=1, version=None):
        lost = self._keys([key], version)
        missing = object()
        result = self._guarded(lambda: super(ResilientRedisCache, self).incr(key, delta, version), missing, lost)
        if result is missing:
            # What the cache API says for a key it does not hold.
            raise ValueError(f"Key '{key}' not found (the cache is unavailable)")
        return result

    def clear(self):
        return self._guarded(lambda: super(ResilientRedisCache, self).clear(), None, flush=True)


def cache_available(backend):
    """False when `backend` is a ResilientRedisCache that this process currently takes for down."""
    is_available = getattr(backend, "is_available", None)
    return is_available() if is_available is not None else True
