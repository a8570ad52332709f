"""No English on the admin screens an editor or a moderator uses, and the admin carries the platform's name.

Each role signs in through the real login page and opens the screens it works with. The visible text of
each answer (text nodes, the sidebar's menu labels, and the attributes a person reads or hears: aria-label,
title, placeholder, alt, the value of a button) must hold none of the English words of LEAKS, which lists
what was once found there. URLs, class names and other data attributes are not read.
"""

import json
import re

import pytest
from bs4 import BeautifulSoup, Comment

from django.urls import reverse

from wagtail.contrib.forms.models import FormSubmission
from wagtail.documents import get_document_model

from kim_sites.models import KimSiteSettings
from tests.factories.accounts import DEFAULT_PASSWORD, make_editor, make_moderator
from tests.factories.media import make_image
from tests.factories.moderation import submit
from tests.factories.pages import home_of, make_post, post_index, section
from tests.factories.registry import make_kim

pytestmark = pytest.mark.django_db

# English once seen on these screens. Matched as whole words, case-sensitive. "Status" is not here: it
# is an Indonesian word (KBBI) and the catalog uses it as such.
LEAKS = (
    "Wagtail",
    "ago",
    "Slug",
    "slug",
    "Root",
    "Search",
    "Sheet1",
    "Greenwich",
    "Mean Time",
    "Dashboard",
    "Pages",
    "Images",
    "Documents",
    "Settings",
    "Edit",
    "Delete",
    "Save",
    "Publish",
    "Preview",
    "Cancel",
    "Actions",
    "Live",
    "Draft",
    "Author",
    "Help",
    "Log out",
    "Account",
    "Sign in",
    "Password",
    "Forgotten",
    "minutes",
    "hours",
    "Submit",
    "Upload",
    "Choose",
    "Add",
    "Sidebar",
    "Toggle",
    "(kim_sites.",
    "(wagtailcore.",
    "(home.",
)


def _whole(word):
    start = r"(?<!\w)" if re.match(r"\w", word) else ""
    end = r"(?!\w)" if re.search(r"\w$", word) else ""
    return start + re.escape(word) + end


LEAK_RE = re.compile("|".join(_whole(word) for word in LEAKS))

# Attributes whose text a person reads or hears.
TEXT_ATTRIBUTES = ("aria-label", "title", "placeholder", "alt", "aria-description")
# Wagtail's controllers that swap text in from a data attribute (shown while a button works, in a tooltip).
TEXT_DATA_ATTRIBUTES = ("data-w-progress-active-value", "data-w-tooltip-content-value")


def _labels(value):
    """The labels in the sidebar's telepath props (the menu is drawn from them by JavaScript)."""
    if isinstance(value, dict):
        for key, item in value.items():
            if key in ("label", "title", "footer_text") and isinstance(item, str):
                yield item
            else:
                yield from _labels(item)
    elif isinstance(value, list):
        for item in value:
            yield from _labels(item)


def visible_text(html):
    """What a person sees or hears of an admin answer, one piece per line."""
    soup = BeautifulSoup(html, "html.parser")
    pieces = []
    props = soup.find(id="wagtail-sidebar-props")
    if props is not None:
        pieces += list(_labels(json.loads(props.string)))
    for tag in soup(["script", "style", "noscript"]):
        tag.decompose()
    for comment in soup.find_all(string=lambda text: isinstance(text, Comment)):
        comment.extract()
    for template in soup.find_all("template"):
        # A <template>'s content is parsed as text by html.parser; read it as markup.
        pieces += visible_text(template.decode_contents()).splitlines()
        template.decompose()
    title = soup.find("title")
    if title is not None:
        pieces.append(title.get_text())
    for tag in soup.find_all(True):
        for attribute in TEXT_ATTRIBUTES + TEXT_DATA_ATTRIBUTES:
            if tag.get(attribute):
                pieces.append(tag[attribute])
        if tag.name == "input" and tag.get("type") in ("submit", "button", "reset") and tag.get("value"):
            pieces.append(tag["value"])
        if tag.name == "option":
            pieces.append(tag.get_text())
    body = soup.body or soup
    pieces += [text.strip() for text in body.find_all(string=True) if text.strip()]
    return "\n".join(pieces)


def leaks(text):
    return sorted(
        {
            f"{match.group(0)!r} in {line.strip()[:120]!r}"
            for line in text.splitlines()
            for match in LEAK_RE.finditer(line)
        }
    )


def sign_in(client, user):
    response = client.post(reverse("wagtailadmin_login"), {"username": user.email, "password": DEFAULT_PASSWORD})
    assert response.status_code == 302, response.content.decode()[:500]
    return client


def assert_no_english(response):
    assert response.status_code == 200, f"{response.status_code} {response.get('Location', '')}"
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
    editor = make_editor(kim)
    moderator = make_moderator("bangka")
    image = make_image(kim, title="Foto balai desa")
    document = get_document_model().objects.create(
        title="Notulen rapat", file=_content_file(b"isi", "notulen.txt"), collection=kim.collection
    )
    draft = make_post(kim, "Kerja bakti warga", by=editor, live=False)
    review = make_post(kim, "Panen raya lada", by=editor, live=False)
    review = submit(review, editor)
    live = make_post(kim, "Posyandu bulan ini", by=editor, live=True)
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


def _content_file(data, name):
    from django.core.files.base import ContentFile

    return ContentFile(data, name=name)


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
}


@pytest.mark.parametrize("screen", EDITOR_SCREENS)
def test_editor_screens_have_no_english(client, world, screen):
    sign_in(client, world["editor"])
    assert_no_english(client.get(EDITOR_SCREENS[screen](world)))


@pytest.mark.parametrize("screen", MODERATOR_SCREENS)
def test_moderator_screens_have_no_english(client, world, screen):
    sign_in(client, world["moderator"])
    assert_no_english(client.get(MODERATOR_SCREENS[screen](world)))


@pytest.mark.parametrize(
    "url_name", ["wagtailadmin_login", "wagtailadmin_password_reset", "wagtailadmin_password_reset_done"]
)
def test_signed_out_pages_have_no_english(client, url_name):
    assert_no_english(client.get(reverse(url_name)))
