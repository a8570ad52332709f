import os
import shutil

import pytest

from tests.factories.accounts import make_editor, make_moderator, make_provincial_admin
from tests.factories.registry import make_kim

# The browser suite needs a server, Chromium and axe-core: it runs with `make e2e` only.
collect_ignore = [] if os.environ.get("KIM_E2E") else ["e2e"]


@pytest.fixture(autouse=True)
def _isolated_media(settings, tmp_path):
    """Uploads of one test never leak into another, or into the developer's media folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
    yield
    shutil.rmtree(tmp_path / "media", ignore_errors=True)


@pytest.fixture(autouse=True)
def _clear_cache():
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _mail_through_the_outbox(settings):
    """Django's test runner swaps EMAIL_BACKEND for locmem; put back the production path (the outbox,
    kim_sites/mail.py), whose immediate task delivers to mail.outbox (KIM_EMAIL_DELIVERY_BACKEND)."""
    settings.EMAIL_BACKEND = "kim_sites.mail.OutboxEmailBackend"


# --- The cast: a KIM of Kabupaten Bangka, its editor, Bangka's moderator, Belitung's moderator
# (who must never see Bangka's work) and a provincial admin. A test module that needs another KIM
# defines its own `kim` fixture, which takes precedence.


@pytest.fixture
def kim():
    return make_kim("bangka", name="KIM Maju Jaya")


@pytest.fixture
def editor(kim):
    return make_editor(kim)


@pytest.fixture
def moderator():
    return make_moderator("bangka")


@pytest.fixture
def other_moderator():
    return make_moderator("belitung")


@pytest.fixture
def provincial_admin():
    """A member of "Admin Provinsi", not a superuser."""
    return make_provincial_admin(email="provinsi@kim.test")
