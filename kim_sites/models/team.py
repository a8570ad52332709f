"""What the team screen tells about a member beyond its role: who invited them, and when.

The role itself is the member's group (Kim.editor_group or Kim.admin_group), as Wagtail's
permissions read it; this record only carries the invitation's history, and goes with the
membership (kim_sites/team/members.py keeps the two together).
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kim_sites.models.registry import Kim


class KimMember(models.Model):
    kim = models.ForeignKey(Kim, on_delete=models.CASCADE, related_name="member_records")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="kim_member_records")
    invited_at = models.DateTimeField(_("diundang"), default=timezone.now)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    last_sent_at = models.DateTimeField(_("undangan terakhir dikirim"), null=True, blank=True)

    class Meta:
        verbose_name = _("anggota tim KIM")
        verbose_name_plural = _("anggota tim KIM")
        constraints = [models.UniqueConstraint(fields=["kim", "user"], name="kim_member_unique")]

    def __str__(self):
        return f"{self.user} — {self.kim}"
