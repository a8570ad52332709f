"""An index on Wagtail's task states in progress, oldest first (`started_at`, `id`).

The moderation queue and its dashboard panel list the pages waiting for a moderator oldest first
(kim_sites/moderation/queue.py). Without this index the database reads and sorts every task state
in progress to show the first page of the queue: at 10,000 pending items that sort is most of the
time the queue adds to the dashboard. The partial index holds only the items in progress, in the
queue's order, so the first page is read off its beginning.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("kim_sites", "0015_regency_contact"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.RunSQL(
            "CREATE INDEX IF NOT EXISTS kim_taskstate_pending_idx ON wagtailcore_taskstate (started_at, id) "
            "WHERE status = 'in_progress'",
            "DROP INDEX IF EXISTS kim_taskstate_pending_idx",
        )
    ]
