"""Admin integration of the background-task report: its URL and its entry in the Reports menu."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .permissions import is_provincial_admin
from .task_views import TaskReportView


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
