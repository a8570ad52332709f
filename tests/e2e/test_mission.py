"""The whole mission, clicked through in a browser, as the people who do it.

The scenarios run in order and share what they made (the new KIM, the post): each one starts
from a fresh login in a fresh browser context, as a different person would.
"""

import random
import re
import urllib.request

import pytest
from PIL import Image, ImageDraw

from tests.e2e.conftest import DEMO_PASSWORD, WAIT_SECONDS, login, run_axe

NEW_KIM = {
    "name": "KIM Batu Belubang Bersinar",
    "slug": "kim-batu-belubang-bersinar",
    "regency": "Kabupaten Bangka Tengah",
    "district": "Pangkalan Baru",
    "village": "Batu Belubang",
    "admin_email": "admin.batubelubang@kim-e2e.id",
}
NEW_PASSWORD = "Pantai-Batu-Belubang-2026"
# The writing, moderation and public scenarios use a demo KIM of Bangka Tengah.
KIM = {"slug": "kim-nibung-maju", "name": "KIM Nibung Maju", "editor": "editor.nibung@demo.kim.id"}
POST_TITLE = "Gotong royong membersihkan Pantai Nibung"
POST_FIXED_TITLE = "Gotong royong membersihkan Pantai Nibung bersama nelayan"
SEND_BACK_COMMENT = "Mohon sebutkan jumlah warga yang ikut dan tanggal kegiatan."
MODERATOR_BANGKA_TENGAH = "moderator.bangkatengah@kim-e2e.id"
MODERATOR_BELITUNG = "moderator.belitung@demo.kim.id"

state = {}


def make_photo(path):
    """A photo-like JPEG, different on every run, so the admin never reports it as a duplicate."""
    rng = random.Random()
    image = Image.new("RGB", (1200, 800), (rng.randrange(256), rng.randrange(256), rng.randrange(256)))
    draw = ImageDraw.Draw(image)
    for _ in range(40):
        x, y = rng.randrange(1200), rng.randrange(800)
        draw.ellipse(
            (x, y, x + rng.randrange(40, 300), y + rng.randrange(40, 300)),
            fill=tuple(rng.randrange(256) for _ in range(3)),
        )
    image.save(path, "JPEG", quality=85)
    return path


def activate(server, mailbox, context, email_address, password, shots, name):
    message = mailbox.wait_for(email_address, "aktivasi")
    link = next(url for url in mailbox.links(mailbox.body(message)) if "/aktivasi/" in url)
    page = context.new_page()
    page.goto(link)
    shots(page, f"{name}-set-password")
    page.locator("input[name=new_password1]").fill(password)
    page.locator("input[name=new_password2]").fill(password)
    page.get_by_role("button", name=re.compile("Simpan", re.I)).click()
    page.get_by_text(re.compile("sudah aktif", re.I)).wait_for()
    shots(page, f"{name}-activated")
    return link


def test_1_activation(server, mailbox, new_context, shots):
    """Diskominfo registers a KIM; its new admin activates the account and sees only its own site."""
    context = new_context()
    page = login(context, server, "admin@demo.kim.id")
    page.get_by_role("link", name=re.compile(r"^KIM$")).first.click()
    page.get_by_role("link", name=re.compile("Daftarkan KIM")).first.click()
    page.wait_for_url(re.compile(r"/admin/kim/new/"))
    page.locator("#id_name").fill(NEW_KIM["name"])
    page.locator("#id_regency").select_option(label=NEW_KIM["regency"])
    page.locator("#id_district").fill(NEW_KIM["district"])
    page.locator("#id_village").fill(NEW_KIM["village"])
    page.locator("#id_admin_email").fill(NEW_KIM["admin_email"])
    shots(page, "register-form")
    page.get_by_role("button", name=re.compile("Daftarkan")).click()
    page.get_by_text(NEW_KIM["name"]).first.wait_for()
    shots(page, "registered")

    admin_context = new_context()
    link = activate(server, mailbox, admin_context, NEW_KIM["admin_email"], NEW_PASSWORD, shots, "kim-admin")
    page = login(admin_context, server, NEW_KIM["admin_email"], NEW_PASSWORD)
    shots(page, "kim-admin-dashboard")
    page.goto(f"{server.base}/admin/pages/")
    # The explorer opens at the KIM's own home page and offers nothing else.
    page.get_by_role("heading", name=NEW_KIM["name"]).first.wait_for()
    body = page.locator("main").inner_text()
    assert "KIM Jada Bahrin Bersatu" not in body and "Kabupaten Bangka Tengah" not in body
    shots(page, "kim-admin-explorer")

    # The link works once.
    again = new_context().new_page()
    again.goto(link)
    again.get_by_text(re.compile("tidak berlaku", re.I)).wait_for()


