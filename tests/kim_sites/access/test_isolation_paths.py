"""Isolation beyond the matrix: translated trees, per-site settings, the root collection,
the audit trail, and the "done when" of issue 4 with KIMs made by the commands."""

import importlib

import pytest

from django.apps import apps as django_apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.test import TestCase
from django.urls import reverse

from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    GroupSitePermission,
    Locale,
    ModelLogEntry,
    PageLogEntry,
    Workflow,
    WorkflowPage,
)

from kim_sites.access.roles import PROVINCIAL_ADMIN_GROUP
from kim_sites.access.site_settings import site_settings_permission
from kim_sites.models import Kim, KimHomePage, PostPage, Regency, RegencyPage
from tests.factories.accounts import (
    DEFAULT_PASSWORD,
    UserFactory,
    make_editor,
    make_kim_admin,
    make_moderator,
    make_provincial_admin,
)
from tests.factories.pages import make_post
from tests.factories.registry import make_kim
from tests.support.admin import current_task_state

pytestmark = pytest.mark.django_db


def _admin():
    return make_provincial_admin(email="admin-provinsi@kominfo-uji.id")


def _page_permissions(group, page):
    return set(
        GroupPagePermission.objects.filter(group=group, page=page).values_list("permission__codename", flat=True)
    )


def _login(client, user):
    client.force_login(user)
    return client


def _run_on_commit(client, method, *args, **kwargs):
    with TestCase.captureOnCommitCallbacks(execute=True):
        return getattr(client, method)(*args, **kwargs)


# --- Translated trees --------------------------------------------------------------------------


@pytest.fixture
def english():
    return Locale.objects.get_or_create(language_code="en")[0]


def test_translating_a_kim_home_gives_the_english_copies_the_same_permissions(client, english):
    """The provincial admin translates a KIM home through wagtail-localize's admin action; the
    KIM's editors and the regency's moderators get the English pages too, and nobody else."""
    kim = make_kim("bangka")
    sibling = make_kim("bangka")
    editor = make_editor(kim)
    moderator = make_moderator("bangka")
    regency = kim.regency

    response = _run_on_commit(
        _login(client, _admin()), "post", f"/admin/localize/submit/page/{kim.home_page.pk}/", {"locales": [english.pk]}
    )
    assert response.status_code == 302

    en_home = KimHomePage.objects.get(translation_key=kim.home_page.translation_key, locale=english)
    en_regency = RegencyPage.objects.get(translation_key=regency.page.translation_key, locale=english)
    assert not en_home.live  # WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False: a draft
    assert _page_permissions(kim.editor_group, en_home) == {"add_page", "change_page", "lock_page"}
    assert _page_permissions(regency.moderator_group, en_regency) == {
        "add_page",
        "change_page",
        "publish_page",
        "lock_page",
        "unlock_page",
    }
    assert not GroupPagePermission.objects.filter(group=sibling.editor_group, page=en_home).exists()

    # The editor works on its English home, and cannot publish it from the translation editor.
    editor_client = _login(client.__class__(), editor)
    assert editor_client.get(f"/admin/pages/{en_home.pk}/edit/").status_code == 200
    response = _run_on_commit(editor_client, "post", f"/admin/pages/{en_home.pk}/edit/", {"action": "publish"})
    assert response.status_code in (302, 403)
    assert not KimHomePage.objects.get(pk=en_home.pk).live
    # The sibling KIM's editor cannot open it.
    sibling_client = _login(client.__class__(), make_editor(sibling))
    assert sibling_client.get(f"/admin/pages/{en_home.pk}/edit/").status_code in (302, 403)
    # The translation editor's button submits it to moderation; the regency's moderator approves
    # it, as it approves in Indonesian.
    moderator_client = _login(client.__class__(), moderator)
    _run_on_commit(moderator_client, "post", f"/admin/pages/{en_home.pk}/edit/", {"action": "publish"})
    en_home = KimHomePage.objects.get(pk=en_home.pk)
    assert not en_home.live and en_home.workflow_in_progress
    url = reverse("wagtailadmin_pages:workflow_action", args=(en_home.pk, "approve", current_task_state(en_home).pk))
    assert _run_on_commit(moderator_client, "post", url, {}).status_code == 302
    assert KimHomePage.objects.get(pk=en_home.pk).live


