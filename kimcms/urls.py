from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from kim_sites.public import brand_views as kim_brand
from kim_sites.public import feeds as kim_feeds
from kim_sites.public import sitemaps as kim_sitemaps
from kim_sites.reach import beacon as kim_reach
from kim_sites.registry import activation_views as kim_views
from search import views as search_views

# The database out of reach answers 503 with Retry-After, not 500 (kimcms/errors.py).
handler500 = "kimcms.errors.server_error"

urlpatterns = [
    # Isolation overrides of a few admin views (kim_sites/access/admin_urls.py): must come first.
    path("admin/", include("kim_sites.access.admin_urls")),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("aktivasi/<uidb64>/<token>/", kim_views.ActivationView.as_view(), name="kim_activate"),
    path("aktivasi/selesai/", kim_views.ActivationDoneView.as_view(), name="kim_activate_done"),
    # Per host: a KIM's own, or the portal's (the default site).
    path("sitemap.xml", kim_sitemaps.sitemap, name="sitemap"),
    path("sitemap-kim.xml", kim_sitemaps.kim_sitemap_index, name="kim_sitemap_index"),
    path("robots.txt", kim_sitemaps.robots_txt, name="robots_txt"),
    path("favicon.ico", kim_brand.favicon, name="favicon"),
    path("manifest.webmanifest", kim_brand.manifest, name="web_manifest"),
    # The reach beacon (kim_sites/reach/beacon.py): never cached, counts one view.
    path("_dibaca/<int:site_id>/<int:page_id>/<str:signature>/", kim_reach.page_view, name="kim_page_view"),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)


# Indonesian at /, English at /en/.
urlpatterns += i18n_patterns(
    path("search/", search_views.search, name="search"),
    path("feed/", kim_feeds.post_feed, name="rss_feed"),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
