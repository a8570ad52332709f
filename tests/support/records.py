"""Snapshots of what provisioning makes, to compare before and after."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page, Site

from kim_sites.models import Kim


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
