"""The provisioning service: complete KIMs, idempotent, refusing bad requests in Indonesian,
and the "Done when" of issue 3 for KIM editors, through the real admin."""

import pytest

from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.urls import reverse

from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    GroupSitePermission,
    ModelLogEntry,
    Page,
    PageLogEntry,
    Site,
)
from wagtail.test.utils.form_data import rich_text

from kim_sites.models import AspirasiFormPage, Kim, KimHomePage, Regency
from kim_sites.registry.provisioning import (
    KimSpec,
    ProvisioningError,
    RegistryIndex,
    add_moderator,
    create_regency,
    provision_kim,
    set_kim_status,
)
from tests.factories.accounts import make_editor, make_moderator
from tests.factories.registry import make_kim
from tests.support.records import counts

pytestmark = pytest.mark.django_db


def spec(**overrides):
    values = {
        "name": "KIM Maju Bersama",
        "regency": "bangka-tengah",
        "village": "Nibung",
        "district": "Koba",
        "admin_email": "admin@majubersama.id",
    }
    values.update(overrides)
    return KimSpec(**values)


# --- What one KIM is made of -------------------------------------------------------------------


def test_provision_builds_the_whole_kim():
    result = provision_kim(spec(sk_number="188/2023", phone="0812"), send_email=False)
    kim = result.kim
    assert result.created
    assert kim.slug == "kim-maju-bersama"
    assert kim.regency.slug == "bangka-tengah" and kim.sk_number == "188/2023" and kim.phone == "0812"
    assert kim.status == Kim.Status.ACTIVE
    # Site at <slug>.<KIM_BASE_DOMAIN>, rooted at the KIM home page under its regency's page.
    assert kim.site.hostname == "kim-maju-bersama.kim.test" and not kim.site.is_default_site
    home = kim.site.root_page.specific
    assert isinstance(home, KimHomePage) and home.kim == kim and home.live
    assert home.get_parent().specific.regency == kim.regency
    sections = [(p.slug, type(p.specific).__name__) for p in home.get_children()]
    assert sections == [
        ("berita", "PostIndexPage"),
        ("profil", "ProfilePage"),
        ("galeri", "GalleryPage"),
        ("agenda", "AgendaPage"),
        ("aspirasi", "AspirasiFormPage"),
    ]
    aspirasi = AspirasiFormPage.objects.get(pk=home.get_children().get(slug="aspirasi").pk)
    assert aspirasi.form_fields.count() == 4 and aspirasi.to_address == "admin@majubersama.id"
    # Collection nested under the regency's.
    assert kim.collection.get_parent() == kim.regency.collection
    # The first admin: no password, in the editor group, activation link ready.
    admin = result.admin_user
    assert admin.email == "admin@majubersama.id" and not admin.has_usable_password()
    assert list(admin.groups.all()) == [kim.admin_group]
    assert result.activation_url.startswith("https://admin.kim.test/aktivasi/")
    assert ModelLogEntry.objects.filter(action="kim_sites.provision", object_id=str(kim.pk)).exists()


@pytest.mark.parametrize("role_group", ["editor_group", "admin_group"])
def test_team_groups_have_exactly_their_own_permissions(role_group):
    kim = make_kim("bangka")
    group = getattr(kim, role_group)
    page_perms = set(GroupPagePermission.objects.filter(group=group).values_list("page_id", "permission__codename"))
    assert page_perms == {(kim.home_page_id, c) for c in ("add_page", "change_page", "lock_page")}
    coll_perms = set(
        GroupCollectionPermission.objects.filter(group=group).values_list("collection_id", "permission__codename")
    )
    assert coll_perms == {
        (kim.collection_id, c)
        for c in ("add_image", "change_image", "choose_image", "add_document", "change_document", "choose_document")
    }
    # Site settings are granted for the KIM's own Site only (GroupSitePermission), never globally,
    # and to the Admin KIM role only.
    assert set(group.permissions.values_list("codename", flat=True)) == {"access_admin"}
    site_perms = set(GroupSitePermission.objects.filter(group=group).values_list("site_id", "permission__codename"))
    assert site_perms == ({(kim.site_id, "change_kimsitesettings")} if role_group == "admin_group" else set())


def test_custom_hostname():
    kim = provision_kim(spec(hostname="KIM.NibungDesa.ID."), send_email=False).kim
    assert kim.site.hostname == "kim.nibungdesa.id"


def test_slug_is_cut_to_a_valid_dns_label():
    kim = provision_kim(spec(name="KIM " + "Sangat Panjang Sekali " * 5), send_email=False).kim
    assert len(kim.slug) <= 63 and not kim.slug.endswith("-")


