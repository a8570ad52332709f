"""The stack test: `make stack` (KIM_STACK=1). Skipped otherwise, with the reason."""

import json
import os
import sys
from pathlib import Path

import pytest

from tests.stack.load import Recorder
from tests.stack.topology import Stack

STACK = bool(os.environ.get("KIM_STACK"))
BENCH = bool(os.environ.get("KIM_STACK_BENCH"))


def pytest_collection_modifyitems(config, items):
    if STACK:
        return
    skip = pytest.mark.skip(
        reason="the stack test boots nginx, PostgreSQL, Redis, S3 and SMTP: run `make stack` (KIM_STACK=1)"
    )
    for item in items:
        if Path(str(item.fspath)).parent == Path(__file__).parent:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def stack():
    stack = Stack(bench=BENCH)
    try:
        stack.boot()
        stack.seed = json.loads(
            stack.manage("shell", "-c", "from tests.stack.seed import main; main()").stdout.strip().splitlines()[-1]
        )
        yield stack
    finally:
        stack.shutdown()
        print(f"\nstack logs: {stack.logs}", file=sys.stderr)


@pytest.fixture(scope="session")
def recorder(stack):
    recorder = Recorder()
    yield recorder
    report = recorder.report()
    out = Path(__file__).resolve().parents[2] / "artifacts" / "stack"
    out.mkdir(parents=True, exist_ok=True)
    (out / "report.json").write_text(json.dumps(report, indent=2))
    print("\n" + recorder.table(), file=sys.stderr)


@pytest.fixture(scope="session")
def kim(stack):
    """The seeded KIM, its people and its ids (tests/stack/seed.py)."""
    return stack.seed
