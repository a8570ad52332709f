"""The author of a post, shown the way the KIM chose in its site settings; never an e-mail address."""

import pytest
from bs4 import BeautifulSoup

from django.db import connection
from django.test.utils import CaptureQueriesContext

from kim_sites.models import AuthorDisplay, KimSiteSettings
from tests.factories.accounts import make_kim_admin
from tests.factories.pages import make_post
from tests.factories.registry import make_kim
from tests.support.http import get

pytestmark = pytest.mark.django_db


@pytest.fixture
def kim():
    kim = make_kim("bangka", name="KIM Sinar Baru", village="Sinar Baru", district="Sungailiat")
    KimSiteSettings.for_site(kim.site)
    return kim


@pytest.fixture
def writer(editor):
    editor.first_name, editor.last_name = "Siti", "Aminah Putri"
    editor.save()
    return editor


def choose(kim, display):
    site_settings = KimSiteSettings.for_site(kim.site)
    site_settings.author_display = display
    site_settings.save()


def author_line(client, kim, path="/berita/kabar-desa/"):
    response = get(client, kim, path)
    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    tag = page.select_one(".post-meta .post-author")
    return (tag.get_text(strip=True) if tag else None), response.content.decode()


@pytest.mark.parametrize(
    "display,expected",
    [
        (AuthorDisplay.FULL_NAME, "oleh Siti Aminah Putri"),
        (AuthorDisplay.FIRST_NAME, "oleh Siti"),
        (AuthorDisplay.TEAM, "oleh Tim KIM Sinar Baru"),
        (AuthorDisplay.HIDDEN, None),
    ],
)
def test_the_kim_chooses_how_the_author_is_named(client, kim, writer, display, expected):
    make_post(kim, "Kabar desa", owner=writer)
    choose(kim, display)
    line, html = author_line(client, kim)
    assert line == expected
    assert writer.email not in html and writer.username not in html


def test_full_name_is_the_default(client, kim, writer):
    make_post(kim, "Kabar desa", owner=writer)
    assert author_line(client, kim)[0] == "oleh Siti Aminah Putri"


def test_an_account_without_a_name_is_credited_to_the_kim(client, kim, editor):
    editor.first_name = editor.last_name = ""
    editor.save()
    make_post(kim, "Kabar desa", owner=editor)
    line, html = author_line(client, kim)
    assert line == "oleh KIM Sinar Baru"
    assert editor.email not in html
    choose(kim, AuthorDisplay.FIRST_NAME)
    assert author_line(client, kim)[0] == "oleh KIM Sinar Baru"


def test_a_post_without_owner_is_credited_to_the_kim(client, kim):
    make_post(kim, "Kabar desa")
    assert author_line(client, kim)[0] == "oleh KIM Sinar Baru"


def test_the_author_costs_one_query_on_a_post(client, kim, writer, settings, django_assert_max_num_queries):
    settings.KIM_PAGE_CACHE_ENABLED = False
    make_post(kim, "Kabar desa", owner=writer)
    make_post(kim, "Tanpa penulis")
    get(client, kim, "/berita/kabar-desa/")  # warms the chrome and renditions
    with CaptureQueriesContext(connection) as without_owner:
        get(client, kim, "/berita/tanpa-penulis/")
    with django_assert_max_num_queries(len(without_owner) + 1):
        get(client, kim, "/berita/kabar-desa/")


def test_the_kim_admin_sets_author_display_and_share_image_in_site_settings(client, kim):
    admin = make_kim_admin(kim)
    client.force_login(admin)
    url = f"/admin/settings/kim_sites/kimsitesettings/{kim.site_id}/"
    response = client.get(url)
    assert response.status_code == 200
    form = BeautifulSoup(response.content, "html.parser")
    assert form.find("select", attrs={"name": "author_display"}) is not None
    assert form.find(attrs={"name": "share_image"}) is not None
    options = [option.get_text(strip=True) for option in form.select("select[name=author_display] option")]
    assert options == ["Nama lengkap", "Nama depan", "Nama tim (Tim KIM …)", "Tidak ditampilkan"]
