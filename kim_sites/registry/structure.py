"""The platform's standing structure: the roles' permissions, the provincial admin group, each
regency's page, collection and moderator group, and the moderation workflow.

Built after every migrate (registry/signals.py) and before every KIM is provisioned; every
function here is idempotent.
"""

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.db.models import Q

from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from kim_sites.access.roles import PROVINCIAL_ADMIN_GROUP
from kim_sites.models import Regency, RegencyModerationTask, RegencyPage
from kim_sites.moderation.workflow import TASK_NAME, WORKFLOW_NAME

# Page permissions by role. Editors never publish; moderators publish because approving a
# workflow task publishes the page as the approving user.
EDITOR_PAGE_PERMISSIONS = ["add_page", "change_page", "lock_page"]
MODERATOR_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]
MEDIA_PERMISSIONS = [
    ("wagtailimages", "add_image"),
    ("wagtailimages", "change_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "change_document"),
    ("wagtaildocs", "choose_document"),
]
MODERATOR_MEDIA_PERMISSIONS = [
    *MEDIA_PERMISSIONS,
    ("wagtailimages", "delete_image"),
    ("wagtaildocs", "delete_document"),
]
# Site settings are granted per Site (access/site_settings.py): globally they open every site.
EDITOR_GLOBAL_PERMISSIONS = [("wagtailadmin", "access_admin")]
# No Django model permission on Kim: the KIM admin scopes moderators by regency itself, and any
# model permission would show them every KIM's entries in the site-wide audit log.
MODERATOR_GLOBAL_PERMISSIONS = [("wagtailadmin", "access_admin")]


# --- Permissions -------------------------------------------------------------------------------


def permission_objects(pairs, cache=None):
    """Permission objects for (app_label, codename) pairs; `cache` (a dict) saves the query in bulk runs."""
    key = tuple(pairs)
    if cache is not None and key in cache:
        return cache[key]
    wanted = {f"{app}.{codename}" for app, codename in pairs}
    perms = Permission.objects.filter(
        content_type__app_label__in={a for a, _ in pairs}, codename__in={c for _, c in pairs}
    )
    perms = [p for p in perms.select_related("content_type") if f"{p.content_type.app_label}.{p.codename}" in wanted]
    if len(perms) != len(wanted):
        raise RuntimeError(
            f"Missing permissions: {wanted - {f'{p.content_type.app_label}.{p.codename}' for p in perms}}"
        )
    if cache is not None:
        cache[key] = perms
    return perms


def page_permissions(codenames, cache=None):
    return permission_objects([("wagtailcore", c) for c in codenames], cache)


def grant_page_permissions(group, page, codenames):
    for permission in page_permissions(codenames):
        GroupPagePermission.objects.get_or_create(group=group, page=page, permission=permission)


def grant_collection_permissions(group, collection, pairs):
    for permission in permission_objects(pairs):
        GroupCollectionPermission.objects.get_or_create(group=group, collection=collection, permission=permission)


def ensure_provincial_admin_group():
    """Provincial admins: everything in the admin, as a group so that membership is auditable."""
    group, _ = Group.objects.get_or_create(name=PROVINCIAL_ADMIN_GROUP)
    root = Page.get_first_root_node()
    grant_page_permissions(
        group, root, ["add_page", "change_page", "publish_page", "lock_page", "unlock_page", "bulk_delete_page"]
    )
    pairs = [*MODERATOR_MEDIA_PERMISSIONS]
    grant_collection_permissions(group, Collection.get_first_root_node(), pairs)
    global_pairs = [
        ("wagtailadmin", "access_admin"),
        ("kim_sites", "add_kim"),
        ("kim_sites", "change_kim"),
        ("kim_sites", "view_kim"),
        ("kim_sites", "change_kimsitesettings"),
        ("wagtail_localize", "submit_translation"),
        ("wagtailredirects", "add_redirect"),
        ("wagtailredirects", "change_redirect"),
        ("wagtailredirects", "delete_redirect"),
        ("wagtailsearchpromotions", "add_searchpromotion"),
        ("wagtailsearchpromotions", "change_searchpromotion"),
        ("wagtailsearchpromotions", "delete_searchpromotion"),
        ("wagtailcore", "add_site"),
        ("wagtailcore", "change_site"),
        ("wagtailcore", "add_workflow"),
        ("wagtailcore", "change_workflow"),
        ("wagtailcore", "add_task"),
        ("wagtailcore", "change_task"),
        ("home", "add_user"),
        ("home", "change_user"),
        ("auth", "add_group"),
        ("auth", "change_group"),
    ]
    group.permissions.add(*permission_objects(list(dict.fromkeys(global_pairs))))
    return group


# --- Regencies ---------------------------------------------------------------------------------


def moderator_group_name(regency):
    return f"Moderator {regency.name}"


@transaction.atomic
def ensure_regency_structure(regency):
    """Give a regency its page under the root, its media collection and its moderator group.

    Idempotent: called after every migrate and before every KIM is provisioned.
    """
    if regency.page_id and regency.collection_id and regency.moderator_group_id:
        return regency
    root = Page.get_first_root_node()
    changed = []
    if regency.page_id is None:
        page = RegencyPage(title=regency.name, slug=regency.slug, regency=regency, live=True)
        existing = RegencyPage.objects.filter(regency=regency, locale__language_code=settings.LANGUAGE_CODE).first()
        if existing is None:
            root.add_child(instance=page)
        else:
            page = existing
        regency.page = page
        changed.append("page")
    if regency.collection_id is None:
        collection = Collection.get_first_root_node().add_child(name=regency.name)
        regency.collection = collection
        changed.append("collection")
    if regency.moderator_group_id is None:
        group, _ = Group.objects.get_or_create(name=moderator_group_name(regency))
        regency.moderator_group = group
        changed.append("moderator_group")
    regency.save(update_fields=changed)
    group = regency.moderator_group
    grant_page_permissions(group, regency.page, MODERATOR_PAGE_PERMISSIONS)
    grant_collection_permissions(group, regency.collection, MODERATOR_MEDIA_PERMISSIONS)
    group.permissions.add(*permission_objects(MODERATOR_GLOBAL_PERMISSIONS))
    return regency


# --- Everything a fresh database needs ----------------------------------------------------------


def ensure_platform_structure():
    """Everything a fresh database needs beyond migrations: regency structure and role groups."""
    incomplete = Q(page__isnull=True) | Q(moderator_group__isnull=True) | Q(collection__isnull=True)
    for regency in Regency.objects.filter(incomplete):
        ensure_regency_structure(regency)
    ensure_provincial_admin_group()
    ensure_moderation_workflow()


@transaction.atomic
def ensure_moderation_workflow():
    """Create the "Moderasi KIM" workflow with its one task, assigned to the Root page. Idempotent.

    Root, because every tree hangs below it: each regency, every KIM created later, and the English
    translation trees, which are separate pages under Root and would slip past a workflow assigned
    to the Indonesian regency pages. The task routes each page to its own regency, so one assignment
    serves them all. Once the workflow exists it is left alone: changes made in the admin stand.
    """
    if Workflow.objects.filter(name=WORKFLOW_NAME).exists():
        return None
    task = RegencyModerationTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        task = RegencyModerationTask.objects.create(name=TASK_NAME)
    workflow = Workflow.objects.create(name=WORKFLOW_NAME)
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    root = Page.get_first_root_node()
    if root is not None and not WorkflowPage.objects.filter(page=root).exists():
        WorkflowPage.objects.create(page=root, workflow=workflow)
    return workflow
