"""The reminder of the day before: `manage.py send_event_reminders`, once per registration."""

import datetime
import io

import icalendar
import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import formats, timezone, translation
from django.utils.translation import gettext

from agenda.management.commands.send_event_reminders import send_reminders
from agenda.models import Event, EventFormat, Registration, clock
from portal.places.models import Municipality

pytestmark = pytest.mark.django_db
Status = Registration.Status


@pytest.fixture(autouse=True)
def _demo_registrations_reminded():
    # The demo calendar has registrations of its own: these tests count only theirs.
    Registration.objects.filter(reminded_at__isnull=True).update(reminded_at=timezone.now())


def make_event(day, hour=8, **fields):
    start = clock(day, datetime.time(hour))
    values = {
        "title_fr": "Petit-déjeuner réseau",
        "title_nl": "Netwerkontbijt",
        "format": EventFormat.objects.get(slug="breakfast"),
        "venue": "address",
        "street_address": "Place Saint-Lambert 1",
        "postal_code": "4000",
        "municipality": Municipality.objects.get(refnis="62063"),
        "start": start,
        "end": start + datetime.timedelta(hours=2),
    }
    values.update(fields)
    return Event.objects.create(**values)


def registrant(event, email, status=Status.CONFIRMED, language="fr"):
    return Registration.objects.create(
        event=event, name=email.split("@")[0].title(), email=email, status=status, language=language
    )


def run():
    out = io.StringIO()
    call_command("send_event_reminders", stdout=out)
    return out.getvalue()


def test_the_confirmed_registrants_of_tomorrows_events_are_reminded_once():
    today = timezone.localdate()
    tomorrow = today + datetime.timedelta(days=1)
    event = make_event(tomorrow, hour=8)
    late = make_event(tomorrow, hour=23)
    hanne = registrant(event, "hanne@example.org", language="nl")
    ines = registrant(late, "ines@example.org")
    # Not reminded: waiting, not confirmed, cancelled, or another day, or a cancelled event.
    registrant(event, "waiting@example.org", status=Status.WAITLISTED)
    registrant(event, "pending@example.org", status=Status.PENDING)
    registrant(event, "gone@example.org", status=Status.CANCELLED)
    registrant(make_event(today + datetime.timedelta(days=2)), "later@example.org")
    registrant(make_event(tomorrow, status=Event.Status.CANCELLED), "off@example.org")
    registrant(make_event(tomorrow, published=False), "hidden@example.org")

    assert run().strip() == "Event reminders sent: 2"
    assert sorted(m.to[0] for m in mail.outbox) == ["hanne@example.org", "ines@example.org"]
    hanne.refresh_from_db()
    ines.refresh_from_db()
    assert hanne.reminded_at and ines.reminded_at

    # Twice: nothing twice.
    assert run().strip() == "Event reminders sent: 0"
    assert len(mail.outbox) == 2

    (message,) = [m for m in mail.outbox if m.to == ["hanne@example.org"]]
    with translation.override("nl"):
        assert gettext("We look forward to welcoming you tomorrow at the following event:") in message.body
        assert "Netwerkontbijt" in message.subject
        assert formats.date_format(tomorrow, "l") in message.body
    (attachment,) = message.attachments
    entry = icalendar.Calendar.from_ical(attachment[1]).walk("VEVENT")[0]
    assert str(entry["UID"]) == f"event-{event.uid}@testserver" and str(entry["STATUS"]) == "CONFIRMED"


def test_tomorrow_is_brusselss_tomorrow():
    # 23:30 UTC on 1 December is half past midnight on the 2nd in Brussels: tomorrow is the 3rd.
    now = datetime.datetime(2026, 12, 1, 23, 30, tzinfo=datetime.UTC)
    third = registrant(make_event(datetime.date(2026, 12, 3), hour=7), "third@example.org")
    second = registrant(make_event(datetime.date(2026, 12, 2), hour=20), "second@example.org")
    assert send_reminders(now=now) == 1
    assert [m.to for m in mail.outbox] == [["third@example.org"]]
    third.refresh_from_db()
    second.refresh_from_db()
    assert third.reminded_at == now and second.reminded_at is None


def test_a_failing_e_mail_leaves_the_registration_to_remind(monkeypatch):
    event = make_event(timezone.localdate() + datetime.timedelta(days=1))
    registration = registrant(event, "ines@example.org")

    def broken(*args, **kwargs):
        raise RuntimeError("template missing")

    monkeypatch.setattr("agenda.management.commands.send_event_reminders.notify", broken)
    with pytest.raises(RuntimeError):
        run()
    registration.refresh_from_db()
    assert registration.reminded_at is None
    monkeypatch.undo()
    assert run().strip() == "Event reminders sent: 1"
