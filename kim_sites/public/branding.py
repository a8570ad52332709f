"""The images each site makes of itself: a share card for WhatsApp and social media (1200×630)
and its icons (favicon, 32, 192 and 512 px for the web app manifest).

Drawn with Pillow from the site's name, regency and accent colour, and its logo where it has one,
then kept in the default storage (S3 in production) under a name that is the hash of those inputs:
a new name, colour or logo gives new files, and the old URLs keep serving what they served. The
files are drawn once; the cache remembers that they exist, and the site's chrome (cached with the
site, kim_sites/public/chrome.py) carries their URLs, so a page view does no drawing and no storage
call. Only the first chrome build after a change checks the storage, and draws what is missing.
"""

import hashlib
import io
import logging
from dataclasses import dataclass, field
from functools import cache as memoize

from PIL import Image, ImageDraw, ImageFont, ImageOps

from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

logger = logging.getLogger(__name__)

# Bumped when the drawing changes, so every site gets its new files.
DRAWING_VERSION = "1"
CARD_SIZE = (1200, 630)
ICON_SIZES = (32, 192, 512)
FAVICON_SIZES = [(16, 16), (32, 32), (48, 48)]
STORAGE_DIR = "kim-brand"
MEMO_TIMEOUT = 30 * 24 * 3600
FONT_FILES = {
    True: ("DejaVuSans-Bold.ttf", "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"),
    False: ("DejaVuSans.ttf", "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
}


@dataclass
class BrandImages:
    """The stored URLs of one site's card and icons (`icons` by size in px, as text: "192") and the
    favicon's stored name."""

    card_url: str = ""
    card_width: int = CARD_SIZE[0]
    card_height: int = CARD_SIZE[1]
    icons: dict = field(default_factory=dict)
    favicon_name: str = ""


def _digest(*parts):
    return hashlib.sha256("\x1f".join([DRAWING_VERSION, *map(str, parts)]).encode()).hexdigest()[:24]


def _rgb(hex_colour):
    return tuple(int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))


def _font(size, bold=True):
    """DejaVu Sans where the system has it, else the font Pillow ships, so drawing never fails."""
    for name in FONT_FILES[bold]:
        try:
            return ImageFont.truetype(name, size)
        except OSError:
            continue
    return ImageFont.load_default(size)


def _wrap(draw, text, font, width, max_lines):
    lines, line = [], ""
    for word in text.split():
        candidate = f"{line} {word}".strip()
        if not line or draw.textlength(candidate, font=font) <= width:
            line = candidate
        else:
            lines.append(line)
            line = word
    if line:
        lines.append(line)
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = lines[-1].rstrip(".,") + "…"
    return lines


def initial_of(name):
    """The letter of a site's icon: the first of its own name, past a leading "KIM"/"Portal"."""
    words = [w for w in name.split() if w.upper() not in {"KIM", "PORTAL"}] or name.split() or ["K"]
    return words[0][0].upper()


def draw_card(title, subtitle, accent, on_accent):
    """The 1200×630 share card: the accent colour, the site's name large, its regency below."""
    width, height = CARD_SIZE
    image = Image.new("RGB", CARD_SIZE, _rgb(accent))
    draw = ImageDraw.Draw(image)
    ink = _rgb(on_accent)
    margin = 80
    draw.rectangle([margin, 96, margin + 120, 108], fill=ink)
    size = 88
    font = _font(size)
    lines = _wrap(draw, title, font, width - 2 * margin, 3)
    while len(lines) == 3 and size > 56:
        size -= 8
        font = _font(size)
        lines = _wrap(draw, title, font, width - 2 * margin, 3)
    y = 150
    for line in lines:
        draw.text((margin, y), line, font=font, fill=ink)
        y += int(size * 1.2)
    if subtitle:
        small = _font(44, bold=False)
        for line in _wrap(draw, subtitle, small, width - 2 * margin, 2):
            draw.text((margin, max(y + 24, height - 200)), line, font=small, fill=ink)
            y += 56
    return image


def draw_letter_icon(letter, accent, on_accent, size=512):
    """A square icon: the site's initial on its accent colour."""
    image = Image.new("RGB", (size, size), _rgb(accent))
    draw = ImageDraw.Draw(image)
    font = _font(int(size * 0.62))
    draw.text((size / 2, size / 2), letter, font=font, fill=_rgb(on_accent), anchor="mm")
    return image


