"""The benchmark behind `manage.py bench`: cost per page, per link and per KIM at 10 to 10,000 sites.

The command (any settings) runs one child process per database, each with `tools.bench.settings`
and its own SQLite file under bench-results/, so the development database is never touched.
A child builds its database (timing the bulk provisioning), measures in-process with Django's
test client, then under gunicorn, and prints its figures as JSON; the parent prints the table of
ratios and writes it to a markdown file.

Extension points, for page types and views that other parts of the project add:
- `PAGES`: which public pages are measured (name, host kind, path builder);
- `QUEUE_URL_NAMES`: URL names of a moderation queue, measured next to Wagtail's dashboard
  when one of them resolves;
- `BENCH_IMPORT_COMMAND`: `import_kims` is used for `--demo-plus` when it exists.
"""

import datetime
import json
import os
import platform
import shutil
import socket
import sqlite3
import statistics
import subprocess
import sys
import threading
import time
import uuid
from http.client import HTTPConnection
from pathlib import Path

from django.conf import settings

from kim_sites.conf import kim_settings

RESULTS_DIR = Path(settings.BASE_DIR) / "bench-results"
GUNICORN_PORT = int(os.environ.get("BENCH_PORT", "8316"))
QUEUE_URL_NAMES = ["kim_moderation_queue", "kim_sites:moderation_queue"]
BENCH_IMPORT_COMMAND = "import_kims"
POSTS = 15


# --- Parent ------------------------------------------------------------------------------------------


def run(*, sites, quick, demo_plus, stock, gunicorn, write):
    RESULTS_DIR.mkdir(exist_ok=True)
    started = time.perf_counter()
    runs = {}
    for count in sites:
        runs[f"index:{count}"] = _child({"mode": "sites", "sites": count, "quick": quick, "gunicorn": gunicorn})
        if stock:
            runs[f"stock:{count}"] = _child(
                {"mode": "sites", "sites": count, "quick": quick, "gunicorn": False, "pending": False},
                stock=True,
                reuse=f"index:{count}",
            )
    if demo_plus:
        runs["demo:0"] = _child({"mode": "demo", "extra": 0, "quick": quick})
        runs[f"demo:{demo_plus}"] = _child({"mode": "demo", "extra": demo_plus, "quick": quick})
    report = render(runs, sites=sites, demo_plus=demo_plus, duration=time.perf_counter() - started)
    if write:
        path = RESULTS_DIR / f"bench-{datetime.datetime.now():%Y%m%d-%H%M%S}.md"
        path.write_text(report)
        (RESULTS_DIR / "latest.json").write_text(json.dumps(runs, indent=2))
        report += f"\n(written to {path.relative_to(settings.BASE_DIR)})\n"
    return report


