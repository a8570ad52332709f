"""Template filters for Indonesian dates and WIB times: {{ post.date|tanggal }}, {{ event.start_time|jam }}."""

from django import template

from kim_sites import dates

register = template.Library()


@register.filter
def tanggal(value):
    return dates.format_date(value)


@register.filter
def tanggal_tanpa_hari(value):
    return dates.format_date(value, weekday=False)


@register.filter
def tanggal_pendek(value):
    return dates.format_short_date(value)


@register.filter
def jam(value):
    return dates.format_time(value)


@register.simple_tag
def rentang_jam(start, end):
    return dates.format_time_range(start, end)
