"""Dates as people write them in each language, for pages and e-mails alike."""

import datetime

from django.utils import dateformat, timezone
from django.utils.formats import get_format
from django.utils.translation import get_language, pgettext


def _local(value):
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        return timezone.localtime(value)
    return value


def _with_ordinal(value, text):
    # French writes the first of the month as an ordinal: "1er septembre".
    if get_language() == "fr" and value.day == 1 and text.startswith("1"):
        return "1er" + text[1:]
    return text


def long_date(value):
    """ "1er septembre 2026", "1 september 2026", "1. September 2026", "1 September 2026"."""
    if not value:
        return ""
    value = _local(value)
    return _with_ordinal(value, dateformat.format(value, get_format("DATE_FORMAT")))


def weekday_date(value, year=False):
    """ "lundi 1er décembre", "maandag 1 december", "Montag, 1. Dezember", "Monday 1 December"
    (with `year`, the year too)."""
    if not value:
        return ""
    value = _local(value)
    date = (
        long_date(value)
        if year
        else _with_ordinal(value, dateformat.format(value, get_format("MONTH_DAY_FORMAT")))
    )
    return pgettext("a weekday and a date", "%(weekday)s %(date)s") % {
        "weekday": dateformat.format(value, "l"),
        "date": date,
    }
