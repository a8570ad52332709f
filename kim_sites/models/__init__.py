"""The KIM registry and the pages of every KIM website.

The page tree mirrors the administrative hierarchy: Root → RegencyPage → KimHomePage → sections.
Each KimHomePage is the root of its KIM's own Site, so Wagtail's permission and workflow
inheritance scopes every KIM to itself and every regency to its own KIMs.
"""

import uuid

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.forms.models import AbstractEmailForm, AbstractFormField
from wagtail.contrib.forms.panels import FormSubmissionsPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, Task
from wagtail.search import index

from kim_sites.access.scheduling import KimFormPageForm, KimPageForm
from kim_sites.public import context as public
from kim_sites.public.aspirasi import AspirasiFormMixin
from kim_sites.public.blocks import AlbumBlock, PostBodyBlock
from kim_sites.public.i18n import LocaleFallbackRouteMixin

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

    class Meta:
        ordering = ["name"]
        verbose_name = _("kabupaten/kota")
        verbose_name_plural = _("kabupaten/kota")

    def __str__(self):
        return self.name


class KimQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status=Kim.Status.ACTIVE)

    def for_user(self, user):
        """The KIMs a user may see in the admin: all for provincial admins, its regency for moderators."""
        from kim_sites.access.roles import kims_visible_to

        return kims_visible_to(user, self)


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
    editor_group = models.OneToOneField(
        "auth.Group", null=True, blank=True, on_delete=models.SET_NULL, related_name="edited_kim"
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


# --- Pages -----------------------------------------------------------------------------------


class RegencyPage(Page):
    """A regency's branch of the tree. Moderator permissions and the workflow attach here once,
    and every KIM created below inherits them."""

    regency = models.ForeignKey(Regency, null=True, on_delete=models.PROTECT, related_name="+")
    intro = RichTextField(_("pengantar"), blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    base_form_class = KimPageForm  # editors cannot schedule: see schedule_permissions
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["kim_sites.KimHomePage"]

    class Meta:
        verbose_name = _("halaman kabupaten/kota")
        verbose_name_plural = _("halaman kabupaten/kota")


class KimHomePage(LocaleFallbackRouteMixin, Page):
    """The home page of one KIM and the root page of its Site: identity, latest posts, agenda."""

    kim = models.ForeignKey(Kim, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    tagline = models.CharField(_("slogan"), max_length=255, blank=True)
    intro = RichTextField(_("sambutan"), blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("tagline"), FieldPanel("intro")]
    base_form_class = KimPageForm  # editors cannot schedule: see schedule_permissions
    parent_page_types = ["kim_sites.RegencyPage"]
    subpage_types = [
        "kim_sites.PostIndexPage",
        "kim_sites.ProfilePage",
        "kim_sites.GalleryPage",
        "kim_sites.AgendaPage",
        "kim_sites.AspirasiFormPage",
    ]

    class Meta:
        verbose_name = _("beranda KIM")
        verbose_name_plural = _("beranda KIM")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(public.kim_home_context(self, request))
        return context


class PostIndexPage(Page):
    """Berita & Kegiatan: the list of a KIM's posts, filterable by category and tag."""

    intro = RichTextField(_("pengantar"), blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    base_form_class = KimPageForm  # editors cannot schedule: see schedule_permissions
    parent_page_types = ["kim_sites.KimHomePage"]
    subpage_types = ["kim_sites.PostPage"]

    class Meta:
        verbose_name = _("indeks berita")
        verbose_name_plural = _("indeks berita")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(public.post_index_context(self, request))
        return context


class PostTag(TaggedItemBase):
    content_object = ParentalKey("kim_sites.PostPage", on_delete=models.CASCADE, related_name="tagged_items")


class PostPage(Page):
    """A post: the unit of a KIM's work that its pembina approves and the public reads."""

    class Category(models.TextChoices):
        BERITA = "berita", _("Berita")
        KEGIATAN = "kegiatan", _("Kegiatan")
        PENGUMUMAN = "pengumuman", _("Pengumuman")
        POTENSI_DESA = "potensi-desa", _("Potensi Desa")
        UMKM = "umkm", _("UMKM")

    date = models.DateField(_("tanggal"), default=timezone.localdate)
    category = models.CharField(_("kategori"), max_length=20, choices=Category.choices, default=Category.BERITA)
    cover_image = models.ForeignKey(
        settings.WAGTAILIMAGES_IMAGE_MODEL,
        verbose_name=_("gambar sampul"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    cover_alt = models.CharField(
        _("teks alternatif gambar sampul"),
        max_length=255,
        blank=True,
        help_text=_("Wajib bila ada gambar sampul: jelaskan isi gambar untuk pembaca layar."),
    )
    summary = models.TextField(
        _("ringkasan"), max_length=300, help_text=_("Satu-dua kalimat, tampil di daftar berita.")
    )
    body = StreamField(PostBodyBlock(), verbose_name=_("isi"), blank=True)
    tags = ClusterTaggableManager(through=PostTag, blank=True, verbose_name=_("tag"))

    content_panels = [
        *Page.content_panels,
        FieldRowPanel([FieldPanel("date"), FieldPanel("category")]),
        MultiFieldPanel([FieldPanel("cover_image"), FieldPanel("cover_alt")], heading=_("Gambar sampul")),
        FieldPanel("summary"),
        FieldPanel("body"),
        FieldPanel("tags"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("category"),
        index.FilterField("date"),
    ]
    base_form_class = KimPageForm  # editors cannot schedule: see schedule_permissions
    parent_page_types = ["kim_sites.PostIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("berita")
        verbose_name_plural = _("berita")

    def clean(self):
        super().clean()
        from django.core.exceptions import ValidationError

        if self.cover_image_id and not self.cover_alt.strip():
            raise ValidationError({"cover_alt": _("Isi teks alternatif untuk gambar sampul.")})

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(public.post_context(self, request))
        return context


class ProfilePage(Page):
    """Profil: who the KIM is, its visi-misi, history and pengurus."""

    vision = models.TextField(_("visi"), blank=True)
    mission = RichTextField(_("misi"), blank=True, features=["ol", "ul", "bold", "italic"])
    history = RichTextField(_("sejarah"), blank=True, features=["bold", "italic", "link", "ol", "ul"])

    content_panels = [
        *Page.content_panels,
        FieldPanel("vision"),
        FieldPanel("mission"),
        FieldPanel("history"),
        InlinePanel("pengurus", label=_("Pengurus")),
    ]
    base_form_class = KimPageForm  # editors cannot schedule: see schedule_permissions
    parent_page_types = ["kim_sites.KimHomePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("profil")
        verbose_name_plural = _("profil")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(public.profile_context(self, request))
        return context


class PengurusMember(Orderable):
    """One officer of the KIM as the public sees it on the Profil page."""

    class Role(models.TextChoices):
        KETUA = "ketua", _("Ketua")
        SEKRETARIS = "sekretaris", _("Sekretaris")
        BENDAHARA = "bendahara", _("Bendahara")
        DIVISI = "divisi", _("Anggota divisi")

    page = ParentalKey(ProfilePage, on_delete=models.CASCADE, related_name="pengurus")
    name = models.CharField(_("nama"), max_length=150)
    role = models.CharField(_("jabatan"), max_length=20, choices=Role.choices)
    division = models.CharField(
        _("divisi"), max_length=100, blank=True, help_text=_("Misalnya: Divisi Pengumpulan Informasi")
    )
    photo = models.ForeignKey(
        settings.WAGTAILIMAGES_IMAGE_MODEL,
        verbose_name=_("foto"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [FieldPanel("name"), FieldPanel("role"), FieldPanel("division"), FieldPanel("photo")]


class GalleryPage(Page):
    """Galeri: photo albums of the KIM's activities."""

    intro = RichTextField(_("pengantar"), blank=True, features=["bold", "italic", "link"])
    albums = StreamField([("album", AlbumBlock())], verbose_name=_("album"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("albums")]
    base_form_class = KimPageForm  # editors cannot schedule: see schedule_permissions
    parent_page_types = ["kim_sites.KimHomePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("galeri")
        verbose_name_plural = _("galeri")


class AgendaPage(RoutablePageMixin, Page):
    """Agenda: the KIM's upcoming events, also published as an iCal feed at `ical/`."""

    intro = RichTextField(_("pengantar"), blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro"), InlinePanel("events", label=_("Acara"))]
    base_form_class = KimPageForm  # editors cannot schedule: see schedule_permissions
    parent_page_types = ["kim_sites.KimHomePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("agenda")
        verbose_name_plural = _("agenda")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(public.agenda_context(self, request))
        return context

    @path("ical/", name="ical")
    def ical(self, request):
        from kim_sites.public.ical import agenda_response

        return agenda_response(self, request)


class AgendaEvent(Orderable):
    """One event on a KIM's agenda; times are WIB."""

    page = ParentalKey(AgendaPage, on_delete=models.CASCADE, related_name="events")
    title = models.CharField(_("nama acara"), max_length=200)
    date = models.DateField(_("tanggal"))
    start_time = models.TimeField(_("jam mulai (WIB)"), null=True, blank=True)
    end_time = models.TimeField(_("jam selesai (WIB)"), null=True, blank=True)
    location = models.CharField(_("tempat"), max_length=255)
    description = models.TextField(_("keterangan"), blank=True)

    panels = [
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("date"), FieldPanel("start_time"), FieldPanel("end_time")]),
        FieldPanel("location"),
        FieldPanel("description"),
    ]

    class Meta(Orderable.Meta):
        ordering = ["date", "start_time"]


class AspirasiFormField(AbstractFormField):
    page = ParentalKey("kim_sites.AspirasiFormPage", on_delete=models.CASCADE, related_name="form_fields")


class AspirasiFormPage(AspirasiFormMixin, AbstractEmailForm):
    """Aspirasi: citizens send the KIM their aspirations and questions."""

    intro = RichTextField(_("pengantar"), blank=True, features=["bold", "italic", "link"])
    thank_you_text = RichTextField(_("teks terima kasih"), blank=True, features=["bold", "italic", "link"])

    content_panels = [
        FormSubmissionsPanel(),
        *AbstractEmailForm.content_panels,
        FieldPanel("intro"),
        InlinePanel("form_fields", label=_("Isian formulir")),
        FieldPanel("thank_you_text"),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("from_address"), FieldPanel("to_address")]), FieldPanel("subject")],
            heading=_("E-mail pemberitahuan"),
        ),
    ]
    base_form_class = KimFormPageForm  # editors cannot schedule: see schedule_permissions
    parent_page_types = ["kim_sites.KimHomePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("formulir aspirasi")
        verbose_name_plural = _("formulir aspirasi")


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


class RegencyModerationTask(Task):
    """One approval task for every regency: the approvers are the moderators of the page's own regency.

    A single task keeps the dashboard's cost flat however many regencies there are, where a
    GroupApprovalTask per regency costs one query per task. The rules live in `kim_sites.moderation.workflow`.
    """

    def start(self, workflow_state, user=None):
        from kim_sites.moderation.workflow import unlock_for_review

        unlock_for_review(workflow_state.content_object)
        return super().start(workflow_state, user=user)

    def user_can_access_editor(self, obj, user):
        from kim_sites.moderation.workflow import can_moderate

        return can_moderate(obj, user)

    def locked_for_user(self, obj, user):
        # Under review, only reviewers edit: the content approved is the content reviewed.
        from kim_sites.moderation.workflow import can_moderate

        return not can_moderate(obj, user)

    def user_can_lock(self, obj, user):
        from kim_sites.moderation.workflow import can_moderate

        return can_moderate(obj, user)

    def user_can_unlock(self, obj, user):
        return False

    def get_actions(self, obj, user):
        from kim_sites.moderation.workflow import ACTIONS, can_moderate

        return list(ACTIONS) if can_moderate(obj, user) else []

    def get_form_for_action(self, action):
        from kim_sites.moderation.workflow import SendBackForm

        return SendBackForm if action == "reject" else super().get_form_for_action(action)

    def on_action(self, task_state, user, action_name, **kwargs):
        from kim_sites.moderation.workflow import check_can_act

        check_can_act(self, task_state, user)
        return super().on_action(task_state, user, action_name, **kwargs)

    def get_task_states_user_can_moderate(self, user, **kwargs):
        from kim_sites.moderation.workflow import scope_to_user

        return scope_to_user(self.task_states.filter(status="in_progress"), user)

    @classmethod
    def get_description(cls):
        return _(
            "Moderator kabupaten/kota tempat halaman berada menyetujui atau mengembalikannya; "
            "halaman di luar kabupaten/kota (portal) disetujui admin provinsi."
        )

    class Meta:
        verbose_name = _("moderasi pembina kabupaten/kota")
        verbose_name_plural = _("moderasi pembina kabupaten/kota")


class KinerjaDigestLog(models.Model):
    """Which weekly kinerja digest went to which regency, so a rerun sends nothing twice."""

    regency = models.ForeignKey(Regency, on_delete=models.CASCADE, related_name="+")
    week_start = models.DateField()
    sent_at = models.DateTimeField(default=timezone.now)
    recipients = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["regency", "week_start"], name="unique_digest_per_week")]

    def __str__(self):
        return f"{self.regency} {self.week_start}"


class OutboxMessage(models.Model):
    """One e-mail, written in the request and sent by the task worker (see kim_sites/mail.py).

    The row is the message's only copy until it is sent: it survives SMTP outages and worker
    restarts, and `sent_at` set under a row lock is what keeps it from being sent twice.
    """

    key = models.UUIDField(unique=True, default=uuid.uuid4, editable=False)
    subject = models.TextField(blank=True)
    recipients = models.TextField(blank=True, help_text="Every address, comma-separated, for the report.")
    data = models.JSONField(help_text="The message's fields, enough to rebuild it (kim_sites.mail.rebuild).")
    created_at = models.DateTimeField(default=timezone.now)
    attempts = models.PositiveIntegerField(default=0)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    last_error = models.TextField(blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    failed_at = models.DateTimeField(null=True, blank=True, help_text="Refused for good (5xx): never retried.")

    class Meta:
        indexes = [
            models.Index(
                fields=["next_attempt_at"],
                condition=models.Q(sent_at__isnull=True, failed_at__isnull=True),
                name="outbox_pending_idx",
            ),
        ]

    def __str__(self):
        return f"{self.subject} → {self.recipients}"
