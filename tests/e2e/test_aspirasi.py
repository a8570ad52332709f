"""The aspirasi form on a 360 px phone: errors next to their fields and summarised at the top,
then a thank-you page with a reference number that the KIM's editor finds in the admin."""

import re

from tests.e2e.conftest import login, run_axe

KIM = {"slug": "kim-nibung-maju", "editor": "editor.nibung@demo.kim.id"}
PHONE = {"viewport": {"width": 360, "height": 740}, "device_scale_factor": 2, "is_mobile": True, "has_touch": True}
REFERENCE = re.compile(r"ASP-\d{8}-\d{6}")


def no_sideways_scroll(page):
    assert page.evaluate("document.documentElement.scrollWidth") <= 360


def test_aspirasi_on_a_phone_from_errors_to_reference(server, new_context, shots):
    page = new_context(**PHONE).new_page()
    page.goto(f"{server.site(KIM['slug'])}/aspirasi/")
    no_sideways_scroll(page)
    assert run_axe(page) == []
    # Inputs fill the width and are big enough to touch.
    box = page.locator("#id_nama").bounding_box()
    assert box["height"] >= 44 and box["width"] >= 280
    assert page.locator(".form-submit").bounding_box()["height"] >= 44
    shots(page, "form")

    page.locator("#id_nama").fill("")
    page.locator(".form-submit").click()
    page.wait_for_load_state()
    summary = page.locator("#form-errors")
    assert summary.is_visible()
    assert page.evaluate("document.activeElement.id") == "form-errors"
    assert "Formulir belum dapat dikirim" in summary.inner_text()
    # Each message sits next to its field and is tied to it.
    assert page.locator("#id_nama_error").inner_text() == "Kolom ini wajib diisi."
    assert page.locator("#id_nama").get_attribute("aria-invalid") == "true"
    assert "id_nama_error" in page.locator("#id_nama").get_attribute("aria-describedby")
    no_sideways_scroll(page)
    assert run_axe(page) == []
    shots(page, "errors")
    # The summary's link takes the visitor to the field.
    summary.get_by_role("link", name=re.compile("^Nama")).click()
    assert page.evaluate("document.activeElement.id") == "id_nama"

    page.locator("#id_nama").fill("Rahmat Hidayat")
    page.locator("#id_jenis").select_option("Usulan kegiatan")
    page.locator("#id_pesan").fill("Usul pelatihan membuat pupuk kompos untuk kelompok tani di dusun kami.")
    page.locator(".form-submit").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text() == "Terima kasih"
    reference = page.locator(".aspirasi-reference").inner_text()
    assert REFERENCE.fullmatch(reference), reference
    no_sideways_scroll(page)
    assert run_axe(page) == []
    shots(page, "thank-you")

    # The KIM's editor sees the same reference beside the message in the admin.
    editor = login(new_context(), server, KIM["editor"])
    editor.goto(f"{server.base}/admin/forms/")
    editor.get_by_role("link", name=re.compile("Aspirasi")).first.click()
    editor.wait_for_url(re.compile(r"/admin/forms/submissions/\d+/"))
    row = editor.locator("tr", has_text="Rahmat Hidayat")
    assert reference in row.inner_text()
    assert "Nomor referensi" in editor.locator("thead").first.inner_text()
    shots(editor, "admin-submissions")
