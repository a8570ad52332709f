"""The "Background tasks" report: failed tasks and undelivered e-mail, for provincial admins.

Without it a failed task is only a row in a table nobody reads. Regency moderators and KIM editors
never see it: task arguments and mail recipients cross every regency.
"""

from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from wagtail.admin.views.generic import WagtailAdminTemplateMixin

from kim_sites import mail
from kim_sites.access.roles import is_provincial_admin
from kim_sites.models import OutboxMessage
from kim_sites.scale import task_queue

LIST_LIMIT = 100


def last_line(traceback):
    """The exception line of a traceback: what a reader needs first."""
    lines = [line for line in (traceback or "").strip().splitlines() if line.strip()]
    return lines[-1] if lines else ""


class TaskReportView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "kim_sites/tasks/report.html"
    page_title = gettext_lazy("Background tasks")
    header_icon = "cogs"

    def dispatch(self, request, *args, **kwargs):
        if not is_provincial_admin(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [
            {"url": reverse("wagtailadmin_home"), "label": _("Dashboard")},
            {"url": "", "label": self.page_title},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        failed = task_queue.failed_tasks()
        context.update(
            failed_count=failed.count(),
            failed=[
                {
                    "name": row.task_name,
                    "path": row.task_path,
                    "args": row.args_kwargs,
                    "error": last_line(row.traceback) or row.exception_class_path,
                    "finished_at": row.finished_at,
                }
                for row in failed[:LIST_LIMIT]
            ],
            stale_count=task_queue.stale_tasks().count(),
            pending_mail_count=mail.pending_messages().count(),
            retrying_mail=mail.pending_messages().filter(attempts__gt=0).order_by("next_attempt_at")[:LIST_LIMIT],
            refused_mail=OutboxMessage.objects.filter(failed_at__isnull=False).order_by("-failed_at")[:LIST_LIMIT],
        )
        return context
