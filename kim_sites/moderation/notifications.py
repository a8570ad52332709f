"""E-mail notifications of the regency moderation workflow, in Bahasa Indonesia.

Wagtail's own notifiers cover a custom Task only in part:
- "submitted": its task notifier handles GroupApprovalTask only, and its workflow notifier writes to
  superusers only, which WAGTAILADMIN_NOTIFICATION_INCLUDE_SUPERUSERS = False turns off. So the
  notifier below tells the moderators of the page's own regency, and no one else.
- "approved" and "rejected" (sent back): Wagtail's workflow notifiers write to the person who
  submitted, which is what we want; their templates are overridden in Indonesian under
  templates/wagtailadmin/notifications/.

Every one of these mails is only queued in the request: EMAIL_BACKEND is the outbox of
kim_sites/mail.py, and the task worker sends it, with a timeout and retries. A submission for
moderation enters the workflow at once, whether SMTP is up, down or hanging.
"""

from django.conf import settings
from django.urls import reverse

from wagtail.admin.mail import EmailNotificationMixin, Notifier
from wagtail.models import Page, TaskState
from wagtail.signals import task_submitted

from kim_sites.models import KimHomePage, RegencyModerationTask, RegencyPage
from kim_sites.moderation.workflow import users_to_notify
from kim_sites.tree import home_path, regency_path


def admin_base_url():
    return (getattr(settings, "WAGTAILADMIN_BASE_URL", "") or "").rstrip("/")


def page_place(page):
    """(KIM name, regency name) of a page, from its tree path; empty strings where there is none."""
    kim_name = regency_name = ""
    if home_path(page.path):
        kim_name = (
            KimHomePage.objects.filter(path=home_path(page.path)).values_list("kim__name", flat=True).first() or ""
        )
    if regency_path(page.path):
        regency_name = (
            RegencyPage.objects.filter(path=regency_path(page.path)).values_list("regency__name", flat=True).first()
            or ""
        )
    return kim_name, regency_name


class RegencyModerationSubmissionNotifier(EmailNotificationMixin, Notifier):
    """Tells the moderators of the page's regency that a page waits for their review."""

    notification = "submitted"

    def __init__(self):
        super().__init__((TaskState,))

    def can_handle(self, instance, **kwargs):
        return super().can_handle(instance, **kwargs) and isinstance(instance.task.specific, RegencyModerationTask)

    def get_recipient_users(self, task_state, **kwargs):
        page = task_state.workflow_state.content_object
        if not isinstance(page, Page):
            return set()
        recipients = users_to_notify(page)
        triggering_user = kwargs.get("user")
        if triggering_user is not None:
            recipients = recipients.exclude(pk=triggering_user.pk)
        return set(recipients)

    def get_template_set(self, instance, **kwargs):
        base = "kim_sites/email/moderation_submitted"
        return {"subject": f"{base}_subject.txt", "text": f"{base}.txt", "html": f"{base}.html"}

    def get_context(self, task_state, **kwargs):
        context = super().get_context(task_state, **kwargs)
        page = task_state.workflow_state.content_object.specific
        kim_name, regency_name = page_place(page)
        base_url = admin_base_url()
        context.update(
            {
                "page": page,
                "title": task_state.revision.object_str or page.title,
                "task_state": task_state,
                "requested_by": task_state.workflow_state.requested_by,
                "kim_name": kim_name,
                "regency_name": regency_name,
                "base_url": base_url,
                "review_url": base_url + reverse("wagtailadmin_pages:edit", args=(page.pk,)),
                "preview_url": base_url
                + reverse("wagtailadmin_pages:workflow_preview", args=(page.pk, task_state.task_id)),
                "queue_url": base_url + reverse("kim_moderation_queue"),
            }
        )
        return context


submission_notifier = RegencyModerationSubmissionNotifier()


def connect_signals():
    task_submitted.connect(submission_notifier, sender=TaskState, dispatch_uid="kim_regency_moderation_submitted_email")
