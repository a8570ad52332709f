from django.core.management.base import BaseCommand

from kim_sites.reach.flush import flush, flush_page_views_task


class Command(BaseCommand):
    help = (
        "Memindahkan hitungan 'dibaca' yang menunggu (Redis atau basis data) ke tabel harian. "
        "Bawaan: lewat antrean tugas; --now: langsung di proses ini."
    )

    def add_arguments(self, parser):
        parser.add_argument("--now", action="store_true", help="jalankan langsung, bukan lewat antrean tugas")

    def handle(self, *args, **options):
        if options["now"]:
            self.stdout.write(f"{flush()} kali dibaca dipindahkan.")
        else:
            flush_page_views_task.enqueue()
