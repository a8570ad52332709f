"""Tulis berita (/admin/tulis/): who may write where, what the form makes, and what it refuses."""

import pytest

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from wagtail.models import GroupCollectionPermission, PageLogEntry, PageSubscription, Revision, WorkflowState

from home.models import CustomImage
from kim_sites.models import Kim, PostPage
from kim_sites.moderation.queue import pending_task_states
from tests.factories.accounts import make_editor
from tests.factories.pages import post_index
from tests.factories.registry import make_kim
from tests.kim_sites.writing.conftest import jpeg
from tests.support.admin import login

pytestmark = pytest.mark.django_db

WRITE = "/admin/tulis/"


def write_url(kim):
    return f"/admin/tulis/{post_index(kim).pk}/"


def form_data(**overrides):
    data = {
        "title": "Gotong royong bersihkan parit",
        "category": "kegiatan",
        "text": "Warga Desa bergotong royong membersihkan parit. Kegiatan dimulai pukul 07.00.\n\nSemua ikut.",
        "summary": "",
        "date": "",
        "tags": "",
        "action-submit": "1",
    }
    data.update(overrides)
    return data


def posts_of(kim):
    return PostPage.objects.filter(path__startswith=kim.home_page.path)


# --- Who reaches the form ------------------------------------------------------------------------


def test_anonymous_is_sent_to_the_login(kim):
    for url in (WRITE, write_url(kim)):
        response = Client().get(url)
        assert response.status_code == 302 and "/admin/login/" in response["Location"]
    response = Client().post(write_url(kim), form_data())
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    assert not posts_of(kim).exists()


def test_an_editor_gets_the_form_of_the_own_kim_at_once(kim, editor):
    response = login(editor).get(WRITE)
    assert response.status_code == 200
    html = response.content.decode()
    assert f'action="{write_url(kim)}"' in html
    assert 'type="file" name="photos"' in html and 'accept="image/*" multiple' in html
    assert html.index('name="title"') < html.index('name="category"') < html.index('name="photos"')
    assert html.index('name="photos"') < html.index('name="text"') < html.index("<details")
    assert "Kirim ke Moderasi KIM" in html and "Simpan draf" in html
    assert kim.name in html


def test_an_editor_of_another_kim_gets_404_and_nothing_is_made(kim):
    other = make_kim("bangka", name="KIM Tetangga")
    stranger = make_editor(other)
    client = login(stranger)
    assert client.get(write_url(kim)).status_code == 404
    assert client.post(write_url(kim), form_data()).status_code == 404
    assert not posts_of(kim).exists()
    # Their own form still works.
    assert client.get(write_url(other)).status_code == 200


def test_an_index_that_is_not_a_post_index_is_404(kim, editor):
    assert login(editor).get(f"/admin/tulis/{kim.home_page_id}/").status_code == 404
    assert login(editor).get("/admin/tulis/999999/").status_code == 404


def test_a_user_who_writes_for_no_kim_is_refused(moderator, other_moderator, kim):
    for user in (moderator, other_moderator):
        assert login(user).get(WRITE).status_code in (302, 403)


def test_the_moderator_of_another_regency_gets_404(kim, other_moderator):
    client = login(other_moderator)
    assert client.get(write_url(kim)).status_code == 404
    assert client.post(write_url(kim), form_data()).status_code == 404
    assert not posts_of(kim).exists()


def test_the_own_regency_moderator_and_a_provincial_admin_may_write_as_wagtail_lets_them(
    kim, moderator, provincial_admin
):
    for user, title in ((moderator, "Dari moderator"), (provincial_admin, "Dari provinsi")):
        client = login(user)
        assert client.get(write_url(kim)).status_code == 200
        response = client.post(write_url(kim), form_data(title=title))
        assert response.status_code == 302, response.content.decode()[:2000]
    assert set(posts_of(kim).values_list("title", flat=True)) == {"Dari moderator", "Dari provinsi"}
    assert not posts_of(kim).filter(live=True).exists()


def test_an_editor_of_a_suspended_kim_keeps_writing(kim, editor):
    """Suspension takes the site offline for the public only (kim_sites/registry/suspension.py)."""
    Kim.objects.filter(pk=kim.pk).update(status=Kim.Status.SUSPENDED)
    response = login(editor).post(write_url(kim), form_data())
    assert response.status_code == 302
    assert posts_of(kim).get().workflow_in_progress


