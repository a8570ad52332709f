"""The moderator's decision, through the real admin URLs: confirmed, announced with a link, and only
the decision on offer while a post is under review.

The queue and the dashboard decide through Wagtail's workflow-action view; the review screen (the
page editor) through its action menu. Both must ask first, say what happened, and link to the live
post (on its KIM's host) or to the draft sent back.
"""

import datetime
import difflib
import json
import re
from pathlib import Path

import pytest

from django.contrib.messages import get_messages
from django.template.loader import get_template
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from wagtail.models import Locale, WorkflowState

from kim_sites.models import PostPage
from kim_sites.public.urls import CanonicalUrls
from tests.factories.accounts import make_editor, make_moderator
from tests.support.admin import create_post, current_task_state, login, post_data

pytestmark = pytest.mark.django_db

QUEUE = "/admin/moderasi/"
DASHBOARD = "/admin/"


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def only_message(response):
    shown = messages_of(response)
    assert len(shown) == 1, shown
    return shown[0]


def links(message):
    return re.findall(r'href="([^"]+)"', message)


def decide(client, post, action, comment="", next_url=QUEUE, ajax=False):
    """A decision as the queue's dialog posts it (`next` is the page the dialog was opened from)."""
    url = reverse("wagtailadmin_pages:workflow_action", args=(post.pk, action, current_task_state(post).pk))
    headers = {"HTTP_X_REQUESTED_WITH": "XMLHttpRequest"} if ajax else {}
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(url, {"comment": comment, "next": next_url}, **headers)


def decide_in_editor(client, post, action, comment="", title=None):
    """A decision from the review screen: the edit form posted with the dialog's data, as
    Wagtail's workflow-action.js does after the dialog (collect_workflow_action_data). The form
    comes back as it was shown, unless the moderator changed the `title`."""
    post = fresh(post)
    data = post_data(title or post.title, post.slug, summary=post.summary, paragraph="Isi berita.")
    data["body-0-id"] = post.body[0].id
    data.update(
        {
            "action-workflow-action": "true",
            "workflow-action-name": action,
            "workflow-action-extra-data": json.dumps({"comment": comment}),
        }
    )
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(reverse("wagtailadmin_pages:edit", args=(post.pk,)), data)


@pytest.fixture
def post(kim, editor):
    return create_post(login(editor), kim, "Kerja bakti di balai desa", "kerja-bakti", summary="Warga bekerja bakti.")


def refused(response):
    """Wagtail answers a PermissionDenied in its admin with 403, or a redirect to the dashboard."""
    return response.status_code == 403 or (response.status_code == 302 and response.url == reverse("wagtailadmin_home"))


def fresh(post):
    return PostPage.objects.get(pk=post.pk)


# --- Asked first --------------------------------------------------------------------------------


@pytest.mark.parametrize("view", ["workflow_action", "collect_workflow_action_data"])
def test_approving_asks_for_confirmation_with_an_optional_comment(moderator, post, view):
    """The queue opens workflow_action, the review screen collect_workflow_action_data: the same dialog."""
    url = reverse(f"wagtailadmin_pages:{view}", args=(post.pk, "approve", current_task_state(post).pk))
    response = login(moderator).get(url, HTTP_X_REQUESTED_WITH="XMLHttpRequest")
    assert response.status_code == 200
    body = response.json()
    assert body["step"] == "action"
    html = body["html"]
    assert "Setujui “<strong>Kerja bakti di balai desa</strong>”?" in html
    assert "langsung tayang di KIM Maju Jaya" in html
    assert "Komentar untuk penulis (tidak wajib)" in html
    assert 'name="comment"' in html and "required" not in html
    assert f'action="{url}"' in html
    assert "Setujui dan terbitkan" in html and "Batal" in html
    assert not fresh(post).live


