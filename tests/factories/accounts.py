"""Factories shared by the test suite. Every KIM is built through the real provisioning service."""

import factory

from django.contrib.auth import get_user_model

from kim_sites.models import Regency
from kim_sites.registry.provisioning import KimSpec, add_moderator, provision_kim

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


_kim_counter = iter(range(1, 10**9))


def make_kim(regency="bangka", name=None, **kwargs):
    """Provision a KIM through the service, as Diskominfo would. Returns the Kim."""
    n = next(_kim_counter)
    name = name or f"KIM Uji {n}"
    spec = KimSpec(
        name=name,
        regency=regency,
        village=kwargs.pop("village", f"Desa {n}"),
        district=kwargs.pop("district", "Kecamatan Uji"),
        admin_email=kwargs.pop("admin_email", f"admin{n}@kim-uji.id"),
        **kwargs,
    )
    return provision_kim(spec, send_email=False).kim


def make_editor(kim, email=None):
    """An activated editor of `kim` with a known password."""
    user = UserFactory(email=email or f"editor-{kim.slug}@kim-uji.id")
    user.groups.add(kim.editor_group)
    return user


def make_moderator(regency="bangka", email=None):
    regency = Regency.objects.get(slug=regency) if isinstance(regency, str) else regency
    result = add_moderator(regency=regency, email=email or f"moderator-{regency.slug}@kominfo-uji.id", send_email=False)
    user = result.user
    user.set_password(DEFAULT_PASSWORD)
    user.save()
    return user
