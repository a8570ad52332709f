"""Helpers for the public-facing tests: posts published as an editor's approved work would be."""

import datetime
import io

from PIL import Image as PILImage

from django.conf import settings
from django.core.files.images import ImageFile

from wagtail.images import get_image_model
from wagtail.models import Page, PageViewRestriction, Site

from kim_sites.models import PostIndexPage, PostPage

_counter = iter(range(1, 10**9))


def berita_index(kim):
    return PostIndexPage.objects.child_of(kim.home_page).get(slug="berita")


def section(kim, slug):
    return Page.objects.child_of(kim.home_page).get(slug=slug).specific


def add_post(kim, title, *, summary="", body="", publish=True, date=None, category="berita", cover_image=None, tags=()):
    """A post under the KIM's `berita` index. Published through a revision, so it has a publication time."""
    n = next(_counter)
    post = PostPage(
        title=title,
        slug=f"berita-{n}",
        summary=summary or f"Ringkasan {title}",
        date=date or datetime.date(2023, 12, 11),
        category=category,
        live=False,
        cover_image=cover_image,
        cover_alt="Foto kegiatan" if cover_image else "",
        body=[("paragraph", f"<p>{body}</p>")] if body else [],
    )
    berita_index(kim).add_child(instance=post)
    for tag in tags:
        post.tags.add(tag)
    revision = post.save_revision()
    if publish:
        revision.publish()
        post.refresh_from_db()
    return post


def restrict(page, password="rahasia"):
    """Put `page` and everything below it behind a password."""
    return PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password=password
    )


def use_portal_hostname():
    """The default site at the portal's hostname, as `load_demo` sets it."""
    site = Site.objects.get(is_default_site=True)
    site.hostname = settings.PORTAL_HOSTNAME
    site.save()
    return site


def make_image(title="Foto uji", size=(1600, 1000)):
    buffer = io.BytesIO()
    PILImage.new("RGB", size, (11, 110, 79)).save(buffer, format="JPEG")
    return get_image_model().objects.create(
        title=title, file=ImageFile(io.BytesIO(buffer.getvalue()), name=f"{title.replace(' ', '-')}.jpg")
    )
