"""Tree conditions on the path index select exactly what Wagtail's `startswith` selects."""

import pytest

from django.db import connection
from django.db.models import Q
from django.test.utils import CaptureQueriesContext

from wagtail.models import Page

from kim_sites.scale.wagtail_patches import STOCK, is_installed
from kim_sites.tree import path_upper_bound, tree_q
from tests.factories.pages import make_post
from tests.factories.registry import make_kims

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("path", "bound"),
    [
        ("0001", "0002"),
        ("00010009", "0001000A"),
        ("0001000Z", "0001001"),
        ("000100ZZ", "000101"),
        ("0001ZZZZ", "0002"),
        ("ZZZZ", None),
        ("", None),
    ],
)
def test_upper_bound(path, bound):
    assert path_upper_bound(path) == bound


def test_the_range_selects_what_startswith_selects():
    kims = make_kims(4)
    for kim in kims[:2]:
        make_post(kim, "Kabar")
    for page in Page.objects.all():
        by_range = set(Page.objects.filter(tree_q(page.path)).values_list("pk", flat=True))
        by_prefix = set(Page.objects.filter(Q(path__startswith=page.path)).values_list("pk", flat=True))
        assert by_range == by_prefix, page.path


def test_descendant_child_and_sibling_queries_use_a_range_on_the_path():
    assert is_installed() and STOCK
    kim = make_kims(1)[0]
    post = make_post(kim, "Kabar")
    home = Page.objects.get(pk=kim.home_page_id)
    with CaptureQueriesContext(connection) as ctx:
        descendants = set(Page.objects.descendant_of(home).values_list("pk", flat=True))
        children = set(Page.objects.child_of(home).values_list("pk", flat=True))
        inclusive = set(Page.objects.descendant_of(home, inclusive=True).values_list("pk", flat=True))
        siblings = set(Page.objects.sibling_of(post, inclusive=False).values_list("pk", flat=True))
    assert post.pk in descendants and post.pk not in children and home.pk not in descendants
    assert inclusive == descendants | {home.pk}
    assert children == set(home.get_children().values_list("pk", flat=True))
    assert descendants == set(home.get_descendants().values_list("pk", flat=True))
    assert siblings == set(post.get_siblings().exclude(pk=post.pk).values_list("pk", flat=True))
    for query in ctx.captured_queries:
        assert " LIKE " not in query["sql"].upper(), query["sql"]
