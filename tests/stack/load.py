"""Requests through nginx, recorded: every status and latency, by phase, for the run's report."""

import re
import threading
import time
from collections import Counter

import requests

from tests.stack.topology import BASE_DOMAIN, PASSWORD
from tests.support.authenticator import Authenticator

# The stack signs in as moderators, who must use a second factor (docs/accounts.md).
authenticator = Authenticator()

TIMEOUT = 10


def p99(latencies):
    if not latencies:
        return 0.0
    ordered = sorted(latencies)
    return ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]


class Recorder:
    def __init__(self):
        self.lock = threading.Lock()
        self.rows = []  # (phase, status, seconds)
        self.phase = "setup"
        self.findings = []  # (phase, assertion, holds, detail, pending)

    def record(self, status, seconds, phase=None):
        with self.lock:
            self.rows.append((phase or self.phase, status, seconds))

    def finding(self, assertion, holds, detail="", pending=False):
        """A check of the run. Pending ones wait for code not yet merged and are reported, not asserted."""
        self.findings.append((self.phase, assertion, bool(holds), detail, pending))

    def request(self, session, method, url, phase=None, **kwargs):
        kwargs.setdefault("timeout", TIMEOUT)
        kwargs.setdefault("verify", False)
        kwargs.setdefault("allow_redirects", False)
        started = time.perf_counter()
        try:
            response = session.request(method, url, **kwargs)
        except requests.RequestException as error:
            self.record(f"error:{type(error).__name__}", time.perf_counter() - started, phase)
            return None
        self.record(response.status_code, time.perf_counter() - started, phase)
        return response

    def statuses(self, phase):
        return Counter(status for row_phase, status, _ in self.rows if row_phase == phase)

    def report(self):
        phases = list(dict.fromkeys(phase for phase, _, _ in self.rows))
        by_phase = {}
        for phase in phases:
            latencies = [seconds for row_phase, _, seconds in self.rows if row_phase == phase]
            by_phase[phase] = {
                "requests": len(latencies),
                "statuses": {str(k): v for k, v in sorted(self.statuses(phase).items(), key=str)},
                "p99_ms": round(p99(latencies) * 1000, 1),
            }
        every = [seconds for _, _, seconds in self.rows]
        return {
            "requests": len(self.rows),
            "statuses": {str(k): v for k, v in sorted(Counter(s for _, s, _ in self.rows).items(), key=str)},
            "p99_ms": round(p99(every) * 1000, 1),
            "phases": by_phase,
            "findings": [
                {"phase": phase, "assertion": text, "holds": holds, "detail": detail, "pending": pending}
                for phase, text, holds, detail, pending in self.findings
            ],
        }

    def table(self):
        report = self.report()
        lines = [f"{'phase':<28} {'requests':>8} {'p99 ms':>8}  statuses"]
        for phase, row in report["phases"].items():
            lines.append(f"{phase:<28} {row['requests']:>8} {row['p99_ms']:>8}  {row['statuses']}")
        lines.append(f"{'whole run':<28} {report['requests']:>8} {report['p99_ms']:>8}  {report['statuses']}")
        lines.append("")
        for finding in report["findings"]:
            mark = "ok  " if finding["holds"] else ("WAIT" if finding["pending"] else "FAIL")
            suffix = " (not met yet: docs/deploy.md)" if finding["pending"] else ""
            lines.append(f"[{mark}] {finding['phase']}: {finding['assertion']} {finding['detail']}{suffix}")
        return "\n".join(lines)


