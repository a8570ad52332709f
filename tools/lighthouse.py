"""`make lighthouse`: Lighthouse mobile scores of the demo province's public pages.

A benchmark, not a gate. A fresh SQLite database gets the demo province, `runserver` serves it
on a free loopback port as the end-to-end suite does (tests/e2e/conftest.py), and Lighthouse
(pinned in e2e/package.json) runs with Debian's Chromium against each page type with its default
mobile emulation and throttling. It prints the four scores per page and the audits that lost
points, and saves each page's JSON and HTML report in artifacts/lighthouse/.

    .venv/bin/python -m tools.lighthouse [--pages kim-home,post] [--output artifacts/lighthouse]
"""

import argparse
import html.parser
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LIGHTHOUSE = ROOT / "e2e" / "node_modules" / "lighthouse" / "cli" / "index.js"
CHROMIUM = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu --no-first-run --disable-background-networking"
CATEGORIES = [
    ("performance", "Performance"),
    ("accessibility", "Accessibility"),
    ("best-practices", "Best Practices"),
    ("seo", "SEO"),
]
# The KIM whose pages are measured: one of the demo KIMs with a complete site.
KIM_SLUG = "kim-jada-bahrin-bersatu"
SERVER_START_SECONDS = 180


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class _FirstLink(html.parser.HTMLParser):
    """The href of the first <a> inside an element with the class `card-title`."""

    def __init__(self):
        super().__init__()
        self.inside = False
        self.href = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "card-title" in (attrs.get("class") or "").split():
            self.inside = True
        elif tag == "a" and self.inside and self.href is None:
            self.href = attrs.get("href")


def fetch(url, timeout=60):
    """GET `url` on this machine. Python does not resolve `*.localhost` as browsers do, so the
    request goes to 127.0.0.1 with the URL's host in its Host header."""
    parts = urllib.parse.urlsplit(url)
    loopback = parts._replace(netloc=f"127.0.0.1:{parts.port}").geturl()
    request = urllib.request.Request(loopback, headers={"Host": parts.netloc})
    with urllib.request.urlopen(request, timeout=timeout) as response:  # nosec B310  # loopback URLs built here
        return response.read().decode()


def first_post_url(index_url):
    parser = _FirstLink()
    parser.feed(fetch(index_url))
    if not parser.href:
        raise RuntimeError(f"No post on {index_url}")
    return urllib.parse.urljoin(index_url, parser.href)


def page_urls(base, site):
    """(name, URL) of each public page type measured."""
    return [
        ("portal", f"{base}/"),
        ("kim-home", f"{site}/"),
        ("post-index", f"{site}/berita/"),
        ("post", first_post_url(f"{site}/berita/")),
        ("agenda", f"{site}/agenda/"),
        ("profil", f"{site}/profil/"),
        ("galeri", f"{site}/galeri/"),
        ("aspirasi", f"{site}/aspirasi/"),
        ("search", f"{site}/search/?query=warga"),
    ]


def wait_until_serving(process, port, deadline):
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"The server exited with code {process.returncode}.")
        try:
            fetch(f"http://127.0.0.1:{port}/admin/login/", timeout=30)
            return
        except OSError:
            time.sleep(0.5)
    raise RuntimeError(f"The server did not answer on port {port} in time.")


