"""The slug of a new page is made unique among its siblings: `kabar-desa`, `kabar-desa-2`, ...

An editor who types the same title twice (a second try after an abandoned one, or two posts on
the same event) must not be stopped by "slug already in use", an error Wagtail shows on the
Promote tab where nobody is looking. Only new pages: renaming a live page's slug is a choice.
"""

from wagtail.models import Page

SLUG_MAX_LENGTH = Page._meta.get_field("slug").max_length


def unique_slug(slug, parent_page, instance=None):
    """`slug`, or the first `slug-N` (N ≥ 2) that no sibling under `parent_page` holds."""
    if not slug or parent_page is None:
        return slug
    candidate, number = slug, 1
    while not Page._slug_is_available(candidate, parent_page, instance):
        number += 1
        suffix = f"-{number}"
        candidate = slug[: SLUG_MAX_LENGTH - len(suffix)] + suffix
    return candidate


class UniqueSlugFormMixin:
    """For a page form: a new page's slug that a sibling holds becomes the next free `slug-N`."""

    def clean_slug(self):
        slug = self.cleaned_data.get("slug")
        parent_page = getattr(self, "parent_page", None)
        if self.instance.pk is None and parent_page is not None:
            return unique_slug(slug, parent_page)
        return slug
