"""`make bench-stack`: requests per second through the whole stack, beside nginx's and gunicorn's own.

In one run, with wrk (Debian's package) on loopback: a hashed static file served by nginx, the
bare gunicorn trivial view (/healthz on one node, no nginx), a KIM post through the whole front
(nginx → Varnish, a hit), and the same post from one node's Redis page cache (no nginx, no
Varnish). Prints the figures and their ratios (artifacts/stack/bench.json).
"""

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(
    not os.environ.get("KIM_STACK_BENCH"), reason="the throughput benchmark: run `make bench-stack`"
)

DURATION = os.environ.get("BENCH_STACK_DURATION", "8s")
CONNECTIONS = os.environ.get("BENCH_STACK_CONNECTIONS", "16")
FRONT = "KIM post: nginx -> Varnish (hit)"


def wrk(url, host):
    out = subprocess.run(  # noqa: S603
        ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{DURATION}", "--latency", "-H", f"Host: {host}", url],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p99 = re.search(r"99%\s+([\d.]+\w+)", out).group(1)
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {"rps": rps, "p99": p99, "non_2xx": int(non_2xx.group(1)) if non_2xx else 0}


def test_throughput_through_the_stack(stack, kim):
    assert shutil.which("wrk"), "apt-get install -y wrk"
    bench = f"http://127.0.0.1:{stack.ports['bench']}"
    host = kim["hostname"]
    portal = subprocess.run(
        ["curl", "-s", "-H", f"Host: {host}", f"{bench}/"], capture_output=True, text=True, check=True
    ).stdout  # noqa: S603, S607
    static = re.search(r'/static/[^"]+\.[0-9a-f]{12}\.css', portal).group(0)
    post = kim["post_path"]
    # Warm the page cache, then check it answers.
    headers = subprocess.run(
        ["curl", "-s", "-o", "/dev/null", "-D", "-", "-H", f"Host: {host}", f"{bench}{post}"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout  # noqa: S603, S607
    headers = subprocess.run(
        ["curl", "-s", "-o", "/dev/null", "-D", "-", "-H", f"Host: {host}", f"{bench}{post}"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout  # noqa: S603, S607
    assert "X-Cache: hit" in headers, headers
    node_post = f"http://127.0.0.1:{stack.ports['node_a']}{post}"
    for _ in range(2):
        node_headers = subprocess.run(
            ["curl", "-s", "-o", "/dev/null", "-D", "-", "-H", f"Host: {host}", node_post],
            capture_output=True,
            text=True,
            check=True,
        ).stdout  # noqa: S603, S607
    assert "X-Kim-Cache: hit" in node_headers, node_headers

    figures = {
        "nginx static file": wrk(f"{bench}{static}", host),
        "gunicorn trivial view (/healthz, one node, no nginx)": wrk(
            f"http://127.0.0.1:{stack.ports['node_a']}/healthz", "127.0.0.1"
        ),
        FRONT: wrk(f"{bench}{post}", host),
        "KIM post: gunicorn -> Redis page cache (one node)": wrk(node_post, host),
    }
    static_rps = figures["nginx static file"]["rps"]
    for row in figures.values():
        row["ratio_to_static"] = round(row["rps"] / static_rps, 3)
    lines = [f"{'target':<52} {'req/s':>9} {'p99':>8} {'vs static':>9}"]
    lines += [
        f"{name:<52} {row['rps']:>9.0f} {row['p99']:>8} {row['ratio_to_static']:>9.1%}" for name, row in figures.items()
    ]
    post_row = figures[FRONT]
    trivial = figures["gunicorn trivial view (/healthz, one node, no nginx)"]["rps"]
    lines.append(f"KIM post through the stack / bare gunicorn trivial view: {post_row['rps'] / trivial:.1%}")
    # The target: a stored page through the whole front at half of what nginx does with a file or
    # better. Printed, not asserted: on shared cores the ratio moves with the neighbours' load.
    lines.append(
        f"target (cached post >= 50% of the static file): {'met' if post_row['ratio_to_static'] >= 0.5 else 'not met'}"
    )
    print("\n" + "\n".join(lines))
    out = Path(__file__).resolve().parents[2] / "artifacts" / "stack"
    out.mkdir(parents=True, exist_ok=True)
    (out / "bench.json").write_text(
        json.dumps({"duration": DURATION, "connections": CONNECTIONS, "figures": figures}, indent=2)
    )
    assert all(row["non_2xx"] == 0 for row in figures.values()), figures
