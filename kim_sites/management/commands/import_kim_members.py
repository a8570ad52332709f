from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from kim_sites.registry.csv_import import ImportFileError
from kim_sites.team.csv_import import import_members


class Command(BaseCommand):
    help = (
        "Undang banyak anggota tim KIM sekaligus dari berkas CSV (UTF-8, pemisah ',' atau ';'). Seluruh "
        "berkas diperiksa dulu; satu baris salah berarti tidak ada yang diubah."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="berkas CSV; kolom: kim,email[,name,role] (kim = slug KIM; role admin/editor)")
        parser.add_argument("--dry-run", action="store_true", help="hanya periksa berkas, jangan ubah apa pun")
        parser.add_argument("--no-email", action="store_true", help="jangan kirim e-mail undangan")

    def handle(self, *args, **options):
        path = Path(options["file"])
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise CommandError(f"Berkas '{path}' tidak dapat dibaca: {exc.strerror or exc}.", returncode=2)
        try:
            report = import_members(data, dry_run=options["dry_run"], send_email=not options["no_email"])
        except ImportFileError as exc:
            for line in exc.errors:
                self.stderr.write(line)
            raise CommandError(
                f"Impor dibatalkan: {len(exc.errors)} kesalahan. Tidak ada anggota yang ditambahkan.", returncode=2
            )
        for warning in report.warnings:
            self.stderr.write(f"Peringatan: {warning}")
        summary = (
            f"akun baru: {len(report.new_accounts)} · sudah anggota: {len(report.already_members)} · "
            f"total: {len(report.rows)}"
        )
        if report.dry_run:
            self.stdout.write(self.style.SUCCESS("Pemeriksaan berhasil, tidak ada yang diubah (--dry-run)."))
            self.stdout.write(f"Akan diundang: {len(report.to_invite)} · {summary}")
            return
        for row, result in report.results:
            if result is None:
                continue
            account = "akun baru" if result.created else "akun yang sudah ada"
            self.stdout.write(f"Baris {row.line} [diundang] {row.email} → {row.kim.name} ({row.role.label}, {account})")
            if result.activation_url:
                self.stdout.write(f"    Tautan aktivasi: {result.activation_url}")
        self.stdout.write(self.style.SUCCESS(f"Selesai. Diundang: {len(report.to_invite)} · {summary}"))
