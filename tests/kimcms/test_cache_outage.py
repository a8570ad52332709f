"""Redis down or hanging: pages, the admin and moderation keep working, and nothing is stale after.

A real redis-server runs on a free loopback port for each test. "Down" is a closed port (the
server killed); "hanging" is the server stopped with SIGSTOP, which keeps its data, as a Redis
that restarts from its dump would: a purge written while it hung must not leave the old entries
served once it answers again. The cache's clock is replaced, so no test waits for the retry delay.
"""

import os
import shutil
import signal
import socket
import subprocess
import time
import uuid

import pytest
import redis

from django.core.cache import cache
from django.test import override_settings

from kim_sites.models import Kim
from kim_sites.registry.provisioning import set_kim_status
from kim_sites.scale.page_cache import CACHE_HEADER
from kimcms.cache import ResilientRedisCache
from tests.factories.accounts import make_editor, make_moderator
from tests.factories.registry import make_kim
from tests.support.admin import create_post, current_task_state, workflow_action
from tests.support.services import free_port, needs_loopback

pytestmark = [pytest.mark.django_db, needs_loopback]

RETRY_SECONDS = 30


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now

    def advance(self, seconds=RETRY_SECONDS + 1):
        self.now += seconds


class RedisServer:
    def __init__(self, binary, directory):
        self.binary = binary
        self.directory = directory
        self.port = free_port()
        self.proc = None
        self.start()

    def start(self):
        self.proc = subprocess.Popen(  # noqa: S603
            [self.binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
            cwd=self.directory,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
                return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("redis-server did not start")

    def hang(self):
        self.proc.send_signal(signal.SIGSTOP)

    def resume(self):
        self.proc.send_signal(signal.SIGCONT)

    def stop(self):
        self.proc.send_signal(signal.SIGCONT)
        self.proc.kill()
        self.proc.wait()

    def client(self):
        return redis.Redis(port=self.port, socket_timeout=2)


@pytest.fixture
def redis_server(tmp_path):
    binary = shutil.which("redis-server")
    if binary is None:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("redis-server is required when CI=true")
        pytest.skip("redis-server is not installed")
    server = RedisServer(binary, tmp_path)
    yield server
    server.stop()


@pytest.fixture
def clock(monkeypatch):
    fake = Clock()
    monkeypatch.setattr(ResilientRedisCache, "clock", fake)
    return fake


def caches_at(port):
    return {
        "default": {
            "BACKEND": "kimcms.cache.ResilientRedisCache",
            "LOCATION": f"redis://127.0.0.1:{port}/0",
            # Each test its own prefix, so that no test inherits another's outage.
            "KEY_PREFIX": uuid.uuid4().hex[:8],
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2, "retry_seconds": RETRY_SECONDS},
        }
    }


@pytest.fixture
def shared_cache(redis_server, clock):
    with override_settings(CACHES=caches_at(redis_server.port)):
        yield redis_server


def test_every_call_on_a_closed_port_is_a_miss(clock):
    with override_settings(CACHES=caches_at(free_port())):
        assert cache.get("k", "default") == "default"
        assert cache.get_many(["a", "b"]) == {}
        assert cache.set("k", 1) is None
        assert cache.add("k", 1) is False
        assert cache.delete("k") is False
        assert cache.has_key("k") is False
        assert cache.get_or_set("k", 5) == 5
        with pytest.raises(ValueError):
            cache.incr("k")
        assert cache.is_available() is False
        assert "ConnectionError" in cache.last_error


def test_a_write_lost_while_redis_hung_is_undone_once_it_answers(shared_cache, clock):
    cache.set("generation", "old", timeout=None)
    assert cache.get("generation") == "old"
    shared_cache.hang()
    try:
        cache.set("generation", "new", timeout=None)  # times out: the new token is lost
        assert cache.get("generation") is None  # a miss, not an error, not the old value
    finally:
        shared_cache.resume()
    # Redis kept the old value; once it answers, the key of the failed write is deleted first.
    assert shared_cache.client().exists(cache.make_key("generation")) == 1
    clock.advance()
    assert cache.get("generation") is None
    assert shared_cache.client().exists(cache.make_key("generation")) == 0
    cache.set("generation", "newer", timeout=None)
    assert cache.get("generation") == "newer"


def test_a_restarted_redis_is_used_again(shared_cache, clock):
    cache.set("k", "v")
    shared_cache.stop()
    assert cache.get("k") is None
    shared_cache.start()
    assert cache.get("k") is None  # still within the retry delay: not tried
    clock.advance()
    cache.set("k", "again")
    assert cache.get("k") == "again"
    assert cache.is_available()


@pytest.fixture
def bangka():
    kim = make_kim("bangka", name="KIM Tahan Gangguan")
    return kim, make_editor(kim), make_moderator("bangka")


def _get(client, kim, path="/berita/"):
    return client.get(path, HTTP_HOST=kim.site.hostname)


def warm(client, kim, path="/berita/"):
    # The first view of a new site creates its settings, which purges it: two views store it.
    for _ in range(2):
        assert _get(client, kim, path).status_code == 200


def test_a_post_approved_while_redis_hung_is_shown_before_and_after(client, shared_cache, clock, bangka):
    kim, editor, moderator = bangka
    client.force_login(editor)
    post = create_post(client, kim, "Posyandu saat gangguan", "posyandu-gangguan")
    client.logout()
    warm(client, kim)
    cached = _get(client, kim)
    assert cached[CACHE_HEADER] == "hit"
    assert "Posyandu saat gangguan" not in cached.text

    shared_cache.hang()
    try:
        client.force_login(moderator)
        assert client.get("/admin/", HTTP_HOST="portal.kim.test").status_code == 200
        approved = workflow_action(client, post, "approve", current_task_state(post))
        assert approved.status_code == 302
        post.refresh_from_db()
        assert post.live
        client.logout()
        during = _get(client, kim)
        assert during.status_code == 200
        assert during[CACHE_HEADER] == "bypass"
        assert "Posyandu saat gangguan" in during.text
    finally:
        shared_cache.resume()

    clock.advance()
    after = _get(client, kim)
    assert after.status_code == 200
    assert "Posyandu saat gangguan" in after.text
    assert _get(client, kim)[CACHE_HEADER] == "hit"


def test_a_kim_suspended_while_redis_hung_stays_suspended_after(client, shared_cache, clock, bangka):
    kim = bangka[0]
    warm(client, kim, "/")
    assert _get(client, kim, "/")[CACHE_HEADER] == "hit"
    shared_cache.hang()
    try:
        set_kim_status(kim, Kim.Status.SUSPENDED)
        assert _get(client, kim, "/").status_code == 503
    finally:
        shared_cache.resume()
    clock.advance()
    assert _get(client, kim, "/").status_code == 503
    assert _get(client, kim, "/berita/").status_code == 503


def test_readyz_names_the_cache_while_redis_is_down(client, shared_cache, clock):
    shared_cache.stop()
    response = client.get("/readyz", HTTP_HOST="10.0.0.7")
    body = response.json()
    assert response.status_code == 200
    assert body["degraded"] == ["cache"]
    assert "ConnectionError" in body["checks"]["cache"]["error"]


def test_a_change_whose_purge_died_with_its_process_is_seen_once_redis_answers(client, shared_cache, clock, bangka):
    """A management command run while Redis hung exits before it can undo its failed writes: the
    processes that met the outage drop the generations everything cached depends on."""
    kim = bangka[0]
    warm(client, kim, "/")
    assert _get(client, kim, "/")[CACHE_HEADER] == "hit"
    shared_cache.hang()
    try:
        # The row changes, and no signal reaches this process's cache (the other process's did not either).
        Kim.objects.filter(pk=kim.pk).update(status=Kim.Status.SUSPENDED)
        # This process meets the outage (the load balancer's probe), with no write of its own on
        # the suspension set or the pages.
        assert client.get("/readyz", HTTP_HOST="10.0.0.7").json()["degraded"] == ["cache"]
    finally:
        shared_cache.resume()
    clock.advance()
    assert _get(client, kim, "/").status_code == 503
