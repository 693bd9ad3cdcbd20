"""Registering for an event as people see it: members in one click, guests who confirm their
address, capacity with companions, the waitlist and its promotions, the page of a registration
(its owner's only), the e-mails in the registrant's language with their .ics. Runs on SQLite
and PostgreSQL alike (the concurrent registrations: test_registration_postgres.py)."""

import datetime
import re

import icalendar
import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.messages import get_messages
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext

from agenda import ics
from agenda import registration as registrations
from agenda.documents import EVENTS
from agenda.models import Event, EventFormat, Registration, clock
from agenda.registration import RegistrationRefused
from coworking.models import Space
from portal import search
from portal.dates import weekday_date
from portal.mail import render_mail
from portal.places.models import Municipality

Status = Registration.Status
pytestmark = pytest.mark.django_db


def make_member(email, first_name="", language=""):
    user = get_user_model().objects.create_user(
        email=email, password="a-good-password-42", first_name=first_name, preferred_language=language
    )
    EmailAddress.objects.create(user=user, email=email, primary=True, verified=True)
    return user


def make_event(day=None, hour=8, capacity=None, max_companions=0, **fields):
    """A breakfast in Liège, ten days from now unless told (the pages compare with the clock)."""
    day = day or timezone.localdate() + datetime.timedelta(days=10)
    start = clock(day, datetime.time(hour))
    values = {
        "title_fr": "Petit-déjeuner réseau à Liège",
        "title_nl": "Netwerkontbijt in Luik",
        "title_en": "Networking breakfast in Liège",
        "format": EventFormat.objects.get(slug="breakfast"),
        "venue": "address",
        "street_address": "Place Saint-Lambert 1",
        "postal_code": "4000",
        "municipality": Municipality.objects.get(refnis="62063"),
        "start": start,
        "end": start + datetime.timedelta(hours=2),
        "capacity": capacity,
        "max_companions": max_companions,
    }
    values.update(fields)
    return Event.objects.create(**values)


def links(message):
    return re.findall(r"https?://\S+", message.body)


def token_of(url):
    return url.rstrip("/").rsplit("/", 1)[-1]


def manage_link(message):
    (link,) = [url for url in links(message) if registrations.from_token(token_of(url))]
    return link


def path_of(url):
    return url.removeprefix("http://testserver")


def attached_calendar(message):
    ((filename, content, mimetype),) = message.attachments
    assert filename.endswith(".ics") and mimetype.split(";")[0] == "text/calendar"
    return icalendar.Calendar.from_ical(content), mimetype


def only_event(calendar):
    (entry,) = calendar.walk("VEVENT")
    return entry


