"""Reindexing pages whose search text includes their inline rows.

Wagtail indexes a page from its post_save signal, which fires before modelcluster saves the page's
child rows (agenda events, pengurus): the index would keep the rows of the previous revision. Once
the publish has finished, the page is indexed again through modelsearch's own task.
"""

from modelsearch.tasks import insert_or_update_object_task

from wagtail.signals import page_published

from kim_sites.models import AgendaPage, ProfilePage

PAGES_WITH_INDEXED_ROWS = (AgendaPage, ProfilePage)


def reindex_with_rows(sender, instance, **kwargs):
    insert_or_update_object_task.enqueue(instance._meta.app_label, instance._meta.model_name, str(instance.pk))


def connect_signals():
    for model in PAGES_WITH_INDEXED_ROWS:
        page_published.connect(reindex_with_rows, sender=model, dispatch_uid=f"search_rows_{model._meta.label}")
