from django.core.management.base import BaseCommand, CommandError

from kim_sites.models import Regency
from kim_sites.registry.provisioning import ProvisioningError, create_regency


class Command(BaseCommand):
    help = "Tambah kabupaten/kota (mis. untuk provinsi lain): halaman, koleksi media dan grup moderatornya."

    def add_arguments(self, parser):
        parser.add_argument("--slug", required=True, help="slug, mis. bangka-tengah")
        parser.add_argument("--name", required=True, help='nama lengkap, mis. "Kabupaten Bangka Tengah"')
        parser.add_argument("--kind", default=Regency.Kind.KABUPATEN, help="kabupaten atau kota")
        parser.add_argument("--seat", default="", help="ibu kota kabupaten/kota")
        parser.add_argument("--province", default="", help="provinsi (bawaan: Kepulauan Bangka Belitung)")

    def handle(self, *args, **options):
        try:
            regency = create_regency(
                name=options["name"],
                slug=options["slug"],
                kind=options["kind"],
                seat=options["seat"],
                province=options["province"],
            )
        except ProvisioningError as exc:
            raise CommandError("\n".join(exc.errors), returncode=2)
        self.stdout.write(
            self.style.SUCCESS(f"Kabupaten/kota dibuat: {regency.name} ({regency.slug}), {regency.province}")
        )
        self.stdout.write(f"Grup moderator: {regency.moderator_group.name}")
