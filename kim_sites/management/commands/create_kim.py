from django.core.management.base import BaseCommand, CommandError

from kim_sites.registry.provisioning import KimSpec, ProvisioningError, provision_kim


class Command(BaseCommand):
    help = "Aktivasi satu KIM: situs, halaman, grup editor, koleksi media, dan akun admin (tautan aktivasi)."

    def add_arguments(self, parser):
        parser.add_argument("--regency", required=True, help="slug kabupaten/kota, mis. bangka-tengah")
        parser.add_argument("--name", required=True, help='nama KIM, mis. "KIM Maju Bersama"')
        parser.add_argument("--village", required=True, help="desa/kelurahan")
        parser.add_argument("--district", required=True, help="kecamatan")
        parser.add_argument("--admin-email", required=True, help="e-mail admin KIM pertama")
        parser.add_argument("--slug", default="", help="bawaan: nama KIM yang di-slug")
        parser.add_argument("--hostname", default="", help="bawaan: <slug>.<KIM_BASE_DOMAIN>")
        parser.add_argument("--sk-number", default="")
        parser.add_argument("--phone", default="")
        parser.add_argument("--no-email", action="store_true", help="jangan kirim e-mail aktivasi")

    def handle(self, *args, **options):
        spec = KimSpec(
            name=options["name"],
            regency=options["regency"],
            village=options["village"],
            district=options["district"],
            admin_email=options["admin_email"],
            slug=options["slug"],
            hostname=options["hostname"],
            sk_number=options["sk_number"],
            phone=options["phone"],
        )
        try:
            result = provision_kim(spec, send_email=not options["no_email"])
        except ProvisioningError as exc:
            raise CommandError("\n".join(exc.errors), returncode=2)
        kim = result.kim
        if result.created:
            self.stdout.write(self.style.SUCCESS(f"KIM dibuat: {kim.name} ({kim.regency.name})"))
        else:
            self.stdout.write(f"KIM sudah ada, tidak ada yang diubah: {kim.name} ({kim.regency.name})")
        self.stdout.write(f"Situs: {result.site_url}")
        if result.activation_url:
            self.stdout.write(f"Tautan aktivasi admin ({result.admin_user.email}): {result.activation_url}")
