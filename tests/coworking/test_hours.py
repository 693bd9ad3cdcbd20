"""Opening hours as visitors read them: open now or not, until when, across Belgian public
holidays, the changes to and from summer time, and a summer closing; and the editors' builder
(compose/decompose) and validator."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import formats, translation

from coworking import hours
from coworking.hours import TZ, Schedule
from portal.dates import weekday_date

UTC = datetime.UTC
WEEKDAYS = "Mo-Fr 09:00-18:00; PH off"


def at(year, month, day, hour=0, minute=0):
    """A moment on Brussels' clock."""
    return datetime.datetime(year, month, day, hour, minute, tzinfo=TZ)


def utc(year, month, day, hour=0, minute=0):
    return datetime.datetime(year, month, day, hour, minute, tzinfo=UTC)


def real_length(begin, finish):
    """Elapsed time between two moments (subtracting two datetimes of the same zone would give
    the difference on the clock, which is wrong on the nights the clocks change)."""
    return finish.astimezone(UTC) - begin.astimezone(UTC)


# Public holidays ------------------------------------------------------------------------------


def test_armistice_day_is_closed_with_ph_off_and_open_without():
    closed_on_holidays = Schedule(WEEKDAYS)
    # Wednesday 11 November 2026.
    assert closed_on_holidays.day_intervals(datetime.date(2026, 11, 11)) == []
    assert not closed_on_holidays.is_open(at(2026, 11, 11, 10))
    assert closed_on_holidays.is_open(at(2026, 11, 10, 10)) and closed_on_holidays.is_open(
        at(2026, 11, 12, 10)
    )
    # From Tuesday evening the next opening skips the holiday.
    assert closed_on_holidays.next_change(at(2026, 11, 10, 19)) == at(2026, 11, 12, 9)

    open_on_holidays = Schedule("Mo-Fr 09:00-18:00")
    assert open_on_holidays.day_intervals(datetime.date(2026, 11, 11)) == [
        (at(2026, 11, 11, 9), at(2026, 11, 11, 18))
    ]
    assert open_on_holidays.is_open(at(2026, 11, 11, 10))


def test_easter_monday_2027_is_closed_and_the_next_opening_is_in_summer_time():
    schedule = Schedule(WEEKDAYS)
    # Easter Monday, 29 March 2027, the day after the clocks went forward.
    assert schedule.day_intervals(datetime.date(2027, 3, 29)) == []
    assert not schedule.is_open(at(2027, 3, 29, 11))
    opens = schedule.next_change(at(2027, 3, 29, 11))
    assert opens == at(2027, 3, 30, 9)
    assert opens.utcoffset() == datetime.timedelta(hours=2)  # 07:00 UTC, 09:00 on the clock
    # Good Friday is no public holiday in Belgium: open.
    assert schedule.is_open(at(2027, 3, 26, 10))
    with translation.override("en"):
        assert schedule.status(at(2027, 3, 29, 11)) == ("closed", "Closed, opens tomorrow at 09:00")


def test_open_now_ends_at_the_closing_time_itself():
    schedule = Schedule(WEEKDAYS)
    assert schedule.is_open(at(2026, 11, 10, 9))
    assert schedule.is_open(at(2026, 11, 10, 17, 59))
    assert not schedule.is_open(at(2026, 11, 10, 18))
    assert not schedule.is_open(at(2026, 11, 10, 8, 59))
    # A moment given in UTC is the same moment: 16:30 UTC is 17:30 in Brussels in November.
    assert schedule.is_open(utc(2026, 11, 10, 16, 30))
    assert not schedule.is_open(utc(2026, 11, 10, 17, 30))
    assert schedule.next_change(at(2026, 11, 10, 10)) == at(2026, 11, 10, 18)


# Summer time ----------------------------------------------------------------------------------


