"""The admin speaks Bahasa Indonesia: the project's catalog completes Wagtail's, for HTML and JS strings."""

import json
import re
from pathlib import Path

import polib
import pytest
from bs4 import BeautifulSoup

from django.conf import settings
from django.utils import translation

from home.admin_catalog import (
    DOMAINS,
    PLURAL_FORMS,
    all_po_files,
    catalog_dir,
    compile_po,
    entry_key,
    entry_problems,
    extract_js_messages,
    js_wrapper_exports,
    mo_differences,
    source_apps,
)
from tests.factories.accounts import DEFAULT_PASSWORD, UserFactory
from tests.factories.registry import make_kim

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    """A superuser signed in through the real login page, with the e-mail address as username."""
    user = UserFactory(email="admin-provinsi@kominfo-uji.id", is_superuser=True)
    response = client.post("/admin/login/", {"username": user.email, "password": DEFAULT_PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    return client


def assert_indonesian(html, indonesian, english):
    missing = [text for text in indonesian if text not in html]
    leftover = [text for text in english if text in html]
    assert not missing, f"Indonesian text missing: {missing}"
    assert not leftover, f"English text still shown: {leftover}"


def test_login_page_asks_for_the_email_address_in_indonesian(client):
    html = client.get("/admin/login/").content.decode()
    soup = BeautifulSoup(html, "html.parser")
    labels = {label["for"]: " ".join(label.stripped_strings) for label in soup.find_all("label", attrs={"for": True})}
    assert labels["id_username"] == "Alamat e-mail *"
    assert labels["id_password"] == "Kata sandi *"
    assert soup.find("input", {"name": "username"})["placeholder"] == "Masukkan alamat e-mail Anda"
    assert_indonesian(
        html,
        ["Lupa kata sandi?", "Ingat saya", "Masuk"],
        ["Password", "Forgotten password?", "Remember me", "Nama pengguna", "Username", "Sign in"],
    )


def test_wrong_password_is_explained_in_indonesian(client):
    user = UserFactory()
    response = client.post("/admin/login/", {"username": user.email, "password": "bukan-sandinya"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Alamat e-mail dan kata sandi Anda tidak cocok." in html
    assert "didn't match" not in html


def test_dashboard_and_menu_are_in_indonesian(admin_client):
    html = admin_client.get("/admin/").content.decode()
    assert_indonesian(
        html,
        ["Dasbor", "Cari semua halaman", '"label": "Laporan"', '"label": "Bantuan"', '"label": "Halaman"'],
        ["Search all pages", '"label": "Reports"', '"label": "Help"', '"label": "Pages"', '"label": "Images"'],
    )


def test_page_explorer_is_in_indonesian(admin_client):
    kim = make_kim()
    html = admin_client.get(f"/admin/pages/{kim.home_page_id}/").content.decode()
    assert_indonesian(
        html,
        ["Saring menurut", "Memiliki halaman turunan", "Tanggal diperbarui", "Tindakan massal", "Terbitkan"],
        ["Filter by", "Has child pages", "Date updated", "Bulk actions", 'aria-label="Actions"'],
    )


def test_page_editor_is_in_indonesian(admin_client):
    kim = make_kim()
    response = admin_client.get(f"/admin/pages/{kim.home_page_id}/edit/")
    assert response.status_code == 200
    assert_indonesian(
        response.content.decode(),
        # "Simpan draf" is ours: Wagtail's own catalog says "Simpan konsep" (draft = draf, per the glossary).
        [
            "Simpan draf",
            "Terbitkan",
            "Tindakan lain",
            "Belum ada jadwal terbit",
            "Metrik konten",
            "Untuk mesin pencari",
        ],
        [
            "Save draft",
            "Simpan konsep",
            "More actions",
            "No publishing schedule set",
            "Content metrics",
            "For search engines",
        ],
    )


def test_images_index_is_in_indonesian(admin_client):
    make_kim()
    html = admin_client.get("/admin/images/").content.decode()
    assert_indonesian(
        html,
        [
            "Urutkan menurut",
            "Terbaru",
            "Tampilan kisi",
            "Anda belum mengunggah gambar apa pun.",
            "Tambah sebuah gambar",
        ],
        ["Sort by", "Newest", "Grid layout", "You haven&#x27;t uploaded any images", "Add an image"],
    )


def test_account_page_is_in_indonesian(admin_client):
    html = admin_client.get("/admin/account/").content.decode()
    assert_indonesian(
        html,
        ["Profil", "Notifikasi", "Alamat e-mail", "Gambar profil", "Gunakan zona waktu server"],
        [">Profile<", ">Notifications<", "Name and Email", "Profile picture", "Use server time zone"],
    )


def _js_catalog(client, url):
    response = client.get(url)
    assert response.status_code == 200
    match = re.search(r"const newcatalog = (\{.*?\});\n", response.content.decode(), re.S)
    assert match, "no catalog in the JavaScript response"
    return json.loads(match.group(1))


def test_admin_javascript_catalog_is_in_indonesian(client):
    catalog = _js_catalog(client, "/admin/jsi18n/")
    assert catalog["A network error occurred."] == "Terjadi galat jaringan."
    assert catalog["Insert a block"] == "Sisipkan blok"
    assert catalog["Unpublish"] == "Batalkan terbit"  # Wagtail's own: "Batal Publikasi"
    # Plural entries keep their single Indonesian form.
    assert catalog["%(num)s error"] == ["%(num)s galat"]


def test_wagtail_localize_javascript_catalog_is_in_indonesian(admin_client):
    catalog = _js_catalog(admin_client, "/admin/localize/jsi18n/")
    assert catalog["Upload PO file"] == "Unggah berkas PO"
    assert catalog["Not translated"] == "Belum diterjemahkan"


def test_project_catalog_wins_over_wagtails_own():
    with translation.override("id"):
        # Wagtail's id_ID says "Publikasi", "Simpan konsep", "Kata Kunci" for these.
        assert translation.gettext("Publish") == "Terbitkan"
        assert translation.gettext("Save draft") == "Simpan draf"
        assert translation.gettext("Password") == "Kata sandi"
        # Missing from Wagtail's id_ID altogether.
        assert translation.gettext("Reports") == "Laporan"
        assert translation.ngettext("1 page", "%(counter)s pages", 3) == "%(counter)s halaman"


# --- the catalog files ------------------------------------------------------------------------------------------


def _shipped(domain):
    return polib.pofile(str(catalog_dir() / f"{domain}.po"))


@pytest.mark.parametrize("domain", DOMAINS)
def test_every_shipped_entry_is_translated_and_keeps_its_placeholders(domain):
    catalog = _shipped(domain)
    assert catalog.metadata["Plural-Forms"] == PLURAL_FORMS
    assert len(catalog) > 100
    problems = {entry.msgid: entry_problems(entry) for entry in catalog if entry_problems(entry)}
    assert not problems
    assert not catalog.fuzzy_entries()


@pytest.mark.parametrize("domain", DOMAINS)
def test_catalog_covers_every_message_the_installed_apps_ship(domain):
    """After an upgrade of Wagtail & co. this fails until `manage.py update_admin_translations` is run."""
    ours = {entry_key(entry) for entry in _shipped(domain) if entry.translated()}
    missing = set()
    for config in source_apps():
        packaged = Path(config.path) / "locale" / "en" / "LC_MESSAGES" / f"{domain}.po"
        if packaged.exists():
            missing |= {entry_key(e) for e in polib.pofile(str(packaged)) if e.msgid and not e.obsolete} - ours
    assert not missing


def test_every_compiled_catalog_matches_its_source():
    """The .mo files are committed (no gettext on a fresh machine): `manage.py compile_translations` after edits."""
    po_files = all_po_files()
    assert catalog_dir() / "django.po" in po_files
    assert {str(po): mo_differences(po) for po in po_files} == {str(po): [] for po in po_files}


def test_sync_check_notices_an_edited_po(tmp_path):
    po_path = tmp_path / "django.po"
    po = polib.POFile()
    po.metadata = {"Content-Type": "text/plain; charset=UTF-8", "Plural-Forms": PLURAL_FORMS}
    po.append(polib.POEntry(msgid="Publish", msgstr="Terbitkan"))
    po.save(str(po_path))
    compile_po(po_path)
    assert mo_differences(po_path) == []
    po[0].msgstr = "Publikasi"
    po.save(str(po_path))
    assert mo_differences(po_path) == ["(None, 'Publish', None)"]


@pytest.mark.parametrize(
    ("entry", "problem"),
    [
        (polib.POEntry(msgid="Delete %(title)s", msgstr="Hapus"), "missing placeholder %(title)s"),
        (polib.POEntry(msgid="Edit %s", msgstr="Ubah %s %s"), "positional placeholder %s: 1 expected, 2 found"),
        (
            polib.POEntry(msgid="Translated on {date}", msgstr="Diterjemahkan {tanggal}"),
            "unknown placeholder {tanggal}",
        ),
        (polib.POEntry(msgid="<b>Locked</b>", msgstr="Dikunci"), "HTML tags differ"),
        (polib.POEntry(msgid="Save", msgstr=""), "empty translation"),
        (
            polib.POEntry(msgid="1 page", msgid_plural="%(counter)s pages", msgstr_plural={0: "1 halaman"}),
            "missing placeholder %(counter)s",
        ),
        (
            polib.POEntry(msgid="%(n)s page", msgid_plural="%(n)s pages", msgstr_plural={0: "%(n)s", 1: "%(n)s"}),
            "plural entry must have exactly msgstr[0] (nplurals=1)",
        ),
    ],
)
def test_validation_rejects_broken_translations(entry, problem):
    assert problem in entry_problems(entry)


def test_js_extraction_reads_the_minified_wagtail_bundles():
    vendor = (
        "function r(e){const t=window.django?.gettext;return t?t(e):e}function i(e,t,n){const r=window.django?."
        "ngettext;return r?r(e,t,n):1===n?e:t}n.d(t,{AP:()=>r,WI:()=>i})"
    )
    exports = js_wrapper_exports(vendor)
    assert exports == {"gettext": {"AP"}, "ngettext": {"WI"}}
    bundle = '(0,j.AP)("Saving...");(0,o.WI)("%(num)s error","%(num)s errors",n);(0,x.ZZ)("not a message")'
    assert extract_js_messages(bundle, exports) == {("Saving...", None), ("%(num)s error", "%(num)s errors")}


def test_admin_catalog_lives_in_the_first_locale_path():
    assert catalog_dir() == Path(settings.LOCALE_PATHS[0]) / "id" / "LC_MESSAGES"
    assert (catalog_dir() / "djangojs.mo").exists()
