"""Only those who may publish a page may schedule it.

A go-live or expiry date in a revision takes effect when the revision is published, and approval
publishes the revision an editor submitted. The moderator's approve dialog shows neither date, so
an editor's date would be applied without anyone who may publish having chosen it. Editors
therefore cannot set these dates at all: for a user without publish permission on the page (or,
for a new page, on its parent), the two fields are disabled, so Django ignores whatever is posted
and keeps the dates in force on the page (none for a new page). Moderators and provincial admins
schedule as in stock Wagtail. See docs/moderation.md.
"""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.contrib.forms.forms import WagtailAdminFormPageForm
from wagtail.models import Page

from kim_sites.writing.slugs import UniqueSlugFormMixin

SCHEDULE_FIELDS = ("go_live_at", "expire_at")
NOT_YOURS = _("Only the moderator who approves this page can set its publishing schedule.")


def may_schedule(user, page, parent_page=None):
    """True when `user` may publish `page`, or (for a page not yet created) a page under `parent_page`."""
    if user is None or not user.is_authenticated:
        return False
    if page.pk:
        return page.permissions_for_user(user).can_publish()
    if parent_page is not None:
        return parent_page.permissions_for_user(user).can_publish_subpage()
    return False


def schedule_in_force(page):
    """The dates the page has now (what its last publication set), not those of a later draft.
    A past expiry is spent: keeping it would fail the form's "expiry must be in the future"."""
    if not page.pk:
        return dict.fromkeys(SCHEDULE_FIELDS)
    dates = Page.objects.filter(pk=page.pk).values(*SCHEDULE_FIELDS).get()
    if dates["expire_at"] and dates["expire_at"] <= timezone.now():
        dates["expire_at"] = None
    return dates


class SchedulePermissionFormMixin:
    """Disables go-live and expiry for users who may not publish the page; enforced by Django,
    since a disabled field takes its initial value whatever the POST says. (Wagtail's "Set
    schedule" button stays: the generated form class puts Wagtail's own property first.)"""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.may_schedule = may_schedule(self.for_user, self.instance, self.parent_page)
        if not self.may_schedule:
            kept = schedule_in_force(self.instance)
            for name in SCHEDULE_FIELDS:
                if name in self.fields:
                    self.fields[name].disabled = True
                    self.fields[name].help_text = NOT_YOURS
                    self.initial[name] = kept[name]


class KimPageForm(UniqueSlugFormMixin, SchedulePermissionFormMixin, WagtailAdminPageForm):
    """The admin form of every page model of the platform (a new page's slug is made unique:
    kim_sites/writing/slugs.py)."""


class KimFormPageForm(UniqueSlugFormMixin, SchedulePermissionFormMixin, WagtailAdminFormPageForm):
    """The admin form of form pages (aspirasi)."""
