"""Admin forms adjusted to how KIM users sign in."""

from django import forms
from django.utils.translation import gettext, gettext_lazy

from wagtail.admin.forms.auth import LoginForm

from home.accounts.throttle import LoginGuard

# Indonesian source strings: the project's own user-facing text is written in the admin's default language.
EMAIL_LABEL = gettext_lazy("Alamat e-mail")


class EmailLoginForm(LoginForm):
    """Everyone signs in with their e-mail address (username = e-mail), so the form says so.

    Wagtail labels the field with the username field's verbose name ("nama pengguna") and leaves the password
    field without a label, so Django shows the untranslatable field name "Password".

    Wrong passwords are counted per account and client address, and per client address
    (accounts.throttle): past the limit the form refuses even the right password until the
    cool-off ends, without asking the password backend at all.
    """

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        username = self.fields["username"]
        username.label = EMAIL_LABEL
        username.widget.attrs.update(
            {"placeholder": gettext_lazy("Masukkan alamat e-mail Anda"), "autocomplete": "email", "inputmode": "email"}
        )
        self.fields["password"].label = gettext_lazy("Password")

    def clean(self):
        guard = LoginGuard(self.request, self.cleaned_data.get("username")) if self.request is not None else None
        if guard is not None and guard.is_blocked():
            raise forms.ValidationError(
                gettext(
                    "Too many failed sign-in attempts. For your security, please try again in %(minutes)s minutes."
                ),
                code="throttled",
                params={"minutes": guard.minutes_left()},
            )
        try:
            cleaned_data = super().clean()
        except forms.ValidationError as error:
            if guard is not None and error.code == "invalid_login":
                guard.fail()
            raise
        if guard is not None:
            guard.succeed()
        return cleaned_data

    def get_invalid_login_error(self):
        return forms.ValidationError(
            self.error_messages["invalid_login"],
            code="invalid_login",
            params={"username_field": EMAIL_LABEL},
        )
