"""The national benchmark behind `manage.py bench --national`: 10, 10,000 and 100,000 KIM sites with
ten posts each, on PostgreSQL and Redis, measured in one run (docs/performance.md, "National scale").

The parent keeps one PostgreSQL database per size (`kim_bench_national_<sites>`), built once and
reused by later runs (`--rebuild` drops them), and a Redis database per size, emptied before each
child. The 100,000-site database starts as a copy of the 10,000-site one (CREATE DATABASE ...
TEMPLATE), so provisioning is timed once, on 10,000 KIMs through `provision_kims`; the other
90,000 are copies of a provisioned KIM (tools/bench/national_data.py). A child builds what its
database still lacks (each stage is recorded in the table `bench_build`), then measures, in the
same process, and prints its figures as JSON; the parent renders the report
(tools/bench/national_report.py) and writes it under bench-results/.
"""

import json
import os
import statistics
import subprocess
import sys
import threading
import time
from http.client import HTTPConnection
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from django.db import connection

from tools.bench import national_data as data
from tools.bench import runner

SIZES = (10, 10_000, 100_000)
PROVISION_LIMIT = int(os.environ.get("BENCH_NATIONAL_PROVISION_LIMIT", "10000"))
REGENCIES = int(os.environ.get("BENCH_NATIONAL_REGENCIES", "514"))
MEASURED_POSTS = 300  # the measured KIM: five years of weekly posts, so a deep index page exists
TRANSLATE_EVERY = 2_000  # KIMs per translated home (tools/bench/national_data.translate_fraction)
TRANSLATE_BUDGET_S = 120
IMPORT_KIMS = int(os.environ.get("BENCH_NATIONAL_IMPORT", "1000"))
SEARCH_TERM = "gotong royong"


# --- Parent ------------------------------------------------------------------------------------------


def _server_url(url, database):
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{database}"))


def _admin_connection(url):
    import psycopg

    return psycopg.connect(_server_url(url, "postgres"), autocommit=True)


def _database_exists(url, name):
    with _admin_connection(url) as conn:
        return conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone() is not None


def _drop_database(url, name):
    with _admin_connection(url) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _create_database(url, name, *, template=None):
    with _admin_connection(url) as conn:
        if conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone() is None:
            conn.execute(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else ""))


def run(*, sizes=SIZES, posts=10, pending=10_000, rebuild=False, serve=True, build_only=False):
    database_url = os.environ.get("DATABASE_URL", "")
    if not database_url.startswith(("postgres://", "postgresql://")):
        raise RuntimeError(
            "The national benchmark runs on PostgreSQL: set DATABASE_URL=postgres://... (a server where "
            "it may create databases named kim_bench_national_*)."
        )
    redis_url = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")
    runner.RESULTS_DIR.mkdir(exist_ok=True)
    started = time.perf_counter()
    sizes = sorted(sizes)
    names = {n: f"kim_bench_national_{n}" for n in sizes}
    if rebuild:
        for name in names.values():
            _drop_database(database_url, name)
    # Build every database first (the biggest from a copy of the next one), then measure them all.
    builds = {}
    for i, n in enumerate(sizes):
        template = None
        if not _database_exists(database_url, names[n]):
            smaller = [m for m in sizes[:i] if m >= min(PROVISION_LIMIT, n) and m < n]
            template = names[smaller[-1]] if smaller and n > PROVISION_LIMIT else None
        _create_database(database_url, names[n], template=template)
        builds[n] = _child(
            {"stage": "build", "sites": n, "posts": posts},
            _server_url(database_url, names[n]),
            _redis(redis_url, i),
        )
    results = {"builds": builds, "sizes": {}}
    if not build_only:
        for i, n in enumerate(sizes):
            spec = {
                "stage": "measure",
                "sites": n,
                "posts": posts,
                "pending": pending,
                "serve": serve and n == sizes[-1],
            }
            results["sizes"][n] = _child(spec, _server_url(database_url, names[n]), _redis(redis_url, i))
    results["duration_s"] = round(time.perf_counter() - started)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    (runner.RESULTS_DIR / f"national-{stamp}.json").write_text(json.dumps(results, indent=2))
    if build_only:
        return json.dumps(builds, indent=2) + "\n"
    from tools.bench import national_report

    report = national_report.render(results)
    path = runner.RESULTS_DIR / f"national-{stamp}.md"
    path.write_text(report)
    return report + f"\n(written to {path.relative_to(settings.BASE_DIR)})\n"


