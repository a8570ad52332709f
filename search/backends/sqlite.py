"""SQLite (FTS5): titles and bodies indexed as Indonesian roots, queries stemmed the same way, titles
weighted in bm25, ties broken by the searched queryset's ordering (see search/backends/__init__.py)."""

from modelsearch.backends.database.sqlite.query import SQLiteFTSIndexEntry
from modelsearch.backends.database.sqlite.sqlite import (
    ObjectIndexer,
    SQLiteIndex,
    SQLiteSearchBackend,
    SQLiteSearchQueryCompiler,
)
from modelsearch.query import Phrase, PlainText
from modelsearch.utils import get_content_type_pk

from django.db.models import FloatField, Func
from django.utils.functional import cached_property

from search.backends.ordering import TITLE_WEIGHT, with_tiebreak
from search.stemming import stem_text


class StemmedObjectIndexer(ObjectIndexer):
    """The stock indexer, storing roots in the title and body columns.

    Autocomplete stays unstemmed: it matches the beginnings of the words as they are written, as
    PostgreSQL's backend does with its "simple" configuration.
    """

    @cached_property
    def title(self):
        return stem_text(ObjectIndexer.title.func(self))

    @cached_property
    def body(self):
        return stem_text(ObjectIndexer.body.func(self))


class StemmedSQLiteIndex(SQLiteIndex):
    def add_items(self, model, objs):
        # modelsearch 1.3's SQLiteIndex.add_items, with StemmedObjectIndexer in place of ObjectIndexer.
        search_fields = model.get_search_fields()
        if not search_fields:
            return
        indexers = [StemmedObjectIndexer(obj, self.backend) for obj in objs]
        if not indexers:
            return
        content_type_pk = get_content_type_pk(model)
        data = {indexer.id: (indexer.title, indexer.autocomplete, indexer.body) for indexer in indexers}

        entries_for_ct = self.entries.filter(content_type_id=content_type_pk)
        indexed_ids = frozenset(entries_for_ct.filter(object_id__in=data.keys()).values_list("object_id", flat=True))
        for object_id in indexed_ids:
            title, autocomplete, body = data[object_id]
            entries_for_ct.filter(object_id=object_id).update(title=title, autocomplete=autocomplete, body=body)
        entry_model = self.entries.model
        self.entries.bulk_create(
            entry_model(
                content_type_id=content_type_pk,
                object_id=object_id,
                title=title,
                autocomplete=autocomplete,
                body=body,
            )
            for object_id, (title, autocomplete, body) in data.items()
            if object_id not in indexed_ids
        )
        self._refresh_title_norms()


def stemmed_query(query):
    """A plain-text or phrase query with its words replaced by their roots (And/Or recurse to these)."""
    if isinstance(query, PlainText):
        stemmed = stem_text(query.query_string)
        return PlainText(stemmed, operator=query.operator, boost=query.boost) if stemmed else query
    if isinstance(query, Phrase):
        stemmed = stem_text(query.query_string)
        return Phrase(stemmed) if stemmed else query
    return query


class WeightedBM25(Func):
    """FTS5's bm25() of the whole match, the title column weighted (columns: autocomplete, body, title).

    The stock rank multiplies bm25 by `title_norm` (see search/backends/ordering.py). FTS5 already
    normalises each column by its length: the weights alone rank a title above a body.
    Lower is better.
    """

    output_field = FloatField()

    def as_sql(self, compiler, connection, **extra):
        return f"bm25({SQLiteFTSIndexEntry._meta.db_table}, 0.0, 1.0, {TITLE_WEIGHT})", []


class StemmedSQLiteQueryCompiler(SQLiteSearchQueryCompiler):
    def _build_rank_expression(self, vectors, config):
        return WeightedBM25()

    def build_search_query_content(self, query, config=None):
        return super().build_search_query_content(stemmed_query(query), config=config)

    def search(self, config, start, stop, score_field=None):
        tiebreak = self.queryset.query.order_by
        queryset = super().search(config, None, None, score_field=score_field)
        if self.order_by_relevance and tiebreak and queryset.query.order_by:
            # The stock compiler orders by the score alone (then "-pk"); bm25 is negative, best first.
            queryset = with_tiebreak(queryset, queryset.query.order_by[0], tiebreak)
        return queryset[start:stop]


class StemmedSQLiteSearchBackend(SQLiteSearchBackend):
    query_compiler_class = StemmedSQLiteQueryCompiler
    index_class = StemmedSQLiteIndex
