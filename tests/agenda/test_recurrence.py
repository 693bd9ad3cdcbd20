"""Series: the dates of a rule in Brussels wall time (summer time kept), exceptions and last
date, readable errors for bad rules, and materialize() keeping the events in line with the
series without touching past, detached or cancelled dates."""

import datetime

import icalendar
import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone, translation
from django.utils.translation import gettext

from agenda import registration as registrations
from agenda.models import Event, EventFormat, Registration, Series, clock
from agenda.recurrence import RuleError, exception_dates, occurrences
from agenda.series import materialize, occurrence_uid
from portal.places.models import Municipality

pytestmark = pytest.mark.django_db
UTC = datetime.UTC
D = datetime.date
T = datetime.time
# Mid-February 2026: the year's first Tuesdays are all to come.
NOW = clock(D(2026, 2, 15), T(12))


def make_series(**fields):
    values = {
        "title_fr": "Petit-déjeuner de Liège",
        "title_nl": "Ontbijt in Luik",
        "format": EventFormat.objects.get(slug="breakfast"),
        "venue": "address",
        "street_address": "Place Saint-Lambert 1",
        "postal_code": "4000",
        "municipality": Municipality.objects.get(refnis="62063"),
        "rule": "FREQ=MONTHLY;BYDAY=1TU",
        "first_date": D(2026, 3, 1),
        "until": D(2026, 12, 31),
        "start_time": T(8),
        "end_time": T(10),
        "capacity": 2,
    }
    values.update(fields)
    return Series.objects.create(**values)


def make_member(email, language=""):
    user = get_user_model().objects.create_user(
        email=email, password="a-good-password-42", preferred_language=language
    )
    EmailAddress.objects.create(user=user, email=email, primary=True, verified=True)
    return user


def local(moment):
    return timezone.localtime(moment)


def series_events(series):
    return list(series.events.order_by("start"))


# The rule ---------------------------------------------------------------------------------------


def test_every_first_tuesday_keeps_its_local_hour_across_summer_time():
    series = Series(
        rule="FREQ=MONTHLY;BYDAY=1TU",
        first_date=D(2026, 1, 1),
        until=D(2026, 12, 31),
        start_time=T(8),
        end_time=T(10),
    )
    dates = occurrences(series)
    assert [local(start).date() for start, _end in dates] == [
        D(2026, 1, 6),
        D(2026, 2, 3),
        D(2026, 3, 3),
        D(2026, 4, 7),
        D(2026, 5, 5),
        D(2026, 6, 2),
        D(2026, 7, 7),
        D(2026, 8, 4),
        D(2026, 9, 1),
        D(2026, 10, 6),
        D(2026, 11, 3),
        D(2026, 12, 1),
    ]
    # 08:00 in Brussels every time; 07:00 UTC in winter, 06:00 UTC in summer (29 March – 25 October).
    assert {(local(s).time(), local(e).time()) for s, e in dates} == {(T(8), T(10))}
    utc_hours = {local(s).date(): s.astimezone(UTC).hour for s, _e in dates}
    assert utc_hours[D(2026, 3, 3)] == 7 and utc_hours[D(2026, 4, 7)] == 6
    assert utc_hours[D(2026, 10, 6)] == 6 and utc_hours[D(2026, 11, 3)] == 7
    assert all(e - s == datetime.timedelta(hours=2) for s, e in dates)


def test_a_weekly_evening_across_the_night_the_clocks_change():
    # Sundays at 19:00, the 22nd to the 5th of April: the 29th is the night of the change.
    series = Series(
        rule="FREQ=WEEKLY;BYDAY=SU",
        first_date=D(2026, 3, 22),
        until=D(2026, 4, 5),
        start_time=T(19),
        end_time=T(21),
    )
    starts = [s for s, _e in occurrences(series)]
    assert [local(s).hour for s in starts] == [19, 19, 19]
    assert [s.astimezone(UTC).hour for s in starts] == [18, 17, 17]


