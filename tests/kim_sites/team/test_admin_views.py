"""The "Tim KIM" screens through the real admin URLs: the list, inviting, re-inviting,
cancelling, changing roles and removing, the last Admin KIM, and the Indonesian of it all."""

import pytest

from django.contrib.auth import get_user_model
from django.core import mail
from django.utils import timezone

from kim_sites.team.members import Role, invite_member, member_of
from tests.factories.accounts import make_kim_admin
from tests.support.admin import login
from tests.support.mailbox import activation_path_from

pytestmark = pytest.mark.django_db

LAST_ADMIN = "KIM harus selalu punya sedikitnya satu Admin KIM"


@pytest.fixture
def kim_admin(kim):
    return make_kim_admin(kim)


@pytest.fixture
def first_admin(kim):
    """The Admin KIM that provisioning invited: it has not activated its account."""
    return get_user_model().objects.filter(groups=kim.admin_group).order_by("pk").first()


@pytest.fixture
def invited(kim):
    return invite_member(kim, email="calon@kim-uji.id", name="Calon Anggota", send_email=False).user


def team_url(kim, *rest):
    return "/".join([f"/admin/tim/{kim.pk}", *map(str, rest)]) + "/"


def _messages(response):
    return [str(m) for m in response.context["messages"]] if response.context else []


def test_the_list_shows_role_invitation_and_last_login(kim, editor, kim_admin, first_admin):
    editor.last_login = timezone.now()
    editor.save()
    html = login(kim_admin).get(team_url(kim)).content.decode()
    assert f"Tim {kim.name}" in html
    for user in (editor, kim_admin, first_admin):
        assert user.email in html
    assert "Admin KIM" in html and "Editor" in html
    assert "Diundang" in html and "Terakhir masuk" in html
    assert "Belum pernah" in html  # the pending first admin never signed in
    assert "Menunggu aktivasi" in html
    assert "Undang anggota" in html
    # Admins first.
    assert html.index(first_admin.email) < html.index(editor.email)


def test_the_pending_member_has_resend_and_cancel_the_active_one_remove(kim, editor, kim_admin, invited):
    html = login(kim_admin).get(team_url(kim)).content.decode()
    assert team_url(kim, "anggota", invited.pk, "kirim-ulang") in html
    assert team_url(kim, "anggota", invited.pk, "batalkan") in html
    assert team_url(kim, "anggota", editor.pk, "keluarkan") in html
    assert team_url(kim, "anggota", editor.pk, "kirim-ulang") not in html
    for label in ("Ubah peran", "Keluarkan", "Kirim ulang undangan", "Batalkan undangan"):
        assert label in html


def test_invite_form_speaks_indonesian(kim, kim_admin):
    html = login(kim_admin).get(team_url(kim, "undang")).content.decode()
    for text in ('name="name"', 'name="email"', 'name="role"', "Nama", "E-mail", "Kirim undangan", "Admin KIM"):
        assert text in html
    assert (
        'value="editor" checked' in html
        or 'checked value="editor"' in html
        or ('value="editor"' in html and "checked" in html.split('value="editor"')[1].split(">")[0])
    )


def test_inviting_through_the_form_sends_the_activation_mail(kim, kim_admin, django_capture_on_commit_callbacks):
    client = login(kim_admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            team_url(kim, "undang"), {"name": "Siti Aminah", "email": "Siti@Kim-Uji.id", "role": "editor"}, follow=True
        )
    assert response.redirect_chain[-1][0] == team_url(kim)
    user = get_user_model().objects.get(email="siti@kim-uji.id")
    assert not user.has_usable_password()
    assert member_of(kim, user.pk).role == Role.EDITOR
    assert any("Undangan dikirim ke siti@kim-uji.id" in m for m in _messages(response))
    assert [m.to for m in mail.outbox] == [["siti@kim-uji.id"]]
    path = activation_path_from(mail.outbox[0].body)
    assert client.get(path, follow=True).status_code == 200
    assert "Siti Aminah" in response.content.decode()


