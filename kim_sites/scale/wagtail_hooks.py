"""Admin hooks of the scale mechanisms: the indexed rich-text link handler and the background-task report."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from kim_sites.access.roles import is_provincial_admin
from kim_sites.scale.rich_text_links import IndexedPageLinkHandler
from kim_sites.scale.task_views import TaskReportView


@hooks.register("register_rich_text_features", order=100)
def register_indexed_page_links(features):
    # After Wagtail's own registration (order 0), so this handler replaces PageLinkHandler.
    features.register_link_type(IndexedPageLinkHandler)


class TaskReportMenuItem(MenuItem):
    def is_shown(self, request):
        return is_provincial_admin(request.user)


@hooks.register("register_admin_urls")
def register_task_report_url():
    return [path("tugas-latar/", TaskReportView.as_view(), name="kim_task_report")]


@hooks.register("register_reports_menu_item")
def register_task_report_menu_item():
    return TaskReportMenuItem(
        _("Background tasks"), reverse("kim_task_report"), name="kim-tasks", icon_name="cogs", order=900
    )
