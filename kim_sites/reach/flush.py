"""Moving waiting views into PageViewDay: a task, enqueued every minute by a timer.

Redis: each day's hash is renamed, atomically with recording the new name in a set of batches
(one Lua script), so beacons that arrive meanwhile start a fresh hash and nothing is read twice.
A batch is then added to PageViewDay in one transaction together with a PageViewBatch row naming
it; only after the commit is the batch deleted from Redis. So:
- a flusher that dies before the commit leaves the batch in Redis, and the next flush adds it;
- a flusher that dies after the commit leaves it too, and the next flush finds its PageViewBatch
  row and only deletes it; two flushers at once cannot both add a batch (the row is unique).
What Redis loses (a restart without persistence, FLUSHDB) is at most what arrived since the last
flush: everything flushed before is in the database.

Database: waiting rows are subtracted from PageViewPending, by the amounts read, and added to
PageViewDay in one transaction, so views counted meanwhile stay waiting for the next flush, and a
row two flushers read at once is taken by one of them only.

Before a view reaches PageViewDay the page is checked once more, for the whole batch at once:
live, without a view restriction, under the Site the beacon named, and that Site is a KIM's.
Anything else is dropped.
"""

import datetime
import logging
import uuid
from collections import defaultdict

from django_tasks import task
from redis.exceptions import RedisError

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from wagtail.models import Page

from kim_sites.models import Kim, PageViewBatch, PageViewDay, PageViewPending
from kim_sites.reach import counting
from kim_sites.scale.site_index import site_index

logger = logging.getLogger(__name__)

# Batches named in PageViewBatch are kept this long, far beyond any flusher's life.
BATCH_RECORD_DAYS = 7
PENDING_CHUNK = 2000

_TAKE_DAY = """
if redis.call('EXISTS', KEYS[1]) == 1 then
  redis.call('RENAME', KEYS[1], KEYS[2])
  redis.call('PERSIST', KEYS[2])
  redis.call('SADD', KEYS[3], KEYS[2])
end
redis.call('SREM', KEYS[4], KEYS[1])
return 1
"""


def _batch_key(day_key):
    return f"{counting.PREFIX}:batch:{day_key.rsplit(':', 1)[1]}:{uuid.uuid4().hex}"


def _decode(value):
    return value.decode() if isinstance(value, bytes) else value


def take_days(client):
    """Turn every day's hash into a batch (atomically); the batches waiting, old ones included."""
    take = client.register_script(_TAKE_DAY)
    for day_key in sorted(_decode(key) for key in client.smembers(counting.DAYS_KEY)):
        take(keys=[day_key, _batch_key(day_key), counting.BATCHES_KEY, counting.DAYS_KEY])
    return sorted(_decode(key) for key in client.smembers(counting.BATCHES_KEY))


def _parse_counts(raw):
    counts = {}
    for field, value in raw.items():
        site_id, _, page_id = _decode(field).partition(":")
        try:
            counts[(int(site_id), int(page_id))] = int(value)
        except ValueError:
            continue
    return counts


def flush_redis(client):
    """Add every Redis batch to PageViewDay once; returns the number of views added."""
    added = 0
    for batch_key in take_days(client):
        raw = client.hgetall(batch_key)
        day = datetime.date.fromisoformat(batch_key.split(":")[-2])
        name = batch_key.rsplit(":", 1)[1]
        try:
            with transaction.atomic():
                PageViewBatch.objects.create(key=name)
                added += add_views(day, _parse_counts(raw))
        except IntegrityError:
            logger.info("Batch %s was already added; deleting it", name)
        client.delete(batch_key)
        client.srem(counting.BATCHES_KEY, batch_key)
    return added


def flush_database():
    """Add the database's waiting views to PageViewDay; returns the number of views added."""
    added = 0
    while True:
        rows = list(
            PageViewPending.objects.filter(views__gt=0)
            .order_by("pk")
            .values_list("pk", "site_id", "page_id", "day", "views")[:PENDING_CHUNK]
        )
        if not rows:
            break
        with transaction.atomic():
            # Taken first, each by the amount read and only if still there: a concurrent flusher
            # that took a row first leaves it short, and this flusher skips it.
            by_day = defaultdict(dict)
            for pk, site_id, page_id, day, views in rows:
                if PageViewPending.objects.filter(pk=pk, views__gte=views).update(views=F("views") - views):
                    by_day[day][(site_id, page_id)] = views
            for day, counts in by_day.items():
                added += add_views(day, counts)
        PageViewPending.objects.filter(views__lte=0).delete()
        if len(rows) < PENDING_CHUNK:
            break
    return added


def countable(pairs):
    """{(site id, page id): kim id} for the pairs whose page is live, public and under that KIM's Site."""
    pairs = set(pairs)
    if not pairs:
        return {}
    kims = dict(Kim.objects.filter(site_id__in={site for site, _ in pairs}).values_list("site_id", "pk"))
    pages = {
        pk: (path, url_path)
        for pk, path, url_path in Page.objects.filter(pk__in={page for _, page in pairs}, live=True).values_list(
            "pk", "path", "url_path"
        )
    }
    found = {}
    for site_id, page_id in pairs:
        if site_id not in kims or page_id not in pages:
            continue
        path, url_path = pages[page_id]
        if site_index.is_restricted(path) or site_id not in site_index.site_ids_for_url_path(url_path):
            continue
        found[(site_id, page_id)] = kims[site_id]
    return found


def add_views(day, counts):
    """Add {(site id, page id): views} of one day to PageViewDay, the countable ones only."""
    kims = countable(counts)
    added = 0
    for (site_id, page_id), views in counts.items():
        kim_id = kims.get((site_id, page_id))
        if kim_id is None or views <= 0:
            continue
        existing = PageViewDay.objects.filter(page_id=page_id, day=day)
        if not existing.update(views=F("views") + views):
            try:
                with transaction.atomic():
                    PageViewDay.objects.create(page_id=page_id, kim_id=kim_id, day=day, views=views)
            except IntegrityError:
                existing.update(views=F("views") + views)
        added += views
    return added


def flush(now=None):
    """Flush Redis (when configured) and the database's waiting views; returns views added."""
    added = 0
    client = counting.redis_client()
    if client is not None:
        try:
            added += flush_redis(client)
        except RedisError as error:
            # Batches stay in Redis until it answers; views meanwhile wait in the database.
            logger.warning("Views in Redis are flushed once it answers again: %s", error)
    added += flush_database()
    cutoff = (now or timezone.now()) - datetime.timedelta(days=BATCH_RECORD_DAYS)
    PageViewBatch.objects.filter(flushed_at__lt=cutoff).delete()
    return added


@task()
def flush_page_views_task():
    """The flush, from the task queue. Idempotent: see the module's docstring."""
    return flush()
