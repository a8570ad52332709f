"""The moderator's queue and the editor's submissions: scoped to the regency, paginated, and flat in cost."""

import datetime
import re

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from wagtail.models import GroupApprovalTask

from tests.factories.accounts import make_editor, make_moderator
from tests.factories.moderation import bulk_pending
from tests.factories.pages import post_index
from tests.factories.registry import make_kim
from tests.support.admin import create_post, current_task_state, login, workflow_action
from tests.support.clock import clock

pytestmark = pytest.mark.django_db

DASHBOARD = "/admin/"
QUEUE = "/admin/moderasi/"
SUBMISSIONS = "/admin/moderasi/kiriman/"
ROW = re.compile(r'<tr data-task-state="(\d+)">')


def rows(response):
    return ROW.findall(response.content.decode())


def queries(client, url):
    """Queries of one request on warm caches. The first request after Sites change rebuilds
    Wagtail's cached list of site roots once; that is a cache fill, not a cost per request."""
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def warm(*clients, url):
    for client in clients:
        client.get(url)


@pytest.fixture
def three_posts(kim, editor):
    """Two Bangka posts (two KIMs) and one Belitung post, submitted in this order."""
    sibling = make_kim("bangka", name="KIM Tetangga")
    belitung = make_kim("belitung", name="KIM Pulau Seliu")
    sibling_editor = make_editor(sibling)
    belitung_editor = make_editor(belitung)
    posts = []
    for user, target, title, slug in (
        (editor, kim, "Kiriman pertama Maju Jaya", "pertama"),
        (sibling_editor, sibling, "Kiriman kedua Tetangga", "kedua"),
        (belitung_editor, belitung, "Kiriman Belitung", "belitung"),
    ):
        posts.append(create_post(login(user), target, title, slug))
    return posts


# --- What the moderator sees ---------------------------------------------------------------------


def test_queue_lists_the_own_regency_oldest_first_with_what_a_moderator_needs(moderator, editor, three_posts):
    first, second, belitung = three_posts
    response = login(moderator).get(QUEUE)
    assert response.status_code == 200
    html = response.content.decode()
    assert rows(response) == [str(current_task_state(first).pk), str(current_task_state(second).pk)]
    assert "Kiriman Belitung" not in html and "KIM Pulau Seliu" not in html
    assert html.index("Kiriman pertama Maju Jaya") < html.index("Kiriman kedua Tetangga")
    for post, kim_name in ((first, "KIM Maju Jaya"), (second, "KIM Tetangga")):
        task_state = current_task_state(post)
        assert kim_name in html
        assert reverse("wagtailadmin_pages:edit", args=(post.pk,)) in html
        assert reverse("wagtailadmin_pages:workflow_preview", args=(post.pk, task_state.task_id)) in html
        assert reverse("wagtailadmin_pages:workflow_action", args=(post.pk, "approve", task_state.pk)) in html
    assert editor.get_full_name() in html
    assert editor.email not in html
    assert "Waktu tunggu" in html and "menunggu kurang dari 1 menit" in html
    # One preview, one way into the review screen: no pair of near-synonyms.
    assert ">Pratinjau<" in html and "Buka &amp; putuskan" in html and ">Tinjau<" not in html


def test_approve_link_in_the_queue_publishes_the_post(moderator, three_posts):
    first = three_posts[0]
    client = login(moderator)
    html = client.get(QUEUE).content.decode()
    approve_url = re.search(r'data-workflow-action-url="([^"]+/approve/\d+/)"', html).group(1)
    assert client.post(approve_url).status_code == 302
    first.refresh_from_db()
    assert first.live
    assert len(rows(client.get(QUEUE))) == 1


def test_both_decisions_in_the_queue_open_the_confirmation_dialog(moderator, three_posts):
    html = login(moderator).get(QUEUE).content.decode()
    buttons = re.findall(r"<button[^>]*data-workflow-action-url=[^>]*>", html)
    assert len(buttons) == 4  # approve and send back, for each of the two rows
    # data-launch-modal: Wagtail's workflow-action.js opens the dialog instead of posting at once.
    assert all("data-launch-modal" in button for button in buttons)