def test_a_day_open_round_the_clock_lasts_23_hours_in_march_and_25_in_october():
    schedule = Schedule("Mo-Su 00:00-24:00")
    for day, length in (
        (datetime.date(2026, 3, 29), datetime.timedelta(hours=23)),
        (datetime.date(2026, 10, 25), datetime.timedelta(hours=25)),
        (datetime.date(2026, 3, 22), datetime.timedelta(hours=24)),
    ):
        ((begin, finish),) = schedule.day_intervals(day)
        assert (begin, finish) == (
            at(day.year, day.month, day.day),
            at(day.year, day.month, day.day) + datetime.timedelta(days=1),
        )
        assert real_length(begin, finish) == length, day
    # Always open: no change to announce, and the night the clocks change is no gap.
    assert schedule.next_change(at(2026, 3, 29, 1)) is None
    assert schedule.is_open_throughout(at(2026, 3, 28, 23), at(2026, 3, 29, 4))
    assert schedule.is_open_throughout(at(2026, 10, 24, 23), at(2026, 10, 25, 4))
    assert schedule.status(at(2026, 3, 29, 1))[0] == "open"


def test_the_night_the_clocks_go_forward_01_to_04_is_two_hours():
    schedule = Schedule("Su 01:00-04:00")
    ((begin, finish),) = schedule.day_intervals(datetime.date(2026, 3, 29))
    assert (begin.hour, finish.hour) == (1, 4)
    assert begin.utcoffset() == datetime.timedelta(hours=1) and finish.utcoffset() == datetime.timedelta(
        hours=2
    )
    assert real_length(begin, finish) == datetime.timedelta(hours=2)
    assert (begin, finish) == (utc(2026, 3, 29, 0), utc(2026, 3, 29, 2))
    assert schedule.next_change(at(2026, 3, 28, 12)) == utc(2026, 3, 29, 0)
    assert schedule.is_open(utc(2026, 3, 29, 0, 30))  # 01:30 winter time
    assert schedule.is_open(utc(2026, 3, 29, 1, 30))  # 03:30 summer time
    assert not schedule.is_open(utc(2026, 3, 29, 2, 30))  # 04:30 summer time
    assert schedule.next_change(utc(2026, 3, 29, 0, 30)) == utc(2026, 3, 29, 2)
    # An ordinary Sunday: three hours.
    ((begin, finish),) = schedule.day_intervals(datetime.date(2026, 3, 22))
    assert real_length(begin, finish) == datetime.timedelta(hours=3)


def test_the_night_the_clocks_go_back_01_to_04_is_four_hours():
    schedule = Schedule("Su 01:00-04:00")
    ((begin, finish),) = schedule.day_intervals(datetime.date(2026, 10, 25))
    assert (begin.hour, finish.hour) == (1, 4)
    assert begin.utcoffset() == datetime.timedelta(hours=2) and finish.utcoffset() == datetime.timedelta(
        hours=1
    )
    assert real_length(begin, finish) == datetime.timedelta(hours=4)
    assert (begin, finish) == (utc(2026, 10, 24, 23), utc(2026, 10, 25, 3))
    assert not schedule.is_open(utc(2026, 10, 24, 22, 30))  # 00:30 summer time
    assert schedule.is_open(utc(2026, 10, 24, 23, 30))  # 01:30 summer time
    # 02:30 comes twice; open both times, and both times it closes at 04:00 winter time.
    assert schedule.is_open(utc(2026, 10, 25, 0, 30)) and schedule.is_open(utc(2026, 10, 25, 1, 30))
    assert schedule.next_change(utc(2026, 10, 25, 0, 30)) == utc(2026, 10, 25, 3)
    assert schedule.next_change(utc(2026, 10, 25, 1, 30)) == utc(2026, 10, 25, 3)
    assert not schedule.is_open(utc(2026, 10, 25, 3))


