"""Suspension: the public gets a polite 503 on every URL of the KIM's host; nothing is lost,
the people who work on the KIM keep the admin, and reactivation brings the site back."""

import idna
import pytest

from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.urls import NoReverseMatch, reverse

from wagtail.documents import get_document_model
from wagtail.models import Page

from kim_sites.models import Kim, KimSiteSettings
from kim_sites.registry import suspension
from kim_sites.registry.provisioning import set_kim_status
from tests.factories.accounts import make_editor, make_moderator, make_provincial_admin
from tests.factories.registry import make_kim
from tests.support.records import counts
from tests.support.templates import templates_with_fallback

pytestmark = pytest.mark.django_db

PUBLIC_PATHS = ["/", "/berita/", "/profil/", "/search/?query=kim", "/en/", "/en/berita/", "/sitemap.xml", "/feed/"]


@pytest.fixture
def kims():
    return make_kim("bangka", name="KIM Ditutup"), make_kim("bangka", name="KIM Tetap Buka")


def _get(client, kim, path):
    return client.get(path, HTTP_HOST=kim.site.hostname)


@pytest.mark.parametrize("path", PUBLIC_PATHS)
def test_every_public_url_of_a_suspended_host_gets_the_notice(client, kims, path):
    closed, _ = kims
    set_kim_status(closed, Kim.Status.SUSPENDED)
    response = _get(client, closed, path)
    assert response.status_code == 503
    assert response["Retry-After"] == str(suspension.RETRY_AFTER_SECONDS)
    assert "no-store" in response["Cache-Control"]
    html = response.content.decode()
    assert "KIM Ditutup sedang tidak tersedia" in html
    assert "Kabupaten Bangka" in html
    # Standalone: nothing fetched from anywhere.
    assert "<link" not in html and "<script" not in html and "src=" not in html


# Public page templates live elsewhere; a missing page shows that the request reached Wagtail's
# own routing (404) instead of the notice.
MISSING = "/halaman-yang-tidak-ada/"


def test_other_hosts_are_untouched(client, kims):
    closed, open_kim = kims
    set_kim_status(closed, Kim.Status.SUSPENDED)
    assert _get(client, closed, MISSING).status_code == 503
    response = _get(client, open_kim, MISSING)
    assert response.status_code == 404
    assert "sedang tidak tersedia" not in response.content.decode()


def test_an_active_site_is_not_given_the_notice(client, kims):
    closed, _ = kims
    assert _get(client, closed, MISSING).status_code == 404


def test_reactivation_brings_the_site_back(client, kims):
    closed, _ = kims
    set_kim_status(closed, Kim.Status.SUSPENDED)
    assert _get(client, closed, MISSING).status_code == 503
    set_kim_status(closed, Kim.Status.ACTIVE)
    assert _get(client, closed, MISSING).status_code == 404


def test_suspension_keeps_every_page_file_and_user(kims):
    closed, _ = kims
    before = counts()
    pages = set(Page.objects.descendant_of(closed.home_page, inclusive=True).values_list("id", "live"))
    set_kim_status(closed, Kim.Status.SUSPENDED)
    set_kim_status(closed, Kim.Status.ACTIVE)
    assert counts() == before
    assert set(Page.objects.descendant_of(closed.home_page, inclusive=True).values_list("id", "live")) == pages


@pytest.mark.parametrize("role", ["editor", "moderator", "admin"])
def test_the_people_of_a_suspended_kim_still_use_the_admin(client, kims, role):
    closed, _ = kims
    user = {
        "editor": lambda: make_editor(closed),
        "moderator": lambda: make_moderator("bangka"),
        "admin": make_provincial_admin,
    }[role]()
    set_kim_status(closed, Kim.Status.SUSPENDED)
    client.force_login(user)
    # On the KIM's own host too: the admin is exempt wherever it is reached.
    for host in ("admin.kim.test", closed.site.hostname):
        response = client.get(reverse("wagtailadmin_pages:edit", args=[closed.home_page.pk]), HTTP_HOST=host)
        assert response.status_code == 200, (host, response.status_code)


def test_activation_links_work_on_a_suspended_host(client, kims):
    closed, _ = kims
    set_kim_status(closed, Kim.Status.SUSPENDED)
    response = client.get("/aktivasi/MQ/salah-token/", HTTP_HOST=closed.site.hostname)
    assert response.status_code == 200


