"""The admin's help is the platform's own: "Bantuan" leads to the guide shipped with the platform.

Wagtail's help menu (an English editor guide and "what's new" on guide.wagtail.org, with a badge
counting them) is replaced, and the settings menu loses its "Wagtail v…" footer.
"""

from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.html import format_html

from wagtail import hooks
from wagtail.admin.menu import MenuItem, SubmenuMenuItem

from kim_sites.admin_ui import phone  # noqa: F401  (its hooks: the phone layout)
from kim_sites.admin_ui.views import GuideIndexView, GuideTopicView

# Wagtail's names for its help menu and its settings menu (wagtail/admin/wagtail_hooks.py, 8.0.1).
WAGTAIL_HELP_MENU = "help"
WAGTAIL_SETTINGS_MENU = "settings"


@hooks.register("register_admin_urls")
def register_guide_urls():
    return [
        path("bantuan/", GuideIndexView.as_view(), name="kim_guide"),
        path("bantuan/<slug:slug>/", GuideTopicView.as_view(), name="kim_guide_topic"),
    ]


def guide_menu_item(order):
    return MenuItem("Bantuan", reverse("kim_guide"), name="kim-guide", icon_name="help", order=order)


@hooks.register("construct_main_menu")
def use_the_platform_guide(request, menu_items):
    for position, item in enumerate(menu_items):
        if item.name == WAGTAIL_HELP_MENU:
            menu_items[position] = guide_menu_item(item.order)
        elif item.name == WAGTAIL_SETTINGS_MENU and isinstance(item, SubmenuMenuItem):
            # Wagtail's SettingsMenuItem renders a "Wagtail v<version>" footer; a plain submenu has none.
            menu_items[position] = SubmenuMenuItem(
                item.label,
                item.menu,
                name=item.name,
                icon_name=item.icon_name,
                classname=item.classname,
                order=item.order,
            )


@hooks.register("insert_global_admin_css")
def brand_css():
    return format_html('<link rel="stylesheet" href="{}">', static("kim_sites/brand/admin.css"))