def texts(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


def join(event, name, **kwargs):
    """A member's registration (confirmed or waitlisted at once)."""
    user = make_member(f"{name.lower()}@example.org", first_name=name)
    return registrations.register(event, name, user.email, user=user, **kwargs)


@pytest.fixture
def ines(db):
    return make_member("ines@example.org", first_name="Inès")


@pytest.fixture
def noah(db):
    return make_member("noah@example.org", first_name="Noah")


@pytest.fixture
def event(db):
    return make_event(capacity=3, max_companions=2)


def register_url(event):
    return reverse("agenda:register", kwargs={"pk": event.pk})


# Members --------------------------------------------------------------------------------------


def test_a_member_registers_in_one_click_with_companions(client, event, ines):
    client.force_login(ines)
    response = client.post(register_url(event), {"companions": "1"})

    assert response.status_code == 302 and response["Location"] == event.get_absolute_url()
    (registration,) = event.registrations.all()
    assert (registration.user, registration.name, registration.email) == (ines, "Inès", ines.email)
    assert registration.status == Status.CONFIRMED and registration.companions == 1
    assert event.seats_taken() == 2 and event.places_left() == 1
    with translation.override("fr"):
        expected = gettext("You are registered for “%(title)s”. We have sent you a confirmation by e-mail.")
        assert texts(response) == [expected % {"title": event.title}]
    (message,) = mail.outbox
    assert message.to == [ines.email]
    assert "Inès" in message.body


def test_a_member_whose_address_is_not_confirmed_is_asked_to_confirm_it_first(client, event):
    user = get_user_model().objects.create_user(email="new@example.org", password="a-good-password-42")
    client.force_login(user)
    response = client.post(register_url(event), {"companions": "0"})
    assert response.status_code == 302 and response["Location"] == reverse("account_email")
    assert not event.registrations.exists() and mail.outbox == []


def test_capacity_counts_the_companions(event, ines, noah):
    first = registrations.register(event, "Inès", ines.email, user=ines, companions=2)
    assert first.status == Status.CONFIRMED and event.places_left() == 0
    # One more person does not fit: the waitlist.
    second = registrations.register(event, "Noah", noah.email, user=noah)
    assert second.status == Status.WAITLISTED
    assert registrations.waitlist_position(second) == 1
    assert event.seats_taken() == 3


def test_a_party_the_event_cannot_hold_is_refused(ines):
    event = make_event(capacity=2, max_companions=5)
    with pytest.raises(RegistrationRefused) as refusal:
        registrations.register(event, "Inès", ines.email, user=ines, companions=2)
    assert refusal.value.code == "too_many"
    with pytest.raises(RegistrationRefused) as refusal:
        registrations.register(event, "Inès", ines.email, user=ines, companions=6)
    assert refusal.value.code == "companions"
    with pytest.raises(RegistrationRefused) as refusal:
        registrations.register(event, "Inès", ines.email, user=ines, companions=-1)
    assert refusal.value.code == "companions"
    assert not event.registrations.exists()


def test_one_live_registration_per_address_and_again_after_cancelling(event, ines):
    first = registrations.register(event, "Inès", ines.email, user=ines)
    with pytest.raises(RegistrationRefused) as refusal:
        registrations.register(event, "Inès", "INES@example.org", user=ines)
    assert refusal.value.code == "already"
    registrations.cancel(first)
    again = registrations.register(event, "Inès", ines.email, user=ines)
    assert again.status == Status.CONFIRMED and again.pk != first.pk


# The waitlist -----------------------------------------------------------------------------------


def test_the_waitlist_goes_in_order_of_arrival_and_a_freed_seat_to_the_first_whose_party_fits():
    event = make_event(capacity=3, max_companions=2)
    t0 = timezone.now()

    def at(minutes):
        return t0 + datetime.timedelta(minutes=minutes)

    ana, ben, cleo = (join(event, name, now=at(n)) for n, name in enumerate(["Ana", "Ben", "Cleo"]))
    assert [r.status for r in (ana, ben, cleo)] == [Status.CONFIRMED] * 3
    pair = join(event, "Pair", companions=1, now=at(10))  # two seats
    dan = join(event, "Dan", now=at(11))
    eve = join(event, "Eve", now=at(12))
    assert [r.status for r in (pair, dan, eve)] == [Status.WAITLISTED] * 3
    assert [registrations.waitlist_position(r) for r in (pair, dan, eve)] == [1, 2, 3]
    mail.outbox.clear()

    # One seat frees up: too few for the pair, who keep their place; Dan has it.
    assert registrations.cancel(ana)
    for r in (pair, dan, eve):
        r.refresh_from_db()
    assert (pair.status, dan.status, eve.status) == (Status.WAITLISTED, Status.CONFIRMED, Status.WAITLISTED)
    assert [registrations.waitlist_position(r) for r in (pair, eve)] == [1, 2]
    assert [(m.to, m.subject) for m in mail.outbox][0][0] == [ana.email]  # her cancellation
    assert mail.outbox[1].to == [dan.email]
    promoted_calendar, _mimetype = attached_calendar(mail.outbox[1])
    assert str(only_event(promoted_calendar)["STATUS"]) == "CONFIRMED"
    assert len(mail.outbox) == 2

    # Two seats free (Ben, then Dan leave): the pair, first in line, gets them.
    assert registrations.cancel(ben)
    eve.refresh_from_db()
    assert eve.status == Status.CONFIRMED  # one seat: Eve fits, the pair does not
    pair.refresh_from_db()
    assert pair.status == Status.WAITLISTED
    assert registrations.cancel(dan)
    pair.refresh_from_db()
    assert pair.status == Status.WAITLISTED  # one seat again
    assert registrations.cancel(cleo)
    pair.refresh_from_db()
    assert pair.status == Status.CONFIRMED
    assert event.seats_taken() == 3  # Eve and the pair


def test_leaving_the_waitlist_moves_the_next_people_up():
    event = make_event(capacity=2, max_companions=1)
    ana = join(event, "Ana")
    join(event, "Ben")
    pair = join(event, "Pair", companions=1)
    solo = join(event, "Solo")
    assert [registrations.waitlist_position(r) for r in (pair, solo)] == [1, 2]
    registrations.cancel(pair)
    solo.refresh_from_db()
    assert solo.status == Status.WAITLISTED and registrations.waitlist_position(solo) == 1
    registrations.cancel(ana)
    solo.refresh_from_db()
    assert solo.status == Status.CONFIRMED and event.seats_taken() == 2


def test_a_new_registration_takes_a_free_seat_no_one_waiting_can_use():
    event = make_event(capacity=2, max_companions=1)
    ana = join(event, "Ana")
    join(event, "Ben")
    pair = join(event, "Pair", companions=1)
    registrations.cancel(ana)
    pair.refresh_from_db()
    assert pair.status == Status.WAITLISTED
    # The free seat is not left empty while the pair waits for two.
    assert join(event, "Late").status == Status.CONFIRMED


def test_a_cancellation_is_done_and_e_mailed_once(event, ines):
    registration = registrations.register(event, "Inès", ines.email, user=ines)
    mail.outbox.clear()
    assert registrations.cancel(registration) is True
    assert registrations.cancel(registration) is False
    (message,) = mail.outbox
    calendar, mimetype = attached_calendar(message)
    assert calendar["METHOD"] == "CANCEL" and "method=CANCEL" in mimetype.replace(" ", "")
    entry = only_event(calendar)
    assert str(entry["STATUS"]) == "CANCELLED" and entry["SEQUENCE"] == event.sequence + 1


# Guests -----------------------------------------------------------------------------------------


def guest_post(client, event, **data):
    values = {"name": "Camille Dubois", "email": "camille@example.org", "companions": "0"}
    values.update(data)
    return client.post(register_url(event), values)


def test_a_guest_is_pending_until_they_confirm_and_a_get_of_the_link_changes_nothing(client, event):
    response = guest_post(client, event, companions="1")
    assert (
        response.status_code == 302 and response["Location"] == event.get_absolute_url() + "?sent=1#register"
    )
    # The event's page says what comes next, not the same empty form again.
    page = client.get(response["Location"]).content.decode()
    assert "nous vous avons envoyé un e-mail avec un lien pour confirmer votre adresse" in page
    assert 'name="email"' not in page
    (registration,) = event.registrations.all()
    assert registration.status == Status.PENDING and registration.user is None
    assert event.seats_taken() == 0
    (message,) = mail.outbox
    assert message.to == ["camille@example.org"] and message.attachments == []
    with translation.override("fr"):
        subject, _body = render_mail(
            "agenda/emails/confirm_address",
            {"event": event, "registration": registration, "place": []},
            "fr",
        )
    assert message.subject == subject
    link = manage_link(message)
    assert link.startswith("http://testserver/fr/")

    # Mail scanners follow links: a GET shows the page and changes nothing.
    page = client.get(path_of(link))
    assert page.status_code == 200 and 'value="confirm"' in page.content.decode()
    assert page["Cache-Control"].startswith("max-age=0") or "no-cache" in page["Cache-Control"]
    registration.refresh_from_db()
    assert registration.status == Status.PENDING and len(mail.outbox) == 1

    response = client.post(path_of(link), {"action": "confirm"})
    assert response.status_code == 302 and response["Location"] == path_of(link)
    registration.refresh_from_db()
    assert registration.status == Status.CONFIRMED and event.seats_taken() == 2
    assert mail.outbox[-1].subject != subject and attached_calendar(mail.outbox[-1])
    # Confirming again (a second click) changes nothing more.
    client.post(path_of(link), {"action": "confirm"})
    assert len(mail.outbox) == 2


def test_a_guest_who_confirms_later_keeps_the_place_they_asked_at():
    event = make_event(capacity=1)
    t0 = timezone.now()
    guest = registrations.register(event, "Camille", "camille@example.org", now=t0)
    member = join(event, "Ana", now=t0 + datetime.timedelta(minutes=1))
    later = join(event, "Ben", now=t0 + datetime.timedelta(minutes=2))
    assert (member.status, later.status) == (Status.CONFIRMED, Status.WAITLISTED)

    registrations.confirm_address(guest, now=t0 + datetime.timedelta(minutes=3))
    assert guest.status == Status.WAITLISTED
    assert registrations.waitlist_position(guest) == 1
    assert registrations.waitlist_position(later) == 2
    registrations.cancel(member)
    guest.refresh_from_db()
    later.refresh_from_db()
    assert (guest.status, later.status) == (Status.CONFIRMED, Status.WAITLISTED)


def test_a_guest_address_already_registered_gets_its_link_again_and_the_page_says_nothing_more(client, event):
    guest_post(client, event)
    # Someone else types the same address: the page says what it says to anyone.
    response = guest_post(Client(), event, name="Someone else")
    assert response.status_code == 302
    assert texts(response) == texts(guest_post(Client(), event, email="other@example.org"))
    assert event.registrations.filter(email="camille@example.org").count() == 1
    # The address's owner receives their link again.
    first, again, _other = mail.outbox
    assert again.to == ["camille@example.org"]
    assert registrations.from_token(token_of(manage_link(again))) == registrations.from_token(
        token_of(manage_link(first))
    )


def test_the_honeypot_pretends_and_registers_nobody(client, event):
    response = guest_post(client, event, homepage="http://spam.example")
    assert response.status_code == 302 and not event.registrations.exists() and mail.outbox == []


def test_guests_are_rate_limited_and_keep_what_they_typed(client):
    event = make_event(max_companions=1)
    for n in range(10):
        assert guest_post(client, event, email=f"guest{n}@example.org").status_code == 302
    response = guest_post(client, event, name="Zoé Lambert", email="zoe@example.org")
    assert response.status_code == 429
    content = response.content.decode()
    assert 'value="Zoé Lambert"' in content and 'value="zoe@example.org"' in content
    assert not event.registrations.filter(email="zoe@example.org").exists()


def test_form_errors_show_the_form_again_with_what_was_typed(client, event):
    response = guest_post(client, event, email="not-an-address", name="Camille")
    assert response.status_code == 400
    content = response.content.decode()
    assert 'value="Camille"' in content and 'value="not-an-address"' in content
    assert "error-summary" in content
    response = guest_post(client, event, companions="3")  # max_companions is 2
    assert response.status_code == 400 and not event.registrations.exists()


# The registration's page ------------------------------------------------------------------------


def test_a_confirmed_member_cancels_from_the_e_mail_link_and_the_next_person_is_promoted(client, ines, noah):
    event = make_event(capacity=1)
    first = registrations.register(event, "Inès", ines.email, user=ines)
    waiting = registrations.register(event, "Noah", noah.email, user=noah)
    link = manage_link(mail.outbox[0])
    mail.outbox.clear()

    page = client.get(path_of(link))  # not logged in: the link is enough
    assert page.status_code == 200 and 'value="cancel"' in page.content.decode()
    response = client.post(path_of(link), {"action": "cancel"})
    assert response.status_code == 302
    first.refresh_from_db()
    waiting.refresh_from_db()
    assert first.status == Status.CANCELLED and waiting.status == Status.CONFIRMED
    assert [m.to for m in mail.outbox] == [[ines.email], [noah.email]]
    assert "promoted" not in mail.outbox[1].subject  # a sentence, not the kind's name
    with translation.override("fr"):
        subject, _body = render_mail(
            "agenda/emails/promoted", {"event": event, "registration": waiting, "place": []}, "fr"
        )
    assert mail.outbox[1].subject == subject


def test_leaving_the_waitlist_from_the_link(client, ines, noah):
    event = make_event(capacity=1)
    registrations.register(event, "Inès", ines.email, user=ines)
    waiting = registrations.register(event, "Noah", noah.email, user=noah)
    (message,) = [m for m in mail.outbox if m.to == [noah.email]]
    assert message.attachments == []  # nothing for the calendar yet
    page = client.get(path_of(manage_link(message)))
    assert page.context["position"] == 1
    client.post(path_of(manage_link(message)), {"action": "cancel"})
    waiting.refresh_from_db()
    assert waiting.status == Status.CANCELLED


def test_the_link_is_only_for_its_owner(client, event, ines, noah):
    registration = registrations.register(event, "Inès", ines.email, user=ines)
    url = reverse("agenda:registration", kwargs={"token": registrations.token(registration)})

    client.force_login(noah)
    assert client.get(url).status_code == 403
    assert client.post(url, {"action": "cancel"}).status_code == 403
    registration.refresh_from_db()
    assert registration.status == Status.CONFIRMED

    client.force_login(ines)
    assert client.get(url).status_code == 200
    assert client.post(url, {"action": "cancel"}).status_code == 302
    registration.refresh_from_db()
    assert registration.status == Status.CANCELLED


def test_a_tampered_or_unknown_link_shows_a_page_and_changes_nothing(client, event, ines):
    registration = registrations.register(event, "Inès", ines.email, user=ines)
    token = registrations.token(registration)
    for bad in (token[:-2] + ("AA" if not token.endswith("AA") else "BB"), "garbage", "a" * 300):
        url = reverse("agenda:registration", kwargs={"token": bad})
        assert client.get(url).status_code == 404
        assert client.post(url, {"action": "cancel"}).status_code == 404
    registration.refresh_from_db()
    assert registration.status == Status.CONFIRMED
    # A token of another registration's address cannot name this one.
    other = registrations.register(event, "Noah", "noah@example.org", user=make_member("noah@example.org"))
    forged = registrations.signing.dumps({"r": registration.pk, "e": other.email}, salt="other-salt")
    assert registrations.from_token(forged) is None


def test_a_guest_registration_made_with_the_members_address_is_theirs(client, event, ines):
    guest = registrations.register(event, "Inès", ines.email)
    client.force_login(ines)
    url = reverse("agenda:registration", kwargs={"token": registrations.token(guest)})
    assert client.get(url).status_code == 200
    # Registering again once logged in: their confirmed account confirms it.
    response = client.post(register_url(event), {"companions": "0"})
    assert response.status_code == 302
    guest.refresh_from_db()
    assert guest.status == Status.CONFIRMED and guest.user == ines
    assert event.registrations.count() == 1


# Closed events and garbage ----------------------------------------------------------------------


def test_registration_is_closed_for_a_past_or_cancelled_event(client, ines):
    past = make_event(day=timezone.localdate() - datetime.timedelta(days=3))
    cancelled = make_event(status=Event.Status.CANCELLED)
    for event in (past, cancelled):
        with pytest.raises(RegistrationRefused) as refusal:
            registrations.register(event, "Inès", ines.email, user=ines)
        assert refusal.value.code == "closed"
    client.force_login(ines)
    response = client.post(register_url(cancelled), {"companions": "0"})
    assert response.status_code == 302 and response["Location"] == cancelled.get_absolute_url()
    with translation.override("fr"):
        assert texts(response) == [gettext("Registration for this event is closed.")]
    assert not Registration.objects.filter(event__in=[past, cancelled]).exists()


def test_a_pending_guest_cannot_confirm_once_the_event_is_cancelled(event):
    guest = registrations.register(event, "Camille", "camille@example.org")
    registrations.cancel_event(event)
    with pytest.raises(RegistrationRefused):
        registrations.confirm_address(guest)
    guest.refresh_from_db()
    assert guest.status == Status.PENDING


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"companions": "abc"},
        {"companions": "-1"},
        {"companions": "99999999999999999999999"},
        {"companions": "1.5"},
        {"name": "", "email": ""},
        {"name": "x" * 5000, "email": "a@b.c"},
        {"name": "Nul\x00byte", "email": "nul@example.org"},
        {"email": "a" * 300 + "@example.org", "name": "Long"},
        {"name": "   ", "email": "space@example.org"},
    ],
)
def test_garbage_posts_never_give_a_server_error(client, event, data):
    response = client.post(register_url(event), data)
    assert response.status_code in (302, 400)
    assert not event.registrations.exists()


