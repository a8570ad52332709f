from django.core.management.base import BaseCommand

from kim_sites.scale import task_queue


class Command(BaseCommand):
    help = (
        "Pulihkan antrean tugas: tugas yang berstatus RUNNING lebih lama dari masa sewa (pekerjanya mati) "
        "dikembalikan ke antrean, dan e-mail yang jatuh tempo dijadwalkan lagi. Dijalankan timer tiap menit."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--lease",
            type=int,
            default=None,
            help="detik sebelum tugas RUNNING dianggap macet (bawaan: KIM_TASK_LEASE_SECONDS)",
        )

    def handle(self, *args, **options):
        result = task_queue.recover(options["lease"])
        self.stdout.write(
            f"{result['tasks']} tugas macet dikembalikan ke antrean, {result['mail']} e-mail dijadwalkan ulang."
        )
