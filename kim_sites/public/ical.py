"""An agenda as an iCalendar (RFC 5545) feed, written by hand: the format is small and fixed.

Times are wall-clock WIB, so events carry TZID=Asia/Jakarta with its VTIMEZONE (UTC+7 all year,
no daylight saving). Every event has a DTEND: an event without a start time is an all-day event
that ends the next day (RFC 5545 3.6.1: DTEND of a DATE is exclusive); one with a start time but
no end time is given `DEFAULT_DURATION`, since calendar applications hide or mis-draw events of
no length. The agenda page offers the feed twice: `webcal://` subscribes a phone or desktop
calendar to it (it refreshes by itself), and the plain https link downloads it once.
"""

from datetime import UTC, datetime, timedelta

from django.http import HttpResponse
from django.utils import timezone

from wagtail.models import Site

from kim_sites.public.urls import CanonicalUrls

PRODID = "-//Diskominfo Provinsi Kepulauan Bangka Belitung//KIM CMS//ID"
TZID = "Asia/Jakarta"
VTIMEZONE = [
    "BEGIN:VTIMEZONE",
    f"TZID:{TZID}",
    "BEGIN:STANDARD",
    "DTSTART:19700101T000000",
    "TZOFFSETFROM:+0700",
    "TZOFFSETTO:+0700",
    "TZNAME:WIB",
    "END:STANDARD",
    "END:VTIMEZONE",
]
MAX_LINE_OCTETS = 75
DEFAULT_DURATION = timedelta(hours=1)


def escape_text(value):
    """TEXT escaping (RFC 5545 3.3.11): backslash, semicolon, comma and line breaks."""
    value = str(value or "").replace("\r\n", "\n").replace("\r", "\n")
    return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def fold(line):
    """Fold a content line at 75 octets (RFC 5545 3.1), never inside a UTF-8 character."""
    parts, current, size, limit = [], [], 0, MAX_LINE_OCTETS
    for char in line:
        octets = len(char.encode("utf-8"))
        if size + octets > limit:
            parts.append("".join(current))
            # Continuation lines start with a space, which counts towards their 75 octets.
            current, size, limit = [], 0, MAX_LINE_OCTETS - 1
        current.append(char)
        size += octets
    parts.append("".join(current))
    return "\r\n ".join(parts)


def _local(value):
    return value.strftime("%Y%m%dT%H%M%S")


def _utc_stamp(value):
    return value.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def event_lines(event, *, uid, stamp, url=""):
    lines = ["BEGIN:VEVENT", f"UID:{uid}", f"DTSTAMP:{_utc_stamp(stamp)}"]
    if event.start_time is None:
        lines.append(f"DTSTART;VALUE=DATE:{event.date:%Y%m%d}")
        lines.append(f"DTEND;VALUE=DATE:{event.date + timedelta(days=1):%Y%m%d}")
    else:
        start = datetime.combine(event.date, event.start_time)
        lines.append(f"DTSTART;TZID={TZID}:{_local(start)}")
        if event.end_time is None:
            end = start + DEFAULT_DURATION
        else:
            end = datetime.combine(event.date, event.end_time)
            if end <= start:
                # "20.00–01.00": the event ends after midnight.
                end += timedelta(days=1)
        lines.append(f"DTEND;TZID={TZID}:{_local(end)}")
    lines.append(f"SUMMARY:{escape_text(event.title)}")
    if event.location:
        lines.append(f"LOCATION:{escape_text(event.location)}")
    if event.description:
        lines.append(f"DESCRIPTION:{escape_text(event.description)}")
    if url:
        lines.append(f"URL:{url}")
    lines.append("END:VEVENT")
    return lines


def calendar(events, *, name, uid_domain, stamp=None, url=""):
    """The iCalendar text for `events` (AgendaEvent-like objects), CRLF line endings."""
    stamp = stamp or timezone.now()
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape_text(name)}",
        f"X-WR-TIMEZONE:{TZID}",
        *VTIMEZONE,
    ]
    for event in events:
        lines.extend(event_lines(event, uid=f"agenda-{event.pk}@{uid_domain}", stamp=stamp, url=url))
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)


def feed_urls(page):
    """(https download URL, webcal:// subscribe URL) of an agenda's feed, on its canonical host."""
    location = CanonicalUrls().url(page)
    if not location:
        return "", ""
    download = location + "ical/"
    return download, "webcal://" + download.split("://", 1)[1]


def agenda_response(page, request):
    """The iCal feed of an AgendaPage, as served at its `ical/` route on its site's host."""
    canonical = CanonicalUrls()
    site = Site.find_for_request(request) or canonical.site_for(page)
    body = calendar(
        page.events.all(),
        name=f"{page.title} – {site.site_name}" if site and site.site_name else page.title,
        uid_domain=site.hostname if site else "kim",
        stamp=page.last_published_at,
        url=canonical.url(page) or "",
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="agenda.ics"'
    return response