def test_garbage_for_a_member_never_gives_a_server_error(client, event, ines):
    client.force_login(ines)
    for value in ("abc", "-3", "7", ""):
        response = client.post(register_url(event), {"companions": value})
        assert response.status_code in (302, 400)
    # The empty value means no companions.
    assert event.registrations.get().companions == 0


def test_other_requests_to_the_register_address(client, event):
    assert client.get(register_url(event)).status_code == 302  # to the event's page
    assert client.put(register_url(event)).status_code == 405
    assert client.post(reverse("agenda:register", kwargs={"pk": 999999}), {}).status_code == 404
    hidden = make_event(published=False)
    assert client.post(register_url(hidden), {}).status_code == 404


def test_an_unknown_action_on_the_registration_page_changes_nothing(client, event, ines):
    registration = registrations.register(event, "Inès", ines.email, user=ines)
    url = reverse("agenda:registration", kwargs={"token": registrations.token(registration)})
    for data in ({}, {"action": "delete"}, {"action": "confirm"}, {"action": "CANCEL"}):
        assert client.post(url, data).status_code == 302
    registration.refresh_from_db()
    assert registration.status == Status.CONFIRMED


def test_the_csrf_token_is_required(event, ines):
    client = Client(enforce_csrf_checks=True)
    client.force_login(ines)
    assert client.post(register_url(event), {"companions": "0"}).status_code == 403
    assert not event.registrations.exists()


