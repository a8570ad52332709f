"""Site and URL resolution whose cost does not grow with the number of Sites.

Stock Wagtail 8 resolves a request's Site with a query, and builds every page URL by scanning
the list of *all* sites' root paths, unpickled from the cache on every request (578 KB at
10,000 sites), rebuilt with one query per site under WAGTAIL_I18N_ENABLED. This module keeps a
per-process index of the Sites (by hostname, by root path) and answers those questions with
dictionary lookups.

The index is invalidated across processes by a small generation token in the shared cache
(`GENERATION_KEY`), bumped when a Site is saved or deleted, when a site root (or an ancestor)
changes its URL path, when any page is moved, when a page holding (or above) a site root, a view
restriction or an alias is deleted, when a Locale changes, when a page view restriction changes,
and when `Site.clear_site_root_paths_cache()` is called. (Suspension is not the index's business: a
suspended KIM keeps its Site, and registry/suspension.py keeps the shared set of suspended hosts.)
Each request checks the token once (`SiteIndexMiddleware`); code outside a request checks it on
every use. The process that makes a change drops its own index at once, so the change is visible
in the same transaction too.

Two rules bound what a snapshot can get wrong:

- A snapshot lives at most `KIM_SITE_INDEX_MAX_AGE` seconds (default 60), so a change made
  without signals (`Site.objects.update(...)`, SQL) is seen within that time.
- A snapshot built inside a transaction is used only while that transaction (or savepoint) is
  open, and kept once it commits: after a rollback it is rebuilt, so rolled-back rows are never
  served.

The index answers through replacements of a few Wagtail internals, installed by
kim_sites/scale/wagtail_patches.py, which lists them.
"""

import contextvars
import threading
import time
import uuid
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import transaction
from django.db.models import Q
from django.db.models.signals import post_delete, post_save, pre_save
from django.utils import translation

from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page, PageViewRestriction, Site
from wagtail.models.sites import SiteRootPath
from wagtail.signals import post_page_move

from kim_sites.conf import kim_settings
from kim_sites.hosts import normalize_hostname
from kim_sites.tree import tree_q
from kimcms.cache import cache_available, drop_after_outage

GENERATION_KEY = "kim:site-index:generation"
# Written while Redis was unreachable, it may be stale once it answers (kimcms/cache.py).
drop_after_outage(GENERATION_KEY)
# While the shared cache is down, the longest a change made by another process stays unseen.
DEGRADED_MAX_AGE = 2


_SITE_FIELDS = ("id", "hostname", "port", "site_name", "root_page_id", "is_default_site")


@dataclass
class _Snapshot:
    """Everything the index knows, built at once from the database and then read-only."""

    generation: str
    root_paths: list = field(default_factory=list)
    # root_path -> [(position in root_paths, SiteRootPath)]
    by_root_path: dict = field(default_factory=dict)
    sites: dict = field(default_factory=dict)  # id -> tuple of _SITE_FIELDS values
    by_hostname: dict = field(default_factory=dict)  # normalized hostname -> [site tuple]
    default_site: tuple | None = None
    # site id -> (root page content type id, {language_code: (page id, content type id)})
    roots: dict = field(default_factory=dict)
    # treebeard path -> url_path, for every site root page and its ancestors
    tree_paths: dict = field(default_factory=dict)
    # page id -> url_path, for every site root page and its translations
    root_url_paths: dict = field(default_factory=dict)
    root_translation_keys: frozenset = frozenset()
    restricted_paths: frozenset = frozenset()
    alias_paths: frozenset = frozenset()
    locales: dict = field(default_factory=dict)  # language_code -> Locale
    built_at: float = 0.0  # SiteIndex.clock() when built
    # Set when built inside a transaction: the snapshot may hold rows that roll back.
    transaction_mark: "_TransactionMark | None" = None

    @property
    def site_count(self):
        return len(self.sites)


class _RequestScope:
    __slots__ = ("checked",)

    def __init__(self):
        self.checked = False


_request_scope = contextvars.ContextVar("kim_site_index_scope", default=None)


def _new_token():
    return uuid.uuid4().hex


