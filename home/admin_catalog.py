"""The project's Indonesian catalog for the admin: extraction, merge, compilation and checks.

Wagtail's own id_ID catalogs translate about a third of what the admin shows, so the project ships
`locale/id/LC_MESSAGES/django.po` and `djangojs.po` with every message of the installed third-party apps
(Wagtail, wagtail-localize, taggit, django-filter...). Django merges LOCALE_PATHS after the apps' own catalogs,
for `django` and for `djangojs` (the admin's /admin/jsi18n/ too), so these entries win.

The compiled `.mo` files are committed next to their `.po`: a fresh machine has only Python, and GNU gettext is
needed neither to run nor to test. `manage.py compile_translations` rebuilds every `.mo` under LOCALE_PATHS with
polib; the test suite fails when a `.mo` no longer matches its `.po`. Only `manage.py update_admin_translations`
(run after upgrading Wagtail) needs GNU gettext, to extract the messages from the installed sources.
"""

import json
import os
import re
import shutil
import tempfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import polib

from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.test.utils import override_settings

DOMAINS = ("django", "djangojs")
HEADER = (
    "Indonesian catalog for the admin apps (Wagtail, wagtail-localize, taggit, django-filter, django-tasks).\n"
    "Upstream id_ID translations are kept, revised only where they broke the glossary in docs/admin-indonesian.md.\n"
    "Regenerate with `manage.py update_admin_translations`, compile with `manage.py compile_translations`."
)
LANGUAGE = "id"
PLURAL_FORMS = "nplurals=1; plural=0;"

# Placeholders that must survive translation: %(name)s, %s, %d, {name}, {0}, {}.
PLACEHOLDER_RE = re.compile(r"%\((\w+)\)[-#0 +]*\d*(?:\.\d+)?[sdifr]|%[-#0 +]*\d*(?:\.\d+)?[sdifr]|\{\w*\}")
TAG_RE = re.compile(r"</?([a-zA-Z][a-zA-Z0-9]*)\b")

# Paths inside an app that never reach a user.
_SKIPPED_DIRS = {"tests", "test", "locale", "migrations", "project_template", "styleguide", "__pycache__", "bin"}


def catalog_dir(language=LANGUAGE):
    return Path(settings.LOCALE_PATHS[0]) / language / "LC_MESSAGES"


def all_po_files():
    """Every catalog the project ships, in every language (the public site's ones too)."""
    return sorted(po for base in settings.LOCALE_PATHS for po in Path(base).glob("*/LC_MESSAGES/*.po"))


def entry_key(entry):
    return (entry.msgctxt, entry.msgid)


# --- compilation ----------------------------------------------------------------------------------------------


def compile_po(po_path):
    """Write the `.mo` next to `po_path` with polib (no GNU gettext needed). Fuzzy entries are left out."""
    po = polib.pofile(str(po_path))
    mo_path = Path(po_path).with_suffix(".mo")
    po.save_as_mofile(str(mo_path))
    return mo_path


def _translations(catalog):
    result = {}
    for entry in catalog:
        if entry.obsolete or "fuzzy" in entry.flags or not entry.msgid:
            continue
        if entry.msgid_plural:
            value = tuple(entry.msgstr_plural[i] for i in sorted(entry.msgstr_plural))
            if not all(value):
                continue
        else:
            value = entry.msgstr
            if not value:
                continue
        result[(entry.msgctxt or None, entry.msgid, entry.msgid_plural or None)] = value
    return result


def mo_differences(po_path):
    """Keys whose compiled translation differs from the `.po` (empty when the `.mo` is in sync)."""
    mo_path = Path(po_path).with_suffix(".mo")
    if not mo_path.exists():
        return ["<missing .mo>"]
    expected = _translations(polib.pofile(str(po_path)))
    compiled = _translations(polib.mofile(str(mo_path)))
    return sorted(
        (str(key) for key in set(expected) | set(compiled) if expected.get(key) != compiled.get(key)),
    )


# --- validation -----------------------------------------------------------------------------------------------


def placeholders(text):
    return Counter(match.group(0) for match in PLACEHOLDER_RE.finditer(text))


