"""Translated trees are separate pages: give each translation the permissions and workflow of its source.

Editor groups hold their permissions on their KIM's home page and moderator groups on their
regency's page, in Indonesian. When wagtail-localize creates the English copy of such a page
(a translation, or an alias made for a translated child), nobody but superusers could act on
the English tree; and without the same workflow, English pages would skip moderation. So:

- a page created as a translation of pages that carry group permissions or a workflow gets the
  same ones;
- a permission or workflow later given to a page is given to its existing translations too.

Removals are not mirrored: deleting a page deletes its permission rows, and that must not strip
the source page of its own.
"""

from django.db.models.signals import post_save

from wagtail.models import GroupPagePermission, Page, WorkflowPage


def _translations_of(page):
    return Page.objects.filter(translation_key=page.translation_key).exclude(pk=page.pk)


def _copy_to(page, sources):
    for permission in GroupPagePermission.objects.filter(page__in=sources):
        GroupPagePermission.objects.get_or_create(
            group_id=permission.group_id, page=page, permission_id=permission.permission_id
        )
    if not WorkflowPage.objects.filter(page=page).exists():
        workflow_page = WorkflowPage.objects.filter(page__in=sources).first()
        if workflow_page is not None:
            WorkflowPage.objects.create(page=page, workflow_id=workflow_page.workflow_id)


def give_new_translation_its_source_permissions(sender, instance, created, raw=False, **kwargs):
    if not created or raw or not isinstance(instance, Page) or instance.is_root():
        return
    sources = list(_translations_of(instance))
    if sources:
        _copy_to(instance, sources)


def mirror_permission_to_translations(sender, instance, created, raw=False, **kwargs):
    if not created or raw:
        return
    for translation in _translations_of(instance.page):
        GroupPagePermission.objects.get_or_create(
            group_id=instance.group_id, page=translation, permission_id=instance.permission_id
        )


def mirror_workflow_to_translations(sender, instance, created, raw=False, **kwargs):
    if raw:
        return
    for translation in _translations_of(instance.page):
        current = WorkflowPage.objects.filter(page=translation).first()
        # Saving only on a difference also ends the ping-pong between a page and its translation.
        if current is None:
            WorkflowPage.objects.create(page=translation, workflow_id=instance.workflow_id)
        elif current.workflow_id != instance.workflow_id:
            current.workflow_id = instance.workflow_id
            current.save()


def connect_signals():
    post_save.connect(give_new_translation_its_source_permissions, dispatch_uid="kim_translation_permissions")
    post_save.connect(mirror_permission_to_translations, sender=GroupPagePermission, dispatch_uid="kim_mirror_perms")
    post_save.connect(mirror_workflow_to_translations, sender=WorkflowPage, dispatch_uid="kim_mirror_workflow")
