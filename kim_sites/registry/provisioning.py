"""Provisioning ("aktivasi"): the one place where regencies and KIMs are built.

The admin form, the CLI and the CSV import all call `provision_kim`. It creates a KIM
completely inside one transaction, or not at all, and running it again for the same KIM
changes nothing.
"""

import logging
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, connections, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.text import slugify

from wagtail.contrib.forms.utils import get_field_clean_name
from wagtail.log_actions import log
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    ReferenceIndex,
    Site,
)
from wagtail.signal_handlers import disable_reference_index_auto_update, reference_index_auto_update_disabled

from kim_sites.access.site_settings import grant_site_settings_permissions
from kim_sites.conf import kim_settings
from kim_sites.hosts import normalize_hostname
from kim_sites.models import (
    AgendaPage,
    AspirasiFormField,
    AspirasiFormPage,
    GalleryPage,
    Kim,
    KimHomePage,
    KimMember,
    PostIndexPage,
    ProfilePage,
    Regency,
    slug_validator,
)
from kim_sites.registry import suspension
from kim_sites.registry.activation import activation_url, send_activation_email
from kim_sites.registry.structure import (
    EDITOR_GLOBAL_PERMISSIONS,
    EDITOR_PAGE_PERMISSIONS,
    MEDIA_PERMISSIONS,
    ensure_regency_structure,
    page_permissions,
    permission_objects,
)
from kim_sites.scale.tasks import deferred_indexing

logger = logging.getLogger(__name__)

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

# Field lengths of the registry, checked before anything is written so that a long value
# gives a clear message instead of a database error.
MAX_LENGTHS = {"name": 150, "village": 100, "district": 100, "sk_number": 100, "phone": 32, "admin_email": 254}


class ProvisioningError(Exception):
    """A request that cannot be carried out. `errors` are messages in Indonesian, for people.

    `field_errors` pairs each message with the KimSpec field it concerns (or None), so that a
    form can show it next to the right input.
    """

    def __init__(self, errors, field_errors=None):
        self.errors = [errors] if isinstance(errors, str) else list(errors)
        self.field_errors = list(field_errors) if field_errors is not None else [(None, e) for e in self.errors]
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
    # Whether the hostname was asked for, rather than derived from the slug.
    hostname_given: bool = field(default=False, init=False)

    def __post_init__(self):
        self.name = " ".join((self.name or "").split())
        self.regency = (self.regency or "").strip().lower()
        self.village = " ".join((self.village or "").split())
        self.district = " ".join((self.district or "").split())
        self.admin_email = (self.admin_email or "").strip().lower()
        self.slug = (self.slug or "").strip().lower() or default_slug(self.name)
        self.hostname = normalize_hostname(self.hostname)
        self.hostname_given = bool(self.hostname)
        if not self.hostname and self.slug:
            self.hostname = default_hostname(self.slug)
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


def default_slug(name):
    """ "KIM Maju Bersama" -> "kim-maju-bersama", cut to a valid DNS label (63 characters)."""
    return slugify(name)[:63].strip("-")


def default_hostname(slug):
    return f"{slug}.{kim_settings.KIM_BASE_DOMAIN}"


# --- Regencies ---------------------------------------------------------------------------------


def create_regency(*, name, slug, kind=Regency.Kind.KABUPATEN, seat="", province=""):
    """Add a kabupaten/kota (for another province, or a new one) with its page, collection and group."""
    name = " ".join((name or "").split())
    slug = (slug or slugify(name)).strip().lower()
    seat = (seat or "").strip()
    province = (province or "").strip() or kim_settings.KIM_PROVINCE_NAME
    errors = []
    if not name:
        errors.append("Nama kabupaten/kota wajib diisi.")
    elif len(name) > 100:
        errors.append("Nama kabupaten/kota paling banyak 100 karakter.")
    if kind not in Regency.Kind.values:
        errors.append(f"Jenis '{kind}' tidak dikenal: pilih kabupaten atau kota.")
    if len(seat) > 100 or len(province) > 100:
        errors.append("Ibu kota dan provinsi paling banyak 100 karakter.")
    try:
        slug_validator(slug)
    except ValidationError:
        errors.append(f"Slug '{slug}' tidak sah: gunakan huruf kecil, angka dan tanda hubung.")
    else:
        if Regency.objects.filter(slug=slug).exists():
            errors.append(f"Kabupaten/kota dengan slug '{slug}' sudah ada.")
        elif Page.get_first_root_node().get_children().filter(slug=slug).exists():
            errors.append(f"Slug '{slug}' sudah dipakai halaman lain di akar situs.")
    if name and Regency.objects.filter(name__iexact=name).exists():
        errors.append(f"Kabupaten/kota bernama '{name}' sudah ada.")
    if errors:
        raise ProvisioningError(errors)
    with transaction.atomic():
        regency = Regency.objects.create(name=name, slug=slug, kind=kind, seat=seat, province=province)
        return ensure_regency_structure(regency)


