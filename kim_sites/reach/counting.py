"""Where a counted view waits until the flush: a Redis hash per day, else a database row.

With Redis (REDIS_URL, or KIM_REACH_REDIS_URL), a view is one round trip and no database query:
`HINCRBY kim:dibaca:day:<YYYY-MM-DD> <site id>:<page id> 1`, plus the day's name in a set so the
flush finds every day, and an expiry so that a platform whose flush never runs keeps no hash for
ever. The keys hold page and site ids and WIB dates, nothing else. If Redis fails, the view is
written to the database instead (PageViewPending), so an outage loses nothing that arrives during it.

Without Redis, each view is one UPDATE of PageViewPending (an INSERT for the first view of a page
on a day): the beacon answers after it, the page itself never waits for it.
"""

import logging
import re
import threading

import redis
from redis.exceptions import RedisError

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from kim_sites.conf import kim_settings
from kim_sites.models import PageViewPending
from kimcms.cache import cache_available

logger = logging.getLogger(__name__)

PREFIX = "kim:dibaca"
DAYS_KEY = f"{PREFIX}:days"
BATCHES_KEY = f"{PREFIX}:batches"
# A day's hash that no flush took lives this long; the flush runs every minute.
DAY_KEY_TTL = 8 * 24 * 3600

# Crawlers, link previews, monitors, scripts and headless browsers. A view only counts when a
# browser ran the page's script, so most bots never send one; those that run scripts (search
# engines' renderers, Lighthouse, headless test browsers) say so in their User-Agent.
BOT_PATTERN = re.compile(
    r"(?<!cu)bot\b|(?<!cu)bot/|crawl|spider|slurp|scrap|archiver|headless|lighthouse|pagespeed|gtmetrix|"
    r"preview|prerender|monitor|uptime|pingdom|checker|validator|"
    r"facebookexternalhit|facebookcatalog|whatsapp|telegram|discord|skype|slack|embedly|"
    r"mediapartners|adsbot|apis-google|feedfetcher|google-read-aloud|"
    r"phantomjs|selenium|webdriver|puppeteer|playwright|"
    r"python|curl|wget|httpie|libwww|perl|ruby|java/|okhttp|go-http|axios|node-fetch|undici|"
    r"http[-_ ]?client|aiohttp|requests|scrapy|postman|insomnia",
    re.IGNORECASE,
)


def is_bot(user_agent):
    """Whether a User-Agent is a bot's, or missing (nothing a reader's browser sends)."""
    user_agent = (user_agent or "").strip()
    return not user_agent or bool(BOT_PATTERN.search(user_agent))


def day_key(day):
    return f"{PREFIX}:day:{day.isoformat()}"


def field_for(site_id, page_id):
    return f"{site_id}:{page_id}"


def redis_url():
    return kim_settings.KIM_REACH_REDIS_URL or getattr(settings, "REDIS_URL", "")


_clients = {}
_clients_lock = threading.Lock()


def redis_client():
    """The Redis of the counts (a client per process and URL), or None without Redis or while the
    shared cache, on the same Redis, already knows it is down (no connect timeout per view then)."""
    url = redis_url()
    if not url or (url == getattr(settings, "REDIS_URL", "") and not cache_available(cache)):
        return None
    with _clients_lock:
        client = _clients.get(url)
        if client is None:
            client = redis.Redis.from_url(
                url,
                socket_connect_timeout=float(getattr(settings, "REDIS_CONNECT_TIMEOUT", 0.25)),
                socket_timeout=float(getattr(settings, "REDIS_SOCKET_TIMEOUT", 0.5)),
            )
            _clients[url] = client
        return client


def record_view(site_id, page_id, day=None):
    """Count one view of a page of a Site, to be flushed into PageViewDay."""
    day = day or timezone.localdate()
    client = redis_client()
    if client is not None:
        try:
            key = day_key(day)
            pipe = client.pipeline(transaction=False)
            pipe.hincrby(key, field_for(site_id, page_id), 1)
            pipe.sadd(DAYS_KEY, key)
            pipe.expire(key, DAY_KEY_TTL)
            pipe.execute()
            return
        except RedisError as error:
            logger.warning("Views go to the database while Redis fails: %s", error)
    add_pending(site_id, page_id, day, 1)


def add_pending(site_id, page_id, day, views):
    """Add views to the database's waiting row of a page and day (created on its first view)."""
    pending = PageViewPending.objects.filter(site_id=site_id, page_id=page_id, day=day)
    if pending.update(views=F("views") + views):
        return
    try:
        with transaction.atomic():
            PageViewPending.objects.create(site_id=site_id, page_id=page_id, day=day, views=views)
    except IntegrityError:  # another request created it first
        pending.update(views=F("views") + views)
