"""The periods the kinerja report covers: whole days in WIB, from a preset or two dates."""

import datetime
from dataclasses import dataclass

from django.utils import timezone

from kim_sites.dates import format_date, format_month

PRESETS = {
    "bulan-ini": "Bulan ini",
    "bulan-lalu": "Bulan lalu",
    "30-hari": "30 hari terakhir",
    "90-hari": "90 hari terakhir",
    "tahun-ini": "Tahun ini",
}
DEFAULT_PRESET = "bulan-ini"


class PeriodError(ValueError):
    """A period that cannot be reported on. The message is Indonesian, for people."""


def day_label(day):
    """'11 Desember 2023': the report is in Indonesian whatever the admin's language."""
    return format_date(day, "id", weekday=False)


def month_label(day):
    """'Des 2023'."""
    return format_month(day, "id")


def wib_today():
    return timezone.localdate()


def month_start(day):
    return day.replace(day=1)


def add_months(day, months):
    index = day.year * 12 + day.month - 1 + months
    return datetime.date(index // 12, index % 12 + 1, 1)


def start_of_day(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min), timezone.get_default_timezone())


@dataclass(frozen=True)
class Period:
    """Whole days in WIB, both ends included."""

    first_day: datetime.date
    last_day: datetime.date
    preset: str = ""

    @property
    def start(self):
        return start_of_day(self.first_day)

    @property
    def end(self):
        """Exclusive: midnight WIB after the last day."""
        return start_of_day(self.last_day + datetime.timedelta(days=1))

    def status_date(self, today=None):
        """The day a KIM's status is measured on: the period's last day, or today if it has not ended."""
        return min(self.last_day, today or wib_today())

    @property
    def label(self):
        dates = f"{day_label(self.first_day)} – {day_label(self.last_day)}"
        if self.preset:
            return f"{PRESETS[self.preset]} ({dates})"
        return dates

    @classmethod
    def from_preset(cls, preset=DEFAULT_PRESET, today=None):
        today = today or wib_today()
        if preset == "bulan-ini":
            first, last = month_start(today), add_months(today, 1) - datetime.timedelta(days=1)
        elif preset == "bulan-lalu":
            first = add_months(today, -1)
            last = month_start(today) - datetime.timedelta(days=1)
        elif preset == "30-hari":
            first, last = today - datetime.timedelta(days=29), today
        elif preset == "90-hari":
            first, last = today - datetime.timedelta(days=89), today
        elif preset == "tahun-ini":
            first, last = datetime.date(today.year, 1, 1), datetime.date(today.year, 12, 31)
        else:
            raise PeriodError(f"Periode '{preset}' tidak dikenal. Pilih salah satu: {', '.join(PRESETS)}.")
        return cls(first, last, preset)


def parse_date(value, label):
    if value in (None, ""):
        return None
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(str(value).strip())
    except ValueError:
        raise PeriodError(f"Tanggal {label} '{value}' tidak sah. Gunakan format TTTT-BB-HH, misalnya 2026-01-31.")


def resolve_period(preset=None, date_from=None, date_to=None, today=None):
    """The period asked for: custom dates win over a preset; nothing means this month.

    Only a start date runs to today; only an end date starts on the first of its month.
    """
    today = today or wib_today()
    first = parse_date(date_from, "mulai")
    last = parse_date(date_to, "akhir")
    if first is None and last is None:
        return Period.from_preset(preset or DEFAULT_PRESET, today=today)
    if last is None:
        last = max(today, first)
    if first is None:
        first = month_start(last)
    if last < first:
        raise PeriodError(
            f"Rentang tanggal terbalik: tanggal akhir ({day_label(last)}) lebih awal "
            f"dari tanggal mulai ({day_label(first)})."
        )
    return Period(first, last)
