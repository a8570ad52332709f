"""The regency moderation workflow, driven through the real admin URLs.

Every KIM page goes through "Moderasi KIM"; only the moderators of the page's own regency
(and the provincial admins) approve it, and approval publishes exactly what was reviewed.
"""

import datetime
import io

import pytest

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from wagtail.models import Locale, Page, PageLogEntry, TaskState, Workflow, WorkflowPage, WorkflowState

from home.models import PortalHomePage
from kim_sites.models import Kim, RegencyModerationTask
from kim_sites.moderation.finish import publish_reviewed_revision
from kim_sites.moderation.workflow import TASK_NAME, WORKFLOW_NAME
from kim_sites.registry.structure import ensure_moderation_workflow
from tests.factories.accounts import UserFactory, make_editor, make_moderator, make_provincial_admin
from tests.factories.pages import make_post, post_index
from tests.factories.registry import make_kim
from tests.support.admin import create_post, current_task_state, edit_post, workflow_action

pytestmark = pytest.mark.django_db


def as_user(client, user):
    client.force_login(user)
    return client


def refused(response):
    """Wagtail refuses admin actions with 403, or a redirect to the dashboard with an error."""
    return response.status_code == 403 or (response.status_code == 302 and response.url == reverse("wagtailadmin_home"))


# --- The workflow itself ------------------------------------------------------------------------


def test_one_workflow_with_one_task_on_the_root_covers_every_kim(kim):
    workflow = Workflow.objects.get(name=WORKFLOW_NAME)
    assert [type(task.specific) for task in workflow.tasks] == [RegencyModerationTask]
    assert WorkflowPage.objects.get(page=Page.get_first_root_node()).workflow == workflow
    # A KIM created after the workflow is covered, down to its posts.
    sibling = make_kim("bangka-tengah")
    assert sibling.home_page.get_workflow() == workflow
    assert post_index(sibling).get_workflow() == workflow
    assert PortalHomePage.objects.get().get_workflow() == workflow


def test_ensure_moderation_workflow_is_idempotent_and_respects_admin_changes(kim):
    assert ensure_moderation_workflow() is None
    assert Workflow.objects.filter(name=WORKFLOW_NAME).count() == 1
    assert RegencyModerationTask.objects.count() == 1
    # A fresh database gets it all.
    Workflow.objects.all().delete()
    WorkflowPage.objects.all().delete()
    workflow = ensure_moderation_workflow()
    assert workflow.name == WORKFLOW_NAME
    assert RegencyModerationTask.objects.get().name == TASK_NAME
    assert WorkflowPage.objects.get(page=Page.get_first_root_node()).workflow == workflow


def test_workflow_and_task_are_visible_in_the_admin(client):
    admin = UserFactory(is_superuser=True, is_staff=True)
    as_user(client, admin)
    response = client.get(reverse("wagtailadmin_workflows:index"))
    assert response.status_code == 200
    assert WORKFLOW_NAME in response.content.decode()
    response = client.get(reverse("wagtailadmin_workflows:task_index"))
    assert response.status_code == 200
    assert TASK_NAME in response.content.decode()


# --- Submit and approve -------------------------------------------------------------------------


def test_editor_submits_and_own_moderator_approves_exactly_the_reviewed_content(client, kim, editor, moderator):
    as_user(client, editor)
    post = create_post(client, kim, "Kerja bakti di balai desa", "kerja-bakti", summary="Warga bekerja bakti.")
    post.refresh_from_db()
    assert not post.live
    task_state = current_task_state(post)
    submitted_revision = task_state.revision
    assert task_state.task.specific.__class__ is RegencyModerationTask
    assert post.current_workflow_state.requested_by == editor

    # The editor cannot approve its own post.
    assert refused(workflow_action(client, post, "approve", task_state))
    post.refresh_from_db()
    assert not post.live

    as_user(client, moderator)
    response = workflow_action(client, post, "approve", task_state)
    assert response.status_code == 302
    post.refresh_from_db()
    assert post.live
    assert post.live_revision_id == submitted_revision.pk
    assert post.title == "Kerja bakti di balai desa"
    assert post.summary == "Warga bekerja bakti."
    assert post.current_workflow_state is None
    assert WorkflowState.objects.get(object_id=str(post.pk)).status == WorkflowState.STATUS_APPROVED
    # Published as the approving moderator, and audited.
    assert PageLogEntry.objects.filter(page=post, action="wagtail.publish", user=moderator).exists()
    assert PageLogEntry.objects.filter(page=post, action="wagtail.workflow.approve", user=moderator).exists()


