"""A reader's browser counts one view of a post through the beacon, under the strict CSP."""

import re

from tests.e2e.conftest import WAIT_SECONDS

PHONE = (
    "Mozilla/5.0 (Linux; Android 13; SM-A135F) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Mobile Safari/537.36"
)


def test_a_post_read_in_a_browser_is_counted(server, new_context):
    context = new_context(user_agent=PHONE, viewport={"width": 360, "height": 740})
    page = context.new_page()
    page.goto(server.site("kim-nibung-maju") + "/berita/")
    link = page.locator(".card-title a").first
    with page.expect_response(re.compile(r"/_dibaca/\d+/\d+/[^/]+/$"), timeout=WAIT_SECONDS * 1000) as beacon:
        link.click()
    response = beacon.value
    assert response.status == 204
    assert response.request.method == "POST"
    assert response.headers["cache-control"] == "no-store"
    assert context.cookies() == []
    # The index page's own beacon and the post's: both counted, then flushed by the command.
    moved = server.manage("flush_page_views", "--now")
    assert re.match(r"^[12] kali dibaca dipindahkan\.", moved), moved
