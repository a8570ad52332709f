"""An English translation goes through the regency's moderation, like the Indonesian post.

Driven as Diskominfo does it: the provincial admin translates a live post with wagtail-localize's
own views (submit, then the translation editor), its primary action sends the translation to
"Moderasi KIM", and only the moderators of the KIM's regency approve it onto /en/.
"""

from urllib.parse import urlencode

import pytest

from django.core import mail
from django.test import Client
from django.urls import reverse

from wagtail.models import Locale, WorkflowState
from wagtail_localize.models import StringSegment, Translation

from kim_sites.models import PostPage
from tests.factories.accounts import make_editor
from tests.support.admin import create_post, current_task_state, workflow_action

pytestmark = pytest.mark.django_db


@pytest.fixture
def en():
    return Locale.objects.get_or_create(language_code="en")[0]


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def live_post(kim, moderator):
    post = create_post(signed_in(make_editor(kim)), kim, "Panen lada putih", "panen-lada-putih")
    workflow_action(signed_in(moderator), post, "approve", current_task_state(post))
    post.refresh_from_db()
    assert post.live
    mail.outbox.clear()
    return post


def translate(admin, post, en):
    """The admin asks for an English translation: wagtail-localize makes the English draft."""
    client = signed_in(admin)
    response = client.post(reverse("wagtail_localize:submit_page_translation", args=[post.pk]), {"locales": [en.pk]})
    english = PostPage.objects.get(translation_key=post.translation_key, locale=en)
    assert response.status_code == 302 and response.url == reverse("wagtailadmin_pages:edit", args=[english.pk])
    translation = Translation.objects.get(source__object_id=post.translation_key, target_locale=en)
    return client, english, translation


