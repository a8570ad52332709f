"""Relevance first, then the caller's own ordering."""


def with_tiebreak(queryset, relevance, tiebreak):
    """`queryset` ordered by `relevance`, then by `tiebreak` (the searched queryset's ordering), then newest row first."""
    return queryset.order_by(relevance, *tiebreak, "-pk")
