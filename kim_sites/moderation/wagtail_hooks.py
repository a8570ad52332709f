"""Admin hooks of the regency moderation workflow: the queue pages, menu item, dashboard panels and
the review screen's actions."""

from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from kim_sites.moderation import translations  # noqa: F401  (its before_edit_page hook)
from kim_sites.moderation.queue import ModerationQueueView, MySubmissionsView, replace_workflow_panels
from kim_sites.moderation.review import (
    narrow_review_menu,
    refuse_bulk_publish_around_review,
    refuse_publishing_around_review,
)
from kim_sites.moderation.workflow import is_moderation_user


@hooks.register("register_admin_urls")
def register_moderation_urls():
    return [
        path("moderasi/", ModerationQueueView.as_view(), name="kim_moderation_queue"),
        path("moderasi/kiriman/", MySubmissionsView.as_view(), name="kim_my_submissions"),
    ]


class ModerationQueueMenuItem(MenuItem):
    def is_shown(self, request):
        return is_moderation_user(request.user)


@hooks.register("register_admin_menu_item")
def register_moderation_menu_item():
    return ModerationQueueMenuItem(
        _("Antrean moderasi"),
        reverse("kim_moderation_queue"),
        name="kim-moderation-queue",
        icon_name="tasks",
        order=150,
    )


hooks.register("construct_homepage_panels", replace_workflow_panels)
hooks.register("construct_page_action_menu", narrow_review_menu)
hooks.register("before_edit_page", refuse_publishing_around_review)
hooks.register("before_bulk_action", refuse_bulk_publish_around_review)


@hooks.register("insert_global_admin_css")
def moderation_css():
    # The queue's tables stack on a phone; the decision dialog opens on the dashboard, the queue
    # and the page editor alike.
    return format_html('<link rel="stylesheet" href="{}">', static("kim_sites/css/moderation.css"))