class Browser:
    """One visitor or one admin user, through nginx (HTTPS) or straight to a node."""

    def __init__(self, stack, recorder, node=None):
        self.stack, self.recorder, self.node = stack, recorder, node
        self.session = requests.Session()
        # Straight to a node is plain HTTP, over which the session's Secure cookies are not sent:
        # they are kept and sent here, as nginx forwards them from the HTTPS side.
        self.node_cookies = {}

    def send(self, method, path, host, phase, headers, **kwargs):
        if self.node and self.node_cookies:
            headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.node_cookies.items())
        response = self.recorder.request(
            self.session, method, self.url(path, host), phase=phase, headers=headers, **kwargs
        )
        if self.node and response is not None:
            self.node_cookies.update(response.cookies.get_dict())
        return response

    def cookie(self, name):
        return self.node_cookies.get(name) if self.node else self.session.cookies.get(name)

    def url(self, path, host):
        return self.stack.url(path, self.node, host)

    def headers(self, host, extra=None):
        # Through nginx the URL names the host (and SNI with it); a node is called as nginx calls it.
        headers = dict(extra or {})
        if self.node:
            headers.update({"Host": host, "X-Forwarded-Proto": "https", "X-Forwarded-For": "127.0.0.1"})
        return headers

    def get(self, path, host=BASE_DOMAIN, phase=None, **kwargs):
        return self.send("GET", path, host, phase, self.headers(host, kwargs.pop("headers", None)), **kwargs)

    def post(self, path, data, host=BASE_DOMAIN, phase=None, files=None, **kwargs):
        csrf = self.cookie("csrftoken") or ""
        # What a browser sends on port 443 (nginx passes the host without this run's port).
        extra = {"X-CSRFToken": csrf, "Referer": f"https://{host}{path}", "Origin": f"https://{host}"}
        return self.send("POST", path, host, phase, self.headers(host, extra), data=data, files=files, **kwargs)

    def login(self, email, password=PASSWORD):
        page = self.get("/admin/login/")
        assert page is not None and page.status_code == 200, page
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
        response = self.post(
            "/admin/login/", {"username": email, "password": password, "csrfmiddlewaretoken": token, "next": "/admin/"}
        )
        assert response is not None and response.status_code == 302, (response.status_code, response.text[:500])
        # The admin sends a moderator or admin on to the second factor (docs/accounts.md).
        admin = self.get("/admin/")
        location = admin.headers.get("Location", "") if admin is not None else ""
        if "/dua-faktor/" in location:
            self.second_factor(email, location)
        return self

    def second_factor(self, email, location):
        """Moderators and admins pass a second factor: enrol the first time, else enter a code."""
        path = "/" + location.split("://", 1)[-1].split("/", 1)[1] if "://" in location else location
        page = self.get(path)
        assert page is not None and page.status_code == 200, page
        if "/dua-faktor/daftar/" in path:
            secret = re.search(r"data-totp-secret>([^<]+)<", page.text).group(1)
            authenticator.add(email, secret)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
        response = self.post(path, {"code": authenticator.code(email), "csrfmiddlewaretoken": token})
        assert response is not None, path
        if "/dua-faktor/daftar/" in path:
            # Enrolled: the recovery codes are shown once, and the session is verified.
            assert response.status_code == 200 and "data-recovery-codes" in response.text, response.text[:500]
        else:
            assert response.status_code == 302, (response.status_code, response.text[:500])

    def csrf_token(self, path):
        page = self.get(path)
        return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)


def bounded_load(recorder, browsers_and_targets, seconds, max_requests, phase, during=None, pace=0.02):
    """Requests from several threads, each at most one per `pace` seconds, until `seconds` pass or
    `max_requests` are made. `during(elapsed)` is called from the main thread every 0.1 s for the
    whole `seconds` (to inject the fault and lift it), even once the requests are all made."""
    stop = threading.Event()
    count = [0]
    lock = threading.Lock()

    def run(browser, targets):
        index = 0
        while not stop.is_set():
            with lock:
                if count[0] >= max_requests:
                    return
                count[0] += 1
            host, path = targets[index % len(targets)]
            index += 1
            browser.get(path, host=host, phase=phase)
            stop.wait(pace)

    threads = [threading.Thread(target=run, args=pair, daemon=True) for pair in browsers_and_targets]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    while time.monotonic() - started < seconds:
        if during:
            during(time.monotonic() - started)
        time.sleep(0.1)
    stop.set()
    for thread in threads:
        thread.join(TIMEOUT + 2)
    return recorder.statuses(phase)
