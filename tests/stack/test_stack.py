"""The real topology under faults, through nginx (see tests/stack/topology.py and docs/deploy.md).

Tests run in file order on one stack; each names its phase in the report. Every finding is
asserted, with the figures measured in the report.
"""

import collections
import re
import signal
import socket
import subprocess
import time
import uuid

import pytest

from tests.stack.load import Browser, bounded_load
from tests.stack.topology import BASE_DOMAIN
from tests.support.admin import post_data


@pytest.fixture
def visitor(stack, recorder):
    return Browser(stack, recorder)


def node(stack, recorder, name):
    return Browser(stack, recorder, node=name)


def wait_for(check, timeout, step=0.05):
    """Seconds until check() held, or None after timeout."""
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        if check():
            return time.monotonic() - started
        time.sleep(step)
    return None


def test_the_stack_serves_through_nginx(stack, recorder, visitor, kim):
    recorder.phase = "boot"
    assert visitor.get("/healthz", host="127.0.0.1").status_code == 200
    ready = visitor.get("/readyz", host="127.0.0.1")
    assert ready.status_code == 200, ready.text
    assert ready.json()["status"] == "ok", ready.json()
    assert ready.headers["Cache-Control"] == "no-store"
    home = visitor.get("/", host=kim["hostname"])
    assert home.status_code == 200
    assert home.headers.get("X-Request-ID")
    portal = visitor.get("/")
    assert portal.status_code == 200
    # Hashed static files, served by nginx from STATIC_ROOT with a year of caching.
    css = re.search(r'/static/[^"]+\.[0-9a-f]{12}\.css', portal.text).group(0)
    static = visitor.get(css)
    assert static.status_code == 200
    assert "immutable" in static.headers["Cache-Control"]
    assert "X-Request-ID" not in static.headers  # nginx answered, not the app


def approve_on(stack, recorder, node_name, email, page_id, task_state_id):
    moderator = node(stack, recorder, node_name).login(email)
    moderator.get("/admin/")
    response = moderator.post(f"/admin/pages/workflow/action/{page_id}/approve/{task_state_id}/", {})
    assert response is not None and response.status_code in (200, 302), response and response.text[:300]
    return response


Submitted = collections.namedtuple("Submitted", "slug page_id task_state_id took")


def submit_post(stack, recorder, kim, title, editor=None):
    """An editor writes a post and submits it for moderation through the admin. `task_state_id` is
    None when the post did not enter the workflow; `took` is the seconds the answer took."""
    slug = title.lower().replace(" ", "-")
    editor = editor or Browser(stack, recorder).login(kim["editor"])
    add = f"/admin/pages/add/kim_sites/postpage/{kim['berita_id']}/"
    token = editor.csrf_token(add)
    started = time.monotonic()
    created = editor.post(add, {**post_data(title, slug, **{"action-submit": "Kirim"}), "csrfmiddlewaretoken": token})
    took = time.monotonic() - started
    assert created.status_code == 302, created.text[:500]
    page_id, task_state_id = stack.query(
        "from wagtail.models import TaskState\nfrom kim_sites.models import PostPage\n"
        f"page = PostPage.objects.get(slug={slug!r})\n"
        "state = TaskState.objects.filter(workflow_state__object_id=str(page.pk), status='in_progress').first()\n"
        "print(json.dumps([page.pk, state.pk if state else None]))"
    )
    return Submitted(slug, page_id, task_state_id, took)


def test_a_post_approved_on_node_a_shows_on_node_b_within_a_second(stack, recorder, kim):
    recorder.phase = "coherence: approval"
    title = f"Panen Lada {uuid.uuid4().hex[:6]}"
    slug, page_id, task_state_id, _took = submit_post(stack, recorder, kim, title)
    host = kim["hostname"]
    targets = [(host, "/"), (host, "/berita/"), (host, "/feed/"), (BASE_DOMAIN, "/")]
    node_b = node(stack, recorder, "node_b")
    # Node B has every page in the shared cache, without the post.
    for target_host, path in targets:
        for _ in range(2):
            response = node_b.get(path, host=target_host)
            assert response.status_code == 200 and title not in response.text

    approval = approve_on(stack, recorder, "node_a", kim["moderator"], page_id, task_state_id)
    elapsed = wait_for(lambda: all(title in node_b.get(path, host=h).text for h, path in targets), timeout=5)
    recorder.finding(
        "approved on node A, on node B's home, index, feed and portal",
        elapsed is not None and elapsed <= 1.0,
        f"after {elapsed and round(elapsed, 3)} s",
    )
    assert elapsed is not None and elapsed <= 1.0, elapsed
    assert node_b.get(f"/berita/{slug}/", host=host).status_code == 200

    # The tasks the approval enqueued log, in the worker, the id of the approval's request.
    request_id = approval.headers["X-Request-ID"]
    worker_log = stack.logs / "worker.log"
    crossed = wait_for(
        lambda: any(request_id in line and '"django_tasks' in line for line in worker_log.read_text().splitlines()),
        timeout=20,
        step=0.5,
    )
    recorder.finding("the approval's request id is in the worker's logs of its tasks", crossed is not None, request_id)
    assert crossed is not None


