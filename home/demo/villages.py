"""What each demo KIM writes about its own village: posts, agenda, albums and profile text.

Every KIM has its own stories, so the portal never shows one headline twice; the places,
crops, crafts and history are those of the village's own kecamatan and kabupaten. Keyed by the
KIM's slug. `home.demo.content` turns these into pages; this module holds text only.

A post: slug, category, days_ago (its date), title, label (the word on its generated cover),
summary (at most 300 characters), paragraphs, tags, and optionally a quote (text, attribution),
a gallery (title, captions of its photos) and a video. `en` holds the English of the posts and
texts of the KIMs whose sites are translated (agenda events are not translatable pages, so they
stay in Indonesian there).

An event: (days from today, start, end, title, place, description); an album: (title, days ago,
description, captions of its photos).
"""

VIDEO = ("https://www.youtube.com/watch?v=aqz-KE-bpKQ", "Video contoh (Big Buck Bunny)")

VILLAGES = {
    # --- Kabupaten Bangka ---------------------------------------------------------------------
    "kim-jada-bahrin-bersatu": {
        "kind": "Desa",
        "intro": "<b>Selamat datang</b> di situs KIM Jada Bahrin Bersatu. Kabar dari kebun lada, "
        "kebun karet dan surau-surau Desa Jada Bahrin, Kecamatan Merawang.",
        "vision": "Menjadi sumber kabar Desa Jada Bahrin yang terpercaya bagi petani lada, penyadap karet "
        "dan seluruh warga Merawang.",
        "mission": [
            "Mengabarkan harga lada dan karet yang benar setiap pekan.",
            "Mendokumentasikan tradisi nganggung dan sedekah kampung Jada Bahrin.",
            "Menyampaikan usulan warga dusun kepada pemerintah desa dan Diskominfo Kabupaten Bangka.",
            "Mengajari warga memeriksa kabar sebelum membagikannya di grup WhatsApp.",
        ],
        "history": [
            "KIM Jada Bahrin Bersatu lahir dari obrolan pemuda di pos ronda Dusun I pada 2019, ketika kabar "
            "harga lada yang simpang siur membuat petani menjual terlalu murah.",
            "Setelah pelatihan aktivasi Diskominfo Provinsi pada Desember 2023, pengurus mengunggah kabar desa "
            "ke situs ini dan menempelkan ringkasannya di papan informasi masjid.",
        ],
        "posts": [
            {
                "slug": "nganggung-maulid-masjid-jada-bahrin",
                "category": "kegiatan",
                "days_ago": 5,
                "title": "Tradisi Nganggung Meriahkan Peringatan Maulid di Masjid Jada Bahrin",
                "label": "Nganggung",
                "summary": "Ratusan dulang bertudung saji dibawa warga Jada Bahrin ke masjid desa; tradisi "
                "nganggung mempertemukan keluarga dari empat dusun.",
                "paragraphs": [
                    "Selepas salat Zuhur, warga dari empat dusun Jada Bahrin berdatangan ke Masjid Nurul Huda "
                    "membawa dulang berisi nasi, lempah kuning dan kue tradisional yang ditutup tudung saji.",
                    "Nganggung adalah tradisi Bangka yang diwariskan turun-temurun: setiap rumah membawa satu "
                    "dulang, lalu hidangan dimakan bersama tanpa membedakan tamu dan tuan rumah.",
                    "Tahun ini panitia mencatat 212 dulang, lebih banyak dari tahun lalu, karena warga yang "
                    "merantau ke Pangkalpinang ikut pulang.",
                ],
                "quote": (
                    "Selama dulang masih dibawa ke masjid, kampung kita tidak akan kehilangan rasa bersaudara.",
                    "Imam Masjid Nurul Huda",
                ),
                "tags": ["nganggung", "tradisi", "maulid"],
                "gallery": (
                    "Nganggung di Jada Bahrin",
                    [
                        "Dulang bertudung saji berjajar di serambi masjid",
                        "Anak-anak Dusun III membantu membawa dulang",
                        "Warga makan bersama selepas doa",
                    ],
                ),
            },
            {
                "slug": "petani-lada-jada-bahrin-junjung-hidup",
                "category": "potensi-desa",
                "days_ago": 18,
                "title": "Petani Lada Jada Bahrin Beralih ke Junjung Hidup Pohon Gamal",
                "label": "Kebun Lada",
                "summary": "Kelompok Tani Sepakat di Jada Bahrin mengganti tiang kayu dengan pohon gamal; biaya "
                "kebun lada turun dan hutan tidak lagi ditebang untuk junjung.",
                "paragraphs": [
                    "Dulu petani lada di Jada Bahrin menebang kayu hutan untuk tiang panjat lada. Kini dua puluh "
                    "tiga anggota Kelompok Tani Sepakat menanam pohon gamal sebagai junjung hidup.",
                    "Penyuluh pertanian Kecamatan Merawang menghitung biaya tiang turun hampir separuh, dan daun "
                    "gamal yang dipangkas menjadi pupuk hijau bagi tanaman lada.",
                ],
                "quote": ("Tiang kayu lapuk dalam lima tahun, gamal malah makin kuat.", "Ketua Kelompok Tani Sepakat"),
                "tags": ["lada", "pertanian", "junjung hidup"],
            },
            {
                "slug": "harga-karet-turun-penyadap-tanam-cabai",
                "category": "berita",
                "days_ago": 9,
                "title": "Harga Karet Turun, Penyadap di Jada Bahrin Mulai Menanam Cabai di Sela Kebun",
                "label": "Karet",
                "summary": "Harga getah karet di pengepul Merawang turun ke Rp8.500 per kilogram; sebagian "
                "penyadap Jada Bahrin menanam cabai rawit di sela pohon karet muda.",
                "paragraphs": [
                    "Pengepul di Jada Bahrin kini membeli getah karet basah Rp8.500 per kilogram, turun dari "
                    "Rp10.000 dua bulan lalu. Penyadap yang menggantungkan hidup pada karet paling merasakannya.",
                    "Beberapa keluarga di Dusun II menanam cabai rawit di sela karet yang belum disadap. Hasil "
                    "panen pertama dijual ke Pasar Batu Rusa dan menutup kebutuhan dapur.",
                ],
                "tags": ["karet", "harga komoditas", "ekonomi desa"],
            },
            {
                "slug": "madu-pelawan-jada-bahrin-kemasan-baru",
                "category": "umkm",
                "days_ago": 33,
                "title": "Madu Pelawan dari Hutan Jada Bahrin Tampil dengan Kemasan Baru",
                "label": "Madu Pelawan",
                "summary": "Pemburu madu Jada Bahrin bekerja sama dengan BUMDes mengemas madu pahit pelawan "
                "dalam botol berlabel, lengkap dengan izin PIRT.",
                "paragraphs": [
                    "Madu pelawan, madu pahit yang dihasilkan lebah hutan dari bunga pohon pelawan, dipanen warga "
                    "Jada Bahrin dua kali setahun di hutan desa yang masih terjaga.",
                    "BUMDes Jada Makmur membeli madu dari pemburu dengan harga tetap, lalu mengemasnya dalam botol "
                    "250 mililiter. Toko oleh-oleh di Sungailiat sudah memesan dua ratus botol.",
                ],
                "tags": ["umkm", "madu pelawan", "bumdes"],
            },
            {
                "slug": "bpjs-ketenagakerjaan-gratis-penyadap-karet",
                "category": "pengumuman",
                "days_ago": 2,
                "title": "Pendaftaran BPJS Ketenagakerjaan Gratis bagi Petani dan Penyadap Karet Jada Bahrin",
                "label": "Pengumuman",
                "summary": "Pemerintah Desa Jada Bahrin menanggung iuran BPJS Ketenagakerjaan selama enam bulan "
                "bagi seratus petani dan penyadap; pendaftaran dibuka di kantor desa.",
                "paragraphs": [
                    "Dana desa Jada Bahrin tahun ini menanggung iuran jaminan kecelakaan kerja dan kematian bagi "
                    "seratus petani dan penyadap karet selama enam bulan.",
                    "Warga mendaftar di kantor desa setiap hari kerja pukul 08.00–12.00 WIB dengan membawa KTP. "
                    "Pendaftar lansia dapat dibantu pengurus KIM dari rumah.",
                ],
                "tags": ["pengumuman", "jaminan sosial", "dana desa"],
            },
            {
                "slug": "sungai-jada-dangkal-warga-usul-normalisasi",
                "category": "berita",
                "days_ago": 64,
                "title": "Sungai Jada Makin Dangkal, Warga Usulkan Normalisasi dalam Musrenbang Merawang",
                "label": "Sungai Jada",
                "summary": "Endapan lumpur membuat Sungai Jada meluap ke kebun setiap hujan deras; usulan "
                "normalisasi dari Jada Bahrin dibawa ke musrenbang kecamatan.",
                "paragraphs": [
                    "Sungai Jada yang melintasi kebun warga kini hanya sedalam lutut pada musim kemarau. Endapan "
                    "pasir dari bekas galian timah di hulu disebut sebagai penyebabnya.",
                    "Delegasi Jada Bahrin membawa foto dan peta titik luapan ke musrenbang Kecamatan Merawang. "
                    "Camat berjanji meneruskan usulan ke Dinas PUPR Kabupaten Bangka.",
                ],
                "tags": ["sungai", "lingkungan", "musrenbang"],
            },
            {
                "slug": "dusun-dua-juara-lomba-kebersihan",
                "category": "kegiatan",
                "days_ago": 101,
                "title": "Dusun II Jada Bahrin Juara Lomba Kebersihan Antardusun",
                "label": "Lomba Kebersihan",
                "summary": "Tanaman toga di setiap pekarangan dan tong sampah terpilah membawa Dusun II Jada "
                "Bahrin menjuarai lomba kebersihan desa.",
                "paragraphs": [
                    "Tim penilai dari PKK dan puskesmas berkeliling ke empat dusun Jada Bahrin selama dua hari, "
                    "menilai selokan, pekarangan dan pemilahan sampah rumah tangga.",
                    "Dusun II unggul karena hampir setiap rumah menanam jahe, kunyit dan serai di pekarangan. "
                    "Hadiahnya, satu unit gerobak sampah, langsung dipakai bergiliran.",
                ],
                "tags": ["kebersihan", "lomba", "pkk"],
            },
        ],
        "events": [
            (
                3,
                (8, 0),
                (11, 0),
                "Penyuluhan Pupuk Organik untuk Kebun Lada",
                "Balai Desa Jada Bahrin",
                "Bawa contoh tanah kebun dalam kantong plastik.",
            ),
            (
                9,
                (19, 30),
                (22, 0),
                "Musyawarah Dusun III",
                "Rumah Kepala Dusun III, Jada Bahrin",
                "Pembahasan usulan jalan usaha tani.",
            ),
            (
                21,
                (6, 30),
                (9, 30),
                "Jalan Sehat HUT Desa Jada Bahrin",
                "Lapangan Sepak Bola Jada Bahrin",
                "Kupon dibagikan di pos ronda setiap dusun.",
            ),
            (-6, (13, 0), (16, 0), "Nganggung Maulid Nabi", "Masjid Nurul Huda, Jada Bahrin", ""),
            (-30, (9, 0), (12, 0), "Pelatihan Memotret Produk UMKM", "Aula Kantor Camat Merawang", ""),
        ],
        "albums": [
            (
                "Kebun lada dan karet",
                12,
                "Pagi di kebun-kebun Desa Jada Bahrin.",
                [
                    "Buah lada mulai memerah di junjung gamal",
                    "Penyadap menampung getah karet sebelum matahari tinggi",
                    "Biji lada dijemur di halaman rumah warga",
                    "Bibit gamal siap ditanam Kelompok Tani Sepakat",
                ],
            ),
            (
                "Kampung Jada Bahrin",
                40,
                "Suasana kampung dan warganya.",
                [
                    "Balai Desa Jada Bahrin setelah dicat ulang",
                    "Pemuda berjaga di pos ronda Dusun I",
                    "Ibu-ibu PKK menyiapkan lempah kuning untuk nganggung",
                ],
            ),
        ],
        "en": {
            "intro": "<b>Welcome</b> to the website of KIM Jada Bahrin Bersatu. News from the pepper gardens, "
            "rubber plantations and prayer halls of Jada Bahrin village, Merawang district.",
            "vision": "To be a trusted source of Jada Bahrin news for pepper farmers, rubber tappers and every "
            "resident of Merawang.",
            "mission": [
                "Report accurate pepper and rubber prices every week.",
                "Record the nganggung and village thanksgiving traditions of Jada Bahrin.",
                "Pass residents' proposals on to the village government and the Bangka communication office.",
                "Teach residents to check news before sharing it in WhatsApp groups.",
            ],
            "history": [
                "KIM Jada Bahrin Bersatu began in 2019 as a conversation among young people at the Hamlet I "
                "night-watch post, when confusing pepper prices made farmers sell too cheaply.",
                "Since the provincial activation training in December 2023, the group posts village news on this "
                "website and pins a summary to the mosque's notice board.",
            ],
            "posts": {
                "nganggung-maulid-masjid-jada-bahrin": {
                    "slug": "nganggung-tradition-at-jada-bahrin-mosque",
                    "title": "The Nganggung Tradition Brightens the Prophet's Birthday at Jada Bahrin Mosque",
                    "summary": "Residents of Jada Bahrin carried hundreds of covered trays of food to the village "
                    "mosque; the nganggung tradition brings families from four hamlets together.",
                    "paragraphs": [
                        "After the midday prayer, residents of the four hamlets of Jada Bahrin came to Nurul Huda "
                        "Mosque carrying trays of rice, yellow fish soup and traditional cakes under woven covers.",
                        "Nganggung is a Bangka tradition handed down for generations: every household brings one "
                        "tray, and the food is shared with no difference between guests and hosts.",
                        "This year the organisers counted 212 trays, more than last year, because residents "
                        "working in Pangkalpinang came home for the day.",
                    ],
                    "quote": (
                        "As long as trays are carried to the mosque, our village will never lose its sense of kinship.",
                        "Imam of Nurul Huda Mosque",
                    ),
                    "gallery": "Nganggung in Jada Bahrin",
                    "alt": "Illustration: nganggung in Jada Bahrin",
                },
                "petani-lada-jada-bahrin-junjung-hidup": {
                    "slug": "jada-bahrin-pepper-farmers-switch-to-living-supports",
                    "alt": "Illustration: a pepper garden in Jada Bahrin",
                    "title": "Jada Bahrin Pepper Farmers Switch to Living Gamal Supports",
                    "summary": "The Sepakat farmers' group in Jada Bahrin is replacing wooden poles with gamal "
                    "trees; pepper gardens cost less and no forest is cut for poles.",
                    "paragraphs": [
                        "Pepper farmers in Jada Bahrin used to cut forest timber for the poles pepper vines climb. "
                        "Now twenty-three members of the Sepakat farmers' group plant gamal trees as living supports.",
                        "The Merawang agricultural extension officer reckons the cost of supports has fallen by "
                        "almost half, and pruned gamal leaves become green manure for the pepper.",
                    ],
                    "quote": (
                        "Wooden poles rot in five years; gamal only grows stronger.",
                        "Head of the Sepakat farmers' group",
                    ),
                },
            },
            "captions": {
                "Dulang bertudung saji berjajar di serambi masjid": "Covered food trays lined up on the mosque's porch",
                "Anak-anak Dusun III membantu membawa dulang": "Children of Hamlet III help carry the trays",
                "Warga makan bersama selepas doa": "Residents eat together after the prayer",
                "Buah lada mulai memerah di junjung gamal": "Pepper berries turning red on a gamal support",
                "Penyadap menampung getah karet sebelum matahari tinggi": "A tapper collects rubber latex before the sun is high",
                "Biji lada dijemur di halaman rumah warga": "Peppercorns drying in a villager's yard",
                "Bibit gamal siap ditanam Kelompok Tani Sepakat": "Gamal seedlings ready for the Sepakat farmers' group",
                "Balai Desa Jada Bahrin setelah dicat ulang": "Jada Bahrin village hall, freshly painted",
                "Pemuda berjaga di pos ronda Dusun I": "Young men on watch at the Hamlet I post",
                "Ibu-ibu PKK menyiapkan lempah kuning untuk nganggung": "The women's association cooks yellow fish soup for nganggung",
            },
            "albums": {
                "Kebun lada dan karet": "Pepper and rubber gardens",
                "Pagi di kebun-kebun Desa Jada Bahrin.": "Morning in the gardens of Jada Bahrin.",
                "Kampung Jada Bahrin": "Jada Bahrin village",
                "Suasana kampung dan warganya.": "The village and its people.",
            },
        },
    },
    "kim-sinar-baru": {
        "kind": "Kelurahan",
        "intro": "<b>Selamat datang</b> di situs KIM Sinar Baru. Kabar warga pesisir Kelurahan Sinar Baru, "
        "Sungailiat: dari tangkahan perahu sampai bank sampah.",
        "vision": "Kelurahan Sinar Baru yang warganya cepat tahu, saling peduli dan bangga pada laut dan "
        "usahanya sendiri.",
        "mission": [
            "Meneruskan peringatan cuaca dan gelombang kepada nelayan Sinar Baru.",
            "Memperkenalkan getas, kemplang dan olahan ikan buatan warga.",
            "Mengabarkan layanan kelurahan dan puskesmas Sungailiat dengan bahasa yang mudah.",
            "Menggerakkan warga memilah sampah lewat bank sampah kelurahan.",
        ],
        "history": [
            "KIM Sinar Baru dibentuk pada 2020 oleh karang taruna kelurahan, yang waktu itu membagikan info "
            "penanganan pandemi lewat pengeras suara masjid dan grup WhatsApp RT.",
            "Kini pengurusnya tujuh orang: dua istri nelayan, tiga pemuda, seorang guru dan seorang pensiunan "
            "pegawai kantor pos Sungailiat.",
        ],
        "posts": [
            {
                "slug": "getas-kemplang-sinar-baru-gerai-oleh-oleh",
                "category": "umkm",
                "days_ago": 7,
                "title": "Getas dan Kemplang Ikan Sinar Baru Kini Mengisi Gerai Oleh-Oleh Sungailiat",
                "label": "Getas Ikan",
                "summary": "Kelompok usaha Bunda Bahari di Sinar Baru memasok getas dan kemplang ikan tenggiri "
                "ke tiga gerai oleh-oleh di Sungailiat setiap pekan.",
                "paragraphs": [
                    "Di dapur produksi Bunda Bahari, sembilan ibu rumah tangga Sinar Baru mengolah tiga puluh "
                    "kilogram ikan tenggiri dan parang-parang menjadi getas dan kemplang setiap pekan.",
                    "Sejak kemasan mereka diberi label gizi, tiga gerai oleh-oleh di Jalan Jenderal Sudirman, "
                    "Sungailiat, menerima titipan dengan sistem bayar setelah laku.",
                    "Pesanan bisa disampaikan lewat sekretariat KIM Sinar Baru di kantor kelurahan.",
                ],
                "tags": ["umkm", "getas", "olahan ikan"],
            },
            {
                "slug": "imbauan-gelombang-tinggi-nelayan-sinar-baru",
                "category": "pengumuman",
                "days_ago": 1,
                "title": "Imbauan bagi Nelayan Sinar Baru: Gelombang Tinggi hingga Akhir Pekan",
                "label": "Gelombang Tinggi",
                "summary": "BMKG memperkirakan gelombang 2,5 meter di perairan timur Bangka; nelayan Sinar Baru "
                "diimbau menunda melaut dengan perahu di bawah lima gros ton.",
                "paragraphs": [
                    "Stasiun Meteorologi Pangkalpinang memperkirakan gelombang setinggi 1,5 hingga 2,5 meter di "
                    "perairan timur Bangka sampai Minggu. Angin bertiup dari timur laut dengan kencang.",
                    "Nelayan Sinar Baru dengan perahu kecil diimbau menunda melaut dan menambatkan perahu lebih "
                    "jauh dari muara. Kabar terbaru akan diumumkan di grup WhatsApp tiap RT.",
                ],
                "tags": ["cuaca", "nelayan", "pengumuman"],
            },
            {
                "slug": "pantai-tongaci-penangkaran-penyu",
                "category": "potensi-desa",
                "days_ago": 24,
                "title": "Pantai Tongaci dan Penangkaran Penyunya, Tujuan Akhir Pekan Warga Sinar Baru",
                "label": "Pantai Tongaci",
                "summary": "Tak jauh dari Sinar Baru, Pantai Tongaci memadukan batu granit, pasir putih dan "
                "penangkaran penyu; pemuda kelurahan ikut menjadi pemandu.",
                "paragraphs": [
                    "Lima belas menit bermotor dari Sinar Baru, Pantai Tongaci menjadi tempat favorit keluarga "
                    "Sungailiat pada akhir pekan. Batu granit besar dan pasir putihnya cocok untuk berfoto.",
                    "Di penangkaran penyu, pengunjung bisa melihat tukik sisik dan hijau sebelum dilepas ke laut. "
                    "Empat pemuda Sinar Baru kini bekerja paruh waktu sebagai pemandu.",
                ],
                "tags": ["wisata", "pantai", "penyu"],
                "video": True,
            },
            {
                "slug": "ronda-malam-dihidupkan-lagi-sinar-baru",
                "category": "berita",
                "days_ago": 12,
                "title": "Ronda Malam Dihidupkan Lagi di Sinar Baru setelah Dua Motor Hilang",
                "label": "Ronda Malam",
                "summary": "Setelah dua sepeda motor hilang dalam sebulan, warga RT 04 dan RT 05 Kelurahan Sinar "
                "Baru kembali bergiliran ronda dari pukul 22.00 WIB.",
                "paragraphs": [
                    "Pos ronda di simpang RT 04 Sinar Baru kembali terang setiap malam. Warga menyusun jadwal "
                    "jaga empat orang per malam setelah dua sepeda motor hilang di halaman rumah.",
                    "Bhabinkamtibmas Kelurahan Sinar Baru ikut berkeliling pada malam pertama dan mengingatkan "
                    "warga memasang kunci ganda.",
                ],
                "tags": ["keamanan", "ronda", "warga"],
            },
            {
                "slug": "senam-lansia-jumat-kantor-kelurahan-sinar-baru",
                "category": "kegiatan",
                "days_ago": 40,
                "title": "Setiap Jumat Pagi, Lansia Sinar Baru Senam di Halaman Kantor Kelurahan",
                "label": "Senam Lansia",
                "summary": "Sekitar empat puluh lansia Sinar Baru rutin senam bersama dan memeriksa tekanan "
                "darah bersama kader posbindu setiap Jumat pagi.",
                "paragraphs": [
                    "Pukul 06.30 WIB, halaman kantor Kelurahan Sinar Baru dipenuhi para lansia yang mengikuti "
                    "gerakan instruktur dari Puskesmas Sungailiat.",
                    "Seusai senam, kader posbindu memeriksa tekanan darah dan gula darah. Yang hasilnya tinggi "
                    "dirujuk ke puskesmas pada hari yang sama.",
                ],
                "quote": ("Kalau tidak senam Jumat, badan rasanya kaku seminggu.", "Peserta senam, 71 tahun"),
                "tags": ["kesehatan", "lansia", "posbindu"],
            },
            {
                "slug": "bank-sampah-sinar-baru-satu-ton-plastik",
                "category": "kegiatan",
                "days_ago": 77,
                "title": "Bank Sampah Sinar Baru Kumpulkan Satu Ton Plastik dalam Tiga Bulan",
                "label": "Bank Sampah",
                "summary": "Nasabah bank sampah Kelurahan Sinar Baru menabung botol, gelas plastik dan kardus; "
                "hasilnya satu ton sampah tidak berakhir di pantai.",
                "paragraphs": [
                    "Setiap Sabtu, 126 nasabah bank sampah Sinar Baru menimbang botol plastik, gelas air mineral "
                    "dan kardus di gudang bekas kantor RW 02.",
                    "Sampah yang terkumpul dijual ke pengepul di Pangkalpinang. Saldo nasabah boleh diambil tunai "
                    "atau dipakai membayar iuran kebersihan.",
                ],
                "tags": ["bank sampah", "lingkungan", "pantai bersih"],
                "gallery": (
                    "Bank Sampah Sinar Baru",
                    [
                        "Nasabah menimbang botol plastik di gudang RW 02",
                        "Petugas mencatat saldo di buku tabungan",
                        "Karung kardus siap diangkut ke pengepul",
                    ],
                ),
            },
        ],
        "events": [
            (
                2,
                (6, 30),
                (8, 0),
                "Senam Lansia dan Cek Tekanan Darah",
                "Halaman Kantor Kelurahan Sinar Baru",
                "Bawa botol minum sendiri.",
            ),
            (6, (8, 0), (11, 0), "Penimbangan Bank Sampah", "Gudang RW 02, Sinar Baru", ""),
            (
                16,
                (9, 0),
                (12, 0),
                "Pelatihan Keselamatan Melaut",
                "Tangkahan Perahu Sinar Baru",
                "Bersama Basarnas Pangkalpinang; pelampung disediakan.",
            ),
            (-8, (20, 0), (22, 0), "Rapat Jadwal Ronda RT 04–05", "Pos Ronda RT 04, Sinar Baru", ""),
            (-35, (8, 0), (10, 30), "Lepas Tukik di Pantai Tongaci", "Pantai Tongaci, Sungailiat", ""),
        ],
        "albums": [
            (
                "Pesisir Sinar Baru",
                10,
                "Perahu, tangkahan dan laut di Kelurahan Sinar Baru.",
                [
                    "Perahu nelayan bersandar di tangkahan saat gelombang tinggi",
                    "Ikan tenggiri segar dari perahu pagi",
                    "Pemuda pemandu melepas tukik di Pantai Tongaci",
                ],
            ),
            (
                "Usaha warga Sinar Baru",
                35,
                "Dapur getas dan gudang bank sampah.",
                [
                    "Adonan kemplang dijemur di atas para-para",
                    "Getas ikan dikemas dengan label baru",
                    "Nasabah bank sampah antre menimbang",
                    "Pengurus bank sampah menghitung saldo bulanan",
                ],
            ),
        ],
    },
    # --- Kabupaten Bangka Barat ---------------------------------------------------------------
    "kim-air-belo-informatif": {
        "kind": "Desa",
        "intro": "<b>Selamat datang</b> di situs KIM Air Belo Informatif. Dari kebun lada putih Muntok sampai "
        "pesisir Tanjung Kalian, inilah kabar Desa Air Belo.",
        "vision": "Desa Air Belo yang terinformasi, menjaga nama lada putih Muntok dan sejarah kotanya.",
        "mission": [
            "Mengabarkan musim petik dan harga lada putih Muntok kepada petani Air Belo.",
            "Mengenalkan sejarah Muntok kepada pelajar dan wisatawan.",
            "Menyampaikan jadwal kapal dan layanan publik di Pelabuhan Tanjung Kalian.",
            "Menjadi jembatan usulan warga dalam musyawarah desa.",
        ],
        "history": [
            "KIM Air Belo Informatif dibentuk pada 2021 oleh guru-guru dan pemuda Desa Air Belo yang ingin "
            "kabar desa tidak hanya beredar dari mulut ke mulut di warung kopi.",
            "Pengurus mendapat SK dari Diskominfo Kabupaten Bangka Barat dan mengikuti pelatihan aktivasi "
            "situs di Pangkalpinang pada Desember 2023.",
        ],
        "posts": [
            {
                "slug": "musim-petik-lada-putih-muntok-air-belo",
                "category": "potensi-desa",
                "days_ago": 15,
                "title": "Musim Petik Lada Putih Muntok Dimulai di Kebun-Kebun Air Belo",
                "label": "Lada Putih",
                "summary": "Petani Air Belo mulai memetik lada; buah direndam dua pekan di kolam air mengalir "
                "sebelum dijemur menjadi lada putih Muntok yang terkenal.",
                "paragraphs": [
                    "Lada putih Muntok, atau Muntok White Pepper, sudah diperdagangkan dari Bangka Barat sejak "
                    "abad ke-18. Di Air Belo, hampir setiap keluarga masih punya sepetak kebun lada.",
                    "Buah yang dipetik direndam sekitar dua pekan di kolam air mengalir, dikupas, lalu dijemur "
                    "tiga hari. Penyuluh mengingatkan petani agar tidak merendam di kolong bekas tambang.",
                ],
                "quote": (
                    "Lada Muntok itu harum karena airnya bersih. Kalau airnya kotor, harganya jatuh.",
                    "Petani lada Air Belo",
                ),
                "tags": ["lada putih", "muntok white pepper", "pertanian"],
            },
            {
                "slug": "pelajar-air-belo-ke-pesanggrahan-menumbing",
                "category": "kegiatan",
                "days_ago": 28,
                "title": "Pelajar Air Belo Menapak Sejarah di Pesanggrahan Menumbing",
                "label": "Menumbing",
                "summary": "Empat puluh siswa SD dari Air Belo mendaki ke Pesanggrahan Menumbing, tempat Bung "
                "Hatta dan Bung Karno diasingkan pada 1949.",
                "paragraphs": [
                    "Dengan dua bus, siswa kelas lima dan enam SD Negeri di Air Belo menempuh jalan berkelok ke "
                    "puncak Bukit Menumbing, Muntok.",
                    "Juru pelihara pesanggrahan bercerita tentang para pemimpin Republik yang diasingkan di sana "
                    "pada 1949. Siswa mencatat dan menuliskannya kembali untuk majalah dinding sekolah.",
                ],
                "tags": ["sejarah", "pendidikan", "menumbing"],
                "gallery": (
                    "Kunjungan ke Menumbing",
                    [
                        "Siswa Air Belo berfoto di depan pesanggrahan",
                        "Juru pelihara menunjukkan mobil tua peninggalan masa pengasingan",
                        "Mencatat cerita sejarah di buku tulis",
                    ],
                ),
            },
            {
                "slug": "jadwal-kapal-tanjung-kalian-berubah",
                "category": "pengumuman",
                "days_ago": 3,
                "title": "Jadwal Kapal Tanjung Kalian–Tanjung Api-Api Berubah, Warga Air Belo Diminta Cek Dulu",
                "label": "Jadwal Kapal",
                "summary": "Selama perawatan dermaga, keberangkatan feri dari Pelabuhan Tanjung Kalian dikurangi; "
                "warga Air Belo yang hendak ke Palembang diminta memeriksa jadwal.",
                "paragraphs": [
                    "Pengelola Pelabuhan Tanjung Kalian mengumumkan perawatan dermaga selama dua pekan. Feri ke "
                    "Tanjung Api-Api hanya berangkat dua kali sehari, pukul 08.00 dan 14.00 WIB.",
                    "Warga Air Belo yang akan berobat atau berdagang ke Palembang diminta datang satu jam lebih "
                    "awal dan membeli tiket lewat aplikasi resmi.",
                ],
                "tags": ["transportasi", "pelabuhan", "pengumuman"],
            },
            {
                "slug": "kue-jongkong-rusip-ibu-ibu-air-belo",
                "category": "umkm",
                "days_ago": 46,
                "title": "Kue Jongkong dan Rusip Buatan Ibu-Ibu Air Belo Laris di Pasar Muntok",
                "label": "Kue Jongkong",
                "summary": "Kelompok Wanita Tani Melati di Air Belo menjual kue jongkong dan rusip ikan bilis; "
                "dagangan mereka habis sebelum pukul sembilan pagi.",
                "paragraphs": [
                    "Setiap Subuh, anggota KWT Melati Air Belo mengukus jongkong, kue tepung beras bersantan "
                    "dengan gula aren, dan mengemas rusip, fermentasi ikan bilis khas Bangka.",
                    "Dagangan dibawa ke Pasar Muntok dan biasanya habis sebelum pukul 09.00 WIB. Kelompok kini "
                    "menabung untuk membeli lemari pendingin agar rusip bisa dikirim ke luar pulau.",
                ],
                "tags": ["umkm", "kuliner", "rusip"],
            },
            {
                "slug": "musdes-air-belo-prioritas-jalan-usaha-tani",
                "category": "berita",
                "days_ago": 8,
                "title": "Musyawarah Desa Air Belo Sepakati Jalan Usaha Tani sebagai Prioritas Tahun Depan",
                "label": "Musdes",
                "summary": "Jalan tanah menuju kebun lada di Dusun Air Belo Hulu akan dikeraskan; musyawarah "
                "desa juga menyetujui lampu jalan di tiga titik rawan.",
                "paragraphs": [
                    "Lebih dari seratus warga menghadiri musyawarah desa di balai Desa Air Belo. Usulan yang "
                    "paling banyak disuarakan adalah jalan menuju kebun di Dusun Air Belo Hulu.",
                    "Jalan sepanjang 1,2 kilometer itu kerap tidak bisa dilewati motor pengangkut lada saat "
                    "hujan. Kepala desa menyebut pengerasan dianggarkan dari dana desa tahun depan.",
                ],
                "tags": ["musyawarah desa", "infrastruktur", "dana desa"],
            },
            {
                "slug": "seribu-mangrove-pesisir-tanjung-kalian",
                "category": "kegiatan",
                "days_ago": 90,
                "title": "Seribu Bibit Mangrove Ditanam di Pesisir Tanjung Kalian oleh Warga Air Belo",
                "label": "Mangrove",
                "summary": "Warga Air Belo, pelajar dan petugas pelabuhan menanam seribu bibit mangrove untuk "
                "menahan abrasi di dekat mercusuar Tanjung Kalian.",
                "paragraphs": [
                    "Pantai di bawah mercusuar Tanjung Kalian mundur beberapa meter dalam sepuluh tahun terakhir. "
                    "Warga Air Belo menanam bibit mangrove di sepanjang 300 meter garis pantai.",
                    "Pemuda desa bergiliran memeriksa bibit setiap pekan dan mengganti yang mati.",
                ],
                "tags": ["mangrove", "abrasi", "lingkungan"],
            },
        ],
        "events": [
            (
                5,
                (8, 0),
                (10, 0),
                "Pemeriksaan Mutu Lada Putih",
                "Gudang Kelompok Tani Air Belo",
                "Bawa satu kilogram contoh lada kering.",
            ),
            (12, (19, 30), (21, 30), "Sosialisasi Rencana Jalan Usaha Tani", "Balai Desa Air Belo", ""),
            (
                26,
                (7, 0),
                (10, 0),
                "Sulam Bibit Mangrove",
                "Pesisir Mercusuar Tanjung Kalian",
                "Pakai sepatu bot; bibit disediakan.",
            ),
            (-9, (8, 30), (12, 0), "Musyawarah Desa Air Belo", "Balai Desa Air Belo", ""),
            (-27, (7, 0), (13, 0), "Kunjungan Pelajar ke Pesanggrahan Menumbing", "Bukit Menumbing, Muntok", ""),
        ],
        "albums": [
            (
                "Lada putih Air Belo",
                14,
                "Dari petik sampai jemur lada putih Muntok.",
                [
                    "Memetik tangkai lada yang sudah menguning",
                    "Karung lada direndam di kolam air mengalir",
                    "Lada putih dijemur di atas terpal",
                ],
            ),
            (
                "Pesisir Tanjung Kalian",
                60,
                "Mercusuar, pelabuhan dan mangrove di dekat Air Belo.",
                [
                    "Mercusuar Tanjung Kalian dari pantai",
                    "Bibit mangrove baru ditanam",
                    "Feri menuju Tanjung Api-Api meninggalkan dermaga",
                    "Pemuda Air Belo memeriksa bibit yang tumbang",
                ],
            ),
        ],
    },
    # --- Kabupaten Bangka Tengah --------------------------------------------------------------
    "kim-nibung-maju": {
        "kind": "Desa",
        "intro": "<b>Selamat datang</b> di situs KIM Nibung Maju. Kabar Desa Nibung, Kecamatan Koba: "
        "pantai, kolong bekas tambang yang kini hidup kembali, dan usaha warganya.",
        "vision": "Desa Nibung yang bangkit dari bekas tambang, dengan warga yang tahu, bersuara dan berusaha.",
        "mission": [
            "Mengabarkan pemulihan lahan dan kolong bekas tambang timah di Nibung.",
            "Mengingatkan warga tentang keselamatan anak di sekitar kolong.",
            "Mempromosikan terasi, ikan asin dan wisata Pantai Nibung.",
            "Menyalurkan aspirasi warga kepada pemerintah desa dan Diskominfo Bangka Tengah.",
        ],
        "history": [
            "Banyak warga Nibung dulu bekerja di tambang timah di sekitar Koba. Ketika tambang besar berhenti, "
            "kabar tentang lapangan kerja baru dan bantuan pemerintah sering terlambat sampai ke desa.",
            "KIM Nibung Maju dibentuk pada 2022 untuk mengisi kekosongan itu, dan sejak Desember 2023 "
            "mengunggah kabar desa ke situs ini.",
        ],
        "posts": [
            {
                "slug": "gotong-royong-perbaiki-dermaga-perahu-nibung",
                "category": "kegiatan",
                "days_ago": 4,
                "title": "Warga Nibung Gotong Royong Perbaiki Dermaga Perahu Sebelum Angin Barat",
                "label": "Gotong Royong",
                "summary": "Pemilik perahu dan pemuda Desa Nibung mengganti papan dermaga kayu yang lapuk "
                "sebelum musim angin barat tiba.",
                "paragraphs": [
                    "Sabtu pagi, sekitar lima puluh warga Nibung mengangkut papan ulin dan paku ke dermaga kayu "
                    "di muara. Dua belas papan yang lapuk diganti dan tiang penambat diperkuat.",
                    "Bahan dibeli dari iuran pemilik perahu dan kas desa. Ibu-ibu menyiapkan nasi bungkus dan "
                    "kopi untuk para pekerja.",
                ],
                "quote": (
                    "Dermaga ini jalan rezeki kami. Kalau rusak saat angin barat, perahu tidak bisa bersandar.",
                    "Ketua kelompok pemilik perahu",
                ),
                "tags": ["gotong royong", "dermaga", "pesisir"],
                "gallery": (
                    "Perbaikan dermaga Nibung",
                    [
                        "Papan ulin baru dipasang di dermaga",
                        "Pemuda memperkuat tiang penambat perahu",
                        "Istirahat dengan kopi dan nasi bungkus",
                    ],
                ),
            },
            {
                "slug": "kolong-bekas-timah-jadi-kolam-nila",
                "category": "potensi-desa",
                "days_ago": 22,
                "title": "Kolong Bekas Tambang Timah di Nibung Disulap Jadi Kolam Ikan Nila",
                "label": "Kolam Nila",
                "summary": "BUMDes Nibung memasang keramba di kolong bekas tambang timah; panen pertama "
                "menghasilkan delapan ratus kilogram nila.",
                "paragraphs": [
                    "Kolong seluas dua hektare di belakang Dusun Nibung Darat dulunya lubang galian timah yang "
                    "dibiarkan. Setelah air diuji dan dinyatakan aman, BUMDes memasang dua belas keramba.",
                    "Panen pertama menghasilkan delapan ratus kilogram nila yang dijual ke pasar Koba. Tepian "
                    "kolong kini ditanami pohon ketapang dan akasia.",
                ],
                "tags": ["kolong", "perikanan", "bumdes", "reklamasi"],
            },
            {
                "slug": "bahaya-berenang-di-kolong-anak-nibung",
                "category": "berita",
                "days_ago": 11,
                "title": "Orang Tua di Nibung Diajak Mengawasi Anak agar Tidak Berenang di Kolong",
                "label": "Awas Kolong",
                "summary": "Puskesmas Koba dan KIM Nibung Maju mengingatkan bahaya kolong yang dalam dan dingin; "
                "papan peringatan dipasang di lima titik desa.",
                "paragraphs": [
                    "Kolong bekas tambang bisa sedalam belasan meter dengan dasar berlumpur. Petugas Puskesmas "
                    "Koba menjelaskan kepada orang tua Nibung mengapa anak yang pandai berenang pun bisa tenggelam.",
                    "Pemerintah Desa Nibung memasang lima papan peringatan dan tali pembatas di kolong yang dekat "
                    "permukiman. Guru SD ikut menyampaikan pesan yang sama di kelas.",
                ],
                "tags": ["keselamatan anak", "kolong", "timah"],
            },
            {
                "slug": "terasi-udang-rebon-nibung-izin-pirt",
                "category": "umkm",
                "days_ago": 36,
                "title": "Terasi Udang Rebon Nibung Kantongi Izin PIRT",
                "label": "Terasi Rebon",
                "summary": "Usaha terasi rumahan di Desa Nibung mendapat izin PIRT; kemasan seratus gram kini "
                "dijual di minimarket Koba dan Pangkalanbaru.",
                "paragraphs": [
                    "Udang rebon yang ditangkap dengan jaring sungkur di pantai Nibung dijemur, ditumbuk dan "
                    "difermentasi menjadi terasi di rumah produksi milik keluarga Pak Salim.",
                    "Dengan izin PIRT dari Dinas Kesehatan Bangka Tengah, terasi Nibung kini masuk minimarket di "
                    "Koba dan Pangkalanbaru. Setiap bulan terjual sekitar tiga ratus bungkus.",
                ],
                "tags": ["umkm", "terasi", "olahan laut"],
            },
            {
                "slug": "pendataan-bantuan-mesin-perahu-nibung",
                "category": "pengumuman",
                "days_ago": 2,
                "title": "Pendataan Calon Penerima Bantuan Mesin Perahu di Kantor Desa Nibung",
                "label": "Pendataan",
                "summary": "Dinas Perikanan Bangka Tengah membuka pendataan bantuan mesin perahu dan jaring; "
                "warga Nibung yang punya kartu KUSUKA diminta mendaftar.",
                "paragraphs": [
                    "Pendataan dibuka di Kantor Desa Nibung selama dua pekan, setiap hari kerja pukul 08.00–14.00 "
                    "WIB. Bantuan diutamakan bagi pemilik perahu di bawah tiga gros ton.",
                    "Pendaftar membawa KTP, kartu KUSUKA dan foto perahu. Warga yang belum memiliki kartu KUSUKA "
                    "dapat dibantu mendaftar oleh pengurus KIM.",
                ],
                "tags": ["pengumuman", "bantuan", "perikanan"],
            },
            {
                "slug": "cerita-mantan-pekerja-tambang-koba",
                "category": "berita",
                "days_ago": 58,
                "title": "Cerita Mantan Pekerja Tambang Koba dari Nibung, Sepuluh Tahun Setelah Kapal Keruk Berhenti",
                "label": "Sejarah Timah",
                "summary": "Tiga warga Nibung yang dulu bekerja di tambang timah besar di Koba bercerita tentang "
                "hidup mereka sekarang: berkebun, beternak dan membuka bengkel.",
                "paragraphs": [
                    "Pak Darwis bekerja sebagai operator kapal keruk selama dua puluh tahun. Kini ia beternak "
                    "kambing di kebun bekas tambang yang sudah ditanami rumput gajah di Nibung.",
                    "Dua rekannya membuka bengkel motor dan berkebun sawit. Mereka berharap anak-anak Nibung "
                    "mengenal sejarah timah di Koba tanpa mengulang kerusakan lingkungannya.",
                ],
                "tags": ["timah", "sejarah", "koba"],
            },
            {
                "slug": "senja-di-pantai-nibung",
                "category": "potensi-desa",
                "days_ago": 120,
                "title": "Senja di Pantai Nibung, Tempat Warga Koba Melepas Penat",
                "label": "Pantai Nibung",
                "summary": "Pantai Nibung yang landai dan berpasir putih ramai pada sore hari; Pokdarwis desa "
                "menata gazebo dan warung kuliner lempah kuning.",
                "paragraphs": [
                    "Setiap sore, Pantai Nibung dikunjungi keluarga dari Koba dan Pangkalanbaru. Pantainya "
                    "landai sehingga aman untuk anak-anak bermain air saat surut.",
                    "Pokdarwis Nibung menata enam gazebo dan tempat sampah terpilah. Warung warga menjual "
                    "lempah kuning ikan, otak-otak dan es kelapa muda.",
                ],
                "tags": ["wisata", "pantai", "kuliner"],
                "video": True,
            },
        ],
        "events": [
            (4, (8, 0), (12, 0), "Pendataan Bantuan Mesin Perahu", "Kantor Desa Nibung", "Bawa KTP dan kartu KUSUKA."),
            (
                10,
                (15, 30),
                (17, 30),
                "Bersih Pantai Nibung Bersama Pokdarwis",
                "Pantai Nibung, Koba",
                "Karung dan sarung tangan disediakan.",
            ),
            (19, (19, 30), (21, 30), "Musyawarah Pengelolaan Kolam Nila", "Balai Desa Nibung", ""),
            (-5, (7, 30), (12, 0), "Perbaikan Dermaga Perahu", "Dermaga Muara Nibung", ""),
            (-40, (8, 0), (11, 0), "Panen Perdana Nila di Kolong", "Kolong Dusun Nibung Darat", ""),
        ],
        "albums": [
            (
                "Pesisir Nibung",
                8,
                "Dermaga, perahu dan Pantai Nibung.",
                [
                    "Perahu bersandar di dermaga yang baru diperbaiki",
                    "Anak-anak bermain di Pantai Nibung saat surut",
                    "Gazebo Pokdarwis di tepi pantai",
                ],
            ),
            (
                "Kolong yang hidup lagi",
                45,
                "Keramba nila di kolong bekas tambang timah.",
                [
                    "Keramba nila di kolong Dusun Nibung Darat",
                    "Pengurus BUMDes menimbang hasil panen",
                    "Pohon ketapang ditanam di tepi kolong",
                    "Papan peringatan di kolong dekat permukiman",
                ],
            ),
        ],
    },
    # --- Kabupaten Bangka Selatan -------------------------------------------------------------
    "kim-rias-sejahtera": {
        "kind": "Desa",
        "intro": "<b>Selamat datang</b> di situs KIM Rias Sejahtera. Kabar dari hamparan sawah Desa Rias, "
        "Kecamatan Toboali, lumbung padi Bangka Selatan.",
        "vision": "Desa Rias yang petaninya mendapat kabar tepat waktu dan warganya hidup rukun dalam keberagaman.",
        "mission": [
            "Mengabarkan jadwal tanam, pupuk bersubsidi dan air irigasi kepada petani Rias.",
            "Memperkenalkan beras Rias kepada pembeli di Toboali dan Pangkalpinang.",
            "Merawat kerukunan warga asal Bali, Jawa dan Bangka di Desa Rias.",
            "Melatih pemuda desa menulis dan memotret kegiatan warga.",
        ],
        "history": [
            "Desa Rias dibuka sebagai kawasan transmigrasi dan persawahan. Warganya datang dari Bali, Jawa dan "
            "kampung-kampung Bangka, lalu bersama-sama mengubah rawa menjadi sawah.",
            "KIM Rias Sejahtera dibentuk pada 2020 oleh penyuluh swadaya dan pemuda desa, agar kabar dari "
            "dinas pertanian sampai ke setiap kelompok tani.",
        ],
        "posts": [
            {
                "slug": "panen-raya-padi-sawah-rias",
                "category": "potensi-desa",
                "days_ago": 14,
                "title": "Panen Raya Padi di Hamparan Sawah Rias, Lumbung Beras Bangka Selatan",
                "label": "Panen Padi",
                "summary": "Bupati Bangka Selatan ikut memanen padi di Desa Rias; hasil rata-rata mencapai lima "
                "ton gabah kering per hektare.",
                "paragraphs": [
                    "Dua mesin panen bergerak di hamparan sawah Rias yang menguning. Di lahan Kelompok Tani "
                    "Subur Makmur, hasil ubinan mencapai 5,2 ton gabah kering panen per hektare.",
                    "Sebagian gabah disimpan di lumbung desa sebagai cadangan pangan, sisanya dibeli penggilingan "
                    "di Toboali. Petani berharap harga gabah bertahan hingga akhir musim.",
                ],
                "quote": ("Dulu rawa, sekarang jadi sawah yang menghidupi kami.", "Petani Rias generasi kedua"),
                "tags": ["padi", "panen raya", "pertanian"],
            },
            {
                "slug": "jadwal-penebusan-pupuk-bersubsidi-rias",
                "category": "pengumuman",
                "days_ago": 2,
                "title": "Jadwal Penebusan Pupuk Bersubsidi bagi Kelompok Tani Desa Rias",
                "label": "Pupuk Subsidi",
                "summary": "Kios pupuk lengkap di Rias melayani penebusan urea dan NPK bersubsidi sesuai jadwal "
                "per kelompok tani; petani membawa KTP.",
                "paragraphs": [
                    "Penebusan pupuk bersubsidi musim tanam ini dilayani di kios pupuk lengkap Desa Rias dengan "
                    "jadwal bergilir per kelompok tani agar tidak terjadi antrean.",
                    "Petani yang terdaftar dalam e-RDKK cukup membawa KTP. Yang belum terdaftar diminta menemui "
                    "penyuluh pertanian di balai penyuluhan Toboali.",
                ],
                "tags": ["pupuk", "pengumuman", "kelompok tani"],
            },
            {
                "slug": "beras-rias-kemasan-lima-kilogram",
                "category": "umkm",
                "days_ago": 31,
                "title": "Beras Rias dalam Kemasan Lima Kilogram Masuk Swalayan Toboali",
                "label": "Beras Rias",
                "summary": "Gapoktan Rias mengemas beras premium dengan merek sendiri; dua swalayan di Toboali "
                "sudah memajangnya di rak.",
                "paragraphs": [
                    "Gabungan Kelompok Tani Desa Rias kini menggiling dan mengemas sendiri beras dari sawah "
                    "anggotanya dalam kantong lima kilogram bermerek Beras Rias.",
                    "Dua swalayan di Toboali menerima produk ini setelah lolos uji mutu. Keuntungan penjualan "
                    "dipakai untuk memperbaiki lantai jemur gabah.",
                ],
                "tags": ["umkm", "beras", "gapoktan"],
            },
            {
                "slug": "saluran-irigasi-rias-diperbaiki",
                "category": "berita",
                "days_ago": 8,
                "title": "Saluran Irigasi Primer Rias Diperbaiki, Petani Bisa Tanam Dua Kali Setahun",
                "label": "Irigasi",
                "summary": "Perbaikan saluran irigasi sepanjang tiga kilometer di Rias memungkinkan sawah tadah "
                "hujan di blok selatan ditanami dua kali setahun.",
                "paragraphs": [
                    "Saluran irigasi primer yang jebol sejak dua tahun lalu kini diperbaiki dengan pasangan batu. "
                    "Sekitar 150 hektare sawah di blok selatan Rias kembali mendapat air.",
                    "Perkumpulan petani pemakai air menyusun jadwal buka-tutup pintu air agar pembagian adil "
                    "antara petani di hulu dan hilir.",
                ],
                "tags": ["irigasi", "infrastruktur", "pertanian"],
            },
            {
                "slug": "pawai-budaya-kerukunan-warga-rias",
                "category": "kegiatan",
                "days_ago": 55,
                "title": "Pawai Budaya Warga Rias Rayakan Kerukunan Kampung Transmigran",
                "label": "Pawai Budaya",
                "summary": "Warga Rias berpawai dengan pakaian adat Bali, Jawa dan Melayu Bangka; pawai ditutup "
                "makan bersama di lapangan desa.",
                "paragraphs": [
                    "Peringatan hari jadi Desa Rias dimeriahkan pawai budaya. Rombongan gamelan Bali, kuda lumping "
                    "dan penari campak Bangka berjalan bergantian menyusuri jalan desa.",
                    "Tokoh agama dari pura, masjid dan gereja di Rias memimpin doa bersama sebelum warga makan "
                    "dari dulang yang dibawa setiap dusun.",
                ],
                "tags": ["budaya", "kerukunan", "hari jadi desa"],
                "gallery": (
                    "Pawai budaya Rias",
                    [
                        "Rombongan gamelan Bali membuka pawai",
                        "Penari campak Bangka dari Dusun III",
                        "Doa bersama para tokoh agama di lapangan desa",
                    ],
                ),
            },
        ],
        "events": [
            (3, (8, 0), (12, 0), "Penebusan Pupuk Kelompok Tani Subur Makmur", "Kios Pupuk Lengkap Rias", "Bawa KTP."),
            (14, (9, 0), (11, 30), "Sekolah Lapang Pengendalian Hama Wereng", "Sawah Blok Selatan, Rias", ""),
            (28, (19, 0), (21, 30), "Rapat Perkumpulan Petani Pemakai Air", "Balai Desa Rias", ""),
            (-7, (7, 0), (11, 0), "Panen Raya Bersama Bupati", "Sawah Kelompok Tani Subur Makmur, Rias", ""),
            (-56, (14, 0), (18, 0), "Pawai Budaya Hari Jadi Desa", "Jalan Utama Desa Rias", ""),
        ],
        "albums": [
            (
                "Sawah Rias",
                15,
                "Musim tanam sampai panen di Desa Rias.",
                [
                    "Mesin panen di hamparan padi menguning",
                    "Gabah dijemur di lantai jemur gapoktan",
                    "Air kembali mengalir di saluran irigasi blok selatan",
                    "Petani menanam bibit padi secara serentak",
                ],
            ),
            (
                "Warga Rias",
                50,
                "Keberagaman dan kebersamaan warga Desa Rias.",
                [
                    "Anak-anak menari pada hari jadi desa",
                    "Gamelan Bali di tengah pawai",
                    "Makan bersama dari dulang setiap dusun",
                ],
            ),
        ],
    },
    # --- Kabupaten Belitung -------------------------------------------------------------------
    "kim-terong-berseri": {
        "kind": "Desa",
        "intro": "<b>Selamat datang</b> di situs KIM Terong Berseri. Kabar desa wisata Terong di Kecamatan "
        "Sijuk: Bukit Peramun, kerajinan resam dan Sungai Terong.",
        "vision": "Desa Terong yang dikenal karena wisatanya yang lestari dan warganya yang terampil bercerita.",
        "mission": [
            "Mengabarkan kegiatan desa wisata Terong kepada warga dan wisatawan.",
            "Mempromosikan kerajinan resam dan kuliner khas Belitung buatan warga.",
            "Menjaga hutan Bukit Peramun dan Sungai Terong lewat kabar dan ajakan.",
            "Melatih pemuda menjadi pemandu dan pewarta desa.",
        ],
        "history": [
            "KIM Terong Berseri tumbuh bersama desa wisata Terong. Pengurusnya banyak yang juga anggota "
            "Pokdarwis, yang sejak 2016 mengelola Bukit Peramun.",
            "Situs ini dipakai sejak pelatihan Diskominfo Provinsi pada Desember 2023, dan berita-beritanya "
            "sering dikutip media di Tanjung Pandan.",
        ],
        "posts": [
            {
                "slug": "bukit-peramun-hutan-digital-terong",
                "category": "potensi-desa",
                "days_ago": 10,
                "title": "Bukit Peramun di Terong, Hutan Digital yang Memikat Wisatawan",
                "label": "Bukit Peramun",
                "summary": "Di Bukit Peramun, Desa Terong, setiap pohon diberi kode QR yang bisa dipindai "
                "pengunjung untuk mengenal nama dan khasiatnya.",
                "paragraphs": [
                    "Jalur setapak Bukit Peramun menanjak di antara batu granit raksasa dan pohon-pohon tua. "
                    "Pokdarwis Terong menempelkan kode QR pada ratusan pohon dan tanaman obat.",
                    "Dari puncak bukit, pengunjung dapat melihat hamparan hutan Sijuk hingga laut. Pada musim "
                    "libur, lebih dari seribu orang datang dalam sepekan.",
                ],
                "quote": (
                    "Hutan ini dulu hampir habis dibuka kebun. Sekarang hutan justru memberi kami nafkah.",
                    "Ketua Pokdarwis Terong",
                ),
                "tags": ["wisata", "bukit peramun", "geopark"],
                "video": True,
            },
            {
                "slug": "perajin-resam-terong-kebanjiran-pesanan",
                "category": "umkm",
                "days_ago": 19,
                "title": "Perajin Resam Terong Kebanjiran Pesanan Tas dan Gelang",
                "label": "Kerajinan Resam",
                "summary": "Batang paku resam dianyam ibu-ibu Desa Terong menjadi tas, gelang dan tatakan gelas; "
                "pesanan datang dari hotel-hotel di Tanjung Pandan.",
                "paragraphs": [
                    "Resam, sejenis paku-pakuan yang tumbuh liar di Belitung, dibelah tipis lalu dianyam oleh "
                    "dua belas perajin di rumah produksi Desa Terong.",
                    "Tiga hotel di Tanjung Pandan memesan tatakan gelas dan keranjang roti. Perajin menanam "
                    "kembali resam di pekarangan agar bahan baku tidak habis.",
                ],
                "tags": ["umkm", "resam", "kerajinan"],
            },
            {
                "slug": "pemuda-terong-pelatihan-pemandu-geopark",
                "category": "kegiatan",
                "days_ago": 6,
                "title": "Pemuda Terong Ikut Pelatihan Pemandu Wisata Geopark Belitung",
                "label": "Pemandu Geopark",
                "summary": "Dua puluh pemuda Desa Terong belajar bercerita tentang batuan granit, hutan dan "
                "sejarah Belitung kepada wisatawan dalam pelatihan pemandu geopark.",
                "paragraphs": [
                    "Selama tiga hari, pemuda Terong berlatih di Bukit Peramun dan tepian Sungai Terong bersama "
                    "pengelola Geopark Belitung. Materinya: geologi granit, flora hutan, dan pertolongan pertama.",
                    "Peserta yang lulus mendapat sertifikat dan masuk daftar pemandu desa yang dipesan lewat "
                    "sekretariat Pokdarwis.",
                ],
                "tags": ["geopark", "pemandu wisata", "pemuda"],
                "gallery": (
                    "Pelatihan pemandu di Terong",
                    [
                        "Peserta berlatih menjelaskan batuan granit",
                        "Praktik pertolongan pertama di jalur bukit",
                        "Pembagian sertifikat pemandu desa",
                    ],
                ),
            },
            {
                "slug": "terong-siapkan-homestay-baru",
                "category": "berita",
                "days_ago": 45,
                "title": "Wisatawan Terus Bertambah, Warga Terong Siapkan Sepuluh Homestay Baru",
                "label": "Homestay",
                "summary": "Setelah penghargaan desa wisata, kunjungan ke Terong naik; sepuluh keluarga merapikan "
                "kamar rumah mereka menjadi homestay berstandar.",
                "paragraphs": [
                    "Kunjungan wisatawan ke Desa Terong naik hampir dua kali lipat dalam setahun. Banyak tamu "
                    "ingin menginap agar bisa mendaki Bukit Peramun saat matahari terbit.",
                    "Sepuluh keluarga mengikuti pendampingan dari Dinas Pariwisata Belitung untuk menata kamar, "
                    "kamar mandi dan sarapan khas kampung.",
                ],
                "tags": ["homestay", "desa wisata", "pariwisata"],
            },
            {
                "slug": "jalur-bukit-peramun-ditutup-sementara",
                "category": "pengumuman",
                "days_ago": 1,
                "title": "Jalur Pendakian Bukit Peramun Ditutup Sementara untuk Perbaikan Tangga",
                "label": "Jalur Ditutup",
                "summary": "Selama lima hari jalur utama Bukit Peramun di Desa Terong ditutup; pengunjung "
                "diarahkan ke jalur susur Sungai Terong.",
                "paragraphs": [
                    "Pokdarwis Terong mengganti anak tangga kayu yang lapuk di jalur utama Bukit Peramun. Jalur "
                    "ditutup mulai Senin dan dibuka kembali Sabtu pagi.",
                    "Selama penutupan, pengunjung dapat mengikuti susur Sungai Terong dengan perahu atau belajar "
                    "menganyam resam di rumah produksi.",
                ],
                "tags": ["pengumuman", "bukit peramun", "wisata"],
            },
            {
                "slug": "susur-sungai-tanam-mangrove-smp-terong",
                "category": "kegiatan",
                "days_ago": 70,
                "title": "Pelajar SMP Susur Sungai Terong dan Tanam Mangrove di Muaranya",
                "label": "Susur Sungai",
                "summary": "Enam puluh pelajar SMP di Sijuk menyusuri Sungai Terong dengan perahu lalu menanam "
                "bibit mangrove di muara.",
                "paragraphs": [
                    "Dengan lima perahu kayu, pelajar menyusuri Sungai Terong sambil mendengar pemandu desa "
                    "menjelaskan burung raja udang dan pohon nipah di tepian.",
                    "Di muara, mereka menanam tiga ratus bibit mangrove yang disemai Kelompok Pecinta Alam Desa "
                    "Terong.",
                ],
                "tags": ["mangrove", "pendidikan lingkungan", "sungai terong"],
            },
            {
                "slug": "gangan-ketarap-warung-warga-terong",
                "category": "umkm",
                "days_ago": 130,
                "title": "Gangan Ikan Ketarap, Menu Andalan Warung Warga Terong",
                "label": "Gangan",
                "summary": "Gangan, sup ikan berkuah kuning dengan nanas khas Belitung, menjadi menu yang paling "
                "dicari wisatawan di warung-warung Desa Terong.",
                "paragraphs": [
                    "Bu Rohana memasak gangan ikan ketarap dengan kunyit, lengkuas dan potongan nanas sejak "
                    "warungnya dibuka di dekat gerbang Bukit Peramun.",
                    "Pokdarwis Terong membantu warung warga memasang daftar harga yang jelas dan menerima "
                    "pembayaran QRIS, sehingga wisatawan tidak ragu mampir.",
                ],
                "tags": ["kuliner", "gangan", "umkm"],
            },
        ],
        "events": [
            (
                2,
                (7, 0),
                (11, 0),
                "Perbaikan Tangga Jalur Bukit Peramun",
                "Gerbang Bukit Peramun, Terong",
                "Relawan membawa sarung tangan.",
            ),
            (
                8,
                (9, 0),
                (12, 0),
                "Kelas Menganyam Resam untuk Wisatawan",
                "Rumah Produksi Resam Desa Terong",
                "Biaya bahan Rp50.000 per orang.",
            ),
            (22, (15, 0), (18, 0), "Susur Sungai Terong Sore Hari", "Dermaga Sungai Terong", ""),
            (-4, (8, 0), (16, 0), "Pelatihan Pemandu Geopark Hari Ketiga", "Balai Desa Terong", ""),
            (-71, (8, 0), (12, 0), "Tanam Mangrove Bersama Pelajar", "Muara Sungai Terong", ""),
        ],
        "albums": [
            (
                "Bukit Peramun",
                11,
                "Jalur, batu granit dan pohon-pohon berkode QR.",
                [
                    "Batu granit raksasa di jalur Bukit Peramun",
                    "Pengunjung memindai kode QR pada pohon",
                    "Pemandangan hutan Sijuk dari puncak bukit",
                    "Pemandu muda Terong menjelaskan tanaman obat",
                ],
            ),
            (
                "Karya warga Terong",
                38,
                "Kerajinan resam dan kuliner desa.",
                [
                    "Tas anyaman resam siap dikirim ke hotel",
                    "Perajin membelah batang resam",
                    "Gangan ikan ketarap di warung dekat gerbang",
                ],
            ),
        ],
        "en": {
            "intro": "<b>Welcome</b> to the website of KIM Terong Berseri. News from the tourism village of "
            "Terong in Sijuk district: Peramun Hill, resam fern crafts and the Terong River.",
            "vision": "A Terong village known for sustainable tourism and for residents who tell its story well.",
            "mission": [
                "Report the activities of Terong tourism village to residents and visitors.",
                "Promote the resam crafts and Belitung dishes our residents make.",
                "Protect the forest of Peramun Hill and the Terong River through news and calls to action.",
                "Train young people as guides and village reporters.",
            ],
            "history": [
                "KIM Terong Berseri grew up with Terong tourism village. Many of its officers are also members of "
                "the tourism awareness group that has managed Peramun Hill since 2016.",
                "This website has been in use since the provincial training in December 2023, and its stories are "
                "often quoted by the media in Tanjung Pandan.",
            ],
            "posts": {
                "bukit-peramun-hutan-digital-terong": {
                    "slug": "peramun-hill-terongs-digital-forest",
                    "alt": "Illustration: Peramun Hill in Terong",
                    "title": "Peramun Hill in Terong, the Digital Forest That Wins Visitors' Hearts",
                    "summary": "On Peramun Hill in Terong village every tree carries a QR code that visitors scan "
                    "to learn its name and uses.",
                    "paragraphs": [
                        "The Peramun Hill footpath climbs between giant granite boulders and old trees. Terong's "
                        "tourism group has put QR codes on hundreds of trees and medicinal plants.",
                        "From the top, visitors look across the forests of Sijuk to the sea. In the holidays more "
                        "than a thousand people come in a week.",
                    ],
                    "quote": (
                        "This forest was almost cleared for plantations. Now the forest gives us a living.",
                        "Head of the Terong tourism group",
                    ),
                },
                "perajin-resam-terong-kebanjiran-pesanan": {
                    "slug": "terong-resam-weavers-flooded-with-orders",
                    "alt": "Illustration: resam crafts in Terong",
                    "title": "Terong's Resam Weavers Flooded with Orders for Bags and Bracelets",
                    "summary": "Women in Terong village weave resam fern stems into bags, bracelets and coasters; "
                    "orders come from hotels in Tanjung Pandan.",
                    "paragraphs": [
                        "Resam, a fern that grows wild on Belitung, is split into thin strips and woven by twelve "
                        "craftswomen at the Terong village workshop.",
                        "Three hotels in Tanjung Pandan have ordered coasters and bread baskets. The weavers replant "
                        "resam in their gardens so the raw material does not run out.",
                    ],
                },
            },
            "captions": {
                "Batu granit raksasa di jalur Bukit Peramun": "Giant granite boulders on the Peramun Hill trail",
                "Pengunjung memindai kode QR pada pohon": "A visitor scans a tree's QR code",
                "Pemandangan hutan Sijuk dari puncak bukit": "The forests of Sijuk seen from the hilltop",
                "Pemandu muda Terong menjelaskan tanaman obat": "A young Terong guide explains medicinal plants",
                "Tas anyaman resam siap dikirim ke hotel": "Woven resam bags ready for a hotel",
                "Perajin membelah batang resam": "A craftswoman splits resam stems",
                "Gangan ikan ketarap di warung dekat gerbang": "Gangan fish soup at a stall by the gate",
            },
            "albums": {
                "Bukit Peramun": "Peramun Hill",
                "Jalur, batu granit dan pohon-pohon berkode QR.": "Trails, granite boulders and QR-coded trees.",
                "Karya warga Terong": "Made in Terong",
                "Kerajinan resam dan kuliner desa.": "Resam crafts and village food.",
            },
        },
    },
    # --- Kabupaten Belitung Timur -------------------------------------------------------------
    "kim-lenggang-pelangi": {
        "kind": "Desa",
        "intro": "<b>Selamat datang</b> di situs KIM Lenggang Pelangi. Kabar Desa Lenggang, Kecamatan "
        "Gantung: kampung Museum Kata dan sekolah Laskar Pelangi.",
        "vision": "Desa Lenggang yang gemar membaca, menulis, dan membagikan kabar yang benar.",
        "mission": [
            "Menumbuhkan budaya baca dan tulis anak-anak Lenggang.",
            "Mengabarkan kegiatan wisata literasi di Museum Kata dan replika sekolah Laskar Pelangi.",
            "Mempromosikan kuliner dan kerajinan warga kepada wisatawan.",
            "Menyampaikan layanan dan bantuan pemerintah dengan jelas kepada warga Gantung.",
        ],
        "history": [
            "Setelah novel dan film Laskar Pelangi membuat Gantung terkenal, wisatawan berdatangan ke Lenggang. "
            "Warga merasa perlu punya suara sendiri untuk bercerita tentang kampungnya.",
            "KIM Lenggang Pelangi dibentuk pada 2021 oleh relawan taman baca dan perangkat desa, dan dibina "
            "Diskominfo Kabupaten Belitung Timur.",
        ],
        "posts": [
            {
                "slug": "museum-kata-lenggang-ramai-libur-panjang",
                "category": "potensi-desa",
                "days_ago": 13,
                "title": "Museum Kata Andrea Hirata di Lenggang Ramai Pengunjung saat Libur Panjang",
                "label": "Museum Kata",
                "summary": "Ribuan wisatawan datang ke Museum Kata di Desa Lenggang pada libur panjang; warga "
                "membuka parkir dan warung di sepanjang jalan desa.",
                "paragraphs": [
                    "Museum sastra pertama di Indonesia itu berdiri di Desa Lenggang, Gantung. Selama libur "
                    "panjang, pengelola mencatat lebih dari empat ribu pengunjung.",
                    "Karang taruna Lenggang mengatur parkir, sementara ibu-ibu menjual kopi dan kue di halaman "
                    "rumah. Pendapatan parkir masuk kas desa.",
                ],
                "tags": ["wisata literasi", "museum kata", "laskar pelangi"],
                "video": True,
            },
            {
                "slug": "festival-literasi-replika-sekolah-laskar-pelangi",
                "category": "kegiatan",
                "days_ago": 27,
                "title": "Anak-Anak Lenggang Membaca Puisi di Replika Sekolah Laskar Pelangi",
                "label": "Festival Literasi",
                "summary": "Festival literasi desa menampilkan lomba baca puisi, mendongeng dan menulis surat "
                "untuk anak-anak SD di Lenggang dan sekitarnya.",
                "paragraphs": [
                    "Di depan bangunan kayu replika SD Muhammadiyah Gantung, tiga puluh anak Lenggang bergiliran "
                    "membaca puisi karya mereka sendiri tentang laut, timah dan kampung.",
                    "Taman baca desa menyumbang dua ratus buku untuk para pemenang. Orang tua diajak membacakan "
                    "cerita sebelum tidur setidaknya tiga kali sepekan.",
                ],
                "tags": ["literasi", "anak", "festival"],
            },
            {
                "slug": "bendungan-pice-dibersihkan-warga-gantung",
                "category": "berita",
                "days_ago": 9,
                "title": "Warga Lenggang Ikut Bersihkan Bendungan Pice Peninggalan Belanda dari Eceng Gondok",
                "label": "Bendungan Pice",
                "summary": "Bendungan Pice yang dibangun pada masa tambang timah Belanda di Gantung kembali "
                "dibersihkan; warga Lenggang mengangkut eceng gondok dengan perahu.",
                "paragraphs": [
                    "Bendungan Pice dibangun pada awal abad ke-20 untuk keperluan tambang timah di Gantung. Kini "
                    "bendungan itu menjadi cagar budaya sekaligus sumber air sawah dan kebun.",
                    "Tiga puluh warga Lenggang bersama petugas kecamatan mengangkut eceng gondok yang menutupi "
                    "permukaan air. Sampah tanaman diolah menjadi kompos oleh kelompok tani.",
                ],
                "tags": ["cagar budaya", "bendungan pice", "timah"],
            },
            {
                "slug": "kue-rintak-ibu-ibu-lenggang",
                "category": "umkm",
                "days_ago": 38,
                "title": "Kue Rintak Buatan Ibu-Ibu Lenggang Jadi Oleh-Oleh Wisatawan",
                "label": "Kue Rintak",
                "summary": "Kue rintak, kue kering sagu khas Belitung, dibuat lima ibu di Lenggang dan dijual "
                "dalam toples kecil di dekat Museum Kata.",
                "paragraphs": [
                    "Adonan sagu, santan dan gula dicetak kecil-kecil lalu dipanggang di atas bara. Lima ibu di "
                    "Lenggang membuat dua ratus toples kue rintak setiap pekan.",
                    "Sejak diberi label dan nomor telepon pemesanan, pembeli dari Jakarta memesan ulang lewat "
                    "pesan singkat.",
                ],
                "tags": ["umkm", "kue rintak", "oleh-oleh"],
            },
            {
                "slug": "pemutakhiran-data-bantuan-sosial-lenggang",
                "category": "pengumuman",
                "days_ago": 2,
                "title": "Pemutakhiran Data Penerima Bantuan Sosial di Balai Desa Lenggang",
                "label": "Data Bansos",
                "summary": "Warga Lenggang yang menerima atau merasa berhak atas bantuan sosial diminta datang "
                "ke balai desa untuk pemutakhiran data DTKS.",
                "paragraphs": [
                    "Petugas Dinas Sosial Belitung Timur membuka meja pemutakhiran data di Balai Desa Lenggang "
                    "selama tiga hari. Warga membawa KTP, KK dan foto rumah.",
                    "Warga yang sudah pindah atau keluarganya meninggal dunia diminta melapor agar bantuan tepat "
                    "sasaran.",
                ],
                "tags": ["bantuan sosial", "dtks", "pengumuman"],
            },
            {
                "slug": "kelas-menulis-cerpen-remaja-lenggang",
                "category": "kegiatan",
                "days_ago": 85,
                "title": "Kelas Menulis Cerita Pendek untuk Remaja Lenggang",
                "label": "Kelas Menulis",
                "summary": "Relawan taman baca mengajak remaja Lenggang menulis cerita pendek tentang kampung; "
                "karya terbaik dipajang di Museum Kata.",
                "paragraphs": [
                    "Setiap Sabtu sore selama dua bulan, lima belas remaja Lenggang belajar membangun tokoh dan "
                    "latar dari kehidupan sehari-hari di Gantung.",
                    "Tiga cerita terbaik, tentang kakek penambang timah, pasar ikan dan sungai yang keruh, "
                    "dibacakan di panggung Museum Kata.",
                ],
                "tags": ["menulis", "remaja", "literasi"],
                "gallery": (
                    "Kelas menulis Lenggang",
                    [
                        "Remaja menulis di taman baca desa",
                        "Relawan membahas naskah bersama peserta",
                        "Pembacaan cerita pendek di Museum Kata",
                    ],
                ),
            },
        ],
        "events": [
            (3, (8, 0), (14, 0), "Pemutakhiran Data Bantuan Sosial", "Balai Desa Lenggang", "Bawa KTP dan KK."),
            (13, (15, 30), (17, 30), "Dongeng Sore untuk Anak", "Taman Baca Desa Lenggang", ""),
            (30, (8, 0), (12, 0), "Lomba Menulis Surat untuk Ibu", "Replika Sekolah Laskar Pelangi, Gantung", ""),
            (-10, (7, 30), (11, 30), "Bersih Bendungan Pice", "Bendungan Pice, Gantung", ""),
            (-28, (9, 0), (12, 0), "Festival Literasi Desa", "Replika Sekolah Laskar Pelangi, Gantung", ""),
        ],
        "albums": [
            (
                "Kampung literasi Lenggang",
                16,
                "Museum Kata, taman baca dan anak-anak Lenggang.",
                [
                    "Halaman Museum Kata yang berwarna-warni",
                    "Anak-anak membaca di taman baca desa",
                    "Replika sekolah Laskar Pelangi di Gantung",
                ],
            ),
            (
                "Lenggang dan sekitarnya",
                55,
                "Bendungan Pice dan usaha warga.",
                [
                    "Bendungan Pice setelah dibersihkan",
                    "Warga mengangkut eceng gondok dengan perahu",
                    "Kue rintak dalam toples siap dijual",
                    "Warung kopi warga di dekat museum",
                ],
            ),
        ],
    },
    # --- Kota Pangkalpinang -------------------------------------------------------------------
    "kim-kacang-pedang": {
        "kind": "Kelurahan",
        "intro": "<b>Selamat datang</b> di situs KIM Kacang Pedang. Kabar warga Kelurahan Kacang Pedang, "
        "Kecamatan Gerunggang, Kota Pangkalpinang.",
        "vision": "Kelurahan Kacang Pedang yang bersih, kreatif dan warganya saling memberi kabar.",
        "mission": [
            "Mengabarkan layanan kelurahan dan kota kepada warga setiap RT.",
            "Memperkenalkan batik cual dan usaha kreatif warga Kacang Pedang.",
            "Mengajak warga menjaga drainase dan kolong dari sampah.",
            "Menampung aspirasi warga untuk musrenbang kelurahan.",
        ],
        "history": [
            "KIM Kacang Pedang dibentuk pada 2018 oleh pengurus RT dan pemuda kelurahan, salah satu KIM pertama "
            "di Kota Pangkalpinang.",
            "Pengurusnya memenangi lomba KIM tingkat kota dua kali dan kini melatih KIM-KIM baru di Kecamatan "
            "Gerunggang.",
        ],
        "posts": [
            {
                "slug": "batik-cual-motif-daun-simpor-kacang-pedang",
                "category": "umkm",
                "days_ago": 16,
                "title": "Perajin Batik Cual Kacang Pedang Kembangkan Motif Daun Simpor",
                "label": "Batik Cual",
                "summary": "Sanggar batik di Kacang Pedang memadukan motif cual lama dengan daun simpor, lambang "
                "Bangka Belitung; kain tulisnya dipesan pegawai kantor di Pangkalpinang.",
                "paragraphs": [
                    "Cual adalah kain tenun dan batik khas Bangka yang dahulu dipakai bangsawan Muntok. Di "
                    "Kacang Pedang, sanggar Cual Serumpun menghidupkannya lewat batik tulis dan cap.",
                    "Motif daun simpor yang mereka kembangkan kini dipesan untuk seragam beberapa kantor di "
                    "Pangkalpinang. Sanggar juga membuka kelas membatik setiap Minggu.",
                ],
                "quote": ("Batik cual harus dipakai, bukan hanya disimpan di lemari.", "Pemilik Sanggar Cual Serumpun"),
                "tags": ["umkm", "batik cual", "kerajinan"],
            },
            {
                "slug": "kolong-kacang-pedang-ruang-terbuka-hijau",
                "category": "potensi-desa",
                "days_ago": 30,
                "title": "Kolong Kacang Pedang Ditata Menjadi Ruang Terbuka Hijau Warga",
                "label": "Kolong",
                "summary": "Kolong bekas tambang timah di Kacang Pedang kini punya jalur lari, taman bermain dan "
                "lapak UMKM setiap Minggu pagi.",
                "paragraphs": [
                    "Kolong bekas tambang timah di tengah permukiman Kacang Pedang dulu menjadi tempat buang "
                    "sampah. Pemerintah kota menatanya dengan jalur lari dan pohon peneduh.",
                    "Setiap Minggu pagi, warga berolahraga mengelilingi kolong dan pelaku UMKM kelurahan membuka "
                    "lapak makanan. Pengurus KIM membagikan jadwal kegiatannya.",
                ],
                "tags": ["ruang terbuka hijau", "kolong", "kota"],
            },
            {
                "slug": "waspada-genangan-drainase-kacang-pedang",
                "category": "pengumuman",
                "days_ago": 1,
                "title": "Waspada Genangan, Warga Kacang Pedang Diminta Tidak Membuang Sampah ke Drainase",
                "label": "Waspada Genangan",
                "summary": "Hujan deras beberapa hari terakhir menggenangi dua ruas jalan di Kacang Pedang; "
                "kelurahan meminta warga menjaga drainase tetap bersih.",
                "paragraphs": [
                    "Genangan setinggi betis terjadi di dua ruas jalan Kelurahan Kacang Pedang setelah hujan deras "
                    "tiga jam. Petugas menemukan drainase tersumbat kantong plastik dan kasur bekas.",
                    "Lurah Kacang Pedang meminta warga tidak membuang sampah ke drainase dan melaporkan saluran "
                    "tersumbat lewat formulir aspirasi di situs ini.",
                ],
                "tags": ["banjir", "drainase", "pengumuman"],
            },
            {
                "slug": "pemilihan-ketua-rt-serentak-kacang-pedang",
                "category": "berita",
                "days_ago": 8,
                "title": "Kelurahan Kacang Pedang Gelar Pemilihan Ketua RT Serentak di Sebelas RT",
                "label": "Pemilihan RT",
                "summary": "Sebelas RT di Kacang Pedang memilih ketua baru pada hari yang sama; tiga di antaranya "
                "kini dipimpin perempuan.",
                "paragraphs": [
                    "Pemilihan ketua RT serentak di Kacang Pedang berlangsung tertib di pos-pos RT. Warga "
                    "mencoblos di bilik sederhana dengan surat suara yang dicetak kelurahan.",
                    "Tiga RT kini dipimpin perempuan, pertama kali dalam sejarah kelurahan. Ketua RT terpilih "
                    "dilantik lurah pekan depan.",
                ],
                "tags": ["pemerintahan", "rt", "demokrasi"],
            },
            {
                "slug": "kebun-sayur-pekarangan-kampung-iklim",
                "category": "kegiatan",
                "days_ago": 50,
                "title": "Warga Kacang Pedang Tanam Sayur di Pekarangan untuk Program Kampung Iklim",
                "label": "Kampung Iklim",
                "summary": "Dari polybag di gang sempit sampai atap rumah, warga RW 03 Kacang Pedang menanam "
                "sayur dan membuat lubang biopori.",
                "paragraphs": [
                    "Gang-gang di RW 03 Kacang Pedang kini hijau oleh kangkung, cabai dan terong dalam polybag. "
                    "Warga juga membuat seratus lubang biopori untuk meresapkan air hujan.",
                    "Kegiatan ini diikutkan dalam Program Kampung Iklim Kota Pangkalpinang. Hasil panen dijual "
                    "murah kepada tetangga.",
                ],
                "tags": ["lingkungan", "kampung iklim", "urban farming"],
                "gallery": (
                    "Kebun pekarangan Kacang Pedang",
                    [
                        "Polybag cabai berjajar di gang RW 03",
                        "Warga membuat lubang biopori",
                        "Panen kangkung dibagi kepada tetangga",
                    ],
                ),
            },
        ],
        "events": [
            (1, (8, 0), (10, 0), "Kerja Bakti Membersihkan Drainase", "Jalan Kacang Pedang RT 05", ""),
            (
                7,
                (6, 0),
                (9, 0),
                "Minggu Sehat di Kolong Kacang Pedang",
                "Taman Kolong Kacang Pedang",
                "Lapak UMKM buka sampai pukul 09.00.",
            ),
            (
                15,
                (13, 0),
                (16, 0),
                "Kelas Membatik Cual",
                "Sanggar Cual Serumpun, Kacang Pedang",
                "Kain dan malam disediakan.",
            ),
            (-8, (8, 0), (13, 0), "Pemilihan Ketua RT Serentak", "Pos RT se-Kelurahan Kacang Pedang", ""),
            (-45, (19, 30), (21, 30), "Musrenbang Kelurahan", "Aula Kantor Kelurahan Kacang Pedang", ""),
        ],
        "albums": [
            (
                "Batik cual Kacang Pedang",
                18,
                "Dari canting sampai kain jadi di Sanggar Cual Serumpun.",
                [
                    "Perajin mencanting motif daun simpor",
                    "Kain cual dijemur setelah pewarnaan",
                    "Peserta kelas membatik hari Minggu",
                ],
            ),
            (
                "Kampung hijau Kacang Pedang",
                52,
                "Kolong, kebun pekarangan dan kerja bakti warga.",
                [
                    "Jalur lari di tepi Kolong Kacang Pedang",
                    "Polybag sayur di gang RW 03",
                    "Warga membersihkan drainase bersama",
                    "Lapak UMKM Minggu pagi",
                ],
            ),
        ],
    },
}
