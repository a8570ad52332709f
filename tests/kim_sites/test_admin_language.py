"""No English on the admin screens an editor or a moderator uses, and the admin carries the platform's name.

Each role signs in through the real login page and opens the screens it works with. The visible text of
each answer (text nodes, the sidebar's menu labels, and the attributes a person reads or hears: aria-label,
title, placeholder, alt, the value of a button) must hold none of the English words of LEAKS, which lists
what was once found there. URLs, class names and other data attributes are not read.
"""

import hashlib
import inspect
import io
import json
from datetime import timedelta
from pathlib import Path

import openpyxl
import pytest

from django.conf import settings as django_settings
from django.core.files.base import ContentFile
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from wagtail.admin.views.mixins import SpreadsheetExportMixin
from wagtail.contrib.forms.models import FormSubmission
from wagtail.documents import get_document_model
from wagtail.models import Page

from kim_sites import spreadsheets
from kim_sites.admin_ui.topics import SCREENSHOTS, TOPICS
from kim_sites.models import KimSiteSettings
from tests.factories.accounts import DEFAULT_PASSWORD, make_kim_admin, make_moderator
from tests.factories.media import make_image
from tests.factories.moderation import submit
from tests.factories.pages import home_of, make_post, post_index, section
from tests.factories.registry import make_kim
from tests.support.language import leaks, visible_text

pytestmark = pytest.mark.django_db


def sign_in(client, user):
    response = client.post(reverse("wagtailadmin_login"), {"username": user.email, "password": DEFAULT_PASSWORD})
    assert response.status_code == 302, response.content.decode()[:500]
    return client


def assert_no_english(response, status=200):
    assert response.status_code == status, f"{response.status_code} {response.get('Location', '')}"
    body = response.content.decode()
    if response["Content-Type"].startswith("application/json"):
        body = json.loads(body)["html"]  # a chooser modal
    found = leaks(visible_text(body))
    assert not found, "English on the screen:\n" + "\n".join(found)


# --- The world: a KIM with a draft and a post in review, an image, a document, an aspirasi ----------


@pytest.fixture
def kim():
    return make_kim("bangka", name="KIM Bahasa Kita")


@pytest.fixture
def world(kim):
    # An Admin KIM: every screen an editor sees, and the site settings too.
    editor = make_kim_admin(kim)
    moderator = make_moderator("bangka")
    image = make_image(kim, title="Foto balai desa")
    document = get_document_model().objects.create(
        title="Notulen rapat", file=ContentFile(b"isi", name="notulen.txt"), collection=kim.collection
    )
    # Written a while ago, so that the screens say how long ago ("35 menit yang lalu").
    now = timezone.now()
    draft = make_post(kim, "Kerja bakti warga", by=editor, live=False, at=now - timedelta(minutes=35))
    review = make_post(kim, "Panen raya lada", by=editor, live=False, at=now - timedelta(hours=3))
    review = submit(review, editor, at=now - timedelta(hours=2))
    live = make_post(kim, "Posyandu bulan ini", by=editor, live=True, at=now - timedelta(days=3))
    form_page = section(kim, "aspirasi")
    FormSubmission.objects.create(page=form_page, form_data={"nama": "Warga", "pesan": "Jalan rusak"})
    return {
        "kim": kim,
        "editor": editor,
        "moderator": moderator,
        "image": image,
        "document": document,
        "draft": draft,
        "review": review,
        "live": live,
        "form_page": form_page,
    }


def _setting_url(w):
    meta = KimSiteSettings._meta
    return reverse("wagtailsettings:edit", args=(meta.app_label, meta.model_name, w["kim"].site.pk))


def _task_preview_url(w):
    task_state = w["review"].workflow_states.get().current_task_state
    return reverse("wagtailadmin_pages:workflow_preview", args=(w["review"].pk, task_state.task_id))


