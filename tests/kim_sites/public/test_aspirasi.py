"""The aspirasi form: accessible, protected from spam, and its submissions seen only by the right people."""

import re
import socket

import pytest
from aiosmtpd.controller import Controller

from django.core import mail
from django.utils import timezone

from wagtail.contrib.forms.models import FormSubmission

from tests.factories.accounts import DEFAULT_PASSWORD, make_editor, make_moderator
from tests.factories.pages import section
from tests.factories.registry import make_kim
from tests.support.services import needs_loopback

pytestmark = pytest.mark.django_db

VALID = {
    "nama": "Siti Rahma",
    "e_mail_atau_nomor_whatsapp": "0812-0000-1111",
    "jenis": "Pertanyaan",
    "pesan": "Kapan jadwal posyandu bulan depan?",
}


@pytest.fixture
def kim():
    return make_kim(name="KIM Sinar Harapan", admin_email="sekretariat@sinarharapan.id")


PHONE = "Mozilla/5.0 (Linux; Android 13; SM-A145F) AppleWebKit/537.36 Chrome/120 Mobile Safari/537.36"


def post(client, kim, data=None, ip="203.0.113.10", browser=PHONE, **extra):
    extra.setdefault("HTTP_ACCEPT_LANGUAGE", "id-ID,id;q=0.9")
    return client.post(
        "/aspirasi/", data or VALID, HTTP_HOST=kim.site.hostname, REMOTE_ADDR=ip, HTTP_USER_AGENT=browser, **extra
    )


def reference_in(body):
    return re.search(r'<p class="aspirasi-reference"><strong>(ASP-\d{8}-\d{6})</strong></p>', body).group(1)


def stored(kim):
    return FormSubmission.objects.filter(page=section(kim, "aspirasi"))


# --- The form ---------------------------------------------------------------------------------


def test_form_has_labels_required_marks_and_a_hidden_honeypot(client, kim):
    body = client.get("/aspirasi/", HTTP_HOST=kim.site.hostname).content.decode()
    for field_id, label in (("id_nama", "Nama"), ("id_pesan", "Pesan"), ("id_jenis", "Jenis")):
        assert f'<label for="{field_id}">{label} <span class="form-required" aria-hidden="true">*</span>' in body
    assert '<label for="id_e_mail_atau_nomor_whatsapp">E-mail atau nomor WhatsApp</label>' in body
    assert 'aria-describedby="id_e_mail_atau_nomor_whatsapp_helptext"' in body
    assert '<input type="text" name="nama" maxlength="255" required id="id_nama">' in body
    # The honeypot: out of sight, out of the accessibility tree and out of the tab order.
    assert '<div class="aspirasi-hp" aria-hidden="true">' in body
    assert 'name="website_hp" tabindex="-1" autocomplete="off"' in body


def test_valid_aspirasi_is_stored_and_the_kim_is_told_in_indonesian(client, kim):
    response = post(client, kim)
    assert response.status_code == 200
    assert "Terima kasih" in response.content.decode()

    [submission] = stored(kim)
    assert submission.form_data == VALID  # the honeypot is never stored
    reference = reference_in(response.content.decode())
    assert reference == f"ASP-{timezone.localtime(submission.submit_time):%Y%m%d}-{submission.pk:06d}"

    [message] = mail.outbox
    assert message.to == ["sekretariat@sinarharapan.id"]
    assert message.subject == "Aspirasi baru untuk KIM Sinar Harapan"
    assert "Aspirasi baru masuk melalui formulir “Aspirasi”" in message.body
    assert f"Nomor referensi: {reference}" in message.body
    assert "Nama: Siti Rahma" in message.body
    assert "Pesan: Kapan jadwal posyandu bulan depan?" in message.body
    assert f"https://admin.kim.test/admin/forms/submissions/{submission.page_id}/" in message.body
    assert "WIB" in message.body and "data pribadi" in message.body


