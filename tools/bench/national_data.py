"""The national data set of `manage.py bench --national`: PostgreSQL only.

Built in minutes rather than hours, from parts that the platform made itself:

- regencies through `create_regency`, spread over the 38 provinces;
- up to `PROVISION_LIMIT` KIMs through `provision_kims` (which the benchmark times), and beyond that
  copies of one provisioned template KIM, made in SQL (`clone_kims`): every row reachable from the
  template through a foreign key (pages and their specific rows, Site, groups and their rights,
  collection, admin account, team membership, search entries) is copied with new keys, new tree
  paths under the regency of the copy, new UUIDs, and the template's name replaced by the copy's;
- posts in SQL (`bulk_posts`): Indonesian titles, summaries and bodies, five categories, two tags
  each, dates over five years, their tree paths computed as treebeard computes them, and their
  search entries filled with PostgreSQL's `indonesian` configuration and the weights the search
  backend gives a post it indexes itself;
- English translations through wagtail-localize for a fraction of KIMs (`translate_fraction`);
- pending moderation items through `runner.bulk_pending_pages`.

`check_integrity` then runs treebeard's `find_problems()` (what `fixtree` checks, for pages and
collections) on the whole tree, and checks that every page has its specific row and every live
page its search entry.
"""

import datetime
import re
import time

from django.conf import settings
from django.db import connection, transaction

TOKEN = "templatnasional"  # nosec B105  # bench-only SQL of our own table names and constants
PROVINCES = [
    "Aceh", "Sumatera Utara", "Sumatera Barat", "Riau", "Jambi", "Sumatera Selatan", "Bengkulu", "Lampung",
    "Kepulauan Bangka Belitung", "Kepulauan Riau", "DKI Jakarta", "Jawa Barat", "Jawa Tengah",
    "DI Yogyakarta", "Jawa Timur", "Banten", "Bali", "Nusa Tenggara Barat", "Nusa Tenggara Timur",
    "Kalimantan Barat", "Kalimantan Tengah", "Kalimantan Selatan", "Kalimantan Timur", "Kalimantan Utara",
    "Sulawesi Utara", "Sulawesi Tengah", "Sulawesi Selatan", "Sulawesi Tenggara", "Gorontalo",
    "Sulawesi Barat", "Maluku", "Maluku Utara", "Papua", "Papua Barat", "Papua Selatan", "Papua Tengah",
    "Papua Pegunungan", "Papua Barat Daya",
]  # fmt: skip
TOPICS = [
    "Gotong royong membersihkan saluran air", "Pelatihan membuat kerupuk ikan", "Posyandu balita dan lansia",
    "Musyawarah perencanaan pembangunan desa", "Panen raya lada putih", "Penanaman bibit mangrove",
    "Lomba kebersihan antar-RT", "Sosialisasi pencegahan demam berdarah", "Pasar murah menjelang Lebaran",
    "Pelatihan pemasaran daring bagi UMKM", "Penyaluran bantuan langsung tunai", "Festival budaya kampung",
    "Perbaikan jalan usaha tani", "Kelas literasi digital untuk warga", "Vaksinasi hewan ternak",
    "Turnamen sepak bola pemuda", "Pembukaan perpustakaan desa", "Panen ikan di kolam warga",
    "Pengajian akbar dan santunan anak yatim", "Pemeriksaan kesehatan gratis", "Pelatihan menjahit ibu PKK",
    "Pengumuman jadwal pembagian pupuk", "Rapat koordinasi karang taruna", "Wisata pantai dibuka kembali",
    "Kerja bakti membangun pos ronda", "Penyuluhan pertanian organik", "Peringatan hari kemerdekaan",
    "Bank sampah warga mulai beroperasi", "Madu kelulut hasil petani lebah", "Pelatihan pengolahan kopi",
]  # fmt: skip
SENTENCES = [
    "Kegiatan ini diikuti puluhan warga dari setiap dusun sejak pagi hari.",
    "Kepala desa menyampaikan terima kasih atas partisipasi masyarakat yang luar biasa.",
    "Para peserta mendapat pendampingan langsung dari penyuluh kecamatan.",
    "Hasil kegiatan akan dilaporkan dalam musyawarah desa bulan depan.",
    "Warga berharap kegiatan serupa dapat diadakan secara rutin setiap tahun.",
    "Anggaran kegiatan bersumber dari dana desa dan swadaya masyarakat.",
    "Ibu-ibu PKK menyiapkan konsumsi bagi seluruh peserta kegiatan.",
    "Produk olahan warga kini dipasarkan melalui media sosial dan toko daring.",
    "Pemerintah kabupaten memberikan dukungan berupa peralatan dan pelatihan.",
    "Kelompok tani setempat mencatat kenaikan hasil panen dibanding tahun lalu.",
    "Acara ditutup dengan doa bersama dan makan siang di balai desa.",
    "Pemuda karang taruna membantu mengatur lalu lintas dan keamanan acara.",
    "Informasi lebih lanjut dapat ditanyakan kepada sekretariat KIM di balai desa.",
    "Petugas puskesmas memeriksa tekanan darah dan kadar gula warga lanjut usia.",
    "Sampah plastik yang terkumpul dipilah lalu dijual ke pengepul terdekat.",
    "Para nelayan menyambut baik bantuan jaring dan mesin perahu yang diterima.",
    "Kegiatan berlangsung tertib dengan tetap menjaga kebersihan lingkungan.",
    "Pengurus KIM mendokumentasikan kegiatan untuk disebarluaskan kepada warga.",
    "Harga jual hasil kebun diharapkan membaik setelah akses jalan diperbaiki.",
    "Anak-anak sekolah dasar turut meramaikan kegiatan dengan penampilan tari daerah.",
]
TAGS = [
    "gotong-royong", "umkm", "kesehatan", "pertanian", "perikanan", "pendidikan", "lingkungan", "budaya",
    "pemuda", "pkk", "posyandu", "dana-desa", "wisata", "infrastruktur", "olahraga", "keagamaan",
    "bantuan-sosial", "literasi-digital", "lada", "mangrove", "kopi", "madu", "bank-sampah", "nelayan",
]  # fmt: skip
CATEGORIES = ["berita", "kegiatan", "pengumuman", "potensi-desa", "umkm"]
FIRST_DAY = datetime.date(2022, 1, 1)
DAYS = 5 * 365


