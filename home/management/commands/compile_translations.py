from django.core.management.base import BaseCommand

from home.admin_catalog import all_po_files, compile_po


class Command(BaseCommand):
    help = "Compile every .po under LOCALE_PATHS into its .mo (polib; GNU gettext not needed)."

    def handle(self, *args, **options):
        for po in all_po_files():
            self.stdout.write(f"{compile_po(po)}")
