"""No ghost drafts, in Wagtail's own post form too: new slugs made unique, abandoned title-only
drafts pruned, and a cover's description for blind readers defaulted rather than refused."""

from datetime import timedelta

import pytest

from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from wagtail.models import PageLogEntry

from kim_sites.models import PostPage
from kim_sites.writing.ghosts import ghost_drafts
from tests.factories.media import make_image
from tests.factories.pages import make_post, post_index
from tests.support.admin import create_post, login, post_data
from tests.support.clock import clock

pytestmark = pytest.mark.django_db


def add_url(kim):
    return reverse("wagtailadmin_pages:add", args=("kim_sites", "postpage", post_index(kim).pk))


# --- Slugs ----------------------------------------------------------------------------------------


def test_wagtail_form_gives_a_new_post_with_a_taken_slug_the_next_free_one(kim, editor):
    client = login(editor)
    create_post(client, kim, "Kabar desa", "kabar-desa")
    response = client.post(add_url(kim), post_data("Kabar desa", "kabar-desa"))
    assert response.status_code == 302
    response = client.post(add_url(kim), post_data("Kabar desa", "kabar-desa", **{"action-submit": "1"}))
    assert response.status_code == 302
    slugs = sorted(PostPage.objects.child_of(post_index(kim)).values_list("slug", flat=True))
    assert slugs == ["kabar-desa", "kabar-desa-2", "kabar-desa-3"]


def test_an_existing_page_keeps_the_slug_rule_of_wagtail(kim, editor):
    """Renaming an existing page onto a sibling's slug is a choice, so Wagtail's error stays."""
    client = login(editor)
    first = create_post(client, kim, "Satu", "satu", submit=False)
    second = create_post(client, kim, "Dua", "dua", submit=False)
    response = client.post(reverse("wagtailadmin_pages:edit", args=(second.pk,)), post_data("Dua", first.slug))
    assert response.status_code == 200
    assert "slug" in response.context["form"].errors


# --- Cover description --------------------------------------------------------------------------


def test_a_cover_without_description_gets_the_title_instead_of_an_error(kim, editor):
    photo = make_image(kim)
    client = login(editor)
    create_post(client, kim, "Panen raya lada", "panen-raya", cover_image=photo.pk, cover_alt="")
    post = PostPage.objects.get(slug="panen-raya")
    assert post.get_latest_revision_as_object().cover_alt == "Panen raya lada"


def test_an_image_block_without_description_renders_with_the_caption_or_the_title(kim):
    photo = make_image(kim)
    post = make_post(
        kim,
        "Lomba perahu",
        body=[
            ("image", {"image": photo, "alt_text": "", "caption": "Perahu hias di muara"}),
            ("image", {"image": photo, "alt_text": "", "caption": ""}),
        ],
    )
    post.full_clean()
    html = Client().get(post.url, HTTP_HOST=kim.hostname).content.decode()
    assert 'alt="Perahu hias di muara"' in html
    assert 'alt="Lomba perahu"' in html


# --- Ghost drafts ---------------------------------------------------------------------------------


def old(hours=25):
    return timezone.now() - timedelta(hours=hours)


def autosaved(kim, title, by, **fields):
    """A new post as Wagtail's autosave leaves it: title only unless given, saved without validation."""
    post = PostPage(title=title, summary="", live=False, owner=by, **fields)
    post_index(kim).add_child(instance=post)
    post.save_revision(user=by, clean=False)
    return post


def test_prune_deletes_only_old_title_only_drafts_never_submitted(kim, editor):
    with clock(old()):
        ghost = autosaved(kim, "Coba", editor)
        empty_paragraph = autosaved(kim, "Coba lagi", editor, body=[("paragraph", "<p></p>")])
        with_text = autosaved(kim, "Berisi", editor, body=[("paragraph", "<p>Ada isinya.</p>")])
        with_summary = make_post(kim, "Ringkas", live=False, by=editor)
        published = make_post(kim, "Terbit", by=editor)
        submitted = make_post(kim, "Dikirim", live=False, by=editor)
        submitted.get_workflow().start(submitted, editor)
    fresh = autosaved(kim, "Baru saja", editor)
    assert sorted(p.pk for p in ghost_drafts()) == [ghost.pk, empty_paragraph.pk]

    call_command("prune_ghost_drafts")
    remaining = set(PostPage.objects.values_list("pk", flat=True))
    assert not {ghost.pk, empty_paragraph.pk} & remaining
    assert {with_text.pk, with_summary.pk, published.pk, submitted.pk, fresh.pk} <= remaining
    assert PageLogEntry.objects.filter(page_id=ghost.pk, action="wagtail.delete").exists()


def test_a_draft_whose_latest_revision_has_content_is_kept(kim, editor):
    with clock(old()):
        post = autosaved(kim, "Coba", editor)
        post.summary = "Sekarang ada ringkasan."
        post.save_revision(user=editor, clean=False)
    assert ghost_drafts() == []


def test_hours_is_an_option(kim, editor):
    with clock(old(hours=3)):
        autosaved(kim, "Coba", editor)
    assert ghost_drafts() == []
    assert len(ghost_drafts(hours=2)) == 1
