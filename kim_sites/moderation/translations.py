"""Translations go through moderation too.

wagtail-localize edits a translated page in its own editor, whose one primary action publishes
the translation at once (`translation.save_target(publish=True)`) for anyone who may publish the
page: a provincial admin, or the regency's moderator. Every page of the platform is under the
"Moderasi KIM" workflow, and an English text on a KIM's site is that KIM's publication as much as
the Indonesian one, so the regency decides on it the same way.

This hook takes that action first: it saves the translation as a draft revision and submits it to
the page's workflow, exactly as Wagtail's own "submit" does on the edit view (resume after a send
back; otherwise a fresh workflow, cancelling one in progress so that the new text is what is
reviewed). The button reads "Kirim ke Moderasi KIM — English" through the admin's JavaScript
catalog. Pages without a workflow keep wagtail-localize's behaviour.

"Sync translated pages" with its "publish immediately" box is the other way wagtail-localize
publishes; `ModeratedUpdateTranslationsView` (routed in access/admin_urls.py) submits there instead.
"""

import contextlib

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail import hooks
from wagtail.models import Page, WorkflowState
from wagtail_localize.models import Translation
from wagtail_localize.views import update_translations


def _may_submit(page, state, user):
    """Who may press the button, by Wagtail's own rules for submit, resubmit and restart."""
    perms = page.permissions_for_user(user)
    if state is None:
        return perms.can_submit_for_moderation()
    if state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        return perms.can_edit() and not perms.page_locked()
    return state.user_can_cancel(user)


def save_translation_draft(translation, page, user):
    """`translation.save_target(publish=False)`, without touching what the public reads.

    wagtail-localize writes the translated fields into the page row before it saves the revision,
    and Wagtail serves live pages from that row: a draft of a live translation would be on the
    site at once. The live revision's content is put back, as Wagtail's own edit view leaves the
    row of a live page alone when it saves a draft.
    """
    live_revision = page.live_revision if page.live else None
    translation.save_target(user=user, publish=False)
    page = page.specific_class.objects.get(pk=page.pk)
    if live_revision is None:
        return page
    live = live_revision.as_object()
    live.live = True
    live.live_revision = live_revision
    live.latest_revision = page.latest_revision
    live.draft_title = page.draft_title
    live.has_unpublished_changes = True
    live.save(clean=False)
    return page.specific_class.objects.get(pk=page.pk)


def submit_translation_for_moderation(request, page, translation):
    """Save `translation` into `page` as a draft revision and submit it to the page's workflow.

    Returns the workflow, or None when the page has none (the caller then publishes as usual).
    Raises ValidationError when the translated page does not validate; nothing is saved then.
    """
    workflow = page.get_workflow()
    if workflow is None:
        return None
    user = request.user
    state = page.current_workflow_state
    if not _may_submit(page, state, user):
        raise PermissionDenied
    with transaction.atomic():
        page = save_translation_draft(translation, page, user)
        if state is not None and state.status == WorkflowState.STATUS_NEEDS_CHANGES:
            state.resume(user)
        else:
            if state is not None:
                state.cancel(user=user)
            workflow.start(page, user)
    return workflow


@hooks.register("before_edit_page", order=-10)
def moderate_translation_publish(request, page):
    if request.method != "POST" or request.POST.get("action") != "publish":
        return None
    translation = (
        Translation.objects.filter(
            source__object_id=page.translation_key, target_locale_id=page.locale_id, enabled=True
        )
        .select_related("source", "target_locale")
        .first()
    )
    if translation is None:
        return None
    locale = translation.target_locale.get_display_name()
    try:
        workflow = submit_translation_for_moderation(request, page, translation)
    except ValidationError:
        messages.error(
            request,
            _(
                "Terjemahan '%(title)s' dalam %(locale)s belum lengkap atau tidak valid; "
                "perbaiki isian yang ditandai lalu kirim lagi."
            )
            % {"title": page.get_admin_display_title(), "locale": locale},
        )
        return redirect(request.path)
    if workflow is None:
        return None
    messages.success(
        request,
        _("Terjemahan '%(title)s' dalam %(locale)s telah dikirim ke %(workflow)s.")
        % {"title": page.get_admin_display_title(), "locale": locale, "workflow": workflow.name},
    )
    return redirect(request.path)


class ModeratedUpdateTranslationsForm(update_translations.UpdateTranslationsForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["publish_translations"]
        field.label = gettext_lazy("Kirim ke Moderasi KIM")
        field.help_text = gettext_lazy(
            "Terapkan pembaruan ke terjemahan lalu kirim ke Moderasi KIM; terjemahan terbit "
            "setelah disetujui moderator wilayahnya. Bagian yang belum diterjemahkan memakai bahasa aslinya."
        )


class ModeratedUpdateTranslationsView(update_translations.UpdateTranslationsView):
    """ "Sync translated pages": its "publish immediately" submits each translation to moderation."""

    def get_form(self):
        if self.request.method == "POST":
            return ModeratedUpdateTranslationsForm(self.request.POST)
        return ModeratedUpdateTranslationsForm()

    @transaction.atomic
    def form_valid(self, form):
        submit = form.cleaned_data["publish_translations"]
        form.cleaned_data["publish_translations"] = False
        response = super().form_valid(form)
        if submit:
            translations = self.object.translations.filter(enabled=True).select_related("source", "target_locale")
            for translation in translations:
                target = translation.get_target_instance()
                with contextlib.suppress(ValidationError):  # as wagtail-localize: invalid ones wait
                    if isinstance(target, Page) and target.get_workflow() is not None:
                        submit_translation_for_moderation(self.request, target.specific, translation)
                    else:
                        translation.save_target(user=self.request.user, publish=True)
        return response