def test_inviting_as_admin_kim(kim, kim_admin):
    login(kim_admin).post(team_url(kim, "undang"), {"email": "wakil@kim-uji.id", "role": "admin"})
    user = get_user_model().objects.get(email="wakil@kim-uji.id")
    assert member_of(kim, user.pk).role == Role.ADMIN


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"email": "", "role": "editor"}, "email", "E-mail wajib diisi."),
        ({"email": "bukan-email", "role": "editor"}, "email", "tidak sah"),
        ({"email": "x@kim-uji.id", "role": "penerbit"}, "role", "Pilih Admin KIM atau Editor."),
    ],
)
def test_invite_errors_are_in_indonesian_next_to_the_field(kim, kim_admin, data, field, message):
    response = login(kim_admin).post(team_url(kim, "undang"), data)
    assert response.status_code == 200
    assert any(message in error for error in response.context["form"].errors[field])
    html = response.content.decode()
    assert f'id="id_{field}-error"' in html and message in html
    assert not get_user_model().objects.filter(email="x@kim-uji.id").exists()


def test_inviting_a_member_twice_is_refused_next_to_the_email(kim, kim_admin, editor):
    response = login(kim_admin).post(team_url(kim, "undang"), {"email": editor.email, "role": "admin"})
    assert response.status_code == 200
    assert any("sudah menjadi anggota tim" in e for e in response.context["form"].errors["email"])
    assert member_of(kim, editor.pk).role == Role.EDITOR
    assert get_user_model().objects.filter(email=editor.email).count() == 1


def test_resend_sends_a_new_link_and_the_old_one_dies(kim, kim_admin, invited, django_capture_on_commit_callbacks):
    client = login(kim_admin)
    assert client.get(team_url(kim, "anggota", invited.pk, "kirim-ulang")).status_code == 405
    for _ in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(team_url(kim, "anggota", invited.pk, "kirim-ulang"), follow=True)
    assert any("Undangan dikirim ulang ke calon@kim-uji.id" in m for m in _messages(response))
    assert [m.to for m in mail.outbox] == [["calon@kim-uji.id"]] * 2
    old, new = (activation_path_from(m.body) for m in mail.outbox)
    assert old != new
    assert 'name="new_password1"' not in client.get(old, follow=True).content.decode()
    assert 'name="new_password1"' in client.get(new, follow=True).content.decode()


def test_resend_for_an_activated_member_is_refused_in_indonesian(kim, kim_admin, editor):
    response = login(kim_admin).post(team_url(kim, "anggota", editor.pk, "kirim-ulang"), follow=True)
    assert any("sudah mengaktifkan akunnya" in m for m in _messages(response))
    assert mail.outbox == []


def test_cancel_asks_then_removes_the_invitation(kim, kim_admin, invited):
    client = login(kim_admin)
    page = client.get(team_url(kim, "anggota", invited.pk, "batalkan")).content.decode()
    assert "Ya, batalkan" in page and "calon@kim-uji.id" in page
    assert member_of(kim, invited.pk) is not None  # GET changes nothing
    response = client.post(team_url(kim, "anggota", invited.pk, "batalkan"), follow=True)
    assert response.redirect_chain[-1][0] == team_url(kim)
    assert member_of(kim, invited.pk) is None
    assert any("dibatalkan" in m for m in _messages(response))
    assert get_user_model().objects.filter(pk=invited.pk).exists()  # never deleted


def test_change_role(kim, kim_admin, editor):
    client = login(kim_admin)
    page = client.get(team_url(kim, "anggota", editor.pk, "peran")).content.decode()
    assert 'name="role"' in page and "Admin KIM" in page
    response = client.post(team_url(kim, "anggota", editor.pk, "peran"), {"role": "admin"}, follow=True)
    assert member_of(kim, editor.pk).role == Role.ADMIN
    assert any("kini Admin KIM" in m for m in _messages(response))
    response = client.post(team_url(kim, "anggota", editor.pk, "peran"), {"role": "admin"}, follow=True)
    assert any("tidak ada yang diubah" in m for m in _messages(response))