def confirm_if_asked(page, button_name, done):
    """Wagtail asks again when the page was saved meanwhile (autosave, another tab): go on.

    Waits for whichever comes first, the question or the outcome (`done`), never for a fixed time.
    Only a visible outcome counts: a hidden element matching `done` that comes first in the page
    (a closed panel's text) would otherwise be the one awaited."""
    dialog = page.locator("[role=dialog][aria-hidden=false]", has=page.get_by_role("button", name=button_name))
    confirm = dialog.get_by_role("button", name=button_name)
    done = done.filter(visible=True)
    confirm.or_(done).first.wait_for()
    if confirm.is_visible():
        confirm.click()
    done.first.wait_for()


PHONE = {"width": 360, "height": 740}


def assert_fits(page, width=PHONE["width"]):
    """Nothing of the page sticks out sideways: no horizontal scrolling on a phone."""
    scroll = page.evaluate("Math.max(document.documentElement.scrollWidth, document.body.scrollWidth)")
    assert scroll <= width, f"{page.url} is {scroll} px wide at {width} px"


def approve_in_queue(page, approve_button, mailbox, author, shots=None):
    """Taps "Setujui" in the moderation queue, confirms in the dialog, and waits for the success
    message and for the author's new "Disetujui" e-mail. Returns the message."""
    before = len(mailbox.to_with(author, "Disetujui"))
    approve_button.click()
    dialog = page.locator(".modal.fade.in")
    confirm = dialog.get_by_role("button", name="Setujui dan terbitkan")
    confirm.wait_for()
    assert "Kiriman ini langsung tayang" in dialog.inner_text()
    if shots:
        shots(page, "moderator-confirm")
    confirm.click()
    message = page.locator(".messages li.success", has_text="disetujui dan terbit")
    message.wait_for()
    assert mailbox.wait_for_more(author, "Disetujui", than=before, timeout=WAIT_SECONDS), (
        f"no approval e-mail to {author}"
    )
    return message


def open_berita(page, server):
    page.goto(f"{server.base}/admin/pages/")
    page.get_by_role("link", name="Berita & Kegiatan").first.click()
    page.wait_for_load_state()


@pytest.fixture(scope="module")
def bangka_tengah_moderator(server, mailbox, browser):
    """Diskominfo Bangka Tengah's moderator, added by the CLI and activated by its e-mailed link."""
    server.manage(
        "add_moderator", "--regency", "bangka-tengah", "--email", MODERATOR_BANGKA_TENGAH, "--name", "Agus Salim"
    )
    context = browser.new_context(locale="id-ID")
    context.set_default_timeout(WAIT_SECONDS * 1000)
    activate(server, mailbox, context, MODERATOR_BANGKA_TENGAH, NEW_PASSWORD, lambda *a: None, "moderator")
    context.close()
    return MODERATOR_BANGKA_TENGAH