def test_kims_and_moderators_made_by_the_commands_work_the_flow(client):
    call_command(
        "create_kim",
        regency="belitung",
        name="KIM Tanjung Binga",
        village="Tanjung Binga",
        district="Sijuk",
        admin_email="admin@tanjungbinga.id",
        no_email=True,
        stdout=io.StringIO(),
    )
    for regency, email in (("belitung", "pembina@belitungkab.go.id"), ("bangka", "pembina@bangka.go.id")):
        call_command("add_moderator", regency=regency, email=email, no_email=True, stdout=io.StringIO())
    kim = Kim.objects.get(slug="kim-tanjung-binga")
    User = get_user_model()
    own, other = User.objects.get(email="pembina@belitungkab.go.id"), User.objects.get(email="pembina@bangka.go.id")
    editor = make_editor(kim)
    as_user(client, editor)
    post = create_post(client, kim, "Pantai Tanjung Binga bersih", "pantai-bersih")
    task_state = current_task_state(post)
    as_user(client, other)
    assert refused(workflow_action(client, post, "approve", task_state))
    post.refresh_from_db()
    assert not post.live
    as_user(client, own)
    assert workflow_action(client, post, "approve", task_state).status_code == 302
    post.refresh_from_db()
    assert post.live


def test_edit_after_approval_needs_a_new_approval(client, kim, editor, moderator):
    as_user(client, editor)
    post = create_post(client, kim, "Versi pertama", "versi")
    as_user(client, moderator)
    workflow_action(client, post, "approve", current_task_state(post))
    post.refresh_from_db()
    first_live = post.live_revision_id

    as_user(client, editor)
    response = edit_post(client, post, "Versi kedua")
    assert response.status_code == 302
    post.refresh_from_db()
    assert post.title == "Versi pertama"
    assert post.live_revision_id == first_live
    assert post.has_unpublished_changes
    # Editors have no way to publish the draft themselves.
    response = edit_post(client, post, "Versi kedua", **{"action-publish": "Terbitkan"})
    post.refresh_from_db()
    assert post.live_revision_id == first_live

    response = edit_post(client, post, "Versi kedua", submit=True)
    assert response.status_code == 302
    post.refresh_from_db()
    assert post.title == "Versi pertama"
    task_state = current_task_state(post)
    as_user(client, moderator)
    workflow_action(client, post, "approve", task_state)
    post.refresh_from_db()
    assert post.title == "Versi kedua"
    assert post.live_revision_id == task_state.revision_id


def test_a_change_made_during_review_is_not_published_by_the_earlier_approval(client, kim, editor, moderator):
    as_user(client, editor)
    post = create_post(client, kim, "Isi yang ditinjau", "ditinjau")
    reviewed = current_task_state(post)
    # The editor is locked out while the post is under review ...
    response = edit_post(client, post, "Diubah diam-diam")
    assert response.status_code == 200
    post.refresh_from_db()
    assert post.get_latest_revision().pk == reviewed.revision_id
    # ... a moderator can edit, and that edit needs its own approval.
    as_user(client, moderator)
    assert edit_post(client, post, "Diubah saat ditinjau").status_code == 302
    assert workflow_action(client, post, "approve", reviewed).status_code == 302
    post.refresh_from_db()
    assert not post.live
    restarted = current_task_state(post)
    assert restarted.pk != reviewed.pk
    assert restarted.revision_id == post.get_latest_revision().pk
    workflow_action(client, post, "approve", restarted)
    post.refresh_from_db()
    assert post.live
    assert post.title == "Diubah saat ditinjau"


def test_finishing_publishes_the_reviewed_revision_not_a_later_draft(kim, editor, moderator):
    post = make_post(kim, "Ditinjau", slug="ditinjau", summary="r", owner=editor, by=editor, live=False)
    reviewed = post.latest_revision
    workflow_state = post.get_workflow().start(post, editor)
    task_state = workflow_state.current_task_state
    post.title = "Draf sesudahnya"
    later = post.save_revision(user=editor)
    task_state.status = TaskState.STATUS_APPROVED
    task_state.save()
    publish_reviewed_revision(workflow_state, user=moderator)
    post.refresh_from_db()
    assert post.live_revision_id == reviewed.pk
    assert post.title == "Ditinjau"
    assert post.get_latest_revision().pk == later.pk
    assert post.has_unpublished_changes