def _sql(statement, params=None):
    with connection.cursor() as cursor:
        cursor.execute(statement, params)
        return cursor.rowcount


def _rows(statement, params=None):
    with connection.cursor() as cursor:
        cursor.execute(statement, params)
        return cursor.fetchall()


def _drop_temp(name):
    """Temporary tables are dropped on commit; inside a caller's transaction, drop them first."""
    _sql(f"DROP TABLE IF EXISTS pg_temp.{name}")


def _step(number):
    """The last step of a treebeard path for child `number` (MP_Node, steplen 4, base 36)."""
    from wagtail.models import Page

    return Page._get_path("", 1, number)


def _reset_sequences(tables):
    for table in tables:
        _sql(
            f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "  # nosec B608  # table names of our models
            f"COALESCE((SELECT max(id) FROM {table}), 1))"
        )


# --- Regencies -------------------------------------------------------------------------------------


def create_regencies(total):
    """`total` regencies, the province's own and more, spread over the 38 provinces."""
    from kim_sites.models import Regency
    from kim_sites.registry.provisioning import create_regency

    existing = Regency.objects.count()
    for n in range(existing, total):
        kind = Regency.Kind.KOTA if n % 6 == 0 else Regency.Kind.KABUPATEN
        prefix = "Kota" if kind == Regency.Kind.KOTA else "Kabupaten"
        create_regency(
            name=f"{prefix} Nusantara {n:03d}",
            slug=f"nusantara-{n:03d}",
            kind=kind,
            seat=f"Kota Nusantara {n:03d}",
            province=PROVINCES[n % len(PROVINCES)],
        )
    return Regency.objects.count()


# --- Copies of a provisioned KIM -------------------------------------------------------------------


