"""A KIM's team: its members, their roles, and the one way to change them.

The admin screens (kim_sites/team/admin_views.py), the CLI and the CSV import all call these
functions. A member is in exactly one of the KIM's two groups, Editor (`Kim.editor_group`) or
Admin KIM (`Kim.admin_group`): Wagtail's own permissions read the role from there, so a change
takes effect on the member's next request. `KimMember` carries who invited them and when.

Nothing here checks who may act: the callers do, with `teams_visible_to`
(kim_sites/access/roles.py). Every change is in the audit log, inside the same transaction.
"""

import logging
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.core.validators import validate_email
from django.db import IntegrityError, models, transaction
from django.db.models import Count, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import LazyObject
from django.utils.translation import gettext_lazy as _

from wagtail.log_actions import log

from kim_sites.models import KimMember
from kim_sites.registry.activation import activation_timeout, activation_url

logger = logging.getLogger(__name__)

NAME_MAX_LENGTH = 150


class Role(models.TextChoices):
    ADMIN = "admin", _("Admin KIM")
    EDITOR = "editor", _("Editor")


ROLE_ALIASES = {
    "admin": Role.ADMIN,
    "admin kim": Role.ADMIN,
    "admin_kim": Role.ADMIN,
    "admin-kim": Role.ADMIN,
    "adminkim": Role.ADMIN,
    "editor": Role.EDITOR,
    "penulis": Role.EDITOR,
}


class TeamError(Exception):
    """A team change that cannot be made. `errors`: messages in Indonesian, for people;
    `field_errors`: the same paired with the form field they concern ("email", "name", "role" or None)."""

    def __init__(self, errors, field_errors=None):
        self.errors = [errors] if isinstance(errors, str) else list(errors)
        self.field_errors = list(field_errors) if field_errors is not None else [(None, e) for e in self.errors]
        super().__init__("; ".join(self.errors))


LAST_ADMIN = "KIM harus selalu punya sedikitnya satu Admin KIM. Jadikan anggota lain Admin KIM terlebih dahulu."


def parse_role(text):
    """The Role named by `text` ("admin", "Admin KIM", "editor", …), or TeamError."""
    if isinstance(text, Role):
        return text
    role = ROLE_ALIASES.get(" ".join(str(text or "").split()).lower())
    if role is None:
        raise TeamError(f"Peran '{text}' tidak dikenal: pilih 'admin' (Admin KIM) atau 'editor'.", [("role", None)])
    return role


def _role_error(message):
    return TeamError(message, [("role", message)])


@dataclass
class Member:
    user: object
    role: Role
    invited_at: object = None
    invited_by: object = None
    last_sent_at: object = None

    @property
    def last_login(self):
        return self.user.last_login

    @property
    def pending(self):
        """Invited, but the account has not set its password yet."""
        return not self.user.has_usable_password()

    @property
    def role_label(self):
        return self.role.label


@dataclass
class InviteResult:
    user: object
    created: bool
    activation_url: str = ""
    added_existing: bool = False


@dataclass
class RemoveResult:
    user: object
    deactivated: bool


def _concrete(user):
    """The User behind request.user: django-otp wraps it in a second lazy object, and Wagtail's
    log() unwraps one layer only, so an audit entry by the outer one would be silently lost."""
    while isinstance(user, LazyObject):
        user.pk  # noqa: B018 - evaluates the lazy object
        user = user._wrapped
    return user


def _group_of(kim, role):
    return kim.admin_group if role == Role.ADMIN else kim.editor_group


def _team_groups(kim):
    if not (kim.editor_group_id and kim.admin_group_id):
        raise TeamError(f"KIM '{kim.name}' belum punya grup tim; jalankan migrasi basis data.")
    return kim.editor_group_id, kim.admin_group_id


def members_of(kim):
    """Every member of `kim` with its role and invitation, Admin KIM first, then by name."""
    editor_id, admin_id = _team_groups(kim)
    User = get_user_model()
    through = User.groups.through
    roles = {}
    for user_id, group_id in through.objects.filter(group_id__in=[editor_id, admin_id]).values_list(
        "user_id", "group_id"
    ):
        # A member wrongly in both groups counts as Admin KIM, the wider role.
        if group_id == admin_id or user_id not in roles:
            roles[user_id] = Role.ADMIN if group_id == admin_id else Role.EDITOR
    users = User.objects.filter(pk__in=roles)
    records = {r.user_id: r for r in KimMember.objects.filter(kim=kim, user_id__in=roles).select_related("invited_by")}
    members = []
    for user in users:
        record = records.get(user.pk)
        members.append(
            Member(
                user=user,
                role=roles[user.pk],
                invited_at=record.invited_at if record else None,
                invited_by=record.invited_by if record else None,
                last_sent_at=record.last_sent_at if record else None,
            )
        )
    members.sort(key=lambda m: (m.role != Role.ADMIN, (m.user.get_full_name() or m.user.email).lower()))
    return members


