"""Wagtail's own test settings (`wagtail.test.settings`) with the site index installed.

`KIM_SITE_INDEX_ENABLED=0` runs the same tests on stock Wagtail, for comparison.
"""

import os

from wagtail.test.settings import *  # noqa: F403
from wagtail.test.settings import INSTALLED_APPS, MIDDLEWARE

KIM_SITE_INDEX_ENABLED = os.environ.get("KIM_SITE_INDEX_ENABLED", "1") != "0"
INSTALLED_APPS = [*INSTALLED_APPS, "tests.wagtail_suite.apps.SiteIndexSuiteConfig"]
# As in the project: the shared generation is read once per request.
MIDDLEWARE = ("kim_sites.scale.site_index.SiteIndexMiddleware", *MIDDLEWARE)
TEST_RUNNER = "tests.wagtail_suite.runner.WagtailSuiteRunner"

# Wagtail keeps its test cache in the database, so each test's rollback also rolls the index's
# generation token back. WAGTAIL_SUITE_CACHE=locmem keeps the token across tests instead: then only
# the index's own transaction checks stop a snapshot of one test's rolled-back rows reaching the
# next test. (Stock Wagtail fails 13 of these tests so: its root-path cache outlives the rollback.)
if os.environ.get("WAGTAIL_SUITE_CACHE") == "locmem":
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "wagtail-suite"}}