def test_exceptions_and_the_last_date_leave_dates_out():
    series = Series(
        rule="FREQ=WEEKLY;INTERVAL=2;BYDAY=TU",
        first_date=D(2026, 3, 3),
        until=D(2026, 4, 28),
        start_time=T(12),
        end_time=T(13, 30),
        exceptions="2026-03-31\n\n 2026-04-14 ",
    )
    assert [local(s).date() for s, _e in occurrences(series)] == [
        D(2026, 3, 3),
        D(2026, 3, 17),
        D(2026, 4, 28),
    ]
    # Between two dates, inclusive.
    assert [local(s).date() for s, _e in occurrences(series, start=D(2026, 3, 17), end=D(2026, 3, 17))] == [
        D(2026, 3, 17)
    ]
    assert exception_dates("2026-01-01, 2026-01-02") == {D(2026, 1, 1), D(2026, 1, 2)}


def test_a_count_in_the_rule_counts_from_the_first_date():
    series = Series(rule="FREQ=DAILY;COUNT=3", first_date=D(2026, 5, 1), start_time=T(9), end_time=T(10))
    assert len(occurrences(series)) == 3
    assert len(occurrences(series, start=D(2026, 5, 2))) == 2


@pytest.mark.parametrize(
    "rule",
    [
        "",
        "garbage",
        "FREQ=FORTNIGHTLY",
        "FREQ=HOURLY",
        "FREQ=MINUTELY;INTERVAL=1",
        "FREQ=WEEKLY;INTERVAL=0",
        "FREQ=WEEKLY;INTERVAL=-1",
        "FREQ=WEEKLY;BYHOUR=9",
        "FREQ=MONTHLY;BYDAY=XX",
        "FREQ=WEEKLY;FOO=1",
        "FREQ=WEEKLY\nEXDATE:20260505",
        "DTSTART:20260101T000000\nRRULE:FREQ=DAILY",
        "FREQ=WEEKLY;UNTIL=20261231T000000Z",
        "FREQ=WEEKLY;FREQ=DAILY",
    ],
)
def test_a_bad_rule_gives_a_readable_error_not_a_crash(rule):
    series = Series(rule=rule, first_date=D(2026, 3, 1), start_time=T(8), end_time=T(10))
    with pytest.raises(RuleError) as error:
        occurrences(series)
    assert error.value.field == "rule" and str(error.value.message)


def test_the_rule_error_is_in_the_editors_language():
    series = Series(rule="garbage", first_date=D(2026, 3, 1), start_time=T(8), end_time=T(10))
    for language in ("fr", "nl", "de", "en"):
        with translation.override(language):
            with pytest.raises(RuleError) as error:
                occurrences(series)
            expected = gettext("Write the rule like FREQ=MONTHLY;BYDAY=1TU (every first Tuesday).")
            assert str(error.value.message) == expected
    bad_date = Series(
        rule="FREQ=DAILY", exceptions="le 3 mai", first_date=D(2026, 3, 1), start_time=T(8), end_time=T(9)
    )
    with translation.override("nl"):
        with pytest.raises(RuleError) as error:
            occurrences(bad_date)
        assert error.value.field == "exceptions"
        assert str(error.value.message) == gettext("“%(line)s” is not a date (YYYY-MM-DD).") % {
            "line": "le 3 mai"
        }


def test_the_series_form_shows_the_error_on_its_field():
    series = make_series(rule="FREQ=WEEKLY;INTERVAL=0")
    with pytest.raises(ValidationError) as error:
        series.clean()
    assert set(error.value.message_dict) == {"rule"}


def test_a_time_the_clocks_skip_is_refused_unless_that_date_is_left_out():
    # Sundays at 02:30: on 29 March 2026 the clocks go from 02:00 to 03:00.
    series = Series(
        rule="FREQ=WEEKLY;BYDAY=SU",
        first_date=D(2026, 3, 1),
        until=D(2026, 5, 1),
        start_time=T(2, 30),
        end_time=T(4),
    )
    with translation.override("fr"), pytest.raises(ValidationError) as error:
        series.clean()
    assert error.value.message_dict["start_time"][0].startswith("Le 29 mars 2026, les horloges avancent")
    # Ending in the gap is refused on the end field.
    series.start_time, series.end_time = T(1), T(2, 15)
    with pytest.raises(ValidationError) as error:
        series.clean()
    assert set(error.value.message_dict) == {"end_time"}
    # That Sunday left out, the rule is fine; so is the autumn night whose 02:30 comes twice.
    series.start_time, series.end_time, series.exceptions = T(2, 30), T(4), "2026-03-29"
    series.until = D(2026, 11, 1)
    series.clean()


# materialize ------------------------------------------------------------------------------------


