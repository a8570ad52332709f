"""Users in every role. Editors belong to their KIM's group, moderators are added through the
provisioning service, and the provincial admin is a member of "Admin Provinsi", not a superuser."""

import factory

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from kim_sites.access.roles import PROVINCIAL_ADMIN_GROUP
from kim_sites.models import KimMember, Regency
from kim_sites.registry.provisioning import add_moderator

DEFAULT_PASSWORD = "rahasia-uji-123"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("email",)

    email = factory.Sequence(lambda n: f"pengguna{n}@contoh.id")
    username = factory.SelfAttribute("email")
    first_name = factory.Faker("first_name", locale="id_ID")
    last_name = factory.Faker("last_name", locale="id_ID")
    password = factory.django.Password(DEFAULT_PASSWORD)


def make_editor(kim, email=None):
    """An activated editor of `kim` with a known password."""
    user = UserFactory(email=email or f"editor-{kim.slug}@kim-uji.id")
    user.groups.add(kim.editor_group)
    KimMember.objects.get_or_create(kim=kim, user=user)
    return user


def make_moderator(regency="bangka", email=None):
    """A moderator of `regency` (a Regency or its slug), added as Diskominfo adds one, with a known password."""
    regency = Regency.objects.get(slug=regency) if isinstance(regency, str) else regency
    result = add_moderator(regency=regency, email=email or f"moderator-{regency.slug}@kominfo-uji.id", send_email=False)
    user = result.user
    user.set_password(DEFAULT_PASSWORD)
    user.save()
    return user


def make_provincial_admin(email="admin.provinsi@kominfo-uji.id"):
    """A provincial admin by group membership, not a superuser: the role must work on its own."""
    user = UserFactory(email=email)
    user.groups.add(Group.objects.get(name=PROVINCIAL_ADMIN_GROUP))
    return user


def make_kim_admin(kim, email=None):
    """An activated Admin KIM of `kim` with a known password (besides the one provisioning made)."""
    user = UserFactory(email=email or f"admin-kim-{kim.slug}@kim-uji.id")
    user.groups.add(kim.admin_group)
    KimMember.objects.get_or_create(kim=kim, user=user)
    return user
