from django.core.management.base import BaseCommand

from home.translations import compile_catalogs


class Command(BaseCommand):
    help = "Kompilasi katalog terjemahan (.po → .mo) tanpa GNU gettext."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="kompilasi ulang walau .mo sudah terbaru")

    def handle(self, *args, **options):
        written = compile_catalogs(force=options["force"])
        for path in written:
            self.stdout.write(f"  {path}")
        self.stdout.write(self.style.SUCCESS(f"{len(written)} katalog dikompilasi."))
