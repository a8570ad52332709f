"""Compile the project's gettext catalogs (.po → .mo) in pure Python.

Django's `compilemessages` needs GNU gettext's `msgfmt`, which is not on every machine and not
installable with pip; polib (already a dependency of wagtail-localize) is. The .mo files are build
output: `make` compiles them and they are not committed.
"""

from pathlib import Path

import polib

BASE_DIR = Path(__file__).resolve().parent.parent


def catalogs(base_dir=BASE_DIR):
    return sorted((base_dir / "locale").glob("*/LC_MESSAGES/*.po"))


def compile_catalogs(base_dir=BASE_DIR, force=False):
    """Write each .mo next to its .po when missing or older. Returns the .mo paths written."""
    written = []
    for po_path in catalogs(base_dir):
        mo_path = po_path.with_suffix(".mo")
        if not force and mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
            continue
        polib.pofile(str(po_path)).save_as_mofile(str(mo_path))
        written.append(mo_path)
    return written
