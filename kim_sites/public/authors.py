"""The author line of a post: the editor who created it (the page's owner), named the way the
KIM chose in its site settings. Never the e-mail address or the username."""

from django.utils.translation import gettext

from kim_sites.models import AuthorDisplay


def post_author(post, site_settings, kim_name):
    """(name, is_person) for the post, or None when the KIM shows no author.

    An account without a name is credited to the KIM itself, as is a post without an owner."""
    choice = getattr(site_settings, "author_display", AuthorDisplay.FULL_NAME) or AuthorDisplay.FULL_NAME
    if choice == AuthorDisplay.HIDDEN:
        return None
    if choice == AuthorDisplay.TEAM:
        return gettext("Tim %(kim)s") % {"kim": kim_name}, False
    owner = post.owner if post.owner_id else None
    if owner is not None:
        name = (owner.first_name if choice == AuthorDisplay.FIRST_NAME else owner.get_full_name()).strip()
        if choice == AuthorDisplay.FIRST_NAME and not name:
            name = owner.get_full_name().strip()
        if name:
            return name, True
    return kim_name, False
