"""Who is this user: a provincial admin, a moderator of which regencies, an editor of which KIMs.

Every rule of the platform starts from these facts, so they are read in one query per user
object (one per request: Django loads `request.user` afresh for each) and kept on it. Superuser
and active flags are read from the user each time. Adding or removing one of the user's groups
through `user.groups` forgets the cached facts of that user object at once (see `forget_roles`);
another process or request reads them afresh anyway.

- A provincial admin (group "Admin Provinsi", or a superuser) sees and manages everything.
- A regency moderator (a member of a Regency's `moderator_group`) sees the KIMs of that regency
  and approves their posts.
- A KIM editor (a member of a Kim's `editor_group`) writes for that KIM; an Admin KIM (a member
  of its `admin_group`) writes for it too, edits its site settings and manages its team.
"""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.db.models.signals import m2m_changed

from wagtail.models import Page

from kim_sites.tree import REGENCY_DEPTH

PROVINCIAL_ADMIN_GROUP = "Admin Provinsi"
CACHE_ATTRIBUTE = "_kim_roles"


@dataclass(frozen=True)
class GroupFacts:
    """What the user's groups say, read once per user object."""

    in_provincial_admin_group: bool = False
    moderated_regency_ids: frozenset = frozenset()
    edited_kim_ids: frozenset = frozenset()
    administered_kim_ids: frozenset = frozenset()


@dataclass(frozen=True)
class Roles:
    """The roles of an active user (`NOBODY` for anonymous and inactive users, whose facts are empty)."""

    active: bool
    superuser: bool
    facts: GroupFacts

    @property
    def provincial_admin(self):
        return self.superuser or self.facts.in_provincial_admin_group

    @property
    def moderated_regency_ids(self):
        return self.facts.moderated_regency_ids

    @property
    def edited_kim_ids(self):
        return self.facts.edited_kim_ids

    @property
    def administered_kim_ids(self):
        return self.facts.administered_kim_ids

    @property
    def kim_admin(self):
        return bool(self.facts.administered_kim_ids)

    @property
    def moderator(self):
        return bool(self.facts.moderated_regency_ids)

    @property
    def editor(self):
        return bool(self.facts.edited_kim_ids)


NOBODY = Roles(active=False, superuser=False, facts=GroupFacts())


def _read_facts(user):
    rows = list(user.groups.values_list("name", "moderated_regency__id", "edited_kim__id", "administered_kim__id"))
    administered = frozenset(kim for _, _, _, kim in rows if kim is not None)
    return GroupFacts(
        in_provincial_admin_group=any(name == PROVINCIAL_ADMIN_GROUP for name, _, _, _ in rows),
        moderated_regency_ids=frozenset(regency for _, regency, _, _ in rows if regency is not None),
        # Both roles of a KIM's team write for it.
        edited_kim_ids=frozenset(kim for _, _, kim, _ in rows if kim is not None) | administered,
        administered_kim_ids=administered,
    )


def _cache_of(user):
    # Through getattr/setattr, so that `request.user` (a lazy wrapper) keeps it on the user itself,
    # where `forget_roles` finds it.
    cache = getattr(user, CACHE_ATTRIBUTE, None)
    if cache is None:
        cache = {}
        setattr(user, CACHE_ATTRIBUTE, cache)
    return cache


def roles_of(user):
    """The Roles of `user` (anonymous, inactive or None: no role at all)."""
    if user is None or not user.is_authenticated or not user.is_active:
        return NOBODY
    cache = _cache_of(user)
    if "facts" not in cache:
        cache["facts"] = _read_facts(user)
    return Roles(active=True, superuser=user.is_superuser, facts=cache["facts"])


def moderated_regency_paths(user):
    """Tree paths of the RegencyPages `user` moderates (cached with the roles)."""
    roles = roles_of(user)
    if not roles.moderator:
        return []
    cache = _cache_of(user)
    if "regency_paths" not in cache:
        # RegencyPage rows through their Wagtail parent table: no import of the page models here.
        cache["regency_paths"] = list(
            Page.objects.filter(depth=REGENCY_DEPTH, regencypage__regency_id__in=roles.moderated_regency_ids)
            .order_by("path")
            .values_list("path", flat=True)
        )
    return cache["regency_paths"]


def forget_roles(user):
    if getattr(user, CACHE_ATTRIBUTE, None) is not None:
        setattr(user, CACHE_ATTRIBUTE, None)


def _groups_changed(sender, instance, **kwargs):
    user_model = get_user_model()
    if sender is user_model.groups.through and isinstance(instance, user_model):
        forget_roles(instance)


def connect_signals():
    m2m_changed.connect(_groups_changed, dispatch_uid="kim_forget_roles")


# --- The questions every concern asks -------------------------------------------------------------


def is_provincial_admin(user):
    return roles_of(user).provincial_admin


def kims_visible_to(user, queryset):
    """The KIMs of `queryset` that `user` may see: all, its regencies' or its own."""
    roles = roles_of(user)
    if not roles.active:
        return queryset.none()
    if roles.provincial_admin:
        return queryset
    return queryset.filter(Q(regency_id__in=roles.moderated_regency_ids) | Q(pk__in=roles.edited_kim_ids))


def teams_visible_to(user, queryset):
    """The KIMs of `queryset` whose team `user` may see and manage: all for a provincial admin,
    its regencies' for a moderator, its own for an Admin KIM. An editor manages no team."""
    roles = roles_of(user)
    if not roles.active:
        return queryset.none()
    if roles.provincial_admin:
        return queryset
    return queryset.filter(Q(regency_id__in=roles.moderated_regency_ids) | Q(pk__in=roles.administered_kim_ids))
