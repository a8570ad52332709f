"""Demo content, so `make run` looks like a living province: posts, profiles, agenda, galleries.

Idempotent (every object is looked up by a stable slug or title before it is made), offline
(pictures are drawn with Pillow), and published directly: the demo loader is trusted. Some pages
are translated to English through wagtail-localize, as a translator would.
"""

import datetime
import hashlib
import io
import random

from PIL import Image, ImageDraw, ImageFilter, ImageFont

from django.core.files.images import ImageFile
from django.db import transaction
from django.utils import timezone

from wagtail.models import Locale, Site
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource

from home.models import CustomImage, PortalHomePage
from kim_sites.models import (
    AgendaEvent,
    AgendaPage,
    GalleryPage,
    Kim,
    KimHomePage,
    KimSiteSettings,
    PengurusMember,
    PostIndexPage,
    PostPage,
    ProfilePage,
)

# KIMs whose sites get English versions of some pages.
TRANSLATED_KIMS = ["kim-jada-bahrin-bersatu", "kim-terong-berseri"]

ACCENTS = ["#0b6e4f", "#1d4e89", "#8a1c3b", "#b35900", "#5b3a8c", "#006d77", "#7a5c00", "#2f6b2f"]

# (top colour, bottom colour) of the generated pictures, by category.
PALETTES = {
    "berita": [((29, 78, 137), (120, 180, 220)), ((12, 70, 90), (90, 170, 160))],
    "kegiatan": [((11, 110, 79), (160, 210, 120)), ((40, 90, 40), (200, 220, 130))],
    "pengumuman": [((138, 28, 59), (240, 150, 110)), ((120, 40, 20), (240, 190, 90))],
    "potensi-desa": [((0, 109, 119), (250, 210, 140)), ((20, 60, 120), (250, 230, 180))],
    "umkm": [((179, 89, 0), (250, 220, 120)), ((91, 58, 140), (240, 170, 190))],
}

FIRST_NAMES = [
    "Rudi",
    "Sari",
    "Hendra",
    "Nurhayati",
    "Agus",
    "Fitri",
    "Bambang",
    "Wulan",
    "Syahrial",
    "Maya",
    "Irwan",
    "Dewi",
    "Fadli",
    "Rosita",
    "Zulkifli",
    "Ayu",
    "Herman",
    "Yuliana",
    "Samsul",
    "Lestari",
]
LAST_NAMES = ["Saputra", "Wahyuni", "Gunawan", "Rahman", "Pratama", "Handayani", "Firmansyah", "Susanti"]