def test_no_mail_without_a_to_address(client, kim):
    page = section(kim, "aspirasi")
    page.to_address = ""
    page.save_revision().publish()

    post(client, kim)
    assert stored(kim).count() == 1
    assert mail.outbox == []


def test_missing_fields_get_indonesian_errors_next_to_them_and_a_summary_and_nothing_is_stored(client, kim):
    response = post(client, kim, {**VALID, "nama": "", "pesan": ""})
    body = response.content.decode()
    assert response.status_code == 200
    # The summary at the top, focused on load, links each message to its field.
    assert '<section class="form-alert form-alert-error" role="alert" tabindex="-1" id="form-errors" autofocus' in body
    assert '<li><a href="#id_nama">Nama: Kolom ini wajib diisi.</a></li>' in body
    assert '<li><a href="#id_pesan">Pesan: Kolom ini wajib diisi.</a></li>' in body
    # Next to each field, and tied to it for screen readers.
    assert '<ul class="errorlist" id="id_nama_error"><li>Kolom ini wajib diisi.</li></ul>' in body
    assert re.search(
        r'<input type="text" name="nama"[^>]*aria-invalid="true"[^>]*aria-describedby="id_nama_error"', body
    )
    assert body.count("Kolom ini wajib diisi.") == 4  # two in the summary, two next to the fields
    # What was typed in the other fields is kept.
    assert 'value="0812-0000-1111"' in body
    assert not stored(kim).exists()
    assert mail.outbox == []


def test_overlong_name_gets_the_indonesian_length_message(client, kim):
    body = post(client, kim, {**VALID, "nama": "x" * 256}).content.decode()
    assert "Pastikan nilai ini mengandung paling banyak 255 karakter (sekarang 256 karakter)." in body
    assert not stored(kim).exists()


def test_filled_honeypot_is_rejected_with_a_generic_error_and_nothing_is_stored(client, kim):
    response = post(client, kim, {**VALID, "website_hp": "http://spam.example"})
    body = response.content.decode()
    assert "Formulir tidak dapat dikirim. Muat ulang halaman ini lalu coba lagi." in body
    assert "Terima kasih" not in body
    assert not stored(kim).exists()
    assert mail.outbox == []


def test_overlong_message_is_refused(client, kim):
    post(client, kim, {**VALID, "pesan": "x" * 5001})
    assert not stored(kim).exists()


# --- Rate limit -------------------------------------------------------------------------------


def test_sixth_submission_from_one_browser_gets_a_friendly_429_and_is_not_stored(client, kim):
    for _ in range(5):
        assert post(client, kim).status_code == 200
    assert stored(kim).count() == 5

    response = post(client, kim, {**VALID, "pesan": "Pesan keenam"})
    body = response.content.decode()
    assert response.status_code == 429
    assert 590 <= int(response["Retry-After"]) <= 600  # what is left of the window that started with the first
    assert response["Cache-Control"] == "private, no-store"
    # In the site's layout, saying what happened and when to send again.
    assert '<header class="site-header">' in body and '<div class="wrap aspirasi">' in body
    assert "Aspirasi Anda belum terkirim" in body
    assert "Silakan kirim lagi dalam 10 menit, setelah pukul" in body and " WIB." in body
    # What the visitor typed is kept in the form.
    assert "Pesan keenam" in body and 'value="Siti Rahma"' in body
    assert stored(kim).count() == 5
    assert len(mail.outbox) == 5


def test_invalid_and_spam_posts_do_not_count(client, kim, settings):
    settings.KIM_ASPIRASI_RATE_LIMIT = 2
    for _ in range(3):
        post(client, kim, {**VALID, "website_hp": "spam"})
    for _ in range(3):
        assert "Kolom ini wajib diisi." in post(client, kim, {**VALID, "nama": ""}).content.decode()
    assert post(client, kim).status_code == 200
    assert post(client, kim).status_code == 200
    assert post(client, kim).status_code == 429
    assert stored(kim).count() == 2


