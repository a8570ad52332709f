"""SQLite, the embedded default of `make run`, takes two writers at once without "database is locked".

The admin writes from several requests at the same moment (autosave, editing-session pings,
renditions). Each thread here opens its own connection to one database file with the project's
settings, reads, then writes inside a transaction, as a Wagtail save does.
"""

import contextlib
import threading

import pytest

from django.conf import settings
from django.db.backends.sqlite3.base import DatabaseWrapper

pytestmark = pytest.mark.skipif(
    settings.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3", reason="the SQLite settings only"
)


def connect(path):
    settings_dict = {
        **settings.DATABASES["default"],
        "NAME": str(path),
        "TIME_ZONE": None,
        "CONN_MAX_AGE": 0,
        "CONN_HEALTH_CHECKS": False,
        "AUTOCOMMIT": True,
        "ATOMIC_REQUESTS": False,
    }
    return DatabaseWrapper(settings_dict, alias="sqlite-probe")


@pytest.fixture
def unblocked(django_db_blocker):
    """Connections of this test's own, to its own file, outside the test database."""
    with django_db_blocker.unblock():
        yield


def test_two_transactions_that_read_then_write_both_succeed(tmp_path, unblocked):
    path = tmp_path / "probe.sqlite3"
    setup = connect(path)
    with setup.cursor() as cursor:
        cursor.execute("CREATE TABLE note (id INTEGER PRIMARY KEY, body TEXT)")
        cursor.execute("PRAGMA journal_mode")
        journal_mode = cursor.fetchone()[0]
    setup.close()

    both_read = threading.Barrier(2)
    errors, done = [], []

    def writer(name):
        connection = connect(path)
        try:
            # What transaction.atomic() does on entry, on a connection of this thread's own.
            connection.set_autocommit(False, force_begin_transaction_with_broken_autocommit=True)
            with connection.cursor() as cursor:
                cursor.execute("SELECT COUNT(*) FROM note")
                # The other writer reads too, unless it is waiting for this one's write lock.
                with contextlib.suppress(threading.BrokenBarrierError):
                    both_read.wait(timeout=1)
                cursor.execute("INSERT INTO note (body) VALUES (%s)", [name])
            connection.commit()
            done.append(name)
        except Exception as error:  # noqa: BLE001 (the assertion lists what failed)
            errors.append(repr(error))
        finally:
            connection.close()

    threads = [threading.Thread(target=writer, args=(name,)) for name in ("autosave", "submit")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert errors == []
    assert sorted(done) == ["autosave", "submit"]
    assert journal_mode == "wal"