def test_office_hours_keep_the_clock_across_the_change_to_summer_time():
    schedule = Schedule(WEEKDAYS)
    # Friday 27 March 2026 closes at 18:00 winter time; Monday opens at 09:00 summer time.
    assert schedule.next_change(at(2026, 3, 27, 10)) == utc(2026, 3, 27, 17)
    opens = schedule.next_change(at(2026, 3, 27, 19))
    assert opens == utc(2026, 3, 30, 7)
    assert (opens.hour, opens.minute) == (9, 0)
    week = dict(schedule.week(datetime.date(2026, 3, 27)))
    assert [real_length(b, f) for b, f in week[datetime.date(2026, 3, 30)]] == [datetime.timedelta(hours=9)]
    assert [real_length(b, f) for b, f in week[datetime.date(2026, 3, 27)]] == [datetime.timedelta(hours=9)]
    assert week[datetime.date(2026, 3, 28)] == [] and week[datetime.date(2026, 3, 29)] == []


# A summer closing -----------------------------------------------------------------------------


def test_summer_closing_from_20_july_to_15_august():
    schedule = Schedule("Mo-Fr 09:00-18:00; Jul 20-Aug 15 off; PH off")
    assert schedule.is_open(at(2026, 7, 17, 10))  # the Friday before
    assert not schedule.is_open(at(2026, 7, 20, 10))  # first Monday of the closing
    assert not schedule.is_open(at(2026, 8, 14, 10))  # its last Friday
    assert schedule.is_open(at(2026, 8, 17, 10))  # Monday after 15 August
    assert all(intervals == [] for _day, intervals in schedule.week(datetime.date(2026, 7, 20)))
    assert schedule.next_change(at(2026, 7, 17, 18, 30)) == at(2026, 8, 17, 9)
    # 21 July, the national holiday, falls in the closing anyway.
    assert schedule.day_intervals(datetime.date(2026, 7, 21)) == []
    with translation.override("en"):
        assert schedule.status(at(2026, 7, 17, 19)) == ("closed", "Closed, opens Monday 17 August at 09:00")
        assert schedule.status(at(2026, 7, 17, 17)) == ("open", "Open now, until 18:00")


# The sentences --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (at(2026, 11, 10, 10), ("open", "Open now, until 18:00")),
        (at(2026, 11, 9, 8), ("closed", "Closed, opens at 09:00")),
        (at(2026, 11, 9, 19), ("closed", "Closed, opens tomorrow at 09:00")),
        # Tuesday evening: Wednesday 11 November is a holiday.
        (at(2026, 11, 10, 19), ("closed", "Closed, opens Thursday at 09:00")),
        (at(2026, 11, 13, 19), ("closed", "Closed, opens Monday at 09:00")),
        # Christmas falls on a Friday.
        (at(2026, 12, 24, 19), ("closed", "Closed, opens Monday at 09:00")),
        # Easter Monday: the next opening is Tuesday.
        (at(2027, 3, 26, 19), ("closed", "Closed, opens Tuesday at 09:00")),
    ],
)
def test_status_sentences_in_english(moment, expected):
    with translation.override("en"):
        assert Schedule(WEEKDAYS).status(moment) == expected


@pytest.mark.parametrize("language", ["fr", "nl", "de"])
def test_status_sentences_in_french_dutch_and_german(language):
    """The times, day and month names are in the language's own format (nl writes 18.00); the
    rest of the sentence comes from the catalogues."""
    schedule = Schedule(WEEKDAYS)
    with translation.override(language):
        closing, opening = formats.time_format(datetime.time(18)), formats.time_format(datetime.time(9))
        thursday = formats.date_format(datetime.date(2026, 11, 12), "l")
        august = weekday_date(datetime.date(2026, 8, 17))
        state, text = schedule.status(at(2026, 11, 10, 10))
        assert state == "open" and text.endswith(closing)
        assert closing in text and "tomorrow" not in text
        state, text = schedule.status(at(2026, 11, 10, 19))
        assert state == "closed" and f"{thursday} " in text and text.endswith(opening)
        # Over a week away: the date too.
        summer = Schedule("Mo-Fr 09:00-18:00; Jul 20-Aug 15 off")
        state, text = summer.status(at(2026, 7, 17, 19))
        assert state == "closed" and august in text and text.endswith(opening)
        # LANGUAGE-SPECIFIC: each sentence is its catalogue's translation (English until the
        # catalogues have these strings); e.g. once translated, fr reads "Ouvert…"/"Fermé…".
        assert schedule.status(at(2026, 11, 10, 10))[1] == translation.gettext("Open now, until %(time)s") % {
            "time": closing
        }
        assert schedule.status(at(2026, 11, 9, 19))[1] == translation.gettext(
            "Closed, opens tomorrow at %(time)s"
        ) % {"time": opening}
    if language == "nl":
        assert closing == "18.00"
    if language == "fr":
        assert thursday == "jeudi" and august == "lundi 17 août"
    if language == "de":
        assert thursday == "Donnerstag" and august == "Montag, 17. August"
    if language == "nl":
        assert thursday == "donderdag"


