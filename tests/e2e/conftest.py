"""The end-to-end suite: a real server, a real SMTP server and Debian's Chromium.

Run with `make e2e`. A fresh SQLite database is migrated and loaded with the demo province,
`manage.py runserver` serves it on a free loopback port, and KIM sites are reached through
their `*.localhost` hostnames, which Chromium resolves to this machine.
"""

import email
import email.policy
import os
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller

from tests.support.authenticator import Authenticator

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = Path(os.environ.get("E2E_ARTIFACTS", ROOT / "artifacts" / "e2e"))
CHROMIUM = os.environ.get("E2E_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
AXE_JS = ROOT / "e2e" / "node_modules" / "axe-core" / "axe.min.js"
DEMO_PASSWORD = "demo12345"
# How long any one condition may take before the step fails: the browser's actions and
# navigations, an e-mail, Chromium's launch. Generous, because the machine may be shared; every
# wait is on a condition, so a passing run costs no more for it.
WAIT_SECONDS = 60
# The server's start (migrations are done by then; its checks and first request remain).
SERVER_START_SECONDS = 180


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Mailbox:
    """Messages caught by the local SMTP server, parsed. Waiting for one wakes when it arrives."""

    def __init__(self):
        self.messages = []
        self._arrived = threading.Condition()

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's hook name)
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        with self._arrived:
            self.messages.append({"to": list(envelope.rcpt_tos), "subject": message["subject"], "message": message})
            self._arrived.notify_all()
        return "250 OK"

    def body(self, item):
        part = item["message"].get_body(preferencelist=("plain", "html"))
        return part.get_content()

    def _matching(self, to, subject_contains):
        return [m for m in self.messages if to in m["to"] and subject_contains.lower() in (m["subject"] or "").lower()]

    def wait_for(self, to, subject_contains="", timeout=WAIT_SECONDS):
        """The first e-mail to `to` whose subject contains `subject_contains`, once it has arrived."""
        with self._arrived:
            if self._arrived.wait_for(lambda: self._matching(to, subject_contains), timeout):
                return self._matching(to, subject_contains)[0]
            caught = [(m["to"], m["subject"]) for m in self.messages]
        raise AssertionError(f"No e-mail to {to} with '{subject_contains}' within {timeout} s. Caught: {caught}")

    def wait_for_more(self, to, subject_contains, than, timeout):
        """True as soon as more than `than` such e-mails have arrived; False after `timeout` seconds."""
        with self._arrived:
            return self._arrived.wait_for(lambda: len(self._matching(to, subject_contains)) > than, timeout)

    def to_with(self, address, subject_contains):
        with self._arrived:
            return self._matching(address, subject_contains)

    def to(self, address):
        with self._arrived:
            return [m for m in self.messages if address in m["to"]]

    @staticmethod
    def links(text):
        return re.findall(r"https?://[^\s<>\"]+", text)


@pytest.fixture(scope="session")
def mailbox():
    box = Mailbox()
    port = free_port()
    # aiosmtpd waits 5 s by default for its thread to answer: too little on a busy machine.
    controller = Controller(box, hostname="127.0.0.1", port=port, ready_timeout=WAIT_SECONDS)
    controller.start()
    box.port = port
    yield box
    controller.stop()


def wait_until_serving(process, port, deadline):
    """Returns once the server answers the login page; raises RuntimeError if it exits or the
    deadline passes. First the port: runserver listens once its checks are done; each attempt that
    finds it closed waits for the process to exit (for 0.2 s at most) before the next one. Then one
    request, given all the remaining time, for the first answer (Django loads the URLconf then)."""
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=max(deadline - time.monotonic(), 1)).close()
            break
        except OSError:
            try:
                process.wait(timeout=0.2)
            except subprocess.TimeoutExpired:
                pass
            else:
                raise RuntimeError(f"The server exited with code {process.returncode} before it listened.") from None
            if time.monotonic() > deadline:
                raise RuntimeError(f"The server did not listen on port {port} in time.") from None
    try:
        remaining = max(deadline - time.monotonic(), 1)
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/admin/login/", timeout=remaining) as response:
            if response.status != 200:
                raise RuntimeError(f"The login page answered {response.status}.")
    except OSError as error:  # urllib's HTTPError and URLError, and a timeout
        raise RuntimeError(f"The server did not answer the login page: {error!r}") from None


