"""A regency moderator sets up two-factor authentication on a phone-sized screen, then signs in
with a code from the app, and once with a recovery code.

The scenario plays the authenticator app: it reads the key shown under the QR code and computes
the codes from it with django-otp's own TOTP, as any app would.
"""

import re

from tests.e2e.conftest import DEMO_PASSWORD, authenticator, run_axe

MODERATOR = "moderator.pangkalpinang@demo.kim.id"
PHONE = {"width": 360, "height": 780}


def sign_in_with_password(context, server):
    page = context.new_page()
    page.goto(f"{server.base}/admin/login/")
    page.locator("#id_username").fill(MODERATOR)
    page.locator("#id_password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name=re.compile("Masuk", re.I)).click()
    return page


def fits_the_screen(page):
    return page.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"]


def test_moderator_enrols_a_device_and_signs_in_with_a_code(server, new_context, shots):
    context = new_context(viewport=PHONE)
    page = sign_in_with_password(context, server)

    # A moderator without a device goes to enrolment before any admin page.
    page.wait_for_url(re.compile(r"/admin/dua-faktor/daftar/"))
    page.get_by_role("heading", name="Pasang autentikasi dua faktor").wait_for()
    assert page.locator("figure svg").is_visible()
    assert fits_the_screen(page)
    assert run_axe(page) == []
    shots(page, "enrol")
    page.goto(f"{server.base}/admin/pages/")
    page.wait_for_url(re.compile(r"/admin/dua-faktor/daftar/"))

    # The app: the key under the QR code gives the codes.
    secret = page.locator("[data-totp-secret]").inner_text()
    authenticator.add(MODERATOR, secret)
    page.locator("#id_code").fill("000000" if authenticator.code(MODERATOR) != "000000" else "111111")
    page.get_by_role("button", name="Konfirmasi").click()
    page.get_by_text("Kode salah atau sudah kedaluwarsa").wait_for()
    page.locator("#id_code").fill(authenticator.code(MODERATOR))
    page.get_by_role("button", name="Konfirmasi").click()
    page.get_by_role("heading", name="Kode pemulihan Anda").wait_for()
    codes = page.locator("[data-recovery-codes] code").all_inner_texts()
    assert len(codes) == 10
    assert fits_the_screen(page)
    shots(page, "recovery-codes")
    page.get_by_role("link", name=re.compile("Saya sudah menyimpan kode")).click()
    # On to where the moderator was going when sent to enrol.
    page.wait_for_url(re.compile(r"/admin/pages/\d+/$"))
    shots(page, "explorer-after-enrol")

    # Next time: password, then a code.
    context = new_context(viewport=PHONE)
    page = sign_in_with_password(context, server)
    page.wait_for_url(re.compile(r"/admin/dua-faktor/verifikasi/"))
    page.get_by_role("heading", name="Masukkan kode Anda").wait_for()
    assert fits_the_screen(page)
    assert run_axe(page) == []
    shots(page, "verify")
    page.locator("#id_code").fill(authenticator.code(MODERATOR))
    page.get_by_role("button", name="Verifikasi").click()
    page.wait_for_url(re.compile(r"/admin/$"))
    page.goto(f"{server.base}/admin/pages/")
    assert "/dua-faktor/" not in page.url
    shots(page, "signed-in-with-code")

    # A lost phone: one recovery code signs in once.
    context = new_context(viewport=PHONE)
    page = sign_in_with_password(context, server)
    page.wait_for_url(re.compile(r"/admin/dua-faktor/verifikasi/"))
    page.locator("#id_code").fill(codes[0])
    page.get_by_role("button", name="Verifikasi").click()
    page.wait_for_url(re.compile(r"/admin/$"))
    page.get_by_text(re.compile("Anda masuk dengan kode pemulihan")).wait_for()
    shots(page, "signed-in-with-recovery-code")

    context = new_context(viewport=PHONE)
    page = sign_in_with_password(context, server)
    page.wait_for_url(re.compile(r"/admin/dua-faktor/verifikasi/"))
    page.locator("#id_code").fill(codes[0])
    page.get_by_role("button", name="Verifikasi").click()
    page.get_by_text("Kode salah, sudah kedaluwarsa, atau sudah dipakai").wait_for()
    assert "/dua-faktor/verifikasi/" in page.url