def _child(spec, *, stock=False, reuse=None):
    name = f"{spec['mode']}-{spec.get('sites', spec.get('extra'))}"
    database = RESULTS_DIR / f"{name}.sqlite3"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tools.bench.settings",
        "BENCH_DATABASE": str(database),
        "KIM_SITE_INDEX_ENABLED": "0" if stock else "1",
    }
    env.pop("DATABASE_URL", None)
    spec = {**spec, "reuse": bool(reuse and database.exists())}
    command = [sys.executable, str(Path(settings.BASE_DIR) / "manage.py"), "bench", "--child", json.dumps(spec)]
    print(f"[bench] {name}{' (stock Wagtail)' if stock else ''} ...", file=sys.stderr, flush=True)
    result = subprocess.run(command, env=env, capture_output=True, text=True, cwd=settings.BASE_DIR)  # nosec B603  # own manage.py
    if result.returncode != 0:
        raise RuntimeError(f"bench child {name} failed:\n{result.stderr[-4000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


# --- Child -------------------------------------------------------------------------------------------


def child(spec):
    from django.core.management import call_command

    database = Path(settings.DATABASES["default"]["NAME"])
    result = {"spec": spec, "machine": machine()}
    if not spec.get("reuse"):
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{database}{suffix}").unlink(missing_ok=True)
        call_command("migrate", verbosity=0)
        if spec["mode"] == "sites":
            result["build"] = build_sites(spec["sites"])
        else:
            result["build"] = build_demo(spec["extra"])
        prepare_content(result, spec)
        # Planner statistics of the database as measured (PostgreSQL's autovacuum keeps them).
        from kim_sites.registry.provisioning import refresh_statistics

        refresh_statistics()
    else:
        result["build"] = {"reused": True}
    kim_slug = _measured_kim_slug(spec)
    result.update(measure_pages(kim_slug, quick=spec["quick"]))
    if spec["mode"] == "sites" and spec.get("pending", True):
        result["dashboard"] = measure_dashboard(kim_slug, pending=1_000 if spec["quick"] else 10_000)
    if spec.get("gunicorn"):
        result["throughput"] = measure_throughput(kim_slug, database, seconds=3 if spec["quick"] else 6)
    return result


def _measured_kim_slug(spec):
    from kim_sites.models import Kim

    if spec["mode"] == "demo":
        return Kim.objects.get(name="KIM Jada Bahrin Bersatu").slug
    return Kim.objects.get(name="KIM Bench 0").slug


def _specs(count, prefix):
    from kim_sites.models import Regency
    from kim_sites.registry.provisioning import KimSpec

    regencies = list(Regency.objects.order_by("slug").values_list("slug", flat=True))
    for n in range(count):
        yield KimSpec(
            name=f"KIM {prefix} {n}",
            regency=regencies[n % len(regencies)],
            village=f"Desa {prefix} {n}",
            district=f"Kecamatan {n % 47}",
            admin_email=f"{prefix.lower()}{n}@bench.kim.id",
        )


def build_sites(count, prefix="Bench", chunk=1_000):
    """Provision `count` KIMs in chunks, with the production task queue, then drain it with the worker."""
    from django.core.management import call_command
    from django.test import override_settings

    from kim_sites.registry.provisioning import provision_kims

    specs = list(_specs(count, prefix))
    per_chunk = []
    with override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}):
        started = time.perf_counter()
        for start in range(0, len(specs), chunk):
            part = specs[start : start + chunk]
            t = time.perf_counter()
            provision_kims(part, send_email=False)
            per_chunk.append((time.perf_counter() - t) * 1000 / len(part))
        provision_seconds = time.perf_counter() - started
        t = time.perf_counter()
        call_command("db_worker", batch=True, startup_delay=False, verbosity=0)
        worker_seconds = time.perf_counter() - t
    return {
        "kims": count,
        "provision_s": round(provision_seconds, 1),
        "worker_s": round(worker_seconds, 1),
        "ms_per_kim_first_chunk": round(per_chunk[0], 1),
        "ms_per_kim_last_chunk": round(per_chunk[-1], 1),
    }


def build_demo(extra):
    """The demo province, plus `extra` KIMs imported the way Diskominfo imports them."""
    from django.core.management import call_command, get_commands

    call_command("load_demo", verbosity=0)
    if not extra:
        return {"kims": 0}
    started = time.perf_counter()
    if BENCH_IMPORT_COMMAND in get_commands():
        import csv

        path = RESULTS_DIR / f"import-{extra}.csv"
        with path.open("w", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(["nama", "kabupaten_kota", "kecamatan", "desa_kelurahan", "email_admin"])
            for spec in _specs(extra, "Impor"):
                writer.writerow([spec.name, spec.regency, spec.district, spec.village, spec.admin_email])
        call_command(BENCH_IMPORT_COMMAND, str(path), verbosity=0)
        how = BENCH_IMPORT_COMMAND
    else:
        build_sites(extra, prefix="Impor")
        how = "provision_kims"
    return {"kims": extra, "seconds": round(time.perf_counter() - started, 1), "via": how}


def prepare_content(result, spec):
    """Posts for the measured KIM (with rich-text page links and tags), site settings, users."""
    from django.contrib.auth import get_user_model

    from wagtail.models import Site

    from kim_sites.models import Kim, KimSiteSettings, PostIndexPage, PostPage
    from kim_sites.registry.provisioning import add_moderator

    kim = Kim.objects.get(slug=_measured_kim_slug(spec))
    index = PostIndexPage.objects.descendant_of(kim.home_page).get()
    previous = None
    for n in range(POSTS):
        body = [("paragraph", f"<p>Kegiatan warga ke-{n} di {kim.village}.</p>")]
        if previous is not None:
            body.append(("paragraph", f'<p>Baca juga <a linktype="page" id="{previous.pk}">{previous.title}</a>.</p>'))
        post = PostPage(
            title=f"Kabar Bench {n}",
            summary="Ringkasan kabar untuk pengukuran.",
            date=datetime.date(2026, 1, 1) + datetime.timedelta(days=n),
            body=body,
            live=False,
        )
        index.add_child(instance=post)
        post.tags.add("gotong-royong", "umkm")
        post.save_revision().publish()
        previous = post
    for site in (kim.site, Site.objects.get(is_default_site=True)):
        KimSiteSettings.for_site(site)
    User = get_user_model()
    editor = User.objects.filter(groups=kim.admin_group).first()
    editor.set_password("bench12345")
    editor.save()
    moderator = add_moderator(regency=kim.regency, email="moderator@bench.kim.id", send_email=False).user
    moderator.set_password("bench12345")
    moderator.save()


# --- Measurements ------------------------------------------------------------------------------------


def _timed(fn, runs):
    samples = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - t) * 1000)
    return round(statistics.median(samples), 2)


