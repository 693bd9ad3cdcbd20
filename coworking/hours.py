"""Opening hours in OpenStreetMap's `opening_hours` syntax, evaluated by opening-hours-py
(Belgian public holidays, Europe/Brussels, summer time).

    schedule = Schedule("Mo-Fr 09:00-18:00; Sa 10:00-13:00; PH off")
    schedule.is_open(now); schedule.next_change(now); schedule.week(today)
"""

import datetime
import functools
import re
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext
from opening_hours import OpeningHours, ParserError, State

from portal.dates import weekday_date

TZ = ZoneInfo("Europe/Brussels")
COUNTRY = "BE"
# Opening-hours changes further than this are treated as "never" (speed; a year is plenty).
HORIZON_DAYS = 370
WEEKDAYS = ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su")
RANGE = re.compile(r"^\s*(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})\s*$")


@functools.lru_cache(maxsize=4096)
def _parsed(expression):
    return OpeningHours(expression, timezone=TZ, country=COUNTRY, max_interval_days=HORIZON_DAYS)


def validate(value):
    """A model and form validator: the expression must parse."""
    if not value:
        return
    try:
        _parsed(value)
    except (ParserError, SyntaxError, ValueError):
        raise ValidationError(
            gettext_lazy(
                "These opening hours cannot be read. Write them like “Mo-Fr 09:00-18:00; Sa 10:00-13:00; PH off”."  # noqa: E501
            ),
            code="opening_hours",
        ) from None


def aware(moment):
    if timezone.is_naive(moment):
        return moment.replace(tzinfo=TZ)
    return moment.astimezone(TZ)


class Schedule:
    def __init__(self, expression):
        self.expression = expression or ""
        try:
            self._oh = _parsed(self.expression) if self.expression else None
        except (ParserError, SyntaxError, ValueError):
            self._oh = None

    def __bool__(self):
        return self._oh is not None

    def is_open(self, at=None):
        if not self._oh:
            return False
        return self._oh.state(aware(at or timezone.now()))[0] == State.OPEN

    def next_change(self, at=None):
        if not self._oh:
            return None
        change = self._oh.next_change(aware(at or timezone.now()))
        return aware(change) if change else None

    def open_intervals(self, start, end):
        """The open (start, end) intervals between two moments, clipped to them."""
        if not self._oh:
            return []
        start, end = aware(start), aware(end)
        out = []
        for begin, finish, state, _comment in self._oh.intervals(start, end):
            if state != State.OPEN:
                continue
            begin, finish = max(aware(begin), start), min(aware(finish or end), end)
            if begin < finish:
                if out and out[-1][1] == begin:  # joined across midnight
                    out[-1] = (out[-1][0], finish)
                else:
                    out.append((begin, finish))
        return out

    def is_open_throughout(self, start, end):
        start, end = aware(start), aware(end)
        return any(begin <= start and end <= finish for begin, finish in self.open_intervals(start, end))

    def day_intervals(self, day):
        """The open intervals of a calendar day (Brussels time)."""
        start = datetime.datetime.combine(day, datetime.time.min, tzinfo=TZ)
        return self.open_intervals(start, start + datetime.timedelta(days=1))

    def week(self, first_day):
        """Seven days from `first_day`: [(date, [(start, end), …]), …]."""
        return [
            (day, self.day_intervals(day)) for day in (first_day + datetime.timedelta(n) for n in range(7))
        ]

    def status(self, at=None):
        """("open" | "closed", a sentence in the active language): "Open now, until 18:00",
        "Closed, opens Monday at 09:00"."""
        at = aware(at or timezone.now())
        if not self._oh:
            return "closed", _("Opening hours not known")
        change = self.next_change(at)
        if self.is_open(at):
            if change is None:
                return "open", _("Open now")
            when = _moment(change, at)
            if when["days"] == 0:
                return "open", _("Open now, until %(time)s") % when
            if when["days"] == 1:
                return "open", _("Open now, until tomorrow at %(time)s") % when
            return "open", _("Open now, until %(day)s at %(time)s") % when
        if change is None:
            # Its own context: the catalogues' plain "Closed" is an ethics case's status
            # ("Clôturée", "Afgesloten", "Abgeschlossen"), not a closed door.
            return "closed", pgettext("opening hours", "Closed")
        when = _moment(change, at)
        # Whole sentences, so that each language words them its own way.
        if when["days"] == 0:
            return "closed", _("Closed, opens at %(time)s") % when
        if when["days"] == 1:
            return "closed", _("Closed, opens tomorrow at %(time)s") % when
        return "closed", _("Closed, opens %(day)s at %(time)s") % when


