"""The team matrix: who may manage which KIM's team, asserted cell by cell through the admin.

Roles:

- anonymous: nobody signed in;
- editor: an Editor of KIM "own" (Kabupaten Bangka);
- kim admin: an Admin KIM of KIM "own";
- moderator: a moderator of Kabupaten Bangka;
- admin: a provincial admin (member of "Admin Provinsi", not a superuser).

Targets: own (KIM "own", Bangka), sibling (another KIM of Bangka), other (a KIM of Belitung).

"yes" means the change happened; "no" means the request was refused (the login page for
anonymous, 404 for everyone else: a team one may not manage does not exist for them) and the
database shows nothing changed: a refused invitation creates no account, a refused removal
leaves the membership.
"""

import pytest

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.test import Client, TestCase

from kim_sites.team.members import Role, invite_member, member_of
from tests.factories.accounts import make_editor, make_kim_admin, make_moderator, make_provincial_admin
from tests.factories.registry import make_kim

TEAM_MATRIX = """
| action      | role      | own | sibling | other |
|-------------|-----------|-----|---------|-------|
| list        | anonymous | no  | no      | no    |
| list        | editor    | no  | no      | no    |
| list        | kim admin | yes | no      | no    |
| list        | moderator | yes | yes     | no    |
| list        | admin     | yes | yes     | yes   |
| invite      | anonymous | no  | no      | no    |
| invite      | editor    | no  | no      | no    |
| invite      | kim admin | yes | no      | no    |
| invite      | moderator | yes | yes     | no    |
| invite      | admin     | yes | yes     | yes   |
| resend      | anonymous | no  | no      | no    |
| resend      | editor    | no  | no      | no    |
| resend      | kim admin | yes | no      | no    |
| resend      | moderator | yes | yes     | no    |
| resend      | admin     | yes | yes     | yes   |
| cancel      | anonymous | no  | no      | no    |
| cancel      | editor    | no  | no      | no    |
| cancel      | kim admin | yes | no      | no    |
| cancel      | moderator | yes | yes     | no    |
| cancel      | admin     | yes | yes     | yes   |
| change role | anonymous | no  | no      | no    |
| change role | editor    | no  | no      | no    |
| change role | kim admin | yes | no      | no    |
| change role | moderator | yes | yes     | no    |
| change role | admin     | yes | yes     | yes   |
| remove      | anonymous | no  | no      | no    |
| remove      | editor    | no  | no      | no    |
| remove      | kim admin | yes | no      | no    |
| remove      | moderator | yes | yes     | no    |
| remove      | admin     | yes | yes     | yes   |
"""

# Wagtail's own accounts screens: only provincial admins; a team is managed from "Tim KIM" only.
ACCOUNTS_MATRIX = """
| action            | anonymous | editor | kim admin | moderator | admin |
|-------------------|-----------|--------|-----------|-----------|-------|
| open the users    | no        | no     | no        | no        | yes   |
| open a user form  | no        | no     | no        | no        | yes   |
| add a user        | no        | no     | no        | no        | yes   |
| edit a user       | no        | no     | no        | no        | yes   |
| open the groups   | no        | no     | no        | no        | yes   |
| open a group form | no        | no     | no        | no        | yes   |
| add a group       | no        | no     | no        | no        | yes   |
| edit a group      | no        | no     | no        | no        | yes   |
"""

ROLES = ("anonymous", "editor", "kim admin", "moderator", "admin")
TARGETS = ("own", "sibling", "other")


def parse_table(text):
    lines = [line.strip() for line in text.strip().splitlines()]
    header = [cell.strip() for cell in lines[0].strip("|").split("|")]
    rows = []
    for line in lines[2:]:
        cells = [cell.strip() for cell in line.strip("|").split("|")]
        assert len(cells) == len(header), line
        rows.append(dict(zip(header, cells, strict=True)))
    return rows


def team_cells():
    for row in parse_table(TEAM_MATRIX):
        for target in TARGETS:
            assert row[target] in {"yes", "no"}, row
            yield pytest.param(
                row["action"], row["role"], target, row[target] == "yes", id=f"{row['action']}|{row['role']}|{target}"
            )


def account_cells():
    for row in parse_table(ACCOUNTS_MATRIX):
        for role in ROLES:
            assert row[role] in {"yes", "no"}, row
            yield pytest.param(row["action"], role, row[role] == "yes", id=f"{row['action']}|{role}")


# --- The world ---------------------------------------------------------------------------------


