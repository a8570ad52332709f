"""Dates and times as Indonesian readers write them: "Senin, 11 Desember 2023", "08.00 WIB".

Formatted here rather than through Django's locale formats so the output is the same on every
machine and in every language the page is shown in (English gets its own names).
"""

import datetime

from django.utils import timezone, translation

DAYS = {
    "id": ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"],
    "en": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
}
MONTHS = {
    "id": [
        "Januari",
        "Februari",
        "Maret",
        "April",
        "Mei",
        "Juni",
        "Juli",
        "Agustus",
        "September",
        "Oktober",
        "November",
        "Desember",
    ],
    "en": [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
}
SHORT_MONTHS = {
    "id": ["Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"],
    "en": ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
}


def _language(language=None):
    language = (language or translation.get_language() or "id").split("-")[0]
    return language if language in DAYS else "id"


def _as_date(value):
    if isinstance(value, datetime.datetime):
        # Aware datetimes are shown in WIB (Asia/Jakarta), whatever the server's clock says.
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.date()
    return value


def format_date(value, language=None, *, weekday=True):
    """'Senin, 11 Desember 2023' (or '11 Desember 2023' without the weekday)."""
    value = _as_date(value)
    if not isinstance(value, datetime.date):
        return ""
    lang = _language(language)
    text = f"{value.day} {MONTHS[lang][value.month - 1]} {value.year}"
    return f"{DAYS[lang][value.weekday()]}, {text}" if weekday else text


def format_short_date(value, language=None):
    """'11 Des 2023', for lists and cards."""
    value = _as_date(value)
    if not isinstance(value, datetime.date):
        return ""
    lang = _language(language)
    return f"{value.day} {SHORT_MONTHS[lang][value.month - 1]} {value.year}"


def format_month(value, language=None):
    """'Des 2023', for the months of a chart or a table."""
    value = _as_date(value)
    if not isinstance(value, datetime.date):
        return ""
    lang = _language(language)
    return f"{SHORT_MONTHS[lang][value.month - 1]} {value.year}"


def format_time(value, language=None):
    """'08.00 WIB': Indonesian separates hours and minutes with a dot."""
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        value = value.time()
    if not isinstance(value, datetime.time):
        return ""
    separator = ":" if _language(language) == "en" else "."
    return f"{value.hour:02d}{separator}{value.minute:02d} WIB"


def format_time_range(start, end, language=None):
    """'08.00–11.30 WIB', '08.00 WIB', or '' when no time is set."""
    if start is None:
        return ""
    if end is None or end == start:
        return format_time(start, language)
    return f"{format_time(start, language)[:-4]}–{format_time(end, language)}"


def format_duration(delta):
    """'3 jam', '2 hari', '15 menit': how long something has waited, in its largest whole unit.

    Indonesian plurals need no other form; under a minute reads 'kurang dari 1 menit'.
    """
    if not isinstance(delta, datetime.timedelta):
        return ""
    minutes = max(int(delta.total_seconds() // 60), 0)
    if minutes < 1:
        return "kurang dari 1 menit"
    if minutes < 60:
        return f"{minutes} menit"
    hours = minutes // 60
    if hours < 24:
        return f"{hours} jam"
    return f"{hours // 24} hari"


def post_published_at(post):
    """When a post counts as published, as an aware WIB datetime (ISO 8601 with +07:00).

    A post's `date` is a day, chosen by its editor. On the day it first went live, that moment
    is used; on any other day (a report written up later, or dated ahead) the day at 00:00 WIB.
    """
    day = getattr(post, "date", None)
    if not isinstance(day, datetime.date):
        return None
    first = getattr(post, "first_published_at", None)
    if first is not None:
        first = timezone.localtime(first)
        if first.date() == day:
            return first.replace(microsecond=0)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time()), timezone.get_default_timezone())
