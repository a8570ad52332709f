from django.conf import settings
from django.core.management.base import BaseCommand

from home import demo


class Command(BaseCommand):
    help = "Muat provinsi demo Kepulauan Bangka Belitung (idempoten, tanpa jaringan)."

    def add_arguments(self, parser):
        parser.add_argument("--quiet-urls", action="store_true", help="jangan cetak URL dan akun demo")

    def handle(self, *args, **options):
        demo.load_kims()
        demo.load_users()
        demo.load_content_demo()
        demo.load_moderation_demo()
        if settings.DEBUG:
            demo.align_dev_ports()
        if options["quiet_urls"]:
            return
        portal_url, kim_urls = demo.site_urls()
        out = self.stdout
        out.write(self.style.SUCCESS("Provinsi demo siap."))
        out.write(f"\nPortal provinsi : {portal_url}")
        out.write(f"Admin (Wagtail) : {portal_url}admin/")
        out.write("\nSitus KIM:")
        for kim, url in kim_urls:
            out.write(f"  {url:<48} {kim.name} ({kim.regency.name})")
        out.write(f"\nAkun demo (kata sandi semua akun: {demo.DEMO_PASSWORD}) — hanya untuk pengembangan:")
        for role, email in demo.logins():
            out.write(f"  {role:<40} {email}")
        out.write(
            "Admin provinsi dan moderator memasang aplikasi autentikator (TOTP) saat pertama masuk;"
            " editor KIM boleh memilih. Lihat docs/accounts.md."
        )
        out.write("")