def test_2_writing(server, mailbox, new_context, shots, tmp_path, bangka_tengah_moderator):
    """The KIM editor writes a post with a photo, previews it and submits it for moderation."""
    context = new_context()
    page = login(context, server, KIM["editor"])
    page.goto(f"{server.base}/admin/pages/")
    page.get_by_role("link", name="Jelajahi halaman turunan dari 'Berita & Kegiatan'").click()
    page.get_by_role("link", name="Tambahkan halaman turunan").first.click()
    page.locator("#id_title").fill(POST_TITLE)
    page.locator("#id_category").select_option("kegiatan")
    page.locator("#id_summary").fill("Warga dan nelayan Nibung memungut sampah plastik di sepanjang pantai.")
    page.locator(".c-sf-add-button").first.click()
    page.get_by_role("option", name=re.compile("Paragraf")).click()
    editor = page.locator(".public-DraftEditor-content").first
    editor.click()
    editor.type("Sabtu pagi, warga Desa Nibung bergotong royong membersihkan pantai dari sampah plastik.")
    page.locator(".c-sf-add-button").last.click()
    page.get_by_role("option", name=re.compile("^Gambar")).click()
    page.locator("[data-contentpath=body] .chooser__choose-button").last.click()
    modal = page.locator(".modal.fade.in")
    modal.locator("[role=tab]", has_text="Unggah").click()
    modal.locator("input[type=file]").set_input_files(make_photo(tmp_path / "pantai.jpg"))
    modal.locator("input[name$=upload-title]").fill("Pantai Nibung")
    modal.get_by_role("button", name="Unggah", exact=True).click()
    modal.wait_for(state="detached")
    page.locator("input[name$=alt_text]").first.fill("Warga memungut sampah plastik di pantai")
    tags = page.locator("[data-contentpath=tags] input:visible").first
    for tag in ("gotong royong", "pantai"):
        tags.fill(tag)
        tags.press("Enter")
    shots(page, "post-form")

    page.get_by_role("button", name="Simpan draf").click()
    page.wait_for_url(re.compile(r"/admin/pages/\d+/edit/"))
    state["post_id"] = int(re.search(r"/pages/(\d+)/edit/", page.url).group(1))

    # Preview in the side panel, as the reader will see it.
    page.get_by_role("button", name="Buka/tutup pratinjau").click()
    page.frame_locator("iframe[id*=preview], .preview-panel iframe").first.get_by_text(POST_TITLE).first.wait_for()
    shots(page, "post-preview")
    page.get_by_role("button", name="Buka/tutup pratinjau").click()

    # No publish button anywhere: the only way on is moderation.
    page.get_by_role("button", name="Tindakan lain").click()
    footer = page.locator("footer").inner_text()
    assert "Terbitkan" not in footer and "Publish" not in footer
    assert page.locator("button[name=action-publish]").count() == 0
    shots(page, "post-actions")
    page.get_by_role("button", name=re.compile("Kirim ke Moderasi KIM")).click()
    confirm_if_asked(
        page, "Kirim ke Moderasi KIM", page.get_by_text(re.compile("dikirim ke Moderasi KIM|telah dikirim", re.I))
    )
    shots(page, "post-submitted")


