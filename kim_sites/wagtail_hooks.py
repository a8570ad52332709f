"""Admin integration of the KIM platform."""

from django.utils.translation import gettext_lazy as _

from wagtail import hooks

from . import (
    isolation_hooks,  # noqa: F401
    kinerja_hooks,  # noqa: F401
    moderation_hooks,  # noqa: F401
    public_hooks,  # noqa: F401
    scale_hooks,  # noqa: F401
    task_hooks,  # noqa: F401
    translation_moderation,  # noqa: F401
)


@hooks.register("register_log_actions")
def register_kim_log_actions(actions):
    actions.register_action("kim_sites.provision", _("Aktivasi KIM"), _("KIM diaktivasi"))
    actions.register_action("kim_sites.suspend", _("Penangguhan KIM"), _("KIM ditangguhkan"))
    actions.register_action("kim_sites.reactivate", _("Pengaktifan kembali KIM"), _("KIM diaktifkan kembali"))
    actions.register_action("kim_sites.add_moderator", _("Tambah moderator"), _("Moderator ditambahkan"))
    actions.register_action(
        "kim_sites.resend_activation", _("Kirim ulang aktivasi"), _("Tautan aktivasi dikirim ulang")
    )


from . import kim_admin  # noqa: F401, E402