def provision_template():
    """One KIM provisioned the normal way, whose rows `clone_kims` copies."""
    from kim_sites.models import Kim, Regency
    from kim_sites.registry.provisioning import KimSpec, provision_kims

    kim = Kim.objects.filter(slug=f"kim-{TOKEN}").first()
    if kim is None:
        regency = Regency.objects.order_by("pk").first()
        spec = KimSpec(
            name=f"KIM {TOKEN.title()}",
            regency=regency.slug,
            village=f"Desa {TOKEN.title()}",
            district="Kecamatan Nusantara",
            admin_email=f"{TOKEN}@bench.kim.id",
        )
        provision_kims([spec], send_email=False)  # the settings' task backend indexes its pages
        kim = Kim.objects.get(slug=f"kim-{TOKEN}")
    return Kim.objects.select_related("site", "home_page", "regency__page", "regency__collection").get(pk=kim.pk)


def _root_model(model):
    """The model whose key a model's primary key is (a specific page's key is its Page's)."""
    while model._meta.pk.remote_field is not None and model._meta.pk.remote_field.parent_link:
        model = model._meta.pk.related_model
    return model


def _template_rows(kim):
    """{model: [primary keys]}: every row reachable from the template KIM through foreign keys."""
    from django.apps import apps
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from wagtail.models import Collection, Page, Site

    from kim_sites.models import Kim

    groups = [kim.editor_group_id, kim.admin_group_id]
    rows = {
        Kim: [kim.pk],
        Site: [kim.site_id],
        Page: list(Page.objects.filter(path__startswith=kim.home_page.path).values_list("pk", flat=True)),
        Group: groups,
        Collection: [kim.collection_id],
        get_user_model(): list(
            get_user_model().objects.filter(groups__in=groups).values_list("pk", flat=True).distinct()
        ),
    }
    models = [m for m in apps.get_models(include_auto_created=True) if not m._meta.proxy and m._meta.managed]
    changed = True
    while changed:
        changed = False
        for model in models:
            if model in rows:
                continue
            keys = {}
            for field in model._meta.local_concrete_fields:
                target = field.related_model if field.is_relation else None
                if target is not None and _root_model(target) in rows and _root_model(target) is not model:
                    keys[field.attname] = rows[_root_model(target)]
            if not keys:
                continue
            query = " OR ".join(f'"{column}" = ANY(%s)' for column in keys)
            pk = model._meta.pk.column
            found = [
                r[0]
                for r in _rows(
                    f'SELECT "{pk}" FROM "{model._meta.db_table}" WHERE {query} ORDER BY "{pk}"',  # nosec B608
                    list(keys.values()),
                )
            ]
            if found:
                rows[model] = found
                changed = True
    return rows


def clone_kims(count, *, template, chunk=5_000):
    """`count` copies of `template`, spread over every regency, in chunks of `chunk` per transaction."""
    from wagtail.models import Collection, Page

    from kim_sites.models import Kim, Regency

    _search_weights()  # before the copies: it publishes (then deletes) a post of its own
    rows = _template_rows(template)
    roots = {m: keys for m, keys in rows.items() if _root_model(m) is m}
    regencies = list(Regency.objects.select_related("page", "collection").order_by("pk"))
    home_path = template.home_page.path
    regency_url = template.regency.page.url_path
    already = Kim.objects.filter(slug__startswith="kim-n").count()
    # Next child numbers under each regency's page and collection.
    page_next, coll_next = {}, {}
    for regency in regencies:
        last = Page.objects.filter(path__startswith=regency.page.path, depth=regency.page.depth + 1)
        last = last.order_by("-path").values_list("path", flat=True).first()
        page_next[regency.pk] = int(last[-4:], 36) + 1 if last else 1
        last = Collection.objects.filter(path__startswith=regency.collection.path, depth=regency.collection.depth + 1)
        last = last.order_by("-path").values_list("path", flat=True).first()
        coll_next[regency.pk] = int(last[-4:], 36) + 1 if last else 1
    tables = sorted({m._meta.db_table for m in roots if m._meta.pk.column == "id"} | {"wagtailsearch_indexentry"})
    for start in range(already, already + count, chunk):
        stop = min(start + chunk, already + count)
        with transaction.atomic():
            _drop_temp("clone_slot")
            _sql("CREATE TEMP TABLE clone_slot (k int PRIMARY KEY, regency_id bigint, page_path text, "
                 "url_path text, coll_path text) ON COMMIT DROP")  # fmt: skip
            slots = []
            for k in range(start, stop):
                regency = regencies[k % len(regencies)]
                slots.append(
                    (
                        k,
                        regency.pk,
                        regency.page.path + _step(page_next[regency.pk]),
                        regency.page.url_path,
                        regency.collection.path + _step(coll_next[regency.pk]),
                    )
                )
                page_next[regency.pk] += 1
                coll_next[regency.pk] += 1
            with connection.cursor() as cursor, cursor.copy("COPY clone_slot FROM STDIN") as copy:
                for slot in slots:
                    copy.write_row(slot)
            # One map per key space: template key -> rank, and the first new key.
            bases = {}
            for model, keys in roots.items():
                table = model._meta.db_table
                _drop_temp(f"map_{table}")
                _sql(f"CREATE TEMP TABLE map_{table} (old bigint PRIMARY KEY, r int) ON COMMIT DROP")
                with connection.cursor() as cursor, cursor.copy(f"COPY map_{table} FROM STDIN") as copy:
                    for r, key in enumerate(keys):
                        copy.write_row((key, r))
                top = _rows(f'SELECT COALESCE(max("{model._meta.pk.column}"), 0) FROM "{table}"')[0][0]  # nosec B608
                bases[model] = (top + 1 - start * len(keys), len(keys))
            for model in rows:
                _copy_rows(model, rows, roots, bases, home_path, regency_url)
            _copy_search_entries(bases[Page])
        _reset_sequences(tables)
    _fix_numchild()
    return Kim.objects.count()


