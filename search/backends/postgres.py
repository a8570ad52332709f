"""PostgreSQL: the stock backend and its `indonesian` configuration, the title weighted by a constant,
ties broken by the searched queryset's ordering (see search/backends/__init__.py)."""

from modelsearch.backends.database.postgres.postgres import PostgresSearchBackend, PostgresSearchQueryCompiler

from django.db.models import F

from search.backends.ordering import TITLE_WEIGHT, with_tiebreak


class RankedPostgresQueryCompiler(PostgresSearchQueryCompiler):
    def get_index_vectors(self, search_query):
        # The stock vectors with TITLE_WEIGHT in place of `title_norm` (search/backends/ordering.py).
        return [(F("index_entries__title"), TITLE_WEIGHT), (F("index_entries__body"), 1.0)]

    def _apply_ordering_and_scoring(self, queryset, rank_expression, start, stop, score_field=None):
        tiebreak = self.queryset.query.order_by
        queryset = super()._apply_ordering_and_scoring(queryset, rank_expression, None, None, score_field)
        if self.order_by_relevance and tiebreak:
            queryset = with_tiebreak(queryset, rank_expression.desc(), tiebreak)
        return queryset[start:stop]


class RankedPostgresSearchBackend(PostgresSearchBackend):
    query_compiler_class = RankedPostgresQueryCompiler
