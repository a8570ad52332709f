"""Editors cannot put a go-live or expiry date in a revision; moderators and admins can.

Approval publishes the revision an editor submitted, and the moderator's approve dialog shows no
dates, so a date an editor chose would be applied unseen. Everything goes through the real admin
URLs: the editor posts a schedule, the moderator approves, and the revision and page are checked.
"""

import datetime

import pytest

from django.apps import apps
from django.urls import reverse
from django.utils import timezone

from wagtail.models import Page, get_page_models

from kim_sites.access.scheduling import SchedulePermissionFormMixin
from kim_sites.models import PostPage
from tests.factories.pages import post_index
from tests.support.admin import create_post, current_task_state, edit_post, workflow_action

pytestmark = pytest.mark.django_db


def as_user(client, user):
    client.force_login(user)
    return client


def admin_time(moment):
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")


IN_THREE_DAYS = timezone.now() + datetime.timedelta(days=3)
IN_A_MONTH = timezone.now() + datetime.timedelta(days=30)


def test_an_editors_new_post_carries_no_schedule_and_approval_publishes_it_now(client, kim, editor, moderator):
    as_user(client, editor)
    post = create_post(
        client,
        kim,
        "Agenda posyandu",
        "posyandu",
        go_live_at=admin_time(IN_THREE_DAYS),
        expire_at=admin_time(IN_A_MONTH),
    )
    submitted = current_task_state(post).revision
    assert submitted.content["go_live_at"] is None and submitted.content["expire_at"] is None

    as_user(client, moderator)
    workflow_action(client, post, "approve", current_task_state(post))
    post.refresh_from_db()
    assert post.live and post.go_live_at is None and post.expire_at is None
    assert not post.revisions.filter(approved_go_live_at__isnull=False).exists()


def test_an_editors_edit_keeps_the_schedule_a_moderator_set(client, kim, editor, moderator):
    as_user(client, editor)
    post = create_post(client, kim, "Pengumuman lomba", "lomba")
    as_user(client, moderator)
    workflow_action(client, post, "approve", current_task_state(post))
    # The moderator gives the live post an expiry date, and publishes that.
    response = edit_post(client, post, "Pengumuman lomba", expire_at=admin_time(IN_A_MONTH), **{"action-publish": "1"})
    assert response.status_code == 302
    post.refresh_from_db()
    assert post.expire_at is not None
    kept = post.expire_at

    as_user(client, editor)
    response = edit_post(
        client,
        post,
        "Pengumuman lomba (diperbarui)",
        submit=True,
        go_live_at=admin_time(IN_THREE_DAYS),
        expire_at=admin_time(IN_THREE_DAYS + datetime.timedelta(hours=1)),
    )
    assert response.status_code == 302
    submitted = current_task_state(post).revision
    assert submitted.content["go_live_at"] is None
    assert submitted.as_object().expire_at == kept

    as_user(client, moderator)
    workflow_action(client, post, "approve", current_task_state(post))
    post.refresh_from_db()
    assert post.live and post.title == "Pengumuman lomba (diperbarui)"
    assert post.expire_at == kept and post.go_live_at is None


def test_the_editor_form_shows_the_dates_disabled_and_says_why(client, kim, editor, moderator):
    as_user(client, editor)
    post = create_post(client, kim, "Kabar desa", "kabar", submit=False)
    page = client.get(reverse("wagtailadmin_pages:edit", args=(post.pk,))).content.decode()
    assert 'name="go_live_at"' in page
    for name in ("go_live_at", "expire_at"):
        tag = page[page.index(f'name="{name}"') - 300 : page.index(f'name="{name}"') + 300]
        assert "disabled" in tag
    assert "Hanya moderator yang menyetujui halaman ini yang dapat mengatur jadwal terbitnya." in page

    as_user(client, moderator)
    page = client.get(reverse("wagtailadmin_pages:edit", args=(post.pk,))).content.decode()
    tag = page[page.index('name="go_live_at"') - 300 : page.index('name="go_live_at"') + 300]
    assert "disabled" not in tag
    assert "Hanya moderator yang menyetujui" not in page


def test_a_moderator_schedules_the_post_under_review_by_approving_it_with_a_date(client, kim, editor, moderator):
    as_user(client, editor)
    post = create_post(client, kim, "Agenda HUT RI", "hut-ri")
    as_user(client, moderator)
    # Publishing straight away would go around the review (kim_sites/moderation/review.py) ...
    response = edit_post(client, post, "Agenda HUT RI", go_live_at=admin_time(IN_THREE_DAYS), **{"action-publish": "1"})
    assert response.status_code == 302 and response.url == reverse("wagtailadmin_home")
    assert not post.revisions.filter(approved_go_live_at__isnull=False).exists()
    # ... the review screen's "Setujui dan terbitkan" with the date set schedules it.
    approve = {
        "action-workflow-action": "true",
        "workflow-action-name": "approve",
        "workflow-action-extra-data": "{}",
    }
    response = edit_post(client, post, "Agenda HUT RI", go_live_at=admin_time(IN_THREE_DAYS), **approve)
    assert response.status_code == 302
    post.refresh_from_db()
    assert not post.live
    assert post.status_string == "terjadwalkan"
    revision = post.revisions.get(approved_go_live_at__isnull=False)
    assert abs(revision.approved_go_live_at - IN_THREE_DAYS) < datetime.timedelta(minutes=1)


def test_an_editors_draft_from_the_create_view_carries_no_schedule(client, kim, editor):
    as_user(client, editor)
    create_post(client, kim, "Draf berjadwal", "draf-berjadwal", submit=False, go_live_at=admin_time(IN_THREE_DAYS))
    post = PostPage.objects.get(slug="draf-berjadwal", path__startswith=post_index(kim).path)
    assert post.get_latest_revision().content["go_live_at"] is None


def test_every_page_model_of_the_platform_uses_the_guarded_form():
    ours = {apps.get_app_config(label).models_module.__name__ for label in ("kim_sites", "home")}
    models = [model for model in get_page_models() if model.__module__ in ours and model is not Page]
    assert models
    for model in models:
        form_class = model.get_edit_handler().get_form_class()
        assert issubclass(form_class, SchedulePermissionFormMixin), model
