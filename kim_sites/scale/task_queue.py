"""Keeping the database task queue (django-tasks-db, `manage.py db_worker`) healthy.

django-tasks-db 0.13 claims a task by marking it RUNNING and has no lease: a worker killed with
-9 (or by the OOM killer, or a power cut) leaves its task RUNNING for ever. It has no retry either.
So:
- `requeue_stale_tasks` puts a task RUNNING for longer than KIM_TASK_LEASE_SECONDS back to READY,
  and the next worker runs it again. Every task here must therefore be idempotent.
- `prune_finished_tasks` deletes finished results after a while; failed ones stay visible in the
  admin report ("Tugas latar", kim_sites/scale/task_views.py) until then.
- `tolerate_deleted_objects` makes the tasks Wagtail and modelsearch enqueue on every save succeed
  when the object was deleted before the worker reached it. They look the object up with
  `.get(pk=...)` and fail with DoesNotExist: an inline panel's rows (officers on the Profil page)
  are deleted and re-created by modelcluster when a page is saved again, so a queue with any
  backlog failed on them. Nothing is left to index for a deleted object: its post_delete handlers
  have already removed it from the reference and search indexes.
"""

import datetime
import functools

from django_tasks_db.models import DBTaskResult
from modelsearch import tasks as modelsearch_tasks

from django.apps import apps
from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Q
from django.utils import timezone

from wagtail import tasks as wagtail_tasks

from kim_sites import mail
from kim_sites.conf import kim_settings

STATUS_READY = "READY"
STATUS_RUNNING = "RUNNING"
STATUS_FAILED = "FAILED"
STATUS_SUCCESSFUL = "SUCCESSFUL"


def stale_tasks(lease_seconds=None, now=None):
    lease = kim_settings.KIM_TASK_LEASE_SECONDS if lease_seconds is None else lease_seconds
    cutoff = (now or timezone.now()) - datetime.timedelta(seconds=lease)
    return DBTaskResult.objects.filter(status=STATUS_RUNNING, started_at__lt=cutoff)


def requeue_stale_tasks(lease_seconds=None, now=None):
    """Put tasks RUNNING for longer than the lease back in the queue; returns how many.

    One UPDATE, conditional on the status: a task that finishes meanwhile is left alone.
    """
    return stale_tasks(lease_seconds, now).update(status=STATUS_READY, started_at=None)


def recover(lease_seconds=None, now=None):
    """What the recovery timer runs: stale tasks requeued, due e-mails re-enqueued."""
    return {"tasks": requeue_stale_tasks(lease_seconds, now), "mail": mail.recover_mail(now)}


def prune_finished_tasks(days, now=None):
    """Delete task results, and sent e-mails, finished more than `days` ago; returns how many."""
    cutoff = (now or timezone.now()) - datetime.timedelta(days=days)
    finished = Q(status__in=[STATUS_SUCCESSFUL, STATUS_FAILED], finished_at__lt=cutoff)
    tasks_deleted, _ = DBTaskResult.objects.filter(finished).delete()
    return {"tasks": tasks_deleted, "mail": mail.prune_outbox(days, now)}


def failed_tasks():
    return DBTaskResult.objects.filter(status=STATUS_FAILED).order_by("-finished_at")


# --- Tasks on objects that may be gone -----------------------------------------------------------

# Tasks of Wagtail and modelsearch called as (app_label, model_name, pk) that fetch the object by pk.
OBJECT_TASKS = (wagtail_tasks.update_reference_index_task, modelsearch_tasks.insert_or_update_object_task)


def skip_if_deleted(func):
    """Wrap a task function called as (app_label, model_name, pk): a missing object is a no-op.

    Only the object's own absence is forgiven: if it still exists, the error is raised as before.
    """

    @functools.wraps(func)
    def wrapper(app_label, model_name, pk, *args, **kwargs):
        try:
            return func(app_label, model_name, pk, *args, **kwargs)
        except ObjectDoesNotExist:
            model = apps.get_model(app_label, model_name)
            if model._default_manager.filter(pk=pk).exists():
                raise
            return None

    wrapper.kim_skips_deleted = True
    return wrapper


def tolerate_deleted_objects():
    """Install `skip_if_deleted` on OBJECT_TASKS, once per process (from AppConfig.ready).

    The Task objects stay the same, and `functools.wraps` keeps their module path, so tasks
    already queued under Wagtail's names run the wrapped function too.
    Last checked: Wagtail 8.0.1, modelsearch 1.3.2, django-tasks 0.12.0.
    """
    for task_ in OBJECT_TASKS:
        if not getattr(task_.func, "kim_skips_deleted", False):
            # Task is a frozen dataclass; its function is replaced in place for every holder.
            object.__setattr__(task_, "func", skip_if_deleted(task_.func))
