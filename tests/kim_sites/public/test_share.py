"""Sharing: the share links of posts and agenda events, and the og:image of every page (the
post's cover, else the KIM's share image, else a card generated with the KIM's name), portal too."""

import io
from urllib.parse import quote

import pytest
from bs4 import BeautifulSoup
from PIL import Image

from django.core.cache import cache
from django.core.files.storage import default_storage

from wagtail.models import Site

from kim_sites.models import AgendaEvent, KimSiteSettings
from kim_sites.public import branding
from tests.factories.media import make_image
from tests.factories.pages import agenda, make_post
from tests.factories.registry import make_kim
from tests.support.clock import days
from tests.support.http import get

pytestmark = pytest.mark.django_db

PORTAL = "portal.kim.test"


def parse(response):
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content, "html.parser")


def og_image(page):
    tag = page.find("meta", attrs={"property": "og:image"})
    return tag["content"] if tag else None


def stored_image(url):
    """The stored file behind a media URL of the test server, opened with Pillow."""
    name = url.split("/media/", 1)[1]
    with default_storage.open(name) as stored:
        return Image.open(io.BytesIO(stored.read()))


def rendition_url(image):
    return image.get_rendition("fill-1200x630|format-jpeg|jpegquality-80").url


def share_hrefs(box):
    return {a["class"][1].removeprefix("share-"): a["href"] for a in box.select("a.share-link")}


@pytest.fixture
def kim():
    kim = make_kim("bangka", name="KIM Sinar Baru", village="Sinar Baru", district="Sungailiat")
    # Site settings are created on first use, which purges the site: create them beforehand.
    KimSiteSettings.for_site(kim.site)
    return kim


# --- Share links -------------------------------------------------------------------------------


def test_a_post_has_plain_share_links_with_its_canonical_url_and_title(client, kim):
    make_post(kim, "Gotong royong & kerja bakti: 50% warga hadir", slug="gotong-royong")
    page = parse(get(client, kim, "/berita/gotong-royong/"))

    url = f"http://{kim.site.hostname}/berita/gotong-royong/"
    title = "Gotong royong & kerja bakti: 50% warga hadir"
    (box,) = page.select(".post [data-share]")
    assert share_hrefs(box) == {
        "whatsapp": "https://wa.me/?text=Gotong%20royong%20%26%20kerja%20bakti%3A%2050%25%20warga%20hadir%20"
        "http%3A%2F%2Fkim-sinar-baru.kim.test%2Fberita%2Fgotong-royong%2F",
        "facebook": f"https://www.facebook.com/sharer/sharer.php?u={quote(url, safe='')}",
        "x": f"https://twitter.com/intent/tweet?url={quote(url, safe='')}&text={quote(title, safe='')}",
        "telegram": f"https://t.me/share/url?url={quote(url, safe='')}&text={quote(title, safe='')}",
    }
    for link in box.select("a.share-link"):
        assert "noopener" in link["rel"]
        # The accessible name is Indonesian and names the network.
        assert link.get_text(" ", strip=True).startswith("Bagikan ke ")
        assert link.svg["aria-hidden"] == "true"
    assert box["data-url"] == url
    # Without JavaScript only the links show; share.js reveals copy and native share.
    assert box.select_one("[data-share-copy-item]").has_attr("hidden")
    assert box.select_one("[data-share-native-item]").has_attr("hidden")
    assert box.select_one("[data-share-copy]").get_text(strip=True) == "Salin tautan"
    assert page.find("script", src="/static/js/share.js") is not None


def test_share_links_carry_no_tracking_and_load_nothing_from_the_networks(client, kim):
    make_post(kim, "Kabar desa")
    response = get(client, kim, "/berita/kabar-desa/")
    html = response.content.decode()
    assert "utm_" not in html
    page = parse(response)
    for tag in page.find_all(["script", "img", "link", "iframe"]):
        source = tag.get("src") or tag.get("href") or ""
        assert not any(host in source for host in ("facebook", "twitter", "wa.me", "t.me")), source


def test_each_agenda_event_has_its_own_anchor_to_share(client, kim):
    events = agenda(kim)
    coming = AgendaEvent.objects.create(page=events, title="Musyawarah dusun", date=days(3), location="Balai desa")
    past = AgendaEvent.objects.create(page=events, title="Senam pagi", date=days(-3), location="Lapangan")

    page = parse(get(client, kim, "/agenda/"))

    for event in (coming, past):
        item = page.find("li", id=f"acara-{event.pk}")
        assert item is not None
        url = f"http://{kim.site.hostname}/agenda/#acara-{event.pk}"
        assert item.select_one("[data-share]")["data-url"] == url
        hrefs = share_hrefs(item)
        assert hrefs["facebook"] == f"https://www.facebook.com/sharer/sharer.php?u={quote(url, safe='')}"
        assert hrefs["telegram"] == (
            f"https://t.me/share/url?url={quote(url, safe='')}&text={quote(event.title, safe='')}"
        )
        assert hrefs["whatsapp"] == f"https://wa.me/?text={quote(event.title + ' ' + url, safe='')}"
    # The label of each event's links names the event, for screen readers.
    heading = page.find("li", id=f"acara-{coming.pk}").select_one(".share-heading")
    assert heading.get_text(strip=True) == "Bagikan: Musyawarah dusun"
    ids = [tag["id"] for tag in page.find_all(id=True)]
    assert len(ids) == len(set(ids))


