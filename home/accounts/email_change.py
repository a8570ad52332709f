"""A signed-in user changes their own e-mail address only through a link sent to the new address.

The address is the sign-in name (username = e-mail) and where password-reset links go, so a
session left open, or a typo, must not be able to move the account to an address its owner does
not read. The link carries a signed token (django.core.signing, a salt of its own) naming the
account, the old and the new address and the account's latest e-mail change; it expires after
KIM_EMAIL_CHANGE_TIMEOUT seconds. Nothing is stored while a change is pending: once any change is
made, the latest change is another one and every earlier link stops working, so a link works once.

The link works only for a session signed in as its account (with its second factor, like every
admin page): a token alone, found in a forwarded or leaked mail, must not move an account.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.functional import LazyObject
from django.utils.translation import gettext as _

from wagtail.log_actions import log
from wagtail.models import ModelLogEntry

from kim_sites.conf import kim_settings

SALT = "home.accounts.email_change"
EMAIL_CHANGED = "kim_accounts.email_change"
EMAIL_CHANGE_REQUESTED = "kim_accounts.email_change_requested"


class EmailChangeError(Exception):
    """A link that cannot change the address; `message` says why, in Indonesian."""

    def __init__(self, message, *, guess=True):
        super().__init__(message)
        self.message = message
        # A forged, expired, used or foreign link counts as a failed guess in the throttle.
        self.guess = guess


def concrete(user):
    """The User behind request.user, which django-otp wraps in a second lazy object: Wagtail's log()
    unwraps one layer only and would silently log nothing for the outer one."""
    while isinstance(user, LazyObject):
        user.pk  # noqa: B018 - evaluates the lazy object
        user = user._wrapped
    return user


def normalize(email):
    return (email or "").strip().lower()


def address_taken(email, user):
    """Whether another account already uses `email` (User.email is unique and stored lower-case)."""
    return get_user_model().objects.filter(email__iexact=normalize(email)).exclude(pk=user.pk).exists()


def _latest_change_id(user):
    entries = ModelLogEntry.objects.for_instance(user).filter(action=EMAIL_CHANGED)
    return entries.order_by("-pk").values_list("pk", flat=True).first() or 0


def make_token(user, new_email):
    payload = {"u": user.pk, "o": user.email, "e": normalize(new_email), "n": _latest_change_id(user)}
    return signing.dumps(payload, salt=SALT, compress=True)


def confirm_url(user, new_email):
    path = reverse("kim_accounts_email_confirm", kwargs={"token": make_token(user, new_email)})
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def _message(template, context, to):
    subject = " ".join(render_to_string(f"accounts/email/{template}_subject.txt", context).split())
    body = render_to_string(f"accounts/email/{template}.txt", context)
    return EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [to])


def _context(user, **extra):
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    return {"user": user, "login_url": base + reverse("wagtailadmin_login"), **extra}


def request_change(user, new_email):
    """E-mail a confirmation link to `new_email`; the account keeps its address until it is opened.

    The message goes through the outbox (kim_sites/mail.py), so the request never waits for SMTP.
    Raises EmailChangeError if another account uses the address."""
    user, new_email = concrete(user), normalize(new_email)
    if address_taken(new_email, user):
        raise EmailChangeError(_("Alamat e-mail ini sudah dipakai akun lain."), guess=False)
    context = _context(
        user,
        new_email=new_email,
        confirm_url=confirm_url(user, new_email),
        valid_hours=max(1, kim_settings.KIM_EMAIL_CHANGE_TIMEOUT // 3600),
    )
    _message("email_change_confirm", context, new_email).send()
    log(user, EMAIL_CHANGE_REQUESTED, user=user, data={"new_email": new_email})
    return new_email


def read_token(user, token):
    """The new address a link of `user` confirms, or EmailChangeError."""
    try:
        payload = signing.loads(token, salt=SALT, max_age=kim_settings.KIM_EMAIL_CHANGE_TIMEOUT)
    except signing.SignatureExpired:
        raise EmailChangeError(_("Tautan ini sudah kedaluwarsa. Minta perubahan e-mail lagi dari halaman Akun."))
    except signing.BadSignature:
        raise EmailChangeError(_("Tautan ini tidak sah. Periksa kembali tautan di e-mail Anda."))
    if payload.get("u") != user.pk:
        raise EmailChangeError(
            _("Tautan ini untuk akun lain. Masuk dengan akun yang meminta perubahan, lalu buka tautan ini lagi.")
        )
    if payload.get("o") != user.email or payload.get("n") != _latest_change_id(user):
        raise EmailChangeError(_("Tautan ini sudah dipakai atau digantikan oleh perubahan lain."))
    return payload["e"]


def confirm_change(user, token):
    """Give `user` the address their link confirms, audit-log it and tell the old address.

    Returns (old, new). Raises EmailChangeError for a link that is invalid, expired, used, of
    another account, or whose address another account took meanwhile."""
    user = concrete(user)
    new_email = read_token(user, token)
    if address_taken(new_email, user):
        raise EmailChangeError(_("Alamat e-mail ini sudah dipakai akun lain."), guess=False)
    old_email = user.email
    with transaction.atomic():
        user.email = new_email
        fields = ["email"]
        if normalize(user.username) == normalize(old_email):
            # Everyone signs in with their e-mail address: the username follows it.
            user.username = new_email
            fields.append("username")
        user.save(update_fields=fields)
        log(user, EMAIL_CHANGED, user=user, data={"old_email": old_email, "new_email": new_email})
        _message("email_changed_notice", _context(user, old_email=old_email, new_email=new_email), old_email).send()
    return old_email, new_email