def draw_logo_icon(logo_file, size=512):
    """A square icon of the logo, whole, centred on white with a margin (maskable-safe)."""
    with Image.open(logo_file) as source:
        source = ImageOps.exif_transpose(source).convert("RGBA")
        inner = int(size * 0.8)
        source = ImageOps.contain(source, (inner, inner), Image.Resampling.LANCZOS)
        image = Image.new("RGBA", (size, size), (255, 255, 255, 255))
        image.alpha_composite(source, ((size - source.width) // 2, (size - source.height) // 2))
        return image.convert("RGB")


def _png(image):
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def _ico(image):
    buffer = io.BytesIO()
    image.save(buffer, format="ICO", sizes=FAVICON_SIZES)
    return buffer.getvalue()


def _ensure(name, render):
    """The stored file `name`, drawn and saved by `render()` when it is not there yet."""
    if not default_storage.exists(name):
        # Same inputs, same bytes: a concurrent drawing of the same name is harmless. Without
        # file overwrite the storage may pick another name; the one it returns is used.
        name = default_storage.save(name, ContentFile(render()))
    return name


def _stored(memo_key, build):
    """`build()`'s result, remembered in the shared cache; None when the storage fails."""
    found = cache.get(memo_key)
    if found is not None:
        return found
    try:
        found = build()
    except OSError:  # the object store is down (StorageUnavailable) or the logo is unreadable
        logger.warning("Brand images not stored (%s); pages go without them for now", memo_key, exc_info=True)
        return None
    cache.set(memo_key, found, MEMO_TIMEOUT)
    return found


def brand_images(title, subtitle, palette, logo=None, letter_name=None):
    """The card and icons of a site, stored once per set of inputs. None when the storage fails."""
    card_key = _digest("card", title, subtitle, palette.accent, palette.on_accent)
    logo_id = (getattr(logo, "file_hash", "") or getattr(getattr(logo, "file", None), "name", "")) if logo else ""
    icon_key = _digest("icon", logo_id, initial_of(letter_name or title), palette.accent, palette.on_accent)

    def build():
        card = _ensure(
            f"{STORAGE_DIR}/card-{card_key}.png",
            lambda: _png(draw_card(title, subtitle, palette.accent, palette.on_accent)),
        )
        base = _icon_base(logo, letter_name or title, palette)
        icons = {
            str(size): default_storage.url(
                _ensure(f"{STORAGE_DIR}/icon-{icon_key}-{size}.png", lambda size=size: _png(_resized(base(), size)))
            )
            for size in ICON_SIZES
        }
        favicon = _ensure(f"{STORAGE_DIR}/favicon-{icon_key}.ico", lambda: _ico(_resized(base(), 48)))
        return BrandImages(card_url=default_storage.url(card), icons=icons, favicon_name=favicon)

    return _stored(f"kim:brand:{card_key}:{icon_key}", build)


def _icon_base(logo, name, palette):
    """A function drawing the 512 px icon on first call only (a logo is read once, if at all)."""
    drawn = []

    def base():
        if not drawn:
            if logo is not None:
                with logo.open_file() as logo_file:
                    drawn.append(draw_logo_icon(logo_file))
            else:
                drawn.append(draw_letter_icon(initial_of(name), palette.accent, palette.on_accent))
        return drawn[0]

    return base


def _resized(image, size):
    return image if image.width == size else image.resize((size, size), Image.Resampling.LANCZOS)


def favicon_bytes(brand, name, palette):
    """The favicon's bytes: the stored file, else (storage down) a letter icon drawn now."""
    if brand is not None and brand.favicon_name:
        try:
            with default_storage.open(brand.favicon_name) as stored:
                return stored.read()
        except OSError:
            logger.warning("Stored favicon %s unreadable; drawing a letter icon", brand.favicon_name)
    return _ico(draw_letter_icon(initial_of(name), palette.accent, palette.on_accent, size=48))


@memoize
def platform_favicon_bytes(name, accent="#0b6e4f", on_accent="#ffffff"):
    """The platform's own letter icon, for hosts that are no site (the same bytes in every process)."""
    return _ico(draw_letter_icon(initial_of(name), accent, on_accent, size=48))