@pytest.mark.parametrize("view", ["workflow_action", "collect_workflow_action_data"])
def test_sending_back_asks_for_confirmation_and_a_required_comment(moderator, post, view):
    url = reverse(f"wagtailadmin_pages:{view}", args=(post.pk, "reject", current_task_state(post).pk))
    client = login(moderator)
    html = client.get(url, HTTP_X_REQUESTED_WITH="XMLHttpRequest").json()["html"]
    assert "Kembalikan “<strong>Kerja bakti di balai desa</strong>” ke penulisnya?" in html
    assert "Komentar untuk penulis" in html and "required" in html
    response = client.post(url, {"comment": ""}, HTTP_X_REQUESTED_WITH="XMLHttpRequest")
    assert "Tulis apa yang perlu diperbaiki" in response.json()["html"]
    assert current_task_state(post).status == "in_progress"


def test_the_optional_comment_reaches_the_task_state(moderator, post):
    task_state = current_task_state(post)
    decide(login(moderator), post, "approve", comment="Foto bagus, terima kasih.")
    task_state.refresh_from_db()
    assert task_state.status == "approved" and task_state.comment == "Foto bagus, terima kasih."


# --- Said afterwards, with a link -----------------------------------------------------------------


def test_approval_in_the_queue_says_it_is_live_and_links_to_the_post_on_its_kims_host(kim, moderator, post):
    client = login(moderator)
    response = decide(client, post, "approve")
    assert response.status_code == 302 and response.url == QUEUE
    message = only_message(response)
    assert "“Kerja bakti di balai desa” disetujui dan terbit." in message
    live_url = CanonicalUrls().url(fresh(post))
    assert live_url == f"http://{kim.site.hostname}/berita/kerja-bakti/"
    assert links(message) == [live_url]
    assert "Lihat di situs" in message
    # The message shows on the queue the moderator returns to.
    assert "disetujui dan terbit" in client.get(QUEUE).content.decode()


def test_approval_through_the_dialog_answers_json_and_shows_the_message_after(kim, moderator, post):
    client = login(moderator)
    response = decide(client, post, "approve", next_url=DASHBOARD, ajax=True)
    assert response.json() == {"step": "success", "redirect": DASHBOARD}
    html = client.get(DASHBOARD).content.decode()
    assert "disetujui dan terbit" in html
    assert f'href="http://{kim.site.hostname}/berita/kerja-bakti/"' in html


def test_sending_back_in_the_queue_links_to_the_draft(moderator, post):
    response = decide(login(moderator), post, "reject", comment="Tambahkan tanggal kegiatan.")
    message = only_message(response)
    assert "“Kerja bakti di balai desa” dikembalikan ke penulisnya untuk diperbaiki." in message
    assert links(message) == [reverse("wagtailadmin_pages:edit", args=(post.pk,))]
    assert "Buka draf yang dikembalikan" in message
    assert not fresh(post).live


def test_a_scheduled_approval_says_when_it_goes_live_not_that_it_is_live(kim, moderator):
    go_live = timezone.localtime() + datetime.timedelta(days=3)
    author = make_moderator("bangka", email="moderator-kedua@kominfo-uji.id")
    post = create_post(login(author), kim, "Pengumuman lomba", "lomba", go_live_at=go_live.strftime("%Y-%m-%d %H:%M"))
    message = only_message(decide(login(moderator), post, "approve"))
    assert not fresh(post).live
    assert "disetujui dan dijadwalkan terbit" in message and "disetujui dan terbit" not in message
    assert links(message) == [reverse("wagtailadmin_pages:edit", args=(post.pk,))]


def test_a_refused_or_invalid_decision_says_nothing_of_success(moderator, other_moderator, post):
    # Sending back without a comment, outside the dialog: nothing happens, nothing is announced.
    response = decide(login(moderator), post, "reject", comment="")
    assert not any("dikembalikan" in message for message in messages_of(response))
    assert current_task_state(post).status == "in_progress"
    # Another regency's moderator is refused and told nothing about the post.
    response = decide(login(other_moderator), post, "approve")
    assert refused(response)
    assert not any("Kerja bakti" in message for message in messages_of(response))
    assert not fresh(post).live


def test_approval_in_the_review_screen_says_it_is_live_instead_of_page_updated(kim, moderator, post):
    response = decide_in_editor(login(moderator), post, "approve", comment="Sip.")
    assert response.status_code == 302
    post = fresh(post)
    assert post.live
    message = only_message(response)
    assert "disetujui dan terbit" in message
    assert "diperbarui" not in message
    assert links(message) == [f"http://{kim.site.hostname}/berita/kerja-bakti/"]