EDITOR_SCREENS = {
    "dashboard": lambda w: reverse("wagtailadmin_home"),
    "explorer of its KIM": lambda w: reverse("wagtailadmin_explore", args=(home_of(w["kim"]).pk,)),
    "explorer of its posts": lambda w: reverse("wagtailadmin_explore", args=(post_index(w["kim"]).pk,)),
    "new post": lambda w: reverse("wagtailadmin_pages:add", args=("kim_sites", "postpage", post_index(w["kim"]).pk)),
    "edit a draft": lambda w: reverse("wagtailadmin_pages:edit", args=(w["draft"].pk,)),
    "edit a live post": lambda w: reverse("wagtailadmin_pages:edit", args=(w["live"].pk,)),
    "post history": lambda w: reverse("wagtailadmin_pages:history", args=(w["draft"].pk,)),
    "images": lambda w: reverse("wagtailimages:index"),
    "edit an image": lambda w: reverse("wagtailimages:edit", args=(w["image"].pk,)),
    "upload images": lambda w: reverse("wagtailimages:add_multiple"),
    "documents": lambda w: reverse("wagtaildocs:index"),
    "upload documents": lambda w: reverse("wagtaildocs:add_multiple"),
    "account": lambda w: reverse("wagtailadmin_account"),
    "search": lambda w: reverse("wagtailadmin_pages:search") + "?q=panen",
    "page chooser": lambda w: reverse("wagtailadmin_choose_page"),
    "image chooser": lambda w: reverse("wagtailimages_chooser:choose"),
    "workflow report": lambda w: reverse("wagtailadmin_reports:workflow"),
    "site history": lambda w: reverse("wagtailadmin_reports:site_history"),
    "aging pages": lambda w: reverse("wagtailadmin_reports:aging_pages"),
    "my submissions": lambda w: reverse("kim_my_submissions"),
    "aspirasi forms": lambda w: reverse("wagtailforms:index"),
    "aspirasi submissions": lambda w: reverse("wagtailforms:list_submissions", args=(w["form_page"].pk,)),
    "site settings": _setting_url,
    "write a post": lambda w: reverse("kim_write"),
    "write a post in its KIM": lambda w: reverse("kim_write_for", args=(post_index(w["kim"]).pk,)),
    "a post written": lambda w: reverse("kim_write_done", args=(w["draft"].pk,)),
    "guide": lambda w: reverse("kim_guide"),
    **{
        f"guide: {topic.slug}": (lambda slug: lambda w: reverse("kim_guide_topic", args=(slug,)))(topic.slug)
        for topic in TOPICS
    },
}

MODERATOR_SCREENS = {
    "dashboard": lambda w: reverse("wagtailadmin_home"),
    "moderation queue": lambda w: reverse("kim_moderation_queue"),
    "review a post": lambda w: reverse("wagtailadmin_pages:edit", args=(w["review"].pk,)),
    "workflow history": lambda w: reverse("wagtailadmin_pages:workflow_history", args=(w["review"].pk,)),
    "explorer of the KIM": lambda w: reverse("wagtailadmin_explore", args=(home_of(w["kim"]).pk,)),
    "kinerja": lambda w: reverse("kinerja_report"),
    "kinerja of the KIM": lambda w: reverse("kinerja_kim", args=(w["kim"].pk,)),
    "KIM list": lambda w: reverse("kim:index"),
    "KIM detail": lambda w: reverse("kim:inspect", args=(w["kim"].pk,)),
    "register a KIM": lambda w: reverse("kim:add"),
    "account": lambda w: reverse("wagtailadmin_account"),
    "workflow report": lambda w: reverse("wagtailadmin_reports:workflow"),
    "site history": lambda w: reverse("wagtailadmin_reports:site_history"),
    "task preview": _task_preview_url,
    "guide": lambda w: reverse("kim_guide"),
    "guide: meninjau": lambda w: reverse("kim_guide_topic", args=("meninjau",)),
    "guide: laporan-kinerja": lambda w: reverse("kim_guide_topic", args=("laporan-kinerja",)),
}


@pytest.mark.parametrize("screen", EDITOR_SCREENS)
def test_editor_screens_have_no_english(client, world, screen):
    sign_in(client, world["editor"])
    assert_no_english(client.get(EDITOR_SCREENS[screen](world)))


def test_the_phone_form_with_its_errors_has_no_english(client, world):
    sign_in(client, world["editor"])
    url = reverse("kim_write_for", args=(post_index(world["kim"]).pk,))
    response = client.post(url, {"title": "", "category": "tidak-ada", "text": "", "action-submit": "1"})
    assert response.status_code == 200
    assert response.content.decode().count("kim-compose__error") >= 2  # the title's and the category's
    assert_no_english(response)


@pytest.mark.parametrize("screen", MODERATOR_SCREENS)
def test_moderator_screens_have_no_english(client, world, screen):
    sign_in(client, world["moderator"])
    assert_no_english(client.get(MODERATOR_SCREENS[screen](world)))


