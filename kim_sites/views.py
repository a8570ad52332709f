"""Public views of the KIM platform that are not Wagtail pages."""

from django.contrib.auth import views as auth_views
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _


class ActivationView(auth_views.PasswordResetConfirmView):
    """Opens the e-mailed one-time link and lets the new account set its own password."""

    template_name = "kim_sites/activation/set_password.html"
    success_url = reverse_lazy("kim_activate_done")
    post_reset_login = False
    reset_url_token = "buat-sandi"
    title = _("Aktivasi akun")


class ActivationDoneView(auth_views.PasswordResetCompleteView):
    template_name = "kim_sites/activation/done.html"
    title = _("Akun aktif")
