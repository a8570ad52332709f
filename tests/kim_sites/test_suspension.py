"""Suspension: the public gets a polite 503 on every URL of the KIM's host; nothing is lost,
the people who work on the KIM keep the admin, and reactivation brings the site back."""

import pytest

from django.core.management import call_command
from django.urls import reverse

from wagtail.models import Page

from kim_sites import suspension
from kim_sites.models import Kim
from kim_sites.provisioning import set_kim_status
from tests.factories import make_editor, make_kim, make_moderator
from tests.kim_sites_helpers import counts, make_provincial_admin

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
