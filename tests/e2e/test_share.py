"""Sharing at 360 px: the share links of a post and of an agenda event, the copy button, the
favicon, and JSON-LD blocks that the Content-Security-Policy lets be (new_context fails the
scenario on any violation)."""

from urllib.parse import quote

from tests.e2e.conftest import run_axe

KIM_SLUG = "kim-nibung-maju"
PHONE = {"width": 360, "height": 740}


def q(text):
    return quote(text, safe="")


def test_post_and_event_share_links_copy_button_and_favicon_on_a_phone(server, new_context):
    site = server.site(KIM_SLUG)
    context = new_context(viewport=PHONE, has_touch=True, is_mobile=True)
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site)
    page = context.new_page()
    missing = []
    page.on("response", lambda response: missing.append(response.url) if response.status == 404 else None)

    page.goto(f"{site}/berita/")
    page.locator(".card-title a").first.click()
    page.wait_for_load_state("load")
    canonical = page.locator("link[rel=canonical]").get_attribute("href")
    title = page.locator("h1").inner_text().strip()
    share = page.locator(".post [data-share]")
    hrefs = {
        network: share.locator(f"a.share-{network}").get_attribute("href")
        for network in ("whatsapp", "facebook", "x", "telegram")
    }
    assert hrefs == {
        "whatsapp": f"https://wa.me/?text={q(title + ' ' + canonical)}",
        "facebook": f"https://www.facebook.com/sharer/sharer.php?u={q(canonical)}",
        "x": f"https://twitter.com/intent/tweet?url={q(canonical)}&text={q(title)}",
        "telegram": f"https://t.me/share/url?url={q(canonical)}&text={q(title)}",
    }
    for network in hrefs:
        assert share.locator(f"a.share-{network}").is_visible()
    assert page.get_by_role("link", name="Bagikan ke WhatsApp").count() == 1

    # share.js shows the copy button; it copies the canonical URL and says so.
    copy = page.get_by_role("button", name="Salin tautan")
    copy.click()
    share.locator("[data-share-status]", has_text="Tautan disalin.").wait_for()
    assert page.evaluate("() => navigator.clipboard.readText()") == canonical
    # The native button only where the browser can share.
    can_share = page.evaluate("() => typeof navigator.share === 'function'")
    assert share.locator("[data-share-native]").is_visible() == can_share

    assert page.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"]
    assert page.locator("script[type='application/ld+json']").count() == 1
    assert run_axe(page) == []

    # An agenda event: its own anchor, shared by URL.
    page.goto(f"{site}/agenda/")
    event = page.locator("li.event[id^=acara-]").first
    anchor = event.get_attribute("id")
    agenda_url = page.locator("link[rel=canonical]").get_attribute("href")
    facebook = event.locator("a.share-facebook").get_attribute("href")
    assert facebook == f"https://www.facebook.com/sharer/sharer.php?u={q(agenda_url + '#' + anchor)}"
    event.get_by_role("button", name="Salin tautan").click()
    event.locator("[data-share-status]", has_text="Tautan disalin.").wait_for()
    assert page.evaluate("() => navigator.clipboard.readText()") == f"{agenda_url}#{anchor}"
    assert page.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"]
    assert run_axe(page) == []

    # Icons and manifest on the KIM's host and the portal's: nothing answers 404.
    for host, name in ((site, None), (server.base, "KIM Kepulauan Bangka Belitung")):
        page.goto(f"{host}/")
        page.wait_for_load_state("networkidle")
        answers = page.evaluate(
            """async () => {
                const icon = await fetch('/favicon.ico');
                const manifest = await fetch('/manifest.webmanifest');
                return [icon.status, icon.headers.get('content-type'), manifest.status, await manifest.json()];
            }"""
        )
        assert answers[:3] == [200, "image/x-icon", 200]
        if name:
            assert answers[3]["name"] == name
        else:
            assert answers[3]["name"] == page.locator(".brand-name").inner_text().strip()
        assert [icon["sizes"] for icon in answers[3]["icons"]] == ["192x192", "512x512"]
    page.evaluate("() => new Promise((resolve) => setTimeout(resolve))")
    assert missing == []


def test_share_links_work_without_javascript(server, new_context):
    context = new_context(viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{server.site(KIM_SLUG)}/berita/")
    page.locator(".card-title a").first.click()
    page.wait_for_load_state("load")
    share = page.locator(".post [data-share]")
    assert share.locator("a.share-link").count() == 4
    assert all(share.locator("a.share-link").nth(i).is_visible() for i in range(4))
    # Without share.js, no button that would do nothing.
    assert not share.locator("[data-share-copy]").is_visible()
    assert not share.locator("[data-share-native]").is_visible()