def test_a_village_meeting_behind_one_address_can_all_send(client, kim, settings):
    settings.KIM_ASPIRASI_RATE_LIMIT = 1
    laptop = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) Firefox/121.0"
    assert post(client, kim, browser=PHONE).status_code == 200
    assert post(client, kim, browser=laptop).status_code == 200
    # The same phone model set to English is another browser too.
    assert post(client, kim, browser=PHONE, HTTP_ACCEPT_LANGUAGE="en-US").status_code == 200
    # Each browser has used its allowance.
    assert post(client, kim, browser=PHONE).status_code == 429
    assert post(client, kim, browser=laptop).status_code == 429
    assert stored(kim).count() == 3


def test_changing_the_browser_does_not_lift_the_address_ceiling(client, kim, settings):
    settings.KIM_ASPIRASI_RATE_LIMIT = 1
    settings.KIM_ASPIRASI_ADDRESS_RATE_LIMIT = 3
    statuses = [post(client, kim, browser=f"Bot/{n}").status_code for n in range(5)]
    assert statuses == [200, 200, 200, 429, 429]
    assert stored(kim).count() == 3
    # Another address is not affected.
    assert post(client, kim, ip="203.0.113.99", browser="Bot/9").status_code == 200


def test_limit_is_per_client_address_and_per_form(client, kim, settings):
    settings.KIM_ASPIRASI_RATE_LIMIT = 1
    other_kim = make_kim(name="KIM Tetangga")
    assert post(client, kim, ip="203.0.113.10").status_code == 200
    assert post(client, kim, ip="203.0.113.10").status_code == 429
    assert post(client, kim, ip="203.0.113.11").status_code == 200
    assert post(client, other_kim, ip="203.0.113.10").status_code == 200
    # An IPv6 subscriber is one /64, whatever address it picks inside it.
    assert post(client, kim, ip="2001:db8:1:2::1").status_code == 200
    assert post(client, kim, ip="2001:db8:1:2::ffff").status_code == 429
    assert post(client, kim, ip="2001:db8:1:3::1").status_code == 200


def test_forwarded_for_is_ignored_without_trusted_proxies(client, kim, settings):
    settings.KIM_ASPIRASI_RATE_LIMIT = 1
    post(client, kim, HTTP_X_FORWARDED_FOR="198.51.100.1")
    assert post(client, kim, HTTP_X_FORWARDED_FOR="198.51.100.2").status_code == 429


def test_behind_a_trusted_proxy_the_client_is_the_address_it_forwarded(client, kim, settings):
    settings.KIM_ASPIRASI_RATE_LIMIT = 1
    settings.KIM_TRUSTED_PROXY_COUNT = 1
    proxy = "10.0.0.5"
    assert post(client, kim, ip=proxy, HTTP_X_FORWARDED_FOR="198.51.100.1").status_code == 200
    assert post(client, kim, ip=proxy, HTTP_X_FORWARDED_FOR="198.51.100.2").status_code == 200
    # A client cannot escape by writing its own entries to the left of what the proxy appended.
    assert post(client, kim, ip=proxy, HTTP_X_FORWARDED_FOR="1.1.1.1, 198.51.100.1").status_code == 429


# --- Mail delivery over SMTP ------------------------------------------------------------------


class _Inbox:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(envelope)
        return "250 OK"


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@needs_loopback
def test_notification_is_delivered_over_smtp(client, kim, settings):
    inbox = _Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=_free_port())
    controller.start()
    try:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", controller.port
        post(client, kim)
    finally:
        controller.stop()
    [envelope] = inbox.messages
    assert envelope.rcpt_tos == ["sekretariat@sinarharapan.id"]
    assert "Siti Rahma" in envelope.content.decode("utf-8")