def _redis(url, i):
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{10 + i}"))


def _child(spec, database_url, redis_url):
    import redis

    redis.Redis.from_url(redis_url).flushdb()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tools.bench.settings",
        "BENCH_DATABASE_URL": database_url,
        "REDIS_URL": redis_url,
        "KIM_SITE_INDEX_ENABLED": "1",
    }
    env.pop("DATABASE_URL", None)
    command = [sys.executable, str(Path(settings.BASE_DIR) / "manage.py"), "bench", "--child", json.dumps(spec)]
    label = f"{spec['stage']} {spec['sites']:,} sites"
    print(f"[bench] national: {label} ...", file=sys.stderr, flush=True)
    t = time.perf_counter()
    result = subprocess.run(command, env=env, capture_output=True, text=True, cwd=settings.BASE_DIR)  # nosec B603
    if result.returncode != 0:
        raise RuntimeError(f"national bench child ({label}) failed:\n{result.stderr[-6000:]}")
    print(f"[bench] national: {label} done in {time.perf_counter() - t:.0f} s", file=sys.stderr, flush=True)
    return json.loads(result.stdout.strip().splitlines()[-1])


# --- Child: building ---------------------------------------------------------------------------------


def _stages():
    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE IF NOT EXISTS bench_build (stage text PRIMARY KEY, figures jsonb)")
        cursor.execute("SELECT stage, figures FROM bench_build")
        return {stage: figures if isinstance(figures, dict) else json.loads(figures) for stage, figures in cursor}


def _done(stage, figures):
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO bench_build VALUES (%s, %s) ON CONFLICT (stage) DO UPDATE SET figures = EXCLUDED.figures",
            [stage, json.dumps(figures)],
        )


def _log(message):
    print(f"[bench]   {time.strftime('%H:%M:%S')} {message}", file=sys.stderr, flush=True)


def child(spec):
    if spec["stage"] == "build":
        return build(spec)
    if spec["stage"] == "serve":  # the serving measurement alone, on a database already measured
        from kim_sites.models import Kim

        kim = Kim.objects.select_related("site", "home_page", "regency").get(name="KIM Bench 0")
        return {"serving": measure_serving_while_importing(kim)}
    return measure(spec)


def build(spec):
    """Bring this size's database up to `spec`: each stage once, and what a copied database lacks."""
    from django.core.management import call_command

    from kim_sites.models import Kim, PostIndexPage

    target = spec["sites"]
    call_command("migrate", verbosity=0)
    stages = _stages()
    if "regencies" not in stages:
        t = time.perf_counter()
        count = data.create_regencies(REGENCIES)
        _done("regencies", {"regencies": count, "s": round(time.perf_counter() - t, 1)})
        _log(f"{count} regencies")
    provisioned = min(target, PROVISION_LIMIT)
    if "provision" not in stages:
        figures = runner.build_sites(provisioned)
        _done("provision", figures)
        _log(f"provisioned {provisioned:,} KIMs: {figures}")
    if "content" not in stages:
        runner.prepare_content({}, {"mode": "sites"})
        _done("content", {})
    have = Kim.objects.count()
    if have < target:
        t = time.perf_counter()
        template = data.provision_template()
        have = Kim.objects.count()
        data.clone_kims(target - have, template=template)
        figures = {"from": have, "to": Kim.objects.count(), "s": round(time.perf_counter() - t, 1)}
        _done(f"clone-{target}", figures)
        _log(f"copies: {figures}")
    measured = Kim.objects.select_related("home_page").get(name="KIM Bench 0")
    index = PostIndexPage.objects.child_of(measured.home_page).get()
    if f"posts-{target}" not in stages:
        t = time.perf_counter()
        extra = {} if "posts-measured" in stages else {index.pk: MEASURED_POSTS}
        written = data.bulk_posts(spec["posts"], extra=extra)
        if extra:
            _done("posts-measured", {})
        _done(f"posts-{target}", {"written": written, "s": round(time.perf_counter() - t, 1)})
        _log(f"{written:,} posts")
    if f"translations-{target}" not in stages:
        t = time.perf_counter()
        translated = data.translate_fraction(TRANSLATE_EVERY, measured=measured, budget_s=TRANSLATE_BUDGET_S)
        _done(f"translations-{target}", {"pages": translated, "s": round(time.perf_counter() - t, 1)})
        _log(f"{translated} translated pages")
    t = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    _log(f"VACUUM ANALYZE in {time.perf_counter() - t:.0f} s")
    if f"integrity-{target}" not in stages:
        t = time.perf_counter()
        # Whole-tree find_problems() beyond 10,000 sites would take most of an hour (two queries a node).
        figures = data.check_integrity(sample_regencies=20 if target > PROVISION_LIMIT else None)
        figures["s"] = round(time.perf_counter() - t, 1)
        _done(f"integrity-{target}", figures)
        _log(f"integrity: {figures}")
    return _stages()


