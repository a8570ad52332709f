"""Template tags of the moderation e-mails."""

from django import template

from wagtail.models import Page, TaskState

from kim_sites.tree import of_pages

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
            **of_pages("workflow_state__"),
            workflow_state__object_id=str(page.pk),
            status=TaskState.STATUS_APPROVED,
        )
        .select_related("finished_by")
        .order_by("-finished_at", "-pk")
        .first()
    )