# Post templates. {village}, {district}, {regency} and {kim} are filled in per KIM.
POSTS = [
    {
        "slug": "gotong-royong-bersihkan-saluran-air",
        "category": "kegiatan",
        "days_ago": 3,
        "title": "Warga {village} Gotong Royong Bersihkan Saluran Air Jelang Musim Hujan",
        "label": "Gotong Royong",
        "summary": "Puluhan warga {village} bergotong royong membersihkan saluran air dan parit desa agar tidak "
        "banjir saat musim hujan tiba.",
        "paragraphs": [
            "Minggu pagi, sekitar enam puluh warga Desa {village}, Kecamatan {district}, berkumpul di balai desa "
            "dengan membawa cangkul, parang dan karung. Mereka membersihkan saluran air sepanjang dua kilometer "
            "yang tersumbat sampah dan lumpur.",
            "Kepala desa menyampaikan bahwa kegiatan gotong royong ini rutin dilaksanakan setiap bulan menjelang "
            "musim hujan. Ibu-ibu PKK menyiapkan konsumsi berupa kopi, teh dan pisang goreng untuk para peserta.",
            "{kim} mendokumentasikan kegiatan ini dan mengajak warga untuk tidak membuang sampah ke parit.",
        ],
        "quote": ("Kalau saluran bersih, kampung kita aman dari banjir. Ini tanggung jawab bersama.", "Kepala Desa"),
        "tags": ["gotong royong", "lingkungan"],
        "gallery": True,
    },
    {
        "slug": "kerupuk-ikan-umkm-naik-kelas",
        "category": "umkm",
        "days_ago": 6,
        "title": "Kerupuk Ikan Buatan Ibu-Ibu {village} Kini Tembus Pasar Pangkalpinang",
        "label": "Kerupuk Ikan",
        "summary": "Kelompok usaha ibu-ibu di {village} berhasil memasarkan kerupuk ikan tenggiri hingga ke toko "
        "oleh-oleh di Pangkalpinang.",
        "paragraphs": [
            "Kelompok UMKM Srikandi di Desa {village} memproduksi kerupuk ikan tenggiri sejak tiga tahun lalu. "
            "Setiap minggu mereka mengolah sekitar lima puluh kilogram ikan segar dari nelayan setempat.",
            "Berkat pendampingan dinas koperasi dan pelatihan pengemasan, produk mereka kini memiliki izin PIRT "
            "dan label halal, sehingga dapat masuk ke toko oleh-oleh di Pangkalpinang dan Sungailiat.",
            "Pemesanan dapat dilakukan melalui sekretariat {kim} atau langsung ke rumah produksi di dusun II.",
        ],
        "tags": ["umkm", "kerupuk", "ekonomi desa"],
    },
    {
        "slug": "jadwal-posyandu-balita-dan-lansia",
        "category": "pengumuman",
        "days_ago": 1,
        "title": "Jadwal Posyandu Balita dan Lansia Bulan Ini",
        "label": "Posyandu",
        "summary": "Posyandu balita dan lansia di {village} dibuka di balai desa; warga diminta membawa buku KIA "
        "dan kartu BPJS.",
        "paragraphs": [
            "Pemerintah Desa {village} bersama bidan desa mengumumkan jadwal posyandu balita dan lansia. "
            "Pelayanan meliputi penimbangan, imunisasi, pemberian vitamin A dan pemeriksaan tekanan darah.",
            "Warga diminta membawa buku KIA untuk balita dan kartu BPJS Kesehatan untuk lansia. Pelayanan "
            "dimulai pukul 08.00 WIB di balai desa.",
        ],
        "tags": ["posyandu", "kesehatan"],
    },
    {
        "slug": "panen-lada-putih-muntok",
        "category": "potensi-desa",
        "days_ago": 12,
        "title": "Panen Lada Putih di {village}: Harga Membaik, Petani Tersenyum",
        "label": "Lada Putih",
        "summary": "Petani lada di {village} memasuki musim panen. Harga lada putih yang membaik membawa harapan "
        "baru bagi ekonomi desa.",
        "paragraphs": [
            "Lada putih Bangka atau Muntok White Pepper sudah dikenal dunia sejak zaman kolonial. Di Desa "
            "{village}, sebagian besar warga masih menanam lada di kebun keluarga.",
            "Tahun ini petani memakai junjung hidup dari pohon gamal sehingga biaya perawatan lebih hemat. "
            "Penyuluh pertanian mendampingi petani agar proses perendaman dan penjemuran sesuai standar.",
            "{kim} akan terus mengabarkan perkembangan harga lada agar petani mendapat informasi yang benar.",
        ],
        "quote": ("Dengan junjung hidup, kebun lada kami lebih tahan dan biayanya lebih murah.", "Ketua Kelompok Tani"),
        "tags": ["lada", "pertanian", "potensi desa"],
    },
    {
        "slug": "wisata-pantai-dan-kuliner",
        "category": "potensi-desa",
        "days_ago": 20,
        "title": "Menikmati Senja di Pantai Dekat {village}",
        "label": "Wisata Pantai",
        "summary": "Pantai berpasir putih dengan batu granit menjadi tujuan wisata keluarga; warga {village} membuka "
        "warung kuliner khas Bangka Belitung.",
        "paragraphs": [
            "Setiap akhir pekan, pantai di dekat {village} ramai dikunjungi keluarga dari {district} dan sekitarnya. "
            "Hamparan pasir putih dan batu granit raksasa menjadi latar foto favorit pengunjung.",
            "Pokdarwis desa menata area parkir, tempat sampah dan gazebo. Warung warga menyajikan mi Bangka, "
            "otak-otak dan lempah kuning.",
            "Pengunjung diimbau menjaga kebersihan dan tidak berenang saat ombak tinggi.",
        ],
        "tags": ["wisata", "pantai", "kuliner"],
        "youtube": True,
    },
    {
        "slug": "sosialisasi-bahaya-tambang-timah-ilegal",
        "category": "berita",
        "days_ago": 9,
        "title": "Sosialisasi Bahaya Tambang Timah Ilegal bagi Lingkungan dan Keselamatan",
        "label": "Sosialisasi",
        "summary": "Diskominfo dan {kim} mengajak warga memahami dampak tambang timah ilegal terhadap sungai, kebun "
        "dan keselamatan anak-anak.",
        "paragraphs": [
            "Bertempat di balai desa {village}, {kim} bersama Diskominfo {regency} menggelar sosialisasi tentang "
            "bahaya tambang timah inkonvensional yang tidak berizin.",
            "Narasumber menjelaskan bahwa lubang bekas tambang (kolong) yang ditinggalkan dapat membahayakan "
            "anak-anak dan mencemari sumber air warga. Warga diajak melaporkan aktivitas tambang ilegal.",
            "Kegiatan ditutup dengan penanaman bibit pohon di lahan bekas tambang.",
        ],
        "tags": ["timah", "lingkungan", "sosialisasi"],
    },
    {
        "slug": "pelatihan-jurnalistik-warga",
        "category": "kegiatan",
        "days_ago": 15,
        "title": "{kim} Gelar Pelatihan Jurnalistik Warga untuk Pemuda Desa",
        "label": "Pelatihan",
        "summary": "Dua puluh pemuda {village} belajar menulis berita, memotret dengan ponsel dan memeriksa fakta "
        "agar tidak mudah termakan hoaks.",
        "paragraphs": [
            "Pelatihan jurnalistik warga diikuti dua puluh pemuda dan pemudi {village}. Materi meliputi teknik "
            "menulis berita 5W+1H, fotografi dengan ponsel dan cara memeriksa kebenaran informasi.",
            "Peserta langsung praktik menulis berita tentang kegiatan di desa dan mengunggahnya ke situs {kim} "
            "setelah diperiksa pembina dari Diskominfo.",
        ],
        "quote": ("Saring sebelum sharing. Informasi yang benar membangun desa.", "Pemateri pelatihan"),
        "tags": ["literasi digital", "pemuda"],
    },
    {
        "slug": "pengumuman-penyaluran-blt-dana-desa",
        "category": "pengumuman",
        "days_ago": 30,
        "title": "Pengumuman Penyaluran BLT Dana Desa Tahap Berikutnya",
        "label": "Pengumuman",
        "summary": "Penerima BLT Dana Desa {village} diminta datang ke kantor desa membawa KTP dan KK sesuai jadwal "
        "per dusun.",
        "paragraphs": [
            "Pemerintah Desa {village} akan menyalurkan Bantuan Langsung Tunai (BLT) Dana Desa tahap berikutnya. "
            "Penyaluran dilakukan bergiliran per dusun untuk menghindari antrean panjang.",
            "Penerima wajib membawa KTP dan Kartu Keluarga asli. Daftar penerima ditempel di papan pengumuman "
            "kantor desa dan dapat ditanyakan ke sekretariat {kim}.",
        ],
        "tags": ["dana desa", "pengumuman"],
    },
]