def test_approval_with_future_go_live_schedules_instead_of_publishing(client, kim, editor, moderator):
    # Only those who may publish can set a go-live date (tests/kim_sites/access/test_scheduling.py):
    # here a second moderator of the regency submits a post with one.
    go_live = timezone.localtime() + datetime.timedelta(days=3)
    as_user(client, make_moderator("bangka", email="moderator-kedua@kominfo-uji.id"))
    post = create_post(client, kim, "Pengumuman lomba", "lomba", go_live_at=go_live.strftime("%Y-%m-%d %H:%M"))
    task_state = current_task_state(post)
    as_user(client, moderator)
    workflow_action(client, post, "approve", task_state)
    post.refresh_from_db()
    assert not post.live
    revision = post.revisions.get(pk=task_state.revision_id)
    assert revision.approved_go_live_at is not None
    assert abs(revision.approved_go_live_at - go_live) < datetime.timedelta(minutes=1)
    assert post.status_string == "terjadwalkan"  # Wagtail's own Indonesian for "scheduled"


def test_send_back_with_comment_then_fix_and_resubmit(client, kim, editor, moderator):
    as_user(client, editor)
    post = create_post(client, kim, "Berita kurang lengkap", "kurang-lengkap")
    task_state = current_task_state(post)
    as_user(client, moderator)
    modal = client.get(
        reverse("wagtailadmin_pages:workflow_action", args=(post.pk, "reject", task_state.pk)),
        HTTP_X_REQUESTED_WITH="XMLHttpRequest",
    )
    assert modal.status_code == 200
    assert "Komentar untuk penulis" in modal.json()["html"]
    # Sending back always says why.
    response = workflow_action(client, post, "reject", task_state, comment="", ajax=True)
    assert response.status_code == 200
    assert "Tulis apa yang perlu diperbaiki" in response.json()["html"]
    assert current_task_state(post).pk == task_state.pk

    response = workflow_action(client, post, "reject", task_state, comment="Tambahkan tanggal kegiatan.")
    assert response.status_code == 302
    workflow_state = WorkflowState.objects.get(object_id=str(post.pk), status=WorkflowState.STATUS_NEEDS_CHANGES)
    assert workflow_state.current_task_state.comment == "Tambahkan tanggal kegiatan."
    post.refresh_from_db()
    assert not post.live

    as_user(client, editor)
    assert edit_post(client, post, "Berita lengkap, 1 Maret", submit=True).status_code == 302
    workflow_state.refresh_from_db()
    assert workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
    resubmitted = current_task_state(post)
    assert resubmitted.pk != task_state.pk
    as_user(client, moderator)
    workflow_action(client, post, "approve", resubmitted)
    post.refresh_from_db()
    assert post.live
    assert post.title == "Berita lengkap, 1 Maret"


# --- Isolation between regencies ----------------------------------------------------------------


def test_moderator_of_another_regency_is_refused_everywhere(client, kim, editor, other_moderator):
    as_user(client, editor)
    post = create_post(client, kim, "Hanya untuk Bangka", "hanya-bangka")
    task_state = current_task_state(post)
    as_user(client, other_moderator)
    for action, comment in (("approve", None), ("approve", "ok"), ("reject", "tidak")):
        assert refused(workflow_action(client, post, action, task_state, comment=comment))
    assert refused(client.get(reverse("wagtailadmin_pages:workflow_preview", args=(post.pk, task_state.task_id))))
    assert refused(
        client.get(reverse("wagtailadmin_pages:collect_workflow_action_data", args=(post.pk, "approve", task_state.pk)))
    )
    post.refresh_from_db()
    assert not post.live
    assert current_task_state(post).pk == task_state.pk
    assert task_state.task.specific.get_actions(post, other_moderator) == []


