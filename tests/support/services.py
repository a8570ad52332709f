"""Real servers on loopback for the fault tests (SMTP up, down or hanging) and the task queue run in-process."""

import os
import socket
import subprocess
from contextlib import contextmanager

import pytest
from aiosmtpd.controller import Controller
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from django.utils import timezone

DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# The Redis server that tests talk to directly (not the cache of the test settings, REDIS_URL).
DEFAULT_TEST_REDIS_URL = "redis://127.0.0.1:6379"


def unavailable(reason):
    """Skip the test for want of a server, or fail it in CI (CI=true), where every server is started."""
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{reason} (required when CI=true)")
    pytest.skip(reason)


def redis_url(db):
    """The URL of database `db` on the Redis server named by TEST_REDIS_URL, once it answers a ping."""
    import redis

    url = f"{os.environ.get('TEST_REDIS_URL', DEFAULT_TEST_REDIS_URL).rstrip('/')}/{db}"
    try:
        redis.Redis.from_url(url, socket_connect_timeout=1, socket_timeout=1).ping()
    except redis.RedisError as error:
        unavailable(f"Redis is not reachable at {url} (TEST_REDIS_URL): {error}")
    return url


def loopback_works():
    """Whether this machine can serve on 127.0.0.1 (a bare network namespace has loopback down)."""
    try:
        with socket.create_server(("127.0.0.1", 0)) as server:
            socket.create_connection(server.getsockname(), timeout=1).close()
        return True
    except OSError:
        return False


# Tests that start their own servers on loopback (SMTP, S3, app processes) skip without it, and
# fail instead in CI, where loopback always works.
needs_loopback = pytest.mark.skipif(
    not os.environ.get("CI") and not loopback_works(), reason="loopback (127.0.0.1) is not reachable here"
)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Inbox:
    """An aiosmtpd handler keeping every message; `refuse` answers each recipient with a 550."""

    def __init__(self, refuse=False):
        self.messages = []
        self.refuse = refuse

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if self.refuse:
            return "550 5.1.1 No such user"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(envelope)
        return "250 OK"


@contextmanager
def smtp_server(port=None, refuse=False):
    """A real SMTP server on 127.0.0.1; yields (inbox, port)."""
    inbox = Inbox(refuse=refuse)
    controller = Controller(inbox, hostname="127.0.0.1", port=port or free_port())
    controller.start()
    try:
        yield inbox, controller.port
    finally:
        controller.stop()


@contextmanager
def hanging_server():
    """A server that accepts connections (the kernel completes them) and never says a word."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(16)
    try:
        yield sock.getsockname()[1]
    finally:
        sock.close()


def run_queue(worker_id="test-worker"):
    """Run every ready task of the database queue, as `db_worker --batch` does; returns how many.

    db_worker's own loop closes the test's connection on PostgreSQL, so its `run_task` is called here.
    """
    worker = Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id=worker_id,
        excluded_queue_names=[],
    )
    count = 0
    while (row := DBTaskResult.objects.ready().select_for_update(skip_locked=True).first()) is not None:
        row.claim(worker_id)
        worker.run_task(row)
        count += 1
    return count


def time_passes():
    """Every deferred task becomes due now (as if its delay had elapsed)."""
    DBTaskResult.objects.filter(status="READY").update(run_after=timezone.now())


def stop_process(process, timeout=15):
    """Stops a server process started by a test: politely, then for good."""
    process.terminate()
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
