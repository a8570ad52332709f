"""Moderation e-mails: who receives them, what they say (in Indonesian), and where their links point."""

import datetime

import pytest

from django.core import mail
from django.utils import timezone

from wagtail.users.models import UserProfile

from home.models import PortalHomePage
from tests.factories.accounts import UserFactory, make_editor, make_moderator, make_provincial_admin
from tests.factories.registry import make_kim
from tests.support.admin import create_post, current_task_state, edit_post, workflow_action

pytestmark = pytest.mark.django_db

ADMIN = "https://admin.kim.test"


@pytest.fixture
def moderators():
    return [make_moderator("bangka"), make_moderator("bangka", email="pembina-dua@bangka.go.id")]


@pytest.fixture
def bystanders(kim):
    """Everyone who must never hear of a Bangka submission."""
    superuser = UserFactory(is_superuser=True, email="super@kim.test")
    provincial = make_provincial_admin(email="provinsi@kim.test")
    return [
        make_moderator("belitung"),
        make_moderator("pangkalpinang"),
        superuser,
        provincial,
        make_editor(make_kim("bangka"), email="editor-tetangga@kim.test"),
    ]


def recipients():
    return sorted(address for message in mail.outbox for address in message.to)


def login(client, user):
    client.force_login(user)
    return client


def html_of(message):
    return next(content for content, mimetype in message.alternatives if mimetype == "text/html")


def test_submission_emails_the_regency_moderators_only(client, kim, editor, moderators, bystanders):
    login(client, editor)
    post = create_post(client, kim, "Musyawarah desa", "musyawarah")
    assert recipients() == sorted(m.email for m in moderators)
    message = mail.outbox[0]
    assert message.subject == 'Menunggu moderasi: "Musyawarah desa" (KIM Maju Jaya)'
    task_state = current_task_state(post)
    for body in (message.body, html_of(message)):
        assert "KIM Maju Jaya" in body
        assert "Kabupaten Bangka" in body
        assert "untuk dimoderasi" in body
        assert f"{ADMIN}/admin/pages/{post.pk}/edit/" in body
        assert f"{ADMIN}/admin/pages/workflow/preview/{post.pk}/{task_state.task_id}/" in body
        assert f"{ADMIN}/admin/moderasi/" in body
        assert "testserver" not in body
        assert "Awaiting" not in body and "submitted" not in body


def test_submission_email_is_indonesian_whatever_the_admin_language(client, kim, editor, moderators):
    profile = UserProfile.get_for_user(moderators[0])
    profile.preferred_language = "en"
    profile.save()
    login(client, editor)
    create_post(client, kim, "Lomba kebersihan", "lomba")
    message = next(m for m in mail.outbox if m.to == [moderators[0].email])
    assert message.subject.startswith("Menunggu moderasi")
    assert "Yth." in message.body
    months = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober"]
    months += ["November", "Desember"]
    assert any(month in message.body for month in months)


def test_moderator_who_turned_notifications_off_is_not_emailed(client, kim, editor, moderators):
    profile = UserProfile.get_for_user(moderators[1])
    profile.submitted_notifications = False
    profile.save()
    login(client, editor)
    create_post(client, kim, "Sunyi", "sunyi")
    assert recipients() == [moderators[0].email]


def test_approval_emails_the_author_with_the_public_link(client, kim, editor, moderators, bystanders):
    login(client, editor)
    post = create_post(client, kim, "Panen raya", "panen-raya")
    mail.outbox.clear()
    login(client, moderators[0])
    workflow_action(client, post, "approve", current_task_state(post))
    assert recipients() == [editor.email]
    message = mail.outbox[0]
    assert message.subject == 'Disetujui: "Panen raya"'
    post.refresh_from_db()
    for body in (message.body, html_of(message)):
        assert f"telah disetujui oleh {moderators[0].email}" in body
        assert "Komentar moderator" not in body
        assert "Halaman sudah tayang: " in body
        assert post.full_url in body
        assert post.full_url.startswith("http://kim-maju-jaya.kim.test/")
        assert f"{ADMIN}/admin/pages/{post.pk}/workflow_history/" in body
        assert "testserver" not in body


def test_approval_with_comment_quotes_it_to_the_author(client, kim, editor, moderators):
    login(client, editor)
    post = create_post(client, kim, "Lomba perahu naga", "perahu-naga")
    mail.outbox.clear()
    login(client, moderators[1])
    workflow_action(client, post, "approve", current_task_state(post), comment="Bagus, tambahkan foto lain kali.")
    assert recipients() == [editor.email]
    for body in (mail.outbox[0].body, html_of(mail.outbox[0])):
        assert f"telah disetujui oleh {moderators[1].email}" in body
        assert "Bagus, tambahkan foto lain kali." in body


def test_scheduled_approval_tells_the_author_when_it_goes_live(client, kim, editor, moderators):
    # Only those who may publish can set a go-live date: one moderator submits, another approves.
    go_live = timezone.localtime() + datetime.timedelta(days=2)
    login(client, moderators[1])
    post = create_post(client, kim, "Agenda HUT RI", "hut-ri", go_live_at=go_live.strftime("%Y-%m-%d %H:%M"))
    mail.outbox.clear()
    login(client, moderators[0])
    workflow_action(client, post, "approve", current_task_state(post))
    [message] = [m for m in mail.outbox if m.to == [moderators[1].email]]
    assert "dijadwalkan tayang pada" in message.body
    assert f"{go_live:%H:%M} WIB" in message.body
    assert "sudah tayang" not in message.body


def test_send_back_emails_the_author_with_the_comment(client, kim, editor, moderators, bystanders):
    login(client, editor)
    post = create_post(client, kim, "Bantuan sembako", "sembako")
    mail.outbox.clear()
    login(client, moderators[0])
    workflow_action(client, post, "reject", current_task_state(post), comment="Sebutkan jumlah penerima bantuan.")
    assert recipients() == [editor.email]
    message = mail.outbox[0]
    assert message.subject == 'Perlu diperbaiki: "Bantuan sembako"'
    for body in (message.body, html_of(message)):
        assert "dikembalikan oleh" in body
        assert "Sebutkan jumlah penerima bantuan." in body
        assert f"{ADMIN}/admin/pages/{post.pk}/edit/" in body

    # Fixed and sent again: the moderators hear of it again, the one who sent it back included.
    mail.outbox.clear()
    login(client, editor)
    edit_post(client, post, "Bantuan sembako untuk 120 keluarga", submit=True)
    assert recipients() == sorted(m.email for m in moderators)
    assert "Bantuan sembako untuk 120 keluarga" in mail.outbox[0].subject


def test_refused_moderator_of_another_regency_sends_nothing(client, kim, editor, moderators, bystanders):
    login(client, editor)
    post = create_post(client, kim, "Rahasia dapur", "rahasia")
    mail.outbox.clear()
    belitung_moderator = bystanders[0]
    login(client, belitung_moderator)
    workflow_action(client, post, "approve", current_task_state(post))
    workflow_action(client, post, "reject", current_task_state(post), comment="bukan wilayah saya")
    assert mail.outbox == []


def test_portal_submission_emails_the_provincial_admins(client, moderators, bystanders):
    portal = PortalHomePage.objects.get()
    author = UserFactory(is_superuser=True, email="penulis-portal@kim.test")
    portal.save_revision(user=author)
    portal.get_workflow().start(portal, author)
    assert recipients() == ["provinsi@kim.test"]
