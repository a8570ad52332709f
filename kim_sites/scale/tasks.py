"""Background work of the scale mechanisms, through django-tasks (a worker in production).

Wagtail 8 already enqueues search-index updates (modelsearch's `insert_or_update_object_task`),
reference-index updates, frontend-cache purges and file deletions as tasks. What is added here:
bulk search indexing for provisioning, and CDN purges of everything a published page shows on.
"""

import contextvars
from contextlib import contextmanager
from urllib.parse import urlsplit

from django_tasks import task
from modelsearch import index
from modelsearch.backends import get_search_backends
from modelsearch.signal_handlers import post_save_signal_handler

from django.apps import apps
from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_save

from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache
from wagtail.models import ReferenceIndex
from wagtail.signal_handlers import disable_reference_index_auto_update

from kim_sites.conf import kim_settings
from kim_sites.scale.site_index import site_index

INDEX_CHUNK = 500

_deferred = contextvars.ContextVar("kim_deferred_search_index", default=None)
_wrapped = False


@task()
def index_objects_task(model_label, pks):
    """Add many objects of one model to the search index at once.

    The SQLite and PostgreSQL backends rescan the whole index after each call, so one call per
    object makes indexing N objects cost O(N²); one call per chunk keeps it linear.
    """
    model = apps.get_model(model_label)
    objects = list(model.objects.filter(pk__in=pks))
    if not objects:
        return
    for backend in get_search_backends(with_auto_update=True):
        backend.add_bulk(model, objects)


@task()
def update_references_task(model_label, pks):
    """Record the references of many objects at once (Wagtail enqueues one task per save)."""
    model = apps.get_model(model_label)
    with transaction.atomic():
        for instance in model.objects.filter(pk__in=pks):
            ReferenceIndex.create_or_update_for_object(instance)


def _enqueue_chunks(task_, model_label, pks):
    pks = list(dict.fromkeys(pks))
    for start in range(0, len(pks), INDEX_CHUNK):
        task_.enqueue(model_label, pks[start : start + INDEX_CHUNK])


def enqueue_index(model_label, pks):
    _enqueue_chunks(index_objects_task, model_label, pks)


@contextmanager
def deferred_indexing():
    """Inside, saving an object records it instead of updating the search and reference indexes
    for it; on exit, what was recorded is indexed by one task per model and chunk. Nests: the
    outermost block flushes. For bulk work (provisioning) in one thread."""
    _ensure_wrapped()
    if _deferred.get() is not None:
        yield
        return
    pending = {"search": {}, "references": {}}
    token = _deferred.set(pending)
    try:
        with disable_reference_index_auto_update():
            yield
    finally:
        _deferred.reset(token)
    for model_label, pks in pending["search"].items():
        _enqueue_chunks(index_objects_task, model_label, pks)
    for model_label, pks in pending["references"].items():
        _enqueue_chunks(update_references_task, model_label, pks)


def _ensure_wrapped():
    """Route modelsearch's post_save handler through `_index_or_defer` (once per process)."""
    global _wrapped
    if _wrapped:
        return
    for model in index.get_indexed_models():
        if getattr(model, "search_auto_update", True) and post_save.disconnect(post_save_signal_handler, sender=model):
            post_save.connect(_index_or_defer, sender=model)
    post_save.connect(_record_references, dispatch_uid="kim_deferred_references")
    _wrapped = True


def _index_or_defer(sender, instance, **kwargs):
    pending = _deferred.get()
    if pending is None or kwargs.get("raw", False):
        return post_save_signal_handler(instance=instance, sender=sender, **kwargs)
    pending["search"].setdefault(instance._meta.label, []).append(instance.pk)


def _record_references(sender, instance, raw=False, **kwargs):
    pending = _deferred.get()
    if pending is None or raw:
        return
    if ReferenceIndex.is_indexed(sender):
        pending["references"].setdefault(instance._meta.label, []).append(instance.pk)


# --- CDN -------------------------------------------------------------------------------------------


def enqueue_frontend_purge(page, site_ids):
    """With WAGTAILFRONTENDCACHE configured, purge from the CDN the page, its ancestors up to the
    site root (home, index) and each affected site's listing paths. Wagtail sends the purge
    requests from a task."""
    if not getattr(settings, "WAGTAILFRONTENDCACHE", None):
        return
    urls = set()
    for site_id in site_ids:
        site = site_index.site_by_id(site_id)
        if site is not None:
            for path in kim_settings.KIM_FRONTEND_CACHE_SITE_PATHS:
                urls.add(f"{site.root_url}/{path}")
    page_url = page.get_full_url()
    if page_url:
        # The page and each ancestor under its host: the home and the index list it.
        parts = urlsplit(page_url)
        segments = [segment for segment in parts.path.split("/") if segment]
        for count in range(len(segments) + 1):
            path = "/".join(segments[:count])
            urls.add(f"{parts.scheme}://{parts.netloc}/{path}{'/' if path else ''}")
    purge_urls_from_cache(sorted(urls))
