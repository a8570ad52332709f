"""Every file path, module and relative link named in README.md and docs/*.md exists.

Moving a module without updating its manual fails here, with the file and line to fix."""

import glob
import os
import re

from django.conf import settings

ROOT = str(settings.BASE_DIR)
TOPS = r"(?:kim_sites|home|search|kimcms|tools|tests|templates|deploy|docs|locale|static|e2e)"
PATH_RE = re.compile(r"(?<![\w./-])(" + TOPS + r"/[\w./{},*<>…@-]*)")
MOD_RE = re.compile(r"(?<![\w./-])((?:kim_sites|home|search|kimcms|tools)(?:\.[a-zA-Z_]\w*)+)")
LINK_RE = re.compile(r"\]\(([^)#\s]+)(?:#[^)]*)?\)")
# Made by a command, not in the repository.
GENERATED = ("e2e/node_modules", "artifacts/", "bench-results/")
# Words joined by slashes in prose, not paths.
PROSE = {"search/paging/filter"}


def expand(path):
    match = re.search(r"\{([^{}]*)\}", path)
    if not match:
        yield path
        return
    for alternative in match.group(1).split(","):
        yield from expand(path[: match.start()] + alternative + path[match.end() :])


def path_exists(path):
    path = path.rstrip(".,;:)")
    if any(marker in path for marker in ("<", "*", "…", "...")):
        head = re.split(r"<|\*|…|\.\.\.", path)[0]
        head = head if head.endswith("/") else os.path.dirname(head)
        return head == "" or os.path.exists(os.path.join(ROOT, head))
    return os.path.exists(os.path.join(ROOT, path))


def module_exists(dotted):
    parts = dotted.split(".")
    for i in range(len(parts), 0, -1):
        base = os.path.join(ROOT, *parts[:i])
        if os.path.isfile(base + ".py") or os.path.isfile(os.path.join(base, "__init__.py")):
            return i >= min(2, len(parts))
    return False


def missing_references():
    files = [os.path.join(ROOT, "README.md"), *sorted(glob.glob(os.path.join(ROOT, "docs", "*.md")))]
    missing, checked = [], 0
    for file in files:
        name = os.path.relpath(file, ROOT)
        with open(file, encoding="utf-8") as handle:
            lines = handle.read().splitlines()
        for number, line in enumerate(lines, 1):
            for match in PATH_RE.finditer(line):
                raw = match.group(1)
                if raw.rstrip("/") in ("tests", "docs") or raw.startswith(GENERATED) or raw in PROSE:
                    continue
                for path in expand(raw):
                    checked += 1
                    if not path_exists(path):
                        missing.append(f"{name}:{number}: path {path}")
            for match in MOD_RE.finditer(line):
                dotted = match.group(1).rstrip(".")
                checked += 1
                if not module_exists(dotted):
                    missing.append(f"{name}:{number}: module {dotted}")
            for match in LINK_RE.finditer(line):
                target = match.group(1)
                if target.startswith(("http://", "https://", "mailto:")):
                    continue
                checked += 1
                if not os.path.exists(os.path.normpath(os.path.join(os.path.dirname(file), target))):
                    missing.append(f"{name}:{number}: link {target}")
    return checked, missing


def test_every_reference_in_the_docs_exists():
    checked, missing = missing_references()
    assert checked > 500, "the scan found too few references: its patterns are wrong"
    assert missing == []


def test_the_readme_stays_short():
    with open(os.path.join(ROOT, "README.md"), encoding="utf-8") as handle:
        assert len(handle.read().splitlines()) <= 120, "manuals belong in docs/, indexed from the README"