def test_a_kim_created_by_the_cli_is_served_by_both_nodes_at_once(stack, recorder):
    recorder.phase = "coherence: new KIM"
    host = f"stack-dua.{BASE_DOMAIN}"
    nodes = [node(stack, recorder, name) for name in ("node_a", "node_b")]
    before = [browser.get("/", host=host) for browser in nodes]
    stack.manage(
        "create_kim",
        "--regency",
        "bangka",
        "--name",
        "KIM Stack Dua",
        "--village",
        "Desa Dua",
        "--district",
        "Kecamatan Dua",
        "--admin-email",
        "dua@stack.test",
        "--slug",
        "stack-dua",
        "--no-email",
    )
    after = [browser.get("/", host=host) for browser in nodes]
    recorder.finding(
        "new KIM served by both nodes at once",
        all(r.status_code == 200 and "KIM Stack Dua" in r.text for r in after),
        f"before: {[r.status_code for r in before]}, after: {[r.status_code for r in after]}",
    )
    for response in after:
        assert response.status_code == 200 and "KIM Stack Dua" in response.text


def test_suspension_and_site_settings_show_on_both_nodes_at_once(stack, recorder):
    recorder.phase = "coherence: suspension, settings"
    host = f"stack-dua.{BASE_DOMAIN}"
    nodes = [node(stack, recorder, name) for name in ("node_a", "node_b")]
    for browser in nodes:
        assert browser.get("/", host=host).status_code == 200
    stack.manage("suspend_kim", "stack-dua")
    suspended = [browser.get("/", host=host).status_code for browser in nodes]
    stack.manage("reactivate_kim", "stack-dua")
    reactivated = [browser.get("/", host=host).status_code for browser in nodes]
    recorder.finding(
        "suspension and reactivation on both nodes at once",
        suspended == [503, 503] and reactivated == [200, 200],
        f"{suspended} then {reactivated}",
    )
    assert suspended == [503, 503]
    assert reactivated == [200, 200]

    marker = f"Kaki halaman {uuid.uuid4().hex[:8]}"
    stack.query(
        "from kim_sites.models import Kim, KimSiteSettings\n"
        "settings = KimSiteSettings.for_site(Kim.objects.get(slug='stack-dua').site)\n"
        f"settings.footer_text = {marker!r}\nsettings.save()\nprint(json.dumps(True))"
    )
    shown = [marker in browser.get("/", host=host).text for browser in nodes]
    recorder.finding("site-settings change on both nodes at once", all(shown), str(shown))
    assert all(shown)


def test_mail_reaches_the_smtp_server_and_the_scheduler_runs(stack, recorder):
    recorder.phase = "mail and timers"
    stack.manage(
        "create_kim",
        "--regency",
        "bangka",
        "--name",
        "KIM Stack Tiga",
        "--village",
        "Desa Tiga",
        "--district",
        "Kecamatan Tiga",
        "--admin-email",
        "tiga@stack.test",
        "--slug",
        "stack-tiga",
    )

    def delivered():
        new = stack.maildir / "new"
        return new.exists() and any("tiga@stack.test" in path.read_text(errors="replace") for path in new.iterdir())

    # Sent by the command today, by the worker once mail leaves for the task queue: either way, it arrives.
    arrived = wait_for(delivered, timeout=30, step=0.5)
    recorder.finding(
        "the activation mail reaches the SMTP server", arrived is not None, f"in {arrived and round(arrived, 1)} s"
    )
    assert arrived is not None
    ran = wait_for(lambda: stack.scheduler_runs > 0, timeout=30, step=0.5)
    recorder.finding(
        "the minutely job (publish_scheduled) runs and succeeds",
        ran is not None and stack.scheduler_failures == 0,
        f"{stack.scheduler_runs} runs, {stack.scheduler_failures} failed",
    )
    assert ran is not None and stack.scheduler_failures == 0


