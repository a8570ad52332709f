"""Admin hooks of the KIM registry: the "KIM" menu's viewset and the audit-log actions."""

from django.utils.translation import gettext_lazy as _

from wagtail import hooks

from kim_sites.registry.admin_views import kim_viewset
from kim_sites.registry.regency_views import regency_viewset


@hooks.register("register_admin_viewset")
def register_kim_viewset():
    return kim_viewset


@hooks.register("register_admin_viewset")
def register_regency_viewset():
    return regency_viewset


@hooks.register("register_log_actions")
def register_kim_log_actions(actions):
    actions.register_action("kim_sites.provision", _("Aktivasi KIM"), _("KIM diaktivasi"))
    actions.register_action("kim_sites.suspend", _("Penangguhan KIM"), _("KIM ditangguhkan"))
    actions.register_action("kim_sites.reactivate", _("Pengaktifan kembali KIM"), _("KIM diaktifkan kembali"))
    actions.register_action("kim_sites.add_moderator", _("Tambah moderator"), _("Moderator ditambahkan"))
    actions.register_action(
        "kim_sites.resend_activation", _("Kirim ulang aktivasi"), _("Tautan aktivasi dikirim ulang")
    )
    # The team's changes (kim_sites/team/members.py).
    actions.register_action("kim_sites.team.invite", _("Undang anggota tim"), _("Anggota tim diundang"))
    actions.register_action("kim_sites.team.resend", _("Kirim ulang undangan"), _("Undangan dikirim ulang"))
    actions.register_action("kim_sites.team.cancel", _("Batalkan undangan"), _("Undangan dibatalkan"))
    actions.register_action("kim_sites.team.change_role", _("Ubah peran anggota"), _("Peran anggota diubah"))
    actions.register_action("kim_sites.team.remove", _("Keluarkan anggota"), _("Anggota dikeluarkan dari tim"))
