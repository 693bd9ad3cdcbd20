"""What follows an organiser's or a person's change, beyond the first steps: e-mails written in
Brussels time whoever triggers them, calendar files that calendars accept after registering
again, reminders for a moved date only, the waitlist when an event is back on, series that
keep growing, and bad dates refused instead of breaking the feeds."""

import datetime
from types import SimpleNamespace

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from agenda import registration as registrations
from agenda.management.commands.extend_series import extend_all
from agenda.management.commands.send_event_reminders import send_reminders
from agenda.models import Event, Registration, Series, clock
from tests.agenda.test_registration import attached_calendar, make_event, only_event

pytestmark = pytest.mark.django_db
Status = Registration.Status


def test_e_mails_give_brussels_times_even_from_an_editor_in_another_zone():
    event = make_event(hour=8)
    registration = registrations.register(event, "Inès", "ines@example.org", language="fr")
    registrations.confirm_address(registration)
    mail.outbox.clear()
    # Wagtail runs admin views in the editor's own time zone: New York is six hours behind.
    with timezone.override("America/New_York"):
        registration.refresh_from_db()
        registrations.notify(registration, "changed")
    (message,) = mail.outbox
    assert "08:00" in message.body and "02:00" not in message.body


def test_registering_again_after_cancelling_gives_a_calendar_entry_calendars_accept():
    event = make_event(capacity=10)
    first = registrations.register(event, "Noah", "noah@example.org", language="nl")
    registrations.confirm_address(first)
    registrations.cancel(first)
    cancelled_file = only_event(attached_calendar(mail.outbox[-1])[0])
    mail.outbox.clear()
    again = registrations.register(event, "Noah", "noah@example.org", language="nl")
    registrations.confirm_address(again)
    confirmed_file = only_event(attached_calendar(mail.outbox[-1])[0])
    # Same entry, a higher SEQUENCE than the cancellation's: the calendar shows it again.
    assert str(confirmed_file["uid"]) == str(cancelled_file["uid"])
    assert (
        cancelled_file["status"] == "CANCELLED"
        and "status" not in confirmed_file
        or (confirmed_file["status"] == "CONFIRMED")
    )
    assert int(confirmed_file["sequence"]) > int(cancelled_file["sequence"])
    # And cancelling this one again outranks it in turn.
    registrations.cancel(again)
    assert int(only_event(attached_calendar(mail.outbox[-1])[0])["sequence"]) > int(
        confirmed_file["sequence"]
    )


def test_a_reminder_is_sent_again_for_a_new_date_not_for_a_new_room_on_the_day():
    event = make_event(day=timezone.localdate() + datetime.timedelta(days=1))
    registration = registrations.register(event, "Karl", "karl@example.org", language="de")
    registrations.confirm_address(registration)
    assert send_reminders() == 1
    # The room changes the day before: the reminder already sent stands.
    event.street_address = "Place Saint-Lambert 3"
    event.save()
    registrations.event_changed(event)
    assert send_reminders() == 0
    # The event moves a week later: a reminder comes again the day before the new date.
    event.start += datetime.timedelta(days=7)
    event.end += datetime.timedelta(days=7)
    event.save()
    registrations.event_changed(event)
    registration.refresh_from_db()
    assert registration.reminded_at is None


def test_an_event_back_on_after_being_postponed_gives_its_free_places_to_the_waitlist(client):
    from agenda.groups import EVENT_ORGANISERS, ensure_groups
    from tests.admin_helpers import errors_of, make_user
    from tests.agenda.test_admin import EVENTS, event_form_data

    ensure_groups()
    organiser = make_user("organisatrice@coop.example", "Olga", "Organise", group=EVENT_ORGANISERS)
    event = make_event(capacity=1)
    first = registrations.register(event, "Ana", "ana@example.org", language="fr")
    registrations.confirm_address(first)
    waiting = registrations.register(event, "Zoé", "zoe@example.org", language="fr")
    registrations.confirm_address(waiting)
    waiting.refresh_from_db()
    assert waiting.status == Status.WAITLISTED
    Event.objects.filter(pk=event.pk).update(status=Event.Status.POSTPONED)
    registrations.cancel(first)  # nobody is promoted while it is postponed
    waiting.refresh_from_db()
    assert waiting.status == Status.WAITLISTED
    client.force_login(organiser)
    local_start = timezone.localtime(event.start)
    data = event_form_data(
        SimpleNamespace(id=""),
        event.format,
        venue="address",
        space_id="",
        street_address=event.street_address,
        postal_code="4000",
        municipality="Liège",
        title_fr=event.title_fr,
        start=local_start.strftime("%Y-%m-%d %H:%M"),
        end=(local_start + datetime.timedelta(hours=2)).strftime("%Y-%m-%d %H:%M"),
        registration_deadline="",
        capacity="1",
        status="scheduled",
    )
    response = client.post(f"{EVENTS}edit/{event.pk}/", data)
    assert response.status_code == 302, errors_of(response.content.decode())
    waiting.refresh_from_db()
    assert waiting.status == Status.CONFIRMED


def test_an_open_ended_series_keeps_getting_dates():
    from agenda.models import EventFormat

    start = timezone.localdate()
    series = Series.objects.create(
        title="Café des indépendants",
        format=EventFormat.objects.get(slug="breakfast"),
        venue="online",
        online_url="https://meet.example.org/cafe",
        rule="FREQ=WEEKLY",
        first_date=start,
        start_time=datetime.time(9),
        end_time=datetime.time(10),
    )
    now = clock(start, datetime.time(0, 30))
    created = extend_all(now=now)
    assert created == series.events.count() >= 52
    assert extend_all(now=now) == 0  # nothing twice
    # Two months later, the weeks that came within the year ahead are added.
    later = now + datetime.timedelta(days=60)
    assert extend_all(now=later) in (8, 9)


@pytest.mark.parametrize(
    "fields",
    [
        {"first_date": None},
        {"start_time": None},
        {"end_time": None},
        {"first_date": datetime.date(9999, 1, 1)},
        {"until": datetime.date(9999, 1, 1)},
    ],
)
def test_a_series_with_a_missing_or_absurd_date_gives_a_form_error_not_a_crash(fields):
    values = {"rule": "FREQ=WEEKLY", "first_date": datetime.date(2026, 3, 1)}
    values.update(start_time=datetime.time(9), end_time=datetime.time(10))
    values.update(fields)
    series = Series(**values)
    if None in fields.values():
        series.clean()  # the missing field has its own "required" error
    else:
        with pytest.raises(ValidationError):
            series.clean()


def test_an_event_in_the_year_9999_is_refused():
    event = make_event()
    event.end = event.end.replace(year=9999)
    with pytest.raises(ValidationError) as error:
        event.clean()
    assert set(error.value.message_dict) == {"end"}
