"""The dates of a series, from its RFC 5545 rule (python-dateutil's rrule), in Brussels wall
time: "every first Tuesday at 08:00" stays at 08:00 across the change to summer time."""

import datetime
from zoneinfo import ZoneInfo

from dateutil.rrule import rrulestr
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

# Dates created ahead of today; later ones are added as time passes (materialize is idempotent).
HORIZON_DAYS = 365
MAX_OCCURRENCES = 500
# Events happen on days: a rule by the hour or the minute would make thousands of dates.
FREQUENCIES = {"DAILY", "WEEKLY", "MONTHLY", "YEARLY"}
# The time of day is the series' own (start_time): a rule does not set it.
TIME_PARTS = {"BYHOUR", "BYMINUTE", "BYSECOND", "DTSTART"}
EXAMPLE = _("Write the rule like FREQ=MONTHLY;BYDAY=1TU (every first Tuesday).")


class RuleError(Exception):
    def __init__(self, field, message):
        super().__init__(str(message))
        self.field, self.message = field, message


def exception_dates(text):
    """The dates left out, one per line (YYYY-MM-DD); a bad line raises RuleError."""
    found = set()
    for line in (text or "").replace(",", "\n").splitlines():
        line = line.strip()
        if not line:
            continue
        try:
            found.add(datetime.date.fromisoformat(line))
        except ValueError:
            raise RuleError(
                "exceptions", _("“%(line)s” is not a date (YYYY-MM-DD).") % {"line": line[:40]}
            ) from None
    return found


def _rule_text(text):
    """The rule without its optional "RRULE:" prefix, checked part by part (dateutil accepts
    rules that never end, like INTERVAL=0, or that set the hour)."""
    text = (text or "").strip()
    if text.upper().startswith("RRULE:"):
        text = text[6:].strip()
    if not text or any(c in text for c in "\r\n:"):
        raise RuleError("rule", EXAMPLE)
    parts = {}
    for part in text.strip(";").split(";"):
        key, sep, value = part.partition("=")
        key, value = key.strip().upper(), value.strip().upper()
        if not sep or not key or not value or key in parts:
            raise RuleError("rule", EXAMPLE)
        parts[key] = value
    if parts.get("FREQ") not in FREQUENCIES:
        raise RuleError(
            "rule",
            _("Repeat the event daily, weekly, monthly or yearly (FREQ=DAILY, WEEKLY, MONTHLY or YEARLY)."),
        )
    if TIME_PARTS & parts.keys():
        raise RuleError("rule", _("The rule gives the days; the times are set in “starts at” and “ends at”."))
    if "INTERVAL" in parts and (not parts["INTERVAL"].isdigit() or int(parts["INTERVAL"]) < 1):
        raise RuleError("rule", _("The interval must be a whole number of at least 1."))
    return ";".join(f"{key}={value}" for key, value in parts.items())


def parse(series):
    """The series' rule as a dateutil rrule in naive Brussels wall time, or RuleError."""
    first = datetime.datetime.combine(series.first_date, series.start_time)
    try:
        return rrulestr(_rule_text(series.rule), dtstart=first, forceset=False)
    except (ValueError, TypeError, KeyError, OverflowError):
        raise RuleError(
            "rule", _("This recurrence rule cannot be read. Write it like FREQ=MONTHLY;BYDAY=1TU.")
        ) from None


def missing_wall_time(start, end):
    """The first local time of these (start, end) pairs that the clocks skip (the spring change
    at 02:00 in Brussels): an event cannot start or end at 02:30 that night. None when all exist."""
    for moment in (start, end):
        there_and_back = moment.astimezone(datetime.UTC).astimezone(moment.tzinfo)
        if there_and_back.replace(tzinfo=None) != moment.replace(tzinfo=None):
            return moment
    return None


def occurrences(series, start=None, end=None, limit=MAX_OCCURRENCES):
    """[(start, end)] aware datetimes of the series' dates between two dates (inclusive): from
    `start` (default: the first date) to `end` (default: HORIZON_DAYS after `start`), never
    after the series' last date, leaving out its exceptions; at most `limit` of them."""
    tz = ZoneInfo(settings.TIME_ZONE)
    rule = parse(series)
    skipped = exception_dates(series.exceptions)
    first = datetime.datetime.combine(series.first_date, series.start_time)
    length = datetime.datetime.combine(series.first_date, series.end_time) - first
    start = max(start or series.first_date, series.first_date)
    end = end or start + datetime.timedelta(days=HORIZON_DAYS)
    if series.until:
        end = min(end, series.until)
    after = datetime.datetime.combine(start, datetime.time.min)
    before = datetime.datetime.combine(end, datetime.time.max)
    found = []
    if after > before:
        return found
    # Lazily, one date at a time: a long rule is never computed to its end.
    for moment in rule.xafter(after, inc=True):
        if moment > before:
            break
        if moment.date() in skipped:
            continue
        # Wall-clock times made aware one by one: each date keeps its local hour.
        found.append((moment.replace(tzinfo=tz), (moment + length).replace(tzinfo=tz)))
        if len(found) >= limit:
            break
    return found


# Describing a rule in words (the admin's list) -------------------------------------------------

WEEKDAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
ORDINALS = {
    1: pgettext_lazy("the nth weekday of a month", "first"),
    2: pgettext_lazy("the nth weekday of a month", "second"),
    3: pgettext_lazy("the nth weekday of a month", "third"),
    4: pgettext_lazy("the nth weekday of a month", "fourth"),
    -1: pgettext_lazy("the nth weekday of a month", "last"),
}


def describe(rule_text):
    """The rule in words in the active language ("every first Tuesday of the month", "every two
    weeks on Monday"), or the rule itself when it is not one of the common shapes."""
    from django.utils.dates import WEEKDAYS

    try:
        parts = dict(part.split("=", 1) for part in _rule_text(rule_text).split(";"))
    except (RuleError, ValueError):
        return rule_text
    frequency, interval = parts.pop("FREQ"), int(parts.pop("INTERVAL", "1"))
    days = parts.pop("BYDAY", "")
    if parts or interval > 4:
        return rule_text  # COUNT, BYMONTHDAY, …: the rule says it best

    def weekday(code):
        return str(WEEKDAYS[WEEKDAY_CODES.index(code)]) if code in WEEKDAY_CODES else None

    if frequency == "WEEKLY":
        names = [weekday(code) for code in days.split(",")] if days else []
        if None in names:
            return rule_text
        on = ", ".join(names)
        if interval == 1:
            return _("every week on %(days)s") % {"days": on} if on else _("every week")
        return (
            _("every %(n)s weeks on %(days)s") % {"n": interval, "days": on}
            if on
            else _("every %(n)s weeks") % {"n": interval}
        )
    if frequency == "MONTHLY" and days and "," not in days and interval == 1:
        position, code = days[:-2], days[-2:]
        if position.lstrip("-").isdigit() and int(position) in ORDINALS and weekday(code):
            return _("every %(nth)s %(day)s of the month") % {
                "nth": ORDINALS[int(position)],
                "day": weekday(code),
            }
    if frequency == "DAILY" and not days and interval == 1:
        return _("every day")
    return rule_text