def test_activation_email_leaves_only_after_commit(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        provision_kim(spec(), send_email=True)
    assert len(mail.outbox) == 0 and callbacks
    for callback in callbacks:
        callback()
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["admin@majubersama.id"]
    assert "KIM Maju Bersama" in mail.outbox[0].subject


def test_a_failing_mail_server_does_not_undo_the_kim(django_capture_on_commit_callbacks, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2  # nothing listens
    with django_capture_on_commit_callbacks(execute=True):
        result = provision_kim(spec(), send_email=True)
    assert Kim.objects.filter(pk=result.kim.pk).exists()


def test_an_existing_user_becomes_admin_without_a_new_account():
    first = make_kim("bangka", admin_email="pengelola@contoh.id")
    before = counts()["users"]
    second = provision_kim(spec(admin_email="Pengelola@Contoh.id"), send_email=False)
    assert counts()["users"] == before
    assert set(second.admin_user.groups.all()) == {first.admin_group, second.kim.admin_group}


# --- Idempotence -------------------------------------------------------------------------------


def test_running_again_changes_nothing_and_makes_no_duplicates():
    first = provision_kim(spec(), send_email=False)
    before = counts()
    logs = ModelLogEntry.objects.count()
    again = provision_kim(spec(name="  kim maju   bersama "), send_email=True)
    assert not again.created and again.kim == first.kim
    assert again.admin_user == first.admin_user
    assert counts() == before
    assert ModelLogEntry.objects.count() == logs
    assert len(mail.outbox) == 0


def test_running_again_with_the_same_custom_hostname_is_fine_but_another_is_refused():
    provision_kim(spec(hostname="maju.desa.id"), send_email=False)
    assert not provision_kim(spec(hostname="maju.desa.id"), send_email=False).created
    assert not provision_kim(spec(), send_email=False).created
    with pytest.raises(ProvisioningError) as exc:
        provision_kim(spec(hostname="lain.desa.id"), send_email=False)
    assert "sudah terdaftar dengan nama host 'maju.desa.id'" in exc.value.errors[0]


# --- Refusals ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"regency": "atlantis"}, "regency", "Kabupaten/kota 'atlantis' tidak dikenal."),
        ({"admin_email": "bukan-email"}, "admin_email", "Alamat e-mail admin 'bukan-email' tidak sah."),
        ({"admin_email": ""}, "admin_email", "E-mail admin KIM wajib diisi."),
        ({"name": ""}, "name", "Nama KIM wajib diisi."),
        ({"village": " "}, "village", "Desa/kelurahan wajib diisi."),
        ({"district": ""}, "district", "Kecamatan wajib diisi."),
        ({"slug": "Bukan Slug"}, "slug", "Slug 'bukan slug' tidak sah: gunakan huruf kecil, angka dan tanda hubung."),
        ({"hostname": "ada spasi.id"}, "hostname", "Nama host 'ada spasi.id' tidak sah."),
        ({"name": "K" * 151}, "name", "Isian 'nama' paling banyak 150 karakter."),
        ({"phone": "0" * 33}, "phone", "Isian 'telepon' paling banyak 32 karakter."),
    ],
)
def test_bad_requests_are_refused_in_indonesian_and_create_nothing(overrides, field, message):
    before = counts()
    with pytest.raises(ProvisioningError) as exc:
        provision_kim(spec(**overrides), send_email=True)
    assert message in exc.value.errors
    assert (field, message) in exc.value.field_errors
    assert counts() == before
    assert len(mail.outbox) == 0


def test_duplicate_slug_is_refused():
    provision_kim(spec(), send_email=False)
    before = counts()
    with pytest.raises(ProvisioningError) as exc:
        provision_kim(spec(name="KIM Lain", slug="kim-maju-bersama"), send_email=False)
    assert exc.value.errors == [
        "Slug 'kim-maju-bersama' sudah dipakai KIM lain (KIM Maju Bersama — Kabupaten Bangka Tengah)."
    ]
    assert exc.value.field_errors[0][0] == "slug"
    assert counts() == before


def test_same_name_in_another_regency_is_a_duplicate_slug():
    provision_kim(spec(), send_email=False)
    before = counts()
    with pytest.raises(ProvisioningError) as exc:
        provision_kim(spec(regency="bangka"), send_email=False)
    assert exc.value.field_errors[0][0] == "slug"
    assert "sudah dipakai KIM lain" in exc.value.errors[0]
    assert counts() == before