def test_permission_given_later_reaches_existing_translations(english):
    kim = make_kim("bangka")
    en_home = kim.home_page.copy_for_translation(english, copy_parents=True)
    group = Group.objects.create(name="Tim Liputan")
    change_page = Permission.objects.get(content_type__app_label="wagtailcore", codename="change_page")
    GroupPagePermission.objects.create(group=group, page=kim.home_page, permission=change_page)
    assert _page_permissions(group, en_home) == {"change_page"}


def test_workflow_follows_the_regency_page_into_every_translation(english):
    kim = make_kim("belitung")
    regency_page = kim.regency.page
    en_regency = regency_page.copy_for_translation(english)
    workflow = Workflow.objects.create(name="Moderasi Belitung")
    WorkflowPage.objects.create(page=regency_page, workflow=workflow)
    assert WorkflowPage.objects.get(page=en_regency).workflow == workflow

    # A translation made after the workflow was assigned gets it too.
    en_home = kim.home_page.copy_for_translation(english)
    assert en_home.get_parent().pk == en_regency.pk
    assert en_home.get_workflow() == workflow
    assert WorkflowPage.objects.filter(workflow=workflow).count() == 2


def test_only_provincial_admins_hold_submit_translation():
    make_kim("bangka")
    make_moderator("bangka")
    holders = Group.objects.filter(
        permissions__codename="submit_translation", permissions__content_type__app_label="wagtail_localize"
    )
    assert list(holders.values_list("name", flat=True)) == [PROVINCIAL_ADMIN_GROUP]


def test_translating_a_live_page_never_publishes_it(settings, english):
    """WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE must stay False: with True, translating a live
    page publishes its English copy without moderation."""
    assert settings.WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE is False
    from wagtail_localize.operations import translate_object

    kim = make_kim("bangka")
    post = make_post(kim, "Berita", slug="berita-x", summary="Ringkasan")
    with TestCase.captureOnCommitCallbacks(execute=True):
        translate_object(post, [english], user=_admin())
    assert not PostPage.objects.get(translation_key=post.translation_key, locale=english).live


# --- Site settings -----------------------------------------------------------------------------


def test_site_settings_are_granted_per_site():
    kim = make_kim("bangka")
    sibling = make_kim("bangka")
    other = make_kim("belitung")
    permission = site_settings_permission()
    assert not kim.editor_group.permissions.filter(pk=permission.pk).exists()
    assert not kim.admin_group.permissions.filter(pk=permission.pk).exists()
    # The Admin KIM role edits its own site's settings; editors write posts only.
    assert set(GroupSitePermission.objects.filter(group=kim.admin_group).values_list("site", flat=True)) == {
        kim.site_id
    }
    assert not GroupSitePermission.objects.filter(group=kim.editor_group).exists()
    moderators = Regency.objects.get(slug="bangka").moderator_group
    assert set(GroupSitePermission.objects.filter(group=moderators).values_list("site", flat=True)) == {
        kim.site_id,
        sibling.site_id,
    }
    assert not GroupSitePermission.objects.filter(site=other.site, group__in=[kim.admin_group, moderators]).exists()


def test_settings_menu_opens_the_kim_admins_own_site(client):
    kim = make_kim("bangka")
    make_kim("bangka")
    _login(client, make_kim_admin(kim))
    response = client.get("/admin/settings/kim_sites/kimsitesettings/")
    assert response.status_code == 302
    assert response["Location"] == f"/admin/settings/kim_sites/kimsitesettings/{kim.site_id}/"
    response = client.get(response["Location"])
    assert response.status_code == 200
    # One editable site: no switcher to the others.
    assert response.context["site_switcher"] is None


def test_migration_moves_global_settings_permission_to_the_kims_site():
    kim = make_kim("bangka")
    permission = site_settings_permission()
    # A database from before the migration: the editor group held it for every site.
    kim.editor_group.permissions.add(permission)
    GroupSitePermission.objects.all().delete()

    migration = importlib.import_module("kim_sites.migrations.0003_site_settings_permissions")
    migration.scope_site_settings(django_apps, None)

    assert not kim.editor_group.permissions.filter(pk=permission.pk).exists()
    assert GroupSitePermission.objects.filter(group=kim.editor_group, site=kim.site, permission=permission).exists()
    assert GroupSitePermission.objects.filter(
        group=kim.regency.moderator_group, site=kim.site, permission=permission
    ).exists()


# --- Collections -------------------------------------------------------------------------------


