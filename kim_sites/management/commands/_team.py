"""Shared by invite_member, remove_member and import_kim_members."""

from django.core.management.base import CommandError

from kim_sites.models import Kim


def kim_by_slug(slug):
    """The KIM named on the command line, or a CommandError (exit code 2) in Indonesian."""
    slug = (slug or "").strip().lower()
    kim = Kim.objects.select_related("regency").filter(slug=slug).first()
    if kim is None:
        raise CommandError(f"KIM dengan slug '{slug}' tidak ditemukan.", returncode=2)
    return kim
