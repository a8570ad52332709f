"""The account pages of the admin: two-factor enrol, code, manage, a provincial admin's reset, e-mail confirmation."""

from django_otp.plugins.otp_static.models import StaticDevice

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views import View

from home.accounts import email_change, throttle, two_factor
from home.accounts.forms import CodeForm, RecoveryCodeForm
from kim_sites.access.roles import is_provincial_admin


def next_url(request):
    """Where to go after the step: the `next` the middleware passed, if it is on this site."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return reverse("wagtailadmin_home")


def private_response(request, template, context, status=200):
    """Pages that show a secret or codes are never stored by a browser or proxy cache."""
    response = TemplateResponse(request, template, context, status=status)
    add_never_cache_headers(response)
    response["Cache-Control"] += ", no-store"
    return response


def throttled_error(guard):
    return _("Too many wrong codes. For your security, please try again in %(minutes)s minutes.") % {
        "minutes": guard.minutes_left()
    }


class EnrolView(View):
    """Set up an authenticator app: scan the QR code (or type the key), confirm with one code.

    Open to a session without a second factor only while its account has none: otherwise anyone
    with the password could add their own device.
    """

    template_name = "accounts/enrol.html"

    def dispatch(self, request, *args, **kwargs):
        if two_factor.has_device(request.user) and not request.user.is_verified():
            return redirect(reverse("kim_accounts_verify") + "?" + request.GET.urlencode())
        return super().dispatch(request, *args, **kwargs)

    def render(self, request, form, device, status=200):
        context = {
            "form": form,
            "qr_svg": two_factor.qr_svg(device),
            "secret": two_factor.secret_text(device),
            "next": next_url(request),
            "required": two_factor.is_required(request.user),
        }
        return private_response(request, self.template_name, context, status)

    def get(self, request):
        return self.render(request, CodeForm(), two_factor.pending_device(request))

    def post(self, request):
        device = two_factor.pending_device(request)
        form = CodeForm(request.POST)
        guard = throttle.OtpGuard(request, request.user)
        if guard.is_blocked():
            form.is_valid()
            form.add_error(None, throttled_error(guard))
            return self.render(request, form, device, status=429)
        if form.is_valid():
            codes = two_factor.confirm_enrolment(request, device, "".join(form.cleaned_data["code"].split()))
            if codes is not None:
                guard.succeed()
                return private_response(
                    request, "accounts/recovery_codes.html", {"codes": codes, "next": next_url(request), "new": True}
                )
            guard.fail()
            form.add_error(None, _("The code is wrong or has expired. Enter the code the app shows now."))
        return self.render(request, form, device)


class VerifyView(View):
    """After the password: a code from the authenticator app, or one recovery code."""

    template_name = "accounts/verify.html"

    def render(self, request, form, status=200):
        return private_response(request, self.template_name, {"form": form, "next": next_url(request)}, status)

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_verified():
            return redirect(next_url(request))
        if not two_factor.has_device(request.user):
            return redirect(reverse("kim_accounts_enrol") + "?" + request.GET.urlencode())
        return super().dispatch(request, *args, **kwargs)

    def get(self, request):
        return self.render(request, RecoveryCodeForm())

    def post(self, request):
        form = RecoveryCodeForm(request.POST)
        guard = throttle.OtpGuard(request, request.user)
        if guard.is_blocked():
            form.is_valid()
            form.add_error(None, throttled_error(guard))
            return self.render(request, form, status=429)
        if form.is_valid():
            device = two_factor.verify(request, form.cleaned_data["code"])
            if device is not None:
                guard.succeed()
                left = two_factor.recovery_codes_left(request.user)
                if isinstance(device, StaticDevice):
                    messages.warning(
                        request,
                        _("You signed in with a recovery code. %(left)s codes are left: make new ones in Account.")
                        % {"left": left},
                    )
                return redirect(next_url(request))
            guard.fail()
            form.add_error(None, _("The code is wrong, has expired or has been used."))
        return self.render(request, form)


class ManageView(View):
    """The user's own second factor: its state, new recovery codes, a new device, or off if optional."""

    template_name = "accounts/manage.html"

    def get(self, request):
        user = request.user
        context = {
            "has_device": two_factor.has_device(user),
            "required": two_factor.is_required(user),
            "codes_left": two_factor.recovery_codes_left(user),
        }
        return TemplateResponse(request, self.template_name, context)

    def post(self, request):
        user = request.user
        action = request.POST.get("action")
        if action == "recovery-codes" and two_factor.has_device(user):
            codes = two_factor.renew_recovery_codes(user)
            return private_response(
                request, "accounts/recovery_codes.html", {"codes": codes, "next": reverse("kim_accounts_manage")}
            )
        if action == "disable" and not two_factor.is_required(user):
            two_factor.remove_devices(user, actor=user)
            messages.success(request, _("Two-factor authentication is off for your account."))
        return redirect("kim_accounts_manage")


class ResetView(View):
    """A provincial admin removes the lost device of a user, who enrols a new one at next sign-in."""

    template_name = "accounts/reset.html"

    def dispatch(self, request, *args, **kwargs):
        if not is_provincial_admin(request.user):
            raise PermissionDenied
        self.target = get_object_or_404(get_user_model(), pk=kwargs["user_id"])
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, user_id):
        context = {"target": self.target, "has_device": two_factor.has_device(self.target)}
        return TemplateResponse(request, self.template_name, context)

    def post(self, request, user_id):
        two_factor.remove_devices(self.target, actor=request.user)
        messages.success(
            request,
            _("The second factor of %(user)s has been removed. They set up a new one at their next sign-in.")
            % {"user": self.target.email},
        )
        return redirect("wagtailusers_users:index")


class EmailConfirmView(View):
    """The link sent to a new address: a page with one button, which makes the change.

    Opening the link changes nothing (mail scanners open links); the button does. An invalid,
    expired, used or foreign link answers `validlink: False`, which the throttle counts."""

    template_name = "accounts/email_confirm.html"

    def render(self, request, context, status=200):
        return private_response(request, self.template_name, context, status)

    def get(self, request, token):
        try:
            new_email = email_change.read_token(request.user, token)
        except email_change.EmailChangeError as error:
            return self.render(request, {"validlink": not error.guess, "error": error.message})
        return self.render(request, {"validlink": True, "new_email": new_email})

    def post(self, request, token):
        try:
            old_email, new_email = email_change.confirm_change(request.user, token)
        except email_change.EmailChangeError as error:
            return self.render(request, {"validlink": not error.guess, "error": error.message})
        messages.success(
            request,
            _("Alamat e-mail akun Anda sekarang %(new)s. Pemberitahuan dikirim ke %(old)s.")
            % {"new": new_email, "old": old_email},
        )
        return redirect("wagtailadmin_account")