def translate_string(client, translation, path, value):
    segment = StringSegment.objects.get(source=translation.source, context__path=path)
    response = client.put(
        reverse("wagtail_localize:edit_string_translation", args=[translation.pk, segment.pk]),
        urlencode({"value": value}),
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code in (200, 201), response.content  # updated, created


def send(client, english):
    """The translation editor's primary button."""
    return client.post(reverse("wagtailadmin_pages:edit", args=[english.pk]), {"action": "publish"})


def english_page(kim, path):
    return Client().get(path, HTTP_HOST=kim.site.hostname)


def test_the_translation_is_moderated_by_the_kims_regency(
    kim, live_post, provincial_admin, moderator, other_moderator, en
):
    client, english, translation = translate(provincial_admin, live_post, en)
    assert not english.live
    translate_string(client, translation, "title", "White pepper harvest")

    response = send(client, english)
    assert response.status_code == 302
    english.refresh_from_db()
    # Submitted, not published: the English text waits for the regency.
    assert not english.live
    assert english.workflow_in_progress
    assert english.get_latest_revision_as_object().title == "White pepper harvest"
    messages = [str(m) for m in client.get(response.url).context["messages"]]
    assert any("telah dikirim ke Moderasi KIM" in m for m in messages), messages
    assert english_page(kim, "/en/berita/panen-lada-putih/").status_code in (302, 404)
    # Bangka's moderator is told; Belitung's is not.
    recipients = {address for message in mail.outbox for address in message.to}
    assert moderator.email in recipients and other_moderator.email not in recipients

    task_state = current_task_state(english)
    assert workflow_action(signed_in(other_moderator), english, "approve", task_state).status_code in (302, 403)
    english.refresh_from_db()
    assert not english.live

    assert workflow_action(signed_in(moderator), english, "approve", task_state).status_code == 302
    english.refresh_from_db()
    assert english.live and english.title == "White pepper harvest"
    response = english_page(kim, "/en/berita/panen-lada-putih/")
    assert response.status_code == 200
    assert "White pepper harvest" in response.content.decode()


def test_a_sent_back_translation_is_fixed_and_resubmitted(live_post, provincial_admin, moderator, en):
    client, english, translation = translate(provincial_admin, live_post, en)
    translate_string(client, translation, "title", "Pepper harvest")
    send(client, english)
    task_state = current_task_state(english)
    workflow_action(signed_in(moderator), english, "reject", task_state, comment="Sebutkan lada putih.")
    state = WorkflowState.objects.get(object_id=str(english.pk))
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES

    translate_string(client, translation, "title", "White pepper harvest")
    assert send(client, english).status_code == 302
    state.refresh_from_db()
    # The same workflow resumes with the new text, as Wagtail's own resubmission does.
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    resumed = current_task_state(english)
    assert resumed.pk != task_state.pk
    assert resumed.revision.as_object().title == "White pepper harvest"
    english.refresh_from_db()
    assert not english.live


def test_resending_while_in_moderation_restarts_it_on_the_new_text(live_post, provincial_admin, en):
    client, english, translation = translate(provincial_admin, live_post, en)
    send(client, english)
    first = WorkflowState.objects.get(object_id=str(english.pk), status=WorkflowState.STATUS_IN_PROGRESS)
    translate_string(client, translation, "title", "White pepper harvest")
    send(client, english)
    first.refresh_from_db()
    assert first.status == WorkflowState.STATUS_CANCELLED
    assert current_task_state(english).revision.as_object().title == "White pepper harvest"


def test_the_editors_button_says_it_submits(provincial_admin, live_post, en):
    client, english, _ = translate(provincial_admin, live_post, en)
    assert client.get(reverse("wagtailadmin_pages:edit", args=[english.pk])).status_code == 200
    catalog = client.get("/admin/localize/jsi18n/").content.decode()
    assert "Kirim ke Moderasi KIM \\u2014 " in catalog or "Kirim ke Moderasi KIM — " in catalog
    assert "Terbitkan dalam " not in catalog


def test_sync_with_publish_immediately_submits_instead(kim, live_post, provincial_admin, moderator, en):
    client, english, translation = translate(provincial_admin, live_post, en)
    send(client, english)
    workflow_action(signed_in(moderator), english, "approve", current_task_state(english))
    english.refresh_from_db()
    assert english.live
    # The Indonesian post changes and is approved again.
    live_post.summary = "Ringkasan baru."
    live_post.save_revision().publish()

    url = reverse("wagtail_localize:update_translations", args=[translation.source_id])
    form = client.get(url).content.decode()
    assert "Kirim ke Moderasi KIM" in form and "Terbitkan segera" not in form
    assert client.post(url, {"publish_translations": "on"}).status_code == 302
    english.refresh_from_db()
    assert english.workflow_in_progress
    assert english.get_latest_revision_as_object().summary == "Ringkasan baru."
    # The live English page keeps its approved text until the moderator decides.
    assert PostPage.objects.get(pk=english.pk).summary != "Ringkasan baru."


def test_a_new_draft_of_a_live_translation_stays_off_the_site_until_approved(
    kim, live_post, provincial_admin, moderator, en
):
    client, english, translation = translate(provincial_admin, live_post, en)
    translate_string(client, translation, "title", "Pepper harvest")
    translate_string(client, translation, "slug", "pepper-harvest")
    send(client, english)
    workflow_action(signed_in(moderator), english, "approve", current_task_state(english))
    assert "Pepper harvest" in english_page(kim, "/en/berita/pepper-harvest/").content.decode()

    translate_string(client, translation, "title", "White pepper harvest")
    translate_string(client, translation, "slug", "white-pepper-harvest")
    send(client, english)
    # Waiting for the moderator: visitors still read the approved text at its URL.
    response = english_page(kim, "/en/berita/pepper-harvest/")
    assert response.status_code == 200
    assert "Pepper harvest" in response.content.decode()
    assert "White pepper harvest" not in response.content.decode()
    assert english_page(kim, "/en/berita/white-pepper-harvest/").status_code in (302, 404)
    english.refresh_from_db()
    assert english.live and english.has_unpublished_changes

    workflow_action(signed_in(moderator), english, "approve", current_task_state(english))
    response = english_page(kim, "/en/berita/white-pepper-harvest/")
    assert response.status_code == 200
    assert "White pepper harvest" in response.content.decode()
