"""`load_demo` builds a living province, and running it again changes nothing."""

import json
import re

import pytest
from bs4 import BeautifulSoup

from django.core.management import call_command
from django.utils import timezone

from wagtail.models import Page, Revision

from home.demo import DEMO_KIMS
from home.demo.content import TRANSLATED_KIMS
from home.demo.villages import VILLAGES
from home.models import CustomImage
from kim_sites.models import (
    AgendaEvent,
    AgendaPage,
    GalleryPage,
    Kim,
    KimSiteSettings,
    PengurusMember,
    PostPage,
    ProfilePage,
)

pytestmark = pytest.mark.django_db

INDONESIAN_DATE = re.compile(
    r"(Senin|Selasa|Rabu|Kamis|Jumat|Sabtu|Minggu), \d{1,2} "
    r"(Januari|Februari|Maret|April|Mei|Juni|Juli|Agustus|September|Oktober|November|Desember) \d{4}"
)


def counts():
    return {
        "pages": Page.objects.count(),
        "posts": PostPage.objects.count(),
        "images": CustomImage.objects.count(),
        "events": AgendaEvent.objects.count(),
        "pengurus": PengurusMember.objects.count(),
        "kims": Kim.objects.count(),
        "revisions": Revision.objects.count(),
        "titles": sorted(Page.objects.values_list("title", flat=True)),
    }


def test_load_demo_twice_yields_a_living_province_without_duplicates(client, no_network):
    call_command("load_demo", "--quiet-urls")
    first = counts()
    call_command("load_demo", "--quiet-urls")
    # Nothing is made, published or revised a second time.
    assert counts() == first
    assert first["kims"] == len(DEMO_KIMS)
    # Every demo regency's Diskominfo has a contact for the suspended notice.
    for kim in Kim.objects.select_related("regency"):
        assert kim.regency.contact_email.endswith("@demo.kim.id"), kim.regency
        assert kim.regency.contact_phone and kim.regency.contact_address

    today = timezone.localdate()
    kims = list(Kim.objects.select_related("site", "regency"))
    for kim in kims:
        home = kim.home_page
        posts = PostPage.objects.live().public().descendant_of(home)
        assert posts.count() >= 5, kim
        assert set(posts.values_list("category", flat=True)) == set(PostPage.Category.values), kim
        assert all(p.cover_image_id and p.cover_alt for p in posts)
        profile = ProfilePage.objects.child_of(home).get()
        roles = set(profile.pengurus.values_list("role", flat=True))
        assert {"ketua", "sekretaris", "bendahara", "divisi"} <= roles
        assert AgendaEvent.objects.filter(page__in=AgendaPage.objects.child_of(home), date__gte=today).exists()
        assert len(GalleryPage.objects.child_of(home).get().albums) >= 1
        assert KimSiteSettings.for_site(kim.site).logo_id is not None
        assert kim.sk_number
        # Pictures belong to the KIM's own collection.
        assert not posts.exclude(cover_image__collection=kim.collection).exists()

    # Each KIM's site serves its posts with canonical, Open Graph, JSON-LD and an Indonesian date.
    for kim in kims:
        post = PostPage.objects.live().descendant_of(kim.home_page).filter(locale__language_code="id").first()
        response = client.get(post.relative_url(kim.site), HTTP_HOST=kim.site.hostname)
        assert response.status_code == 200
        page = BeautifulSoup(response.content, "html.parser")
        assert page.find("link", rel="canonical")["href"] == post.get_full_url()
        assert page.find("meta", property="og:image")["content"].startswith(kim.site.root_url + "/media/")
        graph = json.loads(page.find("script", type="application/ld+json").string)["@graph"]
        (data,) = [node for node in graph if node["@type"] == "NewsArticle"]
        assert data["headline"] == post.title
        assert INDONESIAN_DATE.search(page.select_one(".post-meta").get_text())

    # English lives at /en/ on the translated KIMs.
    for slug in TRANSLATED_KIMS:
        kim = Kim.objects.get(slug=slug)
        response = client.get("/en/", HTTP_HOST=kim.site.hostname)
        assert response.status_code == 200
        page = BeautifulSoup(response.content, "html.parser")
        assert page.html["lang"] == "en"
        english_titles = {post["title"] for post in VILLAGES[slug]["en"]["posts"].values()}
        english_posts = page.select(".card-title a")
        assert {a.get_text(strip=True) for a in english_posts} == english_titles, slug
        post_response = client.get(english_posts[0]["href"], HTTP_HOST=kim.site.hostname)
        assert post_response.status_code == 200
        heading = BeautifulSoup(post_response.content, "html.parser").find("h1").get_text(strip=True)
        assert heading == english_posts[0].get_text(strip=True)
        # The gallery's photos are captioned in English.
        gallery = BeautifulSoup(client.get("/en/gallery/", HTTP_HOST=kim.site.hostname).content, "html.parser")
        captions = {caption.get_text(strip=True) for caption in gallery.select("figcaption")}
        assert captions and captions <= set(VILLAGES[slug]["en"]["captions"].values()), captions
        # Every translated section is reachable (the English tree is consistent).
        for path in ["/en/news/", "/en/profile/", "/en/events/", "/en/gallery/"]:
            assert client.get(path, HTTP_HOST=kim.site.hostname).status_code == 200, path

    # The portal links the latest posts of several KIMs, on their own hosts.
    response = client.get("/", HTTP_HOST="portal.kim.test")
    page = BeautifulSoup(response.content, "html.parser")
    hosts = {a["href"].split("/")[2] for a in page.select(".card-title a")}
    assert len(hosts) >= 3
    assert hosts <= {kim.site.hostname for kim in kims}
    assert client.get("/en/", HTTP_HOST="portal.kim.test").status_code == 200
