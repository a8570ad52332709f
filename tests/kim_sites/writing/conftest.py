import io

import pytest
from PIL import Image

from django.core.files.uploadedfile import SimpleUploadedFile


def jpeg(size=(4000, 3000), name="foto.jpg", quality=92, noise=True, exif_orientation=None):
    """A photo as a phone takes it: large and detailed (noise compresses as badly as a real scene)."""
    image = Image.effect_noise(size, 40).convert("RGB") if noise else Image.new("RGB", size, (30, 120, 90))
    buffer = io.BytesIO()
    if exif_orientation:
        exif = Image.Exif()
        exif[0x0112] = exif_orientation
        image.save(buffer, "JPEG", quality=quality, exif=exif)
    else:
        image.save(buffer, "JPEG", quality=quality)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


@pytest.fixture
def phone_photo():
    return jpeg()