VISION = "Menjadi sumber informasi desa {village} yang terpercaya, cepat dan membangun."
MISSION = [
    "Menyebarluaskan informasi pembangunan desa kepada seluruh warga.",
    "Menampung aspirasi warga dan menyampaikannya kepada pemerintah.",
    "Meningkatkan literasi digital dan melawan hoaks.",
    "Mempromosikan potensi desa, UMKM dan wisata {village}.",
]
HISTORY = [
    "{kim} dibentuk oleh warga Desa {village}, Kecamatan {district}, sebagai wadah berbagi informasi antarwarga.",
    "Sejak pelatihan aktivasi oleh Diskominfo Provinsi Kepulauan Bangka Belitung pada Desember 2023, "
    "{kim} rutin mengunggah kabar kegiatan desa ke situs ini.",
]
DIVISIONS = ["Divisi Pengumpulan Informasi", "Divisi Pengelolaan Informasi", "Divisi Diseminasi"]

EVENTS = [
    # (days from today, start, end, title, place, description)
    (4, (8, 0), (11, 0), "Posyandu Balita dan Lansia", "Balai Desa {village}", "Bawa buku KIA dan kartu BPJS."),
    (11, (19, 30), (21, 30), "Musyawarah Dusun", "Rumah Kadus II, {village}", "Pembahasan usulan RKP Desa."),
    (25, (7, 0), None, "Jalan Sehat dan Lomba Kebersihan", "Lapangan Desa {village}", ""),
    (-10, (9, 0), (12, 0), "Pelatihan Jurnalistik Warga", "Aula Kantor Camat {district}", ""),
    (-24, (8, 0), (10, 0), "Gotong Royong Bersih Desa", "Seluruh dusun, {village}", ""),
]

