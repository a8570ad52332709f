from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from home.accounts.two_factor import remove_devices


class Command(BaseCommand):
    help = (
        "Hapus aplikasi autentikator dan kode pemulihan sebuah akun (misalnya admin provinsi terakhir yang "
        "kehilangan ponselnya); akun itu memasang yang baru saat masuk berikutnya."
    )

    def add_arguments(self, parser):
        parser.add_argument("--email", required=True)

    def handle(self, *args, **options):
        user = get_user_model().objects.filter(email__iexact=options["email"]).first()
        if user is None:
            raise CommandError(f"Tidak ada akun dengan e-mail {options['email']}.", returncode=2)
        remove_devices(user, actor=None)
        self.stdout.write(self.style.SUCCESS(f"Faktor kedua {user.email} dihapus."))
