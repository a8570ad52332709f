"""Every admin screen an editor or a moderator uses fits a 360 px phone, and still looks right on a desktop.

Each screen is opened as the person who uses it on a 360×740 touch viewport. It must not scroll
sideways, nothing on it may stick out of the viewport or be cut off at its edge, no box of its
own may scroll sideways, and no word may be broken letter by letter in a squeezed column. The
menu button must not cover a message. Each screen is also shot at 1366×768 for comparison.
"""

import re
import sqlite3
from pathlib import Path

from tests.e2e.conftest import login

PHONE = {"viewport": {"width": 360, "height": 740}, "is_mobile": True, "has_touch": True}
DESKTOP = {"viewport": {"width": 1366, "height": 768}}
EDITOR = "editor.nibung@demo.kim.id"
# The demo's Belitung moderator reviews the demo post that waits in KIM Terong Berseri (home/demo).
MODERATOR = "moderator.belitung@demo.kim.id"
IN_REVIEW_SLUG = "festival-kampung-terong"
SUBMITTED_TITLE = "Kolong Bekas Tambang Timah di Nibung Disulap Jadi Kolam Ikan Nila"
ASPIRATION = "Mohon jadwal pelatihan membuat video pendek untuk karang taruna."

# What does not fit, as a list of readable lines: the document's own width, then every visible
# element that sticks out of the viewport (the outermost one of a nested group), every box that
# scrolls sideways, and every text squeezed so narrow that its words break letter by letter.
FIT_PROBLEMS = """
() => {
  const width = document.documentElement.clientWidth;
  const describe = (element) => {
    const parts = [];
    for (let e = element; e && e !== document.body && parts.length < 4; e = e.parentElement) {
      let part = e.tagName.toLowerCase();
      if (e.id) part += "#" + e.id;
      const classes = [...e.classList].slice(0, 3).map((c) => CSS.escape(c)).join(".");
      if (classes) part += "." + classes;
      parts.unshift(part);
    }
    return parts.join(" > ");
  };
  const problems = [];
  if (document.documentElement.scrollWidth > window.innerWidth) {
    problems.push(`the page scrolls sideways: ${document.documentElement.scrollWidth} px wide in ${window.innerWidth} px`);
  }
  const reported = new Set();
  const insideReported = (element) => {
    for (let e = element.parentElement; e; e = e.parentElement) if (reported.has(e)) return true;
    return false;
  };
  for (const element of document.body.querySelectorAll("*")) {
    if (!element.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true })) continue;
    const box = element.getBoundingClientRect();
    if (box.width === 0 || box.height === 0) continue;
    // Wholly outside (an off-canvas menu, a screen-reader-only text): nothing of it shows.
    if (box.right <= 0 || box.left >= width) continue;
    const style = getComputedStyle(element);
    const scrolls = style.overflowX === "auto" || style.overflowX === "scroll";
    if (scrolls && !["TEXTAREA", "INPUT", "SELECT"].includes(element.tagName) && element.scrollWidth > element.clientWidth + 1) {
      if (!insideReported(element)) problems.push(`${describe(element)} scrolls sideways (${element.scrollWidth} px in ${element.clientWidth} px)`);
      reported.add(element);
      continue;
    }
    if (box.right > width + 1 || box.left < -1) {
      if (!insideReported(element)) problems.push(`${describe(element)} sticks out: ${Math.round(box.left)}..${Math.round(box.right)} px`);
      reported.add(element);
    }
  }
  const main = document.querySelector("main") || document.body;
  const walker = document.createTreeWalker(main, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.textContent.trim();
    const parent = node.parentElement;
    if (text.length < 4 || !parent.checkVisibility() || parent.closest(".w-sr-only")) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    const lines = [...range.getClientRects()].filter((r) => r.width > 0);
    const tops = new Set(lines.map((r) => Math.round(r.top)));
    const words = text.split(/\\s+/).length;
    const widest = Math.max(0, ...lines.map((r) => r.width));
    if (tops.size > words && widest < 100) {
      problems.push(`${describe(node.parentElement)} is squeezed to ${Math.round(widest)} px: "${text.slice(0, 40)}" breaks over ${tops.size} lines`);
    }
  }
  return problems.slice(0, 12);
}
"""

# The menu button of the phone layout against each message shown: the rectangles must not meet.
TOGGLE_OVER_MESSAGE = """
() => {
  const toggle = [...document.querySelectorAll(".sidebar-nav-toggle--mobile")].find((e) => e.checkVisibility());
  if (!toggle) return [];
  const t = toggle.getBoundingClientRect();
  const items = [...document.querySelectorAll(".messages li, .messages li a, .messages li button")];
  return items.filter((item) => item.checkVisibility()).filter((item) => {
    const m = item.getBoundingClientRect();
    return m.width > 0 && t.left < m.right && m.left < t.right && t.top < m.bottom && m.top < t.bottom;
  }).map((item) => `the menu button covers ${item.tagName.toLowerCase()} "${item.textContent.trim().slice(0, 50)}"`);
}
"""


def page_ids(server):
    """The pages each screen opens, read from the suite's own database."""
    with sqlite3.connect(Path(server.workdir) / "e2e.sqlite3") as db:

        def one(sql, *args):
            return db.execute(sql, args).fetchone()[0]

        home = one("SELECT id FROM wagtailcore_page WHERE title = 'KIM Nibung Maju' AND depth = 3")
        under = "SELECT id FROM wagtailcore_page WHERE slug = ? AND path LIKE (SELECT path FROM wagtailcore_page WHERE id = ?) || '%'"
        berita = one(under, "berita", home)
        aspirasi = one(under, "aspirasi", home)
        post = one("SELECT id FROM wagtailcore_page WHERE title = ?", SUBMITTED_TITLE)
        review = one("SELECT id FROM wagtailcore_page WHERE slug = ?", IN_REVIEW_SLUG)
    return {"home": home, "berita": berita, "aspirasi": aspirasi, "post": post, "review": review}


