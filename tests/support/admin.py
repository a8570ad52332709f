"""The admin as a browser drives it: write, submit and review posts through the real admin URLs."""

from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.urls import reverse

from wagtail.models import Page, TaskState
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from kim_sites.models import PostPage
from tests.factories.pages import post_index


def login(user):
    """A test client signed in as `user`, past the login form (which its own tests drive)."""
    client = Client()
    client.force_login(user)
    return client


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


def post_form_data(page, **overrides):
    """The edit form of an existing PostPage as a browser would post it."""
    data = {
        "title": page.title,
        "slug": page.slug,
        "date": page.date.isoformat(),
        "category": page.category,
        "cover_image": "",
        "cover_alt": "",
        "summary": page.summary or "Ringkasan",
        "body": streamfield([]),
        "tags": "",
        "seo_title": "",
        "search_description": "",
        "go_live_at": "",
        "expire_at": "",
        "comments": {"TOTAL_FORMS": "0", "INITIAL_FORMS": "0", "MIN_NUM_FORMS": "0", "MAX_NUM_FORMS": "1000"},
    }
    data.update(overrides)
    return nested_form_data(data)


def create_post(client, kim, title, slug, submit=True, **fields):
    """An editor writes a post in the admin and (by default) submits it for moderation."""
    actions = {"action-submit": "Kirim"} if submit else {}
    response = client.post(
        reverse("wagtailadmin_pages:add", args=("kim_sites", "postpage", post_index(kim).pk)),
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
