"""Admin integration of the Kinerja KIM report: its URLs and its entry in the Reports menu."""

from django.urls import path, reverse

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from kim_sites.kinerja import report as kinerja
from kim_sites.kinerja import views as kinerja_views


class KinerjaMenuItem(MenuItem):
    def is_shown(self, request):
        return kinerja.user_can_view_kinerja(request.user)


@hooks.register("register_admin_urls")
def register_kinerja_urls():
    return [
        path("kinerja/", kinerja_views.KinerjaReportView.as_view(), name="kinerja_report"),
        path(
            "kinerja/hasil/",
            kinerja_views.KinerjaReportView.as_view(results_only=True),
            name="kinerja_report_results",
        ),
        path("kinerja/kim/<int:pk>/", kinerja_views.KinerjaKimView.as_view(), name="kinerja_kim"),
    ]


@hooks.register("register_reports_menu_item")
def register_kinerja_menu_item():
    return KinerjaMenuItem(
        "Kinerja KIM", reverse("kinerja_report"), name="kinerja-kim", icon_name="clipboard-list", order=50
    )