def test_nobody_but_admins_holds_permissions_on_the_root_collection():
    kims = [make_kim("bangka"), make_kim("bangka"), make_kim("belitung")]
    for kim in kims:
        make_editor(kim)
    make_moderator("bangka")
    root = Collection.get_first_root_node()
    assert set(GroupCollectionPermission.objects.filter(collection=root).values_list("group__name", flat=True)) == {
        PROVINCIAL_ADMIN_GROUP
    }
    for kim in kims:
        # Editors: their own collection, nothing above or beside it.
        assert set(
            GroupCollectionPermission.objects.filter(group=kim.editor_group).values_list("collection", flat=True)
        ) == {kim.collection_id}
        assert kim.collection.get_parent().pk == kim.regency.collection_id


# --- Audit -------------------------------------------------------------------------------------


def test_provincial_admin_actions_are_audited(client):
    kim = make_kim("belitung")
    admin = _admin()
    _login(client, admin)
    post = make_post(kim, "Draf", slug="draf", summary="Ringkasan", live=False)

    _run_on_commit(client, "post", f"/admin/bulk/wagtailcore/page/publish/?id={post.pk}", {})
    assert PostPage.objects.get(pk=post.pk).live
    assert PageLogEntry.objects.filter(page=post, action="wagtail.publish", user=admin).exists()

    client.post(
        f"/admin/settings/kim_sites/kimsitesettings/{kim.site_id}/",
        {"accent_color": "#112233", "author_display": "lengkap"},
    )
    assert ModelLogEntry.objects.filter(action="wagtail.edit", user=admin).exists()

    client.post(f"/admin/pages/{post.pk}/delete/")
    assert not PostPage.objects.filter(pk=post.pk).exists()
    assert PageLogEntry.objects.filter(page_id=post.pk, action="wagtail.delete", user=admin).exists()


# --- Issue 4, "done when" ----------------------------------------------------------------------


def test_kims_from_the_commands_editor_bulk_attempts_change_nothing_and_other_regency_is_refused(client):
    call_command(
        "create_kim",
        regency="bangka",
        name="KIM Perintah",
        village="Desa Perintah",
        district="Merawang",
        admin_email="admin.perintah@kim-uji.id",
        no_email=True,
        stdout=open("/dev/null", "w"),  # noqa: SIM115
    )
    call_command(
        "add_moderator",
        regency="belitung",
        email="moderator.belitung@kominfo-uji.id",
        no_email=True,
        stdout=open("/dev/null", "w"),  # noqa: SIM115
    )
    kim = Kim.objects.get(slug="kim-perintah")
    editor = make_editor(kim)
    other_moderator = get_user_model().objects.get(email="moderator.belitung@kominfo-uji.id")
    other_moderator.set_password(DEFAULT_PASSWORD)
    other_moderator.save()

    draft = make_post(kim, "Draf", slug="draf", summary="Ringkasan", owner=editor, by=editor, live=False)
    live = make_post(kim, "Terbit", slug="terbit", summary="Ringkasan")

    _login(client, editor)
    _run_on_commit(client, "post", f"/admin/bulk/wagtailcore/page/publish/?id={draft.pk}", {})
    _run_on_commit(client, "post", f"/admin/bulk/wagtailcore/page/unpublish/?id={live.pk}", {})
    assert not PostPage.objects.get(pk=draft.pk).live
    assert PostPage.objects.get(pk=live.pk).live
    assert not PageLogEntry.objects.filter(action__in=["wagtail.publish", "wagtail.unpublish"], user=editor).exists()

    other = client.__class__()
    assert other.login(username="moderator.belitung@kominfo-uji.id", password=DEFAULT_PASSWORD)
    for url in (f"/admin/pages/{draft.pk}/edit/", f"/admin/pages/{draft.pk}/view_draft/"):
        response = other.get(url)
        assert response.status_code == 302 and response["Location"] == "/admin/", url
    _run_on_commit(other, "post", f"/admin/bulk/wagtailcore/page/publish/?id={draft.pk}", {})
    _run_on_commit(other, "post", f"/admin/pages/{live.pk}/unpublish/")
    assert not PostPage.objects.get(pk=draft.pk).live
    assert PostPage.objects.get(pk=live.pk).live


def test_explorer_refuses_nobody_wrongly_without_page_permissions(client):
    """A user with admin access but no page permission gets Wagtail's refusal, not an error."""
    kim = make_kim("bangka")
    user = UserFactory(email="tanpa-izin@kim-uji.id")
    user.user_permissions.add(Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"))
    _login(client, user)
    response = client.get(f"/admin/pages/{kim.home_page.pk}/")
    assert response.status_code == 302 and response["Location"] == "/admin/"