def test_unknown_hosts(stack, recorder, visitor):
    recorder.phase = "unknown hosts"
    keys_before = int(
        subprocess.run(
            ["redis-cli", "-p", str(stack.ports["redis"]), "dbsize"], capture_output=True, text=True, check=True
        ).stdout
    )  # noqa: S603, S607
    statuses = [visitor.get("/", host=f"x{uuid.uuid4().hex[:10]}.{BASE_DOMAIN}").status_code for _ in range(30)]
    keys_after = int(
        subprocess.run(
            ["redis-cli", "-p", str(stack.ports["redis"]), "dbsize"], capture_output=True, text=True, check=True
        ).stdout
    )  # noqa: S603, S607
    assert 500 not in statuses
    recorder.finding(
        "unknown subdomains answer 404 (or redirect to the portal)",
        set(statuses) <= {404, 301, 302},
        f"statuses {sorted(set(statuses))}",
    )
    recorder.finding(
        "unknown subdomains are not cached per host",
        keys_after - keys_before < 5,
        f"{keys_after - keys_before} new cache keys for 30 hosts",
    )
    assert set(statuses) <= {404, 301, 302}, statuses
    assert keys_after - keys_before < 5
    # The portal, a KIM and the probes on an invented name are unchanged.
    assert visitor.get("/").status_code == 200
    assert visitor.get("/healthz", host=f"x{uuid.uuid4().hex[:10]}.{BASE_DOMAIN}").status_code == 200
    # A name that is not ours never reaches the app: nginx closes the connection (444).
    foreign = visitor.recorder.request(
        visitor.session,
        "GET",
        f"https://127.0.0.1:{stack.ports['https']}/",
        headers={"Host": "evil.example"},
        verify=False,
    )
    plain = visitor.recorder.request(
        visitor.session, "GET", f"http://127.0.0.1:{stack.ports['http']}/", headers={"Host": "evil.example"}
    )
    recorder.finding("foreign hosts closed by nginx", foreign is None and plain is None)
    assert foreign is None and plain is None


def test_a_gunicorn_worker_killed_mid_request(stack, recorder, kim):
    recorder.phase = "worker killed"
    host = kim["hostname"]
    direct = node(stack, recorder, "node_a")
    workers = stack.node_pids("node_a")
    assert workers

    killed = []

    def kill(elapsed):
        if elapsed > 1 and not killed:
            for pid in workers:
                subprocess.run(["kill", "-9", str(pid)], check=False)  # noqa: S603, S607
            killed.append(elapsed)

    browsers = [(Browser(stack, recorder), [(host, "/"), (host, "/berita/"), (BASE_DOMAIN, "/")]) for _ in range(3)]
    statuses = bounded_load(recorder, browsers, seconds=4, max_requests=400, phase="worker killed", during=kill)
    assert killed
    after = Browser(stack, recorder).get("/", host=host)
    recorder.finding(
        "the next request through nginx is served",
        after is not None and after.status_code == 200,
        f"load statuses {dict(statuses)}",
    )
    assert after.status_code == 200
    back = wait_for(
        lambda: (
            (r := direct.get("/healthz")) is not None
            and r.status_code == 200
            and set(stack.node_pids("node_a")) - set(workers)
        ),
        timeout=20,
        step=0.2,
    )
    recorder.finding("node A's master replaced its workers", back is not None, f"in {back and round(back, 1)} s")
    assert back is not None
    errors = sum(count for status, count in statuses.items() if not isinstance(status, int) or status >= 500)
    recorder.finding(
        "errors while its workers died (nginx retries the other node)",
        errors <= 3,
        f"{errors} of {sum(statuses.values())}",
    )