@pytest.mark.parametrize("language", ["fr", "nl", "de", "en"])
def test_a_space_that_never_opens_is_closed_not_concluded(language):
    """ "Closed" of a space is not the "Closed" of an ethics case (Clôturée, Afgesloten,
    Abgeschlossen): the sentence has its own context in the catalogues."""
    with translation.override(language):
        state, text = Schedule("off").status(at(2026, 11, 10, 10))
    assert state == "closed"
    assert text not in ("Clôturée", "Afgesloten", "Abgeschlossen")


def test_unknown_or_unreadable_hours_never_break_a_page():
    for expression in ("", "hello", "Mo-Fr 25:00-99:00"):
        schedule = Schedule(expression)
        assert not schedule
        assert not schedule.is_open(at(2026, 11, 10, 10))
        assert schedule.next_change(at(2026, 11, 10, 10)) is None
        assert schedule.week(datetime.date(2026, 11, 9)) == [
            (datetime.date(2026, 11, 9) + datetime.timedelta(n), []) for n in range(7)
        ]
        with translation.override("en"):
            assert schedule.status(at(2026, 11, 10, 10)) == ("closed", "Opening hours not known")


def test_an_evening_into_the_night_is_joined_across_midnight():
    schedule = Schedule("Mo-Su 00:00-02:00,18:00-24:00")
    assert schedule.open_intervals(at(2026, 11, 10, 12), at(2026, 11, 11, 12)) == [
        (at(2026, 11, 10, 18), at(2026, 11, 11, 2))
    ]
    assert schedule.is_open_throughout(at(2026, 11, 10, 23), at(2026, 11, 11, 1))
    assert not schedule.is_open_throughout(at(2026, 11, 11, 1), at(2026, 11, 11, 3))
    assert hours.interval_label(at(2026, 11, 10, 18), at(2026, 11, 11, 0)).endswith("24:00")


# The editors' builder and the validator ------------------------------------------------------


def test_compose_groups_consecutive_days_and_decompose_gives_the_fields_back():
    split = "9:00-12:30 , 13:30-17:00"
    days = {"Mo": split, "Tu": split, "We": split, "Th": "09:00-12:30,13:30-17:00", "Fr": "09:00-12:00"}
    expression = hours.compose(days, closed_on_public_holidays=True, closures="Jul 20-Aug 15; Dec 24-Dec 31")
    assert expression == (
        "Mo-Th 09:00-12:30,13:30-17:00; Fr 09:00-12:00; PH off; Jul 20-Aug 15 off; Dec 24-Dec 31 off"
    )
    hours.validate(expression)
    fields = hours.decompose(expression)
    assert fields == {
        "days": {
            "Mo": "09:00-12:30,13:30-17:00",
            "Tu": "09:00-12:30,13:30-17:00",
            "We": "09:00-12:30,13:30-17:00",
            "Th": "09:00-12:30,13:30-17:00",
            "Fr": "09:00-12:00",
            "Sa": "",
            "Su": "",
        },
        "closed_on_public_holidays": True,
        "closures": "Jul 20-Aug 15; Dec 24-Dec 31",
    }
    assert hours.compose(**fields) == expression
    # What the builder writes means what the editor filled in.
    schedule = Schedule(expression)
    assert schedule.day_intervals(datetime.date(2026, 11, 13)) == [
        (at(2026, 11, 13, 9), at(2026, 11, 13, 12))
    ]
    assert not schedule.is_open(at(2026, 12, 28, 10))