def _count_queries(fn):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    connection.queries_log.clear()  # a full log (9,000 entries) would make every count 0
    with CaptureQueriesContext(connection) as ctx:
        fn()
    return len(ctx.captured_queries)


def pages_for(kim):
    from kim_sites.models import PostPage

    post = PostPage.objects.live().descendant_of(kim.home_page).order_by("-date").first()
    return [
        ("kim_home", kim.hostname, "/"),
        ("post", kim.hostname, f"/berita/{post.slug}/"),
        ("portal", settings.PORTAL_HOSTNAME, "/"),
    ]


# Which public pages are measured: extend with (name, host, path) for new page types.
PAGES = pages_for


def measure_pages(kim_slug, *, quick):
    from django.test import Client, override_settings

    from kim_sites.models import Kim

    kim = Kim.objects.select_related("site", "home_page", "admin_group").get(slug=kim_slug)
    runs = 15 if quick else 40
    figures = {}
    anonymous = Client()
    signed_in = Client()
    signed_in.force_login(kim.admin_group.user_set.first())
    for name, host, path in PAGES(kim):
        row = {}

        def get(client=anonymous, host=host, path=path):
            response = client.get(path, HTTP_HOST=host)
            assert response.status_code == 200, (host, path, response.status_code)  # nosec B101  # a bench check
            return response

        with override_settings(KIM_PAGE_CACHE_ENABLED=False):
            for _ in range(3):
                get()
            row["anon_uncached_ms"] = _timed(get, runs)
            row["anon_uncached_queries"] = _count_queries(get)
        for _ in range(2):
            get()
        row["anon_cached_ms"] = _timed(get, runs)
        row["anon_cached_queries"] = _count_queries(get)

        def get_signed_in():
            return get(signed_in)

        for _ in range(3):
            get_signed_in()
        row["signed_in_ms"] = _timed(get_signed_in, runs)
        row["signed_in_queries"] = _count_queries(get_signed_in)
        figures[name] = row
    figures["pageurl_us"] = measure_pageurl(kim)
    figures["root_paths_bytes"] = measure_root_paths_bytes()
    return {"pages": figures}


def measure_pageurl(kim):
    """Cost of one `{% pageurl %}` in a KIM's page, over 20 links, in a request's context."""
    from django.template import Context, Template
    from django.test import RequestFactory

    from wagtail.models import Page

    from kim_sites.scale.site_index import SiteIndexMiddleware

    pages = list(Page.objects.descendant_of(kim.home_page).order_by("path")[:20])
    template = Template("{% load wagtailcore_tags %}{% for p in pages %}{% pageurl p %} {% endfor %}")
    request = RequestFactory().get("/", HTTP_HOST=kim.hostname)
    samples = []

    def render(request):
        for _ in range(20):
            t = time.perf_counter()
            template.render(Context({"pages": pages, "request": request}))
            samples.append((time.perf_counter() - t) * 1_000_000 / len(pages))
        return None

    SiteIndexMiddleware(render)(request)
    return round(statistics.median(samples), 1)


def measure_root_paths_bytes():
    """What stock Wagtail unpickles from the cache on each request; the index reads a token instead."""
    import pickle  # nosec B403  # dumps only, to measure a size

    from django.core.cache import cache

    from wagtail.models import Site

    from kim_sites.scale import site_index, wagtail_patches

    if wagtail_patches.is_installed():
        return len(pickle.dumps(cache.get(site_index.GENERATION_KEY)))
    Site.get_site_root_paths()
    return len(pickle.dumps(cache.get("wagtail_site_root_paths", version=2)))


