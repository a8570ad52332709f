"""The regency moderation Task: Wagtail's workflow engine asks it, and it answers with the rules
of kim_sites/moderation/workflow.py."""

from django.utils.translation import gettext_lazy as _

from wagtail.models import Task

from kim_sites.moderation import workflow


class RegencyModerationTask(Task):
    """One approval task for every regency: the approvers are the moderators of the page's own regency.

    A single task keeps the dashboard's cost flat however many regencies there are, where a
    GroupApprovalTask per regency costs one query per task. The rules live in `kim_sites.moderation.workflow`.
    """

    def start(self, workflow_state, user=None):
        workflow.unlock_for_review(workflow_state.content_object)
        return super().start(workflow_state, user=user)

    def user_can_access_editor(self, obj, user):
        return workflow.can_moderate(obj, user)

    def locked_for_user(self, obj, user):
        # Under review, only reviewers edit: the content approved is the content reviewed.
        return not workflow.can_moderate(obj, user)

    def user_can_lock(self, obj, user):
        return workflow.can_moderate(obj, user)

    def user_can_unlock(self, obj, user):
        return False

    def get_actions(self, obj, user):
        return list(workflow.ACTIONS) if workflow.can_moderate(obj, user) else []

    def get_form_for_action(self, action):
        return workflow.form_for_action(action) or super().get_form_for_action(action)

    def get_template_for_action(self, action):
        return workflow.CONFIRM_TEMPLATE

    def on_action(self, task_state, user, action_name, **kwargs):
        workflow.check_can_act(self, task_state, user)
        return super().on_action(task_state, user, action_name, **kwargs)

    def get_task_states_user_can_moderate(self, user, **kwargs):
        return workflow.scope_to_user(self.task_states.filter(status="in_progress"), user)

    @classmethod
    def get_description(cls):
        return _(
            "Moderator kabupaten/kota tempat halaman berada menyetujui atau mengembalikannya; "
            "halaman di luar kabupaten/kota (portal) disetujui admin provinsi."
        )

    class Meta:
        verbose_name = _("moderasi pembina kabupaten/kota")
        verbose_name_plural = _("moderasi pembina kabupaten/kota")
