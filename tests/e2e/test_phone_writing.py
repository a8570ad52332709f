"""A volunteer writes a post on a phone: from the dashboard to a post submitted with one photo,
on a 360×740 touch screen, in at most 8 taps (typing and the phone's own photo picker not
counted; the tap that opens the picker is). Then Wagtail's own editor: no ghost autosave of a
new page with only a title, and a validation error on a hidden tab brought into view."""

import json
import random
import re

from PIL import Image, ImageDraw

from tests.e2e.conftest import login

EDITOR = "editor.nibung@demo.kim.id"
TITLE = "Warga Nibung menanam bakau di pesisir"
TEXT = (
    "Minggu pagi, tiga puluh warga Desa Nibung menanam seribu bibit bakau di pesisir pantai. "
    "Kegiatan ini bersama kelompok nelayan dan karang taruna.\n\nBibit berasal dari persemaian desa."
)
PHONE = {"viewport": {"width": 360, "height": 740}, "has_touch": True, "is_mobile": True, "device_scale_factor": 2}
TAP_BUDGET = 8
MAX_EDGE = 1600


class Taps:
    """Every tap, click, check or select is one tap; typing and the phone's picker are not."""

    def __init__(self):
        self.count = 0
        self.log = []

    def tap(self, locator, what):
        self.count += 1
        self.log.append(what)
        locator.tap()


def phone_photo(path, size=(4000, 3000)):
    """A detailed photo of a phone's size, different on every run (no duplicate warnings)."""
    rng = random.Random()
    image = Image.effect_noise(size, 30).convert("RGB")
    draw = ImageDraw.Draw(image)
    for _ in range(60):
        x, y = rng.randrange(size[0]), rng.randrange(size[1])
        draw.ellipse(
            (x, y, x + rng.randrange(100, 900), y + rng.randrange(100, 900)),
            fill=tuple(rng.randrange(256) for _ in range(3)),
        )
    image.save(path, "JPEG", quality=90)
    return path


def query(server, code):
    """Runs Python in the server's database (manage.py shell) and returns what it prints, as JSON."""
    return json.loads(server.manage("shell", "-c", code).strip().splitlines()[-1])


POST_STATE = """
import json
from kim_sites.models import PostPage, Regency
from kim_sites.moderation.queue import pending_task_states
from wagtail.models import WorkflowState
post = PostPage.objects.filter(title={title!r}).order_by("-pk").first()
image = post.cover_image
state = WorkflowState.objects.for_instance(post).first()
from django.contrib.auth import get_user_model
# The queue of Bangka Tengah, as the provincial admin's moderation queue filters it.
admin = get_user_model().objects.get(email="admin@demo.kim.id")
regency = Regency.objects.get(slug="bangka-tengah")
queued = any(str(post.pk) == ts.workflow_state.object_id for ts in pending_task_states(admin, regency=regency))
print(json.dumps({{
    "pk": post.pk, "live": post.live, "owner": post.owner.email, "state": state and state.status,
    "queued": queued, "width": image.width, "height": image.height, "bytes": image.file_size,
    "category": post.category, "summary": post.summary, "first_block": post.body[0].block_type,
}}))
"""


def test_a_post_with_a_photo_in_at_most_eight_taps(server, mailbox, new_context, shots, tmp_path):
    photo = phone_photo(tmp_path / "IMG_20261201_071500.jpg")
    original_bytes = photo.stat().st_size
    context = new_context(**PHONE)
    page = login(context, server, EDITOR)
    shots(page, "phone-dashboard")
    taps = Taps()
    uploads = []
    page.on("request", lambda r: uploads.append(len(r.post_data_buffer or b"")) if r.method == "POST" else None)

    taps.tap(page.locator(".kim-write-panel__button"), "Tulis berita (dasbor)")
    page.wait_for_url(re.compile(r"/admin/tulis/\d+/$"))
    page.locator("#id_title").wait_for()
    shots(page, "phone-compose")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360

    page.locator("#id_title").fill(TITLE)
    taps.tap(page.locator("label.kim-chip", has_text="Kegiatan"), "kategori Kegiatan")
    with page.expect_file_chooser() as chooser:
        taps.tap(page.locator("label.kim-compose__pick"), "Ambil atau pilih foto")
    chooser.value.set_files(str(photo))
    page.locator("[data-kim-photo-status]", has_text="1 foto siap dikirim").wait_for()
    # Scaled in the browser: the file input now holds the smaller JPEG.
    in_browser = page.evaluate(
        """async () => {
            const file = document.querySelector('input[name=photos]').files[0];
            const bitmap = await createImageBitmap(file);
            return {size: file.size, width: bitmap.width, height: bitmap.height, type: file.type};
        }"""
    )
    assert max(in_browser["width"], in_browser["height"]) == MAX_EDGE and in_browser["type"] == "image/jpeg"
    assert in_browser["size"] < original_bytes / 4, (in_browser, original_bytes)
    page.locator("#id_text").fill(TEXT)
    shots(page, "phone-compose-filled")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360

    taps.tap(page.get_by_role("button", name="Kirim ke Moderasi KIM"), "Kirim ke Moderasi KIM")
    page.get_by_role("heading", name="Berita terkirim ke Moderasi KIM").wait_for()
    shots(page, "phone-submitted")
    assert page.get_by_role("link", name="Ubah draf").is_visible()

    print(f"\nTaps from the dashboard to the submitted post: {taps.count} ({', '.join(taps.log)})")
    print(
        f"Photo: {original_bytes} bytes taken, {in_browser['size']} bytes sent ({in_browser['width']}×{in_browser['height']})"
    )
    assert taps.count <= TAP_BUDGET

    # The upload carried the small photo, not the phone's original.
    assert max(uploads) < original_bytes / 2
    post = query(server, POST_STATE.format(title=TITLE))
    assert post["live"] is False and post["owner"] == EDITOR
    assert post["state"] == "in_progress" and post["queued"], post
    assert post["category"] == "kegiatan" and post["first_block"] == "paragraph"
    assert post["summary"].startswith("Minggu pagi, tiga puluh warga")
    assert max(post["width"], post["height"]) <= MAX_EDGE and post["bytes"] < original_bytes / 4, post
    print(f"Stored: {post['width']}×{post['height']}, {post['bytes']} bytes")
    edit_link = page.get_by_role("link", name="Ubah draf").get_attribute("href")
    assert edit_link == f"/admin/pages/{post['pk']}/edit/"