def _copy_search_entries(page_keys):
    """The copies' search entries: the template pages' entries, with the copy's words."""
    base, size = page_keys
    config = settings.WAGTAILSEARCH_BACKENDS["default"].get("SEARCH_CONFIG", "simple")
    title_w, body_w = _search_weights()
    text = "replace(replace({}, '" + TOKEN + "', 'n' || s.k), '" + TOKEN.title() + "', 'N' || s.k)"
    title, body = text.format("e.title_text"), text.format("e.body_text")
    _sql(
        "INSERT INTO wagtailsearch_indexentry (content_type_id, object_id, title, autocomplete, body, "  # nosec B608
        " title_norm, title_text, body_text) "
        f"SELECT e.content_type_id, ({base} + s.k * {size} + m.r)::text, "
        f" setweight(to_tsvector('{config}', {title}), '{title_w}'), to_tsvector('simple', {title}), "
        f" setweight(to_tsvector('{config}', {body}), '{body_w}'), e.title_norm, {title}, {body} "
        "FROM wagtailsearch_indexentry e JOIN map_wagtailcore_page m ON e.object_id = m.old::text "
        "CROSS JOIN clone_slot s"
    )


def _copy_rows(model, rows, roots, bases, home_path, regency_url):
    """INSERT ... SELECT of the template's rows of `model`, once per copy in `clone_slot`."""
    from django.db import models as djmodels

    from wagtail.models import Collection, Page

    from kim_sites.models import Kim

    table = model._meta.db_table
    pk_field = model._meta.pk
    root = _root_model(model)
    joins = [f'JOIN map_{root._meta.db_table} m0 ON m0.old = t."{pk_field.column}"']
    columns, values = [], []
    replace = "replace(replace({value}, '" + TOKEN + "', 'n' || s.k), '" + TOKEN.title() + "', 'N' || s.k)"
    for n, field in enumerate(model._meta.local_concrete_fields):
        column = field.column
        value = f't."{column}"'
        target = _root_model(field.related_model) if field.is_relation else None
        if field is pk_field or (target is root and field.primary_key):
            base, size = bases[root]
            value = f"{base} + s.k * {size} + m0.r"
        elif model is Kim and column == "regency_id":
            value = "s.regency_id"
        elif model is Page and column == "path":
            value = f"s.page_path || substr(t.path, {len(home_path) + 1})"
        elif model is Page and column == "url_path":
            value = replace.format(value=f"s.url_path || substr(t.url_path, {len(regency_url) + 1})")
        elif model is Collection and column == "path":
            value = "s.coll_path"
        elif target is not None and target in roots:
            alias = f"m{n + 1}"
            joins.append(f'LEFT JOIN map_{target._meta.db_table} {alias} ON {alias}.old = t."{column}"')
            base, size = bases[target]
            value = f'CASE WHEN {alias}.old IS NULL THEN t."{column}" ELSE {base} + s.k * {size} + {alias}.r END'
        elif isinstance(field, djmodels.UUIDField):
            value = f"md5(t.\"{column}\"::text || '-' || s.k)::uuid"
        elif isinstance(field, (djmodels.CharField, djmodels.TextField)):
            value = replace.format(value=value)
        elif isinstance(field, djmodels.JSONField) or field.get_internal_type() == "JSONField":
            value = replace.format(value=f"{value}::text") + "::jsonb"
        columns.append(f'"{column}"')
        values.append(value)
    keys = rows[model]
    _sql(
        f'INSERT INTO "{table}" ({", ".join(columns)}) '  # nosec B608  # generated from our own models
        f'SELECT {", ".join(values)} FROM "{table}" t {" ".join(joins)} CROSS JOIN clone_slot s '
        f'WHERE t."{pk_field.column}" = ANY(%s)',
        [keys],
    )


