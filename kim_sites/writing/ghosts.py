"""Ghost drafts: posts begun and abandoned, with nothing but a title, are deleted.

Wagtail 8 autosaves a new page as soon as its form changes, so every abandoned attempt used to
stay behind as a draft, and typing the same title again clashed with its slug. Two measures
end that: the editor script (static/kim_sites/writing/editor.js) does not autosave a new page
until it has content beyond its title, and `manage.py prune_ghost_drafts` (daily, with the
cleanup timer) deletes what is left anyway: a post never published and never submitted, with
no content beyond its title in its latest revision, untouched for KIM_GHOST_DRAFT_HOURS.
Deleting goes through Page.delete, so the audit log records it.
"""

from datetime import timedelta

from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.html import strip_tags

from wagtail.models import Page, WorkflowState

from kim_sites.conf import kim_settings
from kim_sites.models import PostPage


def has_content(post):
    """Anything beyond the title: a summary, a cover, tags, or a body block that is not an empty paragraph."""
    if (post.summary or "").strip() or post.cover_image_id or post.tags.exists():
        return True
    return any(block.block_type != "paragraph" or strip_tags(str(block.value.source)).strip() for block in post.body)


def ghost_drafts(now=None, hours=None):
    """The ghost drafts as of `now`: PostPages never published, never in a workflow, untouched
    for `hours`, whose latest revision holds nothing but a title."""
    now = now or timezone.now()
    hours = kim_settings.KIM_GHOST_DRAFT_HOURS if hours is None else hours
    translated = Page.objects.filter(translation_key=OuterRef("translation_key")).exclude(pk=OuterRef("pk"))
    candidates = (
        PostPage.objects.filter(live=False, first_published_at__isnull=True, last_published_at__isnull=True)
        .filter(latest_revision_created_at__lt=now - timedelta(hours=hours))
        .annotate(translated=Exists(translated))
        .filter(translated=False)
    )
    ghosts = []
    for post in candidates.iterator():
        if WorkflowState.objects.for_instance(post).exists():
            continue
        latest = post.get_latest_revision_as_object()
        if not has_content(latest):
            ghosts.append(post)
    return ghosts


def prune_ghost_drafts(now=None, hours=None):
    """Delete the ghost drafts; returns their titles."""
    titles = []
    for post in ghost_drafts(now=now, hours=hours):
        titles.append(post.title)
        post.delete()
    return titles
