"""Counting through a real Redis (database 9 of TEST_REDIS_URL's server; skipped without one)."""

import fcntl
import tempfile
from pathlib import Path

import pytest
import redis

from kim_sites.models import PageViewBatch, PageViewDay, PageViewPending
from kim_sites.reach import counting, flush
from tests.kim_sites.reach.conftest import beacon_of, send_beacon
from tests.support.services import redis_url

pytestmark = pytest.mark.django_db
POST = "/berita/kabar-dibaca/"
# A database of its own, apart from the cache database a suite run on Redis names (REDIS_URL).
REACH_REDIS_DB = 9


@pytest.fixture
def store(settings):
    settings.REDIS_URL = redis_url(REACH_REDIS_DB)
    client = redis.Redis.from_url(settings.REDIS_URL)
    # The suite's parallel workers may run two of these tests at once: each empties the database,
    # so they take turns.
    with open(Path(tempfile.gettempdir()) / "kimcms-test-reach-redis.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        client.flushdb()
        yield client
        client.flushdb()


def views_of(page):
    return sum(PageViewDay.objects.filter(page_id=page.pk).values_list("views", flat=True))


def test_a_beacon_costs_no_query_and_waits_in_redis(client, kim, store, django_assert_num_queries):
    url = beacon_of(client.get(POST, HTTP_HOST=kim.hostname))
    send_beacon(client, kim.hostname, url)  # the first request of a process may build its site index
    with django_assert_num_queries(0):
        assert send_beacon(client, kim.hostname, url).status_code == 204
    assert not PageViewPending.objects.exists()
    # The keys hold ids and WIB dates only.
    keys = sorted(key.decode() for key in store.keys("*"))
    assert keys == sorted([counting.DAYS_KEY, counting.day_key(counting.timezone.localdate())])
    day_key = counting.day_key(counting.timezone.localdate())
    assert store.hgetall(day_key) == {f"{kim.site_id}:{kim.post.pk}".encode(): b"2"}
    assert 0 < store.ttl(day_key) <= counting.DAY_KEY_TTL

    assert flush.flush() == 2
    assert views_of(kim.post) == 2
    assert store.keys("*") == []


def test_counts_flushed_before_a_redis_restart_are_kept(client, kim, store):
    url = beacon_of(client.get(POST, HTTP_HOST=kim.hostname))
    for _ in range(3):
        send_beacon(client, kim.hostname, url)
    flush.flush()
    send_beacon(client, kim.hostname, url)  # arrives after the last flush...
    store.flushdb()  # ...and is lost with Redis's data
    send_beacon(client, kim.hostname, url)
    flush.flush()
    assert views_of(kim.post) == 4


def test_a_batch_met_again_after_a_crash_is_added_once(client, kim, store):
    url = beacon_of(client.get(POST, HTTP_HOST=kim.hostname))
    for _ in range(5):
        send_beacon(client, kim.hostname, url)
    # A flusher took the day's hash, added it and died before deleting the batch from Redis.
    [batch_key] = flush.take_days(store)
    name = batch_key.rsplit(":", 1)[1]
    send_beacon(client, kim.hostname, url)  # a new hash starts meanwhile
    counts = flush._parse_counts(store.hgetall(batch_key))
    PageViewBatch.objects.create(key=name)
    flush.add_views(counting.timezone.localdate(), counts)
    assert views_of(kim.post) == 5
    # The next flush deletes that batch without adding it again, and adds the new view.
    assert flush.flush() == 1
    assert views_of(kim.post) == 6
    assert store.smembers(counting.BATCHES_KEY) == set()


def test_a_batch_left_by_a_flusher_that_died_before_its_commit_is_added_by_the_next(client, kim, store):
    url = beacon_of(client.get(POST, HTTP_HOST=kim.hostname))
    for _ in range(2):
        send_beacon(client, kim.hostname, url)
    flush.take_days(store)  # renamed, then the flusher died
    assert views_of(kim.post) == 0
    flush.flush()
    assert views_of(kim.post) == 2


def test_views_go_to_the_database_while_redis_fails(client, kim, settings):
    settings.REDIS_URL = "redis://127.0.0.1:1/15"  # nothing listens there
    url = beacon_of(client.get(POST, HTTP_HOST=kim.hostname))
    assert send_beacon(client, kim.hostname, url).status_code == 204
    assert PageViewPending.objects.get().views == 1
    flush.flush()
    assert views_of(kim.post) == 1
