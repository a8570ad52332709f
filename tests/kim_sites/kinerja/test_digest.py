"""`manage.py send_kinerja_digest`: recipients, content, and at most one digest per regency and week."""

import datetime
import io
import socket
import threading

import pytest

from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, connections

from kim_sites.kinerja import digest as kinerja_digest
from kim_sites.models import KinerjaDigestLog, PostPage, Regency
from tests.factories.accounts import UserFactory, make_editor, make_moderator
from tests.factories.moderation import january_history, published_post, submit
from tests.factories.pages import make_post
from tests.factories.registry import make_kim
from tests.support.clock import wib

# The digest of the week starting Monday 2 February 2026 covers 26 January – 1 February.
WEEK = "2026-02-04"


@pytest.fixture
def scene(db):
    """january_history plus: KIM Delta (Bangka), last published 27 Dec 2025, so aktif on 25 January
    and kurang aktif on 1 February; an older pending post in KIM Beta; a pending post in Belitung."""
    scene = january_history()
    moderator = scene["moderator"]
    delta = make_kim("bangka", name="KIM Delta", district="Pemali", village="Air Duren")
    delta_editor = make_editor(delta)
    published_post(delta, delta_editor, moderator, wib(2025, 12, 27, 8), wib(2025, 12, 27, 10))
    beta_editor = make_editor(scene["b"])
    submit(make_post(scene["b"], "Pasar murah", by=beta_editor, live=False), beta_editor, at=wib(2026, 1, 15, 8))
    gamma_editor = make_editor(scene["c"])
    submit(
        make_post(scene["c"], "Rahasia Belitung", by=gamma_editor, live=False),
        gamma_editor,
        at=wib(2026, 1, 2, 8),
    )
    scene["moderator2"] = make_moderator("bangka", email="moderator2-bangka@kominfo-uji.id")
    scene["belitung_moderator"] = make_moderator("belitung")
    inactive = make_moderator("bangka", email="pensiun@kominfo-uji.id")
    inactive.is_active = False
    inactive.save()
    UserFactory(email="admin@kominfo-uji.id", is_superuser=True)
    mail.outbox.clear()  # Wagtail's own workflow notifications
    return scene


def send(*args):
    out = io.StringIO()
    call_command("send_kinerja_digest", "--week", WEEK, *args, stdout=out)
    return out.getvalue()


def by_recipient():
    return {message.to[0]: message for message in mail.outbox}


def test_each_regency_goes_to_its_own_moderators_only(scene):
    output = send()
    recipients = by_recipient()
    assert set(recipients) == {
        "moderator-bangka@kominfo-uji.id",
        "moderator2-bangka@kominfo-uji.id",
        "moderator-belitung@kominfo-uji.id",
    }
    assert all(len(message.to) == 1 for message in mail.outbox)
    assert "Kabupaten Bangka" in recipients["moderator-bangka@kominfo-uji.id"].subject
    assert "Kabupaten Belitung" in recipients["moderator-belitung@kominfo-uji.id"].subject
    assert "Rahasia Belitung" not in recipients["moderator-bangka@kominfo-uji.id"].body
    assert "Pasar murah" not in recipients["moderator-belitung@kominfo-uji.id"].body
    assert "Kabupaten Bangka: terkirim ke 2 moderator" in output
    assert "Kabupaten Bangka Barat: tidak ada moderator ber-e-mail, dilewati" in output
    log = KinerjaDigestLog.objects.get(regency__slug="bangka")
    assert (log.week_start, log.recipients) == (datetime.date(2026, 2, 2), 2)


