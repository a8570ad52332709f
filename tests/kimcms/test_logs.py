"""Structured logs: JSON lines with a request id, taken from nginx's X-Request-ID, that crosses into tasks."""

import io
import json
import logging
import sys

import pytest
from django_tasks import task

from django.core.management import call_command
from django.test import override_settings

from kimcms import error_reporting
from kimcms.logs import JsonFormatter, RequestIdFilter, request_id_var

pytestmark = pytest.mark.django_db

DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
task_logger = logging.getLogger("tests.kimcms.task")


@task()
def log_from_a_task(text):
    task_logger.warning("task says %s", text)


@pytest.fixture(autouse=True)
def worker_keeps_the_test_transaction(monkeypatch):
    """db_worker closes connections that are not in autocommit: inside a test's transaction, that
    would close the test's own connection."""
    monkeypatch.setattr("django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None)


@pytest.fixture
def json_lines():
    """Captures what the project's own formatter writes, as parsed JSON objects."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    handler.addFilter(RequestIdFilter())
    loggers = [logging.getLogger(name) for name in ("django.request", "tests.kimcms.task")]
    for logger in loggers:
        logger.addHandler(handler)
    yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    for logger in loggers:
        logger.removeHandler(handler)


def test_a_request_logs_json_with_the_request_id_from_nginx(client, json_lines):
    request_id = "f3c1a2b4d5e6f708a9b0c1d2e3f4a5b6"
    response = client.get("/tidak-ada/", HTTP_HOST="kim.test", HTTP_X_REQUEST_ID=request_id)
    assert response.status_code == 404
    assert response["X-Request-ID"] == request_id
    [line] = [line for line in json_lines() if line["logger"] == "django.request"]
    assert line["level"] == "WARNING"
    assert line["message"] == "Not Found: /tidak-ada/"
    assert line["request_id"] == request_id
    assert line["timestamp"].endswith("Z") and "T" in line["timestamp"]


@pytest.mark.parametrize("sent", ["", "short", "has space in it ok", "a" * 200, "x\r\nSet-Cookie: a=b"])
def test_a_missing_or_unusable_request_id_is_replaced(client, sent):
    response = client.get("/healthz", HTTP_X_REQUEST_ID=sent)
    generated = response["X-Request-ID"]
    assert generated != sent
    assert len(generated) == 32 and int(generated, 16) >= 0


def test_every_request_gets_its_own_id(client):
    ids = {client.get("/healthz")["X-Request-ID"] for _ in range(3)}
    assert len(ids) == 3
    # Nothing leaks out of the request into the next one.
    assert request_id_var.get() == ""


def test_the_request_id_crosses_into_the_task_worker(json_lines):
    with override_settings(TASKS=DB_TASKS):
        token = request_id_var.set("req-0123456789abcdef")
        try:
            result = log_from_a_task.enqueue("halo")
        finally:
            request_id_var.reset(token)
        # The worker runs in another context: only the stored id can carry it there.
        call_command("db_worker", batch=True, verbosity=0)
    [line] = [line for line in json_lines() if line["logger"] == "tests.kimcms.task"]
    assert line["message"] == "task says halo"
    assert line["request_id"] == "req-0123456789abcdef"
    assert line["task_id"] == str(result.id)
    assert request_id_var.get() == ""


def test_a_task_enqueued_outside_a_request_has_no_request_id(json_lines):
    with override_settings(TASKS=DB_TASKS):
        log_from_a_task.enqueue("tanpa permintaan")
        call_command("db_worker", batch=True, verbosity=0)
    [line] = [line for line in json_lines() if line["logger"] == "tests.kimcms.task"]
    assert "request_id" not in line
    assert line["task_id"]


def test_exceptions_are_one_json_line():
    record = logging.LogRecord("kim", logging.ERROR, __file__, 1, "gagal %s", ("x",), None)
    try:
        raise ValueError("boom")
    except ValueError:
        record.exc_info = sys.exc_info()
    line = JsonFormatter().format(record)
    assert "\n" not in line
    entry = json.loads(line)
    assert entry["message"] == "gagal x" and "ValueError: boom" in entry["exception"]


def test_error_reporting_is_off_by_default_and_refuses_a_dsn_without_its_sdk(settings):
    settings.SENTRY_DSN = ""
    assert error_reporting.init_from_settings() is False
    settings.SENTRY_DSN = "https://key@sentry.invalid/1"
    with pytest.raises(Exception, match="sentry-sdk"):
        error_reporting.init_from_settings()
