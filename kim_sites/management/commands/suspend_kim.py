from kim_sites.management.commands._kim_status import StatusCommand
from kim_sites.models import Kim


class Command(StatusCommand):
    help = "Tangguhkan situs sebuah KIM: publik melihat pemberitahuan; halaman, berkas dan akun tetap tersimpan."
    status = Kim.Status.SUSPENDED
    done = "KIM ditangguhkan: {kim.name} ({kim.regency.name}). Situs {url} kini menampilkan pemberitahuan."
    unchanged = "{kim.name} sudah ditangguhkan; tidak ada yang diubah."