class Team:
    """One KIM with an active Editor, the Admin KIM provisioning invited (still pending) and a
    second, pending Editor whose invitation can be cancelled."""

    def __init__(self, key, regency):
        self.key = key
        self.kim = make_kim(regency, name=f"KIM Tim {key.title()}", slug=f"tim-{key}")
        self.editor = make_editor(self.kim, email=f"editor-{key}@kim-uji.id")
        self.first_admin = get_user_model().objects.get(groups=self.kim.admin_group)
        self.invited = invite_member(
            self.kim, email=f"diundang-{key}@kim-uji.id", role=Role.EDITOR, send_email=False
        ).user

    def fresh(self, user):
        return get_user_model().objects.get(pk=user.pk)


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """Three teams and one user per role, built once for the module and rolled back after it."""
    with django_db_blocker.unblock(), transaction.atomic():
        teams = {"own": Team("own", "bangka"), "sibling": Team("sibling", "bangka"), "other": Team("other", "belitung")}
        users = {
            "anonymous": None,
            "editor": teams["own"].editor,
            "kim admin": make_kim_admin(teams["own"].kim, email="admin-kim-own@kim-uji.id"),
            "moderator": make_moderator("bangka", email="moderator-bangka@kominfo-uji.id"),
            "other moderator": make_moderator("belitung", email="moderator-belitung@kominfo-uji.id"),
            "admin": make_provincial_admin(email="admin-provinsi@kominfo-uji.id"),
        }
        yield {"teams": teams, "users": users}
        transaction.set_rollback(True)


class CommittingClient(Client):
    """Runs each request's on-commit callbacks (the team's e-mails) when it ends, as a commit would."""

    def request(self, **request):
        with TestCase.captureOnCommitCallbacks(execute=True):
            return super().request(**request)


def client_for(world, role):
    client = CommittingClient()
    user = world["users"][role]
    if user is not None:
        client.force_login(user)
    return client


def refused(response, role):
    """Anonymous goes to the login page; a signed-in user outside the team gets 404."""
    if role == "anonymous":
        return response.status_code == 302 and response["Location"].startswith("/admin/login/")
    return response.status_code == 404


# --- Actions: each returns True when the change happened, and otherwise asserts the refusal ------

ACTIONS = {}


def action(name):
    def register(fn):
        ACTIONS[name] = fn
        return fn

    return register


def _member_url(team, user, what):
    return f"/admin/tim/{team.kim.pk}/anggota/{user.pk}/{what}/"


@action("list")
def _list(client, role, team):
    response = client.get(f"/admin/tim/{team.kim.pk}/")
    if response.status_code == 200:
        assert team.editor.email in response.content.decode()
        return True
    assert refused(response, role), response.status_code
    return False


@action("invite")
def _invite(client, role, team):
    email = f"baru-{team.key}@kim-uji.id"
    response = client.post(
        f"/admin/tim/{team.kim.pk}/undang/", {"name": "Anggota Baru", "email": email, "role": "editor"}
    )
    user = get_user_model().objects.filter(email=email).first()
    if user is not None:
        assert user.groups.filter(pk=team.kim.editor_group_id).exists()
        return True
    assert refused(response, role), response.status_code
    return False


@action("resend")
def _resend(client, role, team):
    before = team.fresh(team.invited).password
    response = client.post(_member_url(team, team.invited, "kirim-ulang"))
    if team.fresh(team.invited).password != before:
        return True
    assert refused(response, role), response.status_code
    return False


@action("cancel")
def _cancel(client, role, team):
    response = client.post(_member_url(team, team.invited, "batalkan"))
    if member_of(team.kim, team.invited.pk) is None:
        return True
    assert refused(response, role), response.status_code
    assert team.fresh(team.invited).is_active
    return False


@action("change role")
def _change_role(client, role, team):
    response = client.post(_member_url(team, team.editor, "peran"), {"role": "admin"})
    member = member_of(team.kim, team.editor.pk)
    if member.role == Role.ADMIN:
        return True
    assert refused(response, role), response.status_code
    assert member.role == Role.EDITOR
    return False


@action("remove")
def _remove(client, role, team):
    response = client.post(_member_url(team, team.editor, "keluarkan"))
    if member_of(team.kim, team.editor.pk) is None:
        return True
    assert refused(response, role), response.status_code
    assert team.fresh(team.editor).is_active
    return False


# Wagtail's accounts screens, with the database checked after each form is posted.
ACCOUNT_ACTIONS = {}


def _opens(client, url):
    response = client.get(url)
    if response.status_code == 200:
        return True
    assert response.status_code in (302, 403, 404), response.status_code
    return False


def _user_form(email, **extra):
    return {
        "username": email,
        "email": email,
        "first_name": "Nama",
        "last_name": "Baru",
        "password1": "Sandi-Panjang-2024!",
        "password2": "Sandi-Panjang-2024!",
        **extra,
    }


