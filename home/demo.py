"""The demo province: Kepulauan Bangka Belitung with one or more KIMs per regency.

Everything is built through the same services Diskominfo uses, and every step is idempotent,
so `load_demo` can run on every `make run`. Nothing is fetched from the network.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction

from wagtail.models import Site

from kim_sites.models import Kim
from kim_sites.permissions import PROVINCIAL_ADMIN_GROUP
from kim_sites.provisioning import KimSpec, add_moderator, provision_kim

DEMO_PASSWORD = "demo12345"

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


def _set_demo_password(user):
    if not user.has_usable_password():
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])


@transaction.atomic
def load_kims(stdout=None):
    kims = []
    for regency, name, district, village, email in DEMO_KIMS:
        result = provision_kim(
            KimSpec(name=name, regency=regency, district=district, village=village, admin_email=email),
            send_email=False,
        )
        _set_demo_password(result.admin_user or get_user_model().objects.get(email=email))
        kims.append(result.kim)
    return kims


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


def align_dev_ports():
    """In development every site is served by runserver on $PORT: keep the Sites' port in step."""
    port = settings.KIM_SITE_PORT
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