def test_unreachable_mail_server_loses_no_aspirasi(client, kim, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", _free_port(), 2
    response = post(client, kim)
    assert response.status_code == 200 and "Terima kasih" in response.content.decode()
    assert stored(kim).count() == 1


# --- Who may read the submissions ---------------------------------------------------------------


@pytest.fixture
def people(kim):
    sibling = make_kim(name="KIM Saudara")  # same regency (bangka)
    return {
        "own_editor": make_editor(kim),
        "sibling_editor": make_editor(sibling),
        "own_moderator": make_moderator("bangka"),
        "other_moderator": make_moderator("belitung"),
    }


def login(client, user):
    assert client.login(username=user.email, password=DEFAULT_PASSWORD)


@pytest.mark.parametrize(
    ("who", "allowed"),
    [("own_editor", True), ("own_moderator", True), ("sibling_editor", False), ("other_moderator", False)],
)
def test_submissions_are_visible_to_own_editors_and_own_moderators_only(client, kim, people, who, allowed):
    reference = reference_in(post(client, kim).content.decode())
    page = section(kim, "aspirasi")
    [submission] = stored(kim)
    login(client, people[who])

    listing = client.get("/admin/forms/")
    assert listing.status_code == 200
    assert (f"/admin/forms/submissions/{page.pk}/" in listing.content.decode()) is allowed

    submissions = client.get(f"/admin/forms/submissions/{page.pk}/")
    export = client.get(f"/admin/forms/submissions/{page.pk}/", {"export": "csv"})
    delete = client.post(
        f"/admin/forms/submissions/{page.pk}/delete/?selected-submissions={submission.pk}", follow=False
    )
    if allowed:
        assert submissions.status_code == 200 and "Siti Rahma" in submissions.content.decode()
        assert "Nomor referensi" in submissions.content.decode() and reference in submissions.content.decode()
        exported = export.getvalue().decode()
        assert export.status_code == 200 and "Siti Rahma" in exported
        assert exported.splitlines()[0].startswith("Tanggal pengiriman,Nomor referensi,Nama,")
        assert f",{reference},Siti Rahma," in exported
        assert not stored(kim).exists()
    else:
        for response in (submissions, export, delete):
            # Wagtail's admin answers a permission denial by sending the user back to the dashboard.
            assert (response.status_code, response["Location"]) == (302, "/admin/")
        assert stored(kim).count() == 1


def test_editor_sees_the_reference_of_submissions_stored_before_references(client, kim, people):
    page = section(kim, "aspirasi")
    older = FormSubmission.objects.create(page=page, form_data={**VALID, "nama": "Warga Lama"})
    FormSubmission.objects.filter(pk=older.pk).update(
        submit_time=timezone.make_aware(timezone.datetime(2026, 1, 5, 23, 30))
    )
    login(client, people["own_editor"])
    body = client.get(f"/admin/forms/submissions/{page.pk}/").content.decode()
    assert "Warga Lama" in body and f"ASP-20260105-{older.pk:06d}" in body


def test_thank_you_page_is_never_cached_and_the_reference_stays_with_its_sender(client, kim):
    response = post(client, kim)
    reference = reference_in(response.content.decode())
    assert response["Cache-Control"] == "private, no-store"
    for _ in range(2):  # the second GET would be a page-cache hit
        later = client.get("/aspirasi/", HTTP_HOST=kim.site.hostname).content.decode()
        assert reference not in later and "Terima kasih" not in later


def test_anonymous_visitors_are_sent_to_the_login(client, kim):
    post(client, kim)
    page = section(kim, "aspirasi")
    for url in (f"/admin/forms/submissions/{page.pk}/", f"/admin/forms/submissions/{page.pk}/?export=csv"):
        response = client.get(url)
        assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_migration_names_fields_left_without_a_key(kim):
    import importlib

    from django.apps import apps

    from kim_sites.models import AspirasiFormField

    migration = importlib.import_module("kim_sites.migrations.0004_aspirasi_field_clean_names")
    fields = AspirasiFormField.objects.filter(page=section(kim, "aspirasi"))
    assert sorted(fields.values_list("clean_name", flat=True)) == sorted(VALID)
    fields.update(clean_name="")

    migration.name_fields(apps, None)
    assert sorted(fields.values_list("clean_name", flat=True)) == sorted(VALID)