# The generation of this process when the cache keeps nothing (DummyCache): changes made here are
# seen here at once, and changes made elsewhere after at most the snapshot's maximum age.
_process_generation = _new_token()


def read_generation():
    token = cache.get(GENERATION_KEY)
    if token is None:
        if not cache_available(cache):
            # The shared cache is down, so changes made by other processes cannot be announced:
            # rebuild from the database every DEGRADED_MAX_AGE seconds until it is back.
            return f"{_process_generation}:degraded:{int(time.monotonic() // DEGRADED_MAX_AGE)}"
        # First use, or the cache was flushed: every process must rebuild.
        cache.add(GENERATION_KEY, _new_token(), timeout=None)
        token = cache.get(GENERATION_KEY)
        if token is None:
            # A cache that stores nothing: a new token on every read would rebuild on every use.
            token = _process_generation
    return token


def max_age():
    return kim_settings.KIM_SITE_INDEX_MAX_AGE


class _TransactionMark:
    """An on-commit hook of the transaction that built a snapshot: while the hook is pending, that
    transaction is open; once it has run, the rows committed; when it is gone unrun, they rolled back."""

    __slots__ = ("committed", "position")

    def __init__(self, position):
        self.committed = False
        self.position = position

    def __call__(self):
        self.committed = True

    def still_valid(self):
        if self.committed:
            return True
        # A rollback (of the transaction or of a savepoint around the hook) drops the hook and
        # every hook registered after it, so the hook is at its position or nowhere.
        pending = transaction.get_connection().run_on_commit
        return self.position < len(pending) and pending[self.position][1] is self


def _mark_transaction(snapshot):
    connection = transaction.get_connection()
    if connection.in_atomic_block:
        mark = _TransactionMark(len(connection.run_on_commit))
        transaction.on_commit(mark)
        snapshot.transaction_mark = mark
    return snapshot


