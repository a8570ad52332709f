"""Every KIM_* setting has one default (kim_sites/conf.py) and is read one way (kim_settings)."""

import pathlib
import re

import pytest

from django.conf import settings
from django.test import override_settings

from kim_sites.conf import DEFAULTS, kim_settings

ROOT = pathlib.Path(settings.BASE_DIR)
RUNTIME = ["kim_sites", "home", "search", "kimcms"]


def runtime_sources():
    for package in RUNTIME:
        for path in sorted((ROOT / package).rglob("*.py")):
            if "migrations" in path.parts or "settings" in path.parts or path.name == "conf.py":
                continue
            yield path, path.read_text()


def test_every_setting_read_by_the_code_has_a_default():
    read = {name for _, text in runtime_sources() for name in re.findall(r"kim_settings\.(KIM_\w+)", text)}
    assert read, "the scan found no reads: the pattern is wrong"
    assert read - set(DEFAULTS) == set()


def test_no_module_reads_a_kim_setting_another_way():
    other_ways = re.compile(r"settings\.KIM_\w+|getattr\(\s*settings\s*,\s*[\"']KIM_|\bconf\([\"']KIM_")
    offenders = [
        f"{path.relative_to(ROOT)}: {match.group(0)}"
        for path, text in runtime_sources()
        for match in other_ways.finditer(text.replace("kim_settings.", "_"))
    ]
    assert offenders == []


def test_the_project_settings_start_from_the_defaults():
    # kimcms/settings sets a KIM_* name only from the environment or for its environment: a value
    # that differs from the default names a setting that is not the default on purpose.
    for name in ("KIM_FEED_ITEMS", "KIM_SITEMAPS_PER_INDEX_PAGE", "KIM_PAGE_CACHE_TIMEOUT", "KIM_MAIL_RETRY_SECONDS"):
        assert getattr(settings, name, DEFAULTS[name]) == DEFAULTS[name]


def test_a_setting_left_out_gets_its_default_and_an_override_wins():
    with override_settings():
        del settings.KIM_FEED_ITEMS
        assert kim_settings.KIM_FEED_ITEMS == DEFAULTS["KIM_FEED_ITEMS"] == 20
    with override_settings(KIM_FEED_ITEMS=3):
        assert kim_settings.KIM_FEED_ITEMS == 3


def test_an_unknown_name_fails_loudly():
    with pytest.raises(AttributeError, match="kim_sites/conf.py"):
        kim_settings.KIM_NO_SUCH_SETTING  # noqa: B018
