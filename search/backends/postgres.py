"""PostgreSQL: the stock backend and its `indonesian` configuration, with ties broken by the searched
queryset's ordering (see search/backends/__init__.py)."""

from modelsearch.backends.database.postgres.postgres import PostgresSearchBackend, PostgresSearchQueryCompiler

from search.backends.ordering import with_tiebreak


class RankedPostgresQueryCompiler(PostgresSearchQueryCompiler):
    def _apply_ordering_and_scoring(self, queryset, rank_expression, start, stop, score_field=None):
        tiebreak = self.queryset.query.order_by
        queryset = super()._apply_ordering_and_scoring(queryset, rank_expression, None, None, score_field)
        if self.order_by_relevance and tiebreak:
            queryset = with_tiebreak(queryset, rank_expression.desc(), tiebreak)
        return queryset[start:stop]


class RankedPostgresSearchBackend(PostgresSearchBackend):
    query_compiler_class = RankedPostgresQueryCompiler