def test_an_editor_of_two_kims_picks_the_kim_first(kim, editor):
    second = make_kim("bangka", name="KIM Kedua")
    editor.groups.add(second.editor_group)
    response = login(editor).get(WRITE)
    html = response.content.decode()
    assert response.status_code == 200
    assert write_url(kim) in html and write_url(second) in html
    assert 'name="title"' not in html


# --- What a submission makes -----------------------------------------------------------------------


def test_submitting_makes_a_draft_in_the_workflow_as_wagtail_submit_does(kim, editor, moderator, mailoutbox):
    response = login(editor).post(write_url(kim), form_data(), follow=True)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Berita terkirim ke Moderasi KIM" in html
    post = posts_of(kim).get()
    assert reverse("wagtailadmin_pages:edit", args=(post.pk,)) in html
    assert post.get_parent().pk == post_index(kim).pk
    assert not post.live and post.owner == editor
    assert post.category == "kegiatan"
    assert post.slug == "gotong-royong-bersihkan-parit"
    # The text is the first paragraph; the summary its first sentences.
    assert post.body[0].block_type == "paragraph"
    assert "<p>Warga Desa bergotong royong membersihkan parit." in post.body[0].value.source
    assert post.summary == "Warga Desa bergotong royong membersihkan parit. Kegiatan dimulai pukul 07.00."
    revision = Revision.page_revisions.filter(object_id=str(post.pk)).get()
    assert revision.user == editor
    state = WorkflowState.objects.for_instance(post).get()
    assert state.status == WorkflowState.STATUS_IN_PROGRESS and state.requested_by == editor
    assert PageLogEntry.objects.filter(page=post, action="wagtail.workflow.start", user=editor).exists()
    assert PageSubscription.objects.filter(page=post, user=editor, comment_notifications=True).exists()
    # The moderator's queue and notification see it as any other submission.
    assert [ts.workflow_state.object_id for ts in pending_task_states(moderator)] == [str(post.pk)]
    assert any(moderator.email in m.to for m in mailoutbox)


def test_saving_a_draft_does_not_submit(kim, editor):
    data = form_data()
    del data["action-submit"]
    data["action-draft"] = "1"
    response = login(editor).post(write_url(kim), data, follow=True)
    assert "Draf tersimpan" in response.content.decode()
    post = posts_of(kim).get()
    assert not post.live and not WorkflowState.objects.for_instance(post).exists()


def test_editors_never_publish_whatever_they_post(kim, editor):
    login(editor).post(write_url(kim), form_data(**{"action-publish": "1"}))
    post = posts_of(kim).get()
    assert not post.live and post.first_published_at is None


def test_the_same_title_twice_gets_the_next_free_slug(kim, editor):
    client = login(editor)
    for _ in range(3):
        assert client.post(write_url(kim), form_data()).status_code == 302
    assert sorted(posts_of(kim).values_list("slug", flat=True)) == [
        "gotong-royong-bersihkan-parit",
        "gotong-royong-bersihkan-parit-2",
        "gotong-royong-bersihkan-parit-3",
    ]


def test_optional_fields_below(kim, editor):
    data = form_data(summary="Ringkasan sendiri.", date="2025-03-01", tags="gotong royong, parit")
    assert login(editor).post(write_url(kim), data).status_code == 302
    post = posts_of(kim).get()
    assert post.summary == "Ringkasan sendiri."
    assert post.date.isoformat() == "2025-03-01"
    assert sorted(t.name for t in post.tags.all()) == ["gotong royong", "parit"]


def test_a_long_first_sentence_is_cut_to_the_summary_limit(kim, editor):
    text = "kata " * 200
    assert login(editor).post(write_url(kim), form_data(text=text)).status_code == 302
    summary = posts_of(kim).get().summary
    assert len(summary) <= 300 and summary.endswith("…")


# --- Photos ------------------------------------------------------------------------------------------


def test_photos_go_to_the_kim_collection_the_first_is_the_cover(kim, editor):
    data = form_data(
        photos=[jpeg(name="satu.jpg", noise=False), jpeg(name="dua.jpg", noise=False)],
        **{"caption-0": "Warga mengangkat lumpur", "alt-1": "Parit yang sudah bersih"},
    )
    assert login(editor).post(write_url(kim), data).status_code == 302
    post = posts_of(kim).get()
    images = list(CustomImage.objects.order_by("pk"))
    assert [i.collection_id for i in images] == [kim.collection_id] * 2
    assert all(i.file_size and i.file_hash for i in images)
    assert [i.uploaded_by_user for i in images] == [editor, editor]
    assert [i.title for i in images] == ["Warga mengangkat lumpur", "Gotong royong bersihkan parit"]
    assert post.cover_image == images[0]
    assert post.cover_alt == "Warga mengangkat lumpur"  # the caption, as nothing else was typed
    image_block = post.body[1]
    assert image_block.block_type == "image"
    assert image_block.value["image"] == images[1]
    assert image_block.value["alt_text"] == "Parit yang sudah bersih"