def test_a_change_of_hostname_moves_the_suspension_with_it(client, kims):
    closed, _ = kims
    set_kim_status(closed, Kim.Status.SUSPENDED)
    assert _get(client, closed, "/").status_code == 503
    site = closed.site
    old_host = site.hostname
    site.hostname = "kim-ditutup.desa.id"
    site.save()
    assert client.get(MISSING, HTTP_HOST="kim-ditutup.desa.id").status_code == 503
    assert client.get(MISSING, HTTP_HOST=old_host).status_code == 404


def test_suspended_site_ids_lists_exactly_the_suspended_sites(kims):
    closed, open_kim = kims
    assert suspension.suspended_site_ids() == set()
    set_kim_status(closed, Kim.Status.SUSPENDED)
    assert suspension.suspended_site_ids() == {closed.site_id}


def test_an_open_platform_costs_one_cache_read_per_request(client, kims, django_assert_num_queries):
    _, open_kim = kims
    suspension.suspended_sites()  # warm the cache
    request = type("R", (), {"get_host": lambda self: open_kim.site.hostname})()
    with django_assert_num_queries(0):
        assert suspension.suspension_for_request(request) is None


def test_commands_suspend_and_reactivate(client, kims, capsys):
    closed, _ = kims
    call_command("suspend_kim", closed.slug)
    assert "KIM ditangguhkan: KIM Ditutup" in capsys.readouterr().out
    assert _get(client, closed, "/").status_code == 503
    call_command("reactivate_kim", closed.slug)
    assert "KIM diaktifkan kembali: KIM Ditutup" in capsys.readouterr().out
    assert _get(client, closed, MISSING).status_code == 404


# --- Every spelling of the host, before any cached page, and the KIM's documents ---------------


@pytest.mark.parametrize(
    "spelling",
    [
        lambda host: host.upper(),
        lambda host: host + ".",
        lambda host: host.upper() + ".:80",
        lambda host: host + ":8080",
    ],
    ids=["upper-case", "trailing-dot", "upper-dot-port", "other-port"],
)
@pytest.mark.parametrize("path", ["/", "/berita/", "/feed/", "/sitemap.xml"])
def test_every_spelling_of_a_suspended_host_gets_the_notice(client, kims, spelling, path):
    closed, _ = kims
    set_kim_status(closed, Kim.Status.SUSPENDED)
    response = client.get(path, HTTP_HOST=spelling(closed.site.hostname))
    assert response.status_code == 503
    assert "KIM Ditutup sedang tidak tersedia" in response.content.decode()


@pytest.mark.parametrize("stored, asked", [("unicode", "punycode"), ("punycode", "punycode-upper")])
def test_an_idna_spelling_of_a_suspended_host_gets_the_notice(client, kims, stored, asked):
    closed, _ = kims
    unicode_name = "kim-dítutup.kim.test"
    punycode = idna.encode(unicode_name).decode()
    site = closed.site
    site.hostname = unicode_name if stored == "unicode" else punycode
    site.save()
    set_kim_status(closed, Kim.Status.SUSPENDED)
    host = punycode if asked == "punycode" else punycode.upper()
    assert client.get(MISSING, HTTP_HOST=host).status_code == 503


def test_the_suspension_is_checked_before_any_cached_page(client, kims, settings):
    """Even a stored copy that no purge reached (a status changed without signals, seen once the
    suspension set's bounded life ends) is never served."""
    settings.TEMPLATES = templates_with_fallback(settings.TEMPLATES)
    closed, _ = kims
    KimSiteSettings.for_site(closed.site)
    _get(client, closed, "/")
    assert _get(client, closed, "/")["X-Kim-Cache"] == "hit"
    Kim.objects.filter(pk=closed.pk).update(status=Kim.Status.SUSPENDED)
    cache.delete(suspension.CACHE_KEY)
    assert _get(client, closed, "/").status_code == 503


@pytest.fixture
def documents(kims):
    closed, open_kim = kims
    inner = closed.collection.add_child(name="Arsip KIM Ditutup")
    return {
        "own": _document(closed.collection, "laporan-ditutup.txt"),
        "nested": _document(inner, "arsip-ditutup.txt"),
        "other": _document(open_kim.collection, "laporan-buka.txt"),
    }


def _document(collection, filename):
    return get_document_model().objects.create(
        title=filename, file=ContentFile(b"isi dokumen", name=filename), collection=collection
    )


def _download(client, document, host):
    return client.get(reverse("wagtaildocs_serve", args=[document.pk, document.filename]), HTTP_HOST=host)


HOSTS = ["portal.kim.test", "admin.kim.test"]


