"""`manage.py prune_ghost_drafts`: abandoned posts with nothing but a title deleted (daily timer)."""

from django.core.management.base import BaseCommand, CommandError

from kim_sites.writing.ghosts import prune_ghost_drafts


class Command(BaseCommand):
    help = (
        "Hapus draf berita yang tidak pernah dikirim atau terbit dan tidak berisi apa pun selain judul, "
        "bila tidak diubah lebih dari --hours jam (bawaan: KIM_GHOST_DRAFT_HOURS)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--hours", type=int, default=None, help="umur minimum dalam jam")

    def handle(self, *args, **options):
        hours = options["hours"]
        if hours is not None and hours < 1:
            raise CommandError("--hours harus 1 atau lebih.", returncode=2)
        titles = prune_ghost_drafts(hours=hours)
        self.stdout.write(f"{len(titles)} draf kosong dihapus.")