def start_server(workdir, port):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "kimcms.settings.dev",
        "DATABASE_URL": f"sqlite:///{workdir / 'lighthouse.sqlite3'}",
        "MEDIA_ROOT": str(workdir / "media"),
        "PORT": str(port),
        "KIM_BASE_DOMAIN": "localhost",
        "PORTAL_HOSTNAME": "localhost",
        "WAGTAILADMIN_BASE_URL": f"http://localhost:{port}",
        "PYTHONUNBUFFERED": "1",
    }
    manage = [sys.executable, str(ROOT / "manage.py")]
    print("Preparing the demo province (migrate, load_demo)…", flush=True)
    # Each subprocess below runs this venv's manage.py (or node) with fixed arguments: B603 does not apply.
    subprocess.run([*manage, "migrate", "--no-input", "-v", "0"], env=env, cwd=ROOT, check=True)  # nosec B603
    subprocess.run([*manage, "load_demo", "--quiet-urls"], env=env, cwd=ROOT, check=True, stdout=subprocess.DEVNULL)  # nosec B603
    log = open(workdir / "server.log", "w")  # noqa: SIM115 (kept open for the server's lifetime)
    process = subprocess.Popen(  # nosec B603
        [*manage, "runserver", "--noreload", f"127.0.0.1:{port}"],
        env=env,
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        wait_until_serving(process, port, time.monotonic() + SERVER_START_SECONDS)
    except RuntimeError:
        process.kill()
        raise
    return process, log


def run_lighthouse(name, url, output, attempts=2):
    """Runs Lighthouse on `url`; returns its parsed JSON report. A run that fails (Lighthouse's own
    trace errors, such as NO_NAVSTART, happen on a busy machine) is tried again once."""
    for attempt in range(attempts):
        report = _run_lighthouse_once(name, url, output)
        if report is not None and not report.get("runtimeError"):
            return report
        print(f"Lighthouse: {name} failed (attempt {attempt + 1} of {attempts})", flush=True)
    return report


def _run_lighthouse_once(name, url, output):
    prefix = output / name
    command = [
        "node",
        str(LIGHTHOUSE),
        url,
        "--quiet",
        "--output=json",
        "--output=html",
        f"--output-path={prefix}",
        f"--chrome-flags={CHROME_FLAGS}",
    ]
    subprocess.run(command, env={**os.environ, "CHROME_PATH": CHROMIUM}, check=False)  # nosec B603
    report = Path(f"{prefix}.report.json")
    return json.loads(report.read_text()) if report.exists() else None


def scores(report):
    return {key: report["categories"][key]["score"] for key, _ in CATEGORIES}


def lost_points(report):
    """The audits that count towards a category's score and did not pass, per category."""
    lost = {}
    for key, _ in CATEGORIES:
        for ref in report["categories"][key]["auditRefs"]:
            audit = report["audits"][ref["id"]]
            if ref["weight"] and audit["score"] is not None and audit["score"] < 1:
                value = audit.get("displayValue") or f"score {audit['score']:.2f}"
                lost.setdefault(key, []).append(f"{ref['id']} ({value})")
    return lost


def format_table(rows):
    header = ["page", *[label for _, label in CATEGORIES]]
    lines = [header] + [[name, *[_score(row[key]) for key, _ in CATEGORIES]] for name, row in rows]
    widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
    text = []
    for number, line in enumerate(lines):
        text.append(
            "  ".join(cell.ljust(widths[i]) if i == 0 else cell.rjust(widths[i]) for i, cell in enumerate(line))
        )
        if number == 0:
            text.append("  ".join("-" * width for width in widths))
    return "\n".join(text)


def _score(value):
    return "–" if value is None else str(round(value * 100))


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", help="comma-separated page names (default: all)")
    parser.add_argument("--output", type=Path, default=ROOT / "artifacts" / "lighthouse")
    args = parser.parse_args(argv)
    if not LIGHTHOUSE.exists():
        sys.exit("Lighthouse is missing: run `cd e2e && npm ci` (or `make lighthouse`).")
    if not Path(CHROMIUM).exists():
        sys.exit(f"Chromium is missing at {CHROMIUM}: apt-get install -y chromium, or set CHROME_PATH.")
    args.output.mkdir(parents=True, exist_ok=True)
    port = free_port()
    with tempfile.TemporaryDirectory(prefix="kim-lighthouse-") as tmp:
        process, log = start_server(Path(tmp), port)
        try:
            pages = page_urls(f"http://localhost:{port}", f"http://{KIM_SLUG}.localhost:{port}")
            wanted = set(args.pages.split(",")) if args.pages else None
            rows, losses = [], {}
            for name, url in pages:
                if wanted and name not in wanted:
                    continue
                fetch(url)  # the first view makes the renditions; measure the page, not that
                print(f"Lighthouse: {name} {url}", flush=True)
                report = run_lighthouse(name, url, args.output)
                if report is None:
                    rows.append((name, {key: None for key, _ in CATEGORIES}))
                    continue
                rows.append((name, scores(report)))
                losses[name] = lost_points(report)
        finally:
            process.terminate()
            process.wait(timeout=30)
            log.close()
    table = format_table(rows)
    details = [f"{name}: {key}: {', '.join(items)}" for name, lost in losses.items() for key, items in lost.items()]
    summary = table + ("\n\nAudits that lost points:\n" + "\n".join(details) if details else "")
    (args.output / "summary.txt").write_text(summary + "\n")
    (args.output / "summary.json").write_text(json.dumps({"scores": dict(rows), "lost": losses}, indent=2) + "\n")
    print()
    print(summary)
    print(f"\nReports: {args.output}/<page>.report.html")


if __name__ == "__main__":
    main()
