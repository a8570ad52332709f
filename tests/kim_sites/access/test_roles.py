"""Who is this user: read once per user object, forgotten when the user's groups change."""

import pytest

from django.contrib.auth.models import AnonymousUser, Group
from django.utils.functional import SimpleLazyObject

from kim_sites.access.roles import NOBODY, PROVINCIAL_ADMIN_GROUP, is_provincial_admin, kims_visible_to, roles_of
from kim_sites.models import Kim, Regency
from tests.factories.accounts import UserFactory

pytestmark = pytest.mark.django_db


def test_a_moderators_roles_cost_one_query_per_user_object(moderator, django_assert_num_queries):
    bangka = Regency.objects.get(slug="bangka")
    with django_assert_num_queries(1):
        first = roles_of(moderator)
        second = roles_of(moderator)
    assert first.moderated_regency_ids == second.moderated_regency_ids == {bangka.pk}
    assert first.moderator and not first.editor and not first.provincial_admin


def test_an_editor_is_an_editor_of_its_own_kim_only(kim, editor):
    roles = roles_of(editor)
    assert roles.edited_kim_ids == {kim.pk}
    assert not roles.moderator and not roles.provincial_admin
    assert list(kims_visible_to(editor, Kim.objects.all())) == [kim]


def test_adding_a_group_through_the_user_is_seen_at_once(kim):
    user = UserFactory()
    assert not is_provincial_admin(user)
    user.groups.add(Group.objects.get(name=PROVINCIAL_ADMIN_GROUP))
    assert is_provincial_admin(user)
    user.groups.clear()
    assert not is_provincial_admin(user)


def test_the_request_user_wrapper_keeps_the_cache_on_the_user_it_wraps(kim):
    user = UserFactory()
    wrapped = SimpleLazyObject(lambda: user)
    assert not roles_of(wrapped).editor
    user.groups.add(kim.editor_group)
    assert roles_of(wrapped).edited_kim_ids == {kim.pk}


def test_inactive_and_anonymous_users_have_no_role(provincial_admin):
    assert roles_of(AnonymousUser()) is NOBODY
    assert roles_of(None) is NOBODY
    provincial_admin.is_active = False
    assert not is_provincial_admin(provincial_admin)
    provincial_admin.is_active = True
    assert is_provincial_admin(provincial_admin)


def test_a_superuser_is_a_provincial_admin_without_the_group():
    user = UserFactory(is_superuser=True)
    assert roles_of(user).provincial_admin
    assert not roles_of(user).facts.in_provincial_admin_group
