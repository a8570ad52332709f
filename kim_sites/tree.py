"""Conditions on treebeard paths that use the index on `path`."""

from django.db.models import Q

from wagtail.models import Page


def path_upper_bound(path):
    """The smallest treebeard path after every path that starts with `path`, or None.

    Paths use `Page.alphabet` (0-9A-Z), so "starts with P" is "P <= path < bound": a range on the
    unique index of `path`. `path LIKE 'P%'` (Django's startswith) is a scan of every page on
    SQLite, and on PostgreSQL unless the column uses the C collation."""
    alphabet = Page.alphabet
    for i in range(len(path) - 1, -1, -1):
        position = alphabet.find(path[i])
        if 0 <= position < len(alphabet) - 1:
            return path[:i] + alphabet[position + 1]
        if position < 0:
            return None
    return None


def tree_q(path, field="path"):
    """`Q(<field>__startswith=path)` as an index range (see `path_upper_bound`)."""
    upper = path_upper_bound(path)
    if upper is None:
        return Q(**{f"{field}__startswith": path})
    return Q(**{f"{field}__gte": path, f"{field}__lt": upper})
