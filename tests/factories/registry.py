"""Regencies and KIMs, built the way Diskominfo builds them: through the provisioning service."""

from django.conf import settings

from wagtail.models import Site

from kim_sites.registry.provisioning import KimSpec, provision_kim, provision_kims

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


def make_kims(count, prefix="massal", regencies=("bangka", "belitung", "pangkalpinang", "bangka-barat")):
    """`count` KIMs provisioned in bulk, spread over `regencies`."""
    specs = [
        KimSpec(
            name=f"KIM {prefix.title()} {n}",
            regency=regencies[n % len(regencies)],
            village=f"Desa {prefix} {n}",
            district="Kecamatan Uji",
            admin_email=f"{prefix}{n}@kim-uji.id",
        )
        for n in range(count)
    ]
    return [result.kim for result in provision_kims(specs, send_email=False)]


def use_portal_hostname():
    """The default site at the portal's hostname, as `load_demo` sets it."""
    site = Site.objects.get(is_default_site=True)
    site.hostname = settings.PORTAL_HOSTNAME
    site.save()
    return site