def test_duplicate_hostname_is_refused():
    provision_kim(spec(hostname="bersama.desa.id"), send_email=False)
    before = counts()
    with pytest.raises(ProvisioningError) as exc:
        provision_kim(spec(name="KIM Lain", hostname="bersama.desa.id"), send_email=False)
    assert exc.value.errors == ["Nama host 'bersama.desa.id' sudah dipakai situs lain."]
    # The portal's hostname too.
    with pytest.raises(ProvisioningError):
        provision_kim(
            spec(name="KIM Portal", hostname=Site.objects.get(is_default_site=True).hostname), send_email=False
        )
    assert counts() == before


def test_a_left_over_editor_group_is_refused_and_nothing_is_half_made():
    Group.objects.create(name="Editor KIM Maju Bersama (kim-maju-bersama)")
    before = counts()
    with pytest.raises(ProvisioningError) as exc:
        provision_kim(spec(), send_email=False)
    assert "sudah ada dari pendaftaran sebelumnya" in exc.value.errors[0]
    assert counts() == before


def test_registry_index_gives_the_same_answers_without_queries(django_assert_num_queries):
    provision_kim(spec(hostname="bersama.desa.id"), send_email=False)
    index = RegistryIndex()
    cases = [
        spec(),
        spec(name="KIM Lain", hostname="bersama.desa.id"),
        spec(regency="bangka"),
        spec(regency="atlantis", name="KIM X"),
    ]
    from kim_sites.registry.provisioning import validate_kim_spec

    expected = [validate_kim_spec(s) for s in cases]
    with django_assert_num_queries(0):
        assert [validate_kim_spec(s, index=index) for s in cases] == expected


# --- Status, regencies, moderators -------------------------------------------------------------


def test_set_kim_status_is_audited_and_idempotent():
    kim = make_kim("bangka")
    assert set_kim_status(kim, Kim.Status.SUSPENDED)
    assert kim.suspended_at is not None
    assert not set_kim_status(kim, Kim.Status.SUSPENDED)
    assert ModelLogEntry.objects.filter(action="kim_sites.suspend", object_id=str(kim.pk)).count() == 1
    with pytest.raises(ProvisioningError):
        set_kim_status(kim, "hilang")
    assert set_kim_status(kim, Kim.Status.ACTIVE) and kim.suspended_at is None


def test_create_regency_builds_page_collection_and_moderator_group():
    regency = create_regency(name="Kabupaten Bogor", slug="bogor", seat="Cibinong", province="Jawa Barat")
    assert regency.page.get_parent() == Page.get_first_root_node()
    assert regency.collection.get_parent() == Collection.get_first_root_node()
    assert regency.moderator_group.name == "Moderator Kabupaten Bogor"
    perms = set(
        GroupPagePermission.objects.filter(group=regency.moderator_group).values_list("page_id", "permission__codename")
    )
    assert perms == {
        (regency.page.pk, c) for c in ("add_page", "change_page", "publish_page", "lock_page", "unlock_page")
    }
    kim = make_kim("bogor")
    assert kim.home_page.get_parent().pk == regency.page.pk


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"name": "Kabupaten Bangka", "slug": "bangka-2"}, "Kabupaten/kota bernama 'Kabupaten Bangka' sudah ada."),
        ({"name": "Kabupaten X", "slug": "bangka"}, "Kabupaten/kota dengan slug 'bangka' sudah ada."),
        ({"name": "Kabupaten X", "slug": "portal"}, "Slug 'portal' sudah dipakai halaman lain di akar situs."),
        (
            {"name": "Kabupaten X", "slug": "x", "kind": "desa"},
            "Jenis 'desa' tidak dikenal: pilih kabupaten atau kota.",
        ),
        ({"name": "", "slug": "x"}, "Nama kabupaten/kota wajib diisi."),
    ],
)
def test_create_regency_refusals(kwargs, message):
    before = (Regency.objects.count(), counts())
    with pytest.raises(ProvisioningError) as exc:
        create_regency(**kwargs)
    assert message in exc.value.errors
    assert (Regency.objects.count(), counts()) == before


def test_moderators_hold_no_model_permission_on_kims():
    moderator = make_moderator("bangka")
    view_kim = Permission.objects.get(codename="view_kim")
    assert not moderator.has_perm("kim_sites.view_kim")
    assert not Group.objects.filter(moderated_regency__isnull=False, permissions=view_kim).exists()


def test_add_moderator_is_idempotent_and_validates():
    first = add_moderator(regency="bangka", email="Pembina@Bangka.go.id", full_name="Rahmat  Hidayat", send_email=False)
    again = add_moderator(regency="bangka", email="pembina@bangka.go.id", send_email=False)
    assert first.created and not again.created and first.user == again.user
    assert again.user.get_full_name() == "Rahmat Hidayat"
    with pytest.raises(ProvisioningError) as exc:
        add_moderator(regency="atlantis", email="salah", send_email=False)
    assert exc.value.errors == ["Alamat e-mail 'salah' tidak sah.", "Kabupaten/kota 'atlantis' tidak dikenal."]


