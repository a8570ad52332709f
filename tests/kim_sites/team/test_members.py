"""The team service itself (kim_sites/team/members.py): invitations, roles, removal, the last
Admin KIM, and the audit log, as the admin screens and the CLI both rely on them."""

import pytest

from django.contrib.auth import get_user_model
from django.core import mail

from wagtail.models import ModelLogEntry, Page, Revision

from kim_sites.team.members import (
    Role,
    TeamError,
    cancel_invitation,
    change_role,
    invite_member,
    members_of,
    parse_role,
    remove_member,
    resend_invitation,
    with_member_counts,
)
from tests.factories.accounts import DEFAULT_PASSWORD, make_editor, make_moderator
from tests.factories.pages import make_post
from tests.factories.registry import make_kim
from tests.support.mailbox import activation_path_from

pytestmark = pytest.mark.django_db

FIRST_ADMIN = "ketua@majujaya.id"


@pytest.fixture
def kim():
    return make_kim("bangka", name="KIM Maju Jaya", admin_email=FIRST_ADMIN)


@pytest.fixture
def first_admin(kim):
    return get_user_model().objects.get(email=FIRST_ADMIN)


def _user(email):
    return get_user_model().objects.get(email=email)


def _roles(kim):
    return {m.user.email: m.role for m in members_of(kim)}


def _open(client, url):
    return client.get(activation_path_from(url), follow=True)


def _actions(kim, action):
    return list(ModelLogEntry.objects.filter(object_id=str(kim.pk), action=action))


# --- Roles -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "role"),
    [("admin", Role.ADMIN), ("Admin KIM", Role.ADMIN), ("admin_kim", Role.ADMIN), ("EDITOR", Role.EDITOR)],
)
def test_parse_role_accepts_the_names_people_write(text, role):
    assert parse_role(text) == role


def test_parse_role_refuses_anything_else_in_indonesian():
    with pytest.raises(TeamError) as exc:
        parse_role("moderator")
    assert "tidak dikenal" in exc.value.errors[0]


def test_provisioning_makes_the_first_account_the_admin(kim, first_admin):
    assert _roles(kim) == {FIRST_ADMIN: Role.ADMIN}


# --- Invitations -------------------------------------------------------------------------------