def send_aspiration(server, new_context):
    """A visitor's aspiration, so that the editor's submissions listing has a row."""
    page = new_context(**PHONE).new_page()
    page.goto(server.site("kim-nibung-maju") + "/aspirasi/")
    page.get_by_label(re.compile("^Nama")).fill("Rina Marlina")
    page.get_by_label(re.compile("E-mail atau nomor WhatsApp")).fill("0813-7000-5678")
    page.get_by_label(re.compile("^Jenis")).select_option(label="Usulan kegiatan")
    page.get_by_label(re.compile("^Pesan")).fill(ASPIRATION)
    page.get_by_role("button", name=re.compile("Kirim")).click()
    page.get_by_text(re.compile("Terima kasih")).first.wait_for()


def shoot(page, shots, name):
    """A screenshot of the whole screen: the admin scrolls inside <main>, so the viewport is made as
    tall as its content for the shot (a full-page screenshot would show one viewport only)."""
    viewport = page.viewport_size
    height = page.evaluate("() => (document.querySelector('main') || document.body).scrollHeight")
    if height > viewport["height"]:
        page.set_viewport_size({"width": viewport["width"], "height": min(height, 8000)})
    shots(page, name)
    page.set_viewport_size(viewport)


def visit(page, desktop, server, name, path, shots, problems, ready=None):
    """Opens `path` on the phone, records what does not fit, and shoots it on both."""
    page.goto(server.base + path)
    page.wait_for_load_state("networkidle")
    if ready is not None:
        page.get_by_text(ready).first.wait_for()
    found = page.evaluate(FIT_PROBLEMS)
    if found:
        problems[name] = found
    shoot(page, shots, f"phone-{name}")
    desktop.goto(server.base + path)
    desktop.wait_for_load_state("networkidle")
    wide = desktop.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    if wide[0] > wide[1]:
        problems[f"desktop-{name}"] = [f"the page scrolls sideways: {wide[0]} px wide in {wide[1]} px"]
    shoot(desktop, shots, f"desktop-{name}")


def signed_in(server, new_context, email_address):
    """A phone and a desktop page of one signed-in person (one sign-in, shared by both)."""
    phone = login(new_context(**PHONE), server, email_address)
    desktop = new_context(**DESKTOP, storage_state=phone.context.storage_state()).new_page()
    return phone, desktop


def submit_for_moderation(page, server, post_id):
    """The editor sends a post to moderation; Wagtail answers with a message that has buttons."""
    page.goto(f"{server.base}/admin/pages/{post_id}/edit/")
    submit = page.locator("footer button[name=action-submit]")
    if not submit.is_visible():
        page.locator("footer").get_by_role("button", name="Tindakan lain").click()
    submit.click()
    message = page.locator(".messages li", has=page.locator("a, button")).filter(visible=True)
    confirm = page.locator("[role=dialog][aria-hidden=false] button[name=action-submit]")
    confirm.or_(message).first.wait_for()
    if confirm.is_visible():
        confirm.click()
    message.first.wait_for()


def test_every_admin_screen_fits_a_phone(server, new_context, shots):
    ids = page_ids(server)
    send_aspiration(server, new_context)
    problems = {}

    phone, desktop = signed_in(server, new_context, EDITOR)
    for name, path, ready in [
        ("editor-dashboard", "/admin/", None),
        ("explorer", f"/admin/pages/{ids['home']}/", None),
        ("explorer-berita", f"/admin/pages/{ids['berita']}/", SUBMITTED_TITLE),
        ("post-form", f"/admin/pages/{ids['post']}/edit/", None),
        ("aspirasi", f"/admin/forms/submissions/{ids['aspirasi']}/", ASPIRATION),
        ("images", "/admin/images/", None),
        ("editor-account", "/admin/account/", None),
    ]:
        visit(phone, desktop, server, name, path, shots, problems, ready)

    submit_for_moderation(phone, server, ids["post"])
    covered = phone.evaluate(TOGGLE_OVER_MESSAGE)
    found = covered + phone.evaluate(FIT_PROBLEMS)
    if found:
        problems["message"] = found
    shoot(phone, shots, "phone-message")

    phone, desktop = signed_in(server, new_context, MODERATOR)
    for name, path, ready in [
        ("moderator-dashboard", "/admin/", None),
        ("queue", "/admin/moderasi/", None),
        ("review", f"/admin/pages/{ids['review']}/edit/", None),
        ("kinerja", "/admin/kinerja/", None),
        ("kim-list", "/admin/kim/", "KIM Terong Berseri"),
        ("moderator-account", "/admin/account/", None),
    ]:
        visit(phone, desktop, server, name, path, shots, problems, ready)

    # A listing's row is a card: each line shows its column's label before the value.
    phone.goto(f"{server.base}/admin/kim/")
    district = phone.locator("td[data-label='Kecamatan']", has_text="Sijuk")
    district.wait_for()
    label = district.evaluate("cell => getComputedStyle(cell, '::before').content")
    assert label == '"Kecamatan"', label

    report = "\n".join(f"{screen}:\n  " + "\n  ".join(found) for screen, found in problems.items())
    assert not problems, f"{len(problems)} screens do not fit:\n{report}"
