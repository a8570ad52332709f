"""RSS 2.0 feeds: one per KIM at /feed/ on the KIM's host, one for the portal at /feed/ on the portal's host.

Items link to the canonical URL of each post on its own KIM's host, carry the publication time in
WIB, and a cover image as Media RSS (`media:content`) where the post has one: RSS's own
<enclosure> needs the file's byte length, which on object storage costs a request per item.
"""

import logging
import mimetypes
from dataclasses import dataclass, field
from datetime import datetime, time

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.db.models import F, Prefetch
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Rss201rev2Feed
from django.utils.html import escape
from django.utils.translation import gettext as _

from wagtail.images import get_image_model

from kim_sites.conf import kim_settings
from kim_sites.models import PostPage
from kim_sites.public.scope import public_pages, scope_for_request
from kim_sites.public.urls import CanonicalUrls

logger = logging.getLogger(__name__)

COVER_FILTER = "fill-1200x630"
MEDIA_RSS_NS = "http://search.yahoo.com/mrss/"


class MediaRssFeed(Rss201rev2Feed):
    """RSS 2.0 with the Media RSS namespace, for cover images."""

    def rss_attributes(self):
        return {**super().rss_attributes(), "xmlns:media": MEDIA_RSS_NS}

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        media = item.get("media")
        if media:
            handler.addQuickElement("media:content", None, media)


@dataclass
class FeedItem:
    post: PostPage
    url: str
    site_name: str
    media: dict | None = None
    from_portal: bool = False


@dataclass
class FeedSource:
    scope: object
    link: str
    feed_url: str
    items: list = field(default_factory=list)


class PostFeed(Feed):
    feed_type = MediaRssFeed

    def get_object(self, request):
        scope = scope_for_request(request)
        if scope is None:
            raise Http404
        root_url = scope.site.root_url
        posts = list(
            public_pages(scope, PostPage)
            .select_related("cover_image")
            .prefetch_related(
                "tagged_items__tag",
                Prefetch(
                    "cover_image__renditions",
                    queryset=get_image_model().get_rendition_model().objects.filter(filter_spec=COVER_FILTER),
                ),
            )
            .order_by(F("first_published_at").desc(nulls_last=True), "-pk")[: kim_settings.KIM_FEED_ITEMS]
        )
        urls = CanonicalUrls()
        urls.prime(posts)
        source = FeedSource(
            scope=scope,
            link=root_url + reverse("wagtail_serve", args=("",)),
            feed_url=root_url + reverse("rss_feed"),
        )
        for post in posts:
            url = urls.url(post)
            if url is None:
                continue
            site = urls.site_for(post)
            source.items.append(
                FeedItem(
                    post=post,
                    url=url,
                    site_name=site.site_name,
                    media=_media(post, site),
                    from_portal=scope.is_portal,
                )
            )
        return source

    def title(self, obj):
        if obj.scope.is_portal:
            return settings.WAGTAIL_SITE_NAME
        return _("Berita %(name)s") % {"name": obj.scope.name}

    def description(self, obj):
        if obj.scope.is_portal:
            return _("Berita dan kegiatan terbaru dari seluruh KIM di %(province)s.") % {
                "province": kim_settings.KIM_PROVINCE_NAME
            }
        kim = obj.scope.kim
        if kim is None:
            return _("Berita dan kegiatan terbaru %(name)s.") % {"name": obj.scope.name}
        return _("Berita dan kegiatan terbaru %(name)s, %(village)s, Kecamatan %(district)s, %(regency)s.") % {
            "name": kim.name,
            "village": kim.village,
            "district": kim.district,
            "regency": kim.regency.name,
        }

    def link(self, obj):
        return obj.link

    def feed_url(self, obj):
        return obj.feed_url

    def items(self, obj):
        return obj.items

    def item_title(self, item):
        # Feed readers treat <title> as HTML: escape once more, as Django's default does.
        return escape(item.post.title)

    def item_description(self, item):
        if item.from_portal and item.site_name:
            # The portal mixes every KIM: say whose post it is.
            return f"{item.site_name}: {item.post.summary}"
        return item.post.summary

    def item_link(self, item):
        return item.url

    def item_guid(self, item):
        return item.url

    def item_pubdate(self, item):
        published = item.post.first_published_at
        if published is None:
            published = timezone.make_aware(datetime.combine(item.post.date, time.min))
        # RSS dates carry their offset: give them in WIB, as the sites do.
        return timezone.localtime(published)

    def item_categories(self, item):
        return [item.post.get_category_display(), *(tagged.tag.name for tagged in item.post.tagged_items.all())]

    def item_extra_kwargs(self, item):
        return {"media": item.media}


def _media(post, site):
    image = post.cover_image
    if image is None:
        return None
    try:
        rendition = image.get_rendition(COVER_FILTER)
    except Exception:  # a missing or unreadable original must not break the feed
        logger.warning("No feed rendition for image %s of page %s", image.pk, post.pk, exc_info=True)
        return None
    url = rendition.url if "://" in rendition.url else site.root_url + rendition.url
    media = {"url": url, "medium": "image", "width": str(rendition.width), "height": str(rendition.height)}
    mime_type, _encoding = mimetypes.guess_type(rendition.file.name)
    if mime_type:
        media["type"] = mime_type
    return media


post_feed = PostFeed()