def _fix_numchild():
    """Regency pages and collections count their new children, as treebeard would."""
    for table in ("wagtailcore_page", "wagtailcore_collection"):
        _sql(
            f"UPDATE {table} p SET numchild = c.n FROM ("  # nosec B608  # fixed table names
            f"  SELECT substr(path, 1, length(path) - 4) AS parent, count(*) AS n FROM {table} "
            f"  WHERE depth IN (2, 3) GROUP BY 1) c "
            "WHERE p.path = c.parent AND p.numchild <> c.n"
        )


# --- Posts -----------------------------------------------------------------------------------------


_WEIGHTS = {}


def _search_weights():
    """The weight letters (title, body) that the search backend gives a post it indexes itself:
    read off the entry of a post published through Wagtail, then deleted again."""
    if _WEIGHTS:
        return _WEIGHTS["title"], _WEIGHTS["body"]
    from kim_sites.models import PostIndexPage, PostPage

    index = PostIndexPage.objects.order_by("pk").first()
    post = PostPage(
        title="Gotong royong membersihkan saluran air",
        summary=SENTENCES[0],
        date=FIRST_DAY,
        body=[("paragraph", f"<p>{SENTENCES[1]} {SENTENCES[2]}</p>")],
        live=False,
    )
    index.add_child(instance=post)
    post.save_revision().publish()
    sample = _rows(
        "SELECT e.title::text, e.body::text FROM wagtailsearch_indexentry e WHERE e.content_type_id = %s "
        "AND e.object_id = %s",
        [_content_type(PostPage), str(post.pk)],
    )
    post.delete()
    title, body = sample[0]

    def letter(vector):
        found = re.search(r":\d+([ABC])", vector)
        return found.group(1) if found else "D"

    _WEIGHTS.update(title=letter(title), body=letter(body))
    return _WEIGHTS["title"], _WEIGHTS["body"]


def _content_type(model):
    from django.contrib.contenttypes.models import ContentType

    return ContentType.objects.get_for_model(model).pk