def entry_problems(entry):
    """Reasons why a shipped entry would break or mislead at run time."""
    problems = []
    if entry.msgid_plural:
        if set(entry.msgstr_plural) != {0}:
            problems.append("plural entry must have exactly msgstr[0] (nplurals=1)")
        translated = entry.msgstr_plural.get(0, "")
        # With one plural form msgstr[0] serves every count, so it carries the plural's placeholders.
        expected = placeholders(entry.msgid_plural)
        allowed = expected | placeholders(entry.msgid)
    else:
        translated = entry.msgstr
        expected = allowed = placeholders(entry.msgid)
    if not translated.strip():
        return ["empty translation"]
    found = placeholders(translated)
    positional = {p for p in found | expected if not p.startswith("%(") and not p.startswith("{")}
    for name in positional:
        if found[name] != expected[name]:
            problems.append(f"positional placeholder {name}: {expected[name]} expected, {found[name]} found")
    for name in set(expected) - positional:
        if name not in found:
            problems.append(f"missing placeholder {name}")
    for name in set(found) - positional:
        if name not in allowed:
            problems.append(f"unknown placeholder {name}")
    source = entry.msgid_plural or entry.msgid
    if Counter(TAG_RE.findall(source)) != Counter(TAG_RE.findall(translated)):
        problems.append("HTML tags differ")
    if source.endswith("\n") != translated.endswith("\n"):
        problems.append("trailing newline differs")
    return problems


# --- extraction (maintenance; needs GNU gettext) ----------------------------------------------------------------


def source_apps():
    """Installed apps whose messages the project translates: everything not ours and not Django's own."""
    base = Path(settings.BASE_DIR).resolve()
    return [
        config
        for config in apps.get_app_configs()
        if not config.name.startswith("django.") and base not in Path(config.path).resolve().parents
    ]


def _copy_app(config, target):
    root = Path(config.path)

    def ignore(directory, names):
        skipped = set()
        for name in names:
            path = Path(directory) / name
            # A nested app (e.g. wagtail/admin inside wagtail) is copied on its own, if installed.
            nested_app = path != root and (path / "apps.py").exists()
            if path.is_dir() and (name in _SKIPPED_DIRS or nested_app):
                skipped.add(name)
        return skipped

    shutil.copytree(root, target / config.label, ignore=ignore)


_JS_STRING = r'"((?:[^"\\]|\\.)*)"'


def _js_literal(text):
    try:
        return json.loads(f'"{text}"')
    except ValueError:
        return text.encode().decode("unicode_escape")


def js_wrapper_exports(code):
    """Minified names under which Wagtail's bundles export their gettext/ngettext wrappers."""
    exports = {"gettext": set(), "ngettext": set()}
    # e.g. `function r(e){const t=window.django?.gettext;...}` exported from vendor.js as `AP:()=>r`.
    for match in re.finditer(r"function (\w+)\(e(?:,t,n)?\)\{const \w=window\.django\?\.(n?gettext);", code):
        func, kind = match.groups()
        # The wrappers' module export map follows them: `n.d(t,{AP:()=>r,WI:()=>i})`.
        export_map = re.compile(r"\w\.d\(t,\{([^}]*)\}\)").search(code, match.end())
        if export_map:
            exports[kind] |= set(re.findall(r"(\w+):\(\)=>" + re.escape(func) + r"\b", export_map.group(1)))
    return exports


def extract_js_messages(code, exports):
    """(msgid, msgid_plural) pairs from bundled admin JS, whose gettext wrappers are renamed by the minifier."""
    calls = [r"\bgettext\(\s*" + _JS_STRING]
    plural_calls = [r"\bngettext\(\s*" + _JS_STRING + r"\s*,\s*" + _JS_STRING]
    calls += [r"\(0,\w+\." + re.escape(name) + r"\)\(\s*" + _JS_STRING for name in exports["gettext"]]
    plural_calls += [
        r"\(0,\w+\." + re.escape(name) + r"\)\(\s*" + _JS_STRING + r"\s*,\s*" + _JS_STRING
        for name in exports["ngettext"]
    ]
    # wagtail-localize: `tt=gettext;var rt=r.n(tt)` then `rt()("...")`.
    for alias in re.findall(r"\w+=gettext;var (\w+)=\w+\.n\(\w+\)", code):
        calls.append(r"\b" + re.escape(alias) + r"\(\)\(\s*" + _JS_STRING)
    found = set()
    for pattern in calls:
        found |= {(_js_literal(m), None) for m in re.findall(pattern, code)}
    for pattern in plural_calls:
        found |= {(_js_literal(a), _js_literal(b)) for a, b in re.findall(pattern, code)}
    return found


