"""What happens when a workflow is approved: publish the revision that was reviewed.

Named by WAGTAIL_FINISH_WORKFLOW_ACTION, which Wagtail imports while its own models load,
so this module imports nothing at module level.
"""


def publish_reviewed_revision(workflow_state, user=None):
    """Publish exactly the revision the last task approved, as the approver.

    Wagtail's default publishes the latest revision, which can differ from the reviewed one if
    a draft is saved in the same instant. A future go-live date schedules instead of publishing.
    """
    task_state = workflow_state.current_task_state
    if task_state is None:
        return workflow_state.content_object.get_latest_revision().publish(user=user)
    return task_state.revision.publish(user=user)
