from django.core.management.base import BaseCommand, CommandError

from kim_sites.kinerja.periods import PeriodError, resolve_period
from kim_sites.kinerja.report import KinerjaExcelSpreadsheet, KinerjaSpreadsheet, build_report
from kim_sites.models import Kim, Regency


class Command(BaseCommand):
    help = (
        "Laporan Kinerja KIM: satu baris per KIM untuk satu periode (bawaan: bulan ini, WIB), "
        "dalam CSV (bawaan, ke layar) atau XLSX (wajib --output)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--regency", default="", help="slug kabupaten/kota, mis. bangka-tengah (bawaan: semua)")
        parser.add_argument("--from", dest="date_from", default="", help="tanggal mulai TTTT-BB-HH (WIB)")
        parser.add_argument("--to", dest="date_to", default="", help="tanggal akhir TTTT-BB-HH (WIB), ikut dihitung")
        parser.add_argument("--format", choices=["csv", "xlsx"], default="csv")
        parser.add_argument("--output", default="", help="berkas tujuan (bawaan CSV: layar)")
        parser.add_argument(
            "--excel",
            action="store_true",
            help="CSV untuk Excel berbahasa Indonesia: pemisah ';', desimal koma, dengan BOM UTF-8",
        )

    def handle(self, *args, **options):
        if options["format"] == "xlsx" and not options["output"]:
            raise CommandError("Format xlsx memerlukan --output BERKAS.xlsx.", returncode=2)
        kims = Kim.objects.all()
        slug = options["regency"].strip().lower()
        if slug:
            if not Regency.objects.filter(slug=slug).exists():
                known = ", ".join(Regency.objects.order_by("slug").values_list("slug", flat=True))
                raise CommandError(f"Kabupaten/kota '{slug}' tidak dikenal. Pilihan: {known}.", returncode=2)
            kims = kims.filter(regency__slug=slug)
        try:
            period = resolve_period(date_from=options["date_from"], date_to=options["date_to"])
        except PeriodError as error:
            raise CommandError(str(error), returncode=2)

        rows = build_report(period=period, kims=kims).rows
        spreadsheet = KinerjaExcelSpreadsheet() if options["excel"] else KinerjaSpreadsheet()
        output = options["output"]
        if options["format"] == "xlsx":
            with open(output, "wb") as stream:
                spreadsheet.write_xlsx(rows, stream)
        elif output:
            with open(output, "w", encoding="utf-8", newline="") as stream:
                stream.write(spreadsheet.csv_text(rows))
        else:
            self.stdout.write(spreadsheet.csv_text(rows), ending="")
        if output:
            self.stderr.write(f"{len(rows)} KIM, periode {period.label}: {output}")