def test_the_author_is_named_by_name_and_by_e_mail_only_without_one(kim, moderator):
    nameless = make_editor(kim, email="tanpa.nama@kim-uji.id")
    nameless.first_name = nameless.last_name = ""
    nameless.save()
    create_post(login(nameless), kim, "Kiriman tanpa nama", "tanpa-nama")
    named = make_editor(kim, email="bernama@kim-uji.id")
    named.first_name, named.last_name = "Sri", "Wahyuni"
    named.save()
    create_post(login(named), kim, "Kiriman bernama", "bernama")
    for url in (QUEUE, DASHBOARD):
        html = login(moderator).get(url).content.decode()
        assert "Sri Wahyuni" in html and "bernama@kim-uji.id" not in html
        assert "tanpa.nama@kim-uji.id" in html


@pytest.mark.parametrize(
    ("waited", "shown"),
    [
        (datetime.timedelta(minutes=25), "menunggu 25 menit"),
        (datetime.timedelta(hours=3, minutes=5), "menunggu 3 jam"),
        (datetime.timedelta(days=2, hours=1), "menunggu 2 hari"),
    ],
)
def test_the_queue_says_how_long_each_post_has_waited(kim, editor, moderator, waited, shown):
    post = create_post(login(editor), kim, "Kiriman menunggu", "menunggu")
    submitted = current_task_state(post).started_at
    with clock(submitted + waited):
        for url in (QUEUE, DASHBOARD):
            assert shown in login(moderator).get(url).content.decode()


def test_provincial_admin_sees_every_regency_and_can_filter(provincial_admin, three_posts):
    client = login(provincial_admin)
    assert len(rows(client.get(QUEUE))) == 3
    response = client.get(QUEUE + "?kabupaten=belitung")
    assert rows(response) == [str(current_task_state(three_posts[2]).pk)]
    assert "Kabupaten Belitung" in response.content.decode()


def test_dashboard_shows_the_queue_panel_instead_of_wagtails(moderator, three_posts):
    html = login(moderator).get(DASHBOARD).content.decode()
    assert 'id="kim-moderation-queue-section"' in html
    assert "Kiriman pertama Maju Jaya" in html
    assert "Kiriman Belitung" not in html
    assert 'id="awaiting-review' not in html
    assert 'id="objects-in-workflow' not in html
    assert f'href="{QUEUE}"' in html


def test_menu_item_and_queue_are_for_moderators_and_provincial_admins(
    client, editor, moderator, provincial_admin, three_posts
):
    assert '"url": "/admin/moderasi/"' in login(moderator).get(DASHBOARD).content.decode()
    assert '"url": "/admin/moderasi/"' in login(provincial_admin).get(DASHBOARD).content.decode()
    editor_client = login(editor)
    assert '"url": "/admin/moderasi/"' not in editor_client.get(DASHBOARD).content.decode()
    response = editor_client.get(QUEUE)
    assert response.status_code in (302, 403)
    assert "Kiriman" not in response.content.decode()
    if response.status_code == 302:
        assert response.url == reverse("wagtailadmin_home")
    anonymous = client.get(QUEUE)
    assert anonymous.status_code == 302 and "/admin/login/" in anonymous.url


def test_queue_is_paginated_and_the_panel_shows_the_oldest_few(kim, editor, moderator):
    bulk_pending(post_index(kim), 25, editor)
    client = login(moderator)
    first_page = client.get(QUEUE)
    assert len(rows(first_page)) == 20
    assert "Halaman 1 dari 2" in first_page.content.decode()
    second_page = client.get(QUEUE + "?p=2")
    assert len(rows(second_page)) == 5
    assert not set(rows(first_page)) & set(rows(second_page))
    dashboard = client.get(DASHBOARD)
    assert len(rows(dashboard)) == 10
    assert rows(dashboard) == rows(first_page)[:10]
    assert "Lihat seluruh antrean (25)" in dashboard.content.decode()