class SiteIndex:
    # Replaceable in tests, which never wait for the maximum age.
    clock = staticmethod(time.monotonic)

    def __init__(self):
        self._snapshot = None
        self._lock = threading.Lock()

    # --- freshness ----------------------------------------------------------------------------

    def current(self):
        snapshot = self._snapshot
        scope = _request_scope.get()
        if snapshot is not None and scope is not None and scope.checked and self._trusted(snapshot):
            return snapshot
        generation = read_generation()
        if not self._usable(snapshot, generation):
            with self._lock:
                snapshot = self._snapshot
                if not self._usable(snapshot, generation):
                    snapshot = self._snapshot = self._build(generation)
        if scope is not None:
            scope.checked = True
        return snapshot

    def _build(self, generation):
        started = self.clock()  # its age counts from the first row read
        snapshot = build_snapshot(generation)
        snapshot.built_at = started
        return _mark_transaction(snapshot)

    def _usable(self, snapshot, generation):
        return (
            snapshot is not None
            and snapshot.generation == generation
            and self.clock() - snapshot.built_at < max_age()
            and self._trusted(snapshot)
        )

    @staticmethod
    def _trusted(snapshot):
        """False for a snapshot built inside a transaction that has since rolled back (or that
        belongs to another thread's transaction)."""
        return snapshot.transaction_mark is None or snapshot.transaction_mark.still_valid()

    def fresh_snapshot(self):
        """The snapshot if it is current, else None, without rebuilding it.

        For code that runs on writes (signal handlers): a bulk import changes the Sites thousands of
        times in one transaction, and a rebuild per change (7 queries reading every Site) would make
        the cost of each new KIM grow with the number already there."""
        snapshot = self._snapshot
        if snapshot is not None and self._usable(snapshot, read_generation()):
            return snapshot
        return None

    def known_snapshot(self):
        """The last snapshot this process built, whatever its generation, unless it holds rows
        that rolled back: for write handlers that compare a page with what the index knew."""
        snapshot = self._snapshot
        return snapshot if snapshot is not None and self._trusted(snapshot) else None

    def default_site_id(self):
        snapshot = self.fresh_snapshot()
        if snapshot is not None:
            return snapshot.default_site[0] if snapshot.default_site else None
        return Site.objects.filter(is_default_site=True).values_list("pk", flat=True).first()

    def invalidate_local(self):
        self._snapshot = None

    def invalidate(self):
        """Make every process rebuild: now, and again once the transaction commits (a process that
        rebuilt in between read the old rows)."""
        self._bump()
        transaction.on_commit(self._bump)

    def _bump(self):
        global _process_generation
        self._snapshot = None
        _process_generation = _new_token()
        cache.set(GENERATION_KEY, _new_token(), timeout=None)

    # --- queries ------------------------------------------------------------------------------

    def find_site(self, hostname, port):
        """The Site that `get_site_for_hostname(hostname, port)` returns, or None."""
        snapshot = self.current()
        hostname = normalize_hostname(hostname)
        try:
            port = int(port)
        except (TypeError, ValueError):
            port = None
        default = snapshot.default_site
        ranked = []
        for site in snapshot.by_hostname.get(hostname, ()):
            if site[2] == port:
                match = 0
            elif site[5]:
                match = 1
            else:
                match = 3
            ranked.append((match, site))
        if default is not None and normalize_hostname(default[1]) != hostname:
            ranked.append((2, default))
        if not ranked:
            return None
        ranked.sort(key=lambda item: item[0])
        best_match, best = ranked[0]
        if len(ranked) == 1 or best_match in (0, 1):
            return _site_instance(best)
        if best_match == 2:
            return _site_instance(ranked[len(ranked) == 2][1])
        return None

    def has_hostname(self, hostname):
        """Whether a Site has this hostname (any port), in any spelling of it."""
        return normalize_hostname(hostname) in self.current().by_hostname

    def site_by_id(self, site_id):
        values = self.current().sites.get(site_id)
        return _site_instance(values) if values else None

    def relevant_root_paths(self, url_path):
        if not url_path:
            return ()
        by_root_path = self.current().by_root_path
        found = []
        start = 0
        while True:
            slash = url_path.find("/", start)
            if slash < 0:
                break
            entries = by_root_path.get(url_path[: slash + 1])
            if entries:
                found.extend(entries)
            start = slash + 1
        if len(found) > 1:
            found.sort(key=lambda item: item[0])
        return tuple(srp for _, srp in found)

    def site_ids_for_url_path(self, url_path):
        """Ids of the Sites whose root (or a translation of it) is the page at `url_path` or an
        ancestor. From the snapshot when it is current; otherwise one query, without a rebuild."""
        if self.fresh_snapshot() is not None:
            return {srp.site_id for srp in self.relevant_root_paths(url_path)}
        if not url_path:
            return set()
        prefixes = [url_path[: i + 1] for i, char in enumerate(url_path) if char == "/"]
        if getattr(settings, "WAGTAIL_I18N_ENABLED", False):
            keys = Page.objects.filter(url_path__in=prefixes).values("translation_key")
            sites = Site.objects.filter(root_page__translation_key__in=keys)
        else:
            sites = Site.objects.filter(root_page__url_path__in=prefixes)
        return set(sites.values_list("pk", flat=True))

    def is_restricted(self, tree_path):
        """Whether a page (by treebeard path) or one of its ancestors has a view restriction."""
        return self._any_prefix_in(tree_path, self.current().restricted_paths)

    def may_be_restricted(self, tree_path):
        """False when neither the page nor an ancestor is restricted or an alias (whose source may be)."""
        snapshot = self.current()
        return self._any_prefix_in(tree_path, snapshot.restricted_paths) or self._any_prefix_in(
            tree_path, snapshot.alias_paths
        )

    @staticmethod
    def _any_prefix_in(tree_path, paths):
        if not paths or not tree_path:
            return False
        steplen = Page.steplen
        return any(tree_path[:i] in paths for i in range(steplen, len(tree_path) + 1, steplen))

    def localized_root(self, site):
        """`site.root_page.localized.specific`, with one query instead of four."""
        snapshot = self.current()
        if site.pk not in snapshot.roots:
            return site.root_page.localized.specific
        root_ct, translations = snapshot.roots[site.pk]
        language = _active_content_language()
        chosen = translations.get(language) if language else None
        if chosen is not None and chosen[0] != site.root_page_id:
            page = _load_specific(*chosen)
            if page is not None and page.live:
                return page
        return _load_specific(site.root_page_id, root_ct)

    def localized_root_choice(self, site):
        """(page id, content type id, url_path) of the root `localized_root` would try first, or None."""
        snapshot = self.current()
        if site.pk not in snapshot.roots:
            return None
        root_ct, translations = snapshot.roots[site.pk]
        language = _active_content_language()
        chosen = (translations.get(language) if language else None) or (site.root_page_id, root_ct)
        url_path = snapshot.root_url_paths.get(chosen[0])
        return (chosen[0], chosen[1], url_path) if url_path else None

    def locale_for(self, language_code):
        return self.current().locales.get(language_code)

    def locale_by_id(self, locale_id):
        for locale in self.current().locales.values():
            if locale.pk == locale_id:
                return locale
        return None

    def private_q(self):
        """`PageQuerySet.private_q()` from the index: the same condition, without its query."""
        condition = Q()
        for path in self.current().restricted_paths:
            condition |= tree_q(path)
        return condition if condition else Q(pk__in=[])


