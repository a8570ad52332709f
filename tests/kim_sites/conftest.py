"""The cast of the moderation tests: a KIM of Kabupaten Bangka, its editor, Bangka's moderator,
Belitung's moderator (who must never see Bangka's work) and a provincial admin.

A test module that needs another KIM defines its own `kim` fixture, which takes precedence.
"""

import pytest

from tests.factories.accounts import make_editor, make_moderator, make_provincial_admin
from tests.factories.registry import make_kim


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
