"""Queued tasks keep working across the reorganisation of kim_sites into subpackages.

django-tasks-db stores each task by its import path. A task queued before this release under
`kim_sites.scale_tasks.*` or `kim_sites.frontend_cache.*` would no longer import in the worker;
its row now names the task's new home. Only the task path changes: no schema, no other data.
"""

from django.db import migrations

MOVED = {
    "kim_sites.scale_tasks.": "kim_sites.scale.tasks.",
    "kim_sites.frontend_cache.": "kim_sites.scale.frontend_cache.",
}


def rename(apps, schema_editor, moves):
    DBTaskResult = apps.get_model("django_tasks_database", "DBTaskResult")
    for old, new in moves.items():
        for row in DBTaskResult.objects.filter(task_path__startswith=old).only("id", "task_path"):
            row.task_path = new + row.task_path[len(old) :]
            row.save(update_fields=["task_path"])


def forwards(apps, schema_editor):
    rename(apps, schema_editor, MOVED)


def backwards(apps, schema_editor):
    rename(apps, schema_editor, {new: old for old, new in MOVED.items()})


class Migration(migrations.Migration):
    dependencies = [
        ("kim_sites", "0009_outbox_message"),
        ("django_tasks_database", "0021_conditional_partial_index_ordering"),
    ]

    operations = [migrations.RunPython(forwards, backwards, elidable=True)]
