"""The request id crosses into the task queue: stored with the task, restored in the worker."""

from django_tasks.signals import task_finished, task_started
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.models import DBTaskResult

from django.db.models.signals import pre_save
from django.dispatch import receiver

from kimcms.logs import request_id_var, task_id_var

# The key beside "args" and "kwargs" in a stored task (DBTaskResult.args_kwargs); the worker reads
# only those two, so the task's own signature is untouched.
TASK_REQUEST_ID_KEY = "request_id"


@receiver(pre_save, sender=DBTaskResult)
def store_request_id(sender, instance, raw=False, **kwargs):
    """A task enqueued while a request runs keeps that request's id beside its arguments."""
    request_id = request_id_var.get()
    if raw or not request_id or not instance._state.adding:
        return
    if isinstance(instance.args_kwargs, dict) and TASK_REQUEST_ID_KEY not in instance.args_kwargs:
        instance.args_kwargs = {**instance.args_kwargs, TASK_REQUEST_ID_KEY: request_id}


_task_tokens = {}


@receiver(task_started)
def bind_task_ids(sender, task_result, **kwargs):
    """In the worker: the task's own id, and the id of the request that enqueued it."""
    task_token = task_id_var.set(str(task_result.id))
    request_token = None
    # django_tasks_db's worker sends the backend instance, other paths its class.
    backend_class = sender if isinstance(sender, type) else type(sender)
    if issubclass(backend_class, DatabaseBackend):
        request_id = stored_request_id(task_result.id)
        if request_id:
            request_token = request_id_var.set(request_id)
    _task_tokens[str(task_result.id)] = (task_token, request_token)


@receiver(task_finished)
def unbind_task_ids(sender, task_result, **kwargs):
    tokens = _task_tokens.pop(str(task_result.id), None)
    if tokens is None:
        return
    task_token, request_token = tokens
    if request_token is not None:
        request_id_var.reset(request_token)
    task_id_var.reset(task_token)


def stored_request_id(task_id):
    stored = DBTaskResult.objects.filter(pk=task_id).values_list("args_kwargs", flat=True).first()
    if isinstance(stored, dict):
        return stored.get(TASK_REQUEST_ID_KEY, "")
    return ""