def test_a_suspended_kims_documents_are_refused_on_every_host(client, kims, documents):
    closed, open_kim = kims
    hosts = [*HOSTS, open_kim.site.hostname, closed.site.hostname]
    for host in hosts:
        assert _download(client, documents["own"], host).status_code == 200, host
    set_kim_status(closed, Kim.Status.SUSPENDED)
    for host in hosts:
        for name in ("own", "nested"):
            response = _download(client, documents[name], host)
            assert response.status_code == 503, (host, name)
            assert "KIM Ditutup sedang tidak tersedia" in response.content.decode()
        if host != closed.site.hostname:
            assert _download(client, documents["other"], host).status_code == 200, host
    set_kim_status(closed, Kim.Status.ACTIVE)
    assert _download(client, documents["own"], HOSTS[0]).status_code == 200


def test_the_admin_keeps_a_suspended_kims_documents(client, kims, documents):
    closed, _ = kims
    set_kim_status(closed, Kim.Status.SUSPENDED)
    client.force_login(make_editor(closed))
    assert _download(client, documents["own"], "admin.kim.test").status_code == 200


# --- Whom to contact -----------------------------------------------------------------------------


def test_notice_gives_the_regency_diskominfos_contact_set_in_the_admin(client, kims):
    closed, _ = kims
    set_kim_status(closed, Kim.Status.SUSPENDED)
    admin = make_provincial_admin()
    regency = closed.regency
    client.force_login(admin)
    edit_url = reverse("regency:edit", args=[regency.pk])
    response = client.post(
        edit_url,
        {
            "contact_email": "diskominfo@bangka.go.id",
            "contact_phone": "(0717) 92-0000",
            "contact_address": "Jl. Ahmad Yani, Sungailiat",
        },
    )
    assert response.status_code == 302
    client.logout()

    html = _get(client, closed, "/").content.decode()
    assert "Dinas Komunikasi dan Informatika Kabupaten Bangka, pembina KIM ini" in html
    assert '<a href="mailto:diskominfo@bangka.go.id">diskominfo@bangka.go.id</a>' in html
    assert '<a href="tel:(0717)920000">(0717) 92-0000</a>' in html
    assert "Jl. Ahmad Yani, Sungailiat" in html
    assert "Provinsi" not in html.split("<address>")[1].split("</address>")[0]


def test_without_a_regency_contact_the_notice_gives_the_provinces(client, kims, settings):
    settings.KIM_PROVINCE_CONTACT_EMAIL = "diskominfo@babelprov.go.id"
    settings.KIM_PROVINCE_CONTACT_PHONE = "(0717) 439000"
    closed, _ = kims
    set_kim_status(closed, Kim.Status.SUSPENDED)
    html = _get(client, closed, "/berita/").content.decode()
    assert "Dinas Komunikasi dan Informatika Provinsi Kepulauan Bangka Belitung" in html
    assert "yang mengoordinasikan Diskominfo Kabupaten Bangka" in html
    assert '<a href="mailto:diskominfo@babelprov.go.id">' in html and "(0717) 439000" in html


def test_regency_contacts_are_edited_by_provincial_admins_only(client, kims):
    closed, _ = kims
    regency = closed.regency
    admin, moderator, editor = make_provincial_admin(), make_moderator("bangka"), make_editor(closed)
    client.force_login(admin)
    listing = client.get(reverse("regency:index"))
    assert listing.status_code == 200 and "Kabupaten Bangka" in listing.content.decode()
    assert client.get(reverse("regency:edit", args=[regency.pk])).status_code == 200
    # Bad input gets an Indonesian message and changes nothing.
    response = client.post(reverse("regency:edit", args=[regency.pk]), {"contact_email": "bukan-email"})
    assert response.status_code == 200 and "Masukkan alamat email yang valid." in response.content.decode()
    regency.refresh_from_db()
    assert regency.contact_email == ""
    # Regencies are not added or deleted here: the provisioning service makes them whole.
    for name in ("regency:add", "regency:delete"):
        with pytest.raises(NoReverseMatch):
            reverse(name, args=[regency.pk] if name.endswith("delete") else [])

    for user in (moderator, editor):
        client.force_login(user)
        for url in (reverse("regency:index"), reverse("regency:edit", args=[regency.pk])):
            assert client.get(url).status_code == 302
        client.post(reverse("regency:edit", args=[regency.pk]), {"contact_email": "x@example.com"})
        regency.refresh_from_db()
        assert regency.contact_email == ""