def _moment(moment, now):
    """{"days": days from now, "time": "09:00", "day": "Monday" this week, else "Monday 7
    December"}, in the active language."""
    moment, now = aware(moment), aware(now)
    days = (moment.date() - now.date()).days
    return {
        "days": days,
        "time": formats.time_format(moment.time()),
        "day": formats.date_format(moment, "l") if days < 7 else weekday_date(moment),
    }


def interval_label(begin, finish):
    """ "09:00–12:30" in the active language's clock; an interval to midnight ends at 24:00."""
    end = formats.time_format(finish.time()) if finish.time() != datetime.time.min else "24:00"
    return f"{formats.time_format(begin.time())}–{end}"


# The editors' builder: one field per weekday ("09:00-12:30, 13:30-17:00" or empty for closed),
# public holidays closed or not, and closing periods ("Jul 20-Aug 15").


def compose(days, closed_on_public_holidays=True, closures=""):
    """An expression from the builder's fields: {"Mo": "09:00-18:00", …}."""
    groups = []
    for code in WEEKDAYS:
        ranges = normalise_ranges(days.get(code, ""))
        if (
            ranges
            and groups
            and groups[-1][1] == ranges
            and WEEKDAYS.index(groups[-1][0][-1]) == WEEKDAYS.index(code) - 1
        ):
            groups[-1][0].append(code)
        elif ranges:
            groups.append(([code], ranges))
    rules = []
    for codes, ranges in groups:
        span = codes[0] if len(codes) == 1 else f"{codes[0]}-{codes[-1]}"
        rules.append(f"{span} {ranges}")
    if not rules:
        rules.append("off")
    if closed_on_public_holidays:
        rules.append("PH off")
    for period in (p.strip() for p in (closures or "").split(";")):
        if period:
            rules.append(f"{period} off")
    return "; ".join(rules)


def normalise_ranges(text):
    """ "9:00-12:30 , 13:30-17:00" -> "09:00-12:30,13:30-17:00"; "" stays ""; raises ValueError."""
    parts = []
    for item in (text or "").replace(";", ",").split(","):
        if not item.strip():
            continue
        match = RANGE.match(item)
        if not match:
            raise ValueError(item)
        h1, m1, h2, m2 = (int(g) for g in match.groups())
        if h1 > 24 or h2 > 24 or m1 > 59 or m2 > 59:
            raise ValueError(item)
        parts.append(f"{h1:02d}:{m1:02d}-{h2:02d}:{m2:02d}")
    return ",".join(parts)


RULE = re.compile(r"^(Mo|Tu|We|Th|Fr|Sa|Su)(?:-(Mo|Tu|We|Th|Fr|Sa|Su))?\s+([\d:,\-\s]+)$")


def decompose(expression):
    """The builder's fields for an expression it can show, else None (the editor then edits
    the expression itself)."""
    days, closures, holidays = dict.fromkeys(WEEKDAYS, ""), [], False
    for rule in (r.strip() for r in (expression or "").split(";")):
        if not rule or rule == "off":
            continue
        if rule in ("PH off", "PH closed"):
            holidays = True
            continue
        match = RULE.match(rule)
        if match:
            first, last, ranges = match.groups()
            span = WEEKDAYS[WEEKDAYS.index(first) : WEEKDAYS.index(last or first) + 1]
            try:
                normalised = normalise_ranges(ranges)
            except ValueError:
                return None
            for code in span:
                days[code] = normalised
            continue
        if rule.endswith(" off") and rule[:2] not in WEEKDAYS:
            closures.append(rule[: -len(" off")])
            continue
        return None
    return {"days": days, "closed_on_public_holidays": holidays, "closures": "; ".join(closures)}