# --- Validation --------------------------------------------------------------------------------


class RegistryIndex:
    """What validation needs to know about the registry, loaded once for a bulk import.

    Checking thousands of rows against these sets costs no query per row, and `record`
    keeps them current as KIMs are created inside the same run.
    """

    def __init__(self):
        self.regencies = {r.slug: r for r in Regency.objects.select_related("page", "collection", "moderator_group")}
        # slug -> (regency slug, name, hostname)
        self.kims = {
            slug: (regency_slug, name, hostname or "")
            for slug, regency_slug, name, hostname in Kim.objects.values_list(
                "slug", "regency__slug", "name", "site__hostname"
            )
        }
        self.hostnames = set(Site.objects.values_list("hostname", flat=True))
        self.permission_cache = {}

    def record(self, kim):
        self.kims[kim.slug] = (kim.regency.slug, kim.name, kim.hostname)
        self.hostnames.add(kim.hostname)


def kim_spec_errors(spec, *, index=None):
    """Every reason why `spec` cannot be provisioned, as (field, Indonesian message) pairs."""
    errors = []
    if not spec.name:
        errors.append(("name", "Nama KIM wajib diisi."))
    if not spec.village:
        errors.append(("village", "Desa/kelurahan wajib diisi."))
    if not spec.district:
        errors.append(("district", "Kecamatan wajib diisi."))
    for name, limit in MAX_LENGTHS.items():
        if len(getattr(spec, name)) > limit:
            errors.append((name, f"Isian '{FIELD_LABELS[name]}' paling banyak {limit} karakter."))
    if not spec.regency:
        errors.append(("regency", "Kabupaten/kota wajib diisi."))
    elif not (spec.regency in index.regencies if index else Regency.objects.filter(slug=spec.regency).exists()):
        errors.append(("regency", f"Kabupaten/kota '{spec.regency}' tidak dikenal."))
    if not spec.admin_email:
        errors.append(("admin_email", "E-mail admin KIM wajib diisi."))
    else:
        try:
            validate_email(spec.admin_email)
        except ValidationError:
            errors.append(("admin_email", f"Alamat e-mail admin '{spec.admin_email}' tidak sah."))
    if not spec.slug:
        errors.append(("slug", "Slug tidak dapat dibuat dari nama; isi slug secara manual."))
    else:
        try:
            slug_validator(spec.slug)
        except ValidationError:
            errors.append(("slug", f"Slug '{spec.slug}' tidak sah: gunakan huruf kecil, angka dan tanda hubung."))
        if not _valid_hostname(spec.hostname):
            errors.append(("hostname", f"Nama host '{spec.hostname}' tidak sah."))
    if errors:
        return errors

    existing = _existing_kim(spec.slug, index)
    same = existing is not None and existing[0] == spec.regency and existing[1].lower() == spec.name.lower()
    if existing is not None and not same:
        errors.append(("slug", f"Slug '{spec.slug}' sudah dipakai KIM lain ({existing[3]})."))
    if same:
        # The same KIM again: nothing to create. Only a different hostname asked for is a conflict.
        if spec.hostname_given and spec.hostname != existing[2]:
            errors.append(
                ("hostname", f"KIM ini sudah terdaftar dengan nama host '{existing[2]}', bukan '{spec.hostname}'.")
            )
    elif (spec.hostname_given or existing is None) and _hostname_taken(spec.hostname, index):
        # A derived hostname of a taken slug is the same conflict: say it once.
        errors.append(("hostname", f"Nama host '{spec.hostname}' sudah dipakai situs lain."))
    return errors


def validate_kim_spec(spec, *, index=None):
    """Every reason, in Indonesian, why `spec` cannot be provisioned. Empty when it can."""
    return [message for _, message in kim_spec_errors(spec, index=index)]


FIELD_LABELS = {
    "name": "nama",
    "village": "desa/kelurahan",
    "district": "kecamatan",
    "sk_number": "nomor SK",
    "phone": "telepon",
    "admin_email": "e-mail admin",
}


