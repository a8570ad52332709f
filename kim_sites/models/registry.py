"""The KIM registry: regencies (kabupaten/kota) and their KIMs, with the Site, pages, groups and
collection that provisioning (kim_sites/registry/provisioning.py) gives each."""

from django.core.validators import RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kim_sites.access.roles import kims_visible_to, teams_visible_to

slug_validator = RegexValidator(
    r"^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$",
    _("Gunakan huruf kecil, angka dan tanda hubung saja (bisa dipakai sebagai nama host)."),
)


class Regency(models.Model):
    """A kabupaten or kota. Its Diskominfo is the pembina of the KIMs registered in it."""

    class Kind(models.TextChoices):
        KABUPATEN = "kabupaten", _("Kabupaten")
        KOTA = "kota", _("Kota")

    name = models.CharField(_("nama"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=63, unique=True, validators=[slug_validator])
    kind = models.CharField(_("jenis"), max_length=16, choices=Kind.choices, default=Kind.KABUPATEN)
    seat = models.CharField(_("ibu kota"), max_length=100, blank=True)
    province = models.CharField(_("provinsi"), max_length=100, default="Kepulauan Bangka Belitung")
    page = models.OneToOneField(
        "kim_sites.RegencyPage", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    moderator_group = models.OneToOneField(
        "auth.Group", null=True, blank=True, on_delete=models.SET_NULL, related_name="moderated_regency"
    )
    collection = models.OneToOneField(
        "wagtailcore.Collection", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The Diskominfo's contact, shown where a KIM of the regency is suspended; blank: the province's.
    contact_email = models.EmailField(_("e-mail Diskominfo"), blank=True)
    contact_phone = models.CharField(_("telepon Diskominfo"), max_length=32, blank=True)
    contact_address = models.TextField(_("alamat Diskominfo"), max_length=300, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("kabupaten/kota")
        verbose_name_plural = _("kabupaten/kota")

    def __str__(self):
        return self.name


class KimQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status=Kim.Status.ACTIVE)

    def suspended(self):
        """The one definition of a suspended KIM; registry/suspension.py keeps the shared set of
        their hosts and collections that requests consult."""
        return self.filter(status=Kim.Status.SUSPENDED)

    def for_user(self, user):
        """The KIMs a user may see in the admin: all for provincial admins, its regency for moderators."""
        return kims_visible_to(user, self)

    def teams_for(self, user):
        """The KIMs whose team `user` may see and manage (kim_sites/access/roles.py)."""
        return teams_visible_to(user, self)


class Kim(models.Model):
    """A Kelompok Informasi Masyarakat as registered with its pembina (the "platform kemitraan" record)."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("Aktif")
        SUSPENDED = "suspended", _("Ditangguhkan")

    name = models.CharField(_("nama KIM"), max_length=150)
    slug = models.SlugField(_("slug"), max_length=63, unique=True, validators=[slug_validator])
    regency = models.ForeignKey(
        Regency, verbose_name=_("kabupaten/kota"), on_delete=models.PROTECT, related_name="kims"
    )
    district = models.CharField(_("kecamatan"), max_length=100)
    village = models.CharField(_("desa/kelurahan"), max_length=100)
    kemendagri_code = models.CharField(
        _("kode wilayah Kemendagri"),
        max_length=13,
        blank=True,
        validators=[RegexValidator(r"^\d{2}(\.\d{2}){2}(\.\d{4})?$", _("Format kode: 19.01.01.2001"))],
    )
    sk_number = models.CharField(_("nomor SK"), max_length=100, blank=True)
    sk_date = models.DateField(_("tanggal SK"), null=True, blank=True)
    founded_date = models.DateField(_("tanggal berdiri"), null=True, blank=True)
    address = models.TextField(_("alamat sekretariat"), blank=True)
    phone = models.CharField(_("telepon/WhatsApp"), max_length=32, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    facebook_url = models.URLField(_("Facebook"), blank=True)
    instagram_url = models.URLField(_("Instagram"), blank=True)
    youtube_url = models.URLField(_("YouTube"), blank=True)
    tiktok_url = models.URLField(_("TikTok"), blank=True)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.ACTIVE)
    site = models.OneToOneField(
        "wagtailcore.Site", null=True, blank=True, on_delete=models.SET_NULL, related_name="kim"
    )
    home_page = models.OneToOneField(
        "kim_sites.KimHomePage", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The two roles of a KIM's team (kim_sites/team/members.py): every member is in one of them.
    editor_group = models.OneToOneField(
        "auth.Group", null=True, blank=True, on_delete=models.SET_NULL, related_name="edited_kim"
    )
    admin_group = models.OneToOneField(
        "auth.Group", null=True, blank=True, on_delete=models.SET_NULL, related_name="administered_kim"
    )
    collection = models.OneToOneField(
        "wagtailcore.Collection", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("didaftarkan"), default=timezone.now)
    suspended_at = models.DateTimeField(_("ditangguhkan sejak"), null=True, blank=True)

    objects = KimQuerySet.as_manager()

    class Meta:
        ordering = ["regency__name", "district", "name"]
        verbose_name = _("KIM")
        verbose_name_plural = _("KIM")
        indexes = [
            models.Index(fields=["regency", "district"]),
            models.Index(fields=["status"]),
        ]

    def __str__(self):
        return self.name

    @property
    def is_active(self):
        return self.status == self.Status.ACTIVE

    @property
    def hostname(self):
        return self.site.hostname if self.site_id else ""
