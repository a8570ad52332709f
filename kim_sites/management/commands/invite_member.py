from django.core.management.base import BaseCommand, CommandError

from kim_sites.management.commands._team import kim_by_slug
from kim_sites.team.members import Role, TeamError, invite_member, parse_role


class Command(BaseCommand):
    help = (
        "Undang seseorang ke tim sebuah KIM sebagai Admin KIM atau Editor. Akun baru aktif lewat tautan; "
        "akun yang sudah ada mendapat peran tambahan, bukan akun kedua."
    )

    def add_arguments(self, parser):
        parser.add_argument("--kim", required=True, help="slug KIM, mis. kim-maju-bersama")
        parser.add_argument("--email", required=True)
        parser.add_argument("--name", default="", help="nama lengkap")
        parser.add_argument("--role", default=Role.EDITOR.value, help="admin (Admin KIM) atau editor; bawaan: editor")
        parser.add_argument("--no-email", action="store_true", help="jangan kirim e-mail undangan")

    def handle(self, *args, **options):
        kim = kim_by_slug(options["kim"])
        try:
            role = parse_role(options["role"])
            result = invite_member(
                kim,
                email=options["email"],
                name=options["name"],
                role=role,
                send_email=not options["no_email"],
            )
        except TeamError as exc:
            raise CommandError("\n".join(exc.errors), returncode=2)
        self.stdout.write(self.style.SUCCESS(f"Diundang ke tim {kim.name}: {result.user.email} ({role.label})"))
        if result.created:
            self.stdout.write("Akun baru dibuat; aktif setelah pemiliknya membuka tautan aktivasi.")
        elif result.activation_url:
            self.stdout.write(
                "Akun yang sudah ada mendapat peran ini; akun itu belum aktif, jadi tautan aktivasi baru dibuat."
            )
        else:
            self.stdout.write("Akun yang sudah ada mendapat peran ini; tidak ada akun kedua.")
        if result.activation_url:
            self.stdout.write(f"Tautan aktivasi: {result.activation_url}")
