"""Media on S3-compatible storage, against a real S3 server on loopback (moto's server mode): uploads,
renditions and private documents work; when the store is down or hangs, uploads fail clearly with no
row and no file, and pages keep answering."""

import io
import json
import logging
import os
import subprocess
import sys
from urllib.parse import urlsplit

import boto3
import pytest
import requests
from botocore.config import Config

from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from kim_sites.scale import storage as media_storage
from kimcms.settings.base import BASE_DIR
from tests.factories.media import make_image, png_bytes
from tests.factories.pages import make_post
from tests.support.services import free_port, hanging_server, needs_loopback

pytestmark = [pytest.mark.django_db, needs_loopback]

BUCKET = "kim-media-uji"
PUBLIC_RENDITIONS = {
    "Version": "2012-10-17",
    "Statement": [
        {
            "Effect": "Allow",
            "Principal": "*",
            "Action": "s3:GetObject",
            "Resource": f"arn:aws:s3:::{BUCKET}/media/images/*",
        }
    ],
}
UPLOAD_ERROR = "Penyimpanan media tidak merespons, jadi berkas tidak disimpan."

try:
    from moto.server import ThreadedMotoServer
except ImportError:  # pragma: no cover - depends on the environment
    ThreadedMotoServer = None


@pytest.fixture(scope="module")
def s3_server():
    """moto's S3 server on a free loopback port, for the whole module."""
    if ThreadedMotoServer is None:
        if os.environ.get("CI") == "true":
            pytest.fail("moto[server] is required in CI (requirements-dev.txt)")
        pytest.skip("moto[server] is not installed (pip install -r requirements-dev.txt)")
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    yield f"http://127.0.0.1:{port}"
    server.stop()


@pytest.fixture
def bucket(s3_server):
    client = boto3.client(
        "s3",
        endpoint_url=s3_server,
        aws_access_key_id="uji",
        aws_secret_access_key="uji",
        region_name="us-east-1",
    )
    client.create_bucket(Bucket=BUCKET)
    # As docs/resilience.md ("Media on S3-compatible storage") sets it up: renditions are public, originals and documents are not.
    client.put_bucket_policy(Bucket=BUCKET, Policy=json.dumps(PUBLIC_RENDITIONS))
    yield client
    for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", []):
        client.delete_object(Bucket=BUCKET, Key=item["Key"])
    client.delete_bucket(Bucket=BUCKET)


def point_storage_at(settings, endpoint):
    """Media on S3 as the base settings configure it, at `endpoint`, with short timeouts for the test."""
    settings.AWS_STORAGE_BUCKET_NAME = BUCKET
    settings.AWS_S3_ENDPOINT_URL = endpoint
    settings.AWS_S3_REGION_NAME = "us-east-1"
    settings.AWS_S3_ACCESS_KEY_ID = "uji"
    settings.AWS_S3_SECRET_ACCESS_KEY = "uji"
    settings.AWS_LOCATION = "media"
    settings.AWS_S3_FILE_OVERWRITE = False
    settings.AWS_DEFAULT_ACL = None
    settings.AWS_QUERYSTRING_AUTH = False
    settings.AWS_S3_CUSTOM_DOMAIN = None
    settings.AWS_S3_CLIENT_CONFIG = Config(
        connect_timeout=1, read_timeout=1, retries={"total_max_attempts": 2, "mode": "standard"}
    )
    # Assigning STORAGES makes Django build the default storage again, with the settings above.
    settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": "kim_sites.scale.storage.S3MediaStorage"}}
    media_storage.breaker.reset()


@pytest.fixture
def s3(settings, s3_server, bucket):
    point_storage_at(settings, s3_server)
    yield bucket
    media_storage.breaker.reset()


