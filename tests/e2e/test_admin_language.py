"""The admin in the browser: the platform's own name, logo and guide, and no English in the text that
Wagtail's scripts draw (the sidebar, the time-zone names, the editing-session footer).

The server-rendered screens are walked by tests/kim_sites/test_admin_language.py; this checks what only
a browser shows, and keeps the screenshots the guide (Bantuan) uses (`make guide-screenshots`).
"""

import re

from django.conf import settings

from tests.e2e.conftest import login
from tests.support.language import leaks

EDITOR = "editor.nibung@demo.kim.id"
MODERATOR = "moderator.belitung@demo.kim.id"
POST = "Warga Nibung Gotong Royong Perbaiki Dermaga Perahu Sebelum Angin Barat"


def assert_no_english(page, where):
    found = leaks(page.locator("body").inner_text())
    assert not found, f"English on {where}:\n" + "\n".join(found)


def test_the_admin_is_the_platforms_own(server, new_context, shots):
    name = settings.WAGTAIL_SITE_NAME
    context = new_context()
    page = context.new_page()
    page.goto(f"{server.base}/admin/login/")
    assert page.title() == f"Masuk - {name}"
    assert page.get_by_role("heading", level=1).inner_text() == f"Masuk ke {name}"
    logo = page.locator(".kim-brand-login img")
    assert logo.evaluate("image => image.complete && image.naturalWidth > 0")
    favicon = page.locator("link[rel=icon][type='image/svg+xml']").get_attribute("href")
    assert context.request.get(f"{server.base}{favicon}").ok
    assert_no_english(page, "the sign-in page")

    page = login(context, server, EDITOR)
    assert page.title().endswith(f" - {name}")
    sidebar_logo = page.locator(".sidebar-custom-branding img.kim-brand-logo")
    sidebar_logo.wait_for()
    assert sidebar_logo.evaluate("image => image.complete && image.naturalWidth > 0")
    assert page.locator("a[href*='guide.wagtail.org']").count() == 0
    assert_no_english(page, "the dashboard with its sidebar")

    page.locator("#wagtail-sidebar").get_by_role("link", name="Bantuan").click()
    page.wait_for_url(re.compile(r"/admin/bantuan/$"))
    assert page.title() == f"Bantuan - {name}"
    assert_no_english(page, "the guide")
    shots(page, "guide")
    page.get_by_role("link", name="Menulis berita dari HP").click()
    page.wait_for_url(re.compile(r"/admin/bantuan/menulis-berita/$"))
    assert_no_english(page, "a guide topic")
    shots(page, "guide-topic")


def test_script_drawn_text_is_indonesian(server, new_context, shots):
    context = new_context()
    page = login(context, server, EDITOR)

    # The time-zone names are drawn by Wagtail's script from the browser's own names, in the admin's language.
    page.goto(f"{server.base}/admin/account/")
    zones = page.locator("select[name='locale-current_time_zone'] option")
    page.wait_for_function(
        "() => [...document.querySelectorAll(\"select[name='locale-current_time_zone'] option\")]"
        ".slice(1).every(option => option.textContent.includes('Waktu Indonesia'))"
    )
    page.locator("select[name='locale-current_time_zone']").scroll_into_view_if_needed()
    labels = zones.all_inner_texts()
    assert len(labels) == 4, labels
    assert all("Waktu Indonesia" in label for label in labels[1:]), labels
    assert_no_english(page, "the account page")
    shots(page, "account-time-zone")

    # The editing-session footer is filled in by its first ping.
    page.goto(f"{server.base}/admin/pages/search/?q=Gotong")
    with page.expect_response(lambda response: "/admin/editing-sessions/" in response.url):
        page.get_by_role("link", name=POST).first.click()
    page.wait_for_url(re.compile(r"/admin/pages/\d+/edit/$"))
    assert_no_english(page, "the post editor")
    shots(page, "post-editor")

    page.goto(f"{server.base}/admin/images/multiple/add/")
    assert_no_english(page, "the image upload")
    shots(page, "image-upload")


def test_moderator_screens_drawn_by_scripts_are_indonesian(server, new_context, shots):
    page = login(new_context(), server, MODERATOR)
    assert_no_english(page, "the moderator's dashboard")
    page.goto(f"{server.base}/admin/kinerja/")
    page.get_by_role("heading", name="Kinerja KIM").first.wait_for()
    assert_no_english(page, "the kinerja report")
    shots(page, "kinerja-report")