@pytest.fixture(scope="session")
def server(mailbox, tmp_path_factory):
    """A migrated database with the demo province, served by runserver on a free port."""
    port = free_port()
    workdir = tmp_path_factory.mktemp("e2e")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "kimcms.settings.e2e",
        "DATABASE_URL": f"sqlite:///{workdir / 'e2e.sqlite3'}",
        "MEDIA_ROOT": str(workdir / "media"),
        "PORT": str(port),
        "KIM_BASE_DOMAIN": "localhost",
        "PORTAL_HOSTNAME": "localhost",
        "WAGTAILADMIN_BASE_URL": f"http://localhost:{port}",
        "E2E_SMTP_PORT": str(mailbox.port),
        # A message whose SMTP step gives up waits for `recover_mail`, which nothing runs beside this
        # server: it waits for the mailbox as long as the suite waits for an e-mail (10 s by default).
        "EMAIL_TIMEOUT": str(WAIT_SECONDS),
        "PYTHONUNBUFFERED": "1",
    }
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "--no-input", "-v", "0"], env=env, cwd=ROOT, check=True)
    subprocess.run([*manage, "load_demo", "--quiet-urls"], env=env, cwd=ROOT, check=True)
    log = open(workdir / "server.log", "w")  # noqa: SIM115 (kept open for the server's lifetime)
    process = subprocess.Popen(
        [*manage, "runserver", "--noreload", f"127.0.0.1:{port}"],
        env=env,
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://localhost:{port}"
    try:
        wait_until_serving(process, port, time.monotonic() + SERVER_START_SECONDS)
    except RuntimeError as error:
        process.kill()
        process.wait()
        log.close()
        raise RuntimeError(f"{error}\n" + (workdir / "server.log").read_text()) from None
    info = type("Server", (), {})()
    info.port, info.base, info.env, info.workdir = port, base, env, workdir
    info.site = lambda slug: f"http://{slug}.localhost:{port}"
    info.manage = lambda *args: (
        subprocess.run([*manage, *args], env=env, cwd=ROOT, check=True, capture_output=True, text=True).stdout
    )
    yield info
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
    log.close()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, timeout=WAIT_SECONDS * 1000)
        yield browser
        browser.close()


@pytest.fixture
def shots(request):
    """Saves full-page screenshots of a scenario's key screens under artifacts/e2e/<test>/."""
    folder = ARTIFACTS / request.node.name
    folder.mkdir(parents=True, exist_ok=True)
    counter = iter(range(1, 1000))

    def take(page, name):
        page.screenshot(path=str(folder / f"{next(counter):02d}-{name}.png"), full_page=True)

    take.folder = folder
    return take


# Every frame of every page reports what the Content-Security-Policy blocked to the console.
CSP_LISTENER = """
document.addEventListener("securitypolicyviolation", (event) => {
  console.error(`CSP violation: ${event.violatedDirective} blocked ${event.blockedURI || "inline"} `
    + `(${event.sourceFile || document.location.href}:${event.lineNumber})`);
});
"""


def csp_violation(message):
    return message.type == "error" and ("CSP violation" in message.text or "Content Security Policy" in message.text)


@pytest.fixture
def new_context(browser, request):
    """A fresh browser context (no cookies: a fresh login) with a trace saved when the test fails.
    A scenario in which the Content-Security-Policy blocked anything fails at its end."""
    contexts = []
    violations = []

    def make(**kwargs):
        context = browser.new_context(locale="id-ID", timezone_id="Asia/Jakarta", **kwargs)
        context.set_default_timeout(WAIT_SECONDS * 1000)
        context.tracing.start(screenshots=True, snapshots=True, sources=False)
        context.add_init_script(CSP_LISTENER)
        context.on("console", lambda message: violations.append(message.text) if csp_violation(message) else None)
        contexts.append(context)
        return context

    make.csp_violations = violations
    yield make
    failed = getattr(request.node, "rep_call", None) is not None and request.node.rep_call.failed
    for index, context in enumerate(contexts):
        if failed:
            folder = ARTIFACTS / request.node.name
            folder.mkdir(parents=True, exist_ok=True)
            context.tracing.stop(path=str(folder / f"trace-{index}.zip"))
        else:
            context.tracing.stop()
        context.close()
    if violations:
        pytest.fail("Content-Security-Policy violations:\n" + "\n".join(dict.fromkeys(violations)))


@pytest.hookimpl(hookwrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    """Each phase's report on the item (for the traces); a failure shows the server's last log lines."""
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"rep_{report.when}", report)
    server = getattr(item, "funcargs", {}).get("server")
    if report.failed and server is not None:
        log = Path(server.workdir) / "server.log"
        if log.exists():
            tail = log.read_text(errors="replace").splitlines()[-80:]
            report.sections.append(("server log (last 80 lines)", "\n".join(tail)))


authenticator = Authenticator()


def second_factor(page, email_address):
    """Finish a sign-in that stopped at the two-factor step: enrol the first time, else enter a code."""
    if "/dua-faktor/daftar/" in page.url:
        authenticator.add(email_address, page.locator("[data-totp-secret]").inner_text())
        page.locator("#id_code").fill(authenticator.code(email_address))
        page.get_by_role("button", name="Konfirmasi").click()
        page.locator("[data-recovery-codes]").wait_for()
        page.get_by_role("link", name=re.compile("Saya sudah menyimpan kode")).click()
    elif "/dua-faktor/verifikasi/" in page.url:
        page.locator("#id_code").fill(authenticator.code(email_address))
        page.get_by_role("button", name="Verifikasi").click()


def login(context, server, email_address, password=DEMO_PASSWORD):
    page = context.new_page()
    page.goto(f"{server.base}/admin/login/")
    page.locator("#id_username").fill(email_address)
    page.locator("#id_password").fill(password)
    page.get_by_role("button", name=re.compile("Masuk", re.I)).click()
    page.wait_for_url(re.compile(r"/admin/(dua-faktor/\w+/\?.*)?$"))
    second_factor(page, email_address)
    page.wait_for_url(re.compile(r"/admin/$"))
    return page


def run_axe(page):
    """Runs axe-core in the page; returns the serious and critical violations."""
    # Evaluated through the DevTools protocol: an injected <script> would be refused by the CSP.
    page.evaluate(AXE_JS.read_text())
    result = page.evaluate(
        "async () => await axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"
    )
    return [v for v in result["violations"] if v["impact"] in ("serious", "critical")]
