"""The search backend: modelsearch's database backend, with Indonesian stemming on SQLite and a date
tiebreak on both databases.

`WAGTAILSEARCH_BACKENDS["default"]["BACKEND"] = "search.backends"` picks, like the stock
`wagtail.search.backends.database`, the implementation for the default database:

* PostgreSQL (search/backends/postgres.py): the stock backend, whose `SEARCH_CONFIG = "indonesian"`
  (kimcms/settings/base.py) is PostgreSQL's own Snowball stemmer;
* SQLite with FTS5 (search/backends/sqlite.py): the stock backend, with every title and body stored
  as Sastrawi roots (search/stemming.py), and every query stemmed the same way before it is matched;
* anything else: the stock fallback backend.

On both databases, results of equal relevance follow the ordering of the searched queryset (the
view orders newest first) instead of the stock "-pk". After changing how pages are indexed, rebuild
the index: `manage.py update_index` (docs/upgrading.md).

Each engine's module is imported only on that engine, as modelsearch does: the SQLite module needs
modelsearch's FTS model, which exists only on SQLite.
"""

from functools import cache
from importlib import import_module

from modelsearch.backends.database import SearchBackend as stock_backend

from django.db import connection


@cache
def sqlite_fts():
    """Whether SQLite has FTS5 and modelsearch's FTS table: asked once per process, as the stock backend does."""
    utils = import_module("modelsearch.backends.database.sqlite.utils")
    return utils.fts5_available() and utils.fts_table_exists()


def SearchBackend(params):  # noqa: N802  (modelsearch looks the backend up by this name)
    if connection.vendor == "postgresql":
        return import_module("search.backends.postgres").RankedPostgresSearchBackend(params)
    if connection.vendor == "sqlite" and sqlite_fts():
        return import_module("search.backends.sqlite").StemmedSQLiteSearchBackend(params)
    return stock_backend(params)
