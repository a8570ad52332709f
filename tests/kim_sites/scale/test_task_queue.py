"""The task queue survives its faults: tasks of a dead worker run again, tasks on deleted objects
succeed, failed tasks are shown to provincial admins, and old results are pruned."""

import datetime
import io

import pytest
from django_tasks_db.models import DBTaskResult

from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from kim_sites.models import OutboxMessage, PengurusMember
from tests.factories.accounts import make_editor
from tests.factories.pages import make_post, section
from tests.support.services import DATABASE_QUEUE, run_queue

pytestmark = pytest.mark.django_db


@pytest.fixture
def database_queue(settings):
    settings.TASKS = DATABASE_QUEUE
    return settings


def statuses():
    return sorted(set(DBTaskResult.objects.values_list("status", flat=True)))


def test_tasks_on_objects_deleted_before_the_worker_runs_succeed(kim, database_queue):
    profile = section(kim, "profil")
    # As the demo does: officers added, the page published from a revision, then published again.
    # The revision was taken before the officers had ids, so the second publish replaces their rows.
    profile.pengurus.add(PengurusMember(name="Rudi Saputra", role="ketua"))
    profile.pengurus.add(PengurusMember(name="Sari Wahyuni", role="sekretaris"))
    revision = profile.save_revision()
    revision.publish()
    first = set(PengurusMember.objects.filter(page=profile).values_list("pk", flat=True))
    revision.publish()
    assert first.isdisjoint(PengurusMember.objects.filter(page=profile).values_list("pk", flat=True))
    # And a post deleted before its search-index task runs.
    post = make_post(kim, "Berita yang dihapus")
    post.delete()

    queued = [row.args_kwargs["args"] for row in DBTaskResult.objects.all()]
    assert any(args[:2] == ["kim_sites", "pengurusmember"] and int(args[2]) in first for args in queued)
    run_queue()
    failed = DBTaskResult.objects.filter(status="FAILED")
    assert not failed.exists(), [(row.task_path, row.args_kwargs, row.exception_class_path) for row in failed]


def test_a_task_left_running_by_a_killed_worker_runs_again(database_queue):
    mail.send_mail("Aktivasi akun", "Isi", None, ["ketua@kim.test"])
    [task] = DBTaskResult.objects.filter(task_path="kim_sites.mail.deliver_mail_task")
    # A worker claimed it twenty minutes ago and was killed with -9: nothing will ever finish it.
    task.claim("worker-killed-with-9")
    DBTaskResult.objects.filter(pk=task.pk).update(started_at=timezone.now() - datetime.timedelta(minutes=20))
    mail.send_mail("Masih berjalan", "Isi", None, ["lain@kim.test"])
    [running_now] = DBTaskResult.objects.filter(task_path="kim_sites.mail.deliver_mail_task", status="READY")
    running_now.claim("worker-alive")

    assert run_queue() == 0
    out = io.StringIO()
    call_command("recover_tasks", stdout=out)
    assert out.getvalue().startswith("1 tugas macet dikembalikan ke antrean")
    assert DBTaskResult.objects.get(pk=running_now.pk).status == "RUNNING"  # within its lease: left alone
    assert run_queue() == 1
    assert [m.subject for m in mail.outbox] == ["Aktivasi akun"]
    assert DBTaskResult.objects.get(pk=task.pk).status == "SUCCESSFUL"


def failed_task(days_ago=0, error="kim_sites.models.PengurusMember.DoesNotExist"):
    finished = timezone.now() - datetime.timedelta(days=days_ago)
    return DBTaskResult.objects.create(
        args_kwargs={"args": ["kim_sites", "pengurusmember", "7"], "kwargs": {}},
        task_path="wagtail.tasks.update_reference_index_task",
        backend_name="default",
        status="FAILED",
        finished_at=finished,
        exception_class_path=error,
        traceback=f"Traceback (most recent call last):\n  ...\n{error}: PengurusMember matching query does not exist.\n",
    )


def test_prune_keeps_recent_results_and_everything_unfinished(database_queue):
    old_failed, recent_failed = failed_task(days_ago=40), failed_task(days_ago=5)
    mail.send_mail("Menunggu", "Isi", None, ["a@kim.test"])  # READY task and an unsent message
    sent = OutboxMessage.objects.create(subject="Lama", data={}, sent_at=timezone.now() - datetime.timedelta(days=40))
    old_ready = DBTaskResult.objects.filter(status="READY").get()
    DBTaskResult.objects.filter(pk=old_ready.pk).update(enqueued_at=timezone.now() - datetime.timedelta(days=90))

    out = io.StringIO()
    call_command("prune_tasks", "--days", "30", stdout=out)
    assert out.getvalue().strip() == "1 hasil tugas dan 1 e-mail dihapus."
    remaining = set(DBTaskResult.objects.values_list("pk", flat=True))
    assert remaining == {recent_failed.pk, old_ready.pk} and old_failed.pk not in remaining
    assert list(OutboxMessage.objects.values_list("subject", flat=True)) == ["Menunggu"]
    assert not OutboxMessage.objects.filter(pk=sent.pk).exists()


def test_failed_tasks_are_shown_to_provincial_admins_only(client, kim, provincial_admin, moderator):
    failed_task()
    url = reverse("kim_task_report")
    client.force_login(provincial_admin)
    page = client.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Tugas latar" in html and "update_reference_index_task" in html
    assert "PengurusMember matching query does not exist." in html
    assert url in client.get(reverse("wagtailadmin_home")).content.decode()

    for user in (moderator, make_editor(kim)):
        client.force_login(user)
        denied = client.get(url)  # Wagtail answers PermissionDenied with the dashboard and a message
        assert denied.status_code == 302 and denied.url == reverse("wagtailadmin_home")
        assert url not in client.get(reverse("wagtailadmin_home")).content.decode()