def extract_templates():
    """A template catalog per domain, with every message the source apps use now."""
    templates = {domain: polib.POFile() for domain in DOMAINS}
    seen = {domain: set() for domain in DOMAINS}

    def add(domain, msgid, msgid_plural=None, msgctxt=None, occurrences=()):
        key = (msgctxt, msgid)
        if not msgid or key in seen[domain]:
            return
        seen[domain].add(key)
        entry = polib.POEntry(msgid=msgid, msgctxt=msgctxt, occurrences=list(occurrences))
        if msgid_plural:
            entry.msgid_plural = msgid_plural
            entry.msgstr_plural = {0: ""}
        templates[domain].append(entry)

    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        for config in source_apps():
            _copy_app(config, work)
        out = work / "locale"
        out.mkdir()
        cwd = Path.cwd()
        try:
            os.chdir(work)
            with override_settings(LOCALE_PATHS=[out]):
                call_command("makemessages", locale=["en"], domain="django", no_location=False, verbosity=0)
        finally:
            os.chdir(cwd)
        for entry in polib.pofile(str(out / "en" / "LC_MESSAGES" / "django.po")):
            add("django", entry.msgid, entry.msgid_plural, entry.msgctxt, entry.occurrences)

    scripts = {js: js.read_text(errors="replace") for c in source_apps() for js in Path(c.path).glob("static/**/*.js")}
    exports = {"gettext": set(), "ngettext": set()}
    for code in scripts.values():
        for kind, names in js_wrapper_exports(code).items():
            exports[kind] |= names
    for js, code in sorted(scripts.items()):
        for msgid, plural in sorted(extract_js_messages(code, exports), key=str):
            add("djangojs", msgid, plural, occurrences=[(js.name, "")])
    for config in source_apps():
        # The packaged English catalogs come from the unminified sources: take them too.
        for domain in DOMAINS:
            packaged = Path(config.path) / "locale" / "en" / "LC_MESSAGES" / f"{domain}.po"
            if packaged.exists():
                for entry in polib.pofile(str(packaged)):
                    if not entry.obsolete:
                        add(domain, entry.msgid, entry.msgid_plural, entry.msgctxt)
    return templates


def upstream_translations(domain):
    """Translations the source apps already ship for Indonesian (id_ID or id), keyed by (msgctxt, msgid)."""
    result = {}
    for config in source_apps():
        for folder in ("id_ID", "id"):
            path = Path(config.path) / "locale" / folder / "LC_MESSAGES" / f"{domain}.po"
            if path.exists():
                for entry in polib.pofile(str(path)):
                    if entry.translated() and not entry.obsolete:
                        result.setdefault(entry_key(entry), entry)
    return result


@dataclass
class UpdateResult:
    domain: str
    path: Path
    total: int
    ours: int
    upstream: int
    missing: list
    dropped: int


def new_catalog():
    catalog = polib.POFile(wrapwidth=0)
    catalog.metadata = {
        "Project-Id-Version": "KIM CMS",
        "PO-Revision-Date": "2026-01-01 00:00+0700",
        "Last-Translator": "Diskominfo Kepulauan Bangka Belitung",
        "Language-Team": "Indonesian",
        "Language": LANGUAGE,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "Plural-Forms": PLURAL_FORMS,
    }
    return catalog


def _copy_translation(source, target):
    if target.msgid_plural:
        if source.msgid_plural:
            target.msgstr_plural = {0: source.msgstr_plural.get(0) or next(iter(source.msgstr_plural.values()))}
    else:
        target.msgstr = source.msgstr


def update_catalog(domain, template):
    """Rewrite the project's catalog for `domain`: ours first, then upstream's, the rest left empty."""
    path = catalog_dir() / f"{domain}.po"
    current = polib.pofile(str(path)) if path.exists() else new_catalog()
    ours = {entry_key(e): e for e in current if not e.obsolete and e.translated()}
    upstream = upstream_translations(domain)
    catalog = new_catalog()
    catalog.header = current.header or HEADER
    counts = Counter()
    missing = []
    for item in template:
        entry = polib.POEntry(msgid=item.msgid, msgctxt=item.msgctxt, msgid_plural=item.msgid_plural)
        if item.msgid_plural:
            entry.msgstr_plural = {0: ""}
        for origin, source in (("ours", ours.get(entry_key(item))), ("upstream", upstream.get(entry_key(item)))):
            if source is not None and bool(source.msgid_plural) == bool(item.msgid_plural):
                _copy_translation(source, entry)
                counts[origin] += 1
                break
        else:
            missing.append(entry)
        catalog.append(entry)
    path.parent.mkdir(parents=True, exist_ok=True)
    catalog.save(str(path))
    return UpdateResult(
        domain=domain,
        path=path,
        total=len(template),
        ours=counts["ours"],
        upstream=counts["upstream"],
        missing=missing,
        dropped=len(set(ours) - {entry_key(e) for e in template}),
    )