def test_3_moderation(server, mailbox, new_context, shots):
    """The regency's moderator sends the post back with a comment; the editor fixes it; it is approved."""
    post_id = state["post_id"]
    message = mailbox.wait_for(MODERATOR_BANGKA_TENGAH, "Menunggu moderasi")
    assert POST_TITLE in message["subject"] and POST_TITLE in mailbox.body(message)
    # Nobody of another regency is told.
    assert not mailbox.to(MODERATOR_BELITUNG)

    mod = new_context()
    page = login(mod, server, MODERATOR_BANGKA_TENGAH, NEW_PASSWORD)
    queue = page.locator("#kim-moderation-queue-section")
    queue.get_by_text(POST_TITLE).first.wait_for()
    shots(page, "moderator-dashboard")
    preview = mod.new_page()
    preview.goto(server.base + queue.get_by_role("link", name="Pratinjau").first.get_attribute("href"))
    preview.get_by_text(POST_TITLE).first.wait_for()
    shots(preview, "moderator-preview")
    preview.close()
    review = queue.get_by_role("link", name="Buka & putuskan", exact=True).first.get_attribute("href")
    assert review.endswith(f"/admin/pages/{post_id}/edit/")
    page.goto(server.base + review)
    # The review screen offers the decision first, and nothing that publishes around it.
    footer = page.locator("footer")
    footer.get_by_role("button", name="Setujui dan terbitkan").wait_for()
    page.get_by_role("button", name="Tindakan lain").click()
    footer_text = footer.inner_text()
    assert "Setujui dengan komentar" not in footer_text and "Batalkan alur kerja" not in footer_text
    assert page.locator("footer button[name=action-publish]").count() == 0
    page.locator("footer button", has_text="Kembalikan untuk diperbaiki").click()
    dialog = page.locator(".modal.fade.in")
    dialog.locator("textarea[name=comment]").fill(SEND_BACK_COMMENT)
    shots(page, "moderator-send-back")
    dialog.get_by_role("button", name="Kembalikan untuk diperbaiki").click()
    sent_back = page.locator(".messages li.success", has_text="dikembalikan ke penulisnya")
    sent_back.wait_for()
    draft_link = sent_back.get_by_role("link", name="Buka draf yang dikembalikan")
    assert draft_link.get_attribute("href").endswith(f"/admin/pages/{post_id}/edit/")
    shots(page, "moderator-sent-back-message")
    author_mail = mailbox.wait_for(KIM["editor"], "Perlu diperbaiki")
    assert SEND_BACK_COMMENT in mailbox.body(author_mail)

    editor = new_context()
    page = login(editor, server, KIM["editor"])
    page.goto(f"{server.base}/admin/pages/{post_id}/edit/")
    # The moderator's comment is shown to the editor in the page's status panel.
    page.get_by_text(SEND_BACK_COMMENT).first.wait_for(state="attached")
    page.get_by_role("button", name="Buka/tutup status").click()
    shots(page, "editor-sees-comment")
    page.locator("#id_title").fill(POST_FIXED_TITLE)
    page.get_by_role("button", name="Tindakan lain").click()
    resubmit = page.locator("footer button[name=action-submit], footer button[name=action-restart-workflow]").first
    label = resubmit.inner_text().strip()
    resubmit.click()
    confirm_if_asked(page, label, page.get_by_text(re.compile("dikirim|telah", re.I)))
    shots(page, "editor-resubmitted")

    # On the phone: the queue is readable, the preview and the review screen fit, and the
    # decision is confirmed and answered with a link to the live post.
    phone = new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = login(phone, server, MODERATOR_BANGKA_TENGAH, NEW_PASSWORD)
    page.goto(f"{server.base}/admin/moderasi/")
    row = page.locator("tr", has_text=POST_FIXED_TITLE).first
    row.wait_for()
    assert "KIM Nibung Maju" in row.inner_text()
    assert re.search(r"menunggu (kurang dari 1 menit|\d+ (menit|jam|hari))", row.inner_text())
    assert "Ani Rahmawati" in row.inner_text() and KIM["editor"] not in row.inner_text()
    assert_fits(page)
    shots(page, "phone-moderation-queue")
    preview = phone.new_page()
    preview.goto(server.base + row.get_by_role("link", name="Pratinjau").get_attribute("href"))
    preview.get_by_text(POST_FIXED_TITLE).first.wait_for()
    assert_fits(preview)
    shots(preview, "phone-preview")
    preview.close()
    page.goto(server.base + row.get_by_role("link", name="Buka & putuskan").get_attribute("href"))
    page.locator("footer").get_by_role("button", name="Setujui dan terbitkan").wait_for()
    assert_fits(page)
    shots(page, "phone-review")

    page.goto(f"{server.base}/admin/")
    queue = page.locator("#kim-moderation-queue-section")
    row = queue.locator("tr", has_text=POST_FIXED_TITLE).first
    # A tap on "Setujui" only asks; "Batal" leaves the post waiting.
    row.get_by_role("button", name="Setujui", exact=True).click()
    dialog = page.locator(".modal.fade.in")
    dialog.get_by_role("button", name="Batal").click()
    dialog.wait_for(state="detached")
    row.wait_for()
    message = approve_in_queue(
        page, row.get_by_role("button", name="Setujui", exact=True), mailbox, KIM["editor"], shots
    )
    assert POST_FIXED_TITLE in message.inner_text()
    shots(page, "moderator-approved-message")
    live = message.get_by_role("link", name="Lihat di situs")
    href = live.get_attribute("href")
    assert href.startswith(server.site(KIM["slug"]) + "/"), href
    with phone.expect_page() as opened:
        live.click()
    post = opened.value
    post.get_by_role("heading", name=POST_FIXED_TITLE).wait_for()
    assert post.url == href


