from django.core.management.base import BaseCommand, CommandError

from kim_sites.registry.provisioning import ProvisioningError, add_moderator


class Command(BaseCommand):
    help = "Tambah atau perbarui moderator (pembina) sebuah kabupaten/kota; akun baru aktif lewat tautan."

    def add_arguments(self, parser):
        parser.add_argument("--regency", required=True, help="slug kabupaten/kota")
        parser.add_argument("--email", required=True)
        parser.add_argument("--name", default="", help="nama lengkap")
        parser.add_argument("--no-email", action="store_true", help="jangan kirim e-mail aktivasi")

    def handle(self, *args, **options):
        try:
            result = add_moderator(
                regency=options["regency"],
                email=options["email"],
                full_name=options["name"],
                send_email=not options["no_email"],
            )
        except ProvisioningError as exc:
            raise CommandError("\n".join(exc.errors), returncode=2)
        verb = "dibuat" if result.created else "diperbarui"
        self.stdout.write(self.style.SUCCESS(f"Moderator {verb}: {result.user.email} ({options['regency']})"))
        if result.activation_url:
            self.stdout.write(f"Tautan aktivasi: {result.activation_url}")
