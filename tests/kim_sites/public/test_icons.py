"""Favicon and web app manifest per host: the KIM's name, colour and icon (its logo, else its
initial), served from the page cache at 0 queries once seen, and linked from every page."""

import io
import json

import pytest
from bs4 import BeautifulSoup
from PIL import Image

from django.core.files.storage import default_storage

from wagtail.models import Site

from kim_sites.models import KimSiteSettings
from tests.factories.media import make_image
from tests.factories.registry import make_kim
from tests.support.http import get

pytestmark = pytest.mark.django_db

PORTAL = "portal.kim.test"


def stored_image(url):
    with default_storage.open(url.split("/media/", 1)[1]) as stored:
        return Image.open(io.BytesIO(stored.read()))


def manifest(client, host):
    response = get(client, host, "/manifest.webmanifest")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/manifest+json")
    return json.loads(response.content)


def favicon(client, host):
    response = get(client, host, "/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/x-icon"
    image = Image.open(io.BytesIO(response.content))
    assert image.format == "ICO"
    return image


@pytest.fixture
def kim():
    kim = make_kim("bangka", name="KIM Sinar Baru", village="Sinar Baru", district="Sungailiat")
    site_settings = KimSiteSettings.for_site(kim.site)
    site_settings.accent_color = "#8a1538"
    site_settings.save()
    return kim


@pytest.fixture
def portal():
    site = Site.objects.get(is_default_site=True)
    site.hostname = PORTAL
    site.save()
    KimSiteSettings.for_site(site)
    return site


def test_each_kim_has_its_own_manifest(client, kim, portal):
    data = manifest(client, kim.site.hostname)
    assert data["name"] == "KIM Sinar Baru"
    assert data["short_name"] == "Sinar Baru"
    assert data["start_url"] == "/" and data["display"] == "minimal-ui" and data["lang"] == "id"
    assert data["theme_color"] == "#8a1538" and data["background_color"] == "#8a1538"
    assert [(icon["sizes"], icon["type"]) for icon in data["icons"]] == [
        ("192x192", "image/png"),
        ("512x512", "image/png"),
    ]
    for icon in data["icons"]:
        image = stored_image(icon["src"])
        assert f"{image.width}x{image.height}" == icon["sizes"]
        # A letter icon on the KIM's accent colour.
        assert image.getpixel((2, 2)) == (0x8A, 0x15, 0x38)

    other = manifest(client, PORTAL)
    assert other["name"] == "KIM Kepulauan Bangka Belitung"
    assert other["theme_color"] == "#0b6e4f"
    assert other["icons"][0]["src"] != data["icons"][0]["src"]


def test_the_icon_is_drawn_from_the_logo_when_there_is_one(client, kim):
    site_settings = KimSiteSettings.for_site(kim.site)
    site_settings.logo = make_image(kim, "Logo", size=(300, 150), colour=(20, 40, 200))
    site_settings.save()
    icon = stored_image(manifest(client, kim.site.hostname)["icons"][1]["src"])
    assert icon.size == (512, 512)
    centre = icon.getpixel((256, 256))
    assert all(abs(a - b) < 12 for a, b in zip(centre, (20, 40, 200), strict=True))
    # The whole logo, on white, not cropped.
    assert icon.getpixel((4, 4)) == (255, 255, 255)
    assert favicon(client, kim.site.hostname).getpixel((24, 24))[:3] != (0x8A, 0x15, 0x38)


def test_favicon_on_every_host_in_the_kims_colour(client, kim, portal):
    kim_icon = favicon(client, kim.site.hostname)
    assert kim_icon.size == (48, 48)
    assert kim_icon.convert("RGB").getpixel((1, 1)) == (0x8A, 0x15, 0x38)
    portal_icon = favicon(client, PORTAL)
    assert portal_icon.convert("RGB").getpixel((1, 1)) == (0x0B, 0x6E, 0x4F)


def test_favicon_and_manifest_come_from_the_page_cache_at_zero_queries(client, kim, django_assert_num_queries):
    for path in ("/favicon.ico", "/manifest.webmanifest"):
        first = get(client, kim.site.hostname, path)
        assert first["X-Kim-Cache"] == "miss"
        with django_assert_num_queries(0):
            second = get(client, kim.site.hostname, path)
        assert second["X-Kim-Cache"] == "hit" and second.content == first.content


def test_a_new_colour_gives_a_new_manifest_and_icon(client, kim):
    before = manifest(client, kim.site.hostname)
    site_settings = KimSiteSettings.for_site(kim.site)
    site_settings.accent_color = "#1d4ed8"
    site_settings.save()
    after = manifest(client, kim.site.hostname)
    assert after["theme_color"] == "#1d4ed8"
    assert after["icons"][0]["src"] != before["icons"][0]["src"]
    assert stored_image(after["icons"][0]["src"]).getpixel((2, 2)) == (0x1D, 0x4E, 0xD8)


def test_every_page_links_its_icons_and_manifest(client, kim):
    for path in ("/", "/profil/", "/en/"):
        response = get(client, kim.site.hostname, path)
        if response.status_code == 302:
            continue
        page = BeautifulSoup(response.content, "html.parser")
        assert page.find("link", rel="manifest")["href"] == "/manifest.webmanifest"
        icons = {link["href"] for link in page.find_all("link", rel="icon")}
        assert "/favicon.ico" in icons
        touch = page.find("link", rel="apple-touch-icon")["href"]
        assert touch in icons and stored_image(touch).size == (192, 192)


def test_favicon_answers_only_safe_methods(client, kim):
    response = client.post("/favicon.ico", HTTP_HOST=kim.site.hostname)
    assert response.status_code == 405


def test_an_unknown_host_under_the_base_domain_still_gets_a_favicon_but_no_page(client, kim):
    response = get(client, "tidak-terdaftar.kim.test", "/favicon.ico")
    assert response.status_code == 200 and response["Content-Type"] == "image/x-icon"
    assert response["Cache-Control"] == "no-store"
    assert Image.open(io.BytesIO(response.content)).format == "ICO"
    assert get(client, "tidak-terdaftar.kim.test", "/").status_code == 404
