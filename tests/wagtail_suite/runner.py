"""Runs the modules of Wagtail's own test suite that cover what the site index replaces.

`python -m django test --settings=tests.wagtail_suite.settings` with no labels runs `LABELS`
(`make test-wagtail`). With the index installed:

- the tests in `QUERY_COUNTS` run in full except that `assertNumQueries` does not compare the
  number of queries (the index reads its snapshot with a different number of queries than stock
  Wagtail): every other assertion of theirs still holds;
- the tests in `EXCLUDED` are left out, each with its reason.

docs/upgrading.md lists both. With `KIM_SITE_INDEX_ENABLED=0` everything runs, on stock Wagtail.
"""

import contextlib

from django.conf import settings
from django.test.runner import DiscoverRunner
from django.test.utils import iter_test_cases

# Wagtail 8.0.1 test modules, by what the index replaces.
LABELS = [
    "wagtail.tests.test_sites",  # Site.find_for_request, root paths
    "wagtail.tests.test_page_model",  # URLs, routing, site roots, copy/move/delete, translations
    "wagtail.tests.test_page_queryset",  # descendant_of / child_of / sibling_of and public()
    "wagtail.tests.test_locale_model",  # Locale.get_active / get_default
    "wagtail.tests.test_page_privacy",  # view restrictions, served
    "wagtail.admin.tests.test_privacy",  # view restrictions, set in the admin
    "wagtail.admin.tests.pages.test_move_page",  # moves through the admin
    "wagtail.contrib.routable_page.tests",  # routing handed to a page's own `route`
    "wagtail.contrib.sitemaps.tests",
    "wagtail.contrib.settings.tests",
    "wagtail.contrib.frontend_cache.tests",
    "wagtail.admin.tests.test_page_chooser",
    "wagtail.tests.test_management_commands.TestPublishScheduledPagesCommand",
    "wagtail.tests.test_management_commands.TestPublishScheduledCommand",
    # Ours, on Wagtail's test project: moves, copies and rollbacks after pages have been served.
    "tests.wagtail_suite.extra_cases",
]

_FIRST_LOOKUP = (
    "the first lookup after the test's fixtures changed Sites rebuilds the index (a fixed number of "
    "queries, where stock Wagtail runs one query per lookup)"
)
_TOKEN = (
    "each lookup outside a request reads the index's generation token from the cache, which "
    "Wagtail's test settings keep in the database (one query per read)"
)
_FEWER = "the index answers from its snapshot what stock Wagtail queries (fewer queries)"
_PER_OBJECT_CACHE = (
    "tests the query counts of stock Wagtail's per-page and per-request cache of the site-root "
    "list, which the index replaces (the URLs the test checks are still compared)"
)

# test id -> why its query counts differ from stock Wagtail's (its behaviour does not).
QUERY_COUNTS = {
    "wagtail.tests.test_page_model.TestRouting.test_request_scope_site_root_paths_cache": _PER_OBJECT_CACHE,
    "wagtail.tests.test_page_model.TestRoutingWithI18N.test_request_scope_site_root_paths_cache": _PER_OBJECT_CACHE,
    **{
        f"wagtail.tests.test_page_model.TestSiteRouting.{name}": _FIRST_LOOKUP
        for name in (
            "test_port_in_http_host_header_is_ignored",
            "test_ports_in_request_headers_are_respected",
            "test_route_for_request_query_count",
            "test_site_with_disallowed_host",
            "test_unrecognised_host_header_routes_to_default_site",
            "test_unrecognised_port_and_default_host_routes_to_default_site",
            "test_unrecognised_port_and_unrecognised_host_routes_to_default_site",
            "test_unrecognised_port_on_known_hostname_routes_there_if_no_ambiguity",
            "test_unrecognised_port_on_known_hostname_routes_to_default_site_if_ambiguity",
            "test_valid_headers_route_to_specific_site",
        )
    },
    "wagtail.contrib.sitemaps.tests.TestSitemapGenerator.test_get_urls_with_request_site_cache_with_i18n": _FEWER,
    "wagtail.contrib.sitemaps.tests.TestSitemapGenerator.test_get_urls_without_request": _FIRST_LOOKUP,
    "wagtail.contrib.sitemaps.tests.TestSitemapGenerator.test_get_urls_without_request_with_i18n": _FIRST_LOOKUP,
    **{
        f"wagtail.contrib.settings.tests.site_specific.test_model.SettingModelTestCase.{name}": _TOKEN
        for name in (
            "test_get_page_url_when_for_settings_fetched_via_for_site",
            "test_get_page_url_when_settings_fetched_via_for_request",
        )
    },
    **{
        f"wagtail.contrib.frontend_cache.tests.TestCachePurgingFunctions.{name}": _FIRST_LOOKUP
        for name in ("test_purge_batch", "test_purge_batch_with_multiple_pages", "test_purge_page_from_cache")
    },
    "wagtail.contrib.frontend_cache.tests.TestCachePurgingFunctions.test_purge_pages_from_cache": _FEWER,
    **{
        f"wagtail.admin.tests.test_page_chooser.{case}.test_convert_external_to_internal_link_with_serve_path": _FEWER
        for case in (
            "TestChooserExternalLinkWithI18n",
            "TestChooserExternalLinkWithI18nNonRoot",
            "TestChooserExternalLinkWithNonRootServePath",
        )
    },
    **{
        f"wagtail.tests.test_management_commands.TestPublishScheduledPagesCommand.{name}": _FIRST_LOOKUP
        for name in (
            "test_expired_page_will_be_unpublished",
            "test_future_go_live_page_will_not_be_published",
            "test_go_live_page_created_by_editor_will_be_published",
            "test_go_live_page_will_be_published",
            "test_go_live_when_newer_revision_exists",
        )
    },
}

# test id -> why it cannot run with the index installed.
EXCLUDED = {}


def index_installed():
    return getattr(settings, "KIM_SITE_INDEX_ENABLED", True)


def _queries_not_counted(num, func=None, *args, using=None, **kwargs):
    """`TestCase.assertNumQueries` that runs the code without comparing the number of queries."""
    if func is None:
        return contextlib.nullcontext()
    func(*args, **kwargs)
    return None


class WagtailSuiteRunner(DiscoverRunner):
    def build_suite(self, test_labels=None, **kwargs):
        self.loaded_ids = set()
        suite = super().build_suite(test_labels or LABELS, **kwargs)
        unknown = (set(EXCLUDED) | set(QUERY_COUNTS)) - self.loaded_ids
        if index_installed() and not test_labels and unknown:
            raise ValueError(f"Listed tests that no longer exist in this Wagtail: {sorted(unknown)}")
        return suite

    def load_tests_for_label(self, label, discover_kwargs):
        tests = list(iter_test_cases(super().load_tests_for_label(label, discover_kwargs)))
        self.loaded_ids.update(test.id() for test in tests)
        if index_installed():
            tests = [test for test in tests if test.id() not in EXCLUDED]
            for test in tests:
                if test.id() in QUERY_COUNTS:
                    test.assertNumQueries = _queries_not_counted
        return self.test_suite(tests)
