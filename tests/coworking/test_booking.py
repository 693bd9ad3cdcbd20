"""Booking a room or a desk as a member sees it: the rules, the confirmation e-mail and its
calendar file, the cancel link. Runs on SQLite and PostgreSQL alike."""

import datetime
import re

import icalendar
import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse
from django.utils import formats, timezone, translation

from coworking import booking as bookings
from coworking.booking import BookingRefused
from coworking.hours import TZ, Schedule
from coworking.models import Booking, Closure, Resource, Space
from portal.mail import render_mail
from portal.places.models import Municipality

UTC = datetime.UTC
OPENING_HOURS = "Mo-Fr 08:00-19:00; PH off"


def local(day, hour, minute=0):
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=TZ)


def ics_time(moment):
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ").encode()


def next_open_day(after):
    """The first day after `after` on which the space opens (a weekday, not a public holiday)."""
    schedule, day = Schedule(OPENING_HOURS), after + datetime.timedelta(days=1)
    while not schedule.day_intervals(day):
        day += datetime.timedelta(days=1)
    return day


def make_member(email, first_name="", language=""):
    user = get_user_model().objects.create_user(
        email=email, password="a-good-password-42", first_name=first_name, preferred_language=language
    )
    EmailAddress.objects.create(user=user, email=email, primary=True, verified=True)
    return user


@pytest.fixture
def space(db):
    return Space.objects.create(
        name="Atelier Gent",
        municipality=Municipality.objects.get(refnis="44021"),
        email="gent@coop.example",
        street_address="Kortrijksesteenweg 12",
        postal_code="9000",
        opening_hours=OPENING_HOURS,
    )


@pytest.fixture
def room(space):
    return Resource.objects.create(space=space, name="Salle Rivière", kind="room", unit="hour", max_hours=4)


@pytest.fixture
def desk(space):
    return Resource.objects.create(space=space, name="Bureau 3", kind="desk", unit="day")


@pytest.fixture
def member(db):
    return make_member("ines@example.org", first_name="Inès")


@pytest.fixture
def other(db):
    return make_member("noah@example.org", first_name="Noah")


@pytest.fixture
def day():
    """A day the space opens, still to come (the cancel page compares with the real clock)."""
    return next_open_day(timezone.localdate())


@pytest.fixture
def now(day):
    """The day before, at noon: the booking is for tomorrow."""
    return local(day - datetime.timedelta(days=1), 12)


def token_of(url):
    """The booking a cancel link names, else None."""
    return bookings.booking_from_token(url.rstrip("/").rsplit("/", 1)[-1])


def refused(resource, member, start, end, now):
    with pytest.raises(BookingRefused) as refusal:
        bookings.book(resource, member, start, end, now=now)
    return refusal.value.code


def attached_calendar(message):
    ((filename, content, mimetype),) = message.attachments
    assert filename.endswith(".ics")
    assert mimetype.split(";")[0] == "text/calendar"
    return icalendar.Calendar.from_ical(content), mimetype


def only_event(calendar):
    (event,) = calendar.walk("VEVENT")
    return event


# Booking --------------------------------------------------------------------------------------


def test_a_member_books_a_room_for_tomorrow_and_receives_a_confirmation_in_their_language(
    room, member, day, now
):
    member.preferred_language = "nl"
    member.save()
    booking = bookings.book(room, member, local(day, 10), local(day, 12), now=now)

    booking.refresh_from_db()
    assert booking.status == Booking.Status.CONFIRMED
    assert (booking.start, booking.end) == (local(day, 10), local(day, 12))
    assert booking.hours == 2 and booking.language == "nl"

    (message,) = mail.outbox
    assert message.to == [member.email]
    context = {"booking": booking, "resource": room, "space": room.space}
    with translation.override("nl"):
        subject, _body = render_mail("coworking/emails/booked", context, "nl")
        when = bookings.when(booking)
        dutch_day = formats.date_format(day, "l")
    assert message.subject == subject
    assert room.name in message.subject
    # The body is in Dutch: the day's name and the date as Dutch writes them.
    assert when in message.body and dutch_day in message.body
    with translation.override("fr"):
        assert formats.date_format(day, "l") not in message.body
    assert "Kortrijksesteenweg 12, 9000" in message.body
    # The cancel link leads to the Dutch site and to this booking.
    (link,) = [url for url in re.findall(r"https?://\S+", message.body) if token_of(url)]
    assert link.startswith("http://testserver/nl/")
    assert token_of(link) == booking

    calendar, mimetype = attached_calendar(message)
    assert "method=PUBLISH" in mimetype.replace(" ", "")
    assert calendar["METHOD"] == "PUBLISH"
    event = only_event(calendar)
    # In UTC (a TZID would need a VTIMEZONE the file does not have).
    assert event["DTSTART"].to_ical() == ics_time(booking.start)
    assert event["DTEND"].to_ical() == ics_time(booking.end)
    assert event.decoded("DTSTART") == local(day, 10) and event.decoded("DTEND") == local(day, 12)
    assert str(event["UID"]) == f"booking-{booking.pk}@testserver"
    with translation.override("nl"):
        assert str(event["SUMMARY"]) == f"{room.name} – {room.space.name}"
        assert str(event["LOCATION"]) == (
            f"{room.space.name}, Kortrijksesteenweg 12, 9000 {room.space.municipality.name}"
        )
    assert str(event["STATUS"]) == "CONFIRMED"
    assert link in str(event["DESCRIPTION"])

    # The whole message as it leaves: the calendar part says what it is.
    (part,) = [p for p in message.message().walk() if p.get_content_type() == "text/calendar"]
    assert part.get_param("method") == "PUBLISH" and part.get_content_charset() == "utf-8"
    names = [name.lower() for name, _value in part.get_params()]
    assert len(names) == len(set(names)), part["Content-Type"]  # no parameter twice


