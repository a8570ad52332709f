from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from kim_sites.management.commands._team import kim_by_slug
from kim_sites.team.members import TeamError, remove_member


class Command(BaseCommand):
    help = (
        "Keluarkan seseorang dari tim sebuah KIM. Tulisan dan revisinya tetap ada; akun yang tidak punya "
        "peran lain dinonaktifkan."
    )

    def add_arguments(self, parser):
        parser.add_argument("--kim", required=True, help="slug KIM, mis. kim-maju-bersama")
        parser.add_argument("--email", required=True)

    def handle(self, *args, **options):
        kim = kim_by_slug(options["kim"])
        email = options["email"].strip()
        user = get_user_model().objects.filter(email__iexact=email).first()
        if user is None:
            raise CommandError(f"Tidak ada akun dengan e-mail {email}.", returncode=2)
        try:
            result = remove_member(kim, user)
        except TeamError as exc:
            raise CommandError("\n".join(exc.errors), returncode=2)
        self.stdout.write(self.style.SUCCESS(f"{user.email} dikeluarkan dari tim {kim.name}."))
        if result.deactivated:
            self.stdout.write("Akun dinonaktifkan: tidak punya peran lain. Tulisan dan revisinya tetap ada.")
        else:
            self.stdout.write("Akun tetap aktif karena masih punya peran lain.")
