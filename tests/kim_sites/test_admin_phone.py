"""The admin's phone layout (kim_sites/admin_ui/phone.py): on every admin page, and still aimed at
what Wagtail draws.

The stylesheet answers Wagtail's own class names and rules below its 50em breakpoint; an upgrade
that renames one of them, or fixes the rule that made the menu button cover messages, fails
here (docs/upgrading.md, section 7). How the screens look at 360 px is the browser suite's
tests/e2e/test_phone_admin.py.
"""

import re
from pathlib import Path

import pytest

from django.contrib.staticfiles import finders

import wagtail

from kim_sites.models import AspirasiFormPage

STYLESHEET = "kim_sites/css/admin-phone.css"
SCRIPT = "kim_sites/js/admin-phone.js"
WAGTAIL = Path(wagtail.__file__).parent
CORE_CSS = WAGTAIL / "admin" / "static" / "wagtailadmin" / "css" / "core.css"
# Classes of the platform's own, not Wagtail's.
OWN_CLASSES = {"kim-moderation-queue", "kim-fits-phone"}


def stylesheet_classes():
    text = re.sub(r"/\*.*?\*/", "", Path(finders.find(STYLESHEET)).read_text(), flags=re.S)
    return set(re.findall(r"\.(-?[a-zA-Z_][\w-]*)", text)) - OWN_CLASSES


def wagtail_admin_sources():
    """Wagtail's templates, scripts and styles: where each class the stylesheet names comes from."""
    for pattern in ("**/templates/**/*.html", "**/static/**/*.js", "**/static/**/*.css"):
        yield from WAGTAIL.glob(pattern)


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["editor", "moderator"])
def test_every_admin_page_links_the_phone_stylesheet_and_script(client, request, kim, role):
    client.force_login(request.getfixturevalue(role))
    aspirasi = AspirasiFormPage.objects.descendant_of(kim.home_page).get()
    paths = ["/admin/", "/admin/account/"]
    paths += (
        [f"/admin/pages/{kim.home_page.pk}/", f"/admin/forms/submissions/{aspirasi.pk}/"] if role == "editor" else []
    )
    paths += ["/admin/moderasi/", "/admin/kinerja/", "/admin/kim/"] if role == "moderator" else []
    for path in paths:
        response = client.get(path)
        assert response.status_code == 200, path
        content = response.content.decode()
        assert f'<link rel="stylesheet" href="/static/{STYLESHEET}">' in content, path
        assert f'<script src="/static/{SCRIPT}" defer></script>' in content, path


def test_the_files_exist_and_hold_no_inline_markup():
    # The admin's Content-Security-Policy is answered by files, not by inline code.
    for name in (STYLESHEET, SCRIPT):
        text = Path(finders.find(name)).read_text()
        assert "<style" not in text and "<script" not in text


def test_every_wagtail_class_the_stylesheet_names_still_exists():
    classes = stylesheet_classes()
    assert {"sidebar-nav-toggle--mobile", "w-breadcrumbs", "w-minimap", "listing"} <= classes
    found = set()
    for path in wagtail_admin_sources():
        text = path.read_text(errors="replace")
        found |= {name for name in classes - found if name in text}
        if found == classes:
            break
    assert classes - found == set(), "Wagtail no longer has these classes: recheck admin-phone.css"


@pytest.mark.parametrize(
    "rule",
    [
        # Answered by the stylesheet: the menu button moves down a fixed 82 px when messages show,
        # whatever their height on a phone, and lands on their buttons.
        ".has-messages .sidebar-nav-toggle{top:82px}",
        # The stylesheet applies below this breakpoint only.
        "@media screen and (min-width:50em)",
        # The comment button hangs 2rem past its field, past a phone's 20 px margin.
        "inset-inline-end:-2rem",
        # The explorer's header row has a fixed height, too low for its wrapped sort links.
        ".page-explorer .listing thead tr{height:35px}",
    ],
)
def test_the_wagtail_rules_the_stylesheet_answers_are_unchanged(rule):
    assert rule in CORE_CSS.read_text(), f"Wagtail changed {rule!r}: recheck admin-phone.css"