def bulk_posts(per_kim, *, extra=None):
    """`per_kim` live posts under every post index that has none yet (`extra`: {index page id: count}
    for KIMs with more). Returns the number of posts written."""
    from taggit.models import Tag
    from wagtail.models import Locale

    from kim_sites.models import PostPage

    extra = extra or {}
    locale = Locale.get_default().pk
    title_w, body_w = _search_weights()
    config = settings.WAGTAILSEARCH_BACKENDS["default"].get("SEARCH_CONFIG", "simple")
    for name in TAGS:
        Tag.objects.get_or_create(slug=name, defaults={"name": name})
    tag_ids = list(Tag.objects.filter(slug__in=TAGS).order_by("pk").values_list("pk", flat=True))
    written = 0
    with transaction.atomic():
        _drop_temp("bench_words")
        _sql("CREATE TEMP TABLE bench_words (topics text[], sentences text[], categories text[], tags int[]) "
             "ON COMMIT DROP")  # fmt: skip
        _sql("INSERT INTO bench_words VALUES (%s, %s, %s, %s)", [TOPICS, SENTENCES, CATEGORIES, tag_ids])
        _drop_temp("bench_steps")
        _sql("CREATE TEMP TABLE bench_steps (i int PRIMARY KEY, step text) ON COMMIT DROP")
        with connection.cursor() as cursor, cursor.copy("COPY bench_steps FROM STDIN") as copy:
            for i in range(1, 36**2):
                copy.write_row((i, _step(i)))
        _drop_temp("bench_src")
        _sql(
            "CREATE TEMP TABLE bench_src ON COMMIT DROP AS "
            "SELECT p.id AS index_id, p.path, p.url_path, p.depth, k.village, k.id AS kim_n, "
            "       p.numchild AS existing, CASE WHEN p.id = ANY(%s) THEN %s ELSE 0 END AS extra "
            "FROM wagtailcore_page p JOIN kim_sites_postindexpage x ON x.page_ptr_id = p.id "
            "JOIN wagtailcore_page h ON h.path = substr(p.path, 1, length(p.path) - 4) "
            "JOIN kim_sites_kimhomepage kh ON kh.page_ptr_id = h.id JOIN kim_sites_kim k ON k.id = kh.kim_id "
            "WHERE (p.numchild = 0 OR p.id = ANY(%s)) AND p.locale_id = %s",
            [list(extra) or [0], max(extra.values(), default=0), list(extra) or [0], locale],
        )
        _sql("ALTER TABLE bench_src ADD COLUMN posts int")
        _sql("UPDATE bench_src SET posts = CASE WHEN existing = 0 THEN %s ELSE 0 END + extra", [per_kim])
        _sql("DELETE FROM bench_src WHERE posts = 0")
        base = _rows("SELECT COALESCE(max(id), 0) + 1 FROM wagtailcore_page")[0][0]
        _drop_temp("bench_posts")
        _sql(
            "CREATE TEMP TABLE bench_posts ON COMMIT DROP AS "  # nosec B608  # bench-only SQL of our own table names and constants
            "SELECT %s + o.offset_n + g.i - o.existing - 1 AS id, o.*, g.i, "
            f"  DATE '{FIRST_DAY.isoformat()}' + ((o.kim_n * 37 + g.i * 211) %% {DAYS})::int AS day, "
            "  w.topics[1 + (o.kim_n * 7 + g.i * 13) %% array_length(w.topics, 1)] AS topic, "
            "  w.categories[1 + (o.kim_n + g.i) %% 5] AS category, "
            "  w.sentences AS sentences, w.tags AS tags "
            "FROM (SELECT *, sum(posts) OVER (ORDER BY index_id) - posts AS offset_n FROM bench_src) o "
            "CROSS JOIN bench_words w CROSS JOIN LATERAL generate_series(o.existing + 1, o.existing + o.posts) g(i)",
            [base],
        )
        _sql("ALTER TABLE bench_posts ADD PRIMARY KEY (id)")
        _sql(
            "UPDATE bench_posts SET topic = topic || ' di ' || village, "
            "  sentences = ARRAY[sentences[1 + (id * 3) % 20], sentences[1 + (id * 7 + 1) % 20], "
            "                    sentences[1 + (id * 11 + 2) % 20], sentences[1 + (id * 13 + 3) % 20], "
            "                    sentences[1 + (id * 17 + 5) % 20]]"
        )
        written = _sql(
            "INSERT INTO wagtailcore_page (id, path, depth, numchild, title, slug, live, has_unpublished_changes, "
            " url_path, seo_title, show_in_menus, search_description, expired, content_type_id, locked, "
            " first_published_at, last_published_at, draft_title, translation_key, locale_id) "
            "SELECT b.id, b.path || s.step, b.depth + 1, 0, b.topic, "
            " 'kabar-' || b.i || '-' || lower(regexp_replace(b.topic, '[^a-zA-Z0-9]+', '-', 'g')), true, false, "
            " b.url_path || 'kabar-' || b.i || '-' || lower(regexp_replace(b.topic, '[^a-zA-Z0-9]+', '-', 'g')) "
            "   || '/', '', false, '', false, %s, false, b.day + TIME '09:00', b.day + TIME '09:00', b.topic, "
            " md5('post-' || b.id)::uuid, %s "
            "FROM bench_posts b JOIN bench_steps s ON s.i = b.i",
            [_content_type(PostPage), locale],
        )
        _sql(
            "INSERT INTO kim_sites_postpage (page_ptr_id, date, category, cover_alt, summary, body) "
            "SELECT id, day, category, '', sentences[1] || ' ' || sentences[2], "
            " jsonb_build_array("
            "  jsonb_build_object('type', 'paragraph', 'value', '<p>' || sentences[2] || ' ' || sentences[3] "
            "    || '</p>', 'id', md5('a' || id)::uuid), "
            "  jsonb_build_object('type', 'paragraph', 'value', '<p>' || sentences[4] || ' ' || sentences[5] "
            "    || '</p>', 'id', md5('b' || id)::uuid)) "
            "FROM bench_posts"
        )
        _sql(
            "INSERT INTO kim_sites_posttag (content_object_id, tag_id) "
            "SELECT id, tags[1 + id % array_length(tags, 1)] FROM bench_posts UNION ALL "
            "SELECT id, tags[1 + (id % array_length(tags, 1) + 1 + (id / 7) % (array_length(tags, 1) - 1)) "
            "  % array_length(tags, 1)] FROM bench_posts"
        )
        _sql(
            "INSERT INTO wagtailsearch_indexentry (content_type_id, object_id, title, autocomplete, body, "  # nosec B608  # bench-only SQL of our own table names and constants
            " title_norm, title_text, body_text) "
            f"SELECT %s, id::text, setweight(to_tsvector('{config}', topic), '{title_w}'), "
            f" to_tsvector('simple', topic), "
            f" setweight(to_tsvector('{config}', array_to_string(sentences, ' ')), '{body_w}'), 1.0, topic, "
            " array_to_string(sentences, ' ') FROM bench_posts",
            [_content_type(PostPage)],
        )
        _sql("UPDATE wagtailcore_page p SET numchild = p.numchild + s.posts FROM bench_src s WHERE p.id = s.index_id")
        _sql(
            "UPDATE wagtailsearch_indexentry SET title_norm = a.lavg / length(title) FROM ("
            " SELECT avg(length(title)) AS lavg FROM wagtailsearch_indexentry WHERE length(title) > 0) a "
            "WHERE title_norm = 1.0 AND length(title) > 0"
        )
        _reset_sequences(["wagtailcore_page", "kim_sites_posttag", "wagtailsearch_indexentry"])
    return written


