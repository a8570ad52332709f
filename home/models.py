"""Platform-wide models: users, images and the provincial portal home page."""

from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.images.models import AbstractImage, AbstractRendition, Image
from wagtail.models import Page
from wagtail.utils.file import hash_filelike

from home import portal
from kim_sites.access.scheduling import KimPageForm
from kim_sites.models import Regency
from kim_sites.public.i18n import LocaleFallbackRouteMixin
from kim_sites.writing.photos import scaled_down


class KimUserManager(UserManager):
    def get_by_natural_key(self, username):
        # People type their e-mail in any case; the account is the same.
        return self.get(**{f"{self.model.USERNAME_FIELD}__iexact": username})


class User(AbstractUser):
    """A person who signs in to the admin: KIM editor, regency moderator or provincial admin.

    Custom from the first migration so the account can grow (phone, position) without
    the painful swap of a built-in user model later.
    """

    email = models.EmailField(_("alamat e-mail"), unique=True)
    phone = models.CharField(_("telepon/WhatsApp"), max_length=32, blank=True)

    objects = KimUserManager()

    REQUIRED_FIELDS = ["email"]

    class Meta:
        verbose_name = _("pengguna")
        verbose_name_plural = _("pengguna")

    def save(self, *args, **kwargs):
        if self.email:
            self.email = self.email.strip().lower()
        super().save(*args, **kwargs)

    def __str__(self):
        return self.get_full_name() or self.email or self.username


class CustomImage(AbstractImage):
    """Every picture uploaded by a KIM. A credit line travels with the photo."""

    credit = models.CharField(_("sumber/kredit foto"), max_length=255, blank=True)

    admin_form_fields = (*Image.admin_form_fields, "credit")

    class Meta(AbstractImage.Meta):
        verbose_name = _("gambar")
        verbose_name_plural = _("gambar")

    def save(self, *args, **kwargs):
        # Every upload path (Wagtail's forms, the chooser, the phone form, commands) ends here, so
        # a new file is scaled down once, before it reaches the storage (kim_sites/writing/photos.py).
        update_fields = kwargs.get("update_fields")
        if self.file and not self.file._committed and (update_fields is None or "file" in update_fields):
            self.scale_down_new_file()
        super().save(*args, **kwargs)

    def scale_down_new_file(self):
        scaled = scaled_down(self.file)
        if scaled is not None:
            self.file = scaled  # the image field reads the new width and height
            self.file_size = None
            self.file_hash = ""
        # Wagtail's views set these before saving; a file set in code (or just scaled) gets them here.
        if self.file_size is None:
            self.file_size = self.file.size
        if not self.file_hash:
            self.file_hash = hash_filelike(self.file)
        self.file.seek(0)


class CustomRendition(AbstractRendition):
    image = models.ForeignKey(CustomImage, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)


class PortalHomePage(LocaleFallbackRouteMixin, RoutablePageMixin, Page):
    """The provincial portal: the default site, showing the latest approved posts of every KIM
    and a directory of them, so a citizen finds the KIM of any village from one address."""

    intro = RichTextField(_("pengantar"), blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    base_form_class = KimPageForm  # editors cannot schedule: see schedule_permissions
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = []

    class Meta:
        verbose_name = _("beranda portal")
        verbose_name_plural = _("beranda portal")

    def get_context(self, request, *args, directory=False, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        if not directory:
            context.update(portal.portal_context(request))
        return context

    @path("direktori/", name="directory")
    def directory(self, request):
        """The KIM directory: every active KIM by regency and kecamatan, searchable."""
        query = " ".join(request.GET.get("q", "").split())[:100]
        regencies = list(Regency.objects.order_by("name"))
        slug = request.GET.get("kabupaten", "").strip()
        regency = next((r for r in regencies if r.slug == slug), None)
        groups = portal.directory(query, regency)
        return self.render(
            request,
            directory=True,
            context_overrides={
                "route_suffix": "direktori/",
                "query": query,
                "regencies": regencies,
                "selected_regency": regency,
                "unknown_regency": bool(slug) and regency is None,
                "groups": groups,
                "result_count": sum(len(d["kims"]) for g in groups for d in g["districts"]),
            },
            template="home/portal_home_page_directory.html",
        )
