"""A signed-in session counts only after its second factor; account links are throttled."""

from django.contrib.auth.models import AnonymousUser
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from home.accounts import throttle, two_factor
from kim_sites.access.client_ip import client_address
from kim_sites.conf import kim_settings

# The steps a session must reach before its second factor: signing in and out, the two-factor
# pages themselves, the admin's icons and translations they load (the same for everyone), and
# the password-reset pages.
UNVERIFIED_URL_NAMES = {
    "wagtailadmin_login",
    "wagtailadmin_logout",
    "wagtailadmin_javascript_catalog",
    "wagtailadmin_sprite",
    "wagtailadmin_password_reset",
    "wagtailadmin_password_reset_done",
    "wagtailadmin_password_reset_confirm",
    "wagtailadmin_password_reset_complete",
    "kim_accounts_verify",
    "kim_accounts_enrol",
}


def _admin_prefix():
    return reverse("wagtailadmin_home")


class TwoFactorMiddleware:
    """Sends a session that has not passed its second factor to the code or enrolment page.

    In the admin, every URL but those above redirects there: a user with a device must enter a
    code, a user who must have one and has none enrols first. Everywhere else (private pages,
    private documents) such a session is treated as signed out.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not kim_settings.KIM_2FA_ENFORCED:
            return None
        user = request.user
        if not user.is_authenticated or user.is_verified():
            return None
        match = request.resolver_match
        if match is not None and match.url_name in UNVERIFIED_URL_NAMES:
            return None
        if two_factor.has_device(user):
            step = "kim_accounts_verify"
        elif two_factor.is_required(user):
            step = "kim_accounts_enrol"
        else:
            return None
        if request.path.startswith(_admin_prefix()):
            return redirect(reverse(step) + "?" + urlencode({"next": request.get_full_path()}))
        request.user = AnonymousUser()
        return None


# Views whose links carry a one-time token: an invalid one counts as a failed guess.
TOKEN_URL_NAMES = {"wagtailadmin_password_reset_confirm", "kim_activate", "kim_accounts_email_confirm"}


def throttled_response(request, minutes):
    message = _("Too many attempts. For your security, please try again in %(minutes)s minutes.") % {"minutes": minutes}
    return render(request, "accounts/throttled.html", {"message": message}, status=429)


class AccountThrottleMiddleware:
    """Limits password-reset e-mails and guesses of activation, reset and e-mail change links, per client."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        match = request.resolver_match
        if match is not None and match.url_name in TOKEN_URL_NAMES:
            context = getattr(response, "context_data", None) or {}
            if context.get("validlink") is False:
                throttle.ACCOUNT_LINK.fail(client_address(request))
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        url_name = request.resolver_match.url_name
        client = client_address(request)
        if url_name in TOKEN_URL_NAMES:
            if throttle.ACCOUNT_LINK.is_blocked(client):
                return throttled_response(request, throttle.ACCOUNT_LINK.minutes_left(client))
        elif url_name == "wagtailadmin_password_reset" and request.method == "POST":
            email = request.POST.get("email", "")
            for counter, parts in (
                (throttle.PASSWORD_RESET, (email, client)),
                (throttle.PASSWORD_RESET_CLIENT, (client,)),
            ):
                if counter.is_blocked(*parts):
                    return throttled_response(request, counter.minutes_left(*parts))
            # Every request counts: each one may send an e-mail.
            throttle.PASSWORD_RESET.fail(email, client)
            throttle.PASSWORD_RESET_CLIENT.fail(client)
        return None
