"""Admin and rendering hooks of the scale mechanisms."""

from wagtail import hooks

from .rich_text_links import IndexedPageLinkHandler


@hooks.register("register_rich_text_features", order=100)
def register_indexed_page_links(features):
    # After Wagtail's own registration (order 0), so this handler replaces PageLinkHandler.
    features.register_link_type(IndexedPageLinkHandler)
