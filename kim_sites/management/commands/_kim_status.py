"""Shared by suspend_kim and reactivate_kim."""

from django.core.management.base import BaseCommand, CommandError

from kim_sites.models import Kim
from kim_sites.registry.provisioning import set_kim_status


class StatusCommand(BaseCommand):
    status = None
    done = ""
    unchanged = ""

    def add_arguments(self, parser):
        parser.add_argument("slug", help="slug KIM, mis. kim-maju-bersama")

    def handle(self, *args, **options):
        slug = options["slug"].strip().lower()
        kim = Kim.objects.select_related("regency", "site").filter(slug=slug).first()
        if kim is None:
            raise CommandError(f"KIM dengan slug '{slug}' tidak ditemukan.", returncode=2)
        if set_kim_status(kim, self.status):
            self.stdout.write(
                self.style.SUCCESS(self.done.format(kim=kim, url=kim.site.root_url + "/" if kim.site_id else ""))
            )
        else:
            self.stdout.write(self.unchanged.format(kim=kim))
