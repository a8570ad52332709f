"""Two-factor authentication: who needs it, and the steps of a device's life, each audited.

A TOTP device (an authenticator app) is the second factor; recovery codes are django-otp static
tokens, each good once, shown only when made. Every step is written to Wagtail's audit log
against the account concerned (actions registered in wagtail_hooks.py).
"""

import base64

import django_otp
import segno
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from django.contrib.auth import get_user_model
from django.db import transaction

from wagtail.log_actions import log
from wagtail.models import GroupPagePermission

from kim_sites.access.roles import roles_of
from kim_sites.conf import kim_settings

TOTP_DEVICE_NAME = "Aplikasi autentikator"
RECOVERY_DEVICE_NAME = "Kode pemulihan"

ENROL = "kim_accounts.2fa_enrol"
VERIFY = "kim_accounts.2fa_verify"
VERIFY_FAILED = "kim_accounts.2fa_verify_failed"
RECOVERY_USED = "kim_accounts.2fa_recovery_used"
RECOVERY_RENEWED = "kim_accounts.2fa_recovery_renewed"
DISABLE = "kim_accounts.2fa_disable"
RESET = "kim_accounts.2fa_reset"


def account(user):
    """The User itself: request.user is a lazy proxy, which Wagtail's audit log cannot file."""
    return get_user_model()._default_manager.get(pk=user.pk)


def is_required(user):
    """Provincial admins, regency moderators and anyone who may publish must use a second factor."""
    if not user.is_authenticated:
        return False
    roles = roles_of(user)
    if roles.provincial_admin or roles.moderator:
        return True
    return GroupPagePermission.objects.filter(group__user=user, permission__codename="publish_page").exists()


def has_device(user):
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


PENDING_SESSION_KEY = "kim_2fa_pending_device"


def pending_device(request):
    """The unconfirmed authenticator this session is enrolling, made on first call.

    Bound to the session, so that someone else signed in with the same password never sees the
    key that the real user is about to scan.
    """
    user = request.user
    device = TOTPDevice.objects.filter(
        user=user, confirmed=False, pk=request.session.get(PENDING_SESSION_KEY) or 0
    ).first()
    if device is None:
        device = TOTPDevice.objects.create(user=account(user), name=TOTP_DEVICE_NAME, confirmed=False)
        request.session[PENDING_SESSION_KEY] = device.pk
    return device


def secret_text(device):
    """The device's key in base32, grouped by four, for typing into an app by hand."""
    secret = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def qr_svg(device):
    """The otpauth:// URI as an inline SVG QR code, drawn here: no image service is asked."""
    return segno.make(device.config_url, error="m").svg_inline(
        scale=5, border=2, omitsize=True, title="Kode QR aplikasi autentikator", svgclass="kim-qr"
    )


def _new_recovery_codes(user):
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY_DEVICE_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(kim_settings.KIM_RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
    return codes


@transaction.atomic
def confirm_enrolment(request, device, token):
    """Confirm the pending `device` with a code from it; returns fresh recovery codes, or None."""
    user = account(request.user)
    if device.user_id != user.pk or device.confirmed or not device.verify_token(token):
        return None
    TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    request.session.pop(PENDING_SESSION_KEY, None)
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    codes = _new_recovery_codes(user)
    django_otp.login(request, device)
    log(instance=user, action=ENROL, user=user)
    return codes


def verify(request, token):
    """Check a code (authenticator first, then recovery codes); mark the session verified on success."""
    user = account(request.user)
    token = "".join(token.split())
    devices = [*TOTPDevice.objects.filter(user=user, confirmed=True), *StaticDevice.objects.filter(user=user)]
    for device in devices:
        if django_otp.verify_token(user, device.persistent_id, token) is not None:
            django_otp.login(request, device)
            if isinstance(device, StaticDevice):
                log(instance=user, action=RECOVERY_USED, user=user, data={"remaining": device.token_set.count()})
            else:
                log(instance=user, action=VERIFY, user=user)
            return device
    log(instance=user, action=VERIFY_FAILED, user=user)
    return None


def recovery_codes_left(user):
    return StaticToken.objects.filter(device__user=user).count()


@transaction.atomic
def renew_recovery_codes(user):
    user = account(user)
    codes = _new_recovery_codes(user)
    log(instance=user, action=RECOVERY_RENEWED, user=user)
    return codes


@transaction.atomic
def remove_devices(user, *, actor):
    """Remove every second factor of `user`: by the user (optional only), a provincial admin, or
    the `reset_two_factor` command (`actor` None)."""
    user = account(user)
    actor = account(actor) if actor is not None else None
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    action = DISABLE if actor is not None and actor.pk == user.pk else RESET
    log(instance=user, action=action, user=actor)
