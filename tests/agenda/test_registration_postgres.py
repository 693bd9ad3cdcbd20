"""People registering for the last seats of an event at the same moment: never more seats
confirmed than the event has, the others on the waitlist in a clean order. PostgreSQL only
(the SQLite test database is in memory, one connection): run with
DATABASE_URL=$(scripts/postgres url), as `make test` does."""

import datetime
import threading

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core import mail
from django.db import connection, connections
from django.utils import timezone

from agenda import registration as registrations
from agenda.models import Event, EventFormat, Registration
from agenda.registration import RegistrationRefused

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="concurrent registrations: PostgreSQL (SQLite's test database is in memory)",
)
Status = Registration.Status


def make_member(email):
    user = get_user_model().objects.create_user(email=email, password="a-good-password-42")
    EmailAddress.objects.create(user=user, email=email, primary=True, verified=True)
    return user


def make_event(capacity, max_companions=0):
    """Online (no place needed: a transactional test after another one starts from a flushed
    database, without the places the migrations load); the format put back if need be."""
    breakfast, _created = EventFormat.objects.get_or_create(
        slug="breakfast", defaults={"name": "Networking breakfast", "name_fr": "Petit-déjeuner réseau"}
    )
    start = timezone.now() + datetime.timedelta(days=10)
    return Event.objects.create(
        title_fr="Petit-déjeuner en ligne",
        format=breakfast,
        venue="online",
        online_url="https://meet.example/breakfast",
        start=start,
        end=start + datetime.timedelta(hours=2),
        capacity=capacity,
        max_companions=max_companions,
    )


def at_once(event, people):
    """Each (member, companions) registers in a thread of its own, all released together."""
    barrier = threading.Barrier(len(people))
    made, refused, errors = [], [], []

    def attempt(member, companions):
        try:
            own = Event.objects.get(pk=event.pk)  # this thread's own copy and connection
            barrier.wait(timeout=10)
            made.append(
                registrations.register(own, member.email, member.email, user=member, companions=companions)
            )
        except RegistrationRefused as refusal:
            refused.append(refusal.code)
        except Exception as error:  # noqa: BLE001 — collected, asserted below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=attempt, args=person) for person in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads)
    assert errors == [] and refused == []
    return made


def check_waitlist(event):
    """The waitlist in order of arrival, positions 1, 2, 3…"""
    waiting = list(event.registrations.filter(status=Status.WAITLISTED).order_by("queued_at", "pk"))
    assert [registrations.waitlist_position(r) for r in waiting] == list(range(1, len(waiting) + 1))
    return waiting


@pytest.mark.django_db(transaction=True)
def test_two_people_taking_the_last_seat_at_once_one_gets_it(transactional_db):
    event = make_event(capacity=3)
    for n in range(2):
        member = make_member(f"early{n}@example.org")
        registrations.register(event, member.email, member.email, user=member)
    mail.outbox.clear()
    people = [(make_member("ines@example.org"), 0), (make_member("noah@example.org"), 0)]

    made = at_once(event, people)

    assert sorted(r.status for r in made) == [Status.CONFIRMED, Status.WAITLISTED]
    assert event.seats_taken() == 3
    (waiting,) = check_waitlist(event)
    (winner,) = [r for r in made if r.status == Status.CONFIRMED]
    # Each is told what they got, once.
    subjects = {m.to[0]: m for m in mail.outbox}
    assert len(mail.outbox) == 2 and set(subjects) == {winner.email, waiting.email}
    assert subjects[winner.email].attachments and not subjects[waiting.email].attachments


@pytest.mark.django_db(transaction=True)
def test_eight_people_for_the_last_seats_never_take_more_than_there_are(transactional_db):
    event = make_event(capacity=10, max_companions=2)
    for n in range(7):
        member = make_member(f"early{n}@example.org")
        registrations.register(event, member.email, member.email, user=member)
    # Three seats left; eight parties, some with companions, all at the same moment.
    companions = [0, 1, 0, 2, 0, 1, 0, 0]
    people = [(make_member(f"member{n}@example.org"), c) for n, c in enumerate(companions)]

    made = at_once(event, people)

    assert len(made) == 8
    assert event.seats_taken() <= 10
    confirmed = [r for r in made if r.status == Status.CONFIRMED]
    waiting = [r for r in made if r.status == Status.WAITLISTED]
    assert confirmed and len(confirmed) + len(waiting) == 8
    assert sum(r.seats for r in confirmed) + 7 == event.seats_taken()
    assert check_waitlist(event) == sorted(waiting, key=lambda r: (r.queued_at, r.pk))

    # A seat freed goes to the first person waiting whose party fits, never above capacity.
    registrations.cancel(Registration.objects.get(email="early0@example.org"))
    assert event.seats_taken() <= 10
    check_waitlist(event)


@pytest.mark.django_db(transaction=True)
def test_a_cancellation_and_registrations_at_the_same_moment_keep_the_count(transactional_db):
    event = make_event(capacity=2)
    first = make_member("first@example.org")
    leaving = registrations.register(event, first.email, first.email, user=first)
    second = make_member("second@example.org")
    registrations.register(event, second.email, second.email, user=second)
    people = [(make_member(f"member{n}@example.org"), 0) for n in range(4)]
    barrier = threading.Barrier(len(people) + 1)
    errors = []

    def leave():
        try:
            own = Registration.objects.select_related("event").get(pk=leaving.pk)
            barrier.wait(timeout=10)
            registrations.cancel(own)
        except Exception as error:  # noqa: BLE001 — asserted below
            errors.append(error)
        finally:
            connections.close_all()

    def join(member):
        try:
            own = Event.objects.get(pk=event.pk)
            barrier.wait(timeout=10)
            registrations.register(own, member.email, member.email, user=member)
        except Exception as error:  # noqa: BLE001 — asserted below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=leave)] + [
        threading.Thread(target=join, args=(m,)) for m, _c in people
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    # The freed seat is taken (by a newcomer or by the first person waiting), exactly once.
    assert event.seats_taken() == 2
    assert event.registrations.filter(status=Status.WAITLISTED).count() == 3
    check_waitlist(event)
