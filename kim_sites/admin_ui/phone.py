"""The admin on a phone: one stylesheet and one small script on every admin page.

KIM editors work from cheap Android phones and moderators often do too. Below Wagtail's own
50em breakpoint, admin-phone.css keeps every screen to the phone's width and shows listings as
cards of labelled lines; admin-phone.js gives the cells of Wagtail's listings their column's label.
"""

from django.templatetags.static import static
from django.utils.html import format_html

from wagtail import hooks


@hooks.register("insert_global_admin_css")
def phone_stylesheet():
    return format_html('<link rel="stylesheet" href="{}">', static("kim_sites/css/admin-phone.css"))


@hooks.register("insert_global_admin_js")
def phone_script():
    return format_html('<script src="{}" defer></script>', static("kim_sites/js/admin-phone.js"))