def test_the_members_language_wins_over_the_page_they_booked_from(room, member, other, day, now):
    member.preferred_language = "de"
    member.save()
    booking = bookings.book(room, member, local(day, 8), local(day, 10), language="fr", now=now)
    assert booking.language == "de"
    with translation.override("de"):
        assert formats.date_format(day, "l") in mail.outbox[-1].body
    # No preference: the language of the page; neither: the site's.
    assert bookings.book(room, other, local(day, 10), local(day, 11), language="nl", now=now).language == "nl"
    assert bookings.book(room, other, local(day, 11), local(day, 12), now=now).language == "fr"


def test_refusals_say_why(room, member, day, now):
    # Outside the opening hours: before opening, after closing, at the weekend.
    assert refused(room, member, local(day, 7), local(day, 9), now) == "closed"
    assert refused(room, member, local(day, 18), local(day, 20), now) == "closed"
    saturday = day + datetime.timedelta(days=(5 - day.weekday()) % 7)
    assert refused(room, member, local(saturday, 10), local(saturday, 12), now) == "closed"
    # In the past.
    assert (
        refused(room, member, now - datetime.timedelta(hours=3), now - datetime.timedelta(hours=1), now)
        == "past"
    )
    # Longer than the room allows (4 hours).
    assert refused(room, member, local(day, 8), local(day, 13), now) == "too_long"
    # The end before the start; too far ahead.
    assert refused(room, member, local(day, 12), local(day, 10), now) == "order"
    far = next_open_day(now.date() + datetime.timedelta(days=bookings.BOOKING_HORIZON_DAYS + 1))
    assert refused(room, member, local(far, 10), local(far, 12), now) == "too_far"
    # A room taken off online booking.
    room.bookable = False
    room.save()
    assert refused(room, member, local(day, 10), local(day, 12), now) == "not_bookable"
    assert not Booking.objects.filter(resource=room).exists() and mail.outbox == []


def test_a_public_holiday_is_closed(room, member):
    # Fixed days: Wednesday 11 November 2026, Armistice.
    now = local(datetime.date(2026, 11, 9), 12)
    assert (
        refused(
            room, member, local(datetime.date(2026, 11, 11), 10), local(datetime.date(2026, 11, 11), 12), now
        )
        == "closed"
    )
    assert bookings.book(
        room, member, local(datetime.date(2026, 11, 12), 10), local(datetime.date(2026, 11, 12), 12), now=now
    )


def test_the_weekly_limit_counts_the_members_hours_in_the_space(room, member, other, day, now):
    room.space.weekly_limit_hours = 6
    room.space.save()
    first = bookings.book(room, member, local(day, 8), local(day, 12), now=now)
    bookings.book(room, member, local(day, 13), local(day, 15), now=now)
    with pytest.raises(BookingRefused) as refusal:
        bookings.book(room, member, local(day, 15), local(day, 16), now=now)
    assert refusal.value.code == "weekly_limit"
    assert "6" in refusal.value.message
    # Another member has hours of their own.
    assert bookings.book(room, other, local(day, 15), local(day, 16), now=now)
    # A cancelled booking gives its hours back.
    bookings.cancel(first)
    assert bookings.book(room, member, local(day, 16), local(day, 19), now=now)


