"""Helpers for the KIM registry tests: users in each role, and snapshots of what provisioning makes."""

import re

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page, Site

from kim_sites.access.roles import PROVINCIAL_ADMIN_GROUP
from kim_sites.models import Kim
from tests.factories import UserFactory

ACTIVATION_LINK = re.compile(r"https?://[^\s]+/aktivasi/[^\s/]+/[^\s/]+/")


def make_provincial_admin(email="admin.provinsi@kominfo-uji.id"):
    """A provincial admin by group membership, not a superuser: the role must work on its own."""
    user = UserFactory(email=email)
    user.groups.add(Group.objects.get(name=PROVINCIAL_ADMIN_GROUP))
    return user


def counts():
    """How many of each thing provisioning creates exist right now."""
    return {
        "kims": Kim.objects.count(),
        "pages": Page.objects.count(),
        "sites": Site.objects.count(),
        "groups": Group.objects.count(),
        "collections": Collection.objects.count(),
        "users": get_user_model().objects.count(),
        "page_permissions": GroupPagePermission.objects.count(),
        "collection_permissions": GroupCollectionPermission.objects.count(),
    }


def activation_path_from(text):
    """The path of the (last) activation link in an e-mail body or command output."""
    links = ACTIVATION_LINK.findall(text)
    assert links, f"no activation link in: {text!r}"
    return "/" + links[-1].split("/", 3)[3]
