""" "Tulis berita" is one tap from the dashboard and from the menu, for KIM editors only."""

import json
import re

import pytest

from tests.factories.pages import post_index
from tests.factories.registry import make_kim
from tests.support.admin import login

pytestmark = pytest.mark.django_db

DASHBOARD = "/admin/"


def menu_items(html):
    """(name, url) of every item of the admin menu, in order."""
    match = re.search(r'id="wagtail-sidebar-props"[^>]*>(.*?)</script>', html, re.S)
    items = []

    def walk(node):
        if isinstance(node, dict):
            if node.get("_type", "").endswith("MenuItem"):
                args = node.get("_args") or [{}]
                if isinstance(args[0], dict):
                    items.append((args[0].get("name"), args[0].get("url")))
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(json.loads(match.group(1)))
    return items


def menu_urls(html):
    return [url for _, url in menu_items(html)]


def test_the_editor_dashboard_opens_with_a_big_write_button(kim, editor):
    html = login(editor).get(DASHBOARD).content.decode()
    button = f'<a class="button kim-write-panel__button" href="/admin/tulis/{post_index(kim).pk}/">Tulis berita</a>'
    assert button in html
    assert "kim_sites/writing/compose.css" in html


def test_the_menu_has_tulis_berita_above_halaman(kim, editor):
    html = login(editor).get(DASHBOARD).content.decode()
    names = [name for name, _ in menu_items(html)]
    assert ("kim-write", "/admin/tulis/") in menu_items(html)
    assert names.index("kim-write") < names.index("explorer")


def test_an_editor_of_two_kims_gets_one_button_per_kim(kim, editor):
    second = make_kim("bangka", name="KIM Kedua")
    editor.groups.add(second.editor_group)
    html = login(editor).get(DASHBOARD).content.decode()
    assert f"Tulis berita untuk {kim.name}" in html and "Tulis berita untuk KIM Kedua" in html


@pytest.mark.parametrize("who", ["moderator", "other_moderator", "provincial_admin"])
def test_not_shown_to_who_does_not_write_for_a_kim(request, kim, who):
    user = request.getfixturevalue(who)
    html = login(user).get(DASHBOARD).content.decode()
    assert "kim-write-panel" not in html
    assert "/admin/tulis/" not in menu_urls(html)


def test_not_shown_to_an_editor_whose_group_lost_the_add_permission(kim, editor):
    kim.editor_group.page_permissions.filter(permission__codename="add_page").delete()
    html = login(editor).get(DASHBOARD).content.decode()
    assert "kim-write-panel" not in html and "/admin/tulis/" not in menu_urls(html)
    assert login(editor).get("/admin/tulis/").status_code in (302, 403)