# --- Translations ----------------------------------------------------------------------------------


def translate_fraction(every, *, measured, budget_s=None):
    """English versions, through wagtail-localize: the measured KIM's home, post index and three
    newest posts, and the home of one KIM in `every` (with its regency's page, where that has no
    English version yet). Returns the pages translated.

    Each translation is a real one (wagtail-localize's source, segments, translated revision,
    published), which costs about two seconds at 10,000 sites on this machine: a larger fraction would make
    the data set a matter of hours. At 100,000 sites one translation took about 26 seconds, so
    `budget_s` stops after that many seconds (each KIM's pages in one transaction)."""
    from home.demo.content import english_locale, translate_page
    from kim_sites.models import Kim, KimHomePage, PostIndexPage, PostPage

    locale = english_locale()
    translated = 0

    def strings(page):
        return {page.title: f"{page.title} (English)"}

    kims = list(Kim.objects.filter(pk__in=[measured.pk]).select_related("regency__page"))
    ids = list(Kim.objects.order_by("pk").values_list("pk", flat=True)[::every])
    kims += [k for k in Kim.objects.filter(pk__in=ids).select_related("regency__page") if k.pk != measured.pk]
    started = time.perf_counter()
    for kim in kims:
        if budget_s and time.perf_counter() - started > budget_s:
            break  # the rest stays Indonesian only (see the docstring)
        with transaction.atomic():
            regency_page = kim.regency.page.specific
            if regency_page.get_translation_or_none(locale) is None:
                translate_page(regency_page, strings(regency_page), locale)
                translated += 1
            home = KimHomePage.objects.get(pk=kim.home_page_id)
            if home.get_translation_or_none(locale) is not None:
                continue
            translate_page(home, strings(home), locale)
            translated += 1
            if kim.pk != measured.pk:
                continue
            index = PostIndexPage.objects.child_of(home).first()
            translate_page(index, strings(index), locale)
            posts = PostPage.objects.child_of(index).live().order_by("-date")[:3]
            for post in posts:
                translate_page(post, strings(post), locale)
            translated += 1 + len(posts)
    return translated


# --- Integrity -------------------------------------------------------------------------------------


