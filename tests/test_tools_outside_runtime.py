"""tools/ (the benchmark) stays outside the runtime: no app imports it but the `bench` command."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RUNTIME = ("kim_sites", "home", "search", "kimcms")
ENTRY_POINTS = {"kim_sites/management/commands/bench.py"}


def imported_modules(path):
    tree = ast.parse(path.read_text(), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.module


def test_runtime_code_does_not_import_tools():
    offenders = []
    for package in RUNTIME:
        for path in sorted((ROOT / package).rglob("*.py")):
            relative = path.relative_to(ROOT).as_posix()
            if relative in ENTRY_POINTS:
                continue
            offenders += [
                f"{relative}: {name}" for name in imported_modules(path) if name == "tools" or name.startswith("tools.")
            ]
    assert offenders == []


def test_the_bench_command_is_the_entry_point_of_tools_bench():
    names = set(imported_modules(ROOT / "kim_sites/management/commands/bench.py"))
    assert "tools.bench" in names