# E-mails ----------------------------------------------------------------------------------------


def test_e_mails_go_out_in_the_registrants_language(event):
    hanne = make_member("hanne@example.org", first_name="Hanne", language="nl")
    # Registered from a French page: her own choice for the portal's e-mails wins.
    registration = registrations.register(event, "Hanne", hanne.email, user=hanne, language="fr")
    assert registration.language == "nl"
    (message,) = mail.outbox
    with translation.override("nl"):
        expected = gettext("Registration confirmed: %(title)s, %(date)s") % {
            "title": event.title,
            "date": weekday_date(event.start),
        }
        dutch_day = formats.date_format(timezone.localtime(event.start), "l")
        title = event.title
    assert title == "Netwerkontbijt in Luik"
    assert message.subject == expected
    assert title in message.body and dutch_day in message.body
    with translation.override("nl"):
        dutch_time = formats.time_format(timezone.localtime(event.start))
    assert dutch_time == "08.00" and f"{dutch_time}–" in message.body
    with translation.override("fr"):
        assert formats.date_format(timezone.localtime(event.start), "l") not in message.body
    assert manage_link(message).startswith("http://testserver/nl/")
    with translation.override("nl"):
        assert event.get_absolute_url() in message.body
    # No preference: the page's language.
    ben = make_member("ben@example.org")
    assert registrations.register(event, "Ben", ben.email, user=ben, language="de").language == "de"


