"""The settings of each KIM site (logo, colour, share image, author display, contacts), edited by
that KIM's own editors."""

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting


class AuthorDisplay(models.TextChoices):
    """How a KIM names the author of its posts: the editor who created the post, or the team."""

    FULL_NAME = "lengkap", _("Nama lengkap")
    FIRST_NAME = "depan", _("Nama depan")
    TEAM = "tim", _("Nama tim (Tim KIM …)")
    HIDDEN = "tidak", _("Tidak ditampilkan")


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
    share_image = models.ForeignKey(
        settings.WAGTAILIMAGES_IMAGE_MODEL,
        verbose_name=_("gambar saat dibagikan"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "Tampil di WhatsApp dan media sosial untuk halaman tanpa gambar sampul. "
            "Kosongkan untuk kartu otomatis berisi nama KIM."
        ),
    )
    author_display = models.CharField(
        _("penulis berita ditampilkan sebagai"),
        max_length=10,
        choices=AuthorDisplay.choices,
        default=AuthorDisplay.FULL_NAME,
    )

    panels = [
        MultiFieldPanel(
            [FieldPanel("logo"), FieldPanel("accent_color"), FieldPanel("share_image")], heading=_("Tampilan")
        ),
        FieldPanel("author_display"),
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
    select_related = ["logo", "share_image"]

    class Meta:
        verbose_name = _("pengaturan situs KIM")
