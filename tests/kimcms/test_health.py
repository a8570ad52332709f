"""/healthz and /readyz: answered on any host, never cached, and 503 only when the database is gone."""

import json

import pytest
from django_tasks import task

from django.db import OperationalError, connection
from django.test import override_settings

from kim_sites.models import Kim
from kim_sites.registry.provisioning import set_kim_status
from tests.factories.registry import make_kim

pytestmark = pytest.mark.django_db

DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
DEAD_REDIS = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        # Nothing listens on port 1: every cache call fails at once.
        "LOCATION": "redis://127.0.0.1:1/0",
    }
}
PRODUCTION_LIKE = {"ALLOWED_HOSTS": [".kim.test"], "SECURE_SSL_REDIRECT": True, "DEBUG": False}


@task()
def queued_noop():
    return None


def readyz(client, **extra):
    response = client.get("/readyz", **extra)
    return response, json.loads(response.content)


@override_settings(**PRODUCTION_LIKE)
@pytest.mark.parametrize("host", ["10.0.0.7", "localhost", "unknown.example.org", "kim.test"])
def test_liveness_answers_on_any_host_over_plain_http_without_the_database(client, host, django_assert_num_queries):
    # A balancer probes the node's address over HTTP: no host check, no HTTPS redirect, no query.
    with django_assert_num_queries(0):
        response = client.get("/healthz", HTTP_HOST=host)
    assert response.status_code == 200
    assert json.loads(response.content) == {"status": "ok"}
    assert response["Cache-Control"] == "no-store"


@override_settings(**PRODUCTION_LIKE)
def test_readiness_reports_every_dependency(client):
    response, body = readyz(client, HTTP_HOST="10.0.0.7")
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    assert body["status"] == "ok"
    assert body["degraded"] == []
    assert set(body["checks"]) == {"database", "cache", "storage", "tasks"}
    assert all(check["ok"] for check in body["checks"].values())


def test_readiness_is_never_served_from_the_page_cache(client):
    kim = make_kim(name="KIM Sehat", slug="sehat")
    for _ in range(3):
        response = client.get("/readyz", HTTP_HOST=kim.hostname)
        assert "X-Kim-Cache" not in response
        assert response["Cache-Control"] == "no-store"
    # The cache probe writes a fresh value each time: a cached answer could not show this.
    first = client.get("/readyz", HTTP_HOST=kim.hostname)
    second = client.get("/readyz", HTTP_HOST=kim.hostname)
    assert first["X-Request-ID"] != second["X-Request-ID"]


def test_health_answers_on_a_suspended_kim_host(client):
    kim = make_kim(name="KIM Tidur", slug="tidur")
    set_kim_status(kim, Kim.Status.SUSPENDED)
    assert client.get("/", HTTP_HOST=kim.hostname).status_code == 503
    assert client.get("/healthz", HTTP_HOST=kim.hostname).status_code == 200
    assert client.get("/readyz", HTTP_HOST=kim.hostname).status_code == 200


def test_a_dead_cache_degrades_the_node_but_keeps_it_in_service(client):
    with override_settings(CACHES=DEAD_REDIS):
        response, body = readyz(client, HTTP_HOST="10.0.0.7")
    assert response.status_code == 200
    assert body["status"] == "degraded"
    assert body["degraded"] == ["cache"]
    assert body["checks"]["cache"]["ok"] is False
    assert "ConnectionError" in body["checks"]["cache"]["error"]
    assert body["checks"]["database"]["ok"] is True


def test_a_dead_database_takes_the_node_out(client, monkeypatch):
    def refuse(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(connection, "cursor", refuse)
    response, body = readyz(client, HTTP_HOST="10.0.0.7")
    assert response.status_code == 503
    assert response["Retry-After"]
    assert body["status"] == "down"
    assert body["checks"]["database"]["ok"] is False
    assert body["checks"]["database"]["error"] == "OperationalError: connection refused"
    # Liveness does not depend on the database: the process is not restarted for an outage.
    assert client.get("/healthz", HTTP_HOST="10.0.0.7").status_code == 200


def test_queue_depth_is_reported_and_a_backlog_degrades(client, settings):
    settings.KIM_READY_QUEUE_DEPTH_WARN = 2
    with override_settings(TASKS=DB_TASKS):
        for _ in range(3):
            queued_noop.enqueue()
        response, body = readyz(client, HTTP_HOST="10.0.0.7")
    assert response.status_code == 200
    assert body["checks"]["tasks"]["depth"] == 3
    assert body["degraded"] == ["tasks"]


def test_only_get_and_head(client):
    assert client.post("/readyz", HTTP_HOST="10.0.0.7").status_code == 405
    assert client.head("/healthz", HTTP_HOST="10.0.0.7").status_code == 200