site_index = SiteIndex()


def _site_instance(values):
    return Site.from_db("default", _SITE_FIELDS, values)


def _load_specific(page_id, content_type_id):
    model = ContentType.objects.get_for_id(content_type_id).model_class() or Page
    return model._default_manager.filter(pk=page_id).first()


def _active_content_language():
    try:
        return get_supported_content_language_variant(translation.get_language())
    except LookupError:
        return None


def build_snapshot(generation):
    """Read every Site, its root page translations and ancestors: a fixed number of queries."""
    snapshot = _Snapshot(generation=generation)
    i18n = getattr(settings, "WAGTAIL_I18N_ENABLED", False)
    rows = list(
        Site.objects.order_by("-root_page__url_path", "-is_default_site", "hostname").values_list(
            *_SITE_FIELDS,
            "root_page__url_path",
            "root_page__path",
            "root_page__translation_key",
            "root_page__locale__language_code",
            "root_page__content_type_id",
        )
    )
    translations = {}
    if i18n and rows:
        site_keys = Site.objects.values("root_page__translation_key")
        for page_id, key, url_path, language, ct_id, path in (
            Page.objects.filter(translation_key__in=site_keys)
            .order_by("id")
            .values_list("id", "translation_key", "url_path", "locale__language_code", "content_type_id", "path")
        ):
            translations.setdefault(key, []).append((page_id, url_path, language, ct_id, path))

    tree_paths_needed = set()
    for values in rows:
        site, (url_path, path, key, language, ct_id) = values[:6], values[6:]
        site_id, hostname = site[0], site[1]
        snapshot.sites[site_id] = site
        snapshot.by_hostname.setdefault(normalize_hostname(hostname), []).append(site)
        if site[5] and snapshot.default_site is None:
            snapshot.default_site = site
        root_url = Site.root_url.fget(_site_instance(site))
        pages = translations.get(key) if i18n else None
        if not pages:
            pages = [(site[4], url_path, language, ct_id, path)]
        by_language = {}
        for page_id, page_url_path, page_language, page_ct, page_path in pages:
            srp = SiteRootPath(site_id, page_url_path, root_url, page_language)
            snapshot.by_root_path.setdefault(page_url_path, []).append((len(snapshot.root_paths), srp))
            snapshot.root_paths.append(srp)
            by_language.setdefault(page_language, (page_id, page_ct))
            snapshot.root_url_paths[page_id] = page_url_path
            tree_paths_needed.update(page_path[:i] for i in range(Page.steplen, len(page_path) + 1, Page.steplen))
        snapshot.roots[site_id] = (ct_id, by_language)
    snapshot.root_translation_keys = frozenset(translations) | frozenset(v[8] for v in rows)

    if tree_paths_needed:
        snapshot.tree_paths = dict(Page.objects.filter(path__in=tree_paths_needed).values_list("path", "url_path"))
    snapshot.restricted_paths = frozenset(PageViewRestriction.objects.values_list("page__path", flat=True))
    snapshot.alias_paths = frozenset(Page.objects.filter(alias_of__isnull=False).values_list("path", flat=True))
    snapshot.locales = {locale.language_code: locale for locale in Locale.objects.all()}
    return snapshot