def _existing_kim(slug, index):
    """(regency slug, name, hostname, label) of the KIM holding `slug`, or None."""
    if index is not None:
        found = index.kims.get(slug)
        if found is None:
            return None
        regency_slug, name, hostname = found
        regency = index.regencies.get(regency_slug)
        return regency_slug, name, hostname, f"{name} — {regency.name if regency else regency_slug}"
    kim = Kim.objects.filter(slug=slug).select_related("regency", "site").first()
    if kim is None:
        return None
    return kim.regency.slug, kim.name, kim.hostname, f"{kim.name} — {kim.regency.name}"


def _hostname_taken(hostname, index):
    if index is not None:
        return hostname in index.hostnames
    return Site.objects.filter(hostname=hostname).exists()


def _valid_hostname(hostname):
    if not hostname or len(hostname) > 253 or "." not in hostname:
        return False
    try:
        for label in hostname.split("."):
            slug_validator(label)
    except ValidationError:
        return False
    return True


# --- KIMs --------------------------------------------------------------------------------------


def provision_kim(spec, *, actor=None, send_email=True, index=None):
    """Create the KIM of `spec` completely, or return the existing one unchanged.

    `index` (a RegistryIndex) lets a bulk import validate without a query per row.
    The activation e-mail leaves only once the transaction has committed.
    """
    field_errors = kim_spec_errors(spec, index=index)
    if field_errors:
        raise ProvisioningError([m for _, m in field_errors], field_errors)
    known = index is None or spec.slug in index.kims
    existing = Kim.objects.filter(slug=spec.slug).select_related("site", "regency").first() if known else None
    if existing is not None:
        admin = (
            get_user_model()
            .objects.filter(email=spec.admin_email, groups__in=[g for g in team_group_ids(existing) if g])
            .first()
        )
        return ProvisionResult(kim=existing, created=False, admin_user=admin)

    cache = index.permission_cache if index is not None else {}
    try:
        with transaction.atomic():
            regency = index.regencies[spec.regency] if index is not None else Regency.objects.get(slug=spec.regency)
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
                port=kim_settings.KIM_SITE_PORT,
                root_page=home,
                site_name=kim.name,
                is_default_site=False,
            )
            group, admin_group, collection = _create_team_groups(kim, home, regency, cache)
            kim.site = site
            kim.home_page = home
            kim.editor_group = group
            kim.admin_group = admin_group
            kim.collection = collection
            kim.save(update_fields=["site", "home_page", "editor_group", "admin_group", "collection"])
            grant_site_settings_permissions(kim)
            admin, url = _create_admin_user(spec, kim, actor)
            log(instance=kim, action="kim_sites.provision", user=actor)
            if send_email and url:
                transaction.on_commit(lambda: _send_quietly(admin, url, kim=kim), robust=True)
    except IntegrityError as exc:
        # Another request created the same slug or hostname between validation and insert.
        logger.warning("Provisioning %s failed: %s", spec.slug, exc)
        raise ProvisioningError(
            f"KIM '{spec.slug}' atau nama host '{spec.hostname}' baru saja didaftarkan bersamaan; periksa lalu coba lagi."
        )
    if index is not None:
        index.record(kim)
    return ProvisionResult(kim=kim, created=True, admin_user=admin, activation_url=url)


def refresh_statistics(using="default"):
    """Fresh planner statistics after a bulk import.

    Without them SQLite plans the portal's "latest posts" from the index on locale (every page)
    instead of the posts: 17 ms per query at 10,000 KIMs instead of under 1 ms. PostgreSQL's
    autovacuum analyzes eventually; this does it at once."""
    connection = connections[using]
    if connection.vendor in ("sqlite", "postgresql"):
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def provision_kims(specs, *, actor=None, send_email=True):
    """Provision many KIMs: all of them, or none. Every error is reported by row before anything is
    created; the registry is loaded once and search indexing runs in bulk afterwards, so each KIM
    costs the same however many exist."""
    specs = list(specs)
    index = RegistryIndex()
    errors, seen_slugs, seen_hosts = [], {}, {}
    for number, spec in enumerate(specs, start=1):
        errors += [f"Baris {number}: {message}" for _, message in kim_spec_errors(spec, index=index)]
        if spec.slug in seen_slugs:
            errors.append(f"Baris {number}: slug '{spec.slug}' sama dengan baris {seen_slugs[spec.slug]}.")
        if spec.hostname in seen_hosts:
            errors.append(f"Baris {number}: nama host '{spec.hostname}' sama dengan baris {seen_hosts[spec.hostname]}.")
        seen_slugs.setdefault(spec.slug, number)
        seen_hosts.setdefault(spec.hostname, number)
    if errors:
        raise ProvisioningError(errors)
    with deferred_indexing(), transaction.atomic():
        return [provision_kim(spec, actor=actor, send_email=send_email, index=index) for spec in specs]


