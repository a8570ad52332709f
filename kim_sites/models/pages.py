"""The pages of every KIM website, and of the regencies above them.

The page tree mirrors the administrative hierarchy (kim_sites/tree.py): Root → RegencyPage →
KimHomePage → sections. Each KimHomePage is the root of its KIM's own Site, so Wagtail's
permission and workflow inheritance scopes every KIM to itself and every regency to its own KIMs.

Each page builds its public context here from the listing functions of kim_sites/public/listings.py,
giving them the querysets they work on.
"""

from django.conf import settings
from django.db import models
from django.db.models import prefetch_related_objects
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import Tag, TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.forms.models import AbstractEmailForm, AbstractFormField
from wagtail.contrib.forms.panels import FormSubmissionsPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from kim_sites.access.scheduling import KimFormPageForm, KimPageForm
from kim_sites.models.registry import Kim, Regency
from kim_sites.public import ical, listings
from kim_sites.public.aspirasi import AspirasiFormMixin
from kim_sites.public.blocks import AlbumBlock, PostBodyBlock
from kim_sites.public.i18n import LocaleFallbackRouteMixin


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
    search_fields = [*Page.search_fields, index.SearchField("tagline"), index.SearchField("intro")]
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
        children = listings.only_public(self.get_children().live())
        post_index = PostIndexPage.objects.filter(pk__in=children.values("pk")).first()
        agenda = AgendaPage.objects.filter(pk__in=children.values("pk")).first()
        profile = ProfilePage.objects.filter(pk__in=children.values("pk")).first()
        posts = list(PostPage.listed().descendant_of(self)[: listings.HOME_LATEST_POSTS])
        events = []
        if agenda is not None:
            events = list(
                AgendaEvent.objects.filter(page=agenda, date__gte=timezone.localdate()).order_by("date", "start_time")[
                    : listings.HOME_UPCOMING_EVENTS
                ]
            )
        leaders = []
        if profile is not None:
            leaders = [m for m in profile.pengurus.all() if m.role in ("ketua", "sekretaris", "bendahara")]
        context.update(
            latest_posts=posts,
            post_index=post_index,
            agenda_page=agenda,
            upcoming_events=events,
            profile_page=profile,
            leaders=leaders,
        )
        return context

    @classmethod
    def suspended_paths(cls):
        """The paths of the suspended KIMs' home pages, as a subquery."""
        return cls.objects.filter(kim__in=Kim.objects.suspended()).values("path")

    @classmethod
    def kim_of(cls, page):
        """The Kim whose site `page` belongs to (any locale), or None."""
        home = cls.objects.ancestor_of(page, inclusive=True).select_related("kim").first()
        return home.kim if home is not None else None


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
        base = PostPage.listed().child_of(self)
        posts, filters, problems = listings.filter_posts(base, request, PostPage.Category)
        page_obj = listings.paginate(posts, request, listings.POSTS_PER_PAGE)
        tags = (
            Tag.objects.filter(kim_sites_posttag_items__content_object__in=base.values("pk"))
            .distinct()
            .order_by("name")
        )
        context.update(
            posts=page_obj,
            filters=filters,
            filter_problems=problems,
            categories=PostPage.Category.choices,
            tags=tags,
            active_tag=next((t for t in tags if t.slug == filters.get("tag")), None),
            active_category_label=dict(PostPage.Category.choices).get(filters.get("kategori"), ""),
        )
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
        _("keterangan foto sampul (untuk pembaca tunanetra)"),
        max_length=255,
        blank=True,
        help_text=_("Boleh dikosongkan: judul berita yang dipakai. Contoh: 'Warga menanam bibit mangrove'."),
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
        # The portal lists every KIM's posts newest first (kim_sites/public/listings.py).
        indexes = [models.Index(models.F("date").desc(), name="kim_post_date_desc_idx")]

    def clean(self):
        super().clean()
        # A cover needs words for screen readers; default to the title rather than block the editor.
        if self.cover_image_id and not self.cover_alt.strip():
            self.cover_alt = self.title[: self._meta.get_field("cover_alt").max_length]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        related = list(
            PostPage.listed().sibling_of(self, inclusive=False).filter(category=self.category).exclude(pk=self.pk)[:3]
        )
        # Prefetched, so the sharing tags and the JSON-LD read the same list without a query of their own.
        prefetch_related_objects([self], "tags")
        context.update(
            post_index=self.get_parent(), related_posts=related, post_tags=list(self.tags.all()), og_type="article"
        )
        return context

    @classmethod
    def listed(cls):
        """Live public posts, newest first, with their cover images (kim_sites/public/listings.py)."""
        return listings.listed(cls.objects.all())

    @classmethod
    def listed_for_portal(cls, locale):
        """The posts the portal lists: those of every open KIM in `locale`."""
        return listings.exclude_suspended(cls.listed().filter(locale=locale), KimHomePage.suspended_paths())


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
    search_fields = [
        *Page.search_fields,
        index.SearchField("vision"),
        index.SearchField("mission"),
        index.SearchField("history"),
        index.SearchField("search_pengurus"),
    ]
    base_form_class = KimPageForm  # editors cannot schedule: see schedule_permissions
    parent_page_types = ["kim_sites.KimHomePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("profil")
        verbose_name_plural = _("profil")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        members = sorted(
            self.pengurus.select_related("photo").prefetch_related("photo__renditions"),
            key=lambda m: (listings.ROLE_ORDER.get(m.role, 9), m.sort_order or 0),
        )
        context.update(
            kim=KimHomePage.kim_of(self),
            officers=[m for m in members if m.role != "divisi"],
            division_members=[m for m in members if m.role == "divisi"],
        )
        return context

    def search_pengurus(self):
        """Names, roles and divisions of the pengurus, for the search index (reindexed once the rows
        are saved: search/signal_handlers.py)."""
        return " ".join(member.search_text() for member in self.pengurus.all())


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

    def search_text(self):
        return " ".join(filter(None, (self.name, str(self.get_role_display()), self.division)))


class GalleryPage(Page):
    """Galeri: photo albums of the KIM's activities."""

    intro = RichTextField(_("pengantar"), blank=True, features=["bold", "italic", "link"])
    albums = StreamField([("album", AlbumBlock())], verbose_name=_("album"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("albums")]
    # Album titles, descriptions and photo captions: the StreamField's searchable text.
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("albums")]
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
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("search_events")]
    base_form_class = KimPageForm  # editors cannot schedule: see schedule_permissions
    parent_page_types = ["kim_sites.KimHomePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("agenda")
        verbose_name_plural = _("agenda")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        today = timezone.localdate()
        events = list(self.events.all().order_by("date", "start_time"))
        ical_url, webcal_url = ical.feed_urls(self)
        context.update(
            upcoming_events=[e for e in events if e.date >= today],
            past_events=sorted((e for e in events if e.date < today), key=lambda e: e.date, reverse=True)[:20],
            ical_url=ical_url,
            webcal_url=webcal_url,
        )
        return context

    def search_events(self):
        """Every event's name, place and description, for the search index (search/signal_handlers.py)."""
        return " ".join(event.search_text() for event in self.events.all())

    @path("ical/", name="ical")
    def ical(self, request):
        return ical.agenda_response(self, request)


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

    def search_text(self):
        return " ".join(filter(None, (self.title, self.location, self.description)))


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