def measure_dashboard(kim_slug, *, pending):
    """Wagtail's dashboard (and a moderation queue, if the project has one) for the regency's
    moderator, with no pending item and with `pending` of them."""
    from django.contrib.auth import get_user_model
    from django.test import Client
    from django.urls import NoReverseMatch, reverse

    from kim_sites.models import Kim

    kim = Kim.objects.select_related("regency").get(slug=kim_slug)
    client = Client()
    client.login(username="moderator@bench.kim.id", password="bench12345")  # nosec B106  # bench-only account
    if kim_settings.KIM_2FA_ENFORCED:
        # Moderators pass a second factor before the admin (docs/accounts.md); so does the bench's.
        from django_otp.oath import totp
        from django_otp.plugins.otp_totp.models import TOTPDevice

        moderator = get_user_model().objects.get(email="moderator@bench.kim.id")
        TOTPDevice.objects.filter(user=moderator).delete()
        device = TOTPDevice.objects.create(user=moderator, name="bench", confirmed=True)
        code = f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"
        client.post(reverse("kim_accounts_verify"), {"code": code}, HTTP_HOST="admin.kim.bench")
    urls = [("dashboard", "/admin/")]
    for name in QUEUE_URL_NAMES:
        try:
            urls.append(("queue", reverse(name)))
            break
        except NoReverseMatch:
            continue
    # The pembina's Monday report (issue 8): one row per KIM of the regency, aggregated in the database.
    urls.append(("kinerja", reverse("kinerja_report")))
    figures = {}
    for label, count in (("none", 0), ("many", pending)):
        if count:
            create_pending_items(kim, count)
            # Measured with the planner statistics that autovacuum keeps in production.
            from kim_sites.registry.provisioning import refresh_statistics

            refresh_statistics()
        for view, url in urls:

            def get(url=url):
                return client.get(url, HTTP_HOST="admin.kim.bench")

            # One measured request first: with stock Wagtail's panel it may take minutes.
            from django.db import connection
            from django.test.utils import CaptureQueriesContext

            connection.queries_log.clear()
            with CaptureQueriesContext(connection) as ctx:
                t = time.perf_counter()
                status = get().status_code
                first_ms = (time.perf_counter() - t) * 1000
            # Read now: `captured_queries` slices the connection's log, which the next request clears.
            queries = len(ctx.captured_queries)
            ms = _timed(get, 5) if status == 200 and first_ms < 2_000 else round(first_ms, 1)
            figures[f"{view}_{label}"] = {
                "pending": count,
                "status": status,
                "ms": ms if status == 200 else None,
                "queries": queries,
            }
    return figures


def create_pending_items(kim, count):
    """`count` pages in moderation under the KIM's post index. Uses the workflow assigned to the
    KIM's pages, or a stock group approval one (stock Wagtail has none)."""
    from wagtail.models import GroupApprovalTask, Workflow, WorkflowPage, WorkflowTask

    from kim_sites.models import PostIndexPage

    index = PostIndexPage.objects.descendant_of(kim.home_page).get()
    workflow = index.get_workflow()
    if workflow is None:
        workflow = Workflow.objects.create(name="Bench moderation")
        WorkflowPage.objects.create(workflow=workflow, page=kim.regency.page)
    task = workflow.tasks.first()
    if task is None:
        task = GroupApprovalTask.objects.create(name="Bench approval")
        task.groups.add(kim.regency.moderator_group)
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    return bulk_pending_pages(index, count, workflow=workflow, task=task)