def test_a_restart_on_the_systemd_socket_resets_no_connection(stack, recorder, kim):
    recorder.phase = "restart on the socket"
    listener = socket.socket()
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", stack.ports["node_s"]))
    listener.listen(2048)
    listener.set_inheritable(True)
    try:
        stack.start_node_on_socket("node_s", listener)
        direct = node(stack, recorder, "node_s")
        assert wait_for(
            lambda: (
                (r := direct.get("/healthz", phase="restart on the socket: boot")) is not None and r.status_code == 200
            ),
            timeout=60,
            step=0.5,
        )
        restarted = []

        def restart(elapsed):
            if elapsed > 2 and not restarted:
                # systemctl restart kimcms-web: SIGTERM, wait for the exit, start again; the socket stays.
                stack.stop("node_s", signal.SIGTERM, timeout=40)
                stack.start_node_on_socket("node_s", listener)
                restarted.append(elapsed)

        host = kim["hostname"]
        browsers = [
            (node(stack, recorder, "node_s"), [(host, "/"), (BASE_DOMAIN, "/"), (host, "/berita/")]) for _ in range(3)
        ]
        statuses = bounded_load(
            recorder, browsers, seconds=8, max_requests=600, phase="restart on the socket", during=restart
        )
        assert restarted
        failures = {status: count for status, count in statuses.items() if status != 200}
        recorder.finding(
            "gunicorn restarted under load on a socket it does not own: no connection reset or refused",
            not failures,
            f"statuses {dict(statuses)}",
        )
        assert not failures, statuses
    finally:
        stack.stop("node_s")
        listener.close()


def test_redis_stopped_for_20_seconds_under_load(stack, recorder, kim):
    recorder.phase = "redis down 20 s"
    host = kim["hostname"]
    other = f"stack-dua.{BASE_DOMAIN}"
    moderator = Browser(stack, recorder).login(kim["moderator"])
    editor = Browser(stack, recorder).login(kim["editor"])
    title = f"Selama Redis Mati {uuid.uuid4().hex[:6]}"
    targets = [(host, "/"), (host, "/berita/"), (host, "/feed/"), (BASE_DOMAIN, "/")]
    nodes = [node(stack, recorder, name) for name in ("node_a", "node_b")]
    for browser in nodes:  # every page in the shared cache, without the post
        for target_host, path in [*targets, (other, "/")]:
            browser.get(path, host=target_host, phase="redis down: before")
    events = {}
    probe = Browser(stack, recorder)

    def fault(elapsed):
        if elapsed > 3 and "stopped" not in events:
            stack.stop_redis()
            events["stopped"] = time.monotonic()
        if elapsed > 6 and "approved" not in events:
            # A moderator approves, and a KIM is suspended, while Redis is down.
            slug, page_id, task_state_id, _took = submit_post(stack, recorder, kim, title, editor=editor)
            approve_on(stack, recorder, "node_a", kim["moderator"], page_id, task_state_id)
            stack.manage("suspend_kim", "stack-dua")
            events["approved"] = slug
            events["during"] = [
                (title in (r := browser.get("/berita/", host=host, phase="redis down: probes")).text, r.status_code)
                for browser in nodes
            ] + [(None, browser.get("/", host=other, phase="redis down: probes").status_code) for browser in nodes]
        if elapsed > 10 and "readyz" not in events:
            events["readyz"] = probe.get("/readyz", host="127.0.0.1", phase="redis down: probes")
        # Redis comes back once it was down for 20 s and the approval made meanwhile is done (on a
        # loaded machine the approval alone can take longer than the planned outage).
        if elapsed > 23 and "approved" in events and "started" not in events:
            stack.start_redis()
            events["started"] = time.monotonic()

    public = [(host, "/"), (host, "/berita/"), (host, "/feed/"), (BASE_DOMAIN, "/")]
    browsers = [(Browser(stack, recorder), public) for _ in range(3)] + [(moderator, [(BASE_DOMAIN, "/admin/")])]
    try:
        statuses = bounded_load(
            recorder, browsers, seconds=45, max_requests=8000, phase="redis down 20 s", during=fault
        )
    finally:
        if "started" not in events:
            stack.start_redis()
    assert "started" in events
    down_for = events["started"] - events["stopped"]
    recorder.finding("Redis was down for 20 s or more, under load", down_for >= 20, f"{down_for:.1f} s")
    assert down_for >= 20
    ready = events["readyz"]
    recorder.finding(
        "/readyz keeps the node in service and names the cache",
        ready.status_code == 200 and ready.json()["degraded"] == ["cache"],
        f"{ready.status_code} {ready.json().get('degraded')}",
    )
    assert ready.status_code == 200 and "cache" in ready.json()["degraded"]
    server_errors = sum(count for status, count in statuses.items() if status == 500)
    recorder.finding(
        "no 500 while Redis is down",
        server_errors == 0,
        f"{server_errors} of {sum(statuses.values())} answered 500; statuses {dict(statuses)}",
    )
    assert server_errors == 0, statuses
    during = events.get("during")
    recorder.finding(
        "while Redis is down, a moderator's approval publishes and a suspension holds, on both nodes",
        during == [(True, 200), (True, 200), (None, 503), (None, 503)],
        str(during),
    )
    assert during == [(True, 200), (True, 200), (None, 503), (None, 503)]
    recovered = wait_for(
        lambda: (
            (r := Browser(stack, recorder).get("/", host=host, phase="redis down: recovery")) is not None
            and r.status_code == 200
        ),
        timeout=15,
        step=0.2,
    )
    recorder.finding(
        "pages answer again once Redis is back", recovered is not None, f"in {recovered and round(recovered, 2)} s"
    )
    assert recovered is not None

    def current():
        shown = all(
            title in browser.get(path, host=h, phase="redis down: after").text
            for browser in nodes
            for h, path in targets
        )
        closed = all(browser.get("/", host=other, phase="redis down: after").status_code == 503 for browser in nodes)
        return shown and closed

    fresh = all(current() for _ in range(5))
    recorder.finding(
        "once Redis is back, nothing is stale: the approved post everywhere, the KIM still suspended",
        fresh,
    )
    assert fresh
    stack.manage("reactivate_kim", "stack-dua")
    assert all(browser.get("/", host=other).status_code == 200 for browser in nodes)
    assert stack.procs["node_a"].poll() is None and stack.procs["node_b"].poll() is None


