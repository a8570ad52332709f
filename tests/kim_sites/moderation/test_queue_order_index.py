"""The moderation queue's "oldest first" is read off an index, not a sort of every pending item."""

import pytest

from django.db import connection

from kim_sites.moderation.queue import pending_task_states
from kim_sites.registry.provisioning import refresh_statistics
from tests.factories.accounts import make_moderator
from tests.factories.registry import make_kim
from tools.bench.runner import create_pending_items

pytestmark = pytest.mark.django_db


def test_task_states_in_progress_have_an_index_in_queue_order():
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, "wagtailcore_taskstate")
    assert constraints["kim_taskstate_pending_idx"]["columns"] == ["started_at", "id"]


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="the plan is PostgreSQL's (run the suite with DATABASE_URL=postgres://...)",
)
def test_the_first_page_of_a_long_queue_is_read_off_the_index():
    kim = make_kim()
    other = make_kim(regency="belitung")
    moderator = make_moderator(kim.regency)
    create_pending_items(kim, 3_000)
    create_pending_items(other, 50)
    refresh_statistics()

    queryset = pending_task_states(moderator)[:20]
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN " + sql, params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "kim_taskstate_pending_idx" in plan, plan
    rows = list(queryset)
    assert len(rows) == 20
    assert [r.started_at for r in rows] == sorted(r.started_at for r in rows)
    # Still the moderator's own regency only.
    assert pending_task_states(moderator).count() == 3_000
