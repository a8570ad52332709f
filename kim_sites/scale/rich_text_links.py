"""Rich-text page links in one query, resolved through the site index.

Wagtail's PageLinkHandler loads the linked pages with `.specific()` (a query for the page rows,
then one per page type) only to ask each for its URL. A page type that does not customise its
URL needs nothing beyond the base row, so only the others are loaded specifically.
"""

from django.utils.html import escape

from wagtail.models import Page
from wagtail.models.pages import AbstractPage
from wagtail.rich_text.pages import PageLinkHandler

_STOCK_URL_PARTS = AbstractPage.get_url_parts


class IndexedPageLinkHandler(PageLinkHandler):
    @classmethod
    def get_many(cls, attrs_list):
        ids = [attrs.get("id") for attrs in attrs_list]
        pages = {str(page.pk): page for page in Page.objects.filter(id__in=ids).defer_streamfields()}
        for key, page in list(pages.items()):
            specific_class = page.specific_class
            if specific_class is None or specific_class.get_url_parts is not _STOCK_URL_PARTS:
                pages[key] = page.specific
        return [pages.get(str(id_)) for id_ in ids]

    @classmethod
    def expand_db_attributes_many(cls, attrs_list):
        return [f'<a href="{escape(page.localized.url)}">' if page else "<a>" for page in cls.get_many(attrs_list)]
