"""The models of the KIM platform, one module per concern, all importable from `kim_sites.models`.

- registry: Regency, Kim (the KIM registry);
- pages: the page types of the regencies and of every KIM website;
- site_settings: KimSiteSettings (look and contacts of one KIM site);
- team: KimMember (invitation history of a KIM's team members);
- moderation: RegencyModerationTask (the regency moderation workflow's one task);
- operations: KinerjaDigestLog, OutboxMessage (records of the platform's own work);
- reach: PageViewDay and its pending counts and flushed batches (views per page and day).

The rate-limit counter lives with its logic in kim_sites/access/rate_limit.py.
"""

from kim_sites.models.moderation import RegencyModerationTask
from kim_sites.models.operations import KinerjaDigestLog, OutboxMessage
from kim_sites.models.pages import (
    AgendaEvent,
    AgendaPage,
    AspirasiFormField,
    AspirasiFormPage,
    GalleryPage,
    KimHomePage,
    PengurusMember,
    PostIndexPage,
    PostPage,
    PostTag,
    ProfilePage,
    RegencyPage,
)
from kim_sites.models.reach import PageViewBatch, PageViewDay, PageViewPending
from kim_sites.models.registry import Kim, KimQuerySet, Regency, slug_validator
from kim_sites.models.site_settings import AuthorDisplay, KimSiteSettings
from kim_sites.models.team import KimMember

__all__ = [
    "AgendaEvent",
    "AgendaPage",
    "AspirasiFormField",
    "AspirasiFormPage",
    "AuthorDisplay",
    "GalleryPage",
    "Kim",
    "KimHomePage",
    "KimMember",
    "KimQuerySet",
    "KimSiteSettings",
    "KinerjaDigestLog",
    "OutboxMessage",
    "PageViewBatch",
    "PageViewDay",
    "PageViewPending",
    "PengurusMember",
    "PostIndexPage",
    "PostPage",
    "PostTag",
    "ProfilePage",
    "Regency",
    "RegencyModerationTask",
    "RegencyPage",
    "slug_validator",
]