# --- What the editor sees ----------------------------------------------------------------------


def test_editor_sees_its_submissions_and_the_comment_when_sent_back(kim, editor, moderator):
    client = login(editor)
    post = create_post(client, kim, "Kiriman saya", "kiriman-saya")
    html = client.get(DASHBOARD).content.decode()
    assert 'id="kim-my-submissions-section"' in html
    assert "Menunggu moderasi" in html
    workflow_action(login(moderator), post, "reject", current_task_state(post), comment="Foto kurang jelas.")
    html = client.get(DASHBOARD).content.decode()
    assert "Perlu diperbaiki" in html
    assert "Foto kurang jelas." in html
    response = client.get(SUBMISSIONS)
    assert response.status_code == 200
    assert "Kiriman saya" in response.content.decode()
    # Another KIM's editor sees none of it.
    other = login(make_editor(make_kim("bangka")))
    assert "Foto kurang jelas." not in other.get(DASHBOARD).content.decode()
    assert "Foto kurang jelas." not in other.get(SUBMISSIONS).content.decode()


# --- Flat cost -----------------------------------------------------------------------------------


@pytest.mark.parametrize("url", [DASHBOARD, QUEUE])
def test_moderator_views_cost_the_same_for_1_and_50_pending(url, kim, editor, moderator, django_assert_num_queries):
    bulk_pending(post_index(kim), 1, editor)
    client = login(moderator)
    baseline = queries(client, url)
    bulk_pending(post_index(make_kim("bangka")), 49, editor)
    warm(client, url=url)
    with django_assert_num_queries(baseline):
        response = client.get(url)
    assert len(rows(response)) == (10 if url == DASHBOARD else 20)


@pytest.mark.parametrize("url", [DASHBOARD, QUEUE])
def test_cost_does_not_grow_with_regencies_or_tasks(
    url, kim, editor, moderator, provincial_admin, django_assert_num_queries
):
    bulk_pending(post_index(kim), 1, editor)
    moderator_client, admin_client = login(moderator), login(provincial_admin)
    moderator_baseline = queries(moderator_client, url)
    admin_baseline = queries(admin_client, url)

    for slug in ("bangka-barat", "bangka-tengah", "bangka-selatan", "belitung", "belitung-timur", "pangkalpinang"):
        other = make_kim(slug)
        make_moderator(slug)
        bulk_pending(post_index(other), 3, make_editor(other))
    for n in range(5):
        GroupApprovalTask.objects.create(name=f"Tugas lain {n}")
    warm(moderator_client, admin_client, url=url)

    with django_assert_num_queries(moderator_baseline):
        response = moderator_client.get(url)
    assert len(rows(response)) == 1
    with django_assert_num_queries(admin_baseline):
        response = admin_client.get(url)
    assert len(rows(response)) == (10 if url == DASHBOARD else 19)


@pytest.mark.parametrize("url", [DASHBOARD, SUBMISSIONS])
def test_editor_views_cost_the_same_for_1_and_30_submissions(url, kim, editor, django_assert_num_queries):
    bulk_pending(post_index(kim), 1, editor)
    client = login(editor)
    baseline = queries(client, url)
    bulk_pending(post_index(kim), 29, editor)
    warm(client, url=url)
    with django_assert_num_queries(baseline):
        client.get(url)


def test_ten_thousand_pending_items_answer(kim, editor, moderator, provincial_admin):
    bulk_pending(post_index(kim), 10_000, editor)
    for user in (moderator, provincial_admin):
        client = login(user)
        dashboard = client.get(DASHBOARD)
        assert dashboard.status_code == 200
        assert len(rows(dashboard)) == 10
        assert "Lihat seluruh antrean (10000)" in dashboard.content.decode()
        last = client.get(QUEUE + "?p=500")
        assert last.status_code == 200
        assert len(rows(last)) == 20
    editor_client = login(editor)
    assert editor_client.get(DASHBOARD).status_code == 200
    assert editor_client.get(SUBMISSIONS + "?p=500").status_code == 200