def test_the_calendar_file_parses_back_with_its_time_zone_place_and_stable_uid(event, ines):
    registrations.register(event, "Inès", ines.email, user=ines)
    calendar, mimetype = attached_calendar(mail.outbox[0])
    assert calendar["METHOD"] == "PUBLISH" and "method=PUBLISH" in mimetype.replace(" ", "")
    (zone,) = calendar.walk("VTIMEZONE")
    assert str(zone["TZID"]) == "Europe/Brussels"
    entry = only_event(calendar)
    uid = str(entry["UID"])
    assert uid == f"event-{event.uid}@testserver"
    assert entry["DTSTART"].params["TZID"] == "Europe/Brussels"
    assert entry.decoded("DTSTART") == event.start and entry.decoded("DTEND") == event.end
    assert entry["SEQUENCE"] == 0 and entry.decoded("LAST-MODIFIED")
    assert str(entry["STATUS"]) == "CONFIRMED"
    assert str(entry["URL"]) == "http://testserver" + event.get_absolute_url()
    assert str(entry["LOCATION"]) == "Place Saint-Lambert 1, 4000 Liège"

    # An edit: the same UID, a higher SEQUENCE, a later LAST-MODIFIED.
    event.start += datetime.timedelta(hours=1)
    event.end += datetime.timedelta(hours=1)
    event.sequence += 1
    event.save()
    again = only_event(icalendar.Calendar.from_ical(ics.event_calendar([event])))
    assert str(again["UID"]) == uid and again["SEQUENCE"] == 1
    assert again.decoded("LAST-MODIFIED") >= entry.decoded("LAST-MODIFIED")
    assert again.decoded("DTSTART") == event.start


