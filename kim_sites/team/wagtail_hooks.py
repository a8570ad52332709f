"""Admin hooks of the team screens: their URLs under /admin/tim/ and the "Tim KIM" menu item,
shown only to those who manage at least one team."""

from django.urls import path, reverse

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from kim_sites.team.admin_views import (
    CancelView,
    InviteView,
    RemoveView,
    ResendView,
    RoleView,
    TeamIndexView,
    TeamView,
    visible_teams,
)


@hooks.register("register_admin_urls")
def register_team_urls():
    member = "tim/<int:kim_id>/anggota/<int:user_id>"
    return [
        path("tim/", TeamIndexView.as_view(), name="kim_team_index"),
        path("tim/<int:kim_id>/", TeamView.as_view(), name="kim_team"),
        path("tim/<int:kim_id>/undang/", InviteView.as_view(), name="kim_team_invite"),
        path(f"{member}/peran/", RoleView.as_view(), name="kim_team_role"),
        path(f"{member}/keluarkan/", RemoveView.as_view(), name="kim_team_remove"),
        path(f"{member}/kirim-ulang/", ResendView.as_view(), name="kim_team_resend"),
        path(f"{member}/batalkan/", CancelView.as_view(), name="kim_team_cancel"),
    ]


class TeamMenuItem(MenuItem):
    def is_shown(self, request):
        return visible_teams(request.user).exists()


@hooks.register("register_admin_menu_item")
def register_team_menu_item():
    return TeamMenuItem("Tim KIM", reverse("kim_team_index"), name="kim-team", icon_name="group", order=160)
