"""Helpers for the public-site tests: posts, pictures and requests on a KIM's own host."""

import datetime
import io

from PIL import Image

from django.core.files.images import ImageFile
from django.utils import timezone
from django.utils.text import slugify

from wagtail.models import Locale, Site

from home.models import CustomImage
from kim_sites.models import AgendaPage, GalleryPage, KimHomePage, PostIndexPage, PostPage, ProfilePage


def make_image(kim=None, title="Foto uji", size=(800, 450), colour=(30, 120, 90)):
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, "JPEG")
    image = CustomImage(title=title, credit="Dokumentasi uji")
    if kim is not None:
        image.collection = kim.collection
    image.file = ImageFile(io.BytesIO(buffer.getvalue()), name=f"{slugify(title) or 'foto'}.jpg")
    image.save()
    return image


def home_of(kim):
    return KimHomePage.objects.get(pk=kim.home_page_id)


def section(kim, model):
    return model.objects.child_of(home_of(kim)).get()


def post_index(kim):
    return section(kim, PostIndexPage)


def profile(kim):
    return section(kim, ProfilePage)


def agenda(kim):
    return section(kim, AgendaPage)


def gallery(kim):
    return section(kim, GalleryPage)


def make_post(
    kim,
    title="Warga bergotong royong",
    *,
    category="berita",
    date=None,
    live=True,
    tags=(),
    cover=None,
    cover_alt="",
    summary=None,
    body=None,
    slug=None,
):
    """A post under the KIM's post index: published when `live`, else a never-published draft."""
    index = post_index(kim)
    post = PostPage(
        title=title,
        slug=slug or slugify(title)[:80],
        date=date or timezone.localdate(),
        category=category,
        summary=summary or f"Ringkasan: {title}.",
        cover_image=cover,
        cover_alt=cover_alt or (f"Gambar {title}" if cover else ""),
        body=body if body is not None else [{"type": "paragraph", "value": f"<p>Isi tulisan {title}.</p>"}],
        live=False,
    )
    index.add_child(instance=post)
    if tags:
        post.tags.add(*tags)
        post.save()
    revision = post.save_revision()
    if live:
        revision.publish()
        post.refresh_from_db()
    return post


def english():
    locale, _ = Locale.objects.get_or_create(language_code="en")
    return locale


def translate(page, **fields):
    """An English copy of `page` (parents copied as aliases), published with `fields` set."""
    locale = english()
    translated = page.copy_for_translation(locale, copy_parents=True)
    for name, value in fields.items():
        setattr(translated, name, value)
    translated.save()
    translated.save_revision().publish()
    Site.clear_site_root_paths_cache()
    return translated.__class__.objects.get(pk=translated.pk)


def get(client, kim_or_host, path, **extra):
    host = kim_or_host if isinstance(kim_or_host, str) else kim_or_host.site.hostname
    return client.get(path, HTTP_HOST=host, **extra)


def days(n):
    return timezone.localdate() + datetime.timedelta(days=n)
