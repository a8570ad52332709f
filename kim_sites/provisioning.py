"""Provisioning ("aktivasi"): the one place where regencies and KIMs are built.

The admin form, the CLI and the CSV import all call `provision_kim`. It creates a KIM
completely inside one transaction, or not at all, and running it again for the same KIM
changes nothing.
"""

import contextvars
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import F, Q
from django.utils.text import slugify

from wagtail.contrib.forms.utils import get_field_clean_name
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page, Site

from .activation import send_activation_email
from .models import (
    AgendaPage,
    AspirasiFormField,
    AspirasiFormPage,
    GalleryPage,
    Kim,
    KimHomePage,
    PostIndexPage,
    ProfilePage,
    Regency,
    RegencyPage,
    slug_validator,
)
from .permissions import PROVINCIAL_ADMIN_GROUP
from .scale_tasks import deferred_indexing
from .site_settings_permissions import grant_site_settings_permissions

# Page permissions by role. Editors never publish; moderators publish because approving a
# workflow task publishes the page as the approving user.
EDITOR_PAGE_PERMISSIONS = ["add_page", "change_page", "lock_page"]
MODERATOR_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]
MEDIA_PERMISSIONS = [
    ("wagtailimages", "add_image"),
    ("wagtailimages", "change_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "change_document"),
    ("wagtaildocs", "choose_document"),
]
MODERATOR_MEDIA_PERMISSIONS = [
    *MEDIA_PERMISSIONS,
    ("wagtailimages", "delete_image"),
    ("wagtaildocs", "delete_document"),
]
# Site settings are granted per Site (site_settings_permissions.py): globally they open every site.
EDITOR_GLOBAL_PERMISSIONS = [("wagtailadmin", "access_admin")]
MODERATOR_GLOBAL_PERMISSIONS = [("wagtailadmin", "access_admin"), ("kim_sites", "view_kim")]

SECTIONS = [
    # (model, title, slug)
    (PostIndexPage, "Berita & Kegiatan", "berita"),
    (ProfilePage, "Profil", "profil"),
    (GalleryPage, "Galeri", "galeri"),
    (AgendaPage, "Agenda", "agenda"),
    (AspirasiFormPage, "Aspirasi", "aspirasi"),
]

ASPIRASI_FIELDS = [
    # (label, field_type, required, choices, help_text)
    ("Nama", "singleline", True, "", ""),
    ("E-mail atau nomor WhatsApp", "singleline", False, "", "Agar KIM dapat membalas aspirasi Anda."),
    ("Jenis", "dropdown", True, "Aspirasi\nPertanyaan\nPengaduan\nUsulan kegiatan", ""),
    ("Pesan", "multiline", True, "", ""),
]


class ProvisioningError(Exception):
    """A request that cannot be carried out. `errors` are messages in Indonesian, for people."""

    def __init__(self, errors):
        self.errors = [errors] if isinstance(errors, str) else list(errors)
        super().__init__("; ".join(self.errors))


@dataclass
class KimSpec:
    """What Diskominfo knows about a KIM when it activates it."""

    name: str
    regency: str
    village: str
    district: str
    admin_email: str
    slug: str = ""
    hostname: str = ""
    sk_number: str = ""
    phone: str = ""
    extra: dict = field(default_factory=dict)

    def __post_init__(self):
        self.name = " ".join((self.name or "").split())
        self.regency = (self.regency or "").strip().lower()
        self.village = " ".join((self.village or "").split())
        self.district = " ".join((self.district or "").split())
        self.admin_email = (self.admin_email or "").strip().lower()
        self.slug = (self.slug or "").strip().lower() or slugify(self.name)
        self.hostname = (self.hostname or "").strip().lower().rstrip(".") or default_hostname(self.slug)
        self.sk_number = (self.sk_number or "").strip()
        self.phone = (self.phone or "").strip()


@dataclass
class ProvisionResult:
    kim: Kim
    created: bool
    admin_user: object
    activation_url: str = ""

    @property
    def site_url(self):
        return self.kim.site.root_url + "/"


def default_hostname(slug):
    return f"{slug}.{settings.KIM_BASE_DOMAIN}"


# --- Regencies ---------------------------------------------------------------------------------


def moderator_group_name(regency):
    return f"Moderator {regency.name}"


class _PermissionCache:
    """Permission rows looked up once per provisioning call or batch, not once per KIM and group."""

    def __init__(self):
        self._pairs = {}
        self._page = {}

    def pairs(self, pairs):
        key = tuple(pairs)
        if key not in self._pairs:
            self._pairs[key] = _permissions(pairs)
        return self._pairs[key]

    def page(self, codenames):
        key = tuple(codenames)
        if key not in self._page:
            self._page[key] = _page_permissions(codenames)
        return self._page[key]


_permission_cache = contextvars.ContextVar("kim_permission_cache", default=None)


@contextmanager
def _permission_scope():
    if _permission_cache.get() is not None:
        yield _permission_cache.get()
        return
    token = _permission_cache.set(_PermissionCache())
    try:
        yield _permission_cache.get()
    finally:
        _permission_cache.reset(token)


def _permissions(pairs):
    wanted = {f"{app}.{codename}" for app, codename in pairs}
    perms = Permission.objects.filter(
        content_type__app_label__in={a for a, _ in pairs}, codename__in={c for _, c in pairs}
    )
    perms = [p for p in perms.select_related("content_type") if f"{p.content_type.app_label}.{p.codename}" in wanted]
    if len(perms) != len(wanted):
        raise RuntimeError(
            f"Missing permissions: {wanted - {f'{p.content_type.app_label}.{p.codename}' for p in perms}}"
        )
    return perms


def _page_permissions(codenames):
    return list(Permission.objects.filter(content_type__app_label="wagtailcore", codename__in=codenames))


def _cached_page_permissions(codenames):
    scope = _permission_cache.get()
    return scope.page(codenames) if scope is not None else _page_permissions(codenames)


def _cached_permissions(pairs):
    scope = _permission_cache.get()
    return scope.pairs(pairs) if scope is not None else _permissions(pairs)


def grant_page_permissions(group, page, codenames, *, new=False):
    """`new`: the group or page was just created, so nothing can exist yet: insert in one query."""
    permissions = _cached_page_permissions(codenames)
    if new:
        GroupPagePermission.objects.bulk_create(
            GroupPagePermission(group=group, page=page, permission=permission) for permission in permissions
        )
        return
    for permission in permissions:
        GroupPagePermission.objects.get_or_create(group=group, page=page, permission=permission)


def grant_collection_permissions(group, collection, pairs, *, new=False):
    permissions = _cached_permissions(pairs)
    if new:
        GroupCollectionPermission.objects.bulk_create(
            GroupCollectionPermission(group=group, collection=collection, permission=permission)
            for permission in permissions
        )
        return
    for permission in permissions:
        GroupCollectionPermission.objects.get_or_create(group=group, collection=collection, permission=permission)


def ensure_provincial_admin_group():
    """Provincial admins: everything in the admin, as a group so that membership is auditable."""
    group, _ = Group.objects.get_or_create(name=PROVINCIAL_ADMIN_GROUP)
    root = Page.get_first_root_node()
    grant_page_permissions(
        group, root, ["add_page", "change_page", "publish_page", "lock_page", "unlock_page", "bulk_delete_page"]
    )
    pairs = [*MODERATOR_MEDIA_PERMISSIONS]
    grant_collection_permissions(group, Collection.get_first_root_node(), pairs)
    global_pairs = [
        ("wagtailadmin", "access_admin"),
        ("kim_sites", "add_kim"),
        ("kim_sites", "change_kim"),
        ("kim_sites", "view_kim"),
        ("kim_sites", "change_kimsitesettings"),
        ("wagtail_localize", "submit_translation"),
        ("wagtailredirects", "add_redirect"),
        ("wagtailredirects", "change_redirect"),
        ("wagtailredirects", "delete_redirect"),
        ("wagtailsearchpromotions", "add_searchpromotion"),
        ("wagtailsearchpromotions", "change_searchpromotion"),
        ("wagtailsearchpromotions", "delete_searchpromotion"),
        ("wagtailcore", "add_site"),
        ("wagtailcore", "change_site"),
        ("wagtailcore", "add_workflow"),
        ("wagtailcore", "change_workflow"),
        ("wagtailcore", "add_task"),
        ("wagtailcore", "change_task"),
        ("home", "add_user"),
        ("home", "change_user"),
        ("auth", "add_group"),
        ("auth", "change_group"),
    ]
    group.permissions.add(*_permissions(list(dict.fromkeys(global_pairs))))
    return group


@transaction.atomic
def ensure_regency_structure(regency):
    """Give a regency its page under the root, its media collection and its moderator group.

    Idempotent: called after every migrate and before every KIM is provisioned.
    """
    changed = []
    if regency.page_id is None:
        page = RegencyPage(title=regency.name, slug=regency.slug, regency=regency, live=True)
        existing = RegencyPage.objects.filter(regency=regency, locale__language_code=settings.LANGUAGE_CODE).first()
        if existing is None:
            Page.get_first_root_node().add_child(instance=page)
        else:
            page = existing
        regency.page = page
        changed.append("page")
    if regency.collection_id is None:
        collection = Collection.get_first_root_node().add_child(name=regency.name)
        regency.collection = collection
        changed.append("collection")
    if regency.moderator_group_id is None:
        group, _ = Group.objects.get_or_create(name=moderator_group_name(regency))
        regency.moderator_group = group
        changed.append("moderator_group")
    if changed:
        regency.save(update_fields=changed)
        group = regency.moderator_group
        grant_page_permissions(group, regency.page, MODERATOR_PAGE_PERMISSIONS)
        grant_collection_permissions(group, regency.collection, MODERATOR_MEDIA_PERMISSIONS)
        group.permissions.add(*_permissions(MODERATOR_GLOBAL_PERMISSIONS))
    return regency


def create_regency(*, name, slug, kind=Regency.Kind.KABUPATEN, seat="", province=""):
    slug = (slug or slugify(name)).strip().lower()
    errors = []
    try:
        slug_validator(slug)
    except ValidationError as exc:
        errors.extend(exc.messages)
    if Regency.objects.filter(slug=slug).exists():
        errors.append(f"Kabupaten/kota dengan slug '{slug}' sudah ada.")
    if Regency.objects.filter(name__iexact=name.strip()).exists():
        errors.append(f"Kabupaten/kota bernama '{name}' sudah ada.")
    if errors:
        raise ProvisioningError(errors)
    with transaction.atomic():
        regency = Regency.objects.create(
            name=name.strip(), slug=slug, kind=kind, seat=seat, province=province or settings.KIM_PROVINCE_NAME
        )
        return ensure_regency_structure(regency)


# --- KIMs --------------------------------------------------------------------------------------


def validate_kim_spec(spec, *, regencies=None, taken_slugs=None, taken_hostnames=None):
    """Every reason, in Indonesian, why `spec` cannot be provisioned. Empty when it can.

    `regencies`, `taken_slugs` and `taken_hostnames` let a bulk import check thousands of rows
    against sets loaded once, instead of one query per row.
    """
    errors = []
    if not spec.name:
        errors.append("Nama KIM wajib diisi.")
    if not spec.village:
        errors.append("Desa/kelurahan wajib diisi.")
    if not spec.district:
        errors.append("Kecamatan wajib diisi.")
    if not spec.regency:
        errors.append("Kabupaten/kota wajib diisi.")
    elif regencies is not None:
        if spec.regency not in regencies:
            errors.append(f"Kabupaten/kota '{spec.regency}' tidak dikenal.")
    elif not Regency.objects.filter(slug=spec.regency).exists():
        errors.append(f"Kabupaten/kota '{spec.regency}' tidak dikenal.")
    try:
        validate_email(spec.admin_email)
    except ValidationError:
        errors.append(f"Alamat e-mail admin '{spec.admin_email}' tidak sah.")
    if not spec.slug:
        errors.append("Slug tidak dapat dibuat dari nama; isi slug secara manual.")
    else:
        try:
            slug_validator(spec.slug)
        except ValidationError:
            errors.append(f"Slug '{spec.slug}' tidak sah: gunakan huruf kecil, angka dan tanda hubung.")
    if not _valid_hostname(spec.hostname):
        errors.append(f"Nama host '{spec.hostname}' tidak sah.")
    if errors:
        return errors

    existing = (
        Kim.objects.filter(slug=spec.slug).select_related("regency", "site").first() if taken_slugs is None else None
    )
    if taken_slugs is not None and spec.slug in taken_slugs:
        existing = Kim.objects.filter(slug=spec.slug).select_related("regency", "site").first()
    if existing is not None and not _same_kim(existing, spec):
        errors.append(f"Slug '{spec.slug}' sudah dipakai oleh {existing.name} ({existing.regency.name}).")
    own_site_id = existing.site_id if existing is not None and _same_kim(existing, spec) else None
    if taken_hostnames is not None:
        host_taken = spec.hostname in taken_hostnames and not (existing and existing.hostname == spec.hostname)
    else:
        host_taken = Site.objects.filter(hostname=spec.hostname).exclude(pk=own_site_id).exists()
    if host_taken:
        errors.append(f"Nama host '{spec.hostname}' sudah dipakai situs lain.")
    return errors


def _valid_hostname(hostname):
    if not hostname or len(hostname) > 253:
        return False
    labels = hostname.split(".")
    try:
        for label in labels:
            slug_validator(label)
    except ValidationError:
        return False
    return True


def _same_kim(kim, spec):
    return kim.regency.slug == spec.regency and kim.name.lower() == spec.name.lower()


def provision_kim(spec, *, actor=None, send_email=True, regencies=None, taken_slugs=None, taken_hostnames=None):
    """Create the KIM of `spec` completely, or return the existing one unchanged."""
    errors = validate_kim_spec(spec, regencies=regencies, taken_slugs=taken_slugs, taken_hostnames=taken_hostnames)
    if errors:
        raise ProvisioningError(errors)
    existing = Kim.objects.filter(slug=spec.slug).select_related("site", "regency").first()
    if existing is not None:
        admin = get_user_model().objects.filter(email__iexact=spec.admin_email, groups=existing.editor_group_id).first()
        return ProvisionResult(kim=existing, created=False, admin_user=admin)

    # Search and reference indexing are deferred to bulk tasks at the end: the database search
    # backends rescan the whole index after every single add (each KIM was slower than the one
    # before), and Wagtail runs one reference-index task, in its own transaction, per save.
    with deferred_indexing(), _permission_scope(), transaction.atomic():
        regency = regencies[spec.regency] if regencies is not None else Regency.objects.get(slug=spec.regency)
        ensure_regency_structure(regency)
        kim = Kim.objects.create(
            name=spec.name,
            slug=spec.slug,
            regency=regency,
            district=spec.district,
            village=spec.village,
            sk_number=spec.sk_number,
            phone=spec.phone,
            email=spec.admin_email,
            **spec.extra,
        )
        home = _create_pages(kim, regency)
        site = Site.objects.create(
            hostname=spec.hostname,
            port=settings.KIM_SITE_PORT,
            root_page=home,
            site_name=kim.name,
            is_default_site=False,
        )
        group = _create_editor_group(kim, home, regency)
        kim.site = site
        kim.home_page = home
        kim.editor_group = group
        kim.collection = group._kim_collection
        kim.save(update_fields=["site", "home_page", "editor_group", "collection"])
        grant_site_settings_permissions(kim)
        admin, activation_url = _create_admin_user(spec, group)
        _log(kim, "kim_sites.provision", actor)
        if send_email and activation_url:
            transaction.on_commit(lambda: send_activation_email(admin, kim=kim))
        if taken_slugs is not None:
            taken_slugs.add(spec.slug)
        if taken_hostnames is not None:
            taken_hostnames.add(spec.hostname)
    return ProvisionResult(kim=kim, created=True, admin_user=admin, activation_url=activation_url)


def provision_kims(specs, *, actor=None, send_email=True):
    """Provision many KIMs: all of them, or none (every error is reported, by row, before anything
    is created). Lookups (regencies, taken slugs and hostnames, permissions) are loaded once, and
    search indexing runs as one bulk task per chunk, so each KIM costs the same however many exist."""
    specs = list(specs)
    regencies = {regency.slug: regency for regency in Regency.objects.select_related("page", "collection")}
    taken_slugs = set(Kim.objects.values_list("slug", flat=True))
    taken_hostnames = set(Site.objects.values_list("hostname", flat=True))
    errors = []
    seen_slugs, seen_hosts = {}, {}
    for number, spec in enumerate(specs, start=1):
        for message in validate_kim_spec(
            spec, regencies=regencies, taken_slugs=taken_slugs, taken_hostnames=taken_hostnames
        ):
            errors.append(f"Baris {number}: {message}")
        if spec.slug in seen_slugs:
            errors.append(f"Baris {number}: slug '{spec.slug}' sama dengan baris {seen_slugs[spec.slug]}.")
        if spec.hostname in seen_hosts:
            errors.append(f"Baris {number}: nama host '{spec.hostname}' sama dengan baris {seen_hosts[spec.hostname]}.")
        seen_slugs.setdefault(spec.slug, number)
        seen_hosts.setdefault(spec.hostname, number)
    if errors:
        raise ProvisioningError(errors)
    with deferred_indexing(), _permission_scope(), transaction.atomic():
        return [
            provision_kim(
                spec,
                actor=actor,
                send_email=send_email,
                regencies=regencies,
                taken_slugs=taken_slugs,
                taken_hostnames=taken_hostnames,
            )
            for spec in specs
        ]


def _create_pages(kim, regency):
    home = KimHomePage(
        title=kim.name,
        slug=kim.slug,
        kim=kim,
        live=True,
        tagline=f"Kelompok Informasi Masyarakat {kim.village}, Kecamatan {kim.district}",
        seo_title=kim.name,
    )
    _append_home(regency.page, home)
    # The home is new, so its sections' tree paths are known: no lookup of the last child per
    # section, one parent update, no re-validation of our own fixed titles and slugs, and their
    # "created" log entries written in one query.
    sections = []
    for position, (model, title, slug) in enumerate(SECTIONS, start=1):
        section = model(title=title, slug=slug, live=True, locale_id=home.locale_id)
        section.depth = home.depth + 1
        section.path = KimHomePage._get_path(home.path, section.depth, position)
        section._cached_parent_obj = home
        if model is AspirasiFormPage:
            section.intro = "<p>Sampaikan aspirasi, pertanyaan atau usulan Anda kepada KIM kami.</p>"
            section.thank_you_text = "<p>Terima kasih. Aspirasi Anda sudah kami terima.</p>"
            section.subject = f"Aspirasi baru untuk {kim.name}"
            section.to_address = kim.email
        section._is_site_root = False
        section._set_core_field_defaults()
        section.save(clean=False, log_action=None)
        sections.append(section)
        if model is AspirasiFormPage:
            AspirasiFormField.objects.bulk_create(
                AspirasiFormField(
                    page=section,
                    sort_order=i,
                    label=label,
                    # bulk_create skips AbstractFormField.save(), which names the field's key.
                    clean_name=get_field_clean_name(label),
                    field_type=ftype,
                    required=req,
                    choices=choices,
                    help_text=help_text,
                )
                for i, (label, ftype, req, choices, help_text) in enumerate(ASPIRASI_FIELDS)
            )
    Page.objects.filter(pk=home.pk).update(numchild=len(SECTIONS))
    home.numchild = len(SECTIONS)
    _log_created([home, *sections])
    return home


def _append_home(regency_page, home):
    """`regency_page.add_child(instance=home)` without the full model validation, which cost more
    than the rest of provisioning together; the one rule that matters (a free slug) is checked."""
    parent = Page.objects.select_for_update().only("path", "depth", "numchild").get(pk=regency_page.pk)
    siblings = Page.objects.filter(depth=parent.depth + 1, path__range=Page._get_children_path_interval(parent.path))
    if siblings.filter(slug=home.slug).exists():
        raise ProvisioningError(f"Halaman dengan slug '{home.slug}' sudah ada di {regency_page.title}.")
    last = siblings.order_by("-path").values_list("path", flat=True).first()
    home.depth = parent.depth + 1
    home.path = Page._inc_path(Page(path=last)) if last else Page._get_path(parent.path, home.depth, 1)
    home.locale_id = regency_page.locale_id
    home._cached_parent_obj = regency_page
    home._is_site_root = False  # its Site is created right after
    Page.objects.filter(pk=parent.pk).update(numchild=F("numchild") + 1)
    home._set_core_field_defaults()
    home.save(clean=False, log_action=None)


def _log_created(pages):
    """The "wagtail.create" entries Page.save would write, one query for all."""
    from django.contrib.contenttypes.models import ContentType
    from django.utils import timezone

    from wagtail.log_actions import get_active_log_context
    from wagtail.models import PageLogEntry

    now = timezone.now()
    context_uuid = get_active_log_context().uuid
    PageLogEntry.objects.bulk_create(
        PageLogEntry(
            content_type=ContentType.objects.get_for_model(page, for_concrete_model=False),
            label=page.get_admin_display_title(),
            action="wagtail.create",
            timestamp=now,
            data={},
            uuid=context_uuid,
            page=page,
            content_changed=True,
        )
        for page in pages
    )


def editor_group_name(kim):
    return f"Editor {kim.name} ({kim.slug})"[:150]


def _create_editor_group(kim, home, regency):
    group, _ = Group.objects.get_or_create(name=editor_group_name(kim))
    # The home page and the collection are new: their grants cannot exist yet.
    grant_page_permissions(group, home, EDITOR_PAGE_PERMISSIONS, new=True)
    collection = _append_collection(regency.collection, kim.name)
    grant_collection_permissions(group, collection, MEDIA_PERMISSIONS, new=True)
    group.permissions.add(*_cached_permissions(EDITOR_GLOBAL_PERMISSIONS))
    group._kim_collection = collection
    return group


def _append_collection(parent, name):
    """A child collection appended last. `Collection.add_child` keeps siblings sorted by name, which
    rewrites the paths of every later sibling: a cost that grew with each KIM of the regency."""
    interval = Collection._get_children_path_interval(parent.path)
    last = (
        Collection.objects.filter(depth=parent.depth + 1, path__range=interval)
        .order_by("-path")
        .values_list("path", flat=True)
        .first()
    )
    depth = parent.depth + 1
    path = Collection._inc_path(Collection(path=last)) if last else Collection._get_path(parent.path, depth, 1)
    Collection.objects.filter(pk=parent.pk).update(numchild=F("numchild") + 1)
    collection = Collection(name=name, path=path, depth=depth, numchild=0)
    collection.save()
    return collection


def _create_admin_user(spec, group):
    """The first KIM admin: no password until it activates itself through the e-mailed link."""
    from .activation import activation_url

    User = get_user_model()
    # E-mails are stored lowercased (User.save), so an exact match uses the unique index where
    # `iexact` would scan every user.
    user = User.objects.filter(email=spec.admin_email).first()
    if user is None:
        user = User(username=spec.admin_email, email=spec.admin_email, is_active=True)
        user.set_unusable_password()
        user.save()
    user.groups.add(group)
    url = "" if user.has_usable_password() else activation_url(user)
    return user, url


def _log(instance, action, actor):
    from wagtail.log_actions import log

    log(instance=instance, action=action, user=actor)


# --- Status ------------------------------------------------------------------------------------


@transaction.atomic
def set_kim_status(kim, status, *, actor=None):
    """Suspend or reactivate a KIM. Suspension keeps every page, file and user."""
    from django.utils import timezone

    if kim.status == status:
        return False
    kim.status = status
    kim.suspended_at = timezone.now() if status == Kim.Status.SUSPENDED else None
    kim.save(update_fields=["status", "suspended_at"])
    _log(kim, "kim_sites.suspend" if status == Kim.Status.SUSPENDED else "kim_sites.reactivate", actor)
    return True


def ensure_platform_structure():
    """Everything a fresh database needs beyond migrations: regency structure and role groups."""
    incomplete = Q(page__isnull=True) | Q(moderator_group__isnull=True) | Q(collection__isnull=True)
    for regency in Regency.objects.filter(incomplete):
        ensure_regency_structure(regency)
    ensure_provincial_admin_group()
    from .workflow import ensure_moderation_workflow

    ensure_moderation_workflow()


# --- Moderators --------------------------------------------------------------------------------


@dataclass
class ModeratorResult:
    user: object
    created: bool
    activation_url: str = ""


def add_moderator(*, regency, email, full_name="", actor=None, send_email=True):
    """Create or update a regency moderator. A new account activates itself by e-mailed link."""
    email = (email or "").strip().lower()
    errors = []
    try:
        validate_email(email)
    except ValidationError:
        errors.append(f"Alamat e-mail '{email}' tidak sah.")
    regency_obj = regency if isinstance(regency, Regency) else Regency.objects.filter(slug=regency).first()
    if regency_obj is None:
        errors.append(f"Kabupaten/kota '{regency}' tidak dikenal.")
    if errors:
        raise ProvisioningError(errors)
    from .activation import activation_url

    User = get_user_model()
    with transaction.atomic():
        ensure_regency_structure(regency_obj)
        user = User.objects.filter(email__iexact=email).first()
        created = user is None
        if created:
            user = User(username=email, email=email, is_active=True)
            user.set_unusable_password()
        if full_name:
            first, _, last = full_name.strip().partition(" ")
            user.first_name, user.last_name = first[:150], last[:150]
        user.save()
        user.groups.add(regency_obj.moderator_group)
        url = "" if user.has_usable_password() else activation_url(user)
        _log(regency_obj.moderator_group, "kim_sites.add_moderator", actor)
        if send_email and url:
            transaction.on_commit(lambda: send_activation_email(user, regency=regency_obj))
    return ModeratorResult(user=user, created=created, activation_url=url)