def test_redis_hanging_then_answering_with_its_data_leaves_nothing_stale(stack, recorder, kim):
    """A hung Redis (or one restarted from its dump) still holds the pages and generations of
    before: the purge that failed while it hung must not let them be served once it answers."""
    recorder.phase = "redis hanging"
    host = kim["hostname"]
    title = f"Saat Redis Macet {uuid.uuid4().hex[:6]}"
    targets = [(host, "/"), (host, "/berita/"), (host, "/feed/"), (BASE_DOMAIN, "/")]
    slug, page_id, task_state_id, _took = submit_post(stack, recorder, kim, title)
    node_b = node(stack, recorder, "node_b")
    for target_host, path in targets:
        for _ in range(2):
            assert title not in node_b.get(path, host=target_host).text
    stack.hang_redis()
    try:
        started = time.monotonic()
        approve_on(stack, recorder, "node_a", kim["moderator"], page_id, task_state_id)
        approval_seconds = time.monotonic() - started
        during = [(r := node_b.get(path, host=h)).status_code == 200 and title in r.text for h, path in targets]
    finally:
        stack.resume_redis()
    recorder.finding(
        "while Redis hangs, the approval succeeds and node B shows the post",
        all(during),
        f"approval in {round(approval_seconds, 2)} s; {during}",
    )
    assert all(during)
    elapsed = wait_for(lambda: all(title in node_b.get(path, host=h).text for h, path in targets), timeout=10)
    stable = elapsed is not None and all(
        title in node_b.get(path, host=h).text for _ in range(5) for h, path in targets
    )
    recorder.finding(
        "once Redis answers again with its old data, node B never serves the page of before",
        stable and elapsed <= 3,
        f"current after {elapsed and round(elapsed, 2)} s",
    )
    assert stable and elapsed <= 3, elapsed


