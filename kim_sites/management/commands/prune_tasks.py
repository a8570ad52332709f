from django.core.management.base import BaseCommand, CommandError

from kim_sites.scale import task_queue


class Command(BaseCommand):
    help = (
        "Hapus hasil tugas latar yang selesai (berhasil atau gagal) dan e-mail terkirim yang lebih tua "
        "dari --days hari. Tugas dan e-mail yang masih menunggu tidak pernah dihapus."
    )

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=30, help="umur minimum dalam hari (bawaan: 30)")

    def handle(self, *args, **options):
        if options["days"] < 1:
            raise CommandError("--days harus 1 atau lebih.", returncode=2)
        result = task_queue.prune_finished_tasks(options["days"])
        self.stdout.write(f"{result['tasks']} hasil tugas dan {result['mail']} e-mail dihapus.")
