"""`manage.py kim_report`: the CSV contract, XLSX output, and its errors and exit codes."""

import csv
import io
import os
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError

from home import demo
from kim_sites.kinerja.report import CSV_COLUMNS
from kim_sites.models import Kim, PostPage
from tests.factories.moderation import approve, january_history, submit
from tests.factories.pages import make_post

HEADER = (
    "kim,regency,district,village,posts_published,posts_pending,posts_sent_back,"
    "median_decision_hours,p95_decision_hours,last_published,active_editors,status,views"
)


def run(*args):
    out = io.StringIO()
    call_command("kim_report", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def parse(text):
    return list(csv.DictReader(io.StringIO(text)))


def test_columns_are_the_contract():
    assert ",".join(CSV_COLUMNS) == HEADER


@pytest.mark.django_db
def test_after_load_demo_every_demo_kim_is_listed_and_an_approval_counts_at_once():
    call_command("load_demo", "--quiet-urls", stdout=io.StringIO())
    text = run("--format", "csv", "--from", "2000-01-01")
    assert text.splitlines()[0] == HEADER
    rows = {row["kim"]: row for row in parse(text)}
    assert set(rows) == {name for _, name, _, _, _ in demo.DEMO_KIMS}
    for kim in Kim.objects.select_related("home_page"):
        published = (
            PostPage.objects.descendant_of(kim.home_page)
            .filter(first_published_at__isnull=False, locale__language_code="id")
            .count()
        )
        assert int(rows[kim.name]["posts_published"]) == published, kim.name

    kim = Kim.objects.get(name="KIM Jada Bahrin Bersatu")
    users = get_user_model().objects
    editor = users.get(email="editor.jadabahrin@demo.kim.id")
    moderator = users.get(email="moderator.bangka@demo.kim.id")
    post = submit(make_post(kim, "Gotong royong", by=editor, live=False), editor)
    before = {row["kim"]: row for row in parse(run())}[kim.name]
    approve(post, moderator)
    after = {row["kim"]: row for row in parse(run())}[kim.name]
    assert int(after["posts_published"]) == int(before["posts_published"]) + 1
    assert int(after["posts_pending"]) == int(before["posts_pending"]) - 1
    assert after["status"] == "aktif"


@pytest.mark.django_db
def test_figures_for_a_regency_and_period():
    january_history()
    rows = parse(run("--regency", "bangka", "--from", "2026-01-01", "--to", "2026-01-31"))
    assert [row["kim"] for row in rows] == ["KIM Alpha", "KIM Beta"]
    assert rows[0] == {
        "kim": "KIM Alpha",
        "regency": "Kabupaten Bangka",
        "district": "Merawang",
        "village": "Jada Bahrin",
        "posts_published": "3",
        "posts_pending": "1",
        "posts_sent_back": "1",
        "median_decision_hours": "12.0",
        "p95_decision_hours": "28.8",
        "last_published": "2026-02-01",
        "active_editors": "2",
        "status": "aktif",
        "views": "0",
    }
    assert rows[1]["status"] == "tidak aktif"
    assert rows[1]["median_decision_hours"] == ""


@pytest.mark.django_db
def test_csv_and_xlsx_files(tmp_path):
    january_history()
    csv_file = tmp_path / "kinerja.csv"
    assert run("--from", "2026-01-01", "--to", "2026-01-31", "--output", str(csv_file)) == ""
    assert [row["kim"] for row in parse(csv_file.read_text(encoding="utf-8"))] == ["KIM Alpha", "KIM Beta", "KIM Gamma"]

    xlsx_file = tmp_path / "kinerja.xlsx"
    run("--from", "2026-01-01", "--to", "2026-01-31", "--format", "xlsx", "--output", str(xlsx_file))
    header, *rows = list(openpyxl.load_workbook(xlsx_file).active.values)
    assert list(header) == CSV_COLUMNS
    alpha = dict(zip(header, rows[0], strict=True))
    assert (alpha["kim"], alpha["posts_published"], alpha["p95_decision_hours"]) == ("KIM Alpha", 3, 28.8)
    assert str(alpha["last_published"])[:10] == "2026-02-01"
    assert len(rows) == 3


@pytest.mark.django_db
@pytest.mark.parametrize(
    "args, message",
    [
        (["--regency", "bangka-utara"], "Kabupaten/kota 'bangka-utara' tidak dikenal"),
        (["--from", "2026-02-01", "--to", "2026-01-31"], "Rentang tanggal terbalik"),
        (["--from", "2026-13-01"], "Tanggal mulai '2026-13-01' tidak sah"),
        (["--format", "xlsx"], "Format xlsx memerlukan --output"),
    ],
)
def test_errors_exit_with_code_2(args, message):
    with pytest.raises(CommandError, match=message) as error:
        run(*args)
    assert error.value.returncode == 2


def test_the_real_process_exits_with_code_2():
    """Through manage.py as cron runs it: a message in Indonesian on stderr and exit status 2."""
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "kimcms.settings.test"}
    result = subprocess.run(
        [sys.executable, "manage.py", "kim_report", "--from", "2026-02-01", "--to", "2026-01-31"],
        cwd=Path(settings.BASE_DIR),
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert "Rentang tanggal terbalik" in result.stderr
    assert result.stdout == ""
