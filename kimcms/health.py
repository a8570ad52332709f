"""Health endpoints for the load balancer and monitoring: /healthz (liveness) and /readyz (readiness).

Both are answered by the first middleware but one, before host validation, the HTTPS redirect,
the site index, the page cache and the suspension check: a probe reaches them on any host (the
node's address, `localhost`) over plain HTTP, and nothing about the request decides a Site.
Responses are `Cache-Control: no-store`, so neither the page cache nor an HTTP cache keeps them.

- /healthz says the process answers. It touches nothing else, so a database outage never makes
  a supervisor restart healthy processes.
- /readyz checks the database, the cache, the media storage and the task queue. Only the database
  is vital: without it no page can be served, so the answer is 503 and the balancer takes the node
  out. Every other failure is *degraded*: the node still serves (the shared cache down means slower
  pages, not none), so it answers 200 and names what is degraded. Taking every node out because
  Redis is down would turn a slowdown into an outage.
"""

import json
import time
import uuid

from django_tasks import task_backends
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.models import DBTaskResult

from django.conf import settings
from django.core.cache import cache
from django.core.files.storage import storages
from django.db import connection
from django.http import HttpResponse

from kim_sites.conf import kim_settings
from kimcms.cache import cache_available

LIVENESS_PATH = "/healthz"
READINESS_PATH = "/readyz"
CACHE_PROBE_KEY = "kim:readyz:probe"
STORAGE_PROBE_NAME = ".kim-readyz-probe"


def _timed(check):
    started = time.perf_counter()
    try:
        result = check()
        result.setdefault("ok", True)
    except Exception as error:  # noqa: BLE001  every failure of a dependency is a finding, never a 500
        result = {"ok": False, "error": f"{type(error).__name__}: {error}"[:300]}
    result["ms"] = round((time.perf_counter() - started) * 1000, 1)
    return result


def check_database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return {}


def check_cache():
    # A value of this request only: a stale hit from another probe cannot pass for a working cache.
    token = uuid.uuid4().hex
    cache.set(CACHE_PROBE_KEY, token, timeout=30)
    if cache.get(CACHE_PROBE_KEY) != token:
        # ResilientRedisCache answers an outage as a miss: name the error it met.
        if not cache_available(cache):
            return {"ok": False, "error": f"unavailable: {cache.last_error}"}
        return {"ok": False, "error": "the value written was not read back"}
    return {"backend": settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1]}


def check_storage():
    if not kim_settings.KIM_READY_CHECK_STORAGE:
        return {"skipped": True}
    storage = storages["default"]
    storage.exists(STORAGE_PROBE_NAME)
    return {"backend": type(storage).__name__}


def check_task_queue():
    backend = task_backends["default"]
    if not isinstance(backend, DatabaseBackend):
        return {"skipped": True, "backend": type(backend).__name__}
    ready = DBTaskResult.objects.ready()
    depth = ready.count()
    oldest = ready.order_by("enqueued_at").values_list("enqueued_at", flat=True).first()
    result = {"depth": depth, "oldest_seconds": round(time.time() - oldest.timestamp(), 1) if oldest else 0}
    if depth > kim_settings.KIM_READY_QUEUE_DEPTH_WARN:
        result.update(ok=False, error=f"{depth} tasks waiting: is the worker running?")
    return result


# The database is vital; the others only degrade the node.
CHECKS = {
    "database": check_database,
    "cache": check_cache,
    "storage": check_storage,
    "tasks": check_task_queue,
}
VITAL = {"database"}


def readiness():
    """(HTTP status, report) for /readyz."""
    checks = {"database": _timed(CHECKS["database"])}
    # Without the database the queue cannot be read either: report it down without waiting for it.
    for name, check in CHECKS.items():
        if name == "database":
            continue
        if name == "tasks" and not checks["database"]["ok"]:
            checks[name] = {"ok": False, "error": "database unavailable", "ms": 0.0}
        else:
            checks[name] = _timed(check)
    failed = [name for name, result in checks.items() if not result["ok"]]
    if any(name in VITAL for name in failed):
        status, state = 503, "down"
    elif failed:
        status, state = 200, "degraded"
    else:
        status, state = 200, "ok"
    return status, {"status": state, "degraded": [name for name in failed if name not in VITAL], "checks": checks}


def _json_response(status, body):
    response = HttpResponse(json.dumps(body), status=status, content_type="application/json")
    response["Cache-Control"] = "no-store"
    if status == 503:
        response["Retry-After"] = "5"
    return response


class HealthCheckMiddleware:
    """Answers /healthz and /readyz before anything that looks at the host or the session."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = request.path_info
        if path == LIVENESS_PATH:
            return self.answer(request, lambda: (200, {"status": "ok"}))
        if path == READINESS_PATH:
            return self.answer(request, readiness)
        return self.get_response(request)

    def answer(self, request, report):
        if request.method not in ("GET", "HEAD"):
            response = _json_response(405, {"status": "method not allowed"})
            response["Allow"] = "GET, HEAD"
            return response
        status, body = report()
        response = _json_response(status, body)
        if request.method == "HEAD":
            response.content = b""
        return response
