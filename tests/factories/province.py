"""A small province for the permission matrix: three KIMs in two regencies, each with content
in every state an action can touch, and one user per role.

Built once per test module (see `isolation_world` in the matrix module) and rolled back at
the end of the module; each test runs in its own savepoint on top of it.
"""

import io
from dataclasses import dataclass, field
from datetime import date

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile

from wagtail.contrib.forms.models import FormSubmission
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Locale

from kim_sites.models import AspirasiFormPage, PostIndexPage
from tests.factories.accounts import make_editor, make_kim_admin, make_moderator, make_provincial_admin
from tests.factories.media import png_bytes
from tests.factories.pages import make_post
from tests.factories.registry import make_kim

TARGETS = ("own", "sibling", "other")
ROLES = ("anonymous", "editor", "moderator", "admin")


@dataclass
class KimContent:
    """One KIM with a page, a file and a record of every kind the matrix acts on."""

    key: str
    kim: object
    home: object
    index: object
    archive: object
    live_post: object
    old_revision: object
    draft_post: object
    draft_revisions: list
    form_page: object
    submission: object
    image: object
    document: object
    en_post: object = None
    en_translation: object = None
    extra: dict = field(default_factory=dict)

    @property
    def site(self):
        return self.kim.site

    @property
    def token(self):
        """A word found only in this KIM's unpublished content, to look for in listings."""
        return f"rahasia{self.key}"


@dataclass
class World:
    kims: dict
    users: dict
    en: object

    def __getitem__(self, target):
        return self.kims[target]


def _publish(page, user=None):
    revision = page.save_revision(user=user)
    revision.publish()
    page.refresh_from_db()
    return revision


def _build_kim(key, regency, editor_email):
    kim = make_kim(regency, name=f"KIM Matriks {key.title()}", slug=f"matriks-{key}")
    editor = make_editor(kim, email=editor_email)
    home = kim.home_page
    index = PostIndexPage.objects.child_of(home).get()
    archive = PostIndexPage(title="Arsip", slug="arsip")
    home.add_child(instance=archive)
    _publish(archive)

    live_post = make_post(
        title=f"Berita lama {key}",
        index=index,
        slug="berita-terbit",
        summary="Ringkasan",
        date=date(2024, 1, 5),
        owner=editor,
        by=editor,
    )
    old_revision = live_post.latest_revision
    live_post.title = f"Berita terbit {key}"
    _publish(live_post, editor)

    draft_post = make_post(
        title=f"Draf {key} versi satu",
        index=index,
        slug="draf",
        summary="Ringkasan draf",
        date=date(2024, 2, 1),
        owner=editor,
        by=editor,
        live=False,
    )
    first = draft_post.latest_revision
    draft_post.title = f"Draf rahasia{key}"
    draft_post.save()
    second = draft_post.save_revision(user=editor)

    form_page = AspirasiFormPage.objects.child_of(home).get()
    for form_field in form_page.form_fields.all():
        form_field.save()  # computes clean_name, which the provisioning's bulk_create leaves empty
    submission = FormSubmission.objects.create(
        page=form_page, form_data={"nama": "Warga", "pesan": f"Aduan pribadi rahasia{key}"}
    )

    image = get_image_model().objects.create(
        title=f"Foto rahasia{key}",
        file=ImageFile(io.BytesIO(png_bytes()), name=f"foto-{key}.png"),
        collection=kim.collection,
    )
    document = get_document_model().objects.create(
        title=f"Dokumen rahasia{key}",
        file=ContentFile(b"isi dokumen", name=f"dokumen-{key}.txt"),
        collection=kim.collection,
    )
    return KimContent(
        key=key,
        kim=kim,
        home=home,
        index=index,
        archive=archive,
        live_post=live_post,
        old_revision=old_revision,
        draft_post=draft_post,
        draft_revisions=[first, second],
        form_page=form_page,
        submission=submission,
        image=image,
        document=document,
        extra={"editor": editor},
    )


def _translate(content, admin, en):
    """An English draft of the live post, made as Diskominfo would: by a provincial admin."""
    from wagtail_localize.models import Translation, TranslationSource

    source, _ = TranslationSource.get_or_create_from_instance(content.live_post)
    translation = Translation.objects.create(source=source, target_locale=en)
    translation.save_target(user=admin, publish=False)
    content.en_translation = translation
    content.en_post = content.live_post.get_translation(en)


def build_world():
    en, _ = Locale.objects.get_or_create(language_code="en")
    admin = make_provincial_admin(email="admin-provinsi@kominfo-uji.id")
    kims = {
        "own": _build_kim("own", "bangka", "editor-own@kim-uji.id"),
        "sibling": _build_kim("sibling", "bangka", "editor-sibling@kim-uji.id"),
        "other": _build_kim("other", "belitung", "editor-other@kim-uji.id"),
    }
    for content in kims.values():
        _translate(content, admin, en)
    users = {
        "anonymous": None,
        "editor": kims["own"].extra["editor"],
        "kim admin": make_kim_admin(kims["own"].kim, email="admin-kim-own@kim-uji.id"),
        "moderator": make_moderator("bangka", email="moderator-bangka@kominfo-uji.id"),
        "other_moderator": make_moderator("belitung", email="moderator-belitung@kominfo-uji.id"),
        "admin": admin,
    }
    return World(kims=kims, users=users, en=en)
