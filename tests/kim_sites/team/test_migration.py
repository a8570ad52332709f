"""Existing KIMs move to the two team roles: their editor group keeps working, their first
admin becomes Admin KIM, and the site's settings go with the Admin KIM role."""

import pytest

from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from wagtail.models import GroupSitePermission

from kim_sites.models import Kim, KimMember
from tests.factories.accounts import make_editor
from tests.factories.registry import make_kim

BEFORE = [("kim_sites", "0011_plain_photo_descriptions")]


def latest():
    return MigrationExecutor(connection).loader.graph.leaf_nodes("kim_sites")


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_existing_kims_get_an_admin_kim_and_keep_their_editors():
    kim = make_kim("bangka", admin_email="ketua@kim-lama.id")
    editor = make_editor(kim, email="anggota@kim-lama.id")
    first = kim.admin_group.user_set.get()

    call_command("migrate", "kim_sites", BEFORE[0][1], verbosity=0)
    try:
        # The state before: one group per KIM, holding every account and the site's settings.
        loader = MigrationExecutor(connection).loader
        others = [node for node in loader.graph.leaf_nodes() if node[0] != "kim_sites"]
        apps = loader.project_state(others + BEFORE).apps
        old = apps.get_model("kim_sites", "Kim").objects.get(pk=kim.pk)
        assert set(old.editor_group.user_set.values_list("pk", flat=True)) == {first.pk, editor.pk}
        assert apps.get_model("auth", "Group").objects.filter(name__startswith="Admin KIM").count() == 0
        site_permissions = apps.get_model("wagtailcore", "GroupSitePermission").objects
        assert site_permissions.filter(group_id=old.editor_group_id, site_id=old.site_id).exists()
    finally:
        call_command("migrate", "kim_sites", latest()[0][1], verbosity=0)

    kim = Kim.objects.get(pk=kim.pk)
    assert kim.admin_group is not None and kim.admin_group.name == f"Admin KIM {kim.name} ({kim.slug})"
    assert list(kim.admin_group.user_set.all()) == [first]
    assert list(kim.editor_group.user_set.all()) == [editor]
    assert set(GroupSitePermission.objects.filter(site=kim.site).values_list("group_id", flat=True)) == {
        kim.admin_group_id,
        kim.regency.moderator_group_id,
    }
    assert set(KimMember.objects.filter(kim=kim).values_list("user_id", flat=True)) == {first.pk, editor.pk}
    # Both roles still edit the KIM's pages.
    for user in (first, editor):
        user.refresh_from_db()
        assert kim.home_page.permissions_for_user(user).can_edit()