# --- Child: measuring --------------------------------------------------------------------------------

DIRECTORY_TERM = "Bench 1234"  # a village name, as a visitor types it: one KIM at 10,000 sites and more


def measure(spec):
    from kim_sites.models import Kim

    kim = Kim.objects.select_related("site", "home_page", "regency", "admin_group").get(name="KIM Bench 0")
    result = {"spec": spec, "machine": {**runner.machine(), **engine_versions()}, "build": _stages()}
    result["counts"] = counts()
    _log(f"counts {result['counts']}")
    skip = set(spec.get("skip", ()))  # for trying the benchmark itself quickly
    if "pages" not in skip:
        runner.PAGES = national_pages
        result.update(runner.measure_pages(kim.slug, quick=False))
        _log("pages")
    result["buffers"] = measure_buffers(kim)
    result["search_plans"] = search_plans(kim)
    result["site_index"] = measure_site_index(kim)
    _log(f"site index {result['site_index']}")
    result["kinerja_country"] = measure_kinerja_country()
    _log(f"kinerja {result['kinerja_country']}")
    if "dashboard" not in skip:
        result["dashboard"] = runner.measure_dashboard(kim.slug, pending=spec["pending"])
        _log("dashboard")
    if "throughput" not in skip:
        result["throughput"] = runner.measure_throughput(kim.slug, None, seconds=6)
        _log(f"throughput {result['throughput']}")
    if spec.get("serve"):
        result["serving"] = measure_serving_while_importing(kim)
        _log(f"serving {result['serving']}")
    return result


def engine_versions():
    import redis

    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        postgres = cursor.fetchone()[0]
        cursor.execute("SHOW shared_buffers")
        shared_buffers = cursor.fetchone()[0]
    info = redis.Redis.from_url(os.environ["REDIS_URL"]).info("server")
    return {
        "engine": "postgresql",
        "postgresql": postgres,
        "shared_buffers": shared_buffers,
        "redis": info.get("redis_version"),
        "search_config": settings.WAGTAILSEARCH_BACKENDS["default"].get("SEARCH_CONFIG"),
    }


def counts():
    def one(statement):
        with connection.cursor() as cursor:
            cursor.execute(statement)
            return cursor.fetchone()[0]

    return {
        "kims": one("SELECT count(*) FROM kim_sites_kim"),
        "sites": one("SELECT count(*) FROM wagtailcore_site"),
        "regencies": one("SELECT count(*) FROM kim_sites_regency"),
        "provinces": one("SELECT count(DISTINCT province) FROM kim_sites_regency"),
        "pages": one("SELECT count(*) FROM wagtailcore_page"),
        "live_posts": one(
            "SELECT count(*) FROM kim_sites_postpage x JOIN wagtailcore_page p ON p.id = x.page_ptr_id WHERE p.live"
        ),
        "post_tags": one("SELECT count(*) FROM kim_sites_posttag"),
        "search_entries": one("SELECT count(*) FROM wagtailsearch_indexentry"),
        "english_pages": one(
            "SELECT count(*) FROM wagtailcore_page p JOIN wagtailcore_locale l ON l.id = p.locale_id "
            "WHERE l.language_code = 'en'"
        ),
        "first_post_day": str(one("SELECT min(date) FROM kim_sites_postpage")),
        "last_post_day": str(one("SELECT max(date) FROM kim_sites_postpage")),
        "database_mb": round(one("SELECT pg_database_size(current_database())") / 1024 / 1024),
    }