def _send_quietly(user, url, **context):
    """An e-mail that fails must not undo or hide a provisioning that has committed."""
    try:
        send_activation_email(user, url=url, **context)
    except Exception:
        logger.exception("Activation e-mail to %s could not be sent", user.email)


def _create_pages(kim, regency):
    """The KIM home page under its regency's page, with the standard sections."""
    if getattr(reference_index_auto_update_disabled, "value", False):
        # Already off (bulk provisioning): Wagtail's switch does not nest.
        home = _build_pages(kim, regency)
    else:
        with disable_reference_index_auto_update():
            home = _build_pages(kim, regency)
    # Only the home page refers to anything (its KIM); the sections start empty. Indexing them
    # here instead of on every save spares a reference-index pass per page.
    ReferenceIndex.create_or_update_for_object(home)
    return home


def _build_pages(kim, regency):
    parent = regency.page
    home = KimHomePage(
        title=kim.name,
        slug=kim.slug,
        kim=kim,
        live=True,
        tagline=f"Kelompok Informasi Masyarakat {kim.village}, Kecamatan {kim.district}",
        seo_title=kim.name,
        # Known already: spares Wagtail a look-up of the parent's locale for every page.
        locale_id=parent.locale_id,
    )
    parent.add_child(instance=home)
    for model, title, slug in SECTIONS:
        section = model(title=title, slug=slug, live=True, locale_id=home.locale_id)
        if model is AspirasiFormPage:
            section.intro = "<p>Sampaikan aspirasi, pertanyaan atau usulan Anda kepada KIM kami.</p>"
            section.thank_you_text = "<p>Terima kasih. Aspirasi Anda sudah kami terima.</p>"
            section.subject = f"Aspirasi baru untuk {kim.name}"
            section.to_address = kim.email
        home.add_child(instance=section)
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
    return home


def editor_group_name(kim):
    return f"Editor {kim.name} ({kim.slug})"[:150]


def admin_group_name(kim):
    return f"Admin KIM {kim.name} ({kim.slug})"[:150]


def team_group_ids(kim):
    """The groups of the KIM's two team roles, Editor and Admin KIM."""
    return [kim.editor_group_id, kim.admin_group_id]


def _create_team_groups(kim, home, regency, cache):
    """The KIM's two roles, Editor and Admin KIM: add/edit/lock on its own home page and media
    rights on its own collection for both; Admin KIM also gets the site's settings
    (grant_site_settings_permissions) and manages the team (kim_sites/team/)."""
    names = [editor_group_name(kim), admin_group_name(kim)]
    for name in names:
        if Group.objects.filter(name=name).exists():
            # A left-over group may hold members or rights from before: never hand it to a new KIM.
            raise ProvisioningError(f"Grup '{name}' sudah ada dari pendaftaran sebelumnya; hapus atau ganti namanya.")
    collection = append_child_collection(regency.collection, kim.name)
    groups = [Group.objects.create(name=name) for name in names]
    for group in groups:
        GroupPagePermission.objects.bulk_create(
            GroupPagePermission(group=group, page=home, permission=p)
            for p in page_permissions(EDITOR_PAGE_PERMISSIONS, cache)
        )
        GroupCollectionPermission.objects.bulk_create(
            GroupCollectionPermission(group=group, collection=collection, permission=p)
            for p in permission_objects(MEDIA_PERMISSIONS, cache)
        )
        group.permissions.add(*permission_objects(EDITOR_GLOBAL_PERMISSIONS, cache))
    return groups[0], groups[1], collection


def append_child_collection(parent, name):
    """A new last child collection of `parent`, whatever its name.

    Collections are kept sorted by name, and a sorted insert rewrites the path of every later
    sibling: with a thousand KIMs in a regency that is a thousand rows per new KIM. Appending
    is what treebeard does for unsorted trees (same path arithmetic, same parent lock), so the
    cost stays flat; KIM collections list in the order they were registered.
    """
    locked = Collection.objects.select_for_update().get(pk=parent.pk)
    last = locked.get_last_child()
    depth = locked.depth + 1
    path = last._inc_path() if last is not None else Collection._get_path(locked.path, depth, 1)
    collection = Collection(name=name, depth=depth, path=path, numchild=0)
    collection.save()
    Collection.objects.filter(pk=locked.pk).update(numchild=F("numchild") + 1)
    parent.numchild = locked.numchild + 1
    return collection


