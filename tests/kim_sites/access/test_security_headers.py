"""Content-Security-Policy on the public sites and the admin; HSTS and SECRET_KEY in production.

Public pages: the policy allows scripts and styles from the site's own files only, every inline
`<style>` element of the page by its hash, and no inline script, event handler or style attribute
is in the page. The admin's policy allows inline styles (Wagtail sets style attributes) but no
inline script. The production settings are loaded in a subprocess, as gunicorn would.
"""

import base64
import hashlib
import os
import re
import subprocess
import sys

import pytest

from django.conf import settings

from kim_sites.access import security_headers
from kim_sites.models import Kim, KimSiteSettings
from kim_sites.registry.provisioning import set_kim_status
from tests.factories.accounts import make_editor, make_moderator
from tests.factories.pages import make_post, post_index
from tests.factories.registry import make_kim
from tests.support.http import get

pytestmark = pytest.mark.django_db

PORTAL = "portal.kim.test"
HEADER = "Content-Security-Policy"


def directives(response):
    policy = response[HEADER]
    return {part.split()[0]: part.split()[1:] for part in policy.split(";") if part.strip()}


def assert_strict_public_policy(response):
    """The policy is strict and covers everything inline in the page."""
    assert HEADER in response, response.status_code
    policy = directives(response)
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'self'"]
    assert "'unsafe-inline'" not in response[HEADER] and "'unsafe-eval'" not in response[HEADER]
    assert policy["style-src"][0] == "'self'"
    html = response.content.decode()
    # Inline scripts: only data blocks (JSON-LD), which CSP does not run.
    for attrs, _body in re.findall(r"<script([^>]*)>(.*?)</script>", html, re.S):
        assert "src=" in attrs or re.search(r'type="application/(ld\+)?json"', attrs), attrs
    assert not re.search(r"\son[a-z]+\s*=", html), "inline event handler"
    assert not re.search(r"<[a-z][^>]*\sstyle\s*=", html), "inline style attribute"
    for css in re.findall(r"<style[^>]*>(.*?)</style>", html, re.S):
        digest = base64.b64encode(hashlib.sha256(css.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in policy["style-src"]


@pytest.fixture
def kim():
    kim = make_kim("bangka", name="KIM Kebijakan")
    # Site settings are created on first use, which purges the page cache: create them beforehand.
    KimSiteSettings.for_site(kim.site)
    return kim


@pytest.mark.parametrize(
    "path",
    ["/", "/berita/", "/aspirasi/", "/search/?query=desa", "/tidak-ada/", "/feed/"],
)
def test_public_pages_of_a_kim_have_a_strict_policy(client, kim, path):
    make_post(kim, "Kerja bakti", slug="kerja-bakti")
    response = get(client, kim, path)
    assert response.status_code in (200, 404), (path, response.status_code)
    assert_strict_public_policy(response)


def test_a_post_page_and_its_cached_copy_have_the_same_strict_policy(client, kim):
    post = make_post(kim, "Kerja bakti", slug="kerja-bakti")
    url = f"/{post_index(kim).slug}/{post.slug}/"
    first = get(client, kim, url)
    second = get(client, kim, url)
    assert first.status_code == second.status_code == 200
    assert second.get("X-Kim-Cache") == "hit"
    assert second[HEADER] == first[HEADER]
    assert_strict_public_policy(first)
    assert_strict_public_policy(second)


@pytest.mark.parametrize("path", ["/", "/direktori/"])
def test_portal_pages_have_a_strict_policy(client, kim, path):
    response = get(client, PORTAL, path)
    assert response.status_code == 200
    assert_strict_public_policy(response)


def test_the_notice_of_a_suspended_kim_has_a_strict_policy(client, kim):
    set_kim_status(kim, Kim.Status.SUSPENDED)
    response = get(client, kim, "/")
    assert response.status_code == 503
    assert_strict_public_policy(response)


def test_public_pages_for_a_signed_in_editor_with_the_userbar(client, kim):
    client.force_login(make_editor(kim))
    response = get(client, kim, "/")
    assert response.status_code == 200
    assert "wagtail-userbar" in response.content.decode()
    assert_strict_public_policy(response)


def test_media_from_another_origin_are_allowed_by_origin(client, kim, settings):
    # S3 or a CDN: images come from the storage's origin.
    security_headers.media_sources.cache_clear()
    settings.MEDIA_URL = "https://media.kim.test/media/"
    try:
        policy = directives(get(client, kim, "/"))
    finally:
        security_headers.media_sources.cache_clear()
    assert "https://media.kim.test" in policy["img-src"]


@pytest.mark.parametrize(
    ("who", "path"),
    [
        ("editor", "/admin/"),
        ("editor", "/admin/pages/"),
        ("editor", "/admin/images/"),
        ("editor", "/admin/forms/"),
        ("moderator", "/admin/moderasi/"),
        ("moderator", "/admin/kinerja/"),
    ],
)
def test_admin_policy_is_as_strict_as_wagtail_allows(client, kim, who, path):
    client.force_login(make_editor(kim) if who == "editor" else make_moderator("bangka"))
    response = client.get(path, HTTP_HOST="admin.kim.test", follow=True)
    assert response.status_code == 200, path
    policy = directives(response)
    # Wagtail's date/time widgets and inline panels write inline scripts; its UI sets style attributes.
    assert policy["script-src"] == ["'self'", "'unsafe-inline'"]
    assert policy["style-src"] == ["'self'", "'unsafe-inline'"]
    assert "'unsafe-eval'" not in response[HEADER]
    assert policy["default-src"] == ["'self'"] and policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == policy["form-action"] == policy["frame-ancestors"] == ["'self'"]
    # Our own admin templates add no inline event handler.
    assert not re.search(r"\son(change|click|submit|load|input)\s*=", response.content.decode())


# --- Production settings, loaded as the server would -------------------------------------------------


def _production(code, **env):
    environment = {key: value for key, value in os.environ.items() if key not in {"SECRET_KEY", "SECURE_HSTS_SECONDS"}}
    environment.update(DJANGO_SETTINGS_MODULE="kimcms.settings.production", ALLOWED_HOSTS=".kim.babelprov.go.id")
    environment.update(env)
    return subprocess.run(
        [sys.executable, "-c", code], cwd=settings.BASE_DIR, env=environment, capture_output=True, text=True
    )


PRINT_HSTS = (
    "import django; django.setup(); from django.conf import settings as s; "
    "print(s.SECURE_HSTS_SECONDS, s.SECURE_HSTS_INCLUDE_SUBDOMAINS, s.SECURE_HSTS_PRELOAD)"
)
GOOD_KEY = "uji-" + "0123456789abcdef" * 4


@pytest.mark.parametrize(
    "key",
    [
        "a-key-of-forty-nine-characters-is-one-too-short-x"[:49],
        "x" * 60,  # fewer than 5 distinct characters
        "django-insecure-" + "0123456789abcdef" * 4,
    ],
)
def test_production_refuses_a_weak_secret_key(key):
    result = _production(PRINT_HSTS, SECRET_KEY=key)
    assert result.returncode != 0
    assert "SECRET_KEY must be set to a random value of at least 50 characters" in result.stderr


def test_production_turns_hsts_on_for_a_year_by_default():
    result = _production(PRINT_HSTS, SECRET_KEY=GOOD_KEY)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["31536000", "True", "False"]


def test_the_first_deployment_switch_shortens_hsts():
    result = _production(PRINT_HSTS, SECRET_KEY=GOOD_KEY, SECURE_HSTS_SECONDS="300")
    assert result.stdout.split() == ["300", "True", "False"], result.stderr


def test_check_deploy_passes_without_warnings():
    code = (
        "import sys; from django.core.management import execute_from_command_line; "
        "execute_from_command_line(['manage.py', 'check', '--deploy', '--fail-level', 'WARNING'])"
    )
    result = _production(code, SECRET_KEY=GOOD_KEY)
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout
