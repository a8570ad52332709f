"""A real server on SQLite takes an editor's autosaves, editing-session pings, photo thumbnails
and "Kirim ke Moderasi KIM" at the same moment, and answers none of them with a server error.

`make run` serves the admin from one SQLite file with a threaded runserver: Wagtail 8 autosaves
the form while its editing session pings, thumbnails are written as listings show them, and the
editor submits. Here runserver serves a copy of the migrated test database, seeded with a KIM,
its editor and a draft (tests/kimcms/sqlite_server/); the editor signs in over HTTP and every
request of each round starts at one barrier, each on a connection of its own. A locked database
would answer 503 (kimcms/errors.py), any other failure 500: none may answer 5xx, and the post
must end in moderation.

With KIM_SQLITE_STOCK=1 in the environment the server runs without the project's SQLite options
(tests/kimcms/sqlite_server/settings.py), to see what this test guards against.
"""

import contextlib
import http.cookiejar
import json
import os
import re
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import bs4
import pytest

from django.conf import settings
from django.db import connection

from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from tests.support.services import free_port, needs_loopback, stop_process

pytestmark = [
    needs_loopback,
    pytest.mark.skipif(
        settings.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3", reason="the SQLite settings only"
    ),
    # Outside any transaction, so the test database can be copied; restored afterwards, as it was.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

ROOT = Path(__file__).resolve().parents[2]
SETTINGS = "tests.kimcms.sqlite_server.settings"
AUTOSAVES = 6
PINGS = 6
THUMBNAIL_LISTINGS = 2
ROUNDS = 3
# Generous for a shared machine: each is how long one condition may take, not a measured time.
START_SECONDS = 120
REQUEST_SECONDS = 90


def copy_test_database(path):
    """The migrated test database, platform structure included, copied to a file of its own: far
    quicker than migrating one."""
    connection.ensure_connection()
    assert not connection.in_atomic_block
    target = sqlite3.connect(path)
    try:
        connection.connection.backup(target)
    finally:
        target.close()


def server_env(tmp_path):
    env = {key: value for key, value in os.environ.items() if key != "REDIS_URL"}
    env.update(
        DJANGO_SETTINGS_MODULE=SETTINGS,
        DATABASE_URL=f"sqlite:///{tmp_path / 'server.sqlite3'}",
        TEST_MEDIA_ROOT=str(tmp_path / "media"),
        PYTHONPATH=str(ROOT),
        PYTHONUNBUFFERED="1",
        LOG_LEVEL="WARNING",
    )
    return env


class Server:
    """`manage.py runserver` (threaded, as `make run`) on its own port, stopped at the end."""

    def __init__(self, env, log_path):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.log_path = log_path
        self.log = open(log_path, "w")  # noqa: SIM115 (closed in stop())
        self.process = subprocess.Popen(
            [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{self.port}"],
            cwd=ROOT,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )

    def wait_until_up(self):
        deadline = time.monotonic() + START_SECONDS
        while True:
            if self.process.poll() is not None:
                raise AssertionError(f"runserver exited: {self.log_path.read_text()[-3000:]}")
            try:
                with urllib.request.urlopen(f"{self.base}/admin/login/", timeout=REQUEST_SECONDS):
                    return
            except OSError:
                if time.monotonic() > deadline:
                    raise AssertionError(f"runserver did not answer: {self.log_path.read_text()[-3000:]}") from None
                # Not up yet: wait for the process (at most 0.2 s) before the next attempt.
                with contextlib.suppress(subprocess.TimeoutExpired):
                    self.process.wait(timeout=0.2)

    def stop(self):
        stop_process(self.process)
        self.log.close()


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Browser:
    """One signed-in editor: a cookie jar, the CSRF token, and one new connection per request."""

    def __init__(self, base):
        self.base = base
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies), NoRedirect)

    def csrf_token(self):
        return next(cookie.value for cookie in self.cookies if cookie.name == "csrftoken")

    def request(self, path, data=None, headers=None):
        """(status, body) of one request; a POST carries the CSRF token as Wagtail's scripts do."""
        body = None
        headers = dict(headers or {})
        if data is not None:
            body = urllib.parse.urlencode(data, doseq=True).encode()
            headers.setdefault("Content-Type", "application/x-www-form-urlencoded")
            headers["X-CSRFToken"] = self.csrf_token()
        request = urllib.request.Request(self.base + path, data=body, headers=headers)
        try:
            with self.opener.open(request, timeout=REQUEST_SECONDS) as response:
                return response.status, response.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode("utf-8", "replace")

    def sign_in(self, email, password):
        self.request("/admin/login/")
        status, _ = self.request(
            "/admin/login/", {"username": email, "password": password, "csrfmiddlewaretoken": self.csrf_token()}
        )
        assert status == 302, "the editor could not sign in"


