from django.core.management.base import BaseCommand, CommandError

from kim_sites.kinerja import digest as kinerja_digest
from kim_sites.kinerja.periods import PeriodError, parse_date
from kim_sites.models import Regency

OUTCOMES = {
    kinerja_digest.SENT: "terkirim ke {recipients} moderator",
    kinerja_digest.ALREADY_SENT: "sudah dikirim pekan ini, dilewati",
    kinerja_digest.NO_RECIPIENTS: "tidak ada moderator ber-e-mail, dilewati",
    kinerja_digest.DRY_RUN: "uji coba: {recipients} e-mail akan dikirim (tidak dikirim)",
    kinerja_digest.FAILED: "GAGAL: {error}",
}


class Command(BaseCommand):
    help = (
        "Kirim ringkasan mingguan Kinerja KIM ke moderator tiap kabupaten/kota: antrean moderasi, "
        "KIM yang menurun keaktifannya, dan angka pekan lalu. Paling banyak sekali per pekan ISO."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--week", default="", help="tanggal mana pun dalam pekan yang dimaksud, TTTT-BB-HH (bawaan: pekan ini)"
        )
        parser.add_argument("--regency", default="", help="hanya kabupaten/kota ini (slug)")
        parser.add_argument("--dry-run", action="store_true", help="tampilkan isi e-mail tanpa mengirim")

    def handle(self, *args, **options):
        try:
            day = parse_date(options["week"], "pekan")
        except PeriodError as error:
            raise CommandError(str(error), returncode=2)
        regencies = Regency.objects.order_by("name")
        slug = options["regency"].strip().lower()
        if slug:
            regencies = regencies.filter(slug=slug)
            if not regencies.exists():
                raise CommandError(f"Kabupaten/kota '{slug}' tidak dikenal.", returncode=2)

        week = kinerja_digest.week_start(day)
        self.stdout.write(f"Ringkasan Kinerja KIM, pekan mulai {week:%d-%m-%Y}:")
        results = kinerja_digest.send_weekly_digests(week, regencies=regencies, dry_run=options["dry_run"])
        for result in results:
            line = OUTCOMES[result.outcome].format(recipients=result.recipients, error=result.error)
            self.stdout.write(f"  {result.regency.name}: {line}")
            if options["dry_run"] and options["verbosity"] > 1:
                for message in result.messages:
                    self.stdout.write(
                        f"\nKepada: {', '.join(message.to)}\nPerihal: {message.subject}\n\n{message.body}"
                    )
        failed = [result for result in results if result.outcome == kinerja_digest.FAILED]
        if failed:
            raise CommandError(f"{len(failed)} ringkasan gagal dikirim; jalankan lagi untuk mencoba ulang.")
