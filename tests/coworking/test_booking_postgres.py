"""Two members clicking "book" for the same room and hour at the same moment: one gets it, the
other is told it has just been taken. PostgreSQL only (the SQLite test database is in memory,
one connection): run with DATABASE_URL=$(scripts/postgres url), as `make test` does."""

import datetime
import threading

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core import mail
from django.db import IntegrityError, connection, connections, transaction

from coworking import booking as bookings
from coworking.booking import BookingRefused
from coworking.hours import TZ
from coworking.models import Booking, Resource, Space
from portal.places.models import Municipality

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="concurrent bookings: PostgreSQL (SQLite's test database is in memory)",
)

# A Tuesday, booked the day before: fixed times, `now` given to book().
DAY = datetime.date(2026, 12, 1)
NOW = datetime.datetime(2026, 11, 30, 12, tzinfo=TZ)


def local(hour):
    return datetime.datetime.combine(DAY, datetime.time(hour), tzinfo=TZ)


def municipality():
    """Gent; a transactional test after another one starts from a flushed database, without
    the places the migrations load: put them back then."""
    found = Municipality.objects.filter(refnis="44021").first()
    if found is None:
        from django.apps import apps

        from portal.places.loader import load_places

        load_places(apps)
        found = Municipality.objects.get(refnis="44021")
    return found


def make_member(email):
    user = get_user_model().objects.create_user(email=email, password="a-good-password-42")
    EmailAddress.objects.create(user=user, email=email, primary=True, verified=True)
    return user


def make_room():
    space = Space.objects.create(
        name="Atelier Gent",
        municipality=municipality(),
        email="gent@coop.example",
        street_address="Kortrijksesteenweg 12",
        postal_code="9000",
        opening_hours="Mo-Fr 08:00-19:00; PH off",
    )
    return Resource.objects.create(space=space, name="Salle Rivière", unit="hour", max_hours=4)


@pytest.mark.django_db(transaction=True)
def test_two_members_booking_the_same_slot_at_once_one_gets_it(transactional_db):
    room = make_room()
    members = [make_member("ines@example.org"), make_member("noah@example.org")]
    barrier = threading.Barrier(len(members))
    booked, refused, errors = [], [], []

    def attempt(member):
        try:
            resource = Resource.objects.select_related("space").get(pk=room.pk)  # this thread's own
            barrier.wait(timeout=10)
            booked.append(bookings.book(resource, member, local(10), local(12), now=NOW))
        except BookingRefused as refusal:
            refused.append(refusal)
        except Exception as error:  # noqa: BLE001 — collected, asserted below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=attempt, args=(member,)) for member in members]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert not any(thread.is_alive() for thread in threads)

    assert errors == []
    assert len(booked) == 1 and len(refused) == 1
    assert refused[0].code == "taken"
    (confirmed,) = Booking.objects.confirmed().filter(resource=room)
    assert confirmed.pk == booked[0].pk
    assert (confirmed.start, confirmed.end) == (local(10), local(12))
    # Only the winner is told it is booked.
    assert [message.to for message in mail.outbox] == [[confirmed.member.email]]


@pytest.mark.django_db(transaction=True)
def test_many_attempts_at_once_never_double_book(transactional_db):
    """Eight members, overlapping slots, all at the same moment: the confirmed bookings never
    overlap, and every refusal is "taken"."""
    room = make_room()
    members = [make_member(f"member{n}@example.org") for n in range(8)]
    slots = [(10, 12), (11, 13), (10, 11), (12, 14), (9, 11), (11, 12), (13, 15), (10, 12)]
    barrier = threading.Barrier(len(members))
    refused, errors = [], []

    def attempt(member, start, end):
        try:
            resource = Resource.objects.select_related("space").get(pk=room.pk)
            barrier.wait(timeout=10)
            bookings.book(resource, member, local(start), local(end), now=NOW)
        except BookingRefused as refusal:
            refused.append(refusal.code)
        except Exception as error:  # noqa: BLE001 — collected, asserted below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=attempt, args=(member, *slot))
        for member, slot in zip(members, slots, strict=True)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    confirmed = list(Booking.objects.confirmed().filter(resource=room).order_by("start"))
    assert confirmed and set(refused) <= {"taken"}
    assert len(confirmed) + len(refused) == len(members)
    for earlier, later in zip(confirmed, confirmed[1:], strict=False):
        assert earlier.end <= later.start


def test_the_database_refuses_an_overlapping_confirmed_booking(db):
    """The exclusion constraint of migration coworking/0002, for writes that bypass book()."""
    room = make_room()
    first, second = make_member("ines@example.org"), make_member("noah@example.org")
    Booking.objects.create(resource=room, member=first, start=local(10), end=local(12))
    with pytest.raises(IntegrityError), transaction.atomic():
        Booking.objects.create(resource=room, member=second, start=local(11), end=local(13))
    # Back to back is no overlap ([start, end) ranges); a cancelled booking holds nothing; another
    # room is another resource.
    Booking.objects.create(resource=room, member=second, start=local(12), end=local(13))
    Booking.objects.create(
        resource=room, member=second, start=local(10), end=local(12), status=Booking.Status.CANCELLED
    )
    other_room = Resource.objects.create(space=room.space, name="Salle Lys", unit="hour")
    Booking.objects.create(resource=other_room, member=second, start=local(10), end=local(12))
    # Confirming the cancelled one again would overlap.
    cancelled = Booking.objects.get(resource=room, status=Booking.Status.CANCELLED)
    with pytest.raises(IntegrityError), transaction.atomic():
        Booking.objects.filter(pk=cancelled.pk).update(status=Booking.Status.CONFIRMED)
    assert Booking.objects.confirmed().filter(resource=room).count() == 2
