"""Relevance first, then the caller's own ordering; the title's weight in the score."""

# Wagtail's own boost for page titles (`SearchField("title", boost=2)`). It replaces modelsearch's
# `title_norm` (average title length / this title's length) on both databases: the index refreshes
# that ratio only for new entries, so identical pages indexed at different times scored differently
# and a tie never happened.
TITLE_WEIGHT = 2.0


def with_tiebreak(queryset, relevance, tiebreak):
    """`queryset` ordered by `relevance`, then by `tiebreak` (the searched queryset's ordering), then newest row first."""
    return queryset.order_by(relevance, *tiebreak, "-pk")
