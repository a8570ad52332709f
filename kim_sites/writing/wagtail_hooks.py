"""Admin hooks of writing: "Tulis berita" on the dashboard and in the menu, its URLs, and the
editor script that keeps Wagtail's own post form free of ghost drafts and hidden errors."""

from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.html import format_html

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component

from kim_sites.writing.posts import writable_targets_for_request
from kim_sites.writing.views import WriteView, WrittenView


@hooks.register("register_admin_urls")
def register_writing_urls():
    return [
        path("tulis/", WriteView.as_view(), name="kim_write"),
        path("tulis/<int:parent_page_id>/", WriteView.as_view(), name="kim_write_for"),
        path("tulis/selesai/<int:page_id>/", WrittenView.as_view(), name="kim_write_done"),
    ]


class WriteMenuItem(MenuItem):
    def is_shown(self, request):
        return bool(writable_targets_for_request(request))


@hooks.register("register_admin_menu_item")
def register_write_menu_item():
    # Above "Halaman" (order 100): the one thing an editor comes to do.
    return WriteMenuItem("Tulis berita", reverse("kim_write"), name="kim-write", icon_name="edit", order=50)


class WritePanel(Component):
    """The dashboard's first panel for a KIM editor: one big button per KIM the user writes for."""

    name = "kim_write"
    template_name = "kim_sites/writing/write_panel.html"
    order = 10

    class Media:
        css = {"all": ["kim_sites/writing/compose.css"]}

    def render_html(self, parent_context=None):
        if not writable_targets_for_request(parent_context["request"]):
            return ""
        return super().render_html(parent_context)

    def get_context_data(self, parent_context=None):
        targets = writable_targets_for_request(parent_context["request"])
        return {
            "entries": [
                {"kim": target.kim, "url": reverse("kim_write_for", args=(target.index.pk,))} for target in targets
            ],
            "several": len(targets) > 1,
        }


@hooks.register("construct_homepage_panels")
def add_write_panel(request, panels):
    panels.insert(0, WritePanel())


@hooks.register("insert_editor_js")
def editor_js():
    return format_html('<script src="{}"></script>', static("kim_sites/writing/editor.js"))
