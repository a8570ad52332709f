"""A post written on a phone: where the user may write, and the post made from the short form.

The page is made as Wagtail's own create view makes it (kim_sites/writing/views.py cites the
steps): added under the KIM's post index as a draft, a revision by the author, the comment
subscription, and, for "Kirim ke Moderasi KIM", the page's workflow started with
`workflow.start(page, user)`, the call of CreateView.submit_action, so the notifications, the
logs and the moderation queue see it as any other submission. Photos and page are made in one
transaction; if anything fails, the photos' files are removed too, so nothing is left half-made.
"""

import re
from dataclasses import dataclass, field
from datetime import date as date_type

from django.db import transaction
from django.db.models import Q
from django.utils.html import escape
from django.utils.text import slugify

from wagtail.images import get_image_model
from wagtail.models import PageSubscription
from wagtail.permissions import policy_registry
from wagtail.rich_text import RichText

from kim_sites.access.roles import roles_of
from kim_sites.models import Kim, PostIndexPage, PostPage
from kim_sites.tree import KIM_HOME_DEPTH
from kim_sites.writing.slugs import unique_slug

SUMMARY_MAX_LENGTH = PostPage._meta.get_field("summary").max_length
# One or two sentences make a summary: a second only when the first is short.
SUMMARY_ENOUGH = 120
SUMMARY_SENTENCES = 2
TITLE_MAX_LENGTH = 255
SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
REQUEST_CACHE_ATTRIBUTE = "kim_writable_indexes"


@dataclass(frozen=True)
class Target:
    """Where a post goes: a KIM's post index, and the KIM whose collection holds its photos."""

    index: PostIndexPage
    kim: Kim


def may_write_in(user, index):
    """Wagtail's page permission API: may `user` add a PostPage under `index`?"""
    return PostPage.can_create_at(index) and index.permissions_for_user(user).can_add_subpage()


def writable_targets(user):
    """The post indexes of the KIMs `user` edits (group membership) where Wagtail lets the user
    add a post, one per KIM, in the KIMs' order. Moderators and provincial admins may write
    through `target_for` too, but the "Tulis berita" entries are the KIM editors'."""
    roles = roles_of(user)
    if not roles.editor:
        return []
    kims = list(
        Kim.objects.filter(pk__in=roles.edited_kim_ids, home_page__isnull=False)
        .select_related("home_page", "collection")
        .order_by("name")
    )
    if not kims:
        return []
    paths = Q()
    for kim in kims:
        paths |= Q(path__startswith=kim.home_page.path)
    indexes = {}
    for index in PostIndexPage.objects.filter(paths, depth=KIM_HOME_DEPTH + 1).order_by("path"):
        indexes.setdefault(index.path[: len(index.path) - PostIndexPage.steplen], index)
    targets = []
    for kim in kims:
        index = indexes.get(kim.home_page.path)
        if index is not None and may_write_in(user, index):
            targets.append(Target(index=index, kim=kim))
    return targets


def writable_targets_for_request(request):
    """`writable_targets(request.user)`, once per request (the menu asks on every admin page)."""
    targets = getattr(request, REQUEST_CACHE_ATTRIBUTE, None)
    if targets is None:
        targets = writable_targets(request.user)
        setattr(request, REQUEST_CACHE_ATTRIBUTE, targets)
    return targets


def target_for(user, index_id):
    """The Target of post index `index_id` if `user` may add a post there, else None."""
    index = PostIndexPage.objects.filter(pk=index_id, depth=KIM_HOME_DEPTH + 1).first()
    if index is None or not may_write_in(user, index):
        return None
    kim = (
        Kim.objects.filter(home_page__path=index.path[: len(index.path) - PostIndexPage.steplen])
        .select_related("collection")
        .first()
    )
    if kim is None:
        return None
    return Target(index=index, kim=kim)


def may_upload_to(user, kim):
    """Wagtail's collection permission API: may `user` add images to the KIM's collection?"""
    if kim.collection_id is None:
        return False
    allowed = policy_registry.get_by_type(get_image_model()).collections_user_has_permission_for(user, "add")
    return allowed.filter(pk=kim.collection_id).exists()