def test_remove_asks_then_ends_access(kim, kim_admin, editor):
    client = login(kim_admin)
    page = client.get(team_url(kim, "anggota", editor.pk, "keluarkan")).content.decode()
    assert "Ya, keluarkan" in page
    assert member_of(kim, editor.pk) is not None
    response = client.post(team_url(kim, "anggota", editor.pk, "keluarkan"), follow=True)
    assert member_of(kim, editor.pk) is None
    assert any("dikeluarkan dari tim" in m for m in _messages(response))
    editor.refresh_from_db()
    assert not editor.is_active


def test_the_last_admin_kim_cannot_be_demoted_removed_or_cancelled(kim, moderator, first_admin):
    client = login(moderator)
    response = client.post(team_url(kim, "anggota", first_admin.pk, "peran"), {"role": "editor"})
    assert response.status_code == 200
    assert any(LAST_ADMIN in e for e in response.context["form"].errors["role"])
    assert LAST_ADMIN in response.content.decode()
    response = client.post(team_url(kim, "anggota", first_admin.pk, "batalkan"), follow=True)
    assert any(LAST_ADMIN in m for m in _messages(response))
    response = client.post(team_url(kim, "anggota", first_admin.pk, "keluarkan"), follow=True)
    assert any(LAST_ADMIN in m for m in _messages(response))
    assert member_of(kim, first_admin.pk).role == Role.ADMIN


def test_an_admin_kim_who_leaves_goes_to_the_dashboard(kim, kim_admin):
    response = login(kim_admin).post(team_url(kim, "anggota", kim_admin.pk, "keluarkan"))
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert member_of(kim, kim_admin.pk) is None


def test_a_member_of_another_kim_is_a_404(kim, kim_admin):
    from tests.factories.accounts import make_editor
    from tests.factories.registry import make_kim

    stranger = make_editor(make_kim("bangka", name="KIM Tetangga"))
    client = login(kim_admin)
    assert client.get(team_url(kim, "anggota", stranger.pk, "peran")).status_code == 404
    assert client.post(team_url(kim, "anggota", stranger.pk, "keluarkan")).status_code == 404
    assert stranger.groups.exists()


def test_posts_need_the_csrf_token(kim, kim_admin):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(kim_admin)
    response = client.post(team_url(kim, "undang"), {"email": "tanpa-token@kim-uji.id", "role": "editor"})
    assert response.status_code == 403
    assert not get_user_model().objects.filter(email="tanpa-token@kim-uji.id").exists()


# --- Where the team is reached from -----------------------------------------------------------


def test_the_menu_shows_tim_kim_to_those_with_a_team_only(kim, kim_admin, editor, moderator):
    assert "Tim KIM" in login(kim_admin).get("/admin/").content.decode()
    assert "Tim KIM" in login(moderator).get("/admin/").content.decode()
    assert "Tim KIM" not in login(editor).get("/admin/").content.decode()


def test_the_index_goes_to_the_only_team_or_lists_them(kim, kim_admin, moderator):
    from tests.factories.registry import make_kim

    response = login(kim_admin).get("/admin/tim/")
    assert response.status_code == 302 and response["Location"] == team_url(kim)
    other = make_kim("bangka", name="KIM Kedua")
    html = login(moderator).get("/admin/tim/").content.decode()
    assert team_url(kim) in html and team_url(other) in html
    assert "Anggota aktif" in html


def test_the_registry_links_to_the_team(kim, moderator):
    client = login(moderator)
    assert team_url(kim) in client.get("/admin/kim/").content.decode()
    assert team_url(kim) in client.get(f"/admin/kim/inspect/{kim.pk}/").content.decode()