def test_4_other_regency(server, new_context, shots):
    """A moderator of another regency sees nothing of the post and is refused at its URLs."""
    post_id = state["post_id"]
    page = login(new_context(), server, MODERATOR_BELITUNG)
    assert POST_FIXED_TITLE not in page.locator("main").inner_text()
    shots(page, "other-moderator-dashboard")
    for path in (f"/admin/pages/{post_id}/edit/", f"/admin/pages/{post_id}/history/"):
        response = page.goto(server.base + path)
        refused = (
            response.status in (302, 403, 404) or "/admin/login" in page.url or page.url.rstrip("/").endswith("/admin")
        )
        text = page.locator("body").inner_text()
        assert refused or "izin" in text.lower(), f"{path} was not refused"
        assert POST_FIXED_TITLE not in text
    shots(page, "other-moderator-refused")


def test_5_public(server, new_context, shots):
    """A visitor reads the approved post on the KIM's own host, in its feed, search and on the portal."""
    site = server.site(KIM["slug"])
    page = new_context().new_page()
    page.goto(site + "/")
    page.get_by_text(POST_FIXED_TITLE).first.wait_for()
    shots(page, "kim-home")
    assert not run_axe(page), run_axe(page)
    page.get_by_role("link", name=POST_FIXED_TITLE).first.click()
    page.get_by_role("heading", name=POST_FIXED_TITLE).wait_for()
    shots(page, "post")
    assert not run_axe(page), run_axe(page)
    state["post_url"] = page.url
    # Python does not resolve *.localhost as browsers do: ask loopback with the KIM's Host header.
    request = urllib.request.Request(
        f"http://127.0.0.1:{server.port}/feed/", headers={"Host": f"{KIM['slug']}.localhost:{server.port}"}
    )
    feed = urllib.request.urlopen(request).read().decode()
    assert POST_FIXED_TITLE in feed
    page.goto(site + "/search/?query=nelayan")
    page.get_by_text(POST_FIXED_TITLE).first.wait_for()
    shots(page, "search")
    assert not run_axe(page), run_axe(page)
    page.goto(server.base + "/")
    page.get_by_text(POST_FIXED_TITLE).first.wait_for()
    shots(page, "portal")
    assert not run_axe(page), run_axe(page)


def test_6_aspirasi(server, new_context, shots):
    """A visitor sends an aspiration; its KIM's editor reads it, another KIM's editor does not."""
    site = server.site(KIM["slug"])
    page = new_context().new_page()
    page.goto(site + "/aspirasi/")
    page.get_by_label(re.compile("^Nama")).fill("Budi Santoso")
    page.get_by_label(re.compile("E-mail atau nomor WhatsApp")).fill("0812-7000-1234")
    page.get_by_label(re.compile("^Jenis")).select_option(label="Usulan kegiatan")
    page.get_by_label(re.compile("^Pesan")).fill("Mohon diadakan pelatihan membuat konten video untuk pemuda desa.")
    shots(page, "aspirasi-form")
    page.get_by_role("button", name=re.compile("Kirim")).click()
    page.get_by_text(re.compile("Terima kasih")).first.wait_for()
    shots(page, "aspirasi-sent")

    page = login(new_context(), server, KIM["editor"])
    page.goto(f"{server.base}/admin/forms/")
    page.get_by_role("link", name=re.compile("Aspirasi")).first.click()
    page.get_by_text("pelatihan membuat konten video").first.wait_for()
    shots(page, "editor-reads-aspirasi")

    page = login(new_context(), server, "editor.jadabahrin@demo.kim.id", DEMO_PASSWORD)
    page.goto(f"{server.base}/admin/forms/")
    assert "pelatihan membuat konten video" not in page.locator("body").inner_text()
    forms_links = page.locator("main a[href*='/admin/forms/submissions/']")
    for index in range(forms_links.count()):
        href = forms_links.nth(index).get_attribute("href")
        other = page.context.new_page()
        other.goto(server.base + href)
        assert "pelatihan membuat konten video" not in other.locator("body").inner_text()
        other.close()
    shots(page, "other-editor-forms")