# --- From the short form to a page ---------------------------------------------------------------


def summary_from(text, limit=SUMMARY_MAX_LENGTH):
    """The first sentence(s) of `text`, at most `limit` characters, cut at a word if it must be."""
    text = " ".join(text.split())
    summary = ""
    for sentence in SENTENCE_END.split(text)[:SUMMARY_SENTENCES]:
        candidate = f"{summary} {sentence}".strip()
        if len(candidate) > limit:
            break
        summary = candidate
        if len(summary) >= SUMMARY_ENOUGH:
            break
    if not summary and text:
        summary = text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"
    return summary


def paragraphs_html(text):
    """Plain text as the rich text of one paragraph block: blank lines part paragraphs."""
    blocks = [block.strip() for block in re.split(r"\n\s*\n", text.replace("\r\n", "\n")) if block.strip()]
    return "".join("<p>{}</p>".format("<br/>".join(escape(line) for line in block.split("\n"))) for block in blocks)


@dataclass
class Photo:
    """One uploaded photo with what the editor typed for it."""

    file: object
    caption: str = ""
    alt_text: str = ""


@dataclass
class Draft:
    """What the short form gives: everything the post needs, already validated."""

    title: str
    category: str
    text: str
    photos: list = field(default_factory=list)
    cover: int = 0
    summary: str = ""
    date: date_type | None = None
    tags: list = field(default_factory=list)


def photo_block(image, photo, title):
    return {"image": image, "alt_text": photo.alt_text or photo.caption or title, "caption": photo.caption}


def body_from(draft, images):
    """The text as the first paragraph, then the photos other than the cover: one image block,
    or a gallery for several."""
    body = [("paragraph", RichText(paragraphs_html(draft.text)))] if draft.text.strip() else []
    rest = [
        (image, photo) for i, (image, photo) in enumerate(zip(images, draft.photos, strict=True)) if i != draft.cover
    ]
    if len(rest) == 1:
        body.append(("image", photo_block(*rest[0], draft.title)))
    elif rest:
        body.append(("gallery", {"title": "", "images": [photo_block(i, p, draft.title) for i, p in rest]}))
    return body


def save_photos(draft, kim, user):
    """The photos as images of the KIM's collection (scaled down by the image model on save)."""
    image_model = get_image_model()
    images = []
    for photo in draft.photos:
        image = image_model(
            title=(photo.caption or draft.title)[:TITLE_MAX_LENGTH],
            collection=kim.collection,
            uploaded_by_user=user,
        )
        image.file = photo.file
        images.append(image)
        image.save()
    return images


def remove_files(images):
    for image in images:
        if image.file and image.file.name:
            image.file.storage.delete(image.file.name)


def create_post(user, target, draft, submit):
    """The PostPage of `draft` under `target.index`, a draft with a revision by `user`, and its
    workflow started when `submit` (and the page has one). Returns the page and whether it was
    submitted. All or nothing."""
    images = []
    try:
        with transaction.atomic():
            images = save_photos(draft, target.kim, user)
            cover = images[draft.cover] if images else None
            cover_photo = draft.photos[draft.cover] if images else None
            page = PostPage(
                title=draft.title,
                slug=unique_slug(slugify(draft.title) or "berita", target.index),
                category=draft.category,
                summary=draft.summary or summary_from(draft.text),
                body=body_from(draft, images),
                cover_image=cover,
                cover_alt=(cover_photo.alt_text or cover_photo.caption or draft.title)[:255] if cover else "",
                owner=user,
                live=False,
                locale_id=target.index.locale_id,
            )
            if draft.date:
                page.date = draft.date
            if draft.tags:
                page.tags.add(*draft.tags)
            # The steps of wagtail/admin/views/pages/create.py (save_action / submit_action).
            target.index.add_child(instance=page)
            page.save_revision(user=user, log_action=True)
            workflow = page.get_workflow() if submit else None
            if workflow is not None:
                workflow.start(page, user)
            PageSubscription.objects.create(page=page, user=user, comment_notifications=True)
    except BaseException:
        remove_files(images)
        raise
    return page, workflow is not None
