"""Forms of the account pages: two-factor codes and the e-mail address."""

from django import forms
from django.contrib import messages
from django.utils.translation import gettext_lazy as _

from home.accounts.email_change import address_taken, normalize, request_change


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code"),
        max_length=32,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True, "spellcheck": "false"}
        ),
    )


class RecoveryCodeForm(CodeForm):
    """The sign-in code form, which also takes a recovery code."""

    code = forms.CharField(
        label=_("Code from the authenticator app or a recovery code"),
        max_length=32,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autofocus": True, "spellcheck": "false"}),
    )


class EmailChangeForm(forms.Form):
    """The account page's e-mail field: a new address is not saved, it is sent a confirmation link.

    Shaped like the ModelForms of Wagtail's account panels (`instance`, `prefix`), whose view
    saves every bound form of the page."""

    email = forms.EmailField(label=_("Alamat e-mail"), required=True)

    def __init__(self, *args, instance=None, request=None, **kwargs):
        self.user = instance
        self.request = request
        kwargs.setdefault("initial", {"email": instance.email})
        super().__init__(*args, **kwargs)
        self.fields["email"].help_text = _(
            "Alamat yang baru berlaku setelah Anda membuka tautan konfirmasi yang kami kirim ke alamat itu."
        )

    def clean_email(self):
        email = normalize(self.cleaned_data["email"])
        if email != self.user.email and address_taken(email, self.user):
            raise forms.ValidationError(_("Alamat e-mail ini sudah dipakai akun lain."))
        return email

    def save(self, commit=True):
        email = self.cleaned_data["email"]
        if email == self.user.email:
            return self.user
        request_change(self.user, email)
        if self.request is not None:
            messages.info(
                self.request,
                _(
                    "Kami mengirim tautan konfirmasi ke %(email)s. Alamat e-mail akun Anda berubah setelah tautan itu dibuka."
                )
                % {"email": email},
            )
        return self.user
