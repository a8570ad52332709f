import re

import pytest

from wagtail.models import Site

from kim_sites.models import KimSiteSettings
from tests.factories.pages import make_post
from tests.factories.registry import make_kim
from tests.support.templates import templates_with_fallback

BROWSER = (
    "Mozilla/5.0 (Linux; Android 13; SM-A135F) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Mobile Safari/537.36"
)
BEACON = re.compile(rb'data-dibaca="(/_dibaca/[^"]+)"')


@pytest.fixture(autouse=True)
def public_templates(settings):
    settings.TEMPLATES = templates_with_fallback(settings.TEMPLATES)
    settings.REDIS_URL = ""  # the database path unless a test names a Redis


@pytest.fixture
def kim(db):
    kim = make_kim(name="KIM Jangkau", slug="jangkau", regency="bangka")
    kim.post = make_post(kim, "Kabar Dibaca")
    # Site settings are created on first use, which purges the site: create them beforehand.
    KimSiteSettings.for_site(kim.site)
    KimSiteSettings.for_site(Site.objects.get(is_default_site=True))
    return kim


def beacon_of(response):
    found = BEACON.search(response.content)
    assert found, "the page names no beacon"
    return found.group(1).decode()


def send_beacon(client, host, url, user_agent=BROWSER):
    return client.post(url, HTTP_HOST=host, HTTP_USER_AGENT=user_agent)