def test_materialize_creates_each_date_once_with_the_series_fields_and_summer_time():
    series = make_series(exceptions="2026-08-04")
    assert materialize(series, now=NOW) == (9, 0, 0)  # March to December, without August
    events = series_events(series)
    assert [local(e.start).date() for e in events][:2] == [D(2026, 3, 3), D(2026, 4, 7)]
    assert D(2026, 8, 4) not in {local(e.start).date() for e in events}
    assert {local(e.start).time() for e in events} == {T(8)}
    assert [e.start.astimezone(UTC).hour for e in events[:2]] == [7, 6]
    first = events[0]
    assert first.title_fr == "Petit-déjeuner de Liège" and first.title_nl == "Ontbijt in Luik"
    assert first.capacity == 2 and first.municipality.refnis == "62063"
    assert first.uid == occurrence_uid(series, D(2026, 3, 3))

    # Again: nothing new, nothing changed.
    assert materialize(series, now=NOW) == (0, 0, 0)
    assert series.events.count() == 9
    assert {e.sequence for e in series.events.all()} == {0}


def test_a_date_later_in_the_day_is_not_created_twice():
    series = make_series()
    materialize(series, now=NOW)
    # The morning of the first date, after the event: materialize runs again that evening.
    evening = clock(D(2026, 3, 3), T(20))
    assert materialize(series, now=evening) == (0, 0, 0)
    assert series.events.filter(start__date__lte=D(2026, 3, 4)).count() == 1


def test_a_series_that_began_long_ago_gets_its_coming_dates():
    series = make_series(first_date=D(2024, 1, 1), until=None)
    created, _updated, _cancelled = materialize(series, now=NOW)
    starts = [local(e.start).date() for e in series_events(series)]
    assert starts[0] == D(2026, 3, 3) and created == 12  # a year ahead of today


def test_moving_the_series_time_moves_future_dates_only_and_tells_their_registrants():
    series = make_series()
    materialize(series, now=NOW)
    events = series_events(series)
    past, detached, moved = events[0], events[1], events[2]
    detached.detached = True
    detached.save()
    member = make_member("hanne@example.org", language="nl")
    spring = clock(D(2026, 3, 10), T(12))  # after the first date
    Registration.objects.create(
        event=moved,
        user=member,
        name="Hanne",
        email=member.email,
        status=Registration.Status.CONFIRMED,
        language="nl",
    )
    mail.outbox.clear()

    series.start_time, series.end_time = T(9), T(11)
    series.save()
    created, updated, cancelled = materialize(series, now=spring)
    assert (created, cancelled) == (0, 0) and updated == 8  # May to December
    for event in (past, detached):
        before = event.start
        event.refresh_from_db()
        assert event.start == before and local(event.start).time() == T(8) and event.sequence == 0
    moved.refresh_from_db()
    assert local(moved.start).time() == T(9) and local(moved.end).time() == T(11)
    assert moved.start.astimezone(UTC).hour == 7  # summer time
    assert moved.sequence == 1
    assert moved.uid == occurrence_uid(series, D(2026, 5, 5))  # the same UID: calendars update it

    (message,) = mail.outbox
    assert message.to == [member.email]
    with translation.override("nl"):
        assert gettext("The attached file updates the event in your calendar.") in message.body
    (content,) = [a[1] for a in message.attachments]
    entry = icalendar.Calendar.from_ical(content).walk("VEVENT")[0]
    assert entry["SEQUENCE"] == 1 and str(entry["UID"]) == f"event-{moved.uid}@testserver"
    assert entry.decoded("DTSTART") == moved.start

    # Again: nothing.
    assert materialize(series, now=spring) == (0, 0, 0)


def test_a_title_change_reaches_future_dates_without_e_mails():
    series = make_series()
    materialize(series, now=NOW)
    event = series_events(series)[3]
    Registration.objects.create(
        event=event, name="A", email="a@example.org", status=Registration.Status.CONFIRMED
    )
    mail.outbox.clear()
    series.title_fr = "Petit-déjeuner réseau de Liège"
    series.save()
    assert materialize(series, now=NOW)[1] == 10
    event.refresh_from_db()
    assert event.title_fr == "Petit-déjeuner réseau de Liège" and event.sequence == 1
    assert mail.outbox == []


