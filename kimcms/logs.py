"""Structured logs: one JSON object per line, with the request id of the request or task that wrote it.

The request id comes from the `X-Request-ID` header that nginx sets (deploy/nginx/kimcms.conf), or is
generated when the header is missing or malformed. It is echoed in the response, written in gunicorn's
access log, and crosses into background tasks: a task enqueued during a request stores the id beside
its arguments, and the worker restores it while the task runs (kimcms/task_context.py), so one grep
follows a request from nginx through the app to the task queue.

This module is loaded by the LOGGING setting, before the apps: it imports no model.
"""

import contextvars
import json
import logging
import re
import time
import uuid

from django.http import HttpRequest

REQUEST_ID_HEADER = "X-Request-ID"
# Only ids that are safe to copy into logs and headers are taken from the client side.
REQUEST_ID_PATTERN = re.compile(r"^[A-Za-z0-9._:-]{8,128}$")

request_id_var = contextvars.ContextVar("kim_request_id", default="")
task_id_var = contextvars.ContextVar("kim_task_id", default="")


def new_request_id():
    return uuid.uuid4().hex


def current_request_id():
    return request_id_var.get()


def request_id_from(meta):
    """The id nginx set for this request, or a new one when it is absent or unusable."""
    candidate = meta.get("HTTP_X_REQUEST_ID", "")
    return candidate if REQUEST_ID_PATTERN.match(candidate) else new_request_id()


class RequestIdMiddleware:
    """First middleware: binds the request id for every log line written while the request runs."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request_id = request_id_from(request.META)
        request.request_id = request_id
        token = request_id_var.set(request_id)
        try:
            response = self.get_response(request)
        finally:
            request_id_var.reset(token)
        response[REQUEST_ID_HEADER] = request_id
        return response


class RequestIdFilter(logging.Filter):
    """Adds `request_id` and `task_id` to every record, so that any formatter can print them."""

    def filter(self, record):
        if not getattr(record, "request_id", ""):
            # Django logs 4xx/5xx responses once the middleware has returned: the request says it.
            record.request_id = getattr(getattr(record, "request", None), "request_id", "") or request_id_var.get()
        if not getattr(record, "task_id", ""):
            record.task_id = task_id_var.get()
        return True


# Attributes every LogRecord has; anything else was passed through `extra=` and is kept.
_STANDARD_ATTRS = set(logging.makeLogRecord({}).__dict__) | {"message", "asctime", "request_id", "task_id"}


# gunicorn's access log passes its "atoms" as the record's arguments (deploy/gunicorn.conf.py).
GUNICORN_ACCESS_FIELDS = {
    "remote": "h",
    "method": "m",
    "path": "U",
    "query": "q",
    "status": "s",
    "bytes": "B",
    "duration_ms": "M",
    "host": "{host}i",
    "forwarded_for": "{x-forwarded-for}i",
    "user_agent": "a",
}


class JsonFormatter(logging.Formatter):
    """One JSON object per line: timestamp (UTC, ISO 8601), level, logger, message, ids, extras."""

    def format(self, record):
        if record.name == "gunicorn.access" and isinstance(record.args, dict):
            return self.format_access(record)
        entry = {
            "timestamp": time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(record.created)) + f".{int(record.msecs):03d}Z",
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        request_id = getattr(record, "request_id", "") or request_id_var.get()
        if request_id:
            entry["request_id"] = request_id
        task_id = getattr(record, "task_id", "") or task_id_var.get()
        if task_id:
            entry["task_id"] = task_id
        for key, value in record.__dict__.items():
            if key == "request" and isinstance(value, HttpRequest):
                entry["method"], entry["path"] = value.method, value.path
            elif key not in _STANDARD_ATTRS and not key.startswith("_"):
                entry[key] = value
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        if record.stack_info:
            entry["stack"] = self.formatStack(record.stack_info)
        return json.dumps(entry, default=str, ensure_ascii=False)

    def format_access(self, record):
        atoms = record.args
        entry = {
            "timestamp": time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(record.created)) + f".{int(record.msecs):03d}Z",
            "level": record.levelname,
            "logger": record.name,
            "message": f"{atoms['m']} {atoms['U']} {atoms['s']}",
            # The app echoes the id nginx sent, or the one it generated.
            "request_id": atoms["{x-request-id}o"],
        }
        entry.update({field: atoms[atom] for field, atom in GUNICORN_ACCESS_FIELDS.items()})
        return json.dumps(entry, default=str, ensure_ascii=False)
