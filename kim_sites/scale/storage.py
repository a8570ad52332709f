"""Media on S3-compatible storage that fails fast and clearly when the object store is down.

botocore's defaults (60 s timeouts, several retries) outlast gunicorn's 30 s worker timeout, and
its errors are not OSError, which Wagtail expects of a failing file. So `S3MediaStorage`:
- runs with AWS_S3_CLIENT_CONFIG (short connect and read timeouts, two attempts: base settings);
- turns a network failure, a timeout or a 5xx answer into `StorageUnavailable`, an OSError. Wagtail
  then serves its "not found" rendition for an image it cannot read (image library, pages needing
  a new rendition), and `StorageUnavailableMiddleware` answers an upload or a download with a
  clear Indonesian error instead of a 500;
- after one such failure, fails at once for KIM_S3_FAILFAST_SECONDS in this process, so that a
  page needing twenty new renditions waits for one timeout, not twenty;
- builds public URLs without signing (see `url`).

Renditions that exist are served from their stored URL, with no call to the object store.
"""

import logging
import threading
import time
from urllib.parse import urlsplit

from boto3.exceptions import Boto3Error
from botocore.exceptions import BotoCoreError, ClientError
from storages.backends.s3 import S3Storage

from django.contrib import messages
from django.http import HttpResponse, HttpResponseRedirect, JsonResponse
from django.utils.translation import gettext_lazy as _

from wagtail.images.models import SourceImageIOError

from kim_sites.conf import kim_settings

logger = logging.getLogger(__name__)


class StorageUnavailable(OSError):
    """The object store did not answer, or answered with a server error."""


def is_outage(error):
    if isinstance(error, ClientError):
        status = error.response.get("ResponseMetadata", {}).get("HTTPStatusCode") or 0
        return status >= 500
    return isinstance(error, (BotoCoreError, Boto3Error))


class Breaker:
    """Per-process memory of a recent outage. Only a shortcut: it never decides anything but
    how soon a request gives up, so disagreeing processes are harmless."""

    def __init__(self):
        self.lock = threading.Lock()
        self.down_until = 0.0

    def check(self):
        if time.monotonic() < self.down_until:
            raise StorageUnavailable("Media storage unavailable (failing fast after a recent error)")

    def trip(self):
        with self.lock:
            self.down_until = time.monotonic() + kim_settings.KIM_S3_FAILFAST_SECONDS

    def reset(self):
        with self.lock:
            self.down_until = 0.0


breaker = Breaker()


def guarded(operation):
    """Run `operation()` against the object store, translating an outage to StorageUnavailable."""
    breaker.check()
    try:
        return operation()
    except StorageUnavailable:
        raise
    except Exception as error:
        if is_outage(error):
            breaker.trip()
            logger.warning("Media storage unavailable: %s", error)
            raise StorageUnavailable(f"Media storage unavailable: {error}") from error
        raise


class S3MediaStorage(S3Storage):
    """django-storages' S3Storage, with outages as StorageUnavailable and unsigned URLs built locally."""

    def __init__(self, **settings_overrides):
        super().__init__(**settings_overrides)
        if not self.querystring_auth and not self.custom_domain:
            # Without a custom domain, S3Storage.url() asks botocore for an unsigned presigned URL:
            # about 0.5 ms per image. The same URL, path-style, is a string join.
            self.custom_domain, self.url_protocol = public_base(self.endpoint_url, self.bucket_name, self.region_name)

    def _open(self, name, mode="rb"):
        def open_and_fetch():
            file = super(S3MediaStorage, self)._open(name, mode)
            if "r" in mode:
                # Fetch now, so that an outage surfaces here rather than in the middle of a read.
                file.file  # noqa: B018
            return file

        return guarded(open_and_fetch)

    def _save(self, name, content):
        return guarded(lambda: super(S3MediaStorage, self)._save(name, content))

    def delete(self, name):
        return guarded(lambda: super(S3MediaStorage, self).delete(name))

    def exists(self, name):
        return guarded(lambda: super(S3MediaStorage, self).exists(name))

    def size(self, name):
        return guarded(lambda: super(S3MediaStorage, self).size(name))

    def listdir(self, name):
        return guarded(lambda: super(S3MediaStorage, self).listdir(name))


def public_base(endpoint_url, bucket, region):
    """(host and path, protocol) of the bucket's public URLs, as S3Storage's custom_domain takes them."""
    if endpoint_url:
        parts = urlsplit(endpoint_url)
        return f"{parts.netloc}{parts.path.rstrip('/')}/{bucket}", f"{parts.scheme}:"
    # AWS itself: virtual-hosted style, which every bucket supports.
    return (f"{bucket}.s3.{region}.amazonaws.com" if region else f"{bucket}.s3.amazonaws.com"), "https:"


def rendition_or_none(image, spec):
    """`image.get_rendition(spec)`, or None when its original cannot be read or the rendition
    cannot be stored (the object store is down). For optional images (Open Graph, JSON-LD logo)
    that a page can do without: Wagtail's `{% image %}` tags fall back to "not found" themselves."""
    try:
        return image.get_rendition(spec)
    except (SourceImageIOError, StorageUnavailable):
        logger.warning("No rendition %s of image %s", spec, image.pk, exc_info=True)
        return None


# --- Answering requests that met an outage --------------------------------------------------------

UPLOAD_MESSAGE = _("The media storage is not responding, so the file was not saved. Please try again in a few minutes.")
DOWNLOAD_MESSAGE = _("The file cannot be fetched right now because the media storage is not responding.")


class StorageUnavailableMiddleware:
    """A request that met a storage outage gets a clear answer, never a traceback.

    - Wagtail's multiple upload (images, documents) gets the JSON of a rejected file, so the
      upload list shows the message next to the file;
    - another admin form gets the message above the same form;
    - anything else (a document download) gets a 503 with Retry-After.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, StorageUnavailable):
            return None
        if request.method == "POST" and "files[]" in request.FILES:
            return JsonResponse({"success": False, "error_message": str(UPLOAD_MESSAGE)})
        if request.method == "POST" and request.user.is_authenticated:
            messages.error(request, UPLOAD_MESSAGE)
            return HttpResponseRedirect(request.get_full_path())
        response = HttpResponse(str(DOWNLOAD_MESSAGE), status=503, content_type="text/plain; charset=utf-8")
        response["Retry-After"] = "60"
        response["Cache-Control"] = "no-store"
        return response