def national_pages(kim):
    from kim_sites.models import PostPage

    post = PostPage.objects.live().child_of(_post_index(kim)).order_by("-date", "-pk").first()
    host, portal = kim.hostname, settings.PORTAL_HOSTNAME
    term = SEARCH_TERM.replace(" ", "+")
    return [
        ("kim_home", host, "/"),
        ("post", host, f"/berita/{post.slug}/"),
        ("post_index", host, "/berita/"),
        ("post_index_deep", host, "/berita/?page=20"),
        ("tag", host, "/berita/?tag=gotong-royong"),
        ("feed", host, "/feed/"),
        ("sitemap", host, "/sitemap.xml"),
        ("search_kim", host, f"/search/?query={term}"),
        ("portal", portal, "/"),
        ("portal_regency", portal, f"/?kabupaten={kim.regency.slug}"),
        ("portal_category", portal, "/?kategori=kegiatan"),
        ("directory", portal, "/direktori/?q=" + DIRECTORY_TERM.replace(" ", "+")),
        ("sitemap_index", portal, "/sitemap-kim.xml"),
        ("search_portal", portal, f"/search/?query={term}"),
    ]


def _post_index(kim):
    from kim_sites.models import PostIndexPage

    return PostIndexPage.objects.child_of(kim.home_page).get()


def _captured(host, path):
    """The statements of one uncached anonymous request."""
    from django.test import Client, override_settings
    from django.test.utils import CaptureQueriesContext

    with override_settings(KIM_PAGE_CACHE_ENABLED=False):
        client = Client()
        client.get(path, HTTP_HOST=host)
        connection.queries_log.clear()
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(path, HTTP_HOST=host)
        assert response.status_code == 200, (host, path, response.status_code)  # nosec B101  # a bench check
        return [q["sql"] for q in ctx.captured_queries]


def _explain(sql, *, analyze_text=False):
    with connection.cursor() as cursor:
        if analyze_text:
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql)
            return "\n".join(row[0] for row in cursor.fetchall())
        cursor.execute("EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) " + sql)
        plan = cursor.fetchone()[0]
        plan = plan if isinstance(plan, list) else json.loads(plan)
        top = plan[0]["Plan"]
        return top.get("Shared Hit Blocks", 0) + top.get("Shared Read Blocks", 0), plan[0].get("Execution Time", 0)


def measure_buffers(kim):
    """Per page: the shared buffers its statements touch (EXPLAIN ANALYZE BUFFERS), in all and for
    the costliest statement. Buffers, unlike milliseconds, do not depend on the machine's noise."""
    figures = {}
    for name, host, path in national_pages(kim):
        total, worst, worst_sql, statements = 0, 0, "", 0
        for sql in _captured(host, path):
            if not sql.lstrip().upper().startswith("SELECT"):
                continue
            blocks, _ms = _explain(sql)
            statements += 1
            total += blocks
            if blocks > worst:
                worst, worst_sql = blocks, sql
        figures[name] = {
            "blocks": total,
            "statements": statements,
            "worst_blocks": worst,
            "worst_sql": _from_clause(worst_sql),
        }
    return figures


def _from_clause(sql, limit=600):
    where = sql.find(" FROM ")
    return (sql[where + 1 :] if where > 0 else sql)[:limit]


def search_plans(kim):
    plans = {}
    term = SEARCH_TERM.replace(" ", "+")
    for name, host in (("search_kim", kim.hostname), ("search_portal", settings.PORTAL_HOSTNAME)):
        statements = [s for s in _captured(host, f"/search/?query={term}") if "wagtailsearch_indexentry" in s]
        plans[name] = [{"sql": s[:1500], "plan": _explain(s, analyze_text=True)} for s in statements]
    return plans


SITE_INDEX_PROBE = r"""
import json, os, resource, sys, time
t0 = time.perf_counter()
import django
django.setup()
def rss():
    for line in open("/proc/self/status"):
        if line.startswith("VmRSS"):
            return int(line.split()[1]) / 1024
before = rss(); t1 = time.perf_counter()
from kim_sites.scale.site_index import site_index
snapshot = site_index.current()
t2 = time.perf_counter(); after = rss()
from django.test import Client
response = Client().get("/", HTTP_HOST=sys.argv[1])
t3 = time.perf_counter()
print(json.dumps({"setup_s": round(t1 - t0, 3), "index_build_s": round(t2 - t1, 3),
    "first_request_s": round(t3 - t2, 3), "status": response.status_code,
    "rss_before_mb": round(before, 1), "rss_after_index_mb": round(after, 1), "rss_after_request_mb": round(rss(), 1),
    "max_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1), "sites": snapshot.site_count}))
"""


