"""Existing KIMs move to the two team roles: their editor group keeps working, their first
admin becomes Admin KIM, and the site's settings go with the Admin KIM role.

The migration's functions run on a KIM put back into the shape it had before them: one group
holding every account and the site's settings."""

import importlib

import pytest

from django.apps import apps

from wagtail.models import GroupSitePermission

from kim_sites.models import Kim, KimMember
from tests.factories.accounts import make_editor
from tests.factories.registry import make_kim

migration = importlib.import_module("kim_sites.migrations.0012_kim_teams")

pytestmark = pytest.mark.django_db


def as_before_teams(kim):
    """The KIM as provisioning made it before the two roles."""
    admin_group = kim.admin_group
    for user in admin_group.user_set.all():
        user.groups.add(kim.editor_group)
    GroupSitePermission.objects.filter(group=admin_group).update(group=kim.editor_group)
    Kim.objects.filter(pk=kim.pk).update(admin_group=None)
    admin_group.delete()
    KimMember.objects.filter(kim=kim).delete()


def test_existing_kims_get_an_admin_kim_and_keep_their_editors():
    kim = make_kim("bangka", admin_email="ketua@kim-lama.id")
    first = kim.admin_group.user_set.get()
    # An earlier account of the group, to prove the first admin is found by the KIM's e-mail.
    editor = make_editor(kim, email="anggota@kim-lama.id")
    editor.date_joined = first.date_joined.replace(year=first.date_joined.year - 1)
    editor.save()
    as_before_teams(kim)

    migration.give_every_kim_an_admin_role(apps, None)

    kim = Kim.objects.get(pk=kim.pk)
    assert kim.admin_group is not None and kim.admin_group.name == f"Admin KIM {kim.name} ({kim.slug})"
    assert list(kim.admin_group.user_set.all()) == [first]
    assert list(kim.editor_group.user_set.all()) == [editor]
    assert set(GroupSitePermission.objects.filter(site=kim.site).values_list("group_id", flat=True)) == {
        kim.admin_group_id,
        kim.regency.moderator_group_id,
    }
    assert set(KimMember.objects.filter(kim=kim).values_list("user_id", flat=True)) == {first.pk, editor.pk}
    # Both roles still edit the KIM's pages, and only the Admin KIM its site settings.
    for user in (first, editor):
        user = type(user).objects.get(pk=user.pk)
        assert kim.home_page.permissions_for_user(user).can_edit()
    # Run again: nothing changes.
    migration.give_every_kim_an_admin_role(apps, None)
    assert Kim.objects.get(pk=kim.pk).admin_group_id == kim.admin_group_id


def test_without_the_kims_email_the_earliest_account_becomes_admin_kim():
    kim = make_kim("bangka", admin_email="ketua@kim-lain.id")
    first = kim.admin_group.user_set.get()
    later = make_editor(kim, email="anggota@kim-lain.id")
    Kim.objects.filter(pk=kim.pk).update(email="")
    as_before_teams(kim)

    migration.give_every_kim_an_admin_role(apps, None)

    kim = Kim.objects.get(pk=kim.pk)
    assert list(kim.admin_group.user_set.all()) == [first]
    assert list(kim.editor_group.user_set.all()) == [later]


def test_the_migration_can_be_reversed():
    kim = make_kim("bangka")
    first = kim.admin_group.user_set.get()
    migration.back_to_one_group(apps, None)
    kim = Kim.objects.get(pk=kim.pk)
    assert kim.admin_group_id is None
    assert list(kim.editor_group.user_set.all()) == [first]
    assert GroupSitePermission.objects.filter(group=kim.editor_group, site=kim.site).exists()