def test_a_second_member_cannot_take_a_booked_slot(room, member, other, day, now):
    bookings.book(room, member, local(day, 10), local(day, 12), now=now)
    for start, end in ((10, 12), (11, 13), (9, 11), (10, 11), (9, 13)):
        assert refused(room, other, local(day, start), local(day, end), now) == "taken", (start, end)
    # Right before and right after is free.
    assert bookings.book(room, other, local(day, 8), local(day, 10), now=now)
    assert bookings.book(room, other, local(day, 12), local(day, 14), now=now)
    assert Booking.objects.confirmed().filter(resource=room).count() == 3
    assert len(mail.outbox) == 3


def test_a_cancelled_slot_can_be_booked_again(room, member, other, day, now):
    booking = bookings.book(room, member, local(day, 10), local(day, 12), now=now)
    bookings.cancel(booking)
    assert bookings.book(room, other, local(day, 10), local(day, 12), now=now).member == other


def test_maintenance_blocks_bookings(room, member, day, now):
    Closure.objects.create(resource=room, start=local(day, 9), end=local(day, 11), reason="Peinture")
    assert refused(room, member, local(day, 10), local(day, 12), now) == "maintenance"
    assert refused(room, member, local(day, 8), local(day, 10), now) == "maintenance"
    assert bookings.book(room, member, local(day, 11), local(day, 13), now=now)


def test_maintenance_cancels_the_bookings_it_covers_and_tells_why(
    room, member, other, day, now, django_capture_on_commit_callbacks
):
    covered = bookings.book(room, member, local(day, 10), local(day, 12), now=now)
    spared = bookings.book(room, other, local(day, 14), local(day, 16), now=now)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        Closure.objects.create(
            resource=room, start=local(day, 9), end=local(day, 13), reason="Dégât des eaux"
        )
    covered.refresh_from_db()
    spared.refresh_from_db()
    assert covered.status == Booking.Status.CANCELLED and covered.cancel_reason == "Dégât des eaux"
    assert spared.status == Booking.Status.CONFIRMED
    (message,) = mail.outbox
    assert message.to == [member.email]
    assert "Dégât des eaux" in message.body
    calendar, _mimetype = attached_calendar(message)
    assert calendar["METHOD"] == "CANCEL"
    assert str(only_event(calendar)["UID"]) == f"booking-{covered.pk}@testserver"


def test_a_desk_booked_by_the_day_gets_the_days_opening_hours(desk, member, other, day, now):
    span = bookings.day_span(desk, day)
    assert span == (local(day, 8), local(day, 19))
    booking = bookings.book(desk, member, *span, now=now)
    assert (booking.start, booking.end) == (local(day, 8), local(day, 19))
    assert booking.hours == 11
    # Not part of a day, and not a closed day.
    assert refused(desk, other, local(day, 10), local(day, 12), now) == "closed"
    saturday = day + datetime.timedelta(days=(5 - day.weekday()) % 7)
    assert bookings.day_span(desk, saturday) is None
    assert refused(desk, other, local(saturday, 8), local(saturday, 19), now) == "closed"
    # The same desk that day is taken.
    assert refused(desk, other, *span, now) == "taken"
    event = only_event(attached_calendar(mail.outbox[0])[0])
    assert event["DTSTART"].to_ical() == ics_time(span[0]) and event["DTEND"].to_ical() == ics_time(span[1])


def test_hours_count_as_they_pass_on_the_night_the_clocks_go_back(space, member):
    """01:00–04:00 on 25 October 2026 is four hours, not three."""
    space.opening_hours = "Mo-Su 00:00-24:00"
    space.save()
    room = Resource.objects.create(space=space, name="Studio de nuit", unit="hour", max_hours=3)
    night = datetime.date(2026, 10, 25)
    now = local(night - datetime.timedelta(days=1), 12)
    assert refused(room, member, local(night, 1), local(night, 4), now) == "too_long"
    booking = bookings.book(room, member, local(night, 1), local(night, 3), now=now)
    booking.refresh_from_db()
    assert booking.hours == 3


# Cancel links ---------------------------------------------------------------------------------


def test_a_cancel_token_finds_its_booking_and_a_tampered_one_nothing(room, member, day, now):
    booking = bookings.book(room, member, local(day, 10), local(day, 12), now=now)
    token = bookings.cancel_token(booking)
    assert bookings.booking_from_token(token) == booking
    tampered = token[:-1] + ("A" if token[-1] != "A" else "B")
    assert bookings.booking_from_token(tampered) is None
    assert bookings.booking_from_token("") is None
    assert bookings.booking_from_token("not-a-token") is None
    # A token names the member too: it stops working if the booking were someone else's.
    Booking.objects.filter(pk=booking.pk).update(member=make_member("autre@example.org"))
    assert bookings.booking_from_token(token) is None