POST_ENGLISH_TITLE = "Nibung residents and fishermen clean up the beach together"
POST_ENGLISH_SUMMARY = "Residents and fishermen of Nibung pick up plastic waste along the beach."
POST_ENGLISH_PARAGRAPH = (
    "On Saturday morning, the people of Nibung village cleared the beach of plastic waste together."
)


def translate_segment(page, source_text, translation):
    """In wagtail-localize's editor: open a source string's field, type the English, save it."""
    segment = page.locator("li", has=page.locator("p", has_text=source_text)).first
    segment.get_by_role("button", name="Terjemahkan").click()
    segment.locator("textarea").fill(translation)
    segment.get_by_role("button", name="Simpan").click()
    segment.get_by_text(translation).wait_for()


def test_7_english(server, mailbox, new_context, shots):
    """A provincial admin translates the post; the translation is moderated, then served at /en/."""
    post_id = state["post_id"]
    page = login(new_context(), server, "admin@demo.kim.id")
    page.goto(f"{server.base}/admin/pages/{post_id}/edit/")
    page.locator("header").get_by_role("button", name="Tindakan").first.click()
    page.get_by_role("link", name=re.compile("Terjemahkan")).first.click()
    page.wait_for_url(re.compile(rf"/admin/localize/submit/page/{post_id}/"))
    page.get_by_label("English").check()
    shots(page, "admin-translate")
    page.get_by_role("button", name="Kirim", exact=True).click()
    page.wait_for_url(re.compile(r"/admin/pages/\d+/edit/"))
    english_id = int(re.search(r"/pages/(\d+)/edit/", page.url).group(1))
    assert english_id != post_id

    translate_segment(page, POST_FIXED_TITLE, POST_ENGLISH_TITLE)
    translate_segment(page, "Warga dan nelayan Nibung memungut sampah plastik", POST_ENGLISH_SUMMARY)
    translate_segment(page, "Sabtu pagi, warga Desa Nibung bergotong royong", POST_ENGLISH_PARAGRAPH)
    shots(page, "admin-translation-editor")
    # On this platform the editor's primary action sends the translation to moderation.
    submit = page.get_by_role("button", name=re.compile("Kirim ke Moderasi KIM"))
    assert "English" in submit.inner_text()
    submit.click()
    page.get_by_text(re.compile("telah dikirim ke Moderasi KIM")).first.wait_for()
    shots(page, "admin-translation-submitted")

    # Waiting: the Indonesian post offers no English version yet.
    message = mailbox.wait_for(MODERATOR_BANGKA_TENGAH, POST_ENGLISH_TITLE)
    assert POST_ENGLISH_TITLE in mailbox.body(message)
    visitor = new_context().new_page()
    visitor.goto(state["post_url"])
    assert visitor.locator(".language-switcher a[hreflang=en]").count() == 0

    page = login(new_context(), server, MODERATOR_BANGKA_TENGAH, NEW_PASSWORD)
    queue = page.locator("#kim-moderation-queue-section")
    queue.get_by_text(POST_ENGLISH_TITLE).first.wait_for()
    shots(page, "moderator-queue-english")
    row = queue.locator("tr", has_text=POST_ENGLISH_TITLE).first
    approve_in_queue(page, row.get_by_role("button", name="Setujui", exact=True), mailbox, "admin@demo.kim.id")

    # The visitor now finds the English version through the language switcher.
    visitor = new_context().new_page()
    visitor.goto(state["post_url"])
    visitor.locator(".language-switcher a[hreflang=en]").click()
    visitor.get_by_role("heading", name=POST_ENGLISH_TITLE).wait_for()
    assert "/en/" in visitor.url
    assert visitor.locator("html").get_attribute("lang") == "en"
    assert POST_ENGLISH_SUMMARY in visitor.locator("main").inner_text()
    assert POST_ENGLISH_PARAGRAPH in visitor.locator("main").inner_text()
    shots(visitor, "english-post")
    assert not run_axe(visitor), run_axe(visitor)
