"""Two real app servers agree, with Redis and with the database cache.

Two gunicorn processes serve the same database with production settings; a third process makes
the change (as the admin or the CLI would). Both servers' caches are warmed first; after the
change, each server must show it within a second: a page made private, a page unpublished, a
suspended KIM (and its place in the portal's listings), and one aspirasi rate limit for both.

Skipped when gunicorn or Redis is missing, except with CI=true, where that is a failure.
"""

import http.client
import json
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path

import psycopg
import pytest
import redis

from tests.support import services
from tests.support.services import needs_loopback, stop_process

ROOT = Path(__file__).resolve().parents[3]
GUNICORN = Path(sys.executable).with_name("gunicorn")
pytestmark = needs_loopback

SETTINGS = "tests.kim_sites.scale.two_process.settings"
AGREE_WITHIN = 1.0
RATE_LIMIT = 3
VALID_FORM = {
    "nama": "Siti Rahma",
    "e_mail_atau_nomor_whatsapp": "0812-0000-1111",
    "jenis": "Pertanyaan",
    "pesan": "Kapan jadwal posyandu bulan depan?",
}


_unavailable = services.unavailable


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# A Redis database of its own: the test settings' cache (REDIS_URL) keeps each parallel test process
# to one of the four databases below the one named, and clears it between tests.
TWO_PROCESS_REDIS_DB = 11


def _redis_url():
    return services.redis_url(TWO_PROCESS_REDIS_DB)


# --- The processes -----------------------------------------------------------------------------


class Control:
    """The process that changes things: Django started once, one JSON command per line."""

    def __init__(self, env):
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tests.kim_sites.scale.two_process.control"],
            cwd=ROOT,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert json.loads(self.process.stdout.readline()) == {"ready": True}

    def __call__(self, action, **args):
        self.process.stdin.write(json.dumps({"action": action, "args": args}) + "\n")
        self.process.stdin.flush()
        answer = json.loads(self.process.stdout.readline())
        assert answer["ok"], answer.get("error")
        return answer["result"]

    def stop(self):
        self.process.stdin.close()
        self.process.wait(timeout=30)


class Server:
    """One gunicorn process with one worker: its own memory, the shared database and cache."""

    def __init__(self, env, log_path):
        self.port = _free_port()
        self.log = open(log_path, "w")  # noqa: SIM115 (closed in stop())
        self.process = subprocess.Popen(
            [str(GUNICORN), "kimcms.wsgi", "--bind", f"127.0.0.1:{self.port}", "--workers", "1", "--timeout", "60"],
            cwd=ROOT,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )

    def wait_until_up(self, timeout=60):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError(f"gunicorn exited: {Path(self.log.name).read_text()[-3000:]}")
            try:
                self.get("portal.kim.test", "/robots.txt")
                return
            except OSError:
                time.sleep(0.2)
        raise AssertionError(f"gunicorn did not answer: {Path(self.log.name).read_text()[-3000:]}")

    def request(self, method, host, path, body=None, headers=None):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            connection.request(method, path, body=body, headers={"Host": host, **(headers or {})})
            response = connection.getresponse()
            return response.status, response.headers, response.read().decode("utf-8", "replace")
        finally:
            connection.close()

    def get(self, host, path, **kwargs):
        return self.request("GET", host, path, **kwargs)

    def stop(self):
        stop_process(self.process)
        self.log.close()


