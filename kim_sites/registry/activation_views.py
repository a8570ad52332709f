"""Public views of the KIM platform that are not Wagtail pages."""

from django.contrib.auth import views as auth_views
from django.urls import reverse_lazy
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from kim_sites.registry.activation import activation_token_generator


class IndonesianMixin:
    """These pages speak Indonesian whatever the browser asks: the e-mail that links here does too."""

    def dispatch(self, request, *args, **kwargs):
        with translation.override("id"):
            response = super().dispatch(request, *args, **kwargs)
            if hasattr(response, "render"):
                response.render()
            return response


class ActivationView(IndonesianMixin, auth_views.PasswordResetConfirmView):
    """Opens the e-mailed one-time link and lets the new account set its own password."""

    template_name = "kim_sites/activation/set_password.html"
    success_url = reverse_lazy("kim_activate_done")
    token_generator = activation_token_generator
    post_reset_login = False
    reset_url_token = "buat-sandi"  # nosec B105  # a URL segment, not a password
    title = _("Aktivasi akun")

    def get_user(self, uidb64):
        user = super().get_user(uidb64)
        # A deactivated account stays closed, link or not.
        return user if user is not None and user.is_active else None


class ActivationDoneView(IndonesianMixin, auth_views.PasswordResetCompleteView):
    template_name = "kim_sites/activation/done.html"
    title = _("Akun aktif")
