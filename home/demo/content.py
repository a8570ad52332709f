"""Demo content, so `make run` looks like a living province: posts, profiles, agenda, galleries.

Each KIM publishes the stories of its own village (home/demo/villages.py), so no headline shows
twice on the portal. Idempotent (every object is looked up by a stable slug or title before it is
made), offline (pictures are drawn with Pillow), and published directly: the demo loader is
trusted. Some pages are translated to English through wagtail-localize, as a translator would.
"""

import datetime
import hashlib
import io
import random
import uuid

from PIL import Image, ImageDraw, ImageFont

from django.core.files.images import ImageFile
from django.db import transaction
from django.utils import timezone

from wagtail.models import Locale, Site
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource

from home.demo.villages import VIDEO, VILLAGES
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

DIVISIONS = ["Divisi Pengumpulan Informasi", "Divisi Pengelolaan Informasi", "Divisi Diseminasi"]

# English of the section titles and the portal, shared by every translated site.
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
    "Kabar terbaru dari Kelompok Informasi Masyarakat se-Kepulauan Bangka Belitung.": "The latest news from the "
    "community information groups (KIM) of the Bangka Belitung Islands.",
}


def village_of(kim):
    """The demo text of `kim`'s own village (home/demo/villages.py)."""
    return VILLAGES[kim.slug]


def _place(kim):
    return f"{village_of(kim)['kind']} {kim.village}"


def _section_intros(kim):
    """The intros of the posts, agenda and gallery sections, in Indonesian and English."""
    place, en_place = _place(kim), f"{kim.village} {'village' if village_of(kim)['kind'] == 'Desa' else 'ward'}"
    return {
        "posts": (
            f"Kabar terbaru dari {place}: kegiatan, pengumuman, potensi dan usaha warga.",
            f"The latest from {en_place}: activities, announcements, local potential and small businesses.",
        ),
        "agenda": (
            f"Jadwal kegiatan warga {place}, yang akan datang dan yang sudah lewat.",
            f"Community events in {en_place}, upcoming and past.",
        ),
        "gallery": (f"Foto-foto kegiatan warga {place}.", f"Photos of community life in {en_place}."),
    }