def test_a_correction_approved_in_the_review_screen_is_what_goes_live(kim, moderator, post):
    """The moderator fixes the title and approves: the version on screen is published, at once."""
    response = decide_in_editor(login(moderator), post, "approve", title="Kerja bakti di balai Desa Maju")
    post = fresh(post)
    assert post.live and post.title == "Kerja bakti di balai Desa Maju"
    assert post.live_revision.user == moderator
    assert "disetujui dan terbit" in only_message(response)
    assert not WorkflowState.objects.for_instance(post).filter(status=WorkflowState.STATUS_IN_PROGRESS).exists()


def test_an_earlier_approval_does_not_publish_a_later_correction(moderator, post):
    """From the queue, the version under review is approved, not a correction saved before."""
    client = login(moderator)
    edit = post_data("Diubah saat ditinjau", post.slug, summary=post.summary)
    assert client.post(reverse("wagtailadmin_pages:edit", args=(post.pk,)), edit).status_code == 302
    response = decide(client, post, "approve")
    assert not fresh(post).live
    message = messages_of(response)[-1]  # after the unread "saved" of the correction
    assert "disetujui, tetapi belum terbit" in message and "disetujui dan terbit" not in message
    assert links(message) == [reverse("wagtailadmin_pages:edit", args=(post.pk,))]


def test_sending_back_in_the_review_screen_links_to_the_draft(moderator, post):
    response = decide_in_editor(login(moderator), post, "reject", comment="Foto kurang jelas.")
    assert response.status_code == 302
    message = only_message(response)
    assert "dikembalikan ke penulisnya" in message
    assert links(message) == [reverse("wagtailadmin_pages:edit", args=(post.pk,))]
    state = WorkflowState.objects.for_instance(post).get(status=WorkflowState.STATUS_NEEDS_CHANGES)
    assert state.current_task_state.comment == "Foto kurang jelas."


def test_the_link_of_an_english_post_is_its_english_url(kim, editor, moderator, post):
    decide(login(moderator), post, "approve")
    english = fresh(post).copy_for_translation(Locale.objects.get_or_create(language_code="en")[0], copy_parents=True)
    client = login(editor)
    data = post_data("Community work", english.slug, summary="Residents work together.", **{"action-submit": "Kirim"})
    assert client.post(reverse("wagtailadmin_pages:edit", args=(english.pk,)), data).status_code == 302
    message = only_message(decide(login(moderator), english, "approve"))
    assert links(message) == [f"http://{kim.site.hostname}/en/berita/{english.slug}/"]


# --- The review screen's menu ---------------------------------------------------------------------


def footer(response):
    html = response.content.decode()
    return html[html.index("<footer") : html.index("</footer>")]


def test_review_screen_offers_a_moderator_the_decision_and_nothing_around_it(moderator, post):
    response = login(moderator).get(reverse("wagtailadmin_pages:edit", args=(post.pk,)))
    assert response.status_code == 200
    menu = footer(response)
    # The primary action is the approval; send back and the moderator's own draft follow.
    assert menu.index('data-workflow-action-name="approve"') < menu.index('data-workflow-action-name="reject"')
    assert menu.index('data-workflow-action-name="reject"') < menu.index("action-save")
    assert "Setujui dan terbitkan" in menu and "Kembalikan untuk diperbaiki" in menu
    # Both open the confirmation dialog.
    assert menu.count("data-workflow-action-modal-url") == 2
    for absent in ('name="action-publish"', "action-cancel-workflow", "action-restart-workflow", "action-unpublish"):
        assert absent not in menu
    assert "Setujui dengan komentar" not in menu


def test_provincial_admins_keep_their_menu_without_the_duplicate_approval(provincial_admin, post):
    menu = footer(login(provincial_admin).get(reverse("wagtailadmin_pages:edit", args=(post.pk,))))
    assert 'name="action-publish"' in menu
    assert "action-cancel-workflow" in menu
    assert "Setujui dan terbitkan" in menu and "Kembalikan untuk diperbaiki" in menu
    assert "Setujui dengan komentar" not in menu