def test_the_kim_home_lists_events_without_share_buttons(client, kim):
    AgendaEvent.objects.create(page=agenda(kim), title="Musyawarah dusun", date=days(3), location="Balai desa")
    page = parse(get(client, kim, "/"))
    assert "Musyawarah dusun" in page.get_text()
    assert page.select("[data-share]") == []


# --- og:image ----------------------------------------------------------------------------------


def test_og_image_falls_back_from_cover_to_share_image_to_generated_card(client, kim):
    make_post(kim, "Dengan sampul", cover=make_image(kim, "Sampul", size=(1600, 900)))
    make_post(kim, "Tanpa sampul")

    # 1. The post's own cover.
    covered = og_image(parse(get(client, kim, "/berita/dengan-sampul/")))
    assert covered.startswith(f"http://{kim.site.hostname}/media/images/sampul.") and "1200x630" in covered

    # 3. No share image: the generated card, a 1200×630 PNG in the KIM's accent colour.
    page = parse(get(client, kim, "/berita/tanpa-sampul/"))
    card = og_image(page)
    assert card.startswith(f"http://{kim.site.hostname}/media/kim-brand/card-") and card.endswith(".png")
    assert page.find("meta", attrs={"property": "og:image:width"})["content"] == "1200"
    assert page.find("meta", attrs={"property": "og:image:height"})["content"] == "630"
    assert page.find("meta", attrs={"property": "og:image:alt"})["content"] == "KIM Sinar Baru"
    image = stored_image(card)
    assert image.size == (1200, 630) and image.format == "PNG"
    assert image.getpixel((5, 5)) == (0x0B, 0x6E, 0x4F)
    assert og_image(parse(get(client, kim, "/"))) == card
    assert og_image(parse(get(client, kim, "/profil/"))) == card

    # 2. The KIM's own share image, for every page without a cover.
    site_settings = KimSiteSettings.for_site(kim.site)
    site_settings.share_image = make_image(kim, "Gambar bagikan", size=(1400, 800))
    site_settings.save()
    shared = og_image(parse(get(client, kim, "/berita/tanpa-sampul/")))
    assert shared == f"http://{kim.site.hostname}{rendition_url(site_settings.share_image)}"
    assert og_image(parse(get(client, kim, "/"))) == shared
    assert og_image(parse(get(client, kim, "/berita/dengan-sampul/"))) == covered


def test_the_logo_is_no_longer_the_share_image(client, kim):
    site_settings = KimSiteSettings.for_site(kim.site)
    site_settings.logo = make_image(kim, "Logo", size=(256, 136))
    site_settings.save()
    assert "/kim-brand/card-" in og_image(parse(get(client, kim, "/")))


def test_the_card_is_drawn_once_and_redrawn_when_name_or_colour_changes(client, kim, monkeypatch):
    drawn = []
    real = branding.draw_card
    monkeypatch.setattr(branding, "draw_card", lambda *args: drawn.append(args) or real(*args))

    first = og_image(parse(get(client, kim, "/")))
    assert drawn == [("KIM Sinar Baru", "Kabupaten Bangka", "#0b6e4f", "#ffffff")]
    # Other pages, and the same page after the cache forgot everything: no drawing again.
    get(client, kim, "/profil/")
    cache.clear()
    assert og_image(parse(get(client, kim, "/"))) == first
    assert len(drawn) == 1

    site_settings = KimSiteSettings.for_site(kim.site)
    site_settings.accent_color = "#8a1538"
    site_settings.save()
    recoloured = og_image(parse(get(client, kim, "/")))
    assert recoloured != first and len(drawn) == 2
    assert stored_image(recoloured).getpixel((5, 5)) == (0x8A, 0x15, 0x38)

    kim.name = "KIM Sinar Baru Sejahtera"
    kim.save()
    renamed = og_image(parse(get(client, kim, "/")))
    assert renamed not in (first, recoloured)
    assert drawn[-1][0] == "KIM Sinar Baru Sejahtera"


def test_pages_still_render_when_the_card_cannot_be_stored(client, kim, monkeypatch):
    def refuse(*args, **kwargs):
        raise OSError("storage down")

    monkeypatch.setattr(default_storage, "exists", refuse)
    page = parse(get(client, kim, "/"))
    assert og_image(page) is None
    assert page.find("meta", attrs={"name": "twitter:card"})["content"] == "summary"


def test_the_portal_has_its_own_card_or_its_share_image(client, kim):
    portal = Site.objects.get(is_default_site=True)
    portal.hostname = PORTAL
    portal.save()
    KimSiteSettings.for_site(portal)

    card = og_image(parse(get(client, PORTAL, "/")))
    assert card.startswith(f"http://{PORTAL}/media/kim-brand/card-")
    assert stored_image(card).size == (1200, 630)
    assert card != og_image(parse(get(client, kim, "/")))

    site_settings = KimSiteSettings.for_site(portal)
    site_settings.share_image = make_image(None, "Portal bagikan", size=(1200, 630))
    site_settings.save()
    assert og_image(parse(get(client, PORTAL, "/"))) == f"http://{PORTAL}{rendition_url(site_settings.share_image)}"


def test_the_portal_card_carries_the_portal_name(kim, client, monkeypatch):
    titles = []
    real = branding.draw_card
    monkeypatch.setattr(branding, "draw_card", lambda *args: titles.append(args[0]) or real(*args))
    portal = Site.objects.get(is_default_site=True)
    portal.hostname = PORTAL
    portal.save()
    KimSiteSettings.for_site(portal)
    get(client, PORTAL, "/")
    assert titles == ["Portal KIM Kepulauan Bangka Belitung"]