def test_postgresql_restarted_under_load(stack, recorder, kim):
    recorder.phase = "postgresql restart"
    host = kim["hostname"]
    moderator = Browser(stack, recorder).login(kim["moderator"])
    events = {}
    probe = Browser(stack, recorder)
    worker_starts = stack.worker_starts

    def fault(elapsed):
        if elapsed > 2 and "stopped" not in events:
            stack.stop_postgres("fast")
            events["stopped"] = time.monotonic()
            events["readyz"] = probe.get("/readyz", host="127.0.0.1", phase="postgresql restart: probes")
            events["healthz"] = probe.get("/healthz", host="127.0.0.1", phase="postgresql restart: probes")
            # A signed-in page needs the database (the session): never from the page cache.
            events["page"] = moderator.get("/admin/", phase="postgresql restart: probes")
        if elapsed > 5 and "started" not in events:
            stack.start_postgres()
            events["started"] = time.monotonic()

    public = [(host, "/"), (host, "/berita/"), (BASE_DOMAIN, "/")]
    browsers = [(Browser(stack, recorder), public) for _ in range(2)] + [(moderator, [(BASE_DOMAIN, "/admin/")])]
    try:
        statuses = bounded_load(
            recorder, browsers, seconds=9, max_requests=1500, phase="postgresql restart", during=fault
        )
    finally:
        if "started" not in events:
            stack.start_postgres()
    assert "started" in events
    ready, health = events["readyz"], events["healthz"]
    recorder.finding(
        "/readyz says 503 with Retry-After while the database is down",
        ready.status_code == 503 and ready.headers.get("Retry-After"),
        f"{ready.status_code}",
    )
    recorder.finding("/healthz stays 200 (no restart for an outage)", health.status_code == 200)
    assert ready.status_code == 503 and ready.headers["Retry-After"] and ready.json()["status"] == "down"
    assert health.status_code == 200

    def admin_answers():
        response = moderator.get("/admin/", phase="postgresql restart: recovery")
        return response is not None and response.status_code == 200

    recovery = wait_for(admin_answers, timeout=20, step=0.2)
    total = (time.monotonic() - events["started"]) if recovery is not None else None
    recorder.finding(
        "recovery after PostgreSQL is back <= 10 s", total is not None and total <= 10, f"{total and round(total, 2)} s"
    )
    assert total is not None and total <= 10
    tracebacks = sum(count for status, count in statuses.items() if status == 500)
    page = events["page"]
    recorder.finding(
        "errors are 503 with Retry-After, never 500",
        tracebacks == 0 and page.status_code == 503 and page.headers.get("Retry-After"),
        f"{tracebacks} answered 500; statuses {dict(statuses)}; a page while down: {page.status_code}",
    )
    assert tracebacks == 0, statuses
    assert page.status_code == 503 and page.headers["Retry-After"] and "Layanan sedang tidak tersedia" in page.text
    worker_back = wait_for(lambda: stack.procs["worker"].poll() is None, timeout=10, step=0.2)
    recorder.finding(
        "the task worker is running again (Restart=always)",
        worker_back is not None,
        f"worker started {stack.worker_starts - worker_starts} more time(s)",
    )
    assert worker_back is not None


def test_a_backup_restored_into_a_fresh_database_and_bucket_serves_the_same_pages(
    stack, recorder, kim, tmp_path_factory
):
    recorder.phase = "backup and restore"
    stack.query(
        "from django.core.files.base import ContentFile\nfrom django.core.files.storage import default_storage\n"
        "print(json.dumps(default_storage.save('original_images/stack-backup.txt', ContentFile(b'berkas cadangan'))))"
    )
    backups = tmp_path_factory.mktemp("backups")
    folder = stack.manage("backup", "--output", str(backups)).stdout.strip().splitlines()[-1]
    stack.psql("CREATE DATABASE kimrestore")
    stack.s3().create_bucket(Bucket="kim-stack-restore")
    restored_env = stack.app_env(database="kimrestore", bucket="kim-stack-restore", cache_prefix="kimrestore")
    result = stack.manage("restore", folder, "--no-input", env=restored_env)
    recorder.finding("restore", True, result.stdout.strip())
    stack.start_node("node_r", env=restored_env)
    try:
        original, restored = node(stack, recorder, "node_a"), node(stack, recorder, "node_r")
        host = kim["hostname"]
        for target_host, path in [
            (host, "/"),
            (host, "/berita/"),
            (host, kim["post_path"]),
            (host, "/feed/"),
            (BASE_DOMAIN, "/"),
        ]:
            before, after = original.get(path, host=target_host), restored.get(path, host=target_host)
            assert before.status_code == after.status_code == 200, (path, before.status_code, after.status_code)
            assert title_of(before.text) == title_of(after.text), path
        copied = (
            stack.s3()
            .get_object(Bucket="kim-stack-restore", Key="media/original_images/stack-backup.txt")["Body"]
            .read()
        )
        assert copied == b"berkas cadangan"
        recorder.finding("the restored database and bucket serve the same pages", True, folder)
    finally:
        stack.stop("node_r")


def title_of(html):
    match = re.search(r"<title>(.*?)</title>", html, re.DOTALL)
    return match and " ".join(match.group(1).split())
