"""The database out of reach: every request answers 503 with Retry-After and a short Indonesian page.

On PostgreSQL (DATABASE_URL=postgres://..., as CI runs the suite) the connections fail for real:
the server terminates the request's connection (what a restart does to open connections), or
the connection points to a port where nothing listens (what a stopped server looks like). The
failure surfaces wherever the request first reads: the site index, the session, the view.
"""

import socket

import psycopg
import pytest

from django.db import OperationalError, close_old_connections, connection
from django.db.backends.sqlite3.base import DatabaseWrapper as SqliteWrapper
from django.test import Client, RequestFactory

from kim_sites.scale.site_index import site_index
from kimcms.errors import database_unavailable, server_error
from tests.factories.accounts import make_moderator
from tests.factories.registry import make_kim
from tests.support.services import free_port

on_postgres = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs the suite on PostgreSQL (DATABASE_URL=postgres://...)"
)


def assert_unavailable_page(response):
    assert response.status_code == 503
    assert response["Retry-After"] == "10"
    assert response["Cache-Control"] == "no-store"
    text = response.content.decode()
    assert "Layanan sedang tidak tersedia" in text
    assert "Traceback" not in text and "OperationalError" not in text


@pytest.fixture
def unreachable_error(tmp_path, django_db_blocker):
    """The OperationalError of a real connection that cannot be opened (an SQLite file in a
    folder that does not exist), without touching the suite's database."""
    wrapper = SqliteWrapper({**connection.settings_dict, "NAME": str(tmp_path / "missing" / "db.sqlite3")})
    with django_db_blocker.unblock():
        try:
            wrapper.ensure_connection()
        except OperationalError as error:
            return error
    raise AssertionError("the connection opened")


def test_the_handler_answers_a_database_error_with_503(unreachable_error):
    request = RequestFactory().get("/", HTTP_HOST="portal.kim.test")
    try:
        raise unreachable_error
    except OperationalError:
        response = server_error(request)
    assert_unavailable_page(response)


def test_other_errors_stay_500():
    request = RequestFactory().get("/", HTTP_HOST="portal.kim.test")
    try:
        raise KeyError("bug")
    except KeyError:
        response = server_error(request)
    assert response.status_code == 500
    assert "Retry-After" not in response


def test_a_database_error_raised_from_another_is_recognised(unreachable_error):
    try:
        try:
            raise unreachable_error
        except OperationalError as inner:
            raise RuntimeError("while rendering") from inner
    except RuntimeError as outer:
        assert database_unavailable(outer)
    assert not database_unavailable(ValueError("no"))


@pytest.fixture
def pg_kim():
    return make_kim("bangka", name="KIM Basis Data")


def terminate(backend_pid):
    params = connection.get_connection_params()
    conninfo = {k: params[k] for k in ("host", "port", "user", "password") if params.get(k)}
    with psycopg.connect(dbname=params.get("dbname") or "postgres", autocommit=True, **conninfo) as admin:
        admin.execute("SELECT pg_terminate_backend(%s)", [backend_pid])


@on_postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_connection_terminated_by_postgresql_answers_503_then_recovers(pg_kim):
    client = Client(raise_request_exception=False)
    host = pg_kim.site.hostname
    assert client.get("/berita/", HTTP_HOST=host).status_code == 200
    terminate(connection.connection.info.backend_pid)
    try:
        assert_unavailable_page(client.get("/berita/?page=1", HTTP_HOST=host))
    finally:
        # What Django does at the end of every request: an unusable connection is closed.
        close_old_connections()
    assert client.get("/berita/?page=1", HTTP_HOST=host).status_code == 200


@on_postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_stopped_postgresql_answers_503_before_the_view(pg_kim):
    """Cold site index (a new process) and a signed-in moderator: the middleware and the session
    meet the error before any view does."""
    moderator = make_moderator("bangka")
    anonymous = Client(raise_request_exception=False)
    signed_in = Client(raise_request_exception=False)
    signed_in.force_login(moderator)
    port = connection.settings_dict["PORT"]
    connection.close()
    closed = free_port()
    with socket.socket() as probe:
        assert probe.connect_ex(("127.0.0.1", closed)) != 0
    connection.settings_dict["PORT"] = closed
    try:
        site_index.invalidate_local()
        assert_unavailable_page(anonymous.get("/", HTTP_HOST=pg_kim.site.hostname))
        assert_unavailable_page(signed_in.get("/admin/", HTTP_HOST="portal.kim.test"))
        assert_unavailable_page(anonymous.get("/", HTTP_HOST="portal.kim.test"))
    finally:
        connection.close()
        connection.settings_dict["PORT"] = port
    assert anonymous.get("/", HTTP_HOST=pg_kim.site.hostname).status_code == 200