def _english_for(kim):
    """English strings of one translated KIM's pages; whatever is missing stays Indonesian."""
    data = village_of(kim)
    en = data["en"]
    strings = dict(ENGLISH)
    strings[f"Kelompok Informasi Masyarakat {kim.village}, Kecamatan {kim.district}"] = (
        f"Community Information Group of {kim.village}, {kim.district} District"
    )
    strings[data["intro"]] = en["intro"]
    strings[data["vision"]] = en["vision"]
    strings.update(zip(data["mission"], en["mission"], strict=True))
    strings.update(zip(data["history"], en["history"], strict=True))
    strings.update(_section_intros(kim).values())
    for post in data["posts"]:
        english = en["posts"].get(post["slug"])
        if english is None:
            continue
        strings[post["slug"]] = english["slug"]
        strings[post["title"]] = english["title"]
        strings[post["summary"]] = english["summary"]
        strings.update(zip(post["paragraphs"], english["paragraphs"], strict=True))
        if "quote" in post:
            strings.update(zip(post["quote"], english["quote"], strict=True))
        strings[_cover_alt(kim, post)] = english["alt"]
        if "gallery" in post:
            strings[post["gallery"][0]] = english["gallery"]
    strings.update(en["albums"])
    for caption, english in en["captions"].items():
        strings[caption] = english
        strings[_photo_alt(caption)] = f"{english} (illustration)"
    return strings


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
    # Softened by scaling down and up again: as soft as a small Gaussian blur, at a tenth of its cost.
    half = (width // 2, height // 2)
    shapes = shapes.resize(half, Image.Resampling.BILINEAR).resize(size, Image.Resampling.BILINEAR)
    image = Image.alpha_composite(image.convert("RGBA"), shapes)
    text = ImageDraw.Draw(image)
    big, small = _font(int(height * 0.11)), _font(int(height * 0.05))
    size = int(height * 0.11)
    while text.textlength(label, font=big) > width * 0.8 and size > 24:  # a long label still fits
        size -= 6
        big = _font(size)
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


def _seed(*parts):
    return int(hashlib.sha1("/".join(map(str, parts)).encode(), usedforsecurity=False).hexdigest()[:8], 16)


def _site_settings(kim, n):
    settings_obj = KimSiteSettings.for_site(kim.site)
    if settings_obj.logo_id:
        return settings_obj
    initials = "".join(w[0] for w in kim.name.replace("KIM ", "").split()[:2]).upper()
    settings_obj.logo = _image(kim, f"Logo {kim.name}", draw_logo(initials, ACCENTS[n % len(ACCENTS)]), "logo.png")
    settings_obj.accent_color = ACCENTS[n % len(ACCENTS)]
    settings_obj.contact_phone = f"0812-7{n:03d}-{4000 + n * 37:04d}"
    settings_obj.contact_email = kim.email or f"{kim.slug}@demo.kim.id"
    office = "Balai Desa" if village_of(kim)["kind"] == "Desa" else "Kantor Kelurahan"
    settings_obj.contact_address = f"{office} {kim.village}, Kecamatan {kim.district}, {kim.regency.name}"
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
        home.intro = f"<p>{village_of(kim)['intro']}</p>"
        _publish(home)


def _section(home, model):
    return model.objects.child_of(home).first()


def _photo_alt(caption):
    return f"{caption} (ilustrasi)"


def _cover_alt(kim, post):
    return f"Ilustrasi: {post['label'].lower()} di {kim.village}"


def _photos(kim, captions, label, palette_key, seed, filename):
    """Generated photos with their captions, for a gallery block or an album.

    In the list block's own format (type, value, id): wagtail-localize offers the captions and
    alt texts of a list for translation only in that format."""
    return [
        {
            "type": "item",
            "id": str(uuid.uuid5(uuid.NAMESPACE_URL, f"{kim.slug}/{filename}/{k}")),
            "value": {
                "image": _image(
                    kim,
                    caption,
                    draw_picture(f"{label} {k}", kim.village, PALETTES[palette_key][k % 2], seed + k, (960, 720)),
                    f"{filename}-{k}.jpg",
                ).pk,
                "alt_text": _photo_alt(caption),
                "caption": caption,
            },
        }
        for k, caption in enumerate(captions, 1)
    ]


def _post_body(kim, spec, seed):
    paragraphs = [{"type": "paragraph", "value": f"<p>{p}</p>"} for p in spec["paragraphs"]]
    # The quote sits after the second paragraph, as a reporter would place it.
    body = paragraphs[:2]
    if "quote" in spec:
        body.append({"type": "quote", "value": {"text": spec["quote"][0], "attribution": spec["quote"][1]}})
    body += paragraphs[2:]
    if "gallery" in spec:
        title, captions = spec["gallery"]
        images = _photos(kim, captions, spec["label"], "kegiatan", seed, spec["slug"])
        body.append({"type": "gallery", "value": {"title": title, "images": images}})
    if spec.get("video"):
        url, title = VIDEO
        body.append({"type": "youtube", "value": {"url": url, "title": title}})
    return body


def _posts(kim, home, n):
    index = _section(home, PostIndexPage)
    if index is None:
        return []
    if not index.intro:
        index.intro = f"<p>{_section_intros(kim)['posts'][0]}</p>"
        _publish(index)
    today = timezone.localdate()
    existing = set(PostPage.objects.child_of(index).values_list("slug", flat=True))
    made = []
    # Oldest first, so that the tree's order is the order they were written in.
    for i, spec in enumerate(sorted(village_of(kim)["posts"], key=lambda post: -post["days_ago"])):
        if spec["slug"] in existing:
            continue
        date = today - datetime.timedelta(days=spec["days_ago"])
        seed = _seed(kim.slug, spec["slug"])
        cover = _image(
            kim,
            f"Sampul: {spec['title']}",
            draw_picture(
                spec["label"], f"{kim.village} · {kim.district}", PALETTES[spec["category"]][(n + i) % 2], seed
            ),
            f"{spec['slug']}.jpg",
        )
        post = PostPage(
            title=spec["title"],
            slug=spec["slug"],
            date=date,
            category=spec["category"],
            cover_image=cover,
            cover_alt=_cover_alt(kim, spec),
            summary=spec["summary"],
            body=_post_body(kim, spec, seed),
        )
        index.add_child(instance=post)
        post.tags.add(*spec["tags"])
        _publish(post)
        published = datetime.datetime.combine(date, datetime.time(7 + seed % 10, seed % 60))
        PostPage.objects.filter(pk=post.pk).update(first_published_at=timezone.make_aware(published))
        made.append(post)
    return made


def _profile(kim, home):
    profile = _section(home, ProfilePage)
    if profile is None or profile.vision:
        return profile
    data = village_of(kim)
    profile.vision = data["vision"]
    profile.mission = "<ul>" + "".join(f"<li>{m}</li>" for m in data["mission"]) + "</ul>"
    profile.history = "".join(f"<p>{p}</p>" for p in data["history"])
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
    agenda.intro = f"<p>{_section_intros(kim)['agenda'][0]}</p>"
    today = timezone.localdate()
    for i, (days, start, end, title, place, description) in enumerate(village_of(kim)["events"]):
        agenda.events.add(
            AgendaEvent(
                title=title,
                date=today + datetime.timedelta(days=days),
                start_time=datetime.time(*start),
                end_time=datetime.time(*end),
                location=place,
                description=description,
                sort_order=i,
            )
        )
    _publish(agenda)
    return agenda


def _gallery(kim, home, n):
    gallery = _section(home, GalleryPage)
    if gallery is None or len(gallery.albums):
        return gallery
    gallery.intro = f"<p>{_section_intros(kim)['gallery'][0]}</p>"
    albums = []
    for a, (title, days_ago, description, captions) in enumerate(village_of(kim)["albums"]):
        category = ("kegiatan", "potensi-desa")[a % 2]
        images = _photos(kim, captions, title.split()[0].capitalize(), category, n * 100 + a * 10, f"album-{a}")
        albums.append(
            {
                "type": "album",
                "value": {
                    "title": title,
                    "date": (timezone.localdate() - datetime.timedelta(days=days_ago)).isoformat(),
                    "description": description,
                    "images": images,
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
        for slug in village_of(kim)["en"]["posts"]:
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
