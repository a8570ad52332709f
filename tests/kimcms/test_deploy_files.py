"""The deploy/ files agree with the code: every setting's variable is documented, every unit runs a real command."""

import configparser
import re
import runpy
from pathlib import Path

import pytest

from django.core.management import get_commands

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
# The settings a server runs with; dev, test, bench and e2e read variables of their own.
SERVER_SETTINGS = [ROOT / "kimcms/settings/base.py", ROOT / "kimcms/settings/production.py"]
ENV_READS = re.compile(r"""(?:os\.environ\.get|os\.environ\[|env_bool|env_list)\(?\s*["']([A-Z0-9_]+)["']""")
# Read by libraries rather than by the settings.
LIBRARY_VARIABLES = {"DJANGO_SETTINGS_MODULE", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"}


def env_template_variables():
    text = (DEPLOY / "kimcms.env.example").read_text()
    return set(re.findall(r"^#?\s?([A-Z][A-Z0-9_]+)=", text, re.MULTILINE))


def unit(name):
    parser = configparser.ConfigParser(strict=False, interpolation=None)
    parser.optionxform = str
    parser.read_string((DEPLOY / "systemd" / name).read_text())
    return parser


def exec_lines(name):
    return [
        line.split("=", 1)[1]
        for line in (DEPLOY / "systemd" / name).read_text().splitlines()
        if line.startswith("ExecStart=")
    ]


def test_the_env_template_lists_every_variable_the_settings_read():
    read = {name for path in SERVER_SETTINGS for name in ENV_READS.findall(path.read_text())}
    gunicorn = set(re.findall(r"""["'](GUNICORN_[A-Z_]+)["']""", (DEPLOY / "gunicorn.conf.py").read_text()))
    assert read, "the pattern no longer finds the settings' variables"
    missing = (read | gunicorn | LIBRARY_VARIABLES) - env_template_variables()
    assert not missing, f"add to deploy/kimcms.env.example: {sorted(missing)}"


@pytest.mark.parametrize(
    "service",
    [
        "kimcms-worker@.service",
        "kimcms-publish-scheduled.service",
        "kimcms-kinerja-digest.service",
        "kimcms-cleanup.service",
        "kimcms-page-views.service",
    ],
)
def test_every_unit_runs_a_management_command_that_exists(service):
    commands = get_commands()
    lines = exec_lines(service)
    assert lines
    for line in lines:
        program, script, command, *_ = line.split()
        assert program == "/srv/kimcms/venv/bin/python" and script == "manage.py"
        assert command in commands, line
    assert unit(service)["Service"]["EnvironmentFile"] == "/etc/kimcms/kimcms.env"


def test_the_worker_is_restarted_whatever_ends_it():
    assert unit("kimcms-worker@.service")["Service"]["Restart"] == "always"
    assert unit("kimcms-web.service")["Service"]["Restart"] == "always"


@pytest.mark.parametrize(
    ("timer", "calendar"),
    [
        ("kimcms-publish-scheduled.timer", "*-*-* *:*:00"),
        ("kimcms-kinerja-digest.timer", "Mon *-*-* 07:00:00 Asia/Jakarta"),
        ("kimcms-cleanup.timer", "*-*-* 03:30:00 Asia/Jakarta"),
        ("kimcms-page-views.timer", "*-*-* *:*:00"),
    ],
)
def test_timers(timer, calendar):
    parsed = unit(timer)["Timer"]
    assert parsed["OnCalendar"] == calendar
    assert parsed["Unit"] == timer.replace(".timer", ".service")
    assert (DEPLOY / "systemd" / parsed["Unit"]).exists()


def test_the_web_app_keeps_its_socket_across_restarts():
    assert unit("kimcms-web.service")["Unit"]["Requires"] == "kimcms-web.socket"
    assert unit("kimcms-web.socket")["Socket"]["ListenStream"] == "/run/kimcms/gunicorn.sock"
    assert "/run/kimcms/gunicorn.sock" in (DEPLOY / "nginx/kimcms.conf").read_text()


def test_gunicorn_configuration(monkeypatch):
    monkeypatch.setenv("GUNICORN_WORKERS", "3")
    conf = runpy.run_path(str(DEPLOY / "gunicorn.conf.py"))
    assert conf["workers"] == 3
    assert conf["timeout"] > conf["graceful_timeout"] > 0
    assert conf["wsgi_app"] == "kimcms.wsgi:application"
    assert "{x-request-id}o" in conf["access_log_format"]
    monkeypatch.delenv("GUNICORN_WORKERS")
    assert runpy.run_path(str(DEPLOY / "gunicorn.conf.py"))["workers"] >= 3


def test_nginx_passes_the_host_and_one_forwarded_for_entry():
    proxy = (DEPLOY / "nginx/kimcms-proxy.conf").read_text()
    assert "proxy_set_header Host $host;" in proxy
    assert "proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;" in proxy
    assert "proxy_set_header X-Request-ID $request_id;" in proxy
    assert "TRUSTED_PROXY_COUNT=1" in (DEPLOY / "kimcms.env.example").read_text()
