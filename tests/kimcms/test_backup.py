"""`manage.py backup` and `restore`: the database (pg_dump, custom format) and every media file."""

import json
import sqlite3

import pytest

from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.core.management import call_command
from django.db import connection

from kim_sites.models import Kim
from tests.factories.registry import make_kim

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
on_postgres = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="pg_dump/pg_restore need PostgreSQL (DATABASE_URL)"
)


def make_backup(tmp_path):
    call_command("backup", output=str(tmp_path / "backups"))
    [folder] = (tmp_path / "backups").iterdir()
    return folder


def test_backup_holds_every_media_file(tmp_path):
    storage = storages["default"]
    first = storage.save("original_images/panen.jpg", ContentFile(b"jpeg bytes"))
    second = storage.save("documents/laporan.pdf", ContentFile(b"%PDF report"))
    folder = make_backup(tmp_path)
    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest["media_files"] == 2
    assert (folder / "media" / first).read_bytes() == b"jpeg bytes"
    assert (folder / "media" / second).read_bytes() == b"%PDF report"


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the SQLite copy")
def test_backup_of_sqlite_is_a_copy_of_the_database(tmp_path):
    make_kim(name="KIM Cadangan", slug="cadangan")
    folder = make_backup(tmp_path)
    with sqlite3.connect(folder / "database.sqlite3") as copy:
        assert copy.execute("SELECT name FROM kim_sites_kim WHERE slug = 'cadangan'").fetchall() == [("KIM Cadangan",)]


@on_postgres
def test_restore_brings_back_the_database_and_the_files(tmp_path, client):
    kim = make_kim(name="KIM Pulih", slug="pulih")
    storage = storages["default"]
    name = storage.save("original_images/pulih.jpg", ContentFile(b"image"))
    assert client.get("/", HTTP_HOST=kim.hostname).status_code == 200
    folder = make_backup(tmp_path)
    assert (folder / "database.dump").read_bytes().startswith(b"PGDMP")

    # The disaster: the KIM and its file are gone.
    Kim.objects.filter(pk=kim.pk).delete()
    storage.delete(name)
    other = storage.save("original_images/baru.jpg", ContentFile(b"new"))

    call_command("restore", str(folder), no_input=True)
    assert Kim.objects.filter(slug="pulih").exists()
    assert storage.open(name).read() == b"image"
    # A file the backup does not know is left alone; none is overwritten.
    assert storage.open(other).read() == b"new"
    response = client.get("/", HTTP_HOST=kim.hostname)
    assert response.status_code == 200
    assert "KIM Pulih" in response.content.decode()


def test_restore_asks_first(tmp_path, monkeypatch):
    folder = make_backup(tmp_path)
    monkeypatch.setattr("builtins.input", lambda prompt: "tidak")
    with pytest.raises(Exception, match="cancelled"):
        call_command("restore", str(folder))