@pytest.mark.parametrize(
    "expression",
    [
        "Mo-Fr 09:00-18:00; Sa 10:00-13:00; PH off",
        "Mo-Fr 09:00-18:00; Sa 10:00-13:00",
        "Mo 09:00-12:00; We 09:00-12:00; Fr 09:00-12:00",  # the same hours, not consecutive
        "Tu-Sa 10:00-22:00; PH off; Jul 20-Aug 15 off",
        "off; PH off",
    ],
)
def test_round_trips(expression):
    fields = hours.decompose(expression)
    assert fields is not None
    assert hours.compose(**fields) == expression
    hours.validate(expression)


def test_expressions_the_builder_cannot_show_are_left_to_the_text_field():
    for expression in (
        "24/7",
        "Mo,We 10:00-12:00",
        'Mo-Fr 09:00-18:00; Sa 10:00-13:00 open "by appointment"',
        "Mo-Fr sunrise-sunset",
        "Mo-Fr 09:00-18:00; Su off",
    ):
        assert hours.decompose(expression) is None, expression


def test_the_builder_refuses_what_is_not_a_time_range():
    for text in ("9h-12h", "09:00", "25:00-26:00", "09:60-10:00", "nine to five"):
        with pytest.raises(ValueError):
            hours.compose({"Mo": text})


@pytest.mark.parametrize(
    "garbage",
    ["hello", "Mo-Fr 25:00-99:00", "Mo-Fr 09:00-", "Xy 10:00-12:00", "Mo-Fr 09:00-18:00;;", "week 54 off"],
)
def test_validate_refuses_garbage(garbage):
    with pytest.raises(ValidationError) as refused:
        hours.validate(garbage)
    assert refused.value.code == "opening_hours"


def test_validate_accepts_what_osm_accepts():
    for expression in ("", "24/7", WEEKDAYS, "Mo-Fr 09:00-18:00; Jul 20-Aug 15 off", "Mo-Su 00:00-24:00"):
        hours.validate(expression)


def test_the_hours_the_api_keeps_are_those_it_would_work_out_at_every_moment():
    """The spaces API keeps each opening hours' status and week per process (coworking.api
    _kept_hours) until they next change or midnight: at any moment, in any language, they
    must be what working them out afresh gives."""
    from coworking import api

    day = datetime.datetime(2026, 12, 1, tzinfo=TZ)  # a Tuesday
    moments = [
        day + datetime.timedelta(hours=h, minutes=m)
        for h, m in [(8, 0), (8, 59), (9, 0), (9, 1), (17, 59), (18, 0), (18, 1), (23, 59), (24, 1), (32, 59)]
    ] + [day + datetime.timedelta(days=4, hours=18, minutes=30)]  # Friday evening: opens Monday
    api._kept_hours.clear()
    for expression in ("Mo-Fr 09:00-18:00", "Tu 08:00-09:00; Th 10:00-12:00", "24/7"):
        for moment in moments + moments[::-1]:  # and back (a test's clock may go back)
            for language in ("fr", "nl", "en"):
                with translation.override(language):
                    kept = api._hours({}, expression, moment)
                    saved = dict(api._kept_hours)
                    api._kept_hours.clear()
                    assert kept == api._hours({}, expression, moment), (expression, moment, language)
                    api._kept_hours.clear()
                    api._kept_hours.update(saved)
    assert len(api._kept_hours) <= 9  # one per expression and language: each replaced when over
    api._kept_hours.clear()