def _database_url(tmp_path):
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        return f"sqlite:///{tmp_path / 'two-processes.sqlite3'}", None
    parsed = urllib.parse.urlsplit(url)
    name = f"{parsed.path.lstrip('/') or 'kimcms'}_twoproc_{os.getpid()}"
    admin = parsed._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')

    def drop():
        with psycopg.connect(admin, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    return parsed._replace(path=f"/{name}").geturl(), drop


def _env(database_url, redis_url, prefix):
    env = {key: value for key, value in os.environ.items() if key not in ("REDIS_URL", "DJANGO_SETTINGS_MODULE")}
    env.update(
        DJANGO_SETTINGS_MODULE=SETTINGS,
        DATABASE_URL=database_url,
        SECRET_KEY=secrets.token_hex(32),
        ALLOWED_HOSTS=".kim.test",
        SECURE_SSL_REDIRECT="0",
        KIM_BASE_DOMAIN="kim.test",
        PORTAL_HOSTNAME="portal.kim.test",
        ASPIRASI_RATE_LIMIT=str(RATE_LIMIT),
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
        CACHE_KEY_PREFIX=prefix,
        LOG_LEVEL="WARNING",
        PYTHONPATH=str(ROOT),
    )
    if redis_url:
        env["REDIS_URL"] = redis_url
    return env


@pytest.fixture(scope="module")
def database(tmp_path_factory):
    if not GUNICORN.exists() and not shutil.which("gunicorn"):
        _unavailable("gunicorn is not installed")
    tmp_path = tmp_path_factory.mktemp("two-processes")
    url, drop = _database_url(tmp_path)
    control = Control(_env(url, None, f"kim2p{os.getpid()}m"))
    try:
        control("migrate")
    finally:
        control.stop()
    yield url, tmp_path
    if drop is not None:
        drop()


@pytest.fixture(scope="module", params=["database-cache", "redis"])
def stack(request, database):
    url, tmp_path = database
    redis_url = _redis_url() if request.param == "redis" else None
    prefix = f"kim2p{os.getpid()}{request.param[0]}"
    env = _env(url, redis_url, prefix)
    servers = [Server(env, tmp_path / f"{request.param}-{n}.log") for n in (1, 2)]
    control = Control(env)
    try:
        for server in servers:
            server.wait_until_up()
        yield request.param, control, servers
    finally:
        control.stop()
        for server in servers:
            server.stop()
        if redis_url:
            _delete_keys(redis_url, prefix)


def _delete_keys(url, prefix):
    client = redis.Redis.from_url(url)
    for key in client.scan_iter(f"{prefix}:*"):
        client.delete(key)


def _kim(stack, name):
    variant, control, servers = stack
    return control("setup", slug=f"{name}-{variant.split('-')[0]}"), control, servers


def _warm(servers, host, paths):
    """Each page twice on each server: stored in the cache, and each process's own index built."""
    for server in servers:
        for path in paths:
            for _ in range(2):
                status, _headers, _body = server.get(host, path)
                assert status == 200, (server.port, host, path, status)


def _agree(servers, check, what):
    """On every server within AGREE_WITHIN seconds of the change, `check(server)` finds nothing
    wrong (it returns what is still wrong, or None)."""
    deadline = time.monotonic() + AGREE_WITHIN
    pending = dict.fromkeys(servers, "not checked")
    while pending:
        pending = {server: wrong for server in pending if (wrong := check(server))}
        if pending and time.monotonic() > deadline:
            seen = {server.port: wrong for server, wrong in pending.items()}
            raise AssertionError(f"{what}: still not so after {AGREE_WITHIN}s on {seen}")
        if pending:
            time.sleep(0.05)


def _listed(server, kim, title):
    """Where the title is still listed, or None."""
    found = [f"{host}{path}" for host, path in _listings(kim) if title in server.get(host, path)[2]]
    return f"listed on {found}" if found else None


def _listings(kim):
    return [(kim["host"], "/"), (kim["host"], "/berita/"), ("portal.kim.test", "/")]


# --- The checks --------------------------------------------------------------------------------


def test_a_page_made_private_is_private_on_both_servers(stack):
    kim, control, servers = _kim(stack, "privat")
    page = kim["private"]
    _warm(servers, kim["host"], [page["path"], "/", "/berita/"])
    _warm(servers, "portal.kim.test", ["/"])
    for server in servers:
        for host, path in _listings(kim):
            assert page["title"] in server.get(host, path)[2], (host, path)

    control("restrict", page_id=page["id"])

    def private(server):
        status, headers, body = server.get(kim["host"], page["path"])
        if status != 302 or "login" not in headers.get("Location", "") or page["title"] in body:
            return f"the page answers {status} {headers.get('Location', '')}"
        return _listed(server, kim, page["title"])

    _agree(servers, private, "the page and its listings are private")


def test_an_unpublished_page_is_gone_on_both_servers(stack):
    kim, control, servers = _kim(stack, "tarik")
    page = kim["withdrawn"]
    _warm(servers, kim["host"], [page["path"], "/", "/berita/"])
    _warm(servers, "portal.kim.test", ["/"])

    control("unpublish", page_id=page["id"])

    def gone(server):
        status = server.get(kim["host"], page["path"])[0]
        if status != 404:
            return f"the page answers {status}"
        return _listed(server, kim, page["title"])

    _agree(servers, gone, "the page is unpublished and out of the listings")


def test_a_suspended_kim_is_offline_on_both_servers_in_every_spelling(stack):
    variant, _control, _servers = stack
    kim, control, servers = _kim(stack, "tutup")
    title = kim["private"]["title"]
    _warm(servers, kim["host"], ["/", "/berita/", kim["private"]["path"]])
    _warm(servers, "portal.kim.test", ["/"])

    control("suspend", slug=f"tutup-{variant.split('-')[0]}")
    spellings = [kim["host"], kim["host"] + ".", kim["host"].upper()]

    def offline(server):
        for host in spellings:
            for path in ("/", kim["private"]["path"]):
                status = server.get(host, path)[0]
                if status != 503:
                    return f"{host}{path} answers {status}"
        return "still in the portal" if title in server.get("portal.kim.test", "/")[2] else None

    _agree(servers, offline, "the suspended KIM is offline and out of the portal")


def test_one_aspirasi_rate_limit_for_both_servers(stack):
    kim, _control, servers = _kim(stack, "batas")
    status, headers, body = servers[0].get(kim["host"], kim["form"])
    assert status == 200
    cookie = re.search(r"csrftoken=([^;]+)", headers.get("Set-Cookie", "")).group(1)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1)
    form = urllib.parse.urlencode({**VALID_FORM, "csrfmiddlewaretoken": token})
    post_headers = {"Cookie": f"csrftoken={cookie}", "Content-Type": "application/x-www-form-urlencoded"}

    statuses = []
    for n in range(RATE_LIMIT + 2):
        server = servers[n % 2]
        statuses.append(server.request("POST", kim["host"], kim["form"], body=form, headers=post_headers)[0])
    assert statuses == [200] * RATE_LIMIT + [429, 429]
