"""Backups of the database and the media, and their restore (`manage.py backup` / `restore`, docs/deploy.md).

A backup is one folder: `database.dump` (pg_dump's custom format, restored by pg_restore; on
SQLite, a copy of the database file as `database.sqlite3`), `media/` (every file of the default
storage, whether a folder or an S3 bucket, read through Django's storage API) and `manifest.json`.
Restoring loads the dump into the configured database, copies back every file the storage lacks
(a stored name is never overwritten: AWS_S3_FILE_OVERWRITE is off), then drops the shared caches,
which held pages and sites of the database before.
"""

import datetime
import json
import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from django.conf import settings
from django.core.files import File
from django.core.files.storage import storages
from django.db import connections

from kim_sites.scale.page_cache import purge_all
from kim_sites.scale.site_index import site_index

POSTGRES_ENGINE = "django.db.backends.postgresql"
SQLITE_ENGINE = "django.db.backends.sqlite3"
DUMP_NAME = "database.dump"
SQLITE_NAME = "database.sqlite3"
MEDIA_DIR = "media"
MANIFEST_NAME = "manifest.json"


class BackupError(Exception):
    pass


def _pg_environment(database):
    """libpq's variables for the configured database, so that no password shows in a process list."""
    env = dict(os.environ)
    for key, variable in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER"), ("PASSWORD", "PGPASSWORD")):
        if database.get(key):
            env[variable] = str(database[key])
    env["PGDATABASE"] = database["NAME"]
    return env


def _run(argv, env):
    result = subprocess.run(argv, env=env, capture_output=True, text=True, check=False)  # noqa: S603  # nosec B603  # argv from settings, no shell
    if result.returncode:
        raise BackupError(f"{argv[0]} failed: {result.stderr.strip()[-2000:]}")
    return result


def walk_storage(storage, path=""):
    """Every file name in a storage, recursively."""
    try:
        directories, files = storage.listdir(path)
    except FileNotFoundError:
        # A media folder that nothing was ever uploaded to.
        return
    for name in files:
        yield f"{path}/{name}" if path else name
    for directory in directories:
        yield from walk_storage(storage, f"{path}/{directory}" if path else directory)


def backup(output_dir, *, alias="default", pg_dump="pg_dump"):
    """Write a backup folder under `output_dir`; returns its path."""
    database = settings.DATABASES[alias]
    stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
    target = Path(output_dir) / f"kimcms-{stamp}"
    target.mkdir(parents=True)
    if database["ENGINE"] == POSTGRES_ENGINE:
        _run(
            [pg_dump, "--format=custom", "--no-owner", "--no-privileges", f"--file={target / DUMP_NAME}"],
            _pg_environment(database),
        )
    elif database["ENGINE"] == SQLITE_ENGINE:
        connection = connections[alias]
        connection.ensure_connection()
        with sqlite3.connect(target / SQLITE_NAME) as copy:
            connection.connection.backup(copy)
    else:
        raise BackupError(f"no backup for {database['ENGINE']}")

    storage = storages["default"]
    count = size = 0
    for name in walk_storage(storage):
        destination = target / MEDIA_DIR / name
        destination.parent.mkdir(parents=True, exist_ok=True)
        with storage.open(name, "rb") as source, open(destination, "wb") as out:
            shutil.copyfileobj(source, out)
        count += 1
        size += destination.stat().st_size
    manifest = {
        "created_at": stamp,
        "database_engine": database["ENGINE"],
        "storage": type(storage).__name__,
        "media_files": count,
        "media_bytes": size,
    }
    (target / MANIFEST_NAME).write_text(json.dumps(manifest, indent=2))
    return target


def restore(backup_dir, *, alias="default", pg_restore="pg_restore"):
    """Load a backup folder into the configured database and storage; returns the manifest with counts."""
    source = Path(backup_dir)
    manifest = json.loads((source / MANIFEST_NAME).read_text())
    database = settings.DATABASES[alias]
    connections[alias].close()
    if (source / DUMP_NAME).exists():
        if database["ENGINE"] != POSTGRES_ENGINE:
            raise BackupError("this backup is of PostgreSQL: restore it into a PostgreSQL database")
        _run(
            [
                pg_restore,
                "--clean",
                "--if-exists",
                "--no-owner",
                "--no-privileges",
                "--single-transaction",
                f"--dbname={database['NAME']}",
                str(source / DUMP_NAME),
            ],
            _pg_environment(database),
        )
    elif (source / SQLITE_NAME).exists():
        # Through SQLite's backup API, not a file copy: the live database keeps a write-ahead log
        # beside it, which a copied-over file would be mixed with.
        connection = connections[alias]
        connection.ensure_connection()
        with sqlite3.connect(source / SQLITE_NAME) as copy:
            copy.backup(connection.connection)
    else:
        raise BackupError(f"no database in {source}")

    storage = storages["default"]
    restored = skipped = 0
    media = source / MEDIA_DIR
    for path in sorted(p for p in media.rglob("*") if p.is_file()) if media.exists() else []:
        name = path.relative_to(media).as_posix()
        if storage.exists(name):
            skipped += 1
            continue
        with open(path, "rb") as handle:
            saved = storage.save(name, File(handle))
        if saved != name:
            raise BackupError(f"{name} was stored as {saved}")
        restored += 1
    # Pages and sites cached from the database of before must not be served again.
    site_index.invalidate()
    purge_all()
    return {**manifest, "restored_files": restored, "skipped_files": skipped}
