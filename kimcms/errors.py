"""The database out of reach is an outage, not a bug: 503 with Retry-After, never a 500.

PostgreSQL restarting, failing over or refusing connections raises OperationalError or
InterfaceError wherever the request first reads: in the site index, the suspension check, the
session, the view or a template. Django turns an exception raised in any middleware or view into
the answer of `handler500`, so this one handler covers them all: for a database error it answers
503, `Retry-After: DATABASE_RETRY_AFTER` and a short Indonesian page that needs no database; for
anything else, Django's own 500. The exception is still logged (and reported) as an error.
The connection that failed is closed at the end of the request (it is unusable), and
CONN_HEALTH_CHECKS makes the next request open a new one, so the node recovers by itself.
"""

import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.views import defaults

from kim_sites.conf import kim_settings


def database_unavailable(exception):
    """Whether the exception (or one it was raised from) says the database cannot be reached."""
    seen = set()
    while exception is not None and id(exception) not in seen:
        if isinstance(exception, (OperationalError, InterfaceError)):
            return True
        seen.add(id(exception))
        exception = exception.__cause__ or exception.__context__
    return False


def database_unavailable_response():
    retry_after = kim_settings.KIM_DATABASE_RETRY_AFTER
    # Rendered without the request: context processors would read the database again.
    body = render_to_string("503_database.html", {"retry_after": retry_after})
    response = HttpResponse(body, status=503, content_type="text/html; charset=utf-8")
    response["Retry-After"] = str(retry_after)
    response["Cache-Control"] = "no-store"
    return response


def server_error(request, template_name=defaults.ERROR_500_TEMPLATE_NAME):
    """`handler500`: called by Django inside the `except` of the exception it answers."""
    if database_unavailable(sys.exception()):
        return database_unavailable_response()
    return defaults.server_error(request, template_name)