def test_content_of_the_digest(scene):
    send("--regency", "bangka")
    message = by_recipient()["moderator-bangka@kominfo-uji.id"]
    body = message.body
    assert message.subject == "Kinerja KIM Kabupaten Bangka: pekan 26 Januari 2026 – 1 Februari 2026"
    # The queue, oldest first, with links on the admin's base URL.
    queue = body.split("ANTREAN MODERASI")[1].split("KIM YANG MENURUN")[0]
    assert "(2 menunggu, terlama di atas)" in queue
    assert queue.index("Pasar murah (KIM Beta)") < queue.index("P4 (KIM Alpha)")
    p4 = PostPage.objects.get(title="P4")
    assert f"https://admin.kim.test/admin/pages/{p4.pk}/edit/" in queue
    assert "diajukan 15-01-2026 08:00 WIB" in queue
    # The KIM whose status worsened during the week, and only it.
    worsened = body.split("KIM YANG MENURUN KEAKTIFANNYA PEKAN LALU")[1].split("ANGKA PEKAN LALU")[0]
    assert "KIM Delta (Kec. Pemali): aktif -> kurang aktif; terbit terakhir: 27 Desember 2025" in worsened
    assert "KIM Beta" not in worsened
    # Last week's figures: P3 (31 January, 23:30 WIB) and P5 (1 February, 00:30 WIB).
    figures = body.split("ANGKA PEKAN LALU")[1]
    assert "- Berita terbit: 2 (Pengumuman 1, UMKM 1)" in figures
    assert "- Keputusan moderasi: 2; median 393,5 jam, persentil 95 744,5 jam" in figures  # 3.5 h and 783.5 h
    assert "- KIM Alpha: terbit 2, menunggu 1, dikembalikan 0, dibaca 0 kali, status aktif" in figures
    assert "https://admin.kim.test/admin/kinerja/?dari=2026-01-26&sampai=2026-02-01" in body
    assert body.startswith("Yth. ")


def test_running_twice_in_the_same_week_sends_nothing_twice(scene):
    send()
    first = len(mail.outbox)
    assert first == 3
    output = send()
    assert len(mail.outbox) == first
    assert "Kabupaten Bangka: sudah dikirim pekan ini, dilewati" in output
    # Another day of the same ISO week is the same week.
    call_command("send_kinerja_digest", "--week", "2026-02-08", stdout=io.StringIO())
    assert len(mail.outbox) == first
    # The next week is a new digest.
    call_command("send_kinerja_digest", "--week", "2026-02-09", stdout=io.StringIO())
    assert len(mail.outbox) == 2 * first
    assert KinerjaDigestLog.objects.count() == 4


def test_a_week_already_claimed_elsewhere_is_skipped(scene):
    KinerjaDigestLog.objects.create(regency=Regency.objects.get(slug="bangka"), week_start=datetime.date(2026, 2, 2))
    send()
    assert set(by_recipient()) == {"moderator-belitung@kominfo-uji.id"}


def test_dry_run_sends_and_claims_nothing(scene):
    output = send("--dry-run", "-v", "2")
    assert mail.outbox == []
    assert not KinerjaDigestLog.objects.exists()
    assert "uji coba: 2 e-mail akan dikirim" in output
    assert "Kepada: moderator-bangka@kominfo-uji.id" in output


def _closed_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_a_failed_send_releases_the_claim(scene, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = _closed_port()
    settings.EMAIL_TIMEOUT = 5
    with pytest.raises(CommandError, match="gagal dikirim") as error:
        send("--regency", "bangka")
    assert error.value.returncode == 1
    assert not KinerjaDigestLog.objects.exists()
    # The next run, with mail working again, sends it.
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    send("--regency", "bangka")
    assert len(mail.outbox) == 2
    assert KinerjaDigestLog.objects.get().recipients == 2


def test_bad_arguments(db):
    with pytest.raises(CommandError, match="Tanggal pekan '2026-02-30' tidak sah") as error:
        call_command("send_kinerja_digest", "--week", "2026-02-30", stdout=io.StringIO())
    assert error.value.returncode == 2
    with pytest.raises(CommandError, match="Kabupaten/kota 'atlantis' tidak dikenal") as error:
        call_command("send_kinerja_digest", "--regency", "atlantis", stdout=io.StringIO())
    assert error.value.returncode == 2


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_runs_send_one_digest():
    if connection.vendor != "postgresql":
        pytest.skip("Concurrent connections need the PostgreSQL run (DATABASE_URL=postgres://...).")
    make_moderator("bangka")
    regency = Regency.objects.get(slug="bangka")
    week = datetime.date(2026, 2, 2)
    runners = 4
    barrier = threading.Barrier(runners)
    outcomes = []

    def run():
        try:
            barrier.wait(timeout=30)
            outcomes.append(kinerja_digest.send_regency_digest(regency, week).outcome)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(runners)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert sorted(outcomes) == [kinerja_digest.ALREADY_SENT] * (runners - 1) + [kinerja_digest.SENT]
    assert len(mail.outbox) == 1
    assert KinerjaDigestLog.objects.filter(regency=regency, week_start=week).count() == 1