def bulk_pending_pages(index, count, *, workflow, task, requested_by=None, batch=2_000):
    """`count` pages under `index`, each waiting in `task` of `workflow`, written in bulk: pages,
    revisions, workflow and task states, as Wagtail would have made them by submission.

    Plain Page rows (no specific row) are enough for the moderation views, which read base pages
    only; this builds a province-sized queue in seconds instead of hours. Returns the pages."""
    from django.contrib.contenttypes.models import ContentType
    from django.utils import timezone

    from wagtail.models import Page, Revision, TaskState, WorkflowState

    page_ct = ContentType.objects.get_for_model(Page)
    task_state_ct = ContentType.objects.get_for_model(TaskState)
    now = timezone.now()
    index = Page.objects.get(pk=index.pk)
    last = index.get_last_child()
    start = int(last.path[-Page.steplen :], 36) + 1 if last else 1
    created = []
    for offset in range(0, count, batch):
        numbers = range(start + offset, start + min(offset + batch, count))
        pages = Page.objects.bulk_create(
            Page(
                title=f"Menunggu moderasi {n}",
                draft_title=f"Menunggu moderasi {n}",
                slug=f"menunggu-{n}",
                path=Page._get_path(index.path, index.depth + 1, n),
                depth=index.depth + 1,
                numchild=0,
                url_path=f"{index.url_path}menunggu-{n}/",
                live=False,
                has_unpublished_changes=True,
                content_type=page_ct,
                locale_id=index.locale_id,
                translation_key=uuid.uuid4(),
                owner=requested_by,
            )
            for n in numbers
        )
        revisions = Revision.objects.bulk_create(
            Revision(
                content_type=page_ct,
                base_content_type=page_ct,
                object_id=str(page.pk),
                content={"title": page.title, "pk": page.pk},
                object_str=page.title,
                user=requested_by,
                created_at=now,
            )
            for page in pages
        )
        states = WorkflowState.objects.bulk_create(
            WorkflowState(
                content_type=page_ct,
                base_content_type=page_ct,
                object_id=str(page.pk),
                workflow=workflow,
                status=WorkflowState.STATUS_IN_PROGRESS,
                requested_by=requested_by,
                created_at=now,
            )
            for page in pages
        )
        task_states = TaskState.objects.bulk_create(
            TaskState(
                workflow_state=state,
                revision=revision,
                task=task,
                status=TaskState.STATUS_IN_PROGRESS,
                started_at=now,
                content_type=task_state_ct,
            )
            for state, revision in zip(states, revisions, strict=True)
        )
        for state, task_state in zip(states, task_states, strict=True):
            state.current_task_state = task_state
        WorkflowState.objects.bulk_update(states, ["current_task_state"], batch_size=1000)
        created.extend(pages)
    Page.objects.filter(pk=index.pk).update(numchild=index.numchild + count)
    return created


# --- Throughput under gunicorn ---------------------------------------------------------------------


def measure_throughput(kim_slug, database, *, seconds):
    from kim_sites.models import Kim, PostPage

    kim = Kim.objects.select_related("home_page", "site").get(slug=kim_slug)
    post = PostPage.objects.live().descendant_of(kim.home_page).order_by("-date").first()
    targets = [
        ("trivial_view", "127.0.0.1", "/_bench/ping"),
        ("post_cached", kim.hostname, f"/berita/{post.slug}/"),
        # An unknown query parameter bypasses the page cache: the full render, every time.
        ("post_uncached", kim.hostname, f"/berita/{post.slug}/?bench=1"),
    ]
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tools.bench.settings",
        "BENCH_DATABASE": str(database),
    }
    server, log = start_gunicorn(env, "gunicorn.log")
    try:
        _wait_for_port(GUNICORN_PORT)
        figures = {}
        for name, host, path in targets:
            load(host, path, seconds=1, threads=4)  # warm both workers
            figures[name] = load(host, path, seconds=seconds, threads=4)
        base = figures["trivial_view"]["rps"] or 1
        for name in ("post_cached", "post_uncached"):
            figures[name]["vs_trivial"] = round(figures[name]["rps"] / base, 3)
        return figures
    finally:
        server.terminate()
        server.wait(timeout=20)
        log.close()


def start_gunicorn(env, log_name):
    """gunicorn of this venv with 2 sync workers on GUNICORN_PORT, logging to bench-results/`log_name`.
    Returns (process, log file); the caller terminates the one and closes the other."""
    gunicorn = shutil.which("gunicorn", path=str(Path(sys.executable).parent)) or "gunicorn"
    log = open(RESULTS_DIR / log_name, "a")  # noqa: SIM115 - closed by the caller
    server = subprocess.Popen(  # nosec B603  # gunicorn of this venv, fixed arguments
        [gunicorn, "kimcms.wsgi", "-w", "2", "-b", f"127.0.0.1:{GUNICORN_PORT}", "--log-level", "warning"],
        env=env,
        cwd=settings.BASE_DIR,
        stdout=log,
        stderr=log,
    )
    return server, log


