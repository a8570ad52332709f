"""The demo's moderation flow: posts waiting in several regencies, one sent back, built idempotently."""

import io

import pytest

from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import call_command
from django.test import Client

from wagtail.models import WorkflowState

from home import demo
from kim_sites.models import PostPage
from kim_sites.moderation.workflow import regency_of

pytestmark = pytest.mark.django_db


def test_moderation_demo_waits_in_several_regencies_and_loads_once():
    call_command("load_demo", "--quiet-urls", stdout=io.StringIO())
    posts = PostPage.objects.filter(slug__in=[row[1] for row in demo.DEMO_MODERATION_POSTS])
    assert posts.count() == len(demo.DEMO_MODERATION_POSTS)
    assert not posts.filter(live=True).exists()
    assert mail.outbox == []

    states = {ws.object_id: ws for ws in WorkflowState.objects.active()}
    assert set(states) == {str(post.pk) for post in posts}
    waiting = [post for post in posts if states[str(post.pk)].status == WorkflowState.STATUS_IN_PROGRESS]
    sent_back = [post for post in posts if states[str(post.pk)].status == WorkflowState.STATUS_NEEDS_CHANGES]
    assert len({regency_of(post) for post in waiting}) >= 2
    assert [post.slug for post in sent_back] == ["pelatihan-pemasaran-daring-umkm"]
    assert states[str(sent_back[0].pk)].current_task_state.comment

    # Loading again changes nothing.
    assert demo.load_moderation_demo() == []
    assert WorkflowState.objects.count() == len(demo.DEMO_MODERATION_POSTS)

    # The demo moderator of Bangka finds its regency's post in its queue, and logs in with the demo password.
    client = Client()
    assert client.login(username="moderator.bangka@demo.kim.id", password=demo.DEMO_PASSWORD)
    html = client.get("/admin/moderasi/").content.decode()
    assert "Gotong royong membersihkan saluran air" in html
    assert "Festival Kampung Terong" not in html
    for email in ("editor.sinarbaru@demo.kim.id", "admin@demo.kim.id"):
        assert get_user_model().objects.get(email=email).check_password(demo.DEMO_PASSWORD)