def test_own_page_in_the_url_does_not_open_another_regencys_task(client, kim, editor, moderator, other_moderator):
    """Wagtail's action view checks the page in the URL; the task state must be checked too."""
    as_user(client, editor)
    victim = create_post(client, kim, "Milik Bangka", "milik-bangka")
    victim_state = current_task_state(victim)
    belitung_kim = make_kim("belitung")
    as_user(client, make_editor(belitung_kim))
    own = create_post(client, belitung_kim, "Milik Belitung", "milik-belitung")
    as_user(client, other_moderator)
    for action in ("reject", "approve"):
        url = reverse("wagtailadmin_pages:workflow_action", args=(own.pk, action, victim_state.pk))
        assert refused(client.post(url, {"comment": "Bukan urusan Belitung."}))
    victim.refresh_from_db()
    assert not victim.live
    assert current_task_state(victim).pk == victim_state.pk


def test_sibling_kim_in_the_same_regency_has_the_same_moderators(client, kim, moderator, other_moderator):
    sibling = make_kim("bangka", name="KIM Tetangga")
    as_user(client, make_editor(sibling))
    post = create_post(client, sibling, "Kabar tetangga", "kabar-tetangga")
    task_state = current_task_state(post)
    as_user(client, other_moderator)
    assert refused(workflow_action(client, post, "approve", task_state))
    as_user(client, moderator)
    assert workflow_action(client, post, "approve", task_state).status_code == 302
    post.refresh_from_db()
    assert post.live


def test_english_translation_goes_through_the_same_regency(client, kim, editor, moderator, other_moderator):
    as_user(client, editor)
    post = create_post(client, kim, "Panen lada", "panen-lada")
    as_user(client, moderator)
    workflow_action(client, post, "approve", current_task_state(post))
    post.refresh_from_db()

    english = post.copy_for_translation(Locale.objects.get_or_create(language_code="en")[0], copy_parents=True)
    assert not english.live
    assert english.get_workflow().name == WORKFLOW_NAME
    # The editor edits and submits the English page as it does the Indonesian one.
    as_user(client, editor)
    assert edit_post(client, english, "Pepper harvest", submit=True).status_code == 302
    task_state = current_task_state(english)
    english.refresh_from_db()
    assert not english.live
    as_user(client, other_moderator)
    assert refused(workflow_action(client, english, "approve", task_state))
    as_user(client, moderator)
    assert workflow_action(client, english, "approve", task_state).status_code == 302
    english.refresh_from_db()
    assert english.live
    assert english.title == "Pepper harvest"
    assert english.locale.language_code == "en"


def test_portal_pages_go_to_provincial_admins(client, moderator):
    portal = PortalHomePage.objects.get()
    admin = make_provincial_admin()
    author = UserFactory(is_superuser=True)
    portal.title = "Portal KIM Babel (baru)"
    portal.save_revision(user=author)
    portal.get_workflow().start(portal, author)
    task_state = current_task_state(portal)
    as_user(client, moderator)
    assert refused(workflow_action(client, portal, "approve", task_state))
    portal.refresh_from_db()
    assert portal.title != "Portal KIM Babel (baru)"
    as_user(client, admin)
    assert workflow_action(client, portal, "approve", task_state).status_code == 302
    portal.refresh_from_db()
    assert portal.title == "Portal KIM Babel (baru)"


def test_task_states_a_moderator_can_review_are_its_regencys_only(client, kim, editor, moderator, other_moderator):
    as_user(client, editor)
    own = create_post(client, kim, "Bangka", "bangka-1")
    belitung_kim = make_kim("belitung")
    as_user(client, make_editor(belitung_kim))
    other = create_post(client, belitung_kim, "Belitung", "belitung-1")
    task = RegencyModerationTask.objects.get()
    assert set(task.get_task_states_user_can_moderate(moderator)) == {current_task_state(own)}
    assert set(task.get_task_states_user_can_moderate(other_moderator)) == {current_task_state(other)}
    assert not task.get_task_states_user_can_moderate(editor).exists()
    # Wagtail's own workflow report filters with the same rule.
    client = as_user(Client(), moderator)
    response = client.get(reverse("wagtailadmin_reports:workflow_tasks") + "?reviewable=true")
    assert response.status_code == 200
    # The platform's own name, in every admin title, names the province (Kepulauan Bangka Belitung).
    html = response.content.decode().replace(settings.WAGTAIL_SITE_NAME, "")
    assert "Bangka" in html
    assert "Belitung" not in html