def test_a_space_venue_comes_from_the_registry_in_mails_and_calendars(ines):
    space = Space.objects.create(
        name="Atelier Liège",
        municipality=Municipality.objects.get(refnis="62063"),
        email="liege@coop.example",
        street_address="Rue Léopold 8",
        postal_code="4000",
        opening_hours="Mo-Fr 08:00-19:00",
    )
    event = make_event(venue="space", space_id=space.pk, street_address="", postal_code="")
    registrations.register(event, "Inès", ines.email, user=ines)
    (message,) = mail.outbox
    assert "Atelier Liège\nRue Léopold 8\n4000 Liège" in message.body
    entry = only_event(attached_calendar(message)[0])
    assert str(entry["LOCATION"]) == "Atelier Liège, Rue Léopold 8, 4000 Liège"
    assert entry.decoded("GEO")


def test_the_online_link_goes_to_people_with_a_place_only(noah, ines):
    event = make_event(venue="online", online_url="https://meet.example/secret", capacity=1)
    registrations.register(event, "Inès", ines.email, user=ines)
    registrations.register(event, "Noah", noah.email, user=noah)
    confirmed, waitlisted = mail.outbox
    assert "https://meet.example/secret" in confirmed.body
    assert "https://meet.example/secret" not in waitlisted.body
    public = only_event(icalendar.Calendar.from_ical(ics.event_calendar([event])))
    assert "secret" not in public.to_ical().decode()