def keys(client):
    return sorted(item["Key"] for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", []))


def upload_image(client, kim, name="foto.png"):
    return client.post(
        reverse("wagtailimages:add_multiple"),
        {"collection": kim.collection.pk, "files[]": SimpleUploadedFile(name, png_bytes(), content_type="image/png")},
    )


def upload_document(client, kim, name="laporan.pdf", content=b"%PDF-1.4 laporan kegiatan"):
    return client.post(
        reverse("wagtaildocs:add_multiple"),
        {"collection": kim.collection.pk, "files[]": SimpleUploadedFile(name, content, content_type="application/pdf")},
    )


# --- The store is up ------------------------------------------------------------------------------


def test_uploads_and_renditions_go_to_the_bucket_and_no_file_is_overwritten(client, kim, editor, s3):
    client.force_login(editor)
    for _ in range(2):
        response = upload_image(client, kim, "foto.png")
        assert response.json()["success"] is True
    images = list(get_image_model().objects.order_by("pk"))
    assert len(images) == 2 and images[0].file.name != images[1].file.name
    originals = [key for key in keys(s3) if key.startswith("media/original_images/")]
    assert len(originals) == 2

    rendition = images[0].get_rendition("width-100")
    assert f"media/{rendition.file.name}" in keys(s3)
    # Built without signing, path-style on the endpoint, and served by it.
    assert rendition.url.startswith(f"{s3.meta.endpoint_url}/{BUCKET}/media/images/")
    assert requests.get(rendition.url, timeout=5).status_code == 200


def test_urls_are_built_without_botocore(s3, monkeypatch):
    def presign(*args, **kwargs):
        raise AssertionError("url() must not presign")

    monkeypatch.setattr(default_storage.unsigned_connection.meta.client, "generate_presigned_url", presign)
    monkeypatch.setattr(default_storage.connection.meta.client, "generate_presigned_url", presign)
    url = default_storage.url("images/foto uji.width-100.png")
    assert url == f"{s3.meta.endpoint_url}/{BUCKET}/media/images/foto%20uji.width-100.png"


def test_public_base_of_an_s3_compatible_server_and_of_aws():
    assert media_storage.public_base("http://minio.lan:9000", "kim-media", None) == (
        "minio.lan:9000/kim-media",
        "http:",
    )
    assert media_storage.public_base(None, "kim-media", "ap-southeast-3") == (
        "kim-media.s3.ap-southeast-3.amazonaws.com",
        "https:",
    )


def test_documents_are_streamed_by_the_serve_view_never_redirected_to_the_bucket(client, kim, editor, s3):
    client.force_login(editor)
    assert upload_document(client, kim).json()["success"] is True
    document = get_document_model().objects.get()
    client.logout()
    response = client.get(document.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 laporan kegiatan"
    assert document.url.startswith("/documents/")
    assert BUCKET not in response.get("Location", "")
    # Its object in the bucket is not public: the serve view (and its privacy checks) is the only way.
    public_url = f"{s3.meta.endpoint_url}/{BUCKET}/media/{document.file.name}"
    assert requests.get(public_url, timeout=5).status_code == 403


# --- The store is down or hangs -------------------------------------------------------------------


@pytest.fixture(params=["down", "hanging"])
def broken_store(request, settings, s3):
    """The storage pointed at a closed port, or at a server that accepts and never answers."""
    if request.param == "down":
        point_storage_at(settings, f"http://127.0.0.1:{free_port()}")
        yield request.param
    else:
        with hanging_server() as port:
            point_storage_at(settings, f"http://127.0.0.1:{port}")
            yield request.param


# Each request commits on its own, as in production: inside the test's transaction, a failed save
# would leave that transaction unusable (Model.save marks it for rollback), which production never sees.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_upload_while_the_store_fails_is_refused_clearly_with_no_row_and_no_file(
    client, kim, editor, s3, broken_store, settings
):
    client.force_login(editor)
    for response in (upload_image(client, kim), upload_document(client, kim)):
        assert response.status_code == 200
        assert response.json() == {"success": False, "error_message": response.json()["error_message"]}
        assert UPLOAD_ERROR in response.json()["error_message"]
    # The single-file form: the same form again, with the message above it.
    response = client.post(
        reverse("wagtaildocs:add"),
        {
            "title": "Laporan",
            "collection": kim.collection.pk,
            "file": SimpleUploadedFile("laporan.pdf", b"%PDF-1.4", content_type="application/pdf"),
            "tags": "",
        },
    )
    assert response.status_code == 302 and response.url == reverse("wagtaildocs:add")
    assert UPLOAD_ERROR in client.get(response.url).content.decode()
    assert not get_image_model().objects.exists()
    assert not get_document_model().objects.exists()
    assert keys(s3) == []


def test_pages_and_the_image_library_answer_while_the_store_is_down(client, kim, editor, s3, settings):
    settings.KIM_PAGE_CACHE_ENABLED = False
    shown = make_post(kim, "Foto sudah ada", cover=make_image(kim, "Sudah ada"))
    unseen = make_post(kim, "Foto belum dirender", cover=make_image(kim, "Belum dirender"))
    host = kim.site.hostname
    first = client.get(shown.url, HTTP_HOST=host)
    assert first.status_code == 200
    rendition_urls = [r.url for r in shown.cover_image.renditions.all()]
    assert rendition_urls

    point_storage_at(settings, f"http://127.0.0.1:{free_port()}")
    again = client.get(shown.url, HTTP_HOST=host)
    assert again.status_code == 200
    # Existing renditions keep serving (the test's "down" store has another address, hence paths only).
    assert all(urlsplit(url).path in again.content.decode() for url in rendition_urls)
    assert client.get(unseen.url, HTTP_HOST=host).status_code == 200  # a new rendition cannot be made
    client.force_login(editor)
    assert client.get(reverse("wagtailimages:index")).status_code == 200


def test_a_document_download_while_the_store_is_down_is_a_503(client, kim, editor, s3, settings):
    client.force_login(editor)
    assert upload_document(client, kim).json()["success"] is True
    document = get_document_model().objects.get()
    point_storage_at(settings, f"http://127.0.0.1:{free_port()}")
    response = client.get(document.url)
    assert response.status_code == 503 and response["Retry-After"]
    assert "penyimpanan media tidak merespons" in response.content.decode()


def test_production_timeouts_and_attempts_are_shorter_than_gunicorns():
    code = (
        "from kimcms.settings import base as b; c = b.AWS_S3_CLIENT_CONFIG; "
        "print(b.STORAGES['default']['BACKEND'], c.connect_timeout, c.read_timeout, c.retries['total_max_attempts'])"
    )
    env = {**os.environ, "AWS_STORAGE_BUCKET_NAME": "kim-media"}
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, cwd=BASE_DIR, capture_output=True, text=True, check=True
    )
    backend, connect, read, attempts = out.stdout.split()
    assert backend == "kim_sites.scale.storage.S3MediaStorage"
    assert float(connect) == 3 and float(read) == 5 and int(attempts) == 2
    assert int(attempts) * (float(connect) + float(read)) < 30


def test_buffered_read_is_what_a_rendition_gets(s3):
    """An opened file is fetched at once, so that an outage surfaces as an OSError at open."""
    name = default_storage.save("original_images/uji.png", io.BytesIO(png_bytes()))
    with default_storage.open(name) as handle:
        assert handle.read() == png_bytes()
