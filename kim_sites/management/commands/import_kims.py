import csv
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from kim_sites.registry.csv_import import ImportFileError, import_kims
from kim_sites.registry.provisioning import refresh_statistics
from kim_sites.spreadsheets import formula_safe_row


def _reason(exc):
    if isinstance(exc, FileExistsError):
        return "berkas itu sudah ada (tidak ditimpa, agar tautan aktivasi lama tidak hilang); pilih nama lain"
    if isinstance(exc, FileNotFoundError):
        return "berkas atau foldernya tidak ditemukan"
    if isinstance(exc, PermissionError):
        return "tidak ada izin"
    if isinstance(exc, IsADirectoryError):
        return "itu sebuah folder"
    return exc.strerror or str(exc)


class Command(BaseCommand):
    help = (
        "Aktivasi banyak KIM sekaligus dari berkas CSV (UTF-8, pemisah ',' atau ';'). Seluruh berkas "
        "diperiksa dulu; satu baris salah berarti tidak ada yang dibuat."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "file", help="berkas CSV; kolom: name,regency,village,district,admin_email[,slug,hostname,sk_number,phone]"
        )
        parser.add_argument("--dry-run", action="store_true", help="hanya periksa berkas, jangan buat apa pun")
        parser.add_argument("--no-email", action="store_true", help="jangan kirim e-mail aktivasi")
        parser.add_argument(
            "--output", default="", help="tulis hasil (situs dan tautan aktivasi) ke berkas CSV ini, bukan ke layar"
        )

    def handle(self, *args, **options):
        path = Path(options["file"])
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise CommandError(f"Berkas '{path}' tidak dapat dibaca: {_reason(exc)}.", returncode=2)
        output = None
        if options["output"] and not options["dry_run"]:
            # Open it before anything is created: a wrong path must not lose the activation links.
            try:
                output = open(options["output"], "x", newline="", encoding="utf-8-sig")  # noqa: SIM115
            except OSError as exc:
                raise CommandError(
                    f"Berkas hasil '{options['output']}' tidak dapat dibuat: {_reason(exc)}.", returncode=2
                )
        try:
            report = import_kims(data, dry_run=options["dry_run"], send_email=not options["no_email"])
        except BaseException as exc:
            if output is not None:
                output.close()
                Path(options["output"]).unlink(missing_ok=True)
            if not isinstance(exc, ImportFileError):
                raise
            for line in exc.errors:
                self.stderr.write(line)
            raise CommandError(
                f"Impor dibatalkan: {len(exc.errors)} kesalahan. Tidak ada KIM yang dibuat.", returncode=2
            )
        for warning in report.warnings:
            self.stderr.write(f"Peringatan: {warning}")

        if report.dry_run:
            self.stdout.write(self.style.SUCCESS("Pemeriksaan berhasil, tidak ada yang dibuat (--dry-run)."))
            self.stdout.write(
                f"Akan dibuat: {len(report.created)} · sudah ada: {len(report.existing)} · total: {report.total}"
            )
            return

        if output is not None:
            with output:
                writer = csv.writer(output)
                writer.writerow(
                    ["baris", "status", "nama", "slug", "kabupaten_kota", "situs", "email_admin", "tautan_aktivasi"]
                )
                for row, result in zip(report.rows, report.results, strict=True):
                    # The names come from the imported file: a spreadsheet someone else filled in.
                    writer.writerow(formula_safe_row(self._row(row, result)))
        else:
            for row, result in zip(report.rows, report.results, strict=True):
                line, status, name, _, regency, site, email, link = self._row(row, result)
                self.stdout.write(f"Baris {line} [{status}] {name} ({regency}) {site}")
                if link:
                    self.stdout.write(f"    Tautan aktivasi ({email}): {link}")
        if report.created:
            refresh_statistics()
        for user, error in report.email_failures:
            self.stderr.write(f"E-mail aktivasi ke {user.email} gagal dikirim: {error}")
        self.stdout.write(
            self.style.SUCCESS(
                f"Selesai. Dibuat: {len(report.created)} · sudah ada: {len(report.existing)} · total: {report.total}"
            )
        )
        if output is not None:
            self.stdout.write(f"Situs dan tautan aktivasi ditulis ke {options['output']}.")

    @staticmethod
    def _row(row, result):
        kim = result.kim
        return [
            row.line,
            "dibuat" if result.created else "sudah ada",
            kim.name,
            kim.slug,
            kim.regency.name,
            result.site_url,
            row.spec.admin_email,
            result.activation_url,
        ]