def measure_site_index(kim):
    """Build time and memory of the per-process site index, in this process and from a cold start,
    and what one Site change costs each process (a new KIM: the generation changes, the next
    request rebuilds the snapshot)."""
    import gc
    import tracemalloc

    from kim_sites.registry.provisioning import KimSpec, provision_kim
    from kim_sites.scale.site_index import build_snapshot, site_index

    samples = []
    for _ in range(3):
        t = time.perf_counter()
        build_snapshot("bench")
        samples.append(time.perf_counter() - t)
    gc.collect()
    tracemalloc.start()
    snapshot = build_snapshot("bench")
    size, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    figures = {
        "sites": snapshot.site_count,
        "build_ms": round(statistics.median(samples) * 1000, 1),
        "snapshot_mb": round(size / 1024 / 1024, 1),
        "build_peak_mb": round(peak / 1024 / 1024, 1),
    }
    del snapshot
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "tools.bench.settings"}
    probes = []
    for _ in range(3):
        out = subprocess.run(  # nosec B603  # this venv's python, fixed script
            [sys.executable, "-c", SITE_INDEX_PROBE, kim.hostname],
            env=env,
            cwd=settings.BASE_DIR,
            capture_output=True,
            text=True,
            check=True,
        )
        probes.append(json.loads(out.stdout.strip().splitlines()[-1]))
    figures["cold_start"] = min(probes, key=lambda p: p["index_build_s"])
    figures["cold_start_runs_s"] = [p["index_build_s"] for p in probes]
    # One change (a new KIM), then the next use in this process: what each app process pays.
    site_index.current()
    spec = KimSpec(
        name=f"KIM Ukur {time.time_ns()}",
        regency=kim.regency.slug,
        village="Desa Ukur",
        district="Kecamatan Ukur",
        admin_email=f"ukur{time.time_ns()}@bench.kim.id",
    )
    provision_kim(spec, send_email=False)
    t = time.perf_counter()
    site_index.current()
    figures["after_new_kim_ms"] = round((time.perf_counter() - t) * 1000, 1)
    return figures


def measure_kinerja_country():
    """The kinerja report of the whole country, for a provincial administrator (a superuser)."""
    from django.contrib.auth import get_user_model
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from kim_sites.conf import kim_settings

    User = get_user_model()
    admin = User.objects.filter(email="nasional@bench.kim.id").first()
    if admin is None:
        admin = User.objects.create_superuser("nasional@bench.kim.id", "nasional@bench.kim.id", "bench12345")
    client = Client()
    client.force_login(admin)
    if kim_settings.KIM_2FA_ENFORCED:
        from django_otp.oath import totp
        from django_otp.plugins.otp_totp.models import TOTPDevice

        TOTPDevice.objects.filter(user=admin).delete()
        device = TOTPDevice.objects.create(user=admin, name="bench", confirmed=True)
        code = f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"
        client.post(reverse("kim_accounts_verify"), {"code": code}, HTTP_HOST="admin.kim.bench")
    url = reverse("kinerja_report")
    samples, queries, status = [], 0, None
    for n in range(3):
        connection.queries_log.clear()
        with CaptureQueriesContext(connection) as ctx:
            t = time.perf_counter()
            response = client.get(url, HTTP_HOST="admin.kim.bench")
            samples.append((time.perf_counter() - t) * 1000)
        status, queries = response.status_code, len(ctx.captured_queries)
        if n == 0 and samples[0] > 10_000:
            break
    return {"status": status, "ms": round(statistics.median(samples), 1), "queries": queries}


# --- Serving while provisioning ----------------------------------------------------------------------


