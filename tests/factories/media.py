"""Images in the media library, and the bytes of a small picture."""

import io

from PIL import Image

from django.core.files.images import ImageFile
from django.utils.text import slugify

from home.models import CustomImage


def png_bytes(color="red", size=(8, 8)):
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, "PNG")
    return buffer.getvalue()


def make_image(kim=None, title="Foto uji", size=(800, 450), colour=(30, 120, 90)):
    """A JPEG image with a credit, in the KIM's collection when `kim` is given (else the root one)."""
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, "JPEG")
    image = CustomImage(title=title, credit="Dokumentasi uji")
    if kim is not None:
        image.collection = kim.collection
    image.file = ImageFile(io.BytesIO(buffer.getvalue()), name=f"{slugify(title) or 'foto'}.jpg")
    image.save()
    return image