def test_a_date_an_editor_moved_alone_is_not_created_again():
    series = make_series()
    materialize(series, now=NOW)
    may = series.events.get(start__date=D(2026, 5, 5))
    may.start += datetime.timedelta(days=1)
    may.end += datetime.timedelta(days=1)
    may.detached = True
    may.save()
    assert materialize(series, now=NOW) == (0, 0, 0)
    assert not series.events.filter(start__date=D(2026, 5, 5)).exists()
    # Still left alone when the rule changes.
    series.start_time = T(7)
    series.save()
    materialize(series, now=NOW)
    may.refresh_from_db()
    assert local(may.start) == clock(D(2026, 5, 6), T(8))


def test_dates_removed_from_the_rule_are_cancelled_and_their_registrants_told():
    series = make_series()
    materialize(series, now=NOW)
    june = series.events.get(start__date=D(2026, 6, 2))
    member = make_member("ines@example.org")
    registrations.register(june, "Inès", member.email, user=member, now=NOW)
    mail.outbox.clear()

    series.exceptions = "2026-06-02"
    series.until = D(2026, 10, 31)
    series.save()
    created, updated, cancelled = materialize(series, now=NOW)
    assert (created, updated, cancelled) == (0, 0, 3)  # June, November, December
    june.refresh_from_db()
    assert june.status == Event.Status.CANCELLED and june.sequence == 1
    assert set(
        series.events.filter(status=Event.Status.CANCELLED).values_list("start__month", flat=True)
    ) == {
        6,
        11,
        12,
    }
    (message,) = mail.outbox
    assert message.to == [member.email]
    entry = icalendar.Calendar.from_ical(message.attachments[0][1]).walk("VEVENT")[0]
    assert str(entry["STATUS"]) == "CANCELLED"

    # Running it again tells nobody twice.
    mail.outbox.clear()
    assert materialize(series, now=NOW) == (0, 0, 0)
    assert mail.outbox == []
    # Putting the date back brings the same event back, and its registrant hears of it.
    series.exceptions = ""
    series.save()
    assert materialize(series, now=NOW) == (0, 1, 0)
    june.refresh_from_db()
    assert june.status == Event.Status.SCHEDULED and june.sequence == 2
    (message,) = mail.outbox
    entry = icalendar.Calendar.from_ical(message.attachments[0][1]).walk("VEVENT")[0]
    assert str(entry["STATUS"]) == "CONFIRMED" and int(entry["SEQUENCE"]) == 2
    assert materialize(series, now=NOW) == (0, 0, 0) and len(mail.outbox) == 1
    # A date an editor cancelled stays cancelled whatever the rule says.
    july = series.events.get(start__date=D(2026, 7, 7))
    registrations.cancel_event(july)
    assert materialize(series, now=NOW) == (0, 0, 0)
    july.refresh_from_db()
    assert july.status == Event.Status.CANCELLED


def test_more_places_in_the_series_go_to_the_waitlist():
    series = make_series(capacity=1)
    materialize(series, now=NOW)
    april = series.events.get(start__date=D(2026, 4, 7))
    first, second = make_member("a@example.org"), make_member("b@example.org")
    registrations.register(april, "A", first.email, user=first, now=NOW)
    waiting = registrations.register(april, "B", second.email, user=second, now=NOW)
    assert waiting.status == Registration.Status.WAITLISTED
    series.capacity = 2
    series.save()
    materialize(series, now=NOW)
    waiting.refresh_from_db()
    assert waiting.status == Registration.Status.CONFIRMED


def test_the_admin_reads_common_rules_in_words_in_the_editors_language():
    from agenda.recurrence import describe

    expected = {
        "fr": ("chaque premier mardi du mois", "toutes les 2 semaines le lundi", "chaque jour"),
        "nl": ("elke eerste dinsdag van de maand", "om de 2 weken op maandag", "elke dag"),
        "de": ("jeden ersten Dienstag im Monat", "alle 2 Wochen am Montag", "jeden Tag"),
    }
    for language, (monthly, fortnightly, daily) in expected.items():
        with translation.override(language):
            assert describe("FREQ=MONTHLY;BYDAY=1TU") == monthly
            assert describe("RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=MO") == fortnightly
            assert describe("FREQ=DAILY") == daily
    # Shapes without words stay as written (the rule says it best), garbage too.
    for rule in ("FREQ=MONTHLY;BYMONTHDAY=15;COUNT=6", "garbage", "FREQ=WEEKLY;BYDAY=XX"):
        assert describe(rule) == rule