# English versions of the strings of the translated pages; anything missing stays Indonesian.
ENGLISH = {
    "berita": "news",
    "profil": "profile",
    "galeri": "gallery",
    "agenda": "events",
    "Berita &amp; Kegiatan": "News &amp; Activities",
    "Berita & Kegiatan": "News & Activities",
    "Profil": "Profile",
    "Galeri": "Gallery",
    "Agenda": "Events",
    "Kabar terbaru kegiatan, pengumuman dan potensi desa.": "The latest activities, announcements and village potential.",
    "Foto-foto kegiatan warga.": "Photos of our community's activities.",
    "Jadwal kegiatan warga yang akan datang.": "Upcoming community events.",
    "Kabar terbaru dari Kelompok Informasi Masyarakat se-Kepulauan Bangka Belitung.": "The latest news from the "
    "community information groups (KIM) of the Bangka Belitung Islands.",
}


def _english_for(kim):
    """English strings of one KIM's translated pages (its name stays as it is)."""
    v, d = kim.village, kim.district
    strings = dict(ENGLISH)
    strings.update(
        {
            f"Kelompok Informasi Masyarakat {v}, Kecamatan {d}": f"Community Information Group of {v}, {d} District",
            _fmt(INTRO, kim): f"<b>Welcome</b> to the website of {kim.name}. Here we share news, activities and "
            f"the potential of {v} village.",
            _fmt(VISION, kim): f"To be a trusted, fast and constructive source of information for {v} village.",
            _fmt(MISSION[0], kim): "Spread information on village development to every resident.",
            _fmt(MISSION[1], kim): "Collect residents' aspirations and pass them on to the government.",
            _fmt(MISSION[2], kim): "Improve digital literacy and fight hoaxes.",
            _fmt(MISSION[3], kim): f"Promote the potential, small businesses and tourism of {v}.",
            _fmt(HISTORY[0], kim): f"{kim.name} was founded by the residents of {v} village, {d} district, "
            "as a place to share information among neighbours.",
            _fmt(HISTORY[1], kim): "Since the activation training held by the Bangka Belitung Islands provincial "
            f"communication office in December 2023, {kim.name} regularly posts village news on this website.",
        }
    )
    post = POSTS[0]
    strings.update(
        {
            "gotong-royong-bersihkan-saluran-air": "residents-clean-drains-before-rainy-season",
            _fmt(post["title"], kim): f"{v} Residents Join Forces to Clean Drains Before the Rainy Season",
            _fmt(post["summary"], kim): f"Dozens of {v} residents worked together to clean the village drains "
            "and ditches so the rainy season brings no floods.",
            _fmt(post["paragraphs"][0], kim): f"On Sunday morning about sixty residents of {v}, {d} district, "
            "gathered at the village hall with hoes, machetes and sacks. They cleaned two kilometres of drains "
            "blocked by rubbish and mud.",
            _fmt(post["paragraphs"][1], kim): "The village head said this mutual-help work (gotong royong) takes "
            "place every month before the rainy season. The women's association prepared coffee, tea and fried "
            "bananas for everyone.",
            _fmt(post["paragraphs"][2], kim): f"{kim.name} documented the work and asks residents not to throw "
            "rubbish into the ditches.",
            post["quote"][0]: "When the drains are clean, our village is safe from floods. It is everyone's job.",
            post["quote"][1]: "Village head",
            f"Gotong royong di {v}": f"Gotong royong in {v}",
        }
    )
    post = POSTS[3]
    strings.update(
        {
            "panen-lada-putih-muntok": "white-pepper-harvest",
            _fmt(post["title"], kim): f"White Pepper Harvest in {v}: Better Prices, Happy Farmers",
            _fmt(post["summary"], kim): f"Pepper farmers in {v} are harvesting. Better white pepper prices "
            "bring new hope for the village economy.",
            _fmt(post["paragraphs"][0], kim): "Bangka white pepper, known as Muntok White Pepper, has been famous "
            f"worldwide since colonial times. In {v} most families still grow pepper in their gardens.",
            _fmt(post["paragraphs"][1], kim): "This year farmers use living gamal trees as supports, which makes "
            "upkeep cheaper. Agricultural extension officers help farmers soak and dry the berries to standard.",
            _fmt(post["paragraphs"][2], kim): f"{kim.name} will keep reporting pepper prices so farmers get "
            "accurate information.",
            post["quote"][0]: "With living supports our pepper gardens are stronger and cheaper to keep.",
            post["quote"][1]: "Head of the farmers' group",
        }
    )
    for _days, _start, _end, title, _place, _description in EVENTS:
        strings[_fmt(title, kim)] = {
            "Posyandu Balita dan Lansia": "Health post for toddlers and the elderly",
            "Musyawarah Dusun": "Hamlet meeting",
            "Jalan Sehat dan Lomba Kebersihan": "Fun walk and cleanliness contest",
            "Pelatihan Jurnalistik Warga": "Citizen journalism training",
            "Gotong Royong Bersih Desa": "Village clean-up",
        }[title]
    return strings