def _create_admin_user(spec, kim, actor):
    """The first Admin KIM: no password until it activates itself through the e-mailed link."""
    User = get_user_model()
    # E-mails are stored lower-case (User.save), so an exact match uses the unique index.
    user = User.objects.filter(email=spec.admin_email).first()
    if user is None:
        user = User(username=spec.admin_email, email=spec.admin_email, is_active=True)
        user.set_unusable_password()
        user.save()
    elif not user.is_active:
        # A closed account (removed from its last team) opens again only through a new link.
        user.is_active = True
        user.set_unusable_password()
        user.save(update_fields=["is_active", "password"])
    user.groups.add(kim.admin_group)
    now = timezone.now()
    KimMember.objects.create(
        kim=kim, user=user, invited_by=actor, invited_at=now, last_sent_at=None if user.has_usable_password() else now
    )
    url = "" if user.has_usable_password() else activation_url(user)
    return user, url


def pending_admins(kim):
    """The KIM's accounts that have not set a password yet."""
    users = (
        get_user_model()
        .objects.filter(groups__in=[g for g in team_group_ids(kim) if g], is_active=True)
        .distinct()
        .order_by("email")
    )
    return [u for u in users if not u.has_usable_password()]


@transaction.atomic
def resend_activation(kim, *, actor=None, send_email=True):
    """Send every not-yet-activated admin of `kim` a new link. Earlier links stop working.

    Returns [(user, url)]. Refuses when every account has already set its password.
    """
    users = pending_admins(kim)
    if not users:
        raise ProvisioningError(
            "Semua akun KIM ini sudah aktif. Pengguna yang lupa kata sandi dapat memakai 'Lupa kata sandi?' "
            "di halaman masuk."
        )
    sent = []
    for user in users:
        # A fresh unusable password changes what the token is bound to, so older links die.
        user.set_unusable_password()
        user.save(update_fields=["password"])
        url = activation_url(user)
        if send_email:
            transaction.on_commit(lambda u=user, link=url: _send_quietly(u, link, kim=kim), robust=True)
        sent.append((user, url))
    log(instance=kim, action="kim_sites.resend_activation", user=actor, data={"emails": [u.email for u, _ in sent]})
    return sent


# --- Status ------------------------------------------------------------------------------------


@transaction.atomic
def set_kim_status(kim, status, *, actor=None):
    """Suspend or reactivate a KIM. Suspension keeps every page, file and user.

    Returns False when the KIM already had that status.
    """
    if status not in Kim.Status.values:
        raise ProvisioningError(f"Status '{status}' tidak dikenal.")
    current = Kim.objects.select_for_update().get(pk=kim.pk)
    if current.status == status:
        kim.status, kim.suspended_at = current.status, current.suspended_at
        return False
    kim.status = status
    kim.suspended_at = timezone.now() if status == Kim.Status.SUSPENDED else None
    kim.save(update_fields=["status", "suspended_at"])
    suspension.invalidate()
    log(
        instance=kim,
        action="kim_sites.suspend" if status == Kim.Status.SUSPENDED else "kim_sites.reactivate",
        user=actor,
    )
    return True


# --- Moderators --------------------------------------------------------------------------------


@dataclass
class ModeratorResult:
    user: object
    created: bool
    activation_url: str = ""


def add_moderator(*, regency, email, full_name="", actor=None, send_email=True):
    """Create or update a regency moderator. A new account activates itself by e-mailed link."""
    email = (email or "").strip().lower()
    full_name = " ".join((full_name or "").split())
    errors = []
    if not email:
        errors.append("E-mail moderator wajib diisi.")
    else:
        try:
            validate_email(email)
        except ValidationError:
            errors.append(f"Alamat e-mail '{email}' tidak sah.")
    regency_obj = regency if isinstance(regency, Regency) else Regency.objects.filter(slug=regency).first()
    if regency_obj is None:
        errors.append(f"Kabupaten/kota '{regency}' tidak dikenal.")
    if errors:
        raise ProvisioningError(errors)

    User = get_user_model()
    with transaction.atomic():
        ensure_regency_structure(regency_obj)
        user = User.objects.filter(email=email).first()
        created = user is None
        if created:
            user = User(username=email, email=email, is_active=True)
            user.set_unusable_password()
        if full_name:
            first, _, last = full_name.partition(" ")
            user.first_name, user.last_name = first[:150], last[:150]
        user.save()
        user.groups.add(regency_obj.moderator_group)
        url = "" if user.has_usable_password() else activation_url(user)
        log(instance=regency_obj.moderator_group, action="kim_sites.add_moderator", user=actor, data={"email": email})
        if send_email and url:
            transaction.on_commit(lambda: _send_quietly(user, url, regency=regency_obj), robust=True)
    return ModeratorResult(user=user, created=created, activation_url=url)
