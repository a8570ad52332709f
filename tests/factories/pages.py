"""Pages: the sections provisioning made for a KIM, posts published through Wagtail's own
revisions (so they have a publication time and a history), translations and restrictions."""

from wagtail.models import Locale, Page, PageViewRestriction, Site

from kim_sites.models import AgendaPage, GalleryPage, KimHomePage, PostIndexPage, PostPage, ProfilePage
from tests.support.clock import clock


def home_of(kim):
    return KimHomePage.objects.get(pk=kim.home_page_id)


def section(kim, model_or_slug):
    """The section of the KIM's home page of that page type, or with that slug."""
    if isinstance(model_or_slug, str):
        return Page.objects.child_of(kim.home_page).get(slug=model_or_slug).specific
    return model_or_slug.objects.child_of(home_of(kim)).get()


def post_index(kim):
    """The Berita & Kegiatan index of a KIM."""
    return PostIndexPage.objects.child_of(kim.home_page).get(slug="berita")


def profile(kim):
    return section(kim, ProfilePage)


def agenda(kim):
    return section(kim, AgendaPage)


def gallery(kim):
    return section(kim, GalleryPage)


def _stream(body):
    if isinstance(body, str):
        return [("paragraph", f"<p>{body}</p>")] if body else []
    return list(body or [])


def make_post(
    kim=None,
    title="Kabar desa",
    *,
    index=None,
    slug=None,
    summary=None,
    date=None,
    category=PostPage.Category.BERITA,
    body=None,
    tags=(),
    cover=None,
    cover_alt=None,
    owner=None,
    by=None,
    live=True,
    at=None,
):
    """A post under the KIM's Berita & Kegiatan index (or `index`), saved as a revision by `by`
    and published through it when `live` (as an approval would, by no one in particular), else
    left a never-published draft.

    `body` is a paragraph's text or a StreamField value; `slug` defaults to Wagtail's own (from the
    title), `date` to the model's (today), `cover_alt` to "Gambar <title>" when there is a cover.
    With `at`, everything happens at that moment (see `tests.support.clock`).
    """
    index = index or post_index(kim)
    with clock(at):
        post = PostPage(
            title=title,
            summary=f"Ringkasan {title}" if summary is None else summary,
            category=category,
            cover_image=cover,
            cover_alt=(f"Gambar {title}" if cover else "") if cover_alt is None else cover_alt,
            body=_stream(body),
            owner=owner,
            live=False,
        )
        if slug:
            post.slug = slug
        if date is not None:
            post.date = date
        index.add_child(instance=post)
        if tags:
            post.tags.add(*tags)
            post.save()
        revision = post.save_revision(user=by)
        if live:
            revision.publish()
    post.refresh_from_db()
    return post


def restrict(page, password="rahasia"):
    """Put `page` and everything below it behind a password."""
    return PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password=password
    )


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