def throughput_row(sites, figures):
    """One row of the throughput table (sites, the three rates and the two shares of the trivial view)."""
    t = figures
    return (
        f"| {sites:,} | {t['trivial_view']['rps']} req/s | {t['post_cached']['rps']} req/s | "
        f"{t['post_uncached']['rps']} req/s | {t['post_cached']['vs_trivial']:.0%} | "
        f"{t['post_uncached']['vs_trivial']:.0%} |"
    )


def _wait_for_port(port, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    raise RuntimeError(f"gunicorn did not listen on port {port}")


def load(host, path, *, seconds, threads):
    """A bounded load generator: `threads` keep-alive connections for `seconds`, counting 200s."""
    deadline = time.monotonic() + seconds
    counts = [0] * threads
    errors = [0] * threads

    def worker(i):
        connection = HTTPConnection("127.0.0.1", GUNICORN_PORT, timeout=10)
        while time.monotonic() < deadline:
            try:
                connection.request("GET", path, headers={"Host": host})
                response = connection.getresponse()
                response.read()
                if response.status == 200:
                    counts[i] += 1
                else:
                    errors[i] += 1
                if response.getheader("Connection", "").lower() == "close":
                    connection.close()
                    connection = HTTPConnection("127.0.0.1", GUNICORN_PORT, timeout=10)
            except OSError:
                errors[i] += 1
                connection.close()
                connection = HTTPConnection("127.0.0.1", GUNICORN_PORT, timeout=10)
        connection.close()

    pool = [threading.Thread(target=worker, args=(i,)) for i in range(threads)]
    started = time.monotonic()
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    elapsed = time.monotonic() - started
    return {"rps": round(sum(counts) / elapsed, 1), "requests": sum(counts), "errors": sum(errors)}


# --- Report ------------------------------------------------------------------------------------------


def machine():
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        memory = next(
            line.split()[1] for line in Path("/proc/meminfo").read_text().splitlines() if line.startswith("MemTotal")
        )
        memory = f"{int(memory) / 1024 / 1024:.1f} GiB"
    except (OSError, StopIteration):
        memory = ""
    import django

    import wagtail

    return {
        "date": datetime.datetime.now().astimezone().isoformat(timespec="minutes"),
        "nproc": os.cpu_count(),
        "cpu": cpu,
        "memory": memory,
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        "django": django.get_version(),
        "wagtail": wagtail.__version__,
    }


def _ratio(value, base):
    if value is None or not base:
        return "–"
    return f"{value / base:.2f}×"


def render(runs, *, sites, demo_plus, duration):
    lines = []
    first = next(iter(runs.values()))
    m = first["machine"]
    lines.append(f"# Benchmark {m['date']}\n")
    lines.append(
        f"Machine: {m['nproc']} CPUs ({m['cpu']}), {m['memory']} RAM; Python {m['python']}, SQLite {m['sqlite']}, "
        f"Django {m['django']}, Wagtail {m['wagtail']}. Whole run: {duration / 60:.1f} min.\n"
    )
    if sites:
        base_key = f"index:{sites[0]}"
        base = runs[base_key]
        header = "| measure | " + " | ".join(f"{n:,} sites" for n in sites)
        header += " | " + " | ".join(f"{n:,}/{sites[0]:,}" for n in sites[1:]) + " |"
        lines.append("## Pages (median ms, queries), site index on\n")
        lines.append(header)
        lines.append("|" + "---|" * (1 + 2 * len(sites) - 1))
        for page in ("kim_home", "post", "portal"):
            for key, label in (
                ("anon_uncached", "anonymous, uncached"),
                ("anon_cached", "anonymous, cached"),
                ("signed_in", "signed in"),
            ):
                cells, ratios = [], []
                for n in sites:
                    row = runs[f"index:{n}"]["pages"][page]
                    cells.append(f"{row[f'{key}_ms']} ms, {row[f'{key}_queries']} q")
                for n in sites[1:]:
                    ratios.append(
                        _ratio(runs[f"index:{n}"]["pages"][page][f"{key}_ms"], base["pages"][page][f"{key}_ms"])
                    )
                lines.append(f"| {page} {label} | " + " | ".join(cells + ratios) + " |")
        pageurl = [runs[f"index:{n}"]["pages"]["pageurl_us"] for n in sites]
        lines.append(
            "| `{% pageurl %}` per link | "
            + " | ".join(f"{v} µs" for v in pageurl)
            + " | "
            + " | ".join(_ratio(v, pageurl[0]) for v in pageurl[1:])
            + " |"
        )
        root = [runs[f"index:{n}"]["pages"]["root_paths_bytes"] for n in sites]
        lines.append(
            "| read from cache per request for sites | "
            + " | ".join(f"{v:,} B" for v in root)
            + " | "
            + " | ".join("" for _ in sites[1:])
            + " |"
        )
        lines.append("")
        if any(f"stock:{n}" in runs for n in sites):
            lines.append("## Same pages with stock Wagtail (site index off), for comparison\n")
            lines.append("| measure | " + " | ".join(f"{n:,} sites" for n in sites) + " |")
            lines.append("|" + "---|" * (1 + len(sites)))
            for page in ("kim_home", "post", "portal"):
                for key, label in (("anon_uncached", "anonymous, uncached"), ("signed_in", "signed in")):
                    cells = []
                    for n in sites:
                        row = runs.get(f"stock:{n}", {}).get("pages", {}).get(page)
                        cells.append(f"{row[f'{key}_ms']} ms, {row[f'{key}_queries']} q" if row else "–")
                    lines.append(f"| {page} {label} | " + " | ".join(cells) + " |")
            cells = [f"{runs[f'stock:{n}']['pages']['pageurl_us']} µs" if f"stock:{n}" in runs else "–" for n in sites]
            lines.append("| `{% pageurl %}` per link | " + " | ".join(cells) + " |")
            cells = [
                f"{runs[f'stock:{n}']['pages']['root_paths_bytes']:,} B" if f"stock:{n}" in runs else "–" for n in sites
            ]
            lines.append("| site-root list read from cache per request | " + " | ".join(cells) + " |")
            lines.append("")
        lines.append("## Bulk provisioning (production task queue, then its worker)\n")
        lines.append("| sites | provisioning | ms per KIM, first chunk | ms per KIM, last chunk | worker (indexes) |")
        lines.append("|---|---|---|---|---|")
        for n in sites:
            b = runs[f"index:{n}"]["build"]
            if "provision_s" in b:
                lines.append(
                    f"| {n:,} | {b['provision_s']} s | {b['ms_per_kim_first_chunk']} | "
                    f"{b['ms_per_kim_last_chunk']} | {b['worker_s']} s |"
                )
        lines.append("")
        lines.append("## Moderation views (regency moderator)\n")
        lines.append("| sites | view | pending | status | ms | queries |")
        lines.append("|---|---|---|---|---|---|")
        for n in sites:
            for key, row in runs[f"index:{n}"].get("dashboard", {}).items():
                lines.append(
                    f"| {n:,} | {key.rsplit('_', 1)[0]} | {row['pending']:,} | {row['status']} | "
                    f"{row['ms'] if row['ms'] is not None else '–'} | {row['queries']} |"
                )
        lines.append("")
        if any("throughput" in runs[f"index:{n}"] for n in sites):
            lines.append("## Throughput under gunicorn (2 workers, loopback, 4 client threads)\n")
            lines.append("| sites | trivial view | cached post | uncached post | cached/trivial | uncached/trivial |")
            lines.append("|---|---|---|---|---|---|")
            for n in sites:
                t = runs[f"index:{n}"].get("throughput")
                if t:
                    lines.append(throughput_row(n, t))
            lines.append("")
    if demo_plus:
        lines.append(f"## Demo province alone vs demo + {demo_plus:,} imported KIMs (a demo KIM's pages)\n")
        lines.append(f"| page | demo | demo + {demo_plus:,} | ratio |")
        lines.append("|---|---|---|---|")
        alone, loaded = runs["demo:0"]["pages"], runs[f"demo:{demo_plus}"]["pages"]
        for page in ("kim_home", "post"):
            for key in ("anon_uncached", "signed_in"):
                a, b = alone[page], loaded[page]
                lines.append(
                    f"| {page} {key.replace('_', ' ')} | {a[f'{key}_ms']} ms, {a[f'{key}_queries']} q | "
                    f"{b[f'{key}_ms']} ms, {b[f'{key}_queries']} q | {_ratio(b[f'{key}_ms'], a[f'{key}_ms'])} |"
                )
        imported = runs[f"demo:{demo_plus}"]["build"]
        lines.append(f"\nImport of {demo_plus:,} KIMs: {imported.get('seconds')} s via {imported.get('via')}.\n")
    return "\n".join(lines) + "\n"