def test_outside_review_a_moderators_menu_is_wagtails(kim, moderator):
    draft = create_post(login(make_editor(kim, email="penulis@kim-uji.id")), kim, "Draf biasa", "draf", submit=False)
    menu = footer(login(moderator).get(reverse("wagtailadmin_pages:edit", args=(draft.pk,))))
    assert 'name="action-publish"' in menu
    assert "data-workflow-action-name" not in menu


def test_the_editor_still_never_publishes_and_sees_no_decision(editor, post):
    response = login(editor).get(reverse("wagtailadmin_pages:edit", args=(post.pk,)))
    menu = footer(response)
    assert 'name="action-publish"' not in menu
    assert "data-workflow-action-name" not in menu


# --- Refused when posted anyway -----------------------------------------------------------------


def post_edit(client, post, **actions):
    data = post_data(post.title, post.slug, summary=post.summary, **actions)
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(reverse("wagtailadmin_pages:edit", args=(post.pk,)), data)


@pytest.mark.parametrize(
    "action",
    [
        {"action-publish": "Terbitkan"},
        {"action-cancel-workflow": "Batalkan alur kerja"},
        {"action-restart-workflow": "Mulai ulang"},
    ],
)
def test_a_moderator_cannot_go_around_the_decision_on_a_post_in_review(moderator, post, action):
    task_state = current_task_state(post)
    assert refused(post_edit(login(moderator), post, **action))
    post = fresh(post)
    assert not post.live
    assert current_task_state(post).pk == task_state.pk


def test_a_moderator_cannot_bulk_publish_a_post_in_review(moderator, post):
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = login(moderator).post(f"/admin/bulk/wagtailcore/page/publish/?id={post.pk}", {})
    assert refused(response)
    assert not fresh(post).live
    assert current_task_state(post).status == "in_progress"


def test_a_moderator_still_publishes_a_page_outside_review(kim, moderator):
    draft = create_post(login(make_editor(kim, email="penulis@kim-uji.id")), kim, "Draf biasa", "draf", submit=False)
    response = post_edit(login(moderator), draft, **{"action-publish": "Terbitkan"})
    assert response.status_code == 302
    assert fresh(draft).live


def test_a_provincial_admin_may_still_publish_a_post_in_review(provincial_admin, post):
    response = post_edit(login(provincial_admin), post, **{"action-publish": "Terbitkan"})
    assert response.status_code == 302
    assert fresh(post).live


def test_the_other_regencys_moderator_still_gets_nothing(other_moderator, post):
    client = login(other_moderator)
    for url in (
        reverse("wagtailadmin_pages:edit", args=(post.pk,)),
        reverse("wagtailadmin_pages:workflow_action", args=(post.pk, "approve", current_task_state(post).pk)),
    ):
        response = client.get(url, HTTP_X_REQUESTED_WITH="XMLHttpRequest")
        assert response.status_code in (302, 403, 404)
        assert "Kerja bakti" not in response.content.decode()
    assert refused(post_edit(client, post, **{"action-publish": "Terbitkan"}))
    assert not fresh(post).live
    assert "Kerja bakti" not in client.get(QUEUE).content.decode()


# --- Upgrade guard ----------------------------------------------------------------------------


def test_the_confirmation_dialog_mirrors_the_wagtail_template_it_was_written_against():
    """templates/kim_sites/moderation/confirm_action_modal.html keeps the structure of Wagtail's
    workflow-action dialog, which Wagtail's modal JavaScript relies on (docs/upgrading.md, section 4)."""
    installed = Path(get_template("wagtailadmin/shared/workflow_action_modal.html").origin.name).read_text()
    stored_path = Path(__file__).parents[2] / "upgrade_guard/wagtailadmin/shared/workflow_action_modal.html.mirrored"
    diff = "".join(
        difflib.unified_diff(stored_path.read_text().splitlines(True), installed.splitlines(True), str(stored_path))
    )
    assert not diff, (
        "Wagtail's workflow_action_modal.html changed: carry the change into "
        f"templates/kim_sites/moderation/confirm_action_modal.html, then store the new original.\n{diff}"
    )
