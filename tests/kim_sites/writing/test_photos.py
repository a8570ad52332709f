"""Photos are scaled down on arrival, on every upload path: a 4000×3000 phone photo is stored at
KIM_IMAGE_MAX_EDGE px on its long side and a fraction of its bytes."""

import io

import pytest
from PIL import Image

from django.core.files.uploadedfile import SimpleUploadedFile

from home.models import CustomImage
from kim_sites.writing.photos import scaled_down
from tests.kim_sites.writing.conftest import jpeg
from tests.support.admin import login

pytestmark = pytest.mark.django_db


def stored_size(image):
    with image.open_file() as f, Image.open(f) as picture:
        return picture.size


def test_wagtail_upload_form_stores_a_phone_photo_scaled_down(kim, editor, phone_photo):
    original_bytes = phone_photo.size
    response = login(editor).post(
        "/admin/images/add/",
        {"title": "Panen lada", "file": phone_photo, "collection": kim.collection_id, "tags": "", "credit": ""},
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    image = CustomImage.objects.get()
    assert (image.width, image.height) == (1600, 1200) == stored_size(image)
    assert image.file_size == image.file.size
    assert image.file_size < original_bytes / 4, (original_bytes, image.file_size)
    print(f"4000×3000 JPEG: {original_bytes} bytes uploaded, {image.file_size} bytes stored at 1600×1200")


def test_wagtail_multiple_uploader_and_chooser_scale_down_too(kim, editor):
    client = login(editor)
    response = client.post(
        "/admin/images/multiple/add/",
        {"files[]": jpeg(size=(3000, 4000), noise=False), "collection": kim.collection_id, "title": "Tegak"},
        headers={"x-requested-with": "XMLHttpRequest"},
    )
    assert response.status_code == 200, response.content.decode()[:2000]
    response = client.post(
        "/admin/images/chooser/create/",
        {
            "image-chooser-upload-title": "Dari pemilih",
            "image-chooser-upload-file": jpeg(size=(5000, 2000), noise=False),
            "image-chooser-upload-collection": kim.collection_id,
            "image-chooser-upload-tags": "",
            "image-chooser-upload-credit": "",
        },
    )
    assert response.status_code == 200, response.content.decode()[:2000]
    sizes = sorted((image.width, image.height) for image in CustomImage.objects.all())
    assert sizes == [(1200, 1600), (1600, 640)]


def test_a_photo_small_enough_is_stored_as_it_came(kim):
    upload = jpeg(size=(1200, 900))
    raw = upload.read()
    upload.seek(0)
    image = CustomImage(title="kecil", collection=kim.collection, file=upload)
    image.save()
    with image.open_file() as f:
        assert f.read() == raw
    # Set in code, not through Wagtail's views: the size and hash are filled in all the same.
    image.refresh_from_db()
    assert image.file_size == len(raw) and len(image.file_hash) == 40


def test_the_orientation_the_phone_recorded_is_applied_before_scaling():
    # Stored 4000×3000 with "rotate 90°" in EXIF: the photo is upright at 3000×4000.
    scaled = scaled_down(jpeg(size=(4000, 3000), noise=False, exif_orientation=6))
    with Image.open(scaled) as picture:
        assert picture.size == (1200, 1600)
        assert picture.getexif().get(0x0112) in (None, 1)


def test_png_stays_png_and_the_limit_is_a_setting(settings):
    settings.KIM_IMAGE_MAX_EDGE = 800
    buffer = io.BytesIO()
    Image.new("RGBA", (2000, 1000), (0, 0, 0, 0)).save(buffer, "PNG")
    scaled = scaled_down(SimpleUploadedFile("logo.png", buffer.getvalue(), content_type="image/png"))
    with Image.open(scaled) as picture:
        assert picture.format == "PNG" and picture.size == (800, 400) and picture.mode == "RGBA"


def test_what_is_not_a_still_image_is_left_alone():
    assert scaled_down(SimpleUploadedFile("x.jpg", b"bukan gambar")) is None
    frames = [Image.new("RGB", (2400, 2400), c) for c in ("red", "blue")]
    buffer = io.BytesIO()
    frames[0].save(buffer, "GIF", save_all=True, append_images=frames[1:])
    assert scaled_down(SimpleUploadedFile("anim.gif", buffer.getvalue())) is None
