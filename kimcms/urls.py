from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from kim_sites import views as kim_views
from search import views as search_views

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("aktivasi/<uidb64>/<token>/", kim_views.ActivationView.as_view(), name="kim_activate"),
    path("aktivasi/selesai/", kim_views.ActivationDoneView.as_view(), name="kim_activate_done"),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)


def _rss_feed_placeholder(request):
    # PLACEHOLDER until the RSS feed view lands: templates need the URL name "rss_feed".
    # Replace this view (and remove this function) when merging the feeds.
    from django.http import Http404

    raise Http404


# Indonesian at /, English at /en/.
urlpatterns += i18n_patterns(
    path("search/", search_views.search, name="search"),
    path("feed/", _rss_feed_placeholder, name="rss_feed"),  # PLACEHOLDER, see above
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
