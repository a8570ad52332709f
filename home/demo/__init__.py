"""The demo province: Kepulauan Bangka Belitung with one or more KIMs per regency.

Everything is built through the same services Diskominfo uses, and every step is idempotent,
so `load_demo` can run on every `make run`. Nothing is fetched from the network.
This module holds the province (KIMs, accounts, moderation demo); `home.demo.content` the
pages the KIMs publish.
"""

import functools
import json

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.db import transaction
from django.test.utils import override_settings

from wagtail.models import Site

from home.demo import content
from kim_sites.access.roles import PROVINCIAL_ADMIN_GROUP
from kim_sites.conf import kim_settings
from kim_sites.models import Kim, PostIndexPage, PostPage, Regency
from kim_sites.registry.provisioning import KimSpec, add_moderator, provision_kim

DEMO_PASSWORD = "demo12345"  # nosec B105  # the documented demo sign-in

DEMO_KIMS = [
    # (regency, name, district, village, admin e-mail)
    ("bangka", "KIM Jada Bahrin Bersatu", "Merawang", "Jada Bahrin", "editor.jadabahrin@demo.kim.id"),
    ("bangka", "KIM Sinar Baru", "Sungailiat", "Sinar Baru", "editor.sinarbaru@demo.kim.id"),
    ("bangka-barat", "KIM Air Belo Informatif", "Muntok", "Air Belo", "editor.airbelo@demo.kim.id"),
    ("bangka-tengah", "KIM Nibung Maju", "Koba", "Nibung", "editor.nibung@demo.kim.id"),
    ("bangka-selatan", "KIM Rias Sejahtera", "Toboali", "Rias", "editor.rias@demo.kim.id"),
    ("belitung", "KIM Terong Berseri", "Sijuk", "Terong", "editor.terong@demo.kim.id"),
    ("belitung-timur", "KIM Lenggang Pelangi", "Gantung", "Lenggang", "editor.lenggang@demo.kim.id"),
    ("pangkalpinang", "KIM Kacang Pedang", "Gerunggang", "Kacang Pedang", "editor.kacangpedang@demo.kim.id"),
]

DEMO_MODERATORS = [
    ("bangka", "moderator.bangka@demo.kim.id", "Rahmat Hidayat"),
    ("belitung", "moderator.belitung@demo.kim.id", "Siti Aminah"),
    ("pangkalpinang", "moderator.pangkalpinang@demo.kim.id", "Yusuf Kurniawan"),
]

PROVINCIAL_ADMIN = ("admin@demo.kim.id", "Dewi Lestari")

# Each regency Diskominfo's contact, shown on a suspended KIM's notice. Demo values: the mailboxes
# are under demo.kim.id and the numbers are marked as such.
DEMO_REGENCY_CONTACTS = {
    "bangka": (
        "diskominfo.bangka@demo.kim.id",
        "(0717) 435-0101 (demo)",
        "Kompleks Perkantoran Pemkab Bangka, Jl. Ahmad Yani, Sungailiat (demo)",
    ),
    "bangka-barat": (
        "diskominfo.bangkabarat@demo.kim.id",
        "(0716) 221-0102 (demo)",
        "Kompleks Perkantoran Pemkab Bangka Barat, Jl. Raya Tanjung Kalian, Muntok (demo)",
    ),
    "bangka-tengah": (
        "diskominfo.bangkatengah@demo.kim.id",
        "(0717) 437-0103 (demo)",
        "Kompleks Perkantoran Pemkab Bangka Tengah, Jl. Titian Puspa, Koba (demo)",
    ),
    "bangka-selatan": (
        "diskominfo.bangkaselatan@demo.kim.id",
        "(0718) 413-0104 (demo)",
        "Kompleks Perkantoran Pemkab Bangka Selatan, Jl. Raya Terentang, Toboali (demo)",
    ),
    "belitung": (
        "diskominfo.belitung@demo.kim.id",
        "(0719) 921-0105 (demo)",
        "Kantor Diskominfo Kabupaten Belitung, Jl. Merdeka, Tanjung Pandan (demo)",
    ),
    "belitung-timur": (
        "diskominfo.belitungtimur@demo.kim.id",
        "(0719) 911-0106 (demo)",
        "Kompleks Perkantoran Pemkab Belitung Timur, Jl. Jenderal Sudirman, Manggar (demo)",
    ),
    "pangkalpinang": (
        "diskominfo.pangkalpinang@demo.kim.id",
        "(0717) 422-0107 (demo)",
        "Kantor Diskominfo Kota Pangkalpinang, Jl. Rasakunda, Pangkalpinang (demo)",
    ),
}

