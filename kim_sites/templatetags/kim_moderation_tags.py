"""Template tags of the moderation e-mails."""

from django import template

from wagtail.models import Page, TaskState

register = template.Library()


@register.simple_tag
def last_approval(page):
    """The latest approved task state of a page (approver and comment), or None.

    Wagtail's approval notifier gives its template the workflow, not the task state: this is how
    the author's e-mail names the approver and quotes an "approve with comment".
    """
    if not isinstance(page, Page):
        return None
    return (
        TaskState.objects.filter(
            workflow_state__base_content_type__app_label="wagtailcore",
            workflow_state__base_content_type__model="page",
            workflow_state__object_id=str(page.pk),
            status=TaskState.STATUS_APPROVED,
        )
        .select_related("finished_by")
        .order_by("-finished_at", "-pk")
        .first()
    )
