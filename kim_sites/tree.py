"""The shape of the page tree, and conditions on treebeard paths that use the index on `path`.

Root (depth 1) → RegencyPage (depth 2) → KimHomePage (depth 3, the root of the KIM's Site) →
sections and posts. The portal's home is a child of Root beside the regencies. A page's regency
and KIM are its ancestors at REGENCY_DEPTH and KIM_HOME_DEPTH: their paths are prefixes of its own.
"""

from django.db.models import CharField, Q
from django.db.models.functions import Cast, Substr

from wagtail.models import Page

REGENCY_DEPTH = 2
KIM_HOME_DEPTH = 3
# Length of a KIM home's treebeard path: the prefix shared by every page of that KIM.
KIM_HOME_PATH_LENGTH = KIM_HOME_DEPTH * Page.steplen


def tree_prefix(path, depth):
    """The path of the ancestor at `depth` (or the page itself) of a page whose path is `path`."""
    return path[: Page.steplen * depth]


def home_path(path):
    """The path of the KIM home above a page of a KIM, or None for a page above the KIM homes."""
    return tree_prefix(path, KIM_HOME_DEPTH) if len(path) >= KIM_HOME_PATH_LENGTH else None


def regency_path(path):
    """The path of the RegencyPage above a page of a regency, or None above the regencies."""
    return tree_prefix(path, REGENCY_DEPTH) if len(path) >= REGENCY_DEPTH * Page.steplen else None


def home_path_expression(expression="path"):
    """The KIM home's path of each row, in SQL: for grouping and joining pages by KIM."""
    return Substr(expression, 1, KIM_HOME_PATH_LENGTH)


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


# --- Pages in Wagtail's generic relations (revisions, workflow states, log entries) ---------------


def page_ids_as_text(pages):
    """The ids of `pages` as text, to compare with the `object_id` (a string) of generic relations."""
    return pages.values_list(Cast("pk", output_field=CharField(max_length=255)), flat=True)


def of_pages(prefix=""):
    """Filter arguments for rows of a generic relation that point at pages (any page type).

    By the content type's id, which Django caches per process, rather than a join on the
    content types by name: the planner then knows that nearly every workflow state is a page's,
    and serves "oldest first, first page" from the index on task states in progress
    (migration 0016) instead of sorting every pending item."""
    from django.contrib.contenttypes.models import ContentType

    return {f"{prefix}base_content_type": ContentType.objects.get_for_model(Page, for_concrete_model=True)}