# The KIM admins' names, as they would fill in their account: moderators see authors by name.
DEMO_EDITOR_NAMES = {
    "editor.jadabahrin@demo.kim.id": "Hendra Saputra",
    "editor.sinarbaru@demo.kim.id": "Nurul Hidayah",
    "editor.airbelo@demo.kim.id": "Rudi Hartono",
    "editor.nibung@demo.kim.id": "Ani Rahmawati",
    "editor.rias@demo.kim.id": "Budi Santoso",
    "editor.terong@demo.kim.id": "Maya Sari",
    "editor.lenggang@demo.kim.id": "Fajar Nugroho",
    "editor.kacangpedang@demo.kim.id": "Lina Marlina",
}


@functools.cache
def _demo_password_hash():
    # Hashed once for all demo accounts: each hash costs the password hasher's full work (about a
    # second with the production hasher), and the demo password is public anyway.
    return make_password(DEMO_PASSWORD)


def _set_demo_password(user):
    # An account made without a password has an empty (not an "unusable") one.
    if not user.password or not user.has_usable_password():
        user.password = _demo_password_hash()
        user.save(update_fields=["password"])


def _set_demo_name(user, full_name):
    # Only a nameless account: a name changed by hand in the demo stays.
    if full_name and not user.get_full_name():
        user.first_name, _, user.last_name = full_name.partition(" ")
        user.save(update_fields=["first_name", "last_name"])


@transaction.atomic
def load_kims(stdout=None):
    kims = []
    for regency, name, district, village, email in DEMO_KIMS:
        result = provision_kim(
            KimSpec(name=name, regency=regency, district=district, village=village, admin_email=email),
            send_email=False,
        )
        user = result.admin_user or get_user_model().objects.get(email=email)
        _set_demo_password(user)
        _set_demo_name(user, DEMO_EDITOR_NAMES.get(email, ""))
        kims.append(result.kim)
    _set_regency_contacts()
    return kims


def _set_regency_contacts():
    # Only a regency without any contact: one typed in by hand in the demo stays.
    for regency in Regency.objects.filter(slug__in=DEMO_REGENCY_CONTACTS, contact_email="", contact_phone=""):
        regency.contact_email, regency.contact_phone, regency.contact_address = DEMO_REGENCY_CONTACTS[regency.slug]
        regency.save(update_fields=["contact_email", "contact_phone", "contact_address"])


@transaction.atomic
def load_users():
    for regency, email, full_name in DEMO_MODERATORS:
        result = add_moderator(regency=regency, email=email, full_name=full_name, send_email=False)
        _set_demo_password(result.user)
    User = get_user_model()
    email, full_name = PROVINCIAL_ADMIN
    admin, _ = User.objects.get_or_create(
        email=email, defaults={"username": email, "first_name": full_name.split()[0], "last_name": full_name.split()[1]}
    )
    admin.groups.add(Group.objects.get(name=PROVINCIAL_ADMIN_GROUP))
    if not admin.is_superuser:
        # The provincial admin manages users, groups, Sites and workflows: Wagtail's superuser role.
        admin.is_superuser = True
        admin.is_staff = True
        admin.save(update_fields=["is_superuser", "is_staff"])
    _set_demo_password(admin)