def member_of(kim, user_id):
    """The Member of `kim` for account `user_id`, or None when it is not in the team."""
    return next((m for m in members_of(kim) if m.user.pk == int(user_id)), None)


def _role_of(kim, user):
    groups = set(user.groups.filter(pk__in=_team_groups(kim)).values_list("pk", flat=True))
    if kim.admin_group_id in groups:
        return Role.ADMIN
    if kim.editor_group_id in groups:
        return Role.EDITOR
    return None


def _member_role(kim, user):
    """The Role of `user` in `kim`, or TeamError when it is not in the team."""
    role = _role_of(kim, user)
    if role is None:
        raise TeamError(f"{user.email} bukan anggota tim {kim.name}.")
    return role


def _admin_count(kim):
    return get_user_model().objects.filter(groups=kim.admin_group_id, is_active=True).count()


def _lock_team(kim):
    """Serialises the changes of one team (two admins demoting each other at once)."""
    type(kim).objects.select_for_update().filter(pk=kim.pk).first()


def _clean_name(name):
    return " ".join((name or "").split())


def validate_invitation(*, email, name="", role=Role.EDITOR):
    """(email, name, Role) cleaned, or TeamError with every problem next to its field."""
    email = (email or "").strip().lower()
    name = _clean_name(name)
    field_errors = []
    if not email:
        field_errors.append(("email", "E-mail wajib diisi."))
    else:
        try:
            validate_email(email)
        except ValidationError:
            field_errors.append(("email", f"Alamat e-mail '{email}' tidak sah."))
        if len(email) > 254:
            field_errors.append(("email", "Alamat e-mail paling banyak 254 karakter."))
    if len(name) > NAME_MAX_LENGTH:
        field_errors.append(("name", f"Nama paling banyak {NAME_MAX_LENGTH} karakter."))
    try:
        role = parse_role(role)
    except TeamError as exc:
        field_errors.append(("role", exc.errors[0]))
    if field_errors:
        raise TeamError([m for _, m in field_errors], field_errors)
    return email, name, role


def invite_member(kim, *, email, name="", role=Role.EDITOR, actor=None, send_email=True):
    """Add `email` to the team of `kim` with `role`, creating the account if there is none.

    A new account has no password until it activates itself through the e-mailed one-time link,
    the same mechanism as provisioning. An existing account gets the role added, never a second
    account: if it has already set its password it is told by e-mail; if it was closed (removed
    from its last team) it opens again only through a fresh link.
    """
    actor = _concrete(actor)
    email, name, role = validate_invitation(email=email, name=name, role=role)
    _team_groups(kim)
    User = get_user_model()
    try:
        with transaction.atomic():
            _lock_team(kim)
            user = User.objects.filter(email=email).first()
            created = user is None
            if created:
                user = User(username=email, email=email, is_active=True)
                user.set_unusable_password()
            elif _role_of(kim, user) is not None:
                message = f"{email} sudah menjadi anggota tim {kim.name}."
                raise TeamError(message, [("email", message)])
            elif not user.is_active:
                user.is_active = True
                user.set_unusable_password()
            if name and (created or not user.get_full_name()):
                first, _, last = name.partition(" ")
                user.first_name, user.last_name = first[:150], last[:150]
            user.save()
            user.groups.add(_group_of(kim, role))
            pending = not user.has_usable_password()
            now = timezone.now()
            KimMember.objects.update_or_create(
                kim=kim,
                user=user,
                defaults={"invited_at": now, "invited_by": actor, "last_sent_at": now if pending else None},
            )
            url = activation_url(user) if pending else ""
            log(instance=kim, action="kim_sites.team.invite", user=actor, data={"email": email, "role": role.value})
            if send_email:
                transaction.on_commit(
                    lambda: _send_quietly(_invitation_message(user, kim, role, actor, url)), robust=True
                )
    except IntegrityError as exc:
        logger.warning("Invitation of %s to %s failed: %s", email, kim.slug, exc)
        raise TeamError(f"{email} baru saja diundang bersamaan; muat ulang halaman lalu periksa.")
    return InviteResult(user=user, created=created, activation_url=url, added_existing=not created)