@pytest.mark.parametrize(
    "url_name", ["wagtailadmin_login", "wagtailadmin_password_reset", "wagtailadmin_password_reset_done"]
)
def test_signed_out_pages_have_no_english(client, url_name):
    assert_no_english(client.get(reverse(url_name)))


def test_the_admins_not_found_page_has_no_english_and_the_platforms_logo(client, world):
    sign_in(client, world["editor"])
    response = client.get(reverse("wagtailadmin_pages:edit", args=(999_999,)))
    assert_no_english(response, status=404)
    assert "/static/kim_sites/brand/logo.svg" in response.content.decode()
    assert 'class="icon-wagtail' not in response.content.decode()


def test_the_walk_finds_english():
    """The check itself: English in text, in a read attribute, or in the sidebar's labels is found;
    URLs, class names and data attributes are not read."""
    html = (
        "<html><head><title>Dasbor - Wagtail</title></head><body>"
        '<a href="/admin/pages/" class="Pages">Halaman</a><span data-x="Delete">Hapus</span>'
        '<button aria-label="Search">x</button><input type="submit" value="Save">'
        "<p>35 minutes ago</p><small>Formulir (kim_sites.aspirasiformpage)</small>"
        '<script id="wagtail-sidebar-props" type="application/json">{"label": "Help"}</script>'
        "</body></html>"
    )
    found = " ".join(leaks(visible_text(html)))
    for word in ("'Wagtail'", "'Search'", "'Save'", "'ago'", "'(kim_sites.'", "'Help'"):
        assert word in found
    assert "'Pages'" not in found and "'Delete'" not in found


# --- The platform's own name, logo and help ------------------------------------------------------


def test_login_page_names_the_platform_and_shows_its_logo(client, settings):
    html = client.get(reverse("wagtailadmin_login")).content.decode()
    assert f"<h1>Masuk ke {settings.WAGTAIL_SITE_NAME}</h1>" in html
    assert f"<title>Masuk - {settings.WAGTAIL_SITE_NAME}</title>" in html
    assert "/static/kim_sites/brand/logo.svg" in html
    assert 'rel="icon" href="/static/kim_sites/brand/favicon.svg"' in html
    assert "wagtailadmin/images/favicon.ico" not in html
    assert 'class="icon-wagtail' not in html


@pytest.mark.parametrize("role", ["editor", "moderator"])
def test_every_tab_title_ends_with_the_platform_name(client, world, settings, role):
    sign_in(client, world[role])
    screens = EDITOR_SCREENS if role == "editor" else MODERATOR_SCREENS
    for name, url in screens.items():
        if name == "task preview":
            continue  # the post as the public site shows it, under the KIM's own title
        response = client.get(url(world))
        if response["Content-Type"].startswith("text/html") and "<title>" in response.content.decode():
            title = response.content.decode().split("<title>", 1)[1].split("</title>", 1)[0]
            assert title.endswith(f" - {settings.WAGTAIL_SITE_NAME}"), (name, title)


def test_sidebar_shows_the_platform_logo_and_bantuan_instead_of_wagtails_help(client, world):
    sign_in(client, world["editor"])
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert '<template data-wagtail-sidebar-branding-logo><img class="kim-brand-logo"' in html
    assert "guide.wagtail.org" not in html
    props = json.loads(html.split('id="wagtail-sidebar-props" type="application/json">', 1)[1].split("</script>")[0])
    menu = next(module for module in props["modules"] if module["_type"] == "wagtail.sidebar.MainMenuModule")
    items = {item["_args"][0]["name"]: item for item in menu["_args"][0]}
    assert "help" not in items  # Wagtail's, with its dismissible "what's new" badge
    guide = items["kim-guide"]
    assert guide["_type"] == "wagtail.sidebar.LinkMenuItem"
    assert guide["_args"][0]["label"] == "Bantuan" and guide["_args"][0]["url"] == reverse("kim_guide")
    assert "w-dismissible" not in json.dumps(guide)
    assert "Wagtail v" not in json.dumps(props)  # the settings menu's footer
    # The dashboard's own link to Wagtail's editor guide leads to Bantuan too.
    assert f'href="{reverse("kim_guide")}">Bantuan</a>' in html


def test_the_guide_needs_no_internet(client, world):
    sign_in(client, world["editor"])
    for url in [reverse("kim_guide")] + [reverse("kim_guide_topic", args=(topic.slug,)) for topic in TOPICS]:
        html = client.get(url).content.decode()
        main = html.split('id="main"', 1)[1]
        assert "http://" not in main.replace("http://namasitus.com", "") and "https://" not in main, url