AUTOSAVE_PROBE = """
window.kimAutosaves = [];
window.kimWatching = false;
window.addEventListener("w-autosave:save", (event) => window.kimAutosaves.push(event), true);
window.addEventListener("w-unsaved:watch-edits", () => { window.kimWatching = true; }, true);
"""


def test_wagtail_editor_no_ghost_autosave_and_errors_in_view(server, new_context, shots):
    context = new_context(viewport={"width": 1366, "height": 768})
    context.add_init_script(AUTOSAVE_PROBE)
    page = login(context, server, EDITOR)
    index_id = int(
        re.search(r"/admin/tulis/(\d+)/", page.locator(".kim-write-panel__button").get_attribute("href")).group(1)
    )
    page.goto(f"{server.base}/admin/pages/add/kim_sites/postpage/{index_id}/")

    # A title alone is not saved: the autosave is cancelled and the footer stays quiet.
    page.wait_for_function("() => window.kimWatching")  # Wagtail now notices changes
    page.locator("#id_title").fill("Judul saja, lalu ditinggalkan")
    page.wait_for_function("() => window.kimAutosaves.length > 0")
    assert page.evaluate("window.kimAutosaves.every((e) => e.defaultPrevented)")
    assert "/pages/add/" in page.url
    indicator = page.locator("#w-autosave-indicator")
    assert indicator.get_attribute("data-w-autosave-state-value") in (None, "idle")
    assert "dijeda" not in (indicator.get_attribute("data-w-tooltip-content-value") or "")
    shots(page, "editor-title-only-not-saved")

    # With content, Wagtail's autosave goes ahead as usual and the page becomes an edit page.
    page.locator("#id_summary").fill("Ringkasan yang sudah diisi.")
    page.wait_for_url(re.compile(r"/admin/pages/\d+/edit/"))
    draft_id = int(re.search(r"/pages/(\d+)/edit/", page.url).group(1))

    # An error on a hidden tab: the slug of a sibling, set on the Promote tab, saved from Content.
    taken = query(
        server,
        "import json\nfrom kim_sites.models import PostPage\n"
        f"p = PostPage.objects.get(pk={draft_id})\n"
        "print(json.dumps(PostPage.objects.sibling_of(p, inclusive=False).first().slug))",
    )
    page.goto(f"{server.base}/admin/pages/{draft_id}/edit/")
    slug_panel = page.locator("[role=tabpanel]:has(#id_slug)").get_attribute("id")
    title_panel = page.locator("[role=tabpanel]:has(#id_title)").get_attribute("id")
    assert slug_panel != title_panel
    page.locator(f"[role=tab][href='#{slug_panel}']").click()
    page.locator("#id_slug").fill(taken)
    page.locator(f"[role=tab][href='#{title_panel}']").click()
    assert not page.locator("#id_slug").is_visible()
    page.get_by_role("button", name="Simpan draf").click()
    page.locator(f"#{slug_panel} .error-message").first.wait_for(state="attached")
    # The tab that holds the error is opened and the field scrolled into view.
    page.locator("#id_slug").wait_for(state="visible")
    assert page.locator(f"[role=tab][href='#{slug_panel}']").get_attribute("aria-selected") == "true"
    page.wait_for_function(
        "() => { const r = document.querySelector('#id_slug').getBoundingClientRect();"
        " return r.height > 0 && r.top >= 0 && r.bottom <= window.innerHeight; }"
    )
    shots(page, "editor-error-tab-opened")