# --- Done when: a KIM editor ------------------------------------------------------------------


@pytest.fixture
def editor_world(client):
    own = make_kim("bangka", name="KIM Sendiri")
    other = make_kim("bangka", name="KIM Tetangga")
    editor = make_editor(own)
    client.force_login(editor)
    return own, other, editor


def _home_edit_post(client, kim, title, action):
    page = kim.home_page.specific
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    form = client.get(url)
    assert form.status_code == 200
    data = {
        "title": title,
        "slug": page.slug,
        "tagline": page.tagline,
        "intro": rich_text("<p>Selamat datang.</p>"),
        "seo_title": "",
        "search_description": "",
        "comments-TOTAL_FORMS": "0",
        "comments-INITIAL_FORMS": "0",
        "comments-MIN_NUM_FORMS": "0",
        "comments-MAX_NUM_FORMS": "1000",
    }
    if action:
        data[action] = "1"
    return client.post(url, data)


def test_editor_can_edit_its_own_home_page(client, editor_world):
    own, _, _ = editor_world
    response = _home_edit_post(client, own, "KIM Sendiri (draf baru)", None)
    assert response.status_code == 302
    page = Page.objects.get(pk=own.home_page_id)
    assert page.get_latest_revision().as_object().title == "KIM Sendiri (draf baru)"
    assert page.title == "KIM Sendiri"  # the live version is untouched by a draft


def test_editor_cannot_publish_its_own_home_page(client, editor_world):
    own, _, _ = editor_world
    page = Page.objects.get(pk=own.home_page_id)
    live_revision = page.live_revision_id
    response = _home_edit_post(client, own, "Terbit tanpa moderasi", "action-publish")
    page.refresh_from_db()
    assert page.title == "KIM Sendiri"
    assert page.live_revision_id == live_revision
    assert response.status_code in (302, 403)
    assert not PageLogEntry.objects.filter(page=page, action="wagtail.publish").exists()
    assert Page.objects.live().filter(title="Terbit tanpa moderasi").count() == 0


def test_editor_cannot_edit_another_kims_pages(client, editor_world):
    _, other, _ = editor_world
    for page in Page.objects.descendant_of(other.home_page, inclusive=True):
        response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
        assert response.status_code in (302, 403), page
        if response.status_code == 302:
            assert response["Location"] == reverse("wagtailadmin_home")
    before = Page.objects.get(pk=other.home_page_id).latest_revision_id
    _home_edit_post_status = client.post(
        reverse("wagtailadmin_pages:edit", args=[other.home_page_id]), {"title": "Dibajak", "slug": other.slug}
    ).status_code
    assert _home_edit_post_status in (302, 403)
    page = Page.objects.get(pk=other.home_page_id)
    assert page.title == "KIM Tetangga" and page.latest_revision_id == before


def test_editor_holds_no_permission_on_the_root_collection(editor_world):
    own, _, editor = editor_world
    root = Collection.get_first_root_node()
    assert not GroupCollectionPermission.objects.filter(group__in=editor.groups.all(), collection=root).exists()
    from wagtail.images import get_image_model
    from wagtail.permissions import policy_registry

    image_policy = policy_registry.get_by_type(get_image_model())
    collections = image_policy.collections_user_has_permission_for(editor, "add")
    assert list(collections) == [own.collection]


def test_sibling_slug_check_has_its_index():
    """Every KIM has a "berita", "profil", ...: Wagtail's sibling-slug check needs (slug, path)."""
    from django.db import connection

    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, "wagtailcore_page")
    assert constraints["kim_page_slug_path_idx"]["columns"] == ["slug", "path"]


def test_kim_collections_are_appended_and_the_tree_stays_valid():
    from wagtail.models import Collection

    zulu = make_kim("bangka", name="KIM Zulu")
    alfa = make_kim("bangka", name="KIM Alfa")
    regency = Regency.objects.get(slug="bangka")
    children = list(regency.collection.get_children())
    assert [c.pk for c in children][-2:] == [zulu.collection_id, alfa.collection_id]
    assert Collection.find_problems() == ([], [], [], [], [])
    regency.collection.refresh_from_db()
    assert regency.collection.numchild == len(children)
    # A KIM's own sub-collections are ordinary sorted Wagtail collections.
    alfa.collection.add_child(name="Foto 2024")
    alfa.collection.add_child(name="Dokumen")
    assert [c.name for c in alfa.collection.get_children()] == ["Dokumen", "Foto 2024"]
    assert Collection.find_problems() == ([], [], [], [], [])
