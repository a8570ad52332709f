"""Dates in Indonesian ("Senin, 11 Desember 2023") and times in WIB ("08.00 WIB")."""

import datetime

import pytest

from django.template import Context, Template
from django.utils import translation

from kim_sites import dates

UTC = datetime.UTC


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (datetime.date(2023, 12, 11), "Senin, 11 Desember 2023"),
        (datetime.date(2024, 1, 2), "Selasa, 2 Januari 2024"),
        (datetime.date(2024, 2, 14), "Rabu, 14 Februari 2024"),
        (datetime.date(2024, 3, 28), "Kamis, 28 Maret 2024"),
        (datetime.date(2024, 5, 17), "Jumat, 17 Mei 2024"),
        (datetime.date(2024, 8, 17), "Sabtu, 17 Agustus 2024"),
        (datetime.date(2024, 6, 30), "Minggu, 30 Juni 2024"),
        (datetime.date(2024, 4, 1), "Senin, 1 April 2024"),
        (datetime.date(2024, 7, 9), "Selasa, 9 Juli 2024"),
        (datetime.date(2024, 9, 4), "Rabu, 4 September 2024"),
        (datetime.date(2024, 10, 31), "Kamis, 31 Oktober 2024"),
        (datetime.date(2024, 11, 1), "Jumat, 1 November 2024"),
    ],
)
def test_every_indonesian_day_and_month_name(value, expected):
    assert dates.format_date(value, "id") == expected


def test_an_aware_datetime_is_shown_in_wib():
    # 20:30 UTC on 10 December is already Monday 11 December in Jakarta (UTC+7).
    moment = datetime.datetime(2023, 12, 10, 20, 30, tzinfo=UTC)
    assert dates.format_date(moment, "id") == "Senin, 11 Desember 2023"
    assert dates.format_time(moment, "id") == "03.30 WIB"


def test_times_use_a_dot_and_wib():
    assert dates.format_time(datetime.time(8, 0), "id") == "08.00 WIB"
    assert dates.format_time(datetime.time(19, 5), "id") == "19.05 WIB"
    assert dates.format_time_range(datetime.time(8, 0), datetime.time(11, 30), "id") == "08.00–11.30 WIB"
    assert dates.format_time_range(datetime.time(8, 0), None, "id") == "08.00 WIB"
    assert dates.format_time_range(None, None, "id") == ""


def test_short_dates_and_dates_without_weekday():
    assert dates.format_short_date(datetime.date(2023, 8, 17), "id") == "17 Agu 2023"
    assert dates.format_date(datetime.date(2023, 8, 17), "id", weekday=False) == "17 Agustus 2023"


def test_english_pages_get_english_names():
    assert dates.format_date(datetime.date(2023, 12, 11), "en") == "Monday, 11 December 2023"
    assert dates.format_time(datetime.time(8, 0), "en") == "08:00 WIB"


def test_nonsense_renders_as_nothing_rather_than_failing():
    assert dates.format_date(None) == ""
    assert dates.format_date("kemarin") == ""
    assert dates.format_time("pagi") == ""


def test_template_filters_follow_the_active_language():
    template = Template(
        "{% load kim_dates %}{{ d|tanggal }}|{{ d|tanggal_pendek }}|{{ t|jam }}|{% rentang_jam t t2 %}|{{ d|tanggal_tanpa_hari }}"
    )
    context = Context({"d": datetime.date(2023, 12, 11), "t": datetime.time(8, 0), "t2": datetime.time(10, 0)})
    with translation.override("id"):
        assert (
            template.render(context) == "Senin, 11 Desember 2023|11 Des 2023|08.00 WIB|08.00–10.00 WIB|11 Desember 2023"
        )
    with translation.override("en"):
        assert template.render(context).startswith("Monday, 11 December 2023|11 Dec 2023|08:00 WIB")


@pytest.mark.parametrize(
    ("delta", "expected"),
    [
        (datetime.timedelta(seconds=20), "kurang dari 1 menit"),
        (datetime.timedelta(seconds=-5), "kurang dari 1 menit"),  # a clock a little ahead
        (datetime.timedelta(minutes=1), "1 menit"),
        (datetime.timedelta(minutes=59, seconds=59), "59 menit"),
        (datetime.timedelta(hours=3, minutes=10), "3 jam"),
        (datetime.timedelta(hours=23, minutes=59), "23 jam"),
        (datetime.timedelta(days=2, hours=5), "2 hari"),
        (datetime.timedelta(days=40), "40 hari"),
    ],
)
def test_a_wait_reads_in_its_largest_whole_unit(delta, expected):
    assert dates.format_duration(delta) == expected
    assert dates.format_duration(None) == ""
