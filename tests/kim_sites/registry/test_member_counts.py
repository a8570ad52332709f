"""The KIM registry list shows each KIM's active team members, at a cost that does not grow with the KIMs."""

import bs4
import pytest

from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories.accounts import make_editor, make_provincial_admin
from tests.factories.registry import make_kim
from tests.support.admin import login

pytestmark = pytest.mark.django_db


def member_column(response):
    """{KIM name: text of its "Anggota aktif" cell}, read from the listing's table."""
    soup = bs4.BeautifulSoup(response.content, "html.parser")
    table = soup.select_one("table.listing")
    headings = [th.get_text(" ", strip=True) for th in table.select("thead th")]
    column = next(i for i, text in enumerate(headings) if text.startswith("Anggota aktif"))
    cells = {}
    for row in table.select("tbody tr"):
        values = [cell.get_text(" ", strip=True) for cell in row.find_all(["td", "th"], recursive=False)]
        cells[row.select_one("[id$=_title]").get_text(" ", strip=True)] = values[column]
    return cells


def _kim_with(name, editors):
    kim = make_kim("bangka", name=name)
    for n in range(editors):
        make_editor(kim, email=f"{kim.slug}-{n}@kim-uji.id")
    return kim


def test_the_list_counts_active_activated_members(client):
    _kim_with("KIM Dua Editor", 2)
    gone = _kim_with("KIM Satu Pergi", 2)
    get_user_model().objects.filter(email=f"{gone.slug}-1@kim-uji.id").update(is_active=False)
    _kim_with("KIM Baru", 0)  # only its first admin, who has not activated yet
    response = login(make_provincial_admin()).get(reverse("kim:index"))
    assert member_column(response) == {"KIM Baru": "0", "KIM Dua Editor": "2", "KIM Satu Pergi": "1"}


def test_the_list_can_be_sorted_by_members(client):
    _kim_with("KIM A", 1)
    _kim_with("KIM B", 3)
    response = login(make_provincial_admin()).get(reverse("kim:index"), {"ordering": "-active_members"})
    assert list(member_column(response)) == ["KIM B", "KIM A"]


def test_the_query_count_does_not_grow_with_the_kims():
    admin = login(make_provincial_admin())
    for n in range(2):
        _kim_with(f"KIM Awal {n}", n + 1)
    admin.get(reverse("kim:index"))  # warm the admin's own caches
    with CaptureQueriesContext(connection) as two:
        assert len(member_column(admin.get(reverse("kim:index")))) == 2
    for n in range(3):
        _kim_with(f"KIM Tambahan {n}", n + 2)
    admin.get(reverse("kim:index"))
    with CaptureQueriesContext(connection) as five:
        assert len(member_column(admin.get(reverse("kim:index")))) == 5
    assert len(five.captured_queries) == len(two.captured_queries)
