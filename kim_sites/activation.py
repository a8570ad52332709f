"""One-time activation links for new accounts.

Built on Django's password-reset tokens: a token is bound to the account's password hash and
last login, so it stops working as soon as the password is set, and it expires after
PASSWORD_RESET_TIMEOUT.
"""

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode


def activation_path(user):
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    return reverse("kim_activate", kwargs={"uidb64": uid, "token": default_token_generator.make_token(user)})


def activation_url(user):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + activation_path(user)


def send_activation_email(user, *, kim=None, regency=None):
    """E-mail `user` a fresh activation link. Returns the link sent."""
    url = activation_url(user)
    days = settings.PASSWORD_RESET_TIMEOUT // (24 * 3600)
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    context = {
        "user": user,
        "kim": kim,
        "regency": regency,
        "activation_url": url,
        "login_url": base + reverse("wagtailadmin_login"),
        "valid_days": days,
    }
    subject = render_to_string("kim_sites/email/activation_subject.txt", context).strip()
    body = render_to_string("kim_sites/email/activation.txt", context)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])
    return url