def timed_load(targets, *, until, threads=2, rate=10):
    """A bounded load: `threads` clients, each at most `rate` requests per second, round-robin over
    `targets` until `until()` is true. Returns latencies (ms) and failures."""
    latencies, failures = [], []
    lock = threading.Lock()

    def worker(offset):
        conn = HTTPConnection("127.0.0.1", runner.GUNICORN_PORT, timeout=30)
        n = offset
        next_at = time.monotonic()
        while not until():
            host, path = targets[n % len(targets)]
            n += 1
            t = time.perf_counter()
            failure = None
            try:
                conn.request("GET", path, headers={"Host": host})
                response = conn.getresponse()
                response.read()
                if response.status != 200:
                    failure = f"{path}: HTTP {response.status}"
            except OSError as exc:
                failure = f"{path}: {exc!r}"
                conn.close()
                conn = HTTPConnection("127.0.0.1", runner.GUNICORN_PORT, timeout=30)
            ms = (time.perf_counter() - t) * 1000
            with lock:
                latencies.append(ms)
                if failure:
                    failures.append(failure)
            next_at += 1 / rate
            time.sleep(max(0.0, next_at - time.monotonic()))
        conn.close()

    pool = [threading.Thread(target=worker, args=(i,)) for i in range(threads)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    return _latency_figures(latencies, failures)


def _latency_figures(latencies, failures):
    ordered = sorted(latencies)
    if not ordered:
        return {"requests": 0, "failures": len(failures)}

    def pct(p):
        return round(ordered[min(len(ordered) - 1, int(len(ordered) * p))], 1)

    return {
        "requests": len(ordered),
        "p50_ms": pct(0.50),
        "p99_ms": pct(0.99),
        "max_ms": round(ordered[-1], 1),
        "failures": len(failures),
        "failure_examples": failures[:5],
    }


def measure_serving_while_importing(kim, *, rest_seconds=30):
    """Under gunicorn (2 workers), a bounded load on existing KIM pages (cached and uncached) at rest,
    while `import_kims` provisions IMPORT_KIMS new KIMs in another process, and after."""
    import csv

    from kim_sites.models import PostPage, Regency

    post = PostPage.objects.live().child_of(_post_index(kim)).order_by("-date", "-pk").first()
    host = kim.hostname
    targets = [
        (host, "/"),
        (host, f"/berita/{post.slug}/"),
        (host, f"/berita/{post.slug}/?bench=1"),  # an unknown parameter: never served from the cache
        (host, "/berita/?bench=1"),
        (host, "/feed/"),
    ]
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "tools.bench.settings"}
    server, log = runner.start_gunicorn(env, "gunicorn-national.log")
    try:
        runner._wait_for_port(runner.GUNICORN_PORT)
        deadline = time.monotonic() + 5
        timed_load(targets, until=lambda: time.monotonic() > deadline)  # warm both workers and the cache
        deadline = time.monotonic() + rest_seconds
        rest = timed_load(targets, until=lambda: time.monotonic() > deadline)
        stamp = time.strftime("%H%M%S")
        path = runner.RESULTS_DIR / f"import-national-{stamp}.csv"
        regencies = list(Regency.objects.values_list("slug", flat=True))
        with path.open("w", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(["nama", "kabupaten_kota", "kecamatan", "desa_kelurahan", "email_admin"])
            for n in range(IMPORT_KIMS):
                writer.writerow(
                    [f"KIM Impor {stamp} {n}", regencies[n % len(regencies)], f"Kecamatan {n % 40}",
                     f"Desa Impor {stamp} {n}", f"impor{stamp}-{n}@bench.kim.id"]
                )  # fmt: skip
        t = time.perf_counter()
        # Its report (a line and an activation link per KIM) goes to a file: a pipe nobody reads
        # while the load runs would fill up and stop the import.
        output = path.with_suffix(".log")
        with output.open("w") as handle:
            importer = subprocess.Popen(  # nosec B603  # this venv's manage.py, fixed arguments
                [sys.executable, str(Path(settings.BASE_DIR) / "manage.py"), "import_kims", str(path), "--no-email"],
                env=env,
                cwd=settings.BASE_DIR,
                stdout=handle,
                stderr=subprocess.STDOUT,
            )
            during = timed_load(targets, until=lambda: importer.poll() is not None)
        import_s = time.perf_counter() - t
        deadline = time.monotonic() + rest_seconds
        after = timed_load(targets, until=lambda: time.monotonic() > deadline)
        return {
            "kims_imported": IMPORT_KIMS,
            "import_s": round(import_s, 1),
            "import_exit": importer.returncode,
            "import_output": output.read_text()[-800:],
            "rest": rest,
            "during": during,
            "after": after,
            "pages": [p for _, p in targets],
        }
    finally:
        server.terminate()
        server.wait(timeout=20)
        log.close()
