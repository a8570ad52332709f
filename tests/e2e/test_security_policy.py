"""The Content-Security-Policy breaks nothing: the admin's editor, Draftail, the image chooser, the
preview, the moderation queue, the userbar and the public pages run with nothing blocked.

Every context of the suite reports what the policy blocked (conftest.CSP_LISTENER) and fails the
scenario at its end; this one walks the screens most likely to need inline code. It runs after the
mission (file order), because the admin's autosave keeps the draft it starts.
"""

import re

from tests.e2e.conftest import login

KIM_SLUG = "kim-nibung-maju"
EDITOR = "editor.nibung@demo.kim.id"
MODERATOR = "moderator.belitung@demo.kim.id"
FIND_PAGES = (
    "from kim_sites.models import PostIndexPage, PostPage; "
    "index = PostIndexPage.objects.get(slug='berita', locale__language_code='id', "
    f"url_path__contains='/{KIM_SLUG}/'); "
    "print(index.pk, PostPage.objects.child_of(index).live().order_by('pk').first().pk)"
)


def test_admin_editor_chooser_preview_and_public_pages_under_the_policy(server, new_context, shots):
    context = new_context()
    page = login(context, server, EDITOR)
    # The pages are reached by id: after the mission's English tree the explorer starts elsewhere.
    index_id, post_id = server.manage("shell", "-c", FIND_PAGES).strip().splitlines()[-1].split()
    response = page.goto(f"{server.base}/admin/pages/{index_id}/")
    assert "'unsafe-eval'" not in response.headers["content-security-policy"]

    # A new post: Draftail, then the image chooser's modal.
    page.goto(f"{server.base}/admin/pages/add/kim_sites/postpage/{index_id}/")
    page.locator("#id_title").fill("Uji kebijakan keamanan konten")
    page.locator(".c-sf-add-button").first.click()
    page.get_by_role("option", name=re.compile("Paragraf")).click()
    editor = page.locator(".public-DraftEditor-content").first
    editor.click()
    editor.type("Teks uji.")
    page.locator(".c-sf-add-button").last.click()
    page.get_by_role("option", name=re.compile("^Gambar")).click()
    page.locator("[data-contentpath=body] .chooser__choose-button").last.click()
    modal = page.locator(".modal.fade.in")
    modal.locator("[role=tab]", has_text="Unggah").wait_for()
    shots(page, "image-chooser")
    page.keyboard.press("Escape")

    # An existing page: its edit view with the preview panel (a new tab: leaving the unsaved form
    # would ask for confirmation).
    page = context.new_page()
    page.goto(f"{server.base}/admin/pages/{post_id}/edit/")
    page.get_by_role("button", name="Buka/tutup pratinjau").click()
    page.frame_locator(".preview-panel iframe, iframe[id*=preview]").first.locator("main").first.wait_for()
    shots(page, "preview")

    # The userbar on a public page, for the signed-in editor (the portal shares the admin's host).
    page.goto(f"{server.base}/")
    page.locator("wagtail-userbar, [data-wagtail-userbar], #wagtail-userbar").first.wait_for(state="attached")
    shots(page, "portal-with-userbar")

    # The moderation queue and its regency filter.
    moderator = login(new_context(), server, MODERATOR)
    moderator.goto(f"{server.base}/admin/moderasi/")
    shots(moderator, "moderation-queue")

    # Public pages, anonymous.
    visitor = new_context().new_page()
    for path in ("/", "/berita/", "/aspirasi/", "/search/?query=desa"):
        response = visitor.goto(f"{server.site(KIM_SLUG)}{path}")
        assert "content-security-policy" in response.headers, path
    # With DEBUG on (this server), django-csp leaves Django's debug 404 page without a policy.
    visitor.goto(f"{server.site(KIM_SLUG)}/tidak-ada/")
    visitor.goto(f"{server.site(KIM_SLUG)}/")
    shots(visitor, "kim-home")
    # Late reports: wait until everything the page asked for is answered or refused (no request in
    # flight), then until the page has run the tasks queued meanwhile, violation events among them;
    # the evaluation's answer comes after the console messages of those events.
    visitor.wait_for_load_state("networkidle")
    visitor.evaluate("() => new Promise((resolve) => setTimeout(resolve))")
    assert new_context.csp_violations == []
