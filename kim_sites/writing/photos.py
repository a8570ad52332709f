"""Photos scaled down on arrival, whatever path uploaded them.

A phone's photo is 4000×3000 px and 3-5 MB; a KIM page never shows one wider than 1200 px. The
browser scales photos down before upload (static/kim_sites/writing/compose.js), but Wagtail's own
upload forms, the chooser and old browsers send the original, so the image model scales again
here before the file reaches the storage (home.models.CustomImage.save). The long side becomes
KIM_IMAGE_MAX_EDGE, the EXIF orientation is applied first (the pixels are turned, not tagged), and
the format is kept. Animated images and unknown formats are left as they are.
"""

import io
import os

from PIL import Image, ImageOps

from django.core.files.base import ContentFile

from kim_sites.conf import kim_settings

SCALED_FORMATS = {"JPEG", "PNG", "WEBP"}


def scaled_down(file, max_edge=None, quality=None):
    """A ContentFile of `file` at most `max_edge` px on its long side, or None when it is small
    enough already (or not a still image this can scale). `file` is read and rewound."""
    max_edge = max_edge or kim_settings.KIM_IMAGE_MAX_EDGE
    quality = quality or kim_settings.KIM_IMAGE_JPEG_QUALITY
    file.seek(0)
    try:
        with Image.open(file) as image:
            if image.format not in SCALED_FORMATS or getattr(image, "is_animated", False):
                return None
            if max(image.size) <= max_edge:
                return None
            fmt = image.format
            image = ImageOps.exif_transpose(image)
            image.thumbnail((max_edge, max_edge), Image.Resampling.LANCZOS)
            buffer = io.BytesIO()
            if fmt == "JPEG":
                if image.mode not in ("RGB", "L"):
                    image = image.convert("RGB")
                image.save(buffer, "JPEG", quality=quality, optimize=True, progressive=True)
            elif fmt == "WEBP":
                image.save(buffer, "WEBP", quality=quality)
            else:
                image.save(buffer, "PNG", optimize=True)
    except (OSError, ValueError, Image.DecompressionBombError):
        # Not an image Pillow can read: the upload form's own validation answers for it.
        return None
    finally:
        file.seek(0)
    return ContentFile(buffer.getvalue(), name=os.path.basename(file.name or "foto"))