DEMO_MODERATION_POSTS = [
    # (KIM, slug, title, summary, paragraph, comment of the moderator who sent it back or "")
    (
        "KIM Jada Bahrin Bersatu",
        "gotong-royong-saluran-air",
        "Gotong royong membersihkan saluran air Desa Jada Bahrin",
        "Warga dan KIM Jada Bahrin membersihkan saluran air menjelang musim hujan.",
        "Sabtu pagi, puluhan warga bersama perangkat desa membersihkan saluran air sepanjang dua kilometer.",
        "",
    ),
    (
        "KIM Sinar Baru",
        "pelatihan-pemasaran-daring-umkm",
        "Pelatihan pemasaran daring untuk UMKM Sinar Baru",
        "KIM Sinar Baru mengajak pelaku UMKM belajar memasarkan produk lewat media sosial.",
        "Dua puluh pelaku UMKM belajar memotret produk dan menulis keterangan yang menarik.",
        "Lengkapi nama narasumber dan tanggal pelatihan, lalu kirim ulang.",
    ),
    (
        "KIM Terong Berseri",
        "festival-kampung-terong",
        "Festival Kampung Terong menampilkan kuliner dan kerajinan warga",
        "Festival tahunan Desa Terong menghadirkan kuliner khas dan kerajinan warga.",
        "Festival dibuka kepala desa dan diramaikan lomba perahu di Sungai Terong.",
        "",
    ),
    (
        "KIM Kacang Pedang",
        "posyandu-balita-kacang-pedang",
        "Jadwal posyandu balita Kelurahan Kacang Pedang",
        "Posyandu balita digelar setiap Selasa pekan kedua di balai kelurahan.",
        "Orang tua diimbau membawa buku KIA. Pemeriksaan meliputi penimbangan dan imunisasi.",
        "",
    ),
]


def load_moderation_demo():
    """A few drafts submitted by their KIM editors and waiting for their regency's moderator,
    and one sent back with a comment, so the whole moderation flow shows on `make run`.

    Idempotent: a post that already exists is left as it is. Notifications are not sent.
    """
    User = get_user_model()
    moderators = {regency: email for regency, email, _ in DEMO_MODERATORS}
    editors = {name: email for _, name, _, _, email in DEMO_KIMS}
    created = []
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"), transaction.atomic():
        for kim_name, slug, title, summary, paragraph, comment in DEMO_MODERATION_POSTS:
            kim = Kim.objects.select_related("home_page", "regency").get(name=kim_name)
            index = PostIndexPage.objects.child_of(kim.home_page).get(slug="berita")
            if index.get_children().filter(slug=slug).exists():
                continue
            editor = User.objects.get(email=editors[kim_name])
            post = PostPage(
                title=title,
                slug=slug,
                summary=summary,
                body=json.dumps([{"type": "paragraph", "value": f"<p>{paragraph}</p>"}]),
                live=False,
                owner=editor,
            )
            index.add_child(instance=post)
            post.save_revision(user=editor, log_action=True)
            post.get_workflow().start(post, editor)
            if comment:
                moderator = User.objects.get(email=moderators[kim.regency.slug])
                task_state = post.current_workflow_task_state
                task_state.task.specific.on_action(task_state, moderator, "reject", comment=comment)
            created.append(post)
    return created


def align_dev_ports():
    """In development every site is served by runserver on $PORT: keep the Sites' port in step."""
    port = kim_settings.KIM_SITE_PORT
    Site.objects.exclude(port=port).update(port=port)
    Site.objects.filter(is_default_site=True).update(hostname=settings.PORTAL_HOSTNAME)


def logins():
    rows = [("Admin provinsi", PROVINCIAL_ADMIN[0])]
    rows += [(f"Moderator {regency}", email) for regency, email, _ in DEMO_MODERATORS]
    rows += [(f"Editor {name}", email) for _, name, _, _, email in DEMO_KIMS]
    return rows


def site_urls():
    portal = Site.objects.get(is_default_site=True)
    kims = Kim.objects.select_related("site", "regency").order_by("regency__name", "name")
    return portal.root_url + "/", [(kim, kim.site.root_url + "/") for kim in kims if kim.site_id]


def load_content_demo():
    """Posts, profiles, agenda, galleries, site settings and some English pages (see home/demo/content.py)."""
    return content.load_content_demo([name for _, name, *_ in DEMO_KIMS])