def _add_user(world, client):
    email = "akun-baru@kim-uji.id"
    client.post("/admin/users/new/", _user_form(email))
    # The form asks more than this post gives Wagtail 8; a refusal is no user and no form either.
    return get_user_model().objects.filter(email=email).exists() or _opens(client, "/admin/users/new/")


def _edit_user(world, client):
    target = world["teams"]["own"].editor
    client.post(
        f"/admin/users/edit/{target.pk}/", _user_form(target.email, first_name="Diubah", password1="", password2="")
    )
    return get_user_model().objects.get(pk=target.pk).first_name == "Diubah"


def _add_group(world, client):
    client.post("/admin/groups/new/", {"name": "Grup Baru"})
    return Group.objects.filter(name="Grup Baru").exists() or _opens(client, "/admin/groups/new/")


def _edit_group(world, client):
    group = world["teams"]["own"].kim.editor_group
    before = group.name
    client.post(f"/admin/groups/edit/{group.pk}/", {"name": "Grup Diubah"})
    changed = Group.objects.get(pk=group.pk).name != before
    return changed or _opens(client, f"/admin/groups/edit/{group.pk}/")


ACCOUNT_ACTIONS.update(
    {
        "open the users": lambda world, client: _opens(client, "/admin/users/"),
        "open a user form": lambda world, client: _opens(client, f"/admin/users/edit/{world['users']['editor'].pk}/"),
        "add a user": _add_user,
        "edit a user": _edit_user,
        "open the groups": lambda world, client: _opens(client, "/admin/groups/"),
        "open a group form": lambda world, client: _opens(
            client, f"/admin/groups/edit/{world['teams']['own'].kim.editor_group_id}/"
        ),
        "add a group": _add_group,
        "edit a group": _edit_group,
    }
)


# --- The tests ---------------------------------------------------------------------------------


def test_every_action_in_the_tables_is_implemented():
    assert {row["action"] for row in parse_table(TEAM_MATRIX)} == set(ACTIONS)
    assert {row["action"] for row in parse_table(ACCOUNTS_MATRIX)} == set(ACCOUNT_ACTIONS)
    for name in ACTIONS:
        assert sorted(r["role"] for r in parse_table(TEAM_MATRIX) if r["action"] == name) == sorted(ROLES), name


@pytest.mark.django_db
@pytest.mark.parametrize(("action_name", "role", "target", "expected"), list(team_cells()))
def test_team_matrix(world, action_name, role, target, expected):
    took_effect = ACTIONS[action_name](client_for(world, role), role, world["teams"][target])
    assert took_effect is expected, f"{role} / {target}: {'allowed' if took_effect else 'refused'}"


@pytest.mark.django_db
@pytest.mark.parametrize(("action_name", "role", "expected"), list(account_cells()))
def test_accounts_matrix(world, action_name, role, expected):
    took_effect = ACCOUNT_ACTIONS[action_name](world, client_for(world, role))
    assert took_effect is expected, f"{role}: {'allowed' if took_effect else 'refused'}"


def _every_team_request(team):
    """Every team URL of `team`, GET and POST."""
    kim = team.kim.pk
    for path in (f"/admin/tim/{kim}/", f"/admin/tim/{kim}/undang/"):
        yield "get", path, None
        yield "post", path, {"email": "asing@kim-uji.id", "role": "editor"}
    for user in (team.editor, team.invited, team.first_admin):
        for what in ("peran", "keluarkan", "kirim-ulang", "batalkan"):
            yield "get", _member_url(team, user, what), None
            yield "post", _member_url(team, user, what), {"role": "admin"}


@pytest.mark.django_db
@pytest.mark.parametrize("target", ["own", "sibling"])
def test_another_regencys_moderator_gets_404_on_every_team_url(world, target):
    client = client_for(world, "other moderator")
    team = world["teams"][target]
    for method, path, data in _every_team_request(team):
        response = getattr(client, method)(path, data or {})
        assert response.status_code == 404, (method, path, response.status_code)
    assert not get_user_model().objects.filter(email="asing@kim-uji.id").exists()
    assert member_of(team.kim, team.editor.pk).role == Role.EDITOR
    assert member_of(team.kim, team.invited.pk) is not None


@pytest.mark.django_db
def test_an_editor_gets_404_on_every_url_of_its_own_team(world):
    client = client_for(world, "editor")
    team = world["teams"]["own"]
    assert client.get("/admin/tim/").status_code == 404
    for method, path, data in _every_team_request(team):
        response = getattr(client, method)(path, data or {})
        assert response.status_code == 404, (method, path, response.status_code)
    assert member_of(team.kim, team.editor.pk).role == Role.EDITOR
