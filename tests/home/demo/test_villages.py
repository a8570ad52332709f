"""Each demo KIM writes about its own village: no headline twice on the portal, no shared body text.

Read through the public sites as a visitor reads them, after one offline `load_demo`.
"""

import re
import socket
from collections import Counter

import pytest
from bs4 import BeautifulSoup

from django.core.management import call_command
from django.utils import timezone
from django.utils.text import slugify

from home.demo import DEMO_KIMS
from home.demo.villages import VILLAGES
from kim_sites.models import Kim, PostPage
from tests.home.demo.network import NetworkUsed, network_blocked

PORTAL = "portal.kim.test"
CATEGORIES = set(PostPage.Category.values)
TIME_RANGE = re.compile(r"\d{2}[.:]\d{2}\s*[–-]\s*\d{2}[.:]\d{2}")


def parse(client, host, path):
    response = client.get(path, HTTP_HOST=host)
    assert response.status_code == 200, (host, path, response.status_code)
    return BeautifulSoup(response.content, "html.parser")


def without_names(text, kim):
    """The text with the KIM's own names taken out: what is left must still be the KIM's own."""
    for name in (kim.name, kim.village, kim.district, kim.regency.name):
        text = text.replace(name, "")
    return " ".join(text.split())


def portal_titles(client):
    titles, page = [], 1
    while True:
        soup = parse(client, PORTAL, f"/?page={page}")
        titles += [a.get_text(strip=True) for a in soup.select(".card-title a")]
        if soup.select_one(".pagination a[rel=next]") is None:
            return titles
        page += 1


# --- The text itself (no database) -----------------------------------------------------------


def test_every_demo_kim_has_stories_of_its_own_village():
    assert set(VILLAGES) == {slugify(name) for _, name, *_ in DEMO_KIMS}
    titles = Counter(post["title"] for village in VILLAGES.values() for post in village["posts"])
    assert [title for title, n in titles.items() if n > 1] == []
    counts = set()
    for _, name, _district, village, _ in DEMO_KIMS:
        data = VILLAGES[slugify(name)]
        posts = data["posts"]
        counts.add(len(posts))
        assert {post["category"] for post in posts} == CATEGORIES, name
        assert len({post["slug"] for post in posts}) == len(posts), name
        for post in posts:
            assert village in post["title"] + post["summary"], (name, post["slug"])
            assert len(post["summary"]) <= 300 and post["tags"], (name, post["slug"])
            assert post["days_ago"] >= 1, "a demo post dated today would push a new post off the portal's top"
        for _days, start, end, title, place, _ in data["events"]:
            assert start < end and place and title, (name, title)
        assert any(event[0] >= 0 for event in data["events"]) and any(event[0] < 0 for event in data["events"])
        assert all(len(captions) >= 3 for *_, captions in data["albums"]), name
    # Not every KIM writes the same number of posts.
    assert len(counts) >= 3


def test_english_matches_the_indonesian_it_translates():
    for slug, data in VILLAGES.items():
        if "en" not in data:
            continue
        en = data["en"]
        assert len(en["mission"]) == len(data["mission"]) and len(en["history"]) == len(data["history"])
        posts = {post["slug"]: post for post in data["posts"]}
        for source_slug, english in en["posts"].items():
            post = posts[source_slug]
            assert len(english["paragraphs"]) == len(post["paragraphs"]), (slug, source_slug)
            assert ("quote" in english) == ("quote" in post) and ("gallery" in english) == ("gallery" in post)
            assert english["alt"] and english["slug"] != source_slug
        # The photos of the translated pages are captioned in English too.
        captions = {caption for *_, album_captions in data["albums"] for caption in album_captions}
        captions |= {caption for slug in en["posts"] for caption in posts[slug].get("gallery", ("", []))[1]}
        assert set(en["captions"]) == captions, slug


def test_the_network_guard_refuses_the_outside_world(monkeypatch):
    with network_blocked(monkeypatch) as attempts:
        with pytest.raises(NetworkUsed):
            socket.create_connection(("203.0.113.7", 80), timeout=1)
        with pytest.raises(NetworkUsed):
            socket.getaddrinfo("www.youtube.com", 443)
    assert len(attempts) == 2


# --- The sites, as a visitor reads them ------------------------------------------------------


@pytest.mark.django_db
def test_the_demo_province_reads_as_eight_different_villages(client, no_network):
    call_command("load_demo", "--quiet-urls")
    today = timezone.localdate()
    kims = list(Kim.objects.select_related("site", "regency").order_by("pk"))
    assert len(kims) == len(DEMO_KIMS)

    # The portal never shows one headline twice, across all its pages.
    titles = portal_titles(client)
    assert len(titles) == sum(len(v["posts"]) for v in VILLAGES.values())
    assert [title for title, n in Counter(titles).items() if n > 1] == []

    paragraphs_of = {}
    captions_of = {}
    for kim in kims:
        host, data = kim.site.hostname, VILLAGES[kim.slug]
        listing = parse(client, host, "/berita/")
        links = {a.get_text(strip=True): a["href"] for a in listing.select(".card-title a")}
        assert set(links) == {post["title"] for post in data["posts"]}, kim

        paragraphs, dates = set(), set()
        for title, href in links.items():
            page = parse(client, host, href)
            article = page.select_one("article.post")
            # Each post speaks of the KIM's own village, has tags and its own date.
            assert kim.village in article.get_text(" "), (kim, title)
            assert article.select(".post-tags li"), (kim, title)
            dates.add(article.select_one(".post-meta time")["datetime"])
            paragraphs |= {
                without_names(p.get_text(" ", strip=True), kim) for p in article.select(".post-body .rich-text p")
            }
        assert len(dates) == len(links), kim
        assert (max(dates) > min(dates)) and len(paragraphs) >= 2 * len(links), kim
        paragraphs_of[kim.slug] = paragraphs

        # The agenda shows events to come and events past, each with its hours and its place.
        agenda = parse(client, host, "/agenda/")
        upcoming = agenda.select("section[aria-labelledby=upcoming-heading] li.event")
        past = agenda.select("ul.events.past li.event")
        assert upcoming and past, kim
        for event in upcoming + past:
            assert TIME_RANGE.search(event.select_one(".event-date").get_text()), (kim, event.get_text())
            assert event.select_one(".event-place").get_text(strip=True) != "Tempat:", kim

        # The gallery's photos carry captions of the village's own life.
        gallery = parse(client, host, "/galeri/")
        captions = {c.get_text(strip=True) for c in gallery.select("figcaption")}
        expected = {caption for *_, album_captions in data["albums"] for caption in album_captions}
        assert expected <= captions, kim
        captions_of[kim.slug] = expected

        # The profile: its own vision, a mission, a history naming the village, and the pengurus.
        profile = parse(client, host, "/profil/")
        assert profile.select_one(".vision").get_text(strip=True) == data["vision"]
        assert len(profile.select("section[aria-labelledby=vision-heading] li")) >= 3
        history = profile.select_one("section[aria-labelledby=history-heading]").get_text(" ")
        assert kim.village in history or kim.name in history, kim
        assert len(profile.select(".people > li")) >= 6, kim

    # No two KIMs share a paragraph or a caption, even with their names taken out.
    for counter in (
        Counter(p for ps in paragraphs_of.values() for p in ps),
        Counter(c for cs in captions_of.values() for c in cs),
    ):
        assert [text for text, n in counter.items() if n > 1] == []

    # Posts are spread over recent months, none in the future.
    dates = sorted(PostPage.objects.live().values_list("date", flat=True))
    assert dates[-1] < today and (today - dates[0]).days >= 90
