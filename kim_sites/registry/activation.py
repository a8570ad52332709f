"""One-time activation links for new accounts.

The token is Django's password-reset token with a salt of its own: it is bound to the account's
password hash and last login, so it stops working as soon as the password is set, or as soon as
a new link is issued (issuing one replaces the unusable password, see `resend_activation`).
It expires after KIM_ACTIVATION_TIMEOUT seconds. An activation token is not accepted by the
admin's password-reset form, nor a password-reset token here.
"""

from django.conf import settings
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.core.mail import EmailMessage, get_connection
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.crypto import constant_time_compare
from django.utils.encoding import force_bytes
from django.utils.http import base36_to_int, urlsafe_base64_encode

from kim_sites.conf import kim_settings


class ActivationTokenGenerator(PasswordResetTokenGenerator):
    key_salt = "kim_sites.activation.ActivationTokenGenerator"  # unchanged since the first links: a new salt voids them

    def check_token(self, user, token):
        # Django's own check uses PASSWORD_RESET_TIMEOUT; activation has its own, longer, timeout.
        if not (user and token):
            return False
        try:
            ts_b36, _ = token.split("-")
            ts = base36_to_int(ts_b36)
        except ValueError:
            return False
        for secret in [self.secret, *self.secret_fallbacks]:
            if constant_time_compare(self._make_token_with_timestamp(user, ts, secret), token):
                break
        else:
            return False
        return (self._num_seconds(self._now()) - ts) <= activation_timeout()


def activation_timeout():
    return kim_settings.KIM_ACTIVATION_TIMEOUT


activation_token_generator = ActivationTokenGenerator()


def activation_path(user):
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    return reverse("kim_activate", kwargs={"uidb64": uid, "token": activation_token_generator.make_token(user)})


def activation_url(user):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + activation_path(user)


def activation_message(user, *, kim=None, regency=None, url=None, connection=None):
    """The activation e-mail for `user`, in Indonesian, carrying `url` (a fresh link if not given)."""
    url = url or activation_url(user)
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    context = {
        "user": user,
        "kim": kim,
        "regency": regency,
        "activation_url": url,
        "login_url": base + reverse("wagtailadmin_login"),
        "valid_days": max(1, activation_timeout() // (24 * 3600)),
    }
    subject = " ".join(render_to_string("kim_sites/email/activation_subject.txt", context).split())
    body = render_to_string("kim_sites/email/activation.txt", context)
    return EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email], connection=connection)


def send_activation_email(user, *, kim=None, regency=None, url=None):
    """E-mail `user` an activation link. Returns the link sent.

    The message is queued in the outbox (EMAIL_BACKEND, kim_sites/mail.py) and sent by the task
    worker, so provisioning never waits for, or fails with, the SMTP server.
    """
    url = url or activation_url(user)
    message = activation_message(user, kim=kim, regency=regency, url=url)
    message.send()
    return url


def send_activation_emails(items):
    """Queue many activation e-mails over one connection. `items`: [(user, kim, url)].

    Returns [(user, error message)] for the ones that could not be queued; the others are still
    queued. The task worker sends them, retrying while SMTP is down (kim_sites/mail.py).
    """
    failures = []
    connection = get_connection()
    try:
        connection.open()
    except Exception as exc:
        return [(user, str(exc) or exc.__class__.__name__) for user, _, _ in items]
    try:
        for user, kim, url in items:
            try:
                activation_message(user, kim=kim, url=url, connection=connection).send()
            except Exception as exc:
                failures.append((user, str(exc) or exc.__class__.__name__))
    finally:
        connection.close()
    return failures
