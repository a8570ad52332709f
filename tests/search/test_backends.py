"""The search backend's reach into modelsearch, and its query stemming.

search/backends/ copies one method of modelsearch and overrides four (docs/upgrading.md, section 5).
When modelsearch changes one of them, the guard below names it: carry the change over, then
record the new fingerprint.
"""

import hashlib
import importlib.metadata
import inspect

import pytest
from modelsearch.backends.database.postgres.postgres import PostgresSearchQueryCompiler
from modelsearch.query import And, Phrase, PlainText

from django.db import connection

from search.stemming import stem_text

MODELSEARCH_VERSION = "1.3.2"

# modelsearch's source each override was written against: sha256 of inspect.getsource(), first 16 hex digits.
FINGERPRINTS = {
    "SQLiteIndex.add_items": "6e4d599997a4aa05",  # copied into StemmedSQLiteIndex.add_items
    "SQLiteSearchQueryCompiler.search": "4b214294f3627b59",  # wrapped: ordering replaced
    "SQLiteSearchQueryCompiler._build_rank_expression": "f84d0a4c959b103a",  # replaced by WeightedBM25
    "PostgresSearchQueryCompiler._apply_ordering_and_scoring": "710a76686d989310",  # wrapped: ordering replaced
    "PostgresSearchQueryCompiler.get_index_vectors": "a225255fec0b0fd1",  # replaced: title weight without title_norm
}


def fingerprint(function):
    return hashlib.sha256(inspect.getsource(function).encode()).hexdigest()[:16]


def test_modelsearch_is_the_version_the_backend_was_written_for():
    assert importlib.metadata.version("modelsearch") == MODELSEARCH_VERSION, (
        "modelsearch changed: check search/backends/ against docs/upgrading.md, section 5, then update "
        "MODELSEARCH_VERSION and FINGERPRINTS in tests/search/test_backends.py."
    )


def sqlite_classes():
    from modelsearch.backends.database.sqlite.sqlite import SQLiteIndex, SQLiteSearchQueryCompiler  # noqa: PLC0415

    return {"SQLiteIndex": SQLiteIndex, "SQLiteSearchQueryCompiler": SQLiteSearchQueryCompiler}


@pytest.mark.parametrize("name", sorted(FINGERPRINTS))
def test_the_overridden_modelsearch_code_is_unchanged(name):
    owner, method = name.split(".")
    if owner == "PostgresSearchQueryCompiler":
        cls = PostgresSearchQueryCompiler
    elif connection.vendor == "sqlite":
        # modelsearch's SQLite module needs its FTS model, which exists only on SQLite.
        cls = sqlite_classes()[owner]
    else:
        pytest.skip("modelsearch's SQLite backend loads only on SQLite")
    assert fingerprint(getattr(cls, method)) == FINGERPRINTS[name], (
        f"modelsearch's {name} changed: carry the change into search/backends/, then update FINGERPRINTS."
    )


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the query stemming is the SQLite backend's")
def test_plain_text_and_phrase_queries_are_stemmed_and_keep_their_options():
    from search.backends.sqlite import stemmed_query  # noqa: PLC0415  (loads only on SQLite)

    plain = stemmed_query(PlainText("Membersihkan pantai", operator="or", boost=3))
    assert (plain.query_string, plain.operator, plain.boost) == ("bersih pantai", "or", 3)
    assert stemmed_query(Phrase("para petani")).query_string == "para tani"
    # Nothing left to stem: the query is given back as it was.
    assert stemmed_query(PlainText("!!")).query_string == "!!"
    combined = And([PlainText("pertanian"), PlainText("desa")])
    assert stemmed_query(combined) is combined  # its parts are stemmed when the compiler reaches them


def test_stem_text_keeps_numbers_and_unknown_words():
    assert stem_text("Panen 2026: beach clean-up di Muntok") == "panen 2026 beach clean up di muntok"