def test_cancelling_an_event_tells_its_registrants_once_with_a_cancelled_calendar_entry(event, ines, noah):
    registrations.register(event, "Inès", ines.email, user=ines, companions=2)
    registrations.register(event, "Noah", noah.email, user=noah)  # waitlisted
    guest = registrations.register(event, "Camille", "camille@example.org")
    mail.outbox.clear()

    assert registrations.cancel_event(event) == 3
    event.refresh_from_db()
    assert event.status == Event.Status.CANCELLED and event.sequence == 1
    assert sorted(m.to[0] for m in mail.outbox) == sorted([ines.email, noah.email, guest.email])
    (with_calendar,) = [m for m in mail.outbox if m.attachments]
    assert with_calendar.to == [ines.email]
    calendar, _mimetype = attached_calendar(with_calendar)
    entry = only_event(calendar)
    assert calendar["METHOD"] == "CANCEL" and str(entry["STATUS"]) == "CANCELLED"
    assert entry["SEQUENCE"] == 1 and str(entry["UID"]) == f"event-{event.uid}@testserver"
    # The feeds say the same.
    feed_entry = only_event(icalendar.Calendar.from_ical(ics.event_calendar([event])))
    assert str(feed_entry["STATUS"]) == "CANCELLED" and feed_entry["SEQUENCE"] == 1

    mail.outbox.clear()
    assert registrations.cancel_event(event) == 0 and mail.outbox == []
    # Nobody is promoted into a cancelled event.
    registrations.cancel(Registration.objects.get(email=ines.email))
    assert Registration.objects.get(email=noah.email).status == Status.WAITLISTED