# --- Request scope ---------------------------------------------------------------------------------


class SiteIndexMiddleware:
    """Checks the shared generation once per request, and not again while the request runs."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _request_scope.set(_RequestScope())
        try:
            return self.get_response(request)
        finally:
            _request_scope.reset(token)


# --- Invalidation ----------------------------------------------------------------------------------


def _on_site_change(sender, instance=None, **kwargs):
    site_index.invalidate()


def _on_page_saved(sender, instance, created=False, raw=False, **kwargs):
    if not isinstance(instance, Page):
        return
    snapshot = site_index.known_snapshot()
    if snapshot is None:
        # Nothing here to compare with (a management command, or just invalidated): ask the
        # database what other processes' snapshots hold. Slug changes: `_before_page_saved`.
        if created and (
            instance.alias_of_id is not None
            or Site.objects.filter(root_page__translation_key=instance.translation_key).exists()
        ):
            site_index.invalidate()
        return
    if instance.alias_of_id is not None and instance.path not in snapshot.alias_paths:
        site_index.invalidate()
        return
    known = snapshot.tree_paths.get(instance.path)
    # A site root or an ancestor may have changed its URL path (slug); a new page may be a
    # translation of a site root, which is a site root too.
    moved = known is not None and known != instance.url_path
    new_root = known is None and instance.translation_key in snapshot.root_translation_keys
    if moved or new_root:
        site_index.invalidate()


def _before_page_saved(sender, instance, raw=False, **kwargs):
    # With a snapshot, `_on_page_saved` compares the new URL path with it. Without one, compare
    # with the row (Wagtail has already set the new URL path when pre_save is sent).
    if raw or not isinstance(instance, Page) or instance.pk is None or site_index.known_snapshot() is not None:
        return
    before = Page.objects.filter(pk=instance.pk).values_list("url_path", flat=True).first()
    if (
        before is not None
        and before != instance.url_path
        and Site.objects.filter(tree_q(instance.path, "root_page__path")).exists()
    ):
        site_index.invalidate()


def _on_page_moved(sender, instance, **kwargs):
    # A move changes the tree path of the page and of everything below it, at any depth: view
    # restrictions, aliases and site roots are all known by tree path. Moves are rare admin
    # actions, so every one of them refreshes the index rather than guessing what it touched.
    site_index.invalidate()


def _on_page_deleted(sender, instance, **kwargs):
    if not isinstance(instance, Page):
        return
    snapshot = site_index.known_snapshot()
    # Treebeard reuses the path of a deleted last child for the next one: a path the index holds
    # (a restriction's, an alias's, a site root's or its ancestor's) must not outlive its page.
    # Deleting a page deletes its descendants with a signal each, so each is checked itself.
    if (
        snapshot is None
        or instance.path in snapshot.tree_paths
        or instance.path in snapshot.restricted_paths
        or instance.path in snapshot.alias_paths
    ):
        site_index.invalidate()


_CONNECTIONS = []


def connect_signals():
    connections = [
        (post_save, _on_site_change, Site),
        (post_delete, _on_site_change, Site),
        (post_save, _on_site_change, Locale),
        (post_delete, _on_site_change, Locale),
        (post_save, _on_site_change, PageViewRestriction),
        (post_delete, _on_site_change, PageViewRestriction),
        (post_save, _on_page_saved, None),
        (post_delete, _on_page_deleted, None),
        (post_page_move, _on_page_moved, None),
        (pre_save, _before_page_saved, None),
    ]
    for signal, receiver, sender in connections:
        signal.connect(receiver, sender=sender, dispatch_uid=f"kim_site_index_{receiver.__name__}_{sender}")
    _CONNECTIONS[:] = connections


def disconnect_signals():
    for signal, receiver, sender in _CONNECTIONS:
        signal.disconnect(receiver, sender=sender, dispatch_uid=f"kim_site_index_{receiver.__name__}_{sender}")
    _CONNECTIONS.clear()
