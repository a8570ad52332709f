"""The agenda's iCal feed, checked by parsing it as RFC 5545 describes."""

import datetime
import re

import pytest

from kim_sites.models import AgendaEvent, AgendaPage
from kim_sites.public.ical import fold
from tests.factories.pages import restrict, section
from tests.factories.registry import make_kim

pytestmark = pytest.mark.django_db

LONG_DESCRIPTION = (
    "Membawa KTP; kartu keluarga, dan fotokopi\nbuku tabungan. Peserta diharap hadir tepat waktu — "
    "acara dibuka oleh Kepala Desa. Backslash \\ tetap utuh. " * 2
)


def parse_ics(text):
    """A strict little RFC 5545 reader: CRLF lines of at most 75 octets, unfolded, into components."""
    assert text.endswith("\r\n")
    physical = text[:-2].split("\r\n")
    assert all(len(line.encode("utf-8")) <= 75 for line in physical)
    assert "\n" not in "".join(physical)
    logical = []
    for line in physical:
        if line.startswith(" "):
            logical[-1] += line[1:]
        else:
            logical.append(line)
    root = {"name": "ROOT", "props": [], "children": []}
    stack = [root]
    for line in logical:
        head, value = line.split(":", 1)
        name, *params = head.split(";")
        if name == "BEGIN":
            component = {"name": value, "props": [], "children": []}
            stack[-1]["children"].append(component)
            stack.append(component)
        elif name == "END":
            assert stack.pop()["name"] == value
        else:
            stack[-1]["props"].append((name, dict(p.split("=", 1) for p in params), value))
    assert len(stack) == 1
    [calendar] = root["children"]
    return calendar


def unescape(value):
    return re.sub(r"\\([\\;,nN])", lambda m: "\n" if m.group(1) in "nN" else m.group(1), value)


def prop(component, name):
    [(params, value)] = [(params, value) for n, params, value in component["props"] if n == name]
    return params, value


def has(component, name):
    return any(n == name for n, _params, _value in component["props"])


@pytest.fixture
def kim():
    return make_kim(name="KIM Sinar Harapan")


def publish_events(agenda, events):
    agenda.events = [AgendaEvent(**event) for event in events]
    agenda.save_revision().publish()
    return agenda


def test_agenda_is_served_as_a_valid_icalendar_feed(client, kim):
    agenda = section(kim, "agenda")
    publish_events(
        agenda,
        [
            {
                "title": "Musyawarah desa, tahap 1; RT 01",
                "date": datetime.date(2023, 12, 11),
                "start_time": datetime.time(9, 0),
                "end_time": datetime.time(11, 30),
                "location": "Balai Desa, Jl. Merdeka No. 1",
                "description": LONG_DESCRIPTION,
            },
            {"title": "Kerja bakti", "date": datetime.date(2023, 12, 17), "location": "Pantai Tikus"},
            {
                "title": "Malam budaya",
                "date": datetime.date(2023, 12, 31),
                "start_time": datetime.time(20, 0),
                "end_time": datetime.time(1, 0),
                "location": "Lapangan desa",
            },
            {
                "title": "Ronda",
                "date": datetime.date(2024, 1, 2),
                "start_time": datetime.time(22, 0),
                "location": "Pos ronda",
            },
        ],
    )

    response = client.get("/agenda/ical/", HTTP_HOST=kim.site.hostname)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = parse_ics(response.content.decode("utf-8"))

    assert calendar["name"] == "VCALENDAR"
    assert prop(calendar, "VERSION")[1] == "2.0"
    assert has(calendar, "PRODID")
    timezone = next(c for c in calendar["children"] if c["name"] == "VTIMEZONE")
    assert prop(timezone, "TZID")[1] == "Asia/Jakarta"
    assert prop(timezone["children"][0], "TZOFFSETTO")[1] == "+0700"

    events = [c for c in calendar["children"] if c["name"] == "VEVENT"]
    assert len(events) == 4
    uids = [prop(event, "UID")[1] for event in events]
    assert len(set(uids)) == 4 and all(uid.endswith(f"@{kim.site.hostname}") for uid in uids)
    assert all(re.fullmatch(r"\d{8}T\d{6}Z", prop(event, "DTSTAMP")[1]) for event in events)

    meeting, cleanup, night, patrol = events
    assert unescape(prop(meeting, "SUMMARY")[1]) == "Musyawarah desa, tahap 1; RT 01"
    assert unescape(prop(meeting, "LOCATION")[1]) == "Balai Desa, Jl. Merdeka No. 1"
    assert unescape(prop(meeting, "DESCRIPTION")[1]) == LONG_DESCRIPTION
    assert prop(meeting, "DTSTART") == ({"TZID": "Asia/Jakarta"}, "20231211T090000")
    assert prop(meeting, "DTEND") == ({"TZID": "Asia/Jakarta"}, "20231211T113000")
    assert prop(meeting, "URL")[1] == f"http://{kim.site.hostname}/agenda/"

    # Without a start time, an event takes the whole day.
    assert prop(cleanup, "DTSTART") == ({"VALUE": "DATE"}, "20231217")
    assert prop(cleanup, "DTEND") == ({"VALUE": "DATE"}, "20231218")
    # Ending "earlier" than it starts means after midnight.
    assert prop(night, "DTEND") == ({"TZID": "Asia/Jakarta"}, "20240101T010000")
    # Every event ends: one with a start time only lasts an hour.
    assert prop(patrol, "DTSTART") == ({"TZID": "Asia/Jakarta"}, "20240102T220000")
    assert prop(patrol, "DTEND") == ({"TZID": "Asia/Jakarta"}, "20240102T230000")
    assert all(has(event, "DTEND") and not has(event, "DURATION") for event in events)