INTRO = "<b>Selamat datang</b> di situs {kim}. Di sini kami berbagi kabar, kegiatan dan potensi Desa {village}."


def _fmt(text, kim):
    return text.format(village=kim.village, district=kim.district, regency=kim.regency.name, kim=kim.name)


# --- Pictures --------------------------------------------------------------------------------


def _font(size):
    try:
        return ImageFont.load_default(size=size)
    except TypeError:  # Pillow without FreeType
        return ImageFont.load_default()


def draw_picture(label, sublabel, palette, seed, size=(1200, 675)):
    """A pleasant gradient with soft shapes and a label: an offline stand-in for a photo."""
    rng = random.Random(seed)  # nosec B311  # demo pictures and names, not secrets
    width, height = size
    top, bottom = palette
    gradient = Image.linear_gradient("L").resize(size)
    image = Image.composite(Image.new("RGB", size, bottom), Image.new("RGB", size, top), gradient)
    shapes = Image.new("RGBA", size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(shapes)
    for _ in range(7):
        r = rng.randint(height // 8, height // 2)
        x, y = rng.randint(-r, width), rng.randint(-r, height)
        colour = (255, 255, 255, rng.randint(25, 60)) if rng.random() < 0.6 else (0, 0, 0, rng.randint(15, 35))
        draw.ellipse((x - r, y - r, x + r, y + r), fill=colour)
    # Hills or waves along the bottom.
    for layer in range(3):
        base = int(height * (0.62 + 0.1 * layer))
        points = [(0, height)]
        for x in range(0, width + 60, 60):
            points.append((x, base + int(rng.uniform(-1, 1) * height * 0.05)))
        points.append((width, height))
        shade = 255 - 60 * layer
        draw.polygon(points, fill=(shade // 4, shade // 3, shade // 4, 70 + 40 * layer))
    shapes = shapes.filter(ImageFilter.GaussianBlur(2))
    image = Image.alpha_composite(image.convert("RGBA"), shapes)
    text = ImageDraw.Draw(image)
    big, small = _font(int(height * 0.11)), _font(int(height * 0.05))
    text.rounded_rectangle(
        (width * 0.06, height * 0.1, width * 0.06 + text.textlength(label, font=big) + 60, height * 0.33),
        radius=18,
        fill=(0, 0, 0, 110),
    )
    text.text((width * 0.06 + 30, height * 0.12), label, font=big, fill=(255, 255, 255))
    text.text((width * 0.06 + 4, height * 0.37), sublabel, font=small, fill=(255, 255, 255))
    out = io.BytesIO()
    image.convert("RGB").save(out, "JPEG", quality=82, optimize=True)
    return out.getvalue()


def draw_logo(initials, colour):
    size = 256
    image = Image.new("RGB", (size, size), "#ffffff")
    draw = ImageDraw.Draw(image)
    draw.ellipse((8, 8, size - 8, size - 8), fill=colour)
    draw.ellipse((36, 36, size - 36, size - 36), outline="#ffffff", width=6)
    font = _font(96)
    w = draw.textlength(initials, font=font)
    draw.text(((size - w) / 2, size * 0.28), initials, font=font, fill="#ffffff")
    out = io.BytesIO()
    image.save(out, "PNG", optimize=True)
    return out.getvalue()


def draw_avatar(name, seed):
    rng = random.Random(seed)  # nosec B311  # demo pictures and names, not secrets
    colour = tuple(rng.randint(60, 160) for _ in range(3))
    image = Image.new("RGB", (320, 320), colour)
    draw = ImageDraw.Draw(image)
    draw.ellipse((100, 50, 220, 170), fill=(235, 215, 195))
    draw.ellipse((50, 180, 270, 420), fill=(245, 245, 245))
    initials = "".join(part[0] for part in name.split()[:2])
    draw.text((16, 12), initials, font=_font(40), fill=(255, 255, 255))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=80)
    return out.getvalue()


def _image(kim, title, data, filename, credit="Dokumentasi KIM"):
    existing = CustomImage.objects.filter(collection=kim.collection, title=title).first()
    if existing is not None:
        return existing
    image = CustomImage(title=title, collection=kim.collection, credit=credit)
    image.file = ImageFile(io.BytesIO(data), name=filename)
    image.save()
    return image


# --- Content ---------------------------------------------------------------------------------


def _publish(page):
    page.save_revision().publish()
    return page


def _names(kim, count):
    rng = random.Random(kim.slug)  # nosec B311  # demo pictures and names, not secrets
    return [f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}" for _ in range(count)]


def _site_settings(kim, n):
    settings_obj = KimSiteSettings.for_site(kim.site)
    if settings_obj.logo_id:
        return settings_obj
    initials = "".join(w[0] for w in kim.name.replace("KIM ", "").split()[:2]).upper()
    settings_obj.logo = _image(kim, f"Logo {kim.name}", draw_logo(initials, ACCENTS[n % len(ACCENTS)]), "logo.png")
    settings_obj.accent_color = ACCENTS[n % len(ACCENTS)]
    settings_obj.contact_phone = f"0812-7{n:03d}-{4000 + n * 37:04d}"
    settings_obj.contact_email = kim.email or f"{kim.slug}@demo.kim.id"
    settings_obj.contact_address = f"Balai Desa {kim.village}, Kecamatan {kim.district}, {kim.regency.name}"
    settings_obj.facebook_url = f"https://www.facebook.com/{kim.slug}"
    settings_obj.instagram_url = f"https://www.instagram.com/{kim.slug.replace('-', '')}"
    settings_obj.footer_text = f"Situs resmi {kim.name}. Isi tulisan menjadi tanggung jawab {kim.name}."
    settings_obj.save()
    return settings_obj


def _registry(kim, n):
    if kim.sk_number:
        return
    kim.sk_number = f"{140 + n}/{17 + n}/SK-KIM/{kim.village.upper().replace(' ', '')}/2023"
    kim.sk_date = datetime.date(2023, 11, 1 + n)
    kim.founded_date = datetime.date(2019 + n % 4, 1 + n % 12, 10)
    kim.save(update_fields=["sk_number", "sk_date", "founded_date"])


def _home(home, kim):
    if not home.intro:
        home.intro = f"<p>{_fmt(INTRO, kim)}</p>"
        _publish(home)


def _section(home, model):
    return model.objects.child_of(home).first()


def _posts(kim, home, n):
    index = _section(home, PostIndexPage)
    if index is None:
        return []
    if not index.intro:
        index.intro = "<p>Kabar terbaru kegiatan, pengumuman dan potensi desa.</p>"
        _publish(index)
    today = timezone.localdate()
    existing = set(PostPage.objects.child_of(index).values_list("slug", flat=True))
    # Six of the eight stories, one of every category at least, varied from KIM to KIM.
    chosen = [POSTS[0], POSTS[3], POSTS[1], POSTS[5], POSTS[(2, 7)[n % 2]], POSTS[(4, 6)[n % 2]]]
    made = []
    for i, spec in enumerate(chosen):
        if spec["slug"] in existing:
            continue
        date = today - datetime.timedelta(days=spec["days_ago"] + (n % 3) + i)
        palette = PALETTES[spec["category"]][(n + i) % 2]
        seed = int(hashlib.sha1(f"{kim.slug}/{spec['slug']}".encode(), usedforsecurity=False).hexdigest()[:8], 16)
        cover = _image(
            kim,
            f"{spec['label']} — {kim.village}",
            draw_picture(spec["label"], f"{kim.village} · {kim.district}", palette, seed),
            f"{spec['slug']}.jpg",
        )
        body = [{"type": "paragraph", "value": f"<p>{_fmt(p, kim)}</p>"} for p in spec["paragraphs"][:2]]
        if "quote" in spec:
            body.append({"type": "quote", "value": {"text": spec["quote"][0], "attribution": spec["quote"][1]}})
        body += [{"type": "paragraph", "value": f"<p>{_fmt(p, kim)}</p>"} for p in spec["paragraphs"][2:]]
        if spec.get("gallery"):
            photos = [
                _image(
                    kim,
                    f"{spec['label']} {k} — {kim.village}",
                    draw_picture(
                        f"{spec['label']} {k}", kim.village, PALETTES["kegiatan"][k % 2], seed + k, (960, 720)
                    ),
                    f"{spec['slug']}-{k}.jpg",
                )
                for k in range(1, 4)
            ]
            body.append(
                {
                    "type": "gallery",
                    "value": {
                        "title": f"Gotong royong di {kim.village}",
                        "images": [
                            {
                                "image": p.pk,
                                "alt_text": f"Warga {kim.village} membersihkan parit, foto {k}",
                                "caption": "",
                            }
                            for k, p in enumerate(photos, 1)
                        ],
                    },
                }
            )
        if spec.get("youtube"):
            body.append(
                {
                    "type": "youtube",
                    "value": {
                        "url": "https://www.youtube.com/watch?v=aqz-KE-bpKQ",
                        "title": "Video contoh (Big Buck Bunny)",
                    },
                }
            )
        post = PostPage(
            title=_fmt(spec["title"], kim),
            slug=spec["slug"],
            date=date,
            category=spec["category"],
            cover_image=cover,
            cover_alt=f"Ilustrasi {spec['label'].lower()} di {kim.village}",
            summary=_fmt(spec["summary"], kim),
            body=body,
        )
        index.add_child(instance=post)
        post.tags.add(*spec["tags"])
        _publish(post)
        PostPage.objects.filter(pk=post.pk).update(
            first_published_at=timezone.make_aware(datetime.datetime.combine(date, datetime.time(9, 0)))
        )
        made.append(post)
    return made


def _profile(kim, home):
    profile = _section(home, ProfilePage)
    if profile is None or profile.vision:
        return profile
    profile.vision = _fmt(VISION, kim)
    profile.mission = "<ul>" + "".join(f"<li>{_fmt(m, kim)}</li>" for m in MISSION) + "</ul>"
    profile.history = "".join(f"<p>{_fmt(p, kim)}</p>" for p in HISTORY)
    names = _names(kim, 6)
    roles = [("ketua", ""), ("sekretaris", ""), ("bendahara", "")] + [("divisi", d) for d in DIVISIONS]
    for i, (name, (role, division)) in enumerate(zip(names, roles, strict=True)):
        photo = None
        if i < 3:
            photo = _image(kim, f"Foto {name}", draw_avatar(name, f"{kim.slug}/{i}"), f"pengurus-{i}.jpg")
        profile.pengurus.add(PengurusMember(name=name, role=role, division=division, photo=photo, sort_order=i))
    _publish(profile)
    return profile


def _agenda(kim, home):
    agenda = _section(home, AgendaPage)
    if agenda is None or agenda.events.exists():
        return agenda
    agenda.intro = "<p>Jadwal kegiatan warga yang akan datang.</p>"
    today = timezone.localdate()
    for i, (days, start, end, title, place, description) in enumerate(EVENTS):
        agenda.events.add(
            AgendaEvent(
                title=_fmt(title, kim),
                date=today + datetime.timedelta(days=days),
                start_time=datetime.time(*start),
                end_time=datetime.time(*end) if end else None,
                location=_fmt(place, kim),
                description=_fmt(description, kim),
                sort_order=i,
            )
        )
    _publish(agenda)
    return agenda


def _gallery(kim, home, n):
    gallery = _section(home, GalleryPage)
    if gallery is None or len(gallery.albums):
        return gallery
    gallery.intro = "<p>Foto-foto kegiatan warga.</p>"
    albums = []
    for a, (label, category) in enumerate([("Kegiatan", "kegiatan"), ("Potensi Desa", "potensi-desa")]):
        photos = [
            _image(
                kim,
                f"Album {label} {k} — {kim.village}",
                draw_picture(f"{label} {k}", kim.village, PALETTES[category][k % 2], n * 100 + a * 10 + k, (960, 720)),
                f"album-{a}-{k}.jpg",
            )
            for k in range(1, 5)
        ]
        albums.append(
            {
                "type": "album",
                "value": {
                    "title": f"{label} warga {kim.village}",
                    "date": (timezone.localdate() - datetime.timedelta(days=7 + 20 * a)).isoformat(),
                    "description": f"Dokumentasi {label.lower()} di Desa {kim.village}.",
                    "images": [
                        {"image": p.pk, "alt_text": f"{label} di {kim.village}, foto {k}", "caption": f"Foto {k}"}
                        for k, p in enumerate(photos, 1)
                    ],
                },
            }
        )
    gallery.albums = albums
    _publish(gallery)
    return gallery


# --- English ---------------------------------------------------------------------------------


def english_locale():
    locale, _ = Locale.objects.get_or_create(language_code="en")
    return locale


def translate_page(page, strings, locale):
    """Translate `page` through wagtail-localize with `strings` (source text → English) and publish it.

    Strings missing from `strings` fall back to the Indonesian source, as wagtail-localize does.
    """
    existing = page.get_translation_or_none(locale)
    if existing is not None:
        return existing
    source, _ = TranslationSource.get_or_create_from_instance(page)
    translation, _ = Translation.objects.get_or_create(source=source, target_locale=locale)
    for segment in StringSegment.objects.filter(source=source).select_related("string", "context"):
        text = strings.get(segment.string.data)
        if text:
            StringTranslation.objects.update_or_create(
                translation_of=segment.string,
                locale=locale,
                context=segment.context,
                defaults={"data": text, "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL},
            )
    # wagtail-localize publishes through transaction.on_commit with the page as it was before
    # any child was added; inside a larger transaction that stale copy resets the tree's child
    # count. Save a draft and publish its revision from the database instead.
    translation.save_target(publish=False)
    translated = page.get_translation(locale)
    translated.get_latest_revision().publish()
    return translated


def _translate_kim(kim, home):
    locale = english_locale()
    strings = _english_for(kim)
    translate_page(home, strings, locale)
    index = _section(home, PostIndexPage)
    if index is not None:
        translate_page(index, strings, locale)
        for slug in (POSTS[0]["slug"], POSTS[3]["slug"]):
            post = PostPage.objects.child_of(index).filter(slug=slug).first()
            if post is not None:
                translate_page(post, strings, locale)
    for model in (ProfilePage, AgendaPage, GalleryPage):
        section = _section(home, model)
        if section is not None:
            translate_page(section, strings, locale)


def _translate_portal():
    portal = PortalHomePage.objects.filter(locale__language_code="id").first()
    if portal is None:
        return
    strings = {
        portal.title: "Community Information Groups of the Bangka Belitung Islands",
        portal.slug: "portal-en",
        **ENGLISH,
    }
    translate_page(portal, strings, english_locale())


def load_content_demo(names):
    """Posts, profile, agenda, gallery and settings for the demo KIMs named; English for a few pages."""
    kims = Kim.objects.filter(name__in=names).select_related("regency", "site", "collection").order_by("pk")
    for n, kim in enumerate(kims):
        with transaction.atomic():
            home = KimHomePage.objects.get(pk=kim.home_page_id)
            _registry(kim, n)
            _site_settings(kim, n)
            _home(home, kim)
            _posts(kim, home, n)
            _profile(kim, home)
            _agenda(kim, home)
            _gallery(kim, home, n)
            if kim.slug in TRANSLATED_KIMS:
                _translate_kim(kim, home)
    with transaction.atomic():
        _translate_portal()
    # Site root paths (with their translations) are cached by Wagtail: new translations must show.
    Site.clear_site_root_paths_cache()
    return kims