def test_the_editor_picks_another_cover_and_the_rest_make_a_gallery(kim, editor):
    photos = [jpeg(name=f"{n}.jpg", size=(400, 300), noise=False) for n in range(3)]
    assert login(editor).post(write_url(kim), form_data(photos=photos, cover="2")).status_code == 302
    post = posts_of(kim).get()
    images = list(CustomImage.objects.order_by("pk"))
    assert post.cover_image == images[2]
    assert post.cover_alt == post.title  # no caption, no description: the title
    gallery = post.body[1]
    assert gallery.block_type == "gallery"
    assert [item["image"] for item in gallery.value["images"]] == images[:2]
    assert [item["alt_text"] for item in gallery.value["images"]] == [post.title] * 2


def test_a_phone_photo_is_stored_scaled_down(kim, editor, phone_photo):
    original = phone_photo.size
    assert login(editor).post(write_url(kim), form_data(photos=[phone_photo])).status_code == 302
    image = CustomImage.objects.get()
    assert max(image.width, image.height) == 1600
    assert image.file_size < original / 4


def test_a_file_that_is_not_an_image_is_refused_and_nothing_is_made(kim, editor):
    fake = SimpleUploadedFile("surat.jpg", b"bukan gambar", content_type="image/jpeg")
    response = login(editor).post(write_url(kim), form_data(photos=[jpeg(size=(300, 200), noise=False), fake]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "surat.jpg" in html and 'id="id_photos-error"' in html
    assert "Berita belum tersimpan" in html
    assert not posts_of(kim).exists() and not CustomImage.objects.exists()


def test_an_oversized_file_is_refused(kim, editor, settings):
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 1000
    response = login(editor).post(write_url(kim), form_data(photos=[jpeg(size=(300, 200))]))
    assert response.status_code == 200
    assert 'id="id_photos-error"' in response.content.decode()
    assert not posts_of(kim).exists() and not CustomImage.objects.exists()


def test_missing_title_and_text_are_shown_next_to_their_fields(kim, editor):
    response = login(editor).post(write_url(kim), form_data(title="", text=""))
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_title-error"' in html and "Tulis judul berita." in html
    assert 'id="id_text-error"' in html and "Tulis isi berita." in html
    assert not posts_of(kim).exists()


def test_when_the_page_fails_no_photo_is_left_behind(kim, editor, monkeypatch, settings):
    def fail(*args, **kwargs):
        raise RuntimeError("gagal di tengah jalan")

    monkeypatch.setattr(PostPage, "save_revision", fail)
    with pytest.raises(RuntimeError):
        login(editor).post(write_url(kim), form_data(photos=[jpeg(size=(300, 200), noise=False)]))
    assert not CustomImage.objects.exists() and not posts_of(kim).exists()
    originals = settings.MEDIA_ROOT / "original_images"
    assert not originals.exists() or not list(originals.iterdir())


def test_a_user_without_upload_rights_on_the_collection_gets_a_field_error(kim, editor):

    GroupCollectionPermission.objects.filter(group=kim.editor_group).delete()
    response = login(editor).post(write_url(kim), form_data(photos=[jpeg(size=(300, 200), noise=False)]))
    assert response.status_code == 200
    assert "tidak berhak mengunggah foto" in response.content.decode()
    assert not posts_of(kim).exists() and not CustomImage.objects.exists()


# --- The page after ------------------------------------------------------------------------------


def test_the_done_page_is_only_for_who_may_edit_the_post(kim, editor, other_moderator):
    login(editor).post(write_url(kim), form_data())
    post = posts_of(kim).get()
    url = reverse("kim_write_done", args=(post.pk,))
    assert login(editor).get(url).status_code == 200
    assert login(other_moderator).get(url).status_code == 404
    stranger = make_editor(make_kim("belitung", name="KIM Jauh"))
    assert login(stranger).get(url).status_code == 404
    assert login(editor).get(reverse("kim_write_done", args=(kim.home_page_id,))).status_code == 404
