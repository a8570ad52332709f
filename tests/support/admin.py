"""Helpers for the moderation tests: write, submit and review posts through the real admin URLs."""

from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from wagtail.models import Page, TaskState, Workflow
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from kim_sites.bench import bulk_pending_pages
from kim_sites.models import PostIndexPage, PostPage, RegencyModerationTask
from kim_sites.moderation.workflow import WORKFLOW_NAME


def berita(kim):
    """The Berita & Kegiatan index of a KIM."""
    return PostIndexPage.objects.child_of(kim.home_page).get(slug="berita")


def post_data(title, slug, summary="Ringkasan berita.", paragraph="Isi berita.", go_live_at="", **actions):
    """The admin form of a PostPage, as the browser posts it."""
    data = {
        "title": title,
        "slug": slug,
        "date": "2025-03-01",
        "category": "berita",
        "cover_alt": "",
        "summary": summary,
        "body": streamfield([("paragraph", rich_text(f"<p>{paragraph}</p>"))]),
        "tags": "",
        "comments": inline_formset([]),
        "seo_title": "",
        "search_description": "",
        "go_live_at": go_live_at,
        "expire_at": "",
    }
    data.update(actions)
    return nested_form_data(data)


def create_post(client, kim, title, slug, submit=True, **fields):
    """An editor writes a post in the admin and (by default) submits it for moderation."""
    actions = {"action-submit": "Kirim"} if submit else {}
    response = client.post(
        reverse("wagtailadmin_pages:add", args=("kim_sites", "postpage", berita(kim).pk)),
        post_data(title, slug, **fields, **actions),
    )
    assert response.status_code == 302, _form_errors(response)
    return PostPage.objects.get(path__startswith=kim.home_page.path, slug=slug)


def edit_post(client, page, title, slug=None, submit=False, **fields):
    """Save (or save and submit) a new version of a post in the admin."""
    actions = {"action-submit": "Kirim"} if submit else {}
    return client.post(
        reverse("wagtailadmin_pages:edit", args=(page.pk,)),
        post_data(title, slug or page.slug, **fields, **actions),
    )


def workflow_action(client, page, action, task_state, comment=None, ajax=False):
    data = {} if comment is None else {"comment": comment}
    headers = {"HTTP_X_REQUESTED_WITH": "XMLHttpRequest"} if ajax else {}
    return client.post(
        reverse("wagtailadmin_pages:workflow_action", args=(page.pk, action, task_state.pk)), data, **headers
    )


def current_task_state(page):
    return TaskState.objects.filter(
        workflow_state__base_content_type=ContentType.objects.get_for_model(Page),
        workflow_state__object_id=str(page.pk),
        status=TaskState.STATUS_IN_PROGRESS,
    ).get()


def _form_errors(response):
    context = getattr(response, "context", None) or {}
    form = context.get("form") if hasattr(context, "get") else None
    return f"{response.status_code}: {getattr(form, 'errors', '')}"


def bulk_pending(index, count, requested_by):
    """`count` pages under `index`, each waiting in "Moderasi KIM" as submitted by `requested_by`,
    inserted in bulk (see `kim_sites.bench.bulk_pending_pages`)."""
    workflow = Workflow.objects.get(name=WORKFLOW_NAME)
    pages = bulk_pending_pages(
        index, count, workflow=workflow, task=RegencyModerationTask.objects.get(), requested_by=requested_by
    )
    index.refresh_from_db(fields=["numchild"])
    return pages
