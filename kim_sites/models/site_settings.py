"""The settings of each KIM site (logo, colour, contacts), edited by that KIM's own editors."""

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting


@register_setting(icon="cog")
class KimSiteSettings(BaseSiteSetting):
    """Look and contact details of one KIM's site, edited by that KIM's own editors."""

    logo = models.ForeignKey(
        settings.WAGTAILIMAGES_IMAGE_MODEL,
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    accent_color = models.CharField(
        _("warna aksen"),
        max_length=7,
        default="#0b6e4f",
        validators=[RegexValidator(r"^#[0-9a-fA-F]{6}$", _("Gunakan kode warna seperti #0b6e4f."))],
    )
    facebook_url = models.URLField(_("Facebook"), blank=True)
    instagram_url = models.URLField(_("Instagram"), blank=True)
    youtube_url = models.URLField(_("YouTube"), blank=True)
    tiktok_url = models.URLField(_("TikTok"), blank=True)
    contact_phone = models.CharField(_("telepon/WhatsApp"), max_length=32, blank=True)
    contact_email = models.EmailField(_("e-mail"), blank=True)
    contact_address = models.TextField(_("alamat"), blank=True)
    footer_text = models.TextField(_("teks kaki halaman"), blank=True)

    panels = [
        MultiFieldPanel([FieldPanel("logo"), FieldPanel("accent_color")], heading=_("Tampilan")),
        MultiFieldPanel(
            [
                FieldPanel("facebook_url"),
                FieldPanel("instagram_url"),
                FieldPanel("youtube_url"),
                FieldPanel("tiktok_url"),
            ],
            heading=_("Media sosial"),
        ),
        MultiFieldPanel(
            [FieldPanel("contact_phone"), FieldPanel("contact_email"), FieldPanel("contact_address")],
            heading=_("Kontak"),
        ),
        FieldPanel("footer_text"),
    ]
    # Every public page shows the logo: fetch it with the settings.
    select_related = ["logo"]

    class Meta:
        verbose_name = _("pengaturan situs KIM")
