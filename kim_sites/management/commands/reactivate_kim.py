from kim_sites.management.commands._kim_status import StatusCommand
from kim_sites.models import Kim


class Command(StatusCommand):
    help = "Aktifkan kembali situs KIM yang ditangguhkan."
    status = Kim.Status.ACTIVE
    done = "KIM diaktifkan kembali: {kim.name} ({kim.regency.name}). Situs {url} kembali terbuka untuk publik."
    unchanged = "{kim.name} sudah aktif; tidak ada yang diubah."