def test_the_cancel_page_asks_then_cancels_and_sends_a_cancellation(client, room, member, day, now):
    booking = bookings.book(room, member, local(day, 10), local(day, 12), now=now)
    (confirmation,) = mail.outbox
    url = reverse("coworking:cancel", kwargs={"token": bookings.cancel_token(booking)})
    client.force_login(member)

    page = client.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert room.name in html and 'method="post"' in html
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CONFIRMED  # looking is not cancelling

    response = client.post(url)
    assert response.status_code == 302 and response.url == reverse("coworking:bookings")
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CANCELLED and booking.cancelled_at is not None

    cancellation = mail.outbox[-1]
    assert len(mail.outbox) == 2 and cancellation.to == [member.email]
    assert cancellation.subject != confirmation.subject
    calendar, mimetype = attached_calendar(cancellation)
    assert "method=CANCEL" in mimetype.replace(" ", "")
    assert calendar["METHOD"] == "CANCEL"
    event, published = only_event(calendar), only_event(attached_calendar(confirmation)[0])
    # The same event, a later version: calendars remove the booking instead of adding one.
    assert event["UID"] == published["UID"]
    assert event["SEQUENCE"] > published["SEQUENCE"]
    assert str(event["STATUS"]) == "CANCELLED"
    assert event["DTSTART"].to_ical() == published["DTSTART"].to_ical() == ics_time(local(day, 10))

    # A second click changes nothing and sends nothing.
    again = client.post(url)
    assert again.status_code == 200
    assert len(mail.outbox) == 2


def test_the_cancel_link_works_without_logging_in(client, room, member, day, now):
    booking = bookings.book(room, member, local(day, 10), local(day, 12), now=now)
    url = reverse("coworking:cancel", kwargs={"token": bookings.cancel_token(booking)})
    assert client.get(url).status_code == 200
    response = client.post(url)
    assert response.status_code == 302 and response.url == url
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CANCELLED


def test_another_member_cannot_use_the_link(client, room, member, other, day, now):
    booking = bookings.book(room, member, local(day, 10), local(day, 12), now=now)
    url = reverse("coworking:cancel", kwargs={"token": bookings.cancel_token(booking)})
    client.force_login(other)
    assert client.get(url).status_code == 403
    assert client.post(url).status_code == 403
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CONFIRMED
    assert len(mail.outbox) == 1  # the confirmation only


def test_a_tampered_link_shows_a_page_and_cancels_nothing(client, room, member, day, now):
    booking = bookings.book(room, member, local(day, 10), local(day, 12), now=now)
    token = bookings.cancel_token(booking)
    url = reverse("coworking:cancel", kwargs={"token": token[:-2] + "xx"})
    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CONFIRMED


def test_back_to_back_bookings_count_together_against_the_rooms_maximum(room, member, other, day, now):
    bookings.book(room, member, local(day, 8), local(day, 12), now=now)
    assert refused(room, member, local(day, 12), local(day, 14), now) == "too_long"
    # Another member may take the next hours; the same member after a gap too.
    bookings.book(room, other, local(day, 12), local(day, 14), now=now)
    bookings.book(room, member, local(day, 15), local(day, 17), now=now)


def test_a_desk_for_today_can_still_be_booked_once_the_space_has_opened(desk, member, day):
    opened = local(day, 10)  # the day's span is 08:00-19:00
    booking = bookings.book(desk, member, local(day, 8), local(day, 19), now=opened)
    assert booking.hours == 11
    assert refused(desk, member, local(day, 8), local(day, 19), local(day, 19, 30)) == "past"


def test_a_booking_is_cancelled_and_e_mailed_once(room, member, day, now):
    booking = bookings.book(room, member, local(day, 10), local(day, 11), now=now)
    sent = len(mail.outbox)
    twin = Booking.objects.get(pk=booking.pk)  # a second request holding the same booking
    assert bookings.cancel(booking, reason="")
    assert not bookings.cancel(twin, reason="Plumbing")
    assert len(mail.outbox) == sent + 1
    booking.refresh_from_db()
    assert booking.status == "cancelled" and booking.cancel_reason == ""


def test_a_maintenance_block_leaves_past_bookings_alone(room, member, day, now):
    past = Booking.objects.create(
        resource=room,
        member=member,
        start=local(day, 8) - datetime.timedelta(days=7),
        end=local(day, 9) - datetime.timedelta(days=7),
    )
    sent = len(mail.outbox)
    closure = Closure(
        resource=room, start=past.start - datetime.timedelta(days=1), end=past.end, reason="Works"
    )
    closure.save()
    assert bookings.block(closure) == 0
    past.refresh_from_db()
    assert past.status == "confirmed" and len(mail.outbox) == sent