def tree_problems(table):
    """treebeard's five find_problems() checks, as set-based SQL over the whole table: bad
    characters, bad path length, orphans, wrong depth, wrong numchild (counts of nodes)."""
    checks = [
        f"SELECT count(*) FROM {table} WHERE path !~ '^[0-9A-Z]*$'",  # nosec B608  # bench-only SQL of our own table names and constants
        f"SELECT count(*) FROM {table} WHERE length(path) % 4 <> 0",  # nosec B608  # bench-only SQL of our own table names and constants
        f"SELECT count(*) FROM {table} c WHERE c.depth > 1 AND NOT EXISTS "  # nosec B608  # bench-only SQL of our own table names and constants
        f"(SELECT 1 FROM {table} p WHERE p.path = substr(c.path, 1, length(c.path) - 4))",
        f"SELECT count(*) FROM {table} WHERE depth <> length(path) / 4",  # nosec B608  # bench-only SQL of our own table names and constants
        f"SELECT count(*) FROM {table} p LEFT JOIN (SELECT substr(path, 1, length(path) - 4) AS parent, count(*) AS n "  # nosec B608  # bench-only SQL of our own table names and constants
        f"FROM {table} WHERE depth > 1 GROUP BY 1) c ON c.parent = p.path WHERE p.numchild <> COALESCE(c.n, 0)",
    ]
    return [_rows(check)[0][0] for check in checks]  # nosec B608  # fixed table names


def check_integrity(*, sample_regencies=None):
    """What `fixtree` checks (treebeard's find_problems for pages and collections), specific rows and
    search entries. Returns {check: figure}.

    treebeard's find_problems() runs two queries per node (about 2 ms per page here: five minutes
    for the 160,000 pages of 10,000 KIMs). With `sample_regencies`, it runs on the subtrees of that
    many regencies (the last ones, which hold copies), and the same five checks run as set-based
    SQL over the whole tables (`tree_problems`)."""
    from wagtail.models import Collection, Page

    from kim_sites.models import Regency

    figures = {}
    for model in (Page, Collection):
        name = model.__name__.lower()
        t = time.perf_counter()
        if sample_regencies:
            field = "page" if model is Page else "collection"
            parents = [
                getattr(r, field) for r in Regency.objects.select_related(field).order_by("-pk")[:sample_regencies]
            ]
            totals = [0] * 5
            for parent in parents:
                totals = [a + len(b) for a, b in zip(totals, model.find_problems(parent=parent), strict=True)]
            figures[f"{name}_find_problems"] = totals
            figures[f"{name}_find_problems_nodes"] = sum(
                model.objects.filter(path__startswith=parent.path).count() for parent in parents
            )
            figures[f"{name}_tree_sql"] = tree_problems(model._meta.db_table)
        else:
            figures[f"{name}_find_problems"] = [len(p) for p in model.find_problems()]
            figures[f"{name}_find_problems_nodes"] = model.objects.count()
        figures[f"{name}_find_problems_s"] = round(time.perf_counter() - t, 1)
    missing = 0
    for model_ct, table in _rows(  # plain Page rows (the pending items) have no specific table
        "SELECT DISTINCT p.content_type_id, c.app_label || '_' || c.model FROM wagtailcore_page p "
        "JOIN django_content_type c ON c.id = p.content_type_id WHERE p.depth > 1 AND c.model <> 'page'"
    ):
        missing += _rows(
            f"SELECT count(*) FROM wagtailcore_page p LEFT JOIN {table} s ON s.page_ptr_id = p.id "  # nosec B608
            "WHERE p.content_type_id = %s AND s.page_ptr_id IS NULL",
            [model_ct],
        )[0][0]
    figures["pages_without_specific_row"] = missing
    figures["live_pages_without_search_entry"] = _rows(
        "SELECT count(*) FROM wagtailcore_page p LEFT JOIN wagtailsearch_indexentry e "
        "ON e.object_id = p.id::text AND e.content_type_id = p.content_type_id "
        "WHERE p.live AND p.depth > 2 AND e.id IS NULL"
    )[0][0]
    figures["ok"] = (
        not any(figures["page_find_problems"])
        and not any(figures["collection_find_problems"])
        and not any(figures.get("page_tree_sql", ()))
        and not any(figures.get("collection_tree_sql", ()))
        and missing == 0
        and figures["live_pages_without_search_entry"] == 0
    )
    return figures