def test_agenda_page_offers_a_webcal_subscription_and_a_download(client, kim):
    agenda = section(kim, "agenda")
    body = client.get("/agenda/", HTTP_HOST=kim.site.hostname).content.decode()
    feed = f"{kim.site.hostname}/agenda/ical/"
    assert f'<a class="button" href="webcal://{feed}">Langganan di aplikasi kalender</a>' in body
    assert f'<a class="button secondary" href="http://{feed}" type="text/calendar">' in body
    # Both name the feed that is served.
    response = client.get("/agenda/ical/", HTTP_HOST=kim.site.hostname)
    assert response.status_code == 200 and parse_ics(response.content.decode())["name"] == "VCALENDAR"
    assert agenda.url_path.endswith("/agenda/")


def test_uids_stay_the_same_when_the_agenda_is_republished(client, kim):
    agenda = publish_events(
        section(kim, "agenda"), [{"title": "Rapat", "date": datetime.date(2024, 2, 1), "location": "Balai"}]
    )

    def uids():
        calendar = parse_ics(client.get("/agenda/ical/", HTTP_HOST=kim.site.hostname).content.decode())
        return [prop(c, "UID")[1] for c in calendar["children"] if c["name"] == "VEVENT"]

    before = uids()
    # As the admin edits: from the latest revision, which publishing updated with the events' ids.
    edited = AgendaPage.objects.get(pk=agenda.pk).get_latest_revision_as_object()
    edited.intro = "<p>Jadwal diperbarui.</p>"
    edited.save_revision().publish()
    assert uids() == before


def test_each_host_serves_its_own_agenda_only(client, kim):
    other = make_kim(name="KIM Tetangga")
    publish_events(
        section(kim, "agenda"), [{"title": "Acara kami", "date": datetime.date(2024, 3, 1), "location": "A"}]
    )
    publish_events(
        section(other, "agenda"), [{"title": "Acara tetangga", "date": datetime.date(2024, 3, 1), "location": "B"}]
    )

    body = client.get("/agenda/ical/", HTTP_HOST=other.site.hostname).content.decode()
    assert "Acara tetangga" in body and "Acara kami" not in body


def test_unpublished_or_private_agenda_serves_no_calendar(client, kim):
    agenda = publish_events(
        section(kim, "agenda"), [{"title": "Rahasia", "date": datetime.date(2024, 3, 1), "location": "A"}]
    )
    restrict(agenda)
    response = client.get("/agenda/ical/", HTTP_HOST=kim.site.hostname)
    assert b"BEGIN:VCALENDAR" not in response.content

    agenda.unpublish()
    assert client.get("/agenda/ical/", HTTP_HOST=kim.site.hostname).status_code == 404


def test_folding_never_splits_a_character():
    line = "DESCRIPTION:" + "é" * 100 + "x" * 3
    folded = fold(line)
    parts = folded.split("\r\n")
    assert all(len(part.encode("utf-8")) <= 75 for part in parts)
    assert parts[0] + "".join(part[1:] for part in parts[1:]) == line