def test_every_e_mail_renders_in_every_language(event, ines):
    registration = registrations.register(event, "Inès", ines.email, user=ines, companions=1)
    kinds = [
        "confirm_address",
        "confirmed",
        "waitlisted",
        "promoted",
        "cancelled",
        "event_cancelled",
        "reminder",
        "changed",
        "already",
    ]
    for language in ("fr", "nl", "de", "en"):
        registration.language = language
        for kind in kinds:
            mail.outbox.clear()
            registrations.notify(registration, kind)
            (message,) = mail.outbox
            assert message.subject and "\n" not in message.subject
            assert "{%" not in message.body and "{{" not in message.body
            assert event.start.strftime("%Y") in message.body
            if kind not in ("cancelled", "event_cancelled"):
                assert registrations.from_token(token_of(manage_link(message))) == registration
            assert f"http://testserver/{language}/" in message.body


def test_a_manage_link_does_not_carry_the_address(event):
    import base64

    guest = registrations.register(event, "Camille", "camille.secret@example.org")
    value = registrations.token(guest)
    decoded = base64.urlsafe_b64decode(value.split(":")[0] + "==").decode(errors="ignore")
    assert "camille" not in decoded and "camille" not in value
    assert registrations.from_token(value) == guest
    guest.email = "someone.else@example.org"
    guest.save()
    assert registrations.from_token(value) is None


def test_an_event_moved_online_gives_its_link_in_the_place(event):
    from agenda.ics import place

    event.status = event.Status.MOVED_ONLINE
    event.online_url = "https://meet.example.org/breakfast"
    assert place(event, online_link=True)[-1] == "https://meet.example.org/breakfast"
    assert "https://meet.example.org/breakfast" not in place(event, online_link=False)


def test_places_left_follows_each_registration_and_cancellation(client, django_capture_on_commit_callbacks):
    # "Places left" is kept in the search index (issue 13): each registration reindexes its event.
    def left():
        answer = client.get("/api/v1/events/", {"places_left": "true", "q": "Solo", "page_size": 100}).json()
        return [e["id"] for e in answer["results"]]

    with django_capture_on_commit_callbacks(execute=True):
        solo = make_event(capacity=1, title_fr="Petit-déjeuner Solo", title_en="Solo breakfast")
    search.update(EVENTS, [solo.pk])
    assert left() == [solo.pk]
    with django_capture_on_commit_callbacks(execute=True):
        taken = join(solo, "Ines")
    assert taken.status == Status.CONFIRMED and left() == []
    with django_capture_on_commit_callbacks(execute=True):
        registrations.cancel(taken)
    assert left() == [solo.pk]
    with django_capture_on_commit_callbacks(execute=True):
        join(solo, "Noah")
    assert left() == []
    with django_capture_on_commit_callbacks(execute=True):
        Registration.objects.filter(event=solo).delete()
    assert left() == [solo.pk]