def test_a_guide_topic_that_does_not_exist_is_not_found(client, world):
    sign_in(client, world["editor"])
    assert client.get(reverse("kim_guide_topic", args=("tidak-ada",))).status_code == 404


def test_the_guide_shows_the_screenshots_that_exist_and_skips_the_others(client, world, settings, tmp_path):
    (tmp_path / "kim_sites" / "guide").mkdir(parents=True)
    (tmp_path / "kim_sites" / "guide" / "post-submitted.png").write_bytes(b"png")
    sign_in(client, world["editor"])
    url = reverse("kim_guide_topic", args=("kirim-moderasi",))
    only_these = ["django.contrib.staticfiles.finders.FileSystemFinder"]  # not the screenshots committed
    with override_settings(STATICFILES_DIRS=[tmp_path], STATICFILES_FINDERS=only_these):
        html = client.get(url).content.decode()
    # phone-submitted is missing, so its figure falls back to post-submitted; the others are left out.
    assert '<img src="/static/kim_sites/guide/post-submitted.png"' in html
    assert "editor-sees-comment.png" not in html


def test_the_guide_lists_only_screenshots_the_copy_knows():
    folder = Path(django_settings.TEMPLATES[0]["DIRS"][0]) / "kim_sites" / "guide"
    templates = "".join(path.read_text() for path in folder.glob("*.html"))
    named = {part.split('"', 2)[1] for part in templates.split("first=")[1:]}
    named |= {part.split('"', 2)[1] for key in ("second=", "third=") for part in templates.split(key)[1:]}
    assert named <= set(SCREENSHOTS), sorted(named - set(SCREENSHOTS))


# --- What Wagtail hard-codes, replaced (docs/upgrading.md) ----------------------------------------


def test_account_preferences_offer_indonesias_time_zones_only(client, world):
    sign_in(client, world["editor"])
    html = client.get(reverse("wagtailadmin_account")).content.decode()
    options = html.split('name="locale-current_time_zone"', 1)[1].split("</select>", 1)[0]
    values = [part.split('"', 1)[0] for part in options.split('value="')[1:]]
    assert values == ["", "Asia/Jakarta", "Asia/Makassar", "Asia/Jayapura"]


def test_the_root_page_is_titled_in_indonesian():
    assert Page.objects.get(depth=1).title == "Semua situs"


def _sheet_names(response):
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return openpyxl.load_workbook(io.BytesIO(body)).sheetnames


def test_kinerja_xlsx_sheet_is_named_in_indonesian(client, world):
    sign_in(client, world["moderator"])
    assert _sheet_names(client.get(reverse("kinerja_report"), {"export": "xlsx"})) == ["Kinerja KIM"]


def test_aspirasi_xlsx_sheet_is_named_after_the_view(client, world):
    sign_in(client, world["editor"])
    response = client.get(reverse("wagtailforms:list_submissions", args=(world["form_page"].pk,)), {"export": "xlsx"})
    (name,) = _sheet_names(response)
    assert "Sheet" not in name and name.strip()


@pytest.mark.parametrize(
    ("title", "expected"),
    [("Kinerja KIM", "Kinerja KIM"), ("Hasil: a/b [c]?", "Hasil  a b  c"), ("", "Data"), ("x" * 40, "x" * 31)],
)
def test_sheet_title_is_one_excel_accepts(title, expected):
    class Export:
        xlsx_sheet_title = title

    assert spreadsheets.sheet_title(Export()) == expected


# Wagtail 8.0.1's SpreadsheetExportMixin.write_xlsx, of which kim_sites/spreadsheets.py keeps a copy
# that names the sheet: when Wagtail changes it, carry the change over and update the hash.
STOCK_WRITE_XLSX_SHA256 = "ccbad983a38aaa4931144491cd6bf7cb0df671ead2c5077915dd52fdce4841ad"


def test_wagtails_write_xlsx_is_the_one_copied():
    source = inspect.getsource(SpreadsheetExportMixin.stock_write_xlsx)
    assert 'create_sheet(title="Sheet1")' in source
    assert hashlib.sha256(source.encode()).hexdigest() == STOCK_WRITE_XLSX_SHA256, (
        "Wagtail's SpreadsheetExportMixin.write_xlsx changed: carry it over to kim_sites/spreadsheets.py "
        "(docs/upgrading.md) and update STOCK_WRITE_XLSX_SHA256"
    )
