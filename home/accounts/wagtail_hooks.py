"""Admin integration of the account defences: the two-factor pages, their audit actions, menu entries."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.views.account import BaseSettingsPanel
from wagtail.admin.widgets import Button

from home.accounts import email_change, two_factor, views
from home.accounts.forms import EmailChangeForm
from kim_sites.access.roles import is_provincial_admin


@hooks.register("register_admin_urls")
def register_two_factor_urls():
    return [
        path("dua-faktor/", views.ManageView.as_view(), name="kim_accounts_manage"),
        path("dua-faktor/daftar/", views.EnrolView.as_view(), name="kim_accounts_enrol"),
        path("dua-faktor/verifikasi/", views.VerifyView.as_view(), name="kim_accounts_verify"),
        path("dua-faktor/reset/<int:user_id>/", views.ResetView.as_view(), name="kim_accounts_reset"),
        path("akun/email/<str:token>/", views.EmailConfirmView.as_view(), name="kim_accounts_email_confirm"),
    ]


@hooks.register("register_log_actions")
def register_two_factor_log_actions(actions):
    actions.register_action(two_factor.ENROL, _("Set up two-factor authentication"), _("Authenticator app set up"))
    actions.register_action(two_factor.VERIFY, _("Second factor verified"), _("Signed in with a code"))
    actions.register_action(two_factor.VERIFY_FAILED, _("Second factor refused"), _("Wrong two-factor code entered"))
    actions.register_action(two_factor.RECOVERY_USED, _("Recovery code used"), _("Signed in with a recovery code"))
    actions.register_action(two_factor.RECOVERY_RENEWED, _("Recovery codes renewed"), _("New recovery codes made"))
    actions.register_action(
        two_factor.DISABLE, _("Two-factor authentication turned off"), _("Two-factor authentication turned off")
    )
    actions.register_action(
        two_factor.RESET, _("Two-factor device reset"), _("Two-factor device reset by a provincial admin")
    )
    actions.register_action(
        email_change.EMAIL_CHANGE_REQUESTED,
        _("Perubahan e-mail diminta"),
        _("Tautan konfirmasi dikirim ke alamat baru"),
    )
    actions.register_action(email_change.EMAIL_CHANGED, _("E-mail diubah"), _("Alamat e-mail akun diubah"))


class EmailSettingsPanel(BaseSettingsPanel):
    """The account page's e-mail address, in place of the one of Wagtail's "Name and Email" panel.

    WAGTAIL_EMAIL_MANAGEMENT_ENABLED is False, so Wagtail's panel edits the name only; this one
    sends a confirmation link to a new address instead of saving it (home/accounts/email_change.py)."""

    name = "email"
    title = _("Alamat e-mail")
    order = 110
    form_class = EmailChangeForm

    def get_form(self):
        # Bound only when the page posts the field, like Wagtail's password panel.
        posted = self.request.method == "POST" and f"{self.name}-email" in self.request.POST
        data = self.request.POST if posted else None
        return self.form_class(data, instance=self.user, request=self.request, prefix=self.name)


@hooks.register("register_account_settings_panel")
def email_settings_panel(request, user, profile):
    return EmailSettingsPanel(request, user, profile)


@hooks.register("register_account_menu_item")
def two_factor_account_menu_item(request):
    return {
        "url": reverse("kim_accounts_manage"),
        "label": _("Two-factor authentication"),
        "help_text": _("Authenticator app and recovery codes for signing in."),
    }


@hooks.register("register_user_listing_buttons")
def two_factor_reset_button(user, request_user):
    # Asked once per listing, not once per row.
    allowed = getattr(request_user, "kim_may_reset_two_factor", None)
    if allowed is None:
        allowed = request_user.kim_may_reset_two_factor = is_provincial_admin(request_user)
    if allowed:
        yield Button(
            _("Reset two-factor device"),
            reverse("kim_accounts_reset", args=[user.pk]),
            icon_name="key",
            priority=60,
        )