def form_fields(html):
    """What the browser would post from the edit form, before its scripts add the body's fields."""
    form = bs4.BeautifulSoup(html, "html.parser").select_one("form[data-edit-form]")
    data = {}
    for field in form.select("input[name], textarea[name], select[name]"):
        name = field["name"]
        if field.name == "textarea":
            data[name] = field.get_text()
        elif field.name == "select":
            chosen = field.select("option[selected]") or field.select("option")[:1]
            data[name] = [option.get("value", option.get_text()) for option in chosen]
        elif field.get("type") in ("submit", "button", "file", "image", "reset"):
            continue
        elif field.get("type") not in ("checkbox", "radio") or field.has_attr("checked"):
            data[name] = field.get("value", "")
    return data


def edit_form(browser, post_id, paragraph):
    status, html = browser.request(f"/admin/pages/{post_id}/edit/")
    assert status == 200
    data = form_fields(html)
    data.update(nested_form_data({"body": streamfield([("paragraph", rich_text(f"<p>{paragraph}</p>"))])}))
    ping = re.search(r"/admin/editing-sessions/ping/[^\"'\s]+/", html)
    assert ping, "the edit view names no editing-session ping URL"
    return data, ping.group(0)


def at_once(browser, requests):
    """Sends every request in a thread of its own, all released together; returns their answers."""
    barrier = threading.Barrier(len(requests))
    results = [None] * len(requests)

    def run(index, request):
        barrier.wait(timeout=REQUEST_SECONDS)
        try:
            results[index] = browser.request(*request)
        except OSError as error:  # a dropped connection is an answer too, and not a good one
            results[index] = (599, repr(error))

    threads = [threading.Thread(target=run, args=(index, request)) for index, request in enumerate(requests)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=REQUEST_SECONDS * 2)
    return results


@pytest.fixture
def served(tmp_path):
    """A runserver on a seeded copy of the test database, and what the seed made."""
    copy_test_database(tmp_path / "server.sqlite3")
    env = server_env(tmp_path)
    seeded = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", "from tests.kimcms.sqlite_server import seed; seed.main()"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert seeded.returncode == 0, seeded.stderr[-3000:]
    seed = json.loads(seeded.stdout.strip().splitlines()[-1])
    server = Server(env, tmp_path / "server.log")
    try:
        server.wait_until_up()
        yield server, seed, tmp_path / "server.sqlite3"
    finally:
        server.stop()


def test_concurrent_autosaves_pings_thumbnails_and_a_submit_get_no_server_error(served):
    server, seed, database = served
    browser = Browser(server.base)
    browser.sign_in(seed["email"], seed["password"])
    post_id = seed["post"]
    answers = []
    for round_number in range(1, ROUNDS + 1):
        data, ping_url = edit_form(browser, post_id, f"Warga bekerja bakti, putaran {round_number}.")
        ping = {"is_editing": "1", "revision_id": data.get("loaded_revision_id", ""), "revision_created_at": ""}
        ping["revision_created_at"] = data.get("loaded_revision_created_at", "")
        edit = f"/admin/pages/{post_id}/edit/"
        json_answer = {"Accept": "application/json"}
        requests = [
            *[
                ("autosave", (edit, {**data, "title": f"Kerja bakti serentak {round_number}.{n}"}, json_answer))
                for n in range(AUTOSAVES)
            ],
            *[("ping", (ping_url, ping)) for _ in range(PINGS)],
            *[("thumbnails", ("/admin/images/",)) for _ in range(THUMBNAIL_LISTINGS)],
        ]
        if round_number == ROUNDS:
            requests.append(("submit", (edit, {**data, "action-submit": "Kirim ke Moderasi KIM"})))
        results = at_once(browser, [request for _, request in requests])
        answers += [(name, status, body) for (name, _), (status, body) in zip(requests, results, strict=True)]

    failures = [(name, status, body[:300]) for name, status, body in answers if status >= 500]
    counts = {}
    for name, status, _ in answers:
        counts.setdefault(name, {}).setdefault(status, 0)
        counts[name][status] += 1
    print("answers by request kind and status:", counts)  # shown with -s, and on failure
    assert failures == [], f"server errors by request kind and status: {counts}\nfirst: {failures[:3]}"
    assert [status for name, status, _ in answers if name == "submit"] == [302], counts
    # Every autosave of a round saved or was refused as outdated: an answer of the view, in JSON.
    for name, status, body in answers:
        if name == "autosave":
            assert status in (200, 400) and "success" in json.loads(body), (status, body[:300])

    with sqlite3.connect(database) as db:
        in_moderation = db.execute(
            "SELECT COUNT(*) FROM wagtailcore_workflowstate WHERE object_id = ? AND status = 'in_progress'",
            [str(post_id)],
        ).fetchone()[0]
    assert in_moderation == 1