def resend_invitation(kim, user, *, actor=None, send_email=True):
    """A new activation link for a member who has not activated yet. Earlier links stop working."""
    actor = _concrete(actor)
    with transaction.atomic():
        _lock_team(kim)
        role = _member_role(kim, user)
        user.refresh_from_db(fields=["password", "is_active"])
        if user.has_usable_password():
            raise TeamError(
                f"{user.email} sudah mengaktifkan akunnya. Bila lupa kata sandi, ia dapat memakai "
                "'Lupa kata sandi?' di halaman masuk."
            )
        # A fresh unusable password changes what the token is bound to, so older links die.
        user.set_unusable_password()
        user.save(update_fields=["password"])
        url = activation_url(user)
        KimMember.objects.update_or_create(kim=kim, user=user, defaults={"last_sent_at": timezone.now()})
        log(instance=kim, action="kim_sites.team.resend", user=actor, data={"email": user.email, "role": role.value})
        if send_email:
            transaction.on_commit(lambda: _send_quietly(_invitation_message(user, kim, role, actor, url)), robust=True)
    return url


def change_role(kim, user, role, *, actor=None):
    """Make `user` Admin KIM or Editor of `kim`. False when it already had that role."""
    actor = _concrete(actor)
    role = parse_role(role)
    with transaction.atomic():
        _lock_team(kim)
        current = _member_role(kim, user)
        if current == role:
            return False
        if current == Role.ADMIN and _admin_count(kim) <= 1:
            raise _role_error(LAST_ADMIN)
        user.groups.remove(_group_of(kim, current))
        user.groups.add(_group_of(kim, role))
        log(
            instance=kim,
            action="kim_sites.team.change_role",
            user=actor,
            data={"email": user.email, "role": role.value, "previous_role": current.value},
        )
    return True


def remove_member(kim, user, *, actor=None, action="kim_sites.team.remove"):
    """Take `user` out of the team of `kim`, at once.

    Its pages, revisions and files stay, with its name on them. The account is never deleted;
    left with no role at all (no team, no regency, not a provincial admin) it is deactivated,
    which refuses its open sessions on their next request.
    """
    actor = _concrete(actor)
    with transaction.atomic():
        _lock_team(kim)
        role = _member_role(kim, user)
        if role == Role.ADMIN and _admin_count(kim) <= 1:
            raise TeamError(LAST_ADMIN)
        user.groups.remove(kim.editor_group, kim.admin_group)
        KimMember.objects.filter(kim=kim, user=user).delete()
        deactivated = False
        if not user.is_superuser and not user.groups.exists() and user.is_active:
            user.is_active = False
            user.save(update_fields=["is_active"])
            deactivated = True
        log(
            instance=kim,
            action=action,
            user=actor,
            data={"email": user.email, "role": role.value, "deactivated": deactivated},
        )
    return RemoveResult(user=user, deactivated=deactivated)


def cancel_invitation(kim, user, *, actor=None):
    """Withdraw an invitation not yet accepted: the link stops working, the membership goes."""
    user.refresh_from_db(fields=["password", "is_active"])
    if user.has_usable_password():
        raise TeamError(f"{user.email} sudah mengaktifkan akunnya; keluarkan dari tim bila perlu.")
    result = remove_member(kim, user, actor=actor, action="kim_sites.team.cancel")
    if result.deactivated:
        # A new unusable password voids the link already sent.
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return result


def with_member_counts(queryset):
    """`queryset` of KIMs annotated with `active_members`: accounts active and activated in either role."""
    activated = Q(is_active=True) & ~Q(password__startswith=UNUSABLE_PASSWORD_PREFIX)
    User = get_user_model()
    through = User.groups.through
    editors = (
        through.objects.filter(group_id=models.OuterRef("editor_group_id"))
        .filter(user__in=User.objects.filter(activated))
        .values("group_id")
        .annotate(n=Count("user_id"))
        .values("n")
    )
    admins = (
        through.objects.filter(group_id=models.OuterRef("admin_group_id"))
        .filter(user__in=User.objects.filter(activated))
        .values("group_id")
        .annotate(n=Count("user_id"))
        .values("n")
    )
    zero = models.Value(0)
    return queryset.annotate(
        active_members=models.functions.Coalesce(models.Subquery(editors), zero)
        + models.functions.Coalesce(models.Subquery(admins), zero)
    )


# --- E-mail -------------------------------------------------------------------------------------


def _invitation_message(user, kim, role, actor, url):
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    context = {
        "user": user,
        "kim": kim,
        "role": role.label,
        "inviter": actor.get_full_name() or actor.email if actor is not None else "",
        "activation_url": url,
        "login_url": base + reverse("wagtailadmin_login"),
        "valid_days": max(1, activation_timeout() // (24 * 3600)),
    }
    subject = " ".join(render_to_string("kim_sites/email/team_invitation_subject.txt", context).split())
    body = render_to_string("kim_sites/email/team_invitation.txt", context)
    return EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])


def _send_quietly(message):
    """An e-mail that cannot be queued must not undo or hide a team change that has committed."""
    try:
        message.send()
    except Exception:
        logger.exception("Team e-mail to %s could not be queued", ", ".join(message.to))