def test_inviting_a_new_email_creates_an_account_without_password_and_mails_its_link(
    kim, first_admin, client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        result = invite_member(kim, email="Sekretaris@MajuJaya.id", name="Budi Santoso", actor=first_admin)
    user = result.user
    assert result.created and not result.added_existing
    assert user.email == "sekretaris@majujaya.id" and user.get_full_name() == "Budi Santoso"
    assert not user.has_usable_password()
    assert _roles(kim)["sekretaris@majujaya.id"] == Role.EDITOR
    [message] = mail.outbox
    assert message.to == ["sekretaris@majujaya.id"]
    assert activation_path_from(message.body) == activation_path_from(result.activation_url)
    assert 'name="new_password1"' in _open(client, result.activation_url).content.decode()
    [entry] = _actions(kim, "kim_sites.team.invite")
    assert entry.data["email"] == "sekretaris@majujaya.id" and entry.data["role"] == "editor"
    assert entry.user_id == first_admin.pk


def test_the_email_leaves_only_after_commit(kim, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        invite_member(kim, email="baru@majujaya.id")
    assert callbacks and mail.outbox == []


def test_inviting_an_existing_account_adds_the_role_without_a_second_account(kim, django_capture_on_commit_callbacks):
    other = make_kim("belitung", name="KIM Lain")
    editor = make_editor(other, email="penulis@contoh.id")
    before = get_user_model().objects.count()
    with django_capture_on_commit_callbacks(execute=True):
        result = invite_member(kim, email="PENULIS@contoh.id", role=Role.ADMIN)
    assert not result.created and result.added_existing and result.user.pk == editor.pk
    assert result.activation_url == ""
    assert get_user_model().objects.count() == before
    assert _roles(kim)["penulis@contoh.id"] == Role.ADMIN
    assert _roles(other)["penulis@contoh.id"] == Role.EDITOR
    # A notice, not a link: the account already has its password.
    [message] = mail.outbox
    assert message.to == ["penulis@contoh.id"] and "/aktivasi/" not in message.body
    assert _user("penulis@contoh.id").check_password(DEFAULT_PASSWORD)


def test_a_deactivated_account_is_reactivated_only_through_a_fresh_link(kim, client):
    editor = make_editor(kim, email="lama@contoh.id")
    assert remove_member(kim, editor).deactivated
    result = invite_member(kim, email="lama@contoh.id", send_email=False)
    user = _user("lama@contoh.id")
    assert not result.created and result.user.pk == editor.pk
    assert user.is_active and not user.has_usable_password()
    assert result.activation_url
    assert not client.login(username="lama@contoh.id", password=DEFAULT_PASSWORD)
    assert 'name="new_password1"' in _open(client, result.activation_url).content.decode()


def test_inviting_a_member_again_is_refused(kim, first_admin):
    with pytest.raises(TeamError) as exc:
        invite_member(kim, email=FIRST_ADMIN)
    assert "sudah menjadi anggota tim" in exc.value.errors[0]
    assert _actions(kim, "kim_sites.team.invite") == []


def test_a_bad_email_is_refused_next_to_its_field(kim):
    with pytest.raises(TeamError) as exc:
        invite_member(kim, email="bukan-email")
    assert [field for field, _ in exc.value.field_errors] == ["email"]
    assert not get_user_model().objects.filter(email="bukan-email").exists()


def test_resending_voids_the_old_link(kim, client):
    first = invite_member(kim, email="baru@majujaya.id", send_email=False).activation_url
    second = resend_invitation(kim, _user("baru@majujaya.id"), send_email=False)
    assert activation_path_from(second) != activation_path_from(first)
    assert "Tautan tidak berlaku" in _open(client, first).content.decode()
    client.cookies.clear()
    assert 'name="new_password1"' in _open(client, second).content.decode()
    assert len(_actions(kim, "kim_sites.team.resend")) == 1


def test_resending_to_an_activated_member_is_refused(kim):
    editor = make_editor(kim)
    with pytest.raises(TeamError):
        resend_invitation(kim, editor, send_email=False)


def test_cancelling_an_invitation_removes_the_member_and_kills_the_link(kim, client):
    url = invite_member(kim, email="batal@majujaya.id", send_email=False).activation_url
    cancel_invitation(kim, _user("batal@majujaya.id"))
    assert "batal@majujaya.id" not in _roles(kim)
    assert not _user("batal@majujaya.id").is_active
    assert "Tautan tidak berlaku" in _open(client, url).content.decode()
    assert _actions(kim, "kim_sites.team.cancel")[0].data["email"] == "batal@majujaya.id"


def test_cancelling_is_only_for_pending_invitations(kim):
    editor = make_editor(kim)
    with pytest.raises(TeamError):
        cancel_invitation(kim, editor)
    assert editor.email in _roles(kim)


# --- Roles and removal -------------------------------------------------------------------------


def test_changing_a_role(kim):
    editor = make_editor(kim)
    assert change_role(kim, editor, Role.ADMIN) is True
    assert _roles(kim)[editor.email] == Role.ADMIN
    assert change_role(kim, editor, "admin") is False
    [entry] = _actions(kim, "kim_sites.team.change_role")
    assert entry.data["email"] == editor.email and entry.data["role"] == "admin"
    # Exactly one of the two groups.
    assert set(editor.groups.filter(pk__in=[kim.editor_group_id, kim.admin_group_id])) == {kim.admin_group}


def test_removing_the_only_role_deactivates_but_keeps_the_content(kim):
    editor = make_editor(kim)
    post = make_post(kim, "Gotong royong", by=editor)
    revisions = Revision.objects.filter(user=editor).count()
    result = remove_member(kim, editor)
    editor.refresh_from_db()
    assert result.deactivated and not editor.is_active
    assert editor.email not in _roles(kim)
    assert Page.objects.filter(pk=post.pk).exists()
    assert revisions and Revision.objects.filter(user=editor).count() == revisions
    assert get_user_model().objects.filter(pk=editor.pk).exists()
    [entry] = _actions(kim, "kim_sites.team.remove")
    assert entry.data["email"] == editor.email and entry.data["role"] == "editor"


def test_a_removed_member_loses_the_admin_at_once(kim, client):
    editor = make_editor(kim)
    client.force_login(editor)
    assert client.get("/admin/").status_code == 200
    remove_member(kim, editor)
    assert client.get("/admin/").status_code == 302


def test_removing_someone_who_is_a_member_elsewhere_keeps_the_account(kim):
    other = make_kim("belitung", name="KIM Lain")
    editor = make_editor(other, email="dua-tim@contoh.id")
    invite_member(kim, email=editor.email, send_email=False)
    result = remove_member(kim, editor)
    editor.refresh_from_db()
    assert not result.deactivated and editor.is_active
    assert editor.email not in _roles(kim) and editor.email in _roles(other)


def test_removing_a_moderator_from_a_team_keeps_the_account(kim):
    moderator = make_moderator("bangka")
    invite_member(kim, email=moderator.email, send_email=False)
    result = remove_member(kim, moderator)
    moderator.refresh_from_db()
    assert not result.deactivated and moderator.is_active


# --- The last Admin KIM ------------------------------------------------------------------------


def test_the_last_admin_cannot_be_demoted_or_removed(kim, first_admin):
    with pytest.raises(TeamError) as demoted:
        change_role(kim, first_admin, Role.EDITOR)
    with pytest.raises(TeamError) as removed:
        remove_member(kim, first_admin)
    with pytest.raises(TeamError) as cancelled:
        cancel_invitation(kim, first_admin)  # provisioning's admin has not activated yet
    for exc in (demoted, removed, cancelled):
        assert "KIM harus selalu punya sedikitnya satu Admin KIM" in exc.value.errors[0]
    assert _roles(kim) == {FIRST_ADMIN: Role.ADMIN}
    first_admin.refresh_from_db()
    assert first_admin.is_active


def test_with_a_second_admin_the_first_can_go(kim, first_admin):
    second = make_editor(kim, email="wakil@majujaya.id")
    change_role(kim, second, Role.ADMIN)
    remove_member(kim, first_admin)
    assert _roles(kim) == {"wakil@majujaya.id": Role.ADMIN}


# --- Counts ------------------------------------------------------------------------------------


def test_member_counts_count_active_and_activated_accounts_only(kim, first_admin):
    make_editor(kim, email="aktif@majujaya.id")
    make_editor(kim, email="nonaktif@majujaya.id")
    get_user_model().objects.filter(email="nonaktif@majujaya.id").update(is_active=False)
    invite_member(kim, email="menunggu@majujaya.id", send_email=False)  # pending: not counted
    first_admin.set_password(DEFAULT_PASSWORD)
    first_admin.save()
    empty = make_kim("belitung", name="KIM Kosong")
    counts = dict(
        with_member_counts(type(kim).objects.filter(pk__in=[kim.pk, empty.pk])).values_list("slug", "active_members")
    )
    assert counts == {kim.slug: 2, empty.slug: 0}
