"""The events admin as editors and event organisers use it: an event at a coworking space, the
form's errors in the admin's language, a monthly series and its dates at the local hour, a
cancelled event that tells its registrants, and each event's registrations (spreadsheet,
message, check-in at the door); who may see what; listings in a fixed number of queries."""

import csv
import datetime
import io
import re
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import formats, translation
from django.utils.translation import gettext, ngettext
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.permissions import policy_registry

from agenda import registration as registrations_module
from agenda.admin_forms import (
    DEADLINE_AFTER_END_ERROR,
    IMAGE_ALT_ERROR,
    LINK_REQUIRED_ERROR,
    MUNICIPALITY_REQUIRED_ERROR,
    SPACE_REQUIRED_ERROR,
)
from agenda.admin_views import EVENT_HAS_REGISTRANTS
from agenda.groups import EVENT_ORGANISERS, PARTNER_ORGANISERS, ensure_groups
from agenda.models import Event, EventFormat, Registration, Series, Venue
from agenda.recurrence import EXAMPLE
from portal import registry
from portal.accounts.groups import EDITORS
from portal.taxonomy.models import Language, Sector
from tests.admin_helpers import errors_of, make_user, said, text_of

pytestmark = pytest.mark.django_db

TZ = ZoneInfo("Europe/Brussels")
EVENTS = "/admin/agenda/events/"


def local(day, hour, minute=0):
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=TZ)


def today():
    return datetime.datetime.now(TZ).date()


def listing_rows(html):
    """The text of each row of the admin's listing."""
    body = re.search(r'<table class="[^"]*listing.*?<tbody[^>]*>(.*?)</tbody>', html, re.S).group(1)
    return [text_of(row) for row in re.findall(r"<tr[^>]*>(.*?)</tr>", body, re.S)]


def listing_cells(html):
    """The text of each cell of each row of the admin's listing (none when it is empty)."""
    found = re.search(r'<table class="[^"]*listing.*?<tbody[^>]*>(.*?)</tbody>', html, re.S)
    rows = re.findall(r"<tr[^>]*>(.*?)</tr>", found.group(1), re.S) if found else []
    return [[text_of(cell).strip() for cell in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)] for row in rows]


def read_csv(response):
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(response.content.decode())))


@pytest.fixture
def space():
    """A coworking space of the demo, as the venue registry offers it (the agenda does not
    import coworking)."""
    choices = registry.venue_choices()
    assert choices, "the demo's spaces are seeded"
    space_id = choices[0][0]
    return registry.venues([space_id])[space_id]


@pytest.fixture
def breakfast():
    return EventFormat.objects.get(slug="breakfast")


@pytest.fixture
def editor(db):
    return get_user_model().objects.get(email="editor@coop.example")


@pytest.fixture
def organiser(db):
    return make_user("organisatrice@coop.example", "Olga", "Organise", group=EVENT_ORGANISERS)


@pytest.fixture
def member(db):
    return make_user("ines@example.org", "Inès", "Lambert")


@pytest.fixture
def event(space, breakfast):
    day = today() + datetime.timedelta(days=20)
    return Event.objects.create(
        title_fr="Petit-déjeuner des Tilleuls",
        title_nl="Ontbijt van de Linden",
        format=breakfast,
        venue="space",
        space_id=space.id,
        municipality_id=space.municipality_id,
        start=local(day, 8),
        end=local(day, 10),
        capacity=10,
        max_companions=2,
    )


def register(event, name, email, status=Registration.Status.CONFIRMED, companions=0, minutes=0):
    moment = local(today(), 9) - datetime.timedelta(days=3) + datetime.timedelta(minutes=minutes)
    return Registration.objects.create(
        event=event,
        name=name,
        email=email,
        companions=companions,
        status=status,
        language="fr",
        created_at=moment,
        queued_at=moment,
    )


@pytest.fixture
def registrants(event):
    return [
        register(event, "Inès Lambert", "ines@example.org", companions=1, minutes=0),
        register(event, "Noah Peeters", "noah@example.org", minutes=5),
        register(event, "Zoé Martin", "zoe@example.org", Registration.Status.WAITLISTED, minutes=10),
        register(event, "Karl Weber", "karl@example.org", Registration.Status.WAITLISTED, minutes=15),
        register(event, "Ana Costa", "ana@example.org", Registration.Status.CANCELLED, minutes=20),
    ]


def event_form_data(space, event_format, **overrides):
    """What the admin's event form sends: an event at a coworking space in three weeks."""
    day = today() + datetime.timedelta(days=21)
    data = {
        "title_fr": "Petit-déjeuner des Tilleuls",
        "title_nl": "Ontbijt van de Linden",
        "title_de": "",
        "title_en": "",
        "description_fr": "Un café, des croissants et des rencontres.",
        "description_nl": "",
        "description_de": "",
        "description_en": "",
        "format": event_format.pk,
        "status": "scheduled",
        "published": "on",
        "image": "",
        "image_alt": "",
        "start": f"{day} 08:00",
        "end": f"{day} 10:00",
        "registration_opens": "",
        "registration_deadline": f"{day - datetime.timedelta(days=1)} 18:00",
        "venue": "space",
        "space_id": str(space.id),
        "street_address": "",
        "municipality": "",
        "postal_code": "",
        "online_url": "",
        "organiser_fr": "La coopérative",
        "organiser_nl": "De coöperatie",
        "organiser_de": "",
        "organiser_en": "",
        "accessibility": "Entrée de plain-pied.",
        "capacity": "25",
        "max_companions": "1",
        "price": "",
        "ticket_url": "",
    }
    data.update(overrides)
    return data


def series_form_data(event_format, space, **overrides):
    first = today() + datetime.timedelta(days=1)
    data = {
        "title_fr": "Petit-déjeuner du premier mardi",
        "title_nl": "Ontbijt van de eerste dinsdag",
        "title_de": "",
        "title_en": "",
        "description_fr": "Chaque premier mardi du mois.",
        "description_nl": "",
        "description_de": "",
        "description_en": "",
        "format": event_format.pk,
        "rule": "FREQ=MONTHLY;BYDAY=1TU",
        "first_date": first.isoformat(),
        "until": (first + datetime.timedelta(days=240)).isoformat(),
        "start_time": "08:00",
        "end_time": "09:30",
        "exceptions": "",
        "venue": "space",
        "space_id": str(space.id),
        "street_address": "",
        "municipality": "",
        "postal_code": "",
        "online_url": "",
        "organiser_fr": "",
        "organiser_nl": "",
        "organiser_de": "",
        "organiser_en": "",
        "accessibility": "",
        "capacity": "20",
        "max_companions": "0",
        "price": "",
        "ticket_url": "",
    }
    data.update(overrides)
    return data


# Events --------------------------------------------------------------------------------


def test_an_editor_creates_an_event_at_a_coworking_space(client, editor, space, breakfast):
    client.force_login(editor)
    html = client.get(f"{EVENTS}new/").content.decode()
    # The spaces come from the venue registry, by name.
    assert f'<option value="{space.id}">' in html and space.name in html

    sector_ids = list(Sector.objects.values_list("pk", flat=True)[:2])
    french = Language.objects.get(code="fr")
    data = event_form_data(space, breakfast, sectors=sector_ids, languages=[french.pk])
    response = client.post(f"{EVENTS}new/", data)
    assert response.status_code == 302, errors_of(response.content.decode())

    event = Event.objects.get(title_fr="Petit-déjeuner des Tilleuls")
    day = today() + datetime.timedelta(days=21)
    # Typed in Brussels time, whatever the season.
    assert event.start == local(day, 8) and event.end == local(day, 10)
    assert event.registration_deadline == local(day - datetime.timedelta(days=1), 18)
    assert event.space_id == space.id and event.venue == "space"
    # The space's municipality places the event in its region.
    assert event.municipality_id == space.municipality_id
    assert event.capacity == 25 and event.max_companions == 1
    assert set(event.sectors.values_list("pk", flat=True)) == set(sector_ids)
    assert list(event.languages.all()) == [french]

    # Listed among the upcoming events: its start in Brussels time and in French, its venue.
    rows = listing_rows(client.get(EVENTS, {"q": "Tilleuls"}).content.decode())
    (row,) = rows
    with translation.override("fr"):
        start = formats.date_format(local(day, 8), "SHORT_DATETIME_FORMAT")
        assert "Petit-déjeuner des Tilleuls" in row and start in row and space.name in row
        assert "0 / 25" in row and str(Event.Status.SCHEDULED.label) in row

    # Edited again, the form shows the times as typed and the space chosen.
    html = client.get(f"{EVENTS}edit/{event.pk}/").content.decode()
    assert f'value="{day} 08:00"' in html
    assert f'<option value="{space.id}" selected>' in html


def test_an_event_at_an_address_or_online(client, editor, breakfast, space):
    client.force_login(editor)
    data = event_form_data(
        space,
        breakfast,
        venue="address",
        space_id="",
        street_address="Rue Léopold 3",
        municipality="4000 Luik",
    )
    response = client.post(f"{EVENTS}new/", data)
    assert response.status_code == 302, errors_of(response.content.decode())
    event = Event.objects.get(title_fr="Petit-déjeuner des Tilleuls")
    # "Luik" is Liège; its postcode found from the place; no space is kept for an address.
    assert event.municipality.refnis == "62063" and event.postal_code == "4000"
    assert event.space_id is None

    data = event_form_data(
        space, breakfast, title_fr="Webinaire", venue="online", online_url="https://meet.example/abc"
    )
    response = client.post(f"{EVENTS}new/", data)
    assert response.status_code == 302, errors_of(response.content.decode())
    assert Event.objects.get(title_fr="Webinaire").online_url == "https://meet.example/abc"


def test_the_forms_errors_are_in_the_admins_language(client, breakfast, space):
    editor = make_user("redactrice@coop.example", group=EDITORS, admin_language="fr")
    client.force_login(editor)
    day = today() + datetime.timedelta(days=21)

    response = client.post(f"{EVENTS}new/", event_form_data(space, breakfast, end=f"{day} 07:00"))
    assert response.status_code == 200
    # Translated in the catalogue: the French text itself.
    assert errors_of(response.content.decode()) == ["La fin doit se situer après le début."]

    data = event_form_data(
        space,
        breakfast,
        space_id="",
        title_fr="",
        title_nl="",
        registration_deadline=f"{day} 11:00",
        image_alt="",
    )
    errors = errors_of(client.post(f"{EVENTS}new/", data).content.decode())
    assert said(SPACE_REQUIRED_ERROR) in errors
    assert said("Fill this in, in one language at least.") in errors
    assert said(DEADLINE_AFTER_END_ERROR) in errors

    errors = errors_of(
        client.post(f"{EVENTS}new/", event_form_data(space, breakfast, venue="address")).content.decode()
    )
    assert said(MUNICIPALITY_REQUIRED_ERROR) in errors
    errors = errors_of(
        client.post(f"{EVENTS}new/", event_form_data(space, breakfast, venue="online")).content.decode()
    )
    assert said(LINK_REQUIRED_ERROR) in errors
    assert not Event.objects.filter(title_nl="Ontbijt van de Linden").exists()

    # An image needs its description for people who cannot see it.
    image = get_image_model().objects.create(title="Croissants", file=get_test_image_file())
    data = event_form_data(space, breakfast, image=str(image.pk), image_alt="")
    errors = errors_of(client.post(f"{EVENTS}new/", data).content.decode())
    assert errors == [said(IMAGE_ALT_ERROR)]
    response = client.post(f"{EVENTS}new/", {**data, "image_alt": "Des croissants sur une table."})
    assert response.status_code == 302, errors_of(response.content.decode())
    assert Event.objects.get(title_nl="Ontbijt van de Linden").image == image


def test_the_listing_shows_upcoming_events_unless_past_ones_are_asked_for(
    client, organiser, event, registrants
):
    past_day = today() - datetime.timedelta(days=10)
    past = Event.objects.create(
        title_fr="Atelier passé",
        format=event.format,
        venue="online",
        online_url="https://x.example/",
        start=local(past_day, 18),
        end=local(past_day, 20),
    )
    client.force_login(organiser)
    html = client.get(EVENTS, {"q": "Tilleuls"}).content.decode()
    (row,) = listing_cells(html)
    with translation.override("fr"):
        start = formats.date_format(event.start.astimezone(TZ), "SHORT_DATETIME_FORMAT")
        format_name, status = event.format.name, str(Event.Status.SCHEDULED.label)
    venue = registry.venues([event.space_id])[event.space_id].name
    # Three places taken (Inès and her companion, Noah), two people waiting.
    assert row[1:] == [start, format_name, venue, "3 / 10", "2", status]
    assert f"{EVENTS}registrations/{event.pk}/" in html
    # Past events only when asked for.
    assert listing_cells(client.get(EVENTS, {"q": "Atelier passé"}).content.decode()) == []
    html = client.get(EVENTS, {"when": "past", "q": "Atelier passé"}).content.decode()
    (row,) = listing_cells(html)
    assert "Atelier passé" in row[0] and row[3] == said(Venue.ONLINE.label)
    assert listing_cells(client.get(EVENTS, {"when": "past", "q": "Tilleuls"}).content.decode()) == []
    assert len(listing_cells(client.get(EVENTS, {"when": "all", "q": "Atelier passé"}).content.decode())) == 1
    cancelled = client.get(EVENTS, {"when": "past", "status": "cancelled", "q": "Atelier passé"})
    assert listing_cells(cancelled.content.decode()) == [] and past.status == "scheduled"


def test_cancelling_an_event_tells_its_registrants(client, organiser, event, registrants):
    client.force_login(organiser)
    url = f"{EVENTS}edit/{event.pk}/"
    html = client.get(url).content.decode()
    data = event_form_data(
        registry.venues([event.space_id])[event.space_id],
        event.format,
        title_fr=event.title_fr,
        start=re.search(r'name="start"[^>]*value="([^"]+)"', html).group(1),
        end=re.search(r'name="end"[^>]*value="([^"]+)"', html).group(1),
        registration_deadline="",
        capacity="10",
        max_companions="2",
        status="cancelled",
    )
    mail.outbox.clear()
    response = client.post(url, data, follow=True)
    assert response.status_code == 200, errors_of(response.content.decode())
    event.refresh_from_db()
    assert event.status == Event.Status.CANCELLED and event.sequence == 1
    # The four people registered or waiting are told; the one who cancelled is not.
    assert sorted(address for message in mail.outbox for address in message.to) == [
        "ines@example.org",
        "karl@example.org",
        "noah@example.org",
        "zoe@example.org",
    ]
    assert all(len(message.to) == 1 for message in mail.outbox)
    with translation.override("fr"):
        told = ngettext(
            "It is cancelled: the person registered is told by e-mail.",
            "It is cancelled: the %(count)s people registered or waiting are told by e-mail.",
            4,
        ) % {"count": 4}
    assert told in text_of(response.content.decode())

    # Saved again, nobody is told twice.
    client.post(url, data)
    assert len(mail.outbox) == 4


def test_moving_an_event_tells_its_registrants(client, organiser, event, registrants):
    client.force_login(organiser)
    day = today() + datetime.timedelta(days=21)
    data = event_form_data(
        registry.venues([event.space_id])[event.space_id],
        event.format,
        title_fr=event.title_fr,
        title_nl=event.title_nl,
        description_fr="",
        start=f"{day} 09:00",
        end=f"{day} 11:00",
        registration_deadline="",
        organiser="",
        accessibility="",
        capacity="10",
        max_companions="2",
    )
    mail.outbox.clear()
    response = client.post(f"{EVENTS}edit/{event.pk}/", data, follow=True)
    assert response.status_code == 200, errors_of(response.content.decode())
    event.refresh_from_db()
    # Calendar apps take the new time (SEQUENCE), registrants and waiting people are told.
    assert event.start == local(day, 9) and event.sequence == 1
    assert sorted(message.to[0] for message in mail.outbox) == [
        "ines@example.org",
        "karl@example.org",
        "noah@example.org",
        "zoe@example.org",
    ]
    with translation.override("fr"):
        told = ngettext(
            "The person registered is told of the change by e-mail.",
            "The %(count)s people registered or waiting are told of the change by e-mail.",
            4,
        ) % {"count": 4}
    assert told in text_of(response.content.decode())

    # A change that is neither the time nor the place is not sent to anyone.
    mail.outbox.clear()
    response = client.post(f"{EVENTS}edit/{event.pk}/", {**data, "accessibility": "Ascenseur."})
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.sequence == 1 and mail.outbox == []


def test_more_places_go_to_the_waitlist_in_order(client, organiser, event, registrants):
    # Full: Inès and her companion, Noah; Zoé then Karl wait.
    Event.objects.filter(pk=event.pk).update(capacity=3)
    client.force_login(organiser)
    data = event_form_data(
        registry.venues([event.space_id])[event.space_id],
        event.format,
        title_fr=event.title_fr,
        title_nl=event.title_nl,
        description_fr="",
        start=f"{event.start.astimezone(TZ):%Y-%m-%d %H:%M}",
        end=f"{event.end.astimezone(TZ):%Y-%m-%d %H:%M}",
        registration_deadline="",
        organiser="",
        accessibility="",
        capacity="4",
        max_companions="2",
    )
    mail.outbox.clear()
    response = client.post(f"{EVENTS}edit/{event.pk}/", data, follow=True)
    assert response.status_code == 200, errors_of(response.content.decode())
    statuses = dict(event.registrations.values_list("name", "status"))
    assert statuses["Zoé Martin"] == Registration.Status.CONFIRMED
    assert statuses["Karl Weber"] == Registration.Status.WAITLISTED
    assert [message.to for message in mail.outbox] == [["zoe@example.org"]]
    with translation.override("fr"):
        told = ngettext(
            "The first person on the waitlist now has a place (told by e-mail).",
            "%(count)s people from the waitlist now have a place (told by e-mail).",
            1,
        ) % {"count": 1}
    assert told in text_of(response.content.decode())


def test_an_event_with_registrants_is_cancelled_not_deleted(client, organiser, event, registrants):
    client.force_login(organiser)
    url = f"{EVENTS}delete/{event.pk}/"
    message = said(EVENT_HAS_REGISTRANTS)
    assert message in text_of(client.get(url).content.decode())
    response = client.post(url, follow=True)
    assert message in text_of(response.content.decode())
    assert Event.objects.filter(pk=event.pk).exists() and event.registrations.count() == 5

    # Once they have all cancelled, it can go.
    event.registrations.update(status=Registration.Status.CANCELLED)
    assert client.post(url).status_code == 302
    assert not Event.objects.filter(pk=event.pk).exists()


# Series --------------------------------------------------------------------------------


def test_a_monthly_series_makes_its_dates_at_the_local_hour(client, editor, breakfast, space):
    client.force_login(editor)
    response = client.post("/admin/agenda/series/new/", series_form_data(breakfast, space), follow=True)
    assert response.status_code == 200, errors_of(response.content.decode())
    series = Series.objects.get(title_fr="Petit-déjeuner du premier mardi")
    events = list(series.events.order_by("start"))
    # Eight months: seven or eight first Tuesdays.
    assert 7 <= len(events) <= 9
    message = said(
        "%(created)s dates created, %(updated)s updated, %(cancelled)s cancelled.",
        created=len(events),
        updated=0,
        cancelled=0,
    )
    assert message in text_of(response.content.decode())
    for each in events:
        start = each.start.astimezone(TZ)
        assert start.weekday() == 1 and start.day <= 7, start  # a first Tuesday
        assert (start.hour, start.minute) == (8, 0), start
        assert each.end.astimezone(TZ).time() == datetime.time(9, 30)
        assert each.title_nl == "Ontbijt van de eerste dinsdag" and each.space_id == space.id
    # Eight months cross a change of clocks: the same local hour is two hours in UTC.
    assert {each.start.astimezone(datetime.UTC).hour for each in events} == {6, 7}

    # One date edited on its own leaves the series; a date left out is cancelled.
    first, second = events[0], events[1]
    data = event_form_data(
        space,
        breakfast,
        title_fr="Petit-déjeuner spécial",
        title_nl=first.title_nl,
        description_fr=first.description_fr,
        start=f"{first.start.astimezone(TZ):%Y-%m-%d} 08:00",
        end=f"{first.start.astimezone(TZ):%Y-%m-%d} 09:30",
        registration_deadline="",
        organiser="",
        accessibility="",
        capacity="20",
        max_companions="0",
    )
    response = client.post(f"{EVENTS}edit/{first.pk}/", data)
    assert response.status_code == 302, errors_of(response.content.decode())
    first.refresh_from_db()
    assert first.detached and first.title_fr == "Petit-déjeuner spécial"

    data = series_form_data(
        breakfast,
        space,
        title_fr="Petit-déjeuner du mardi",
        exceptions=f"{second.start.astimezone(TZ):%Y-%m-%d}",
    )
    response = client.post(f"/admin/agenda/series/edit/{series.pk}/", data, follow=True)
    assert response.status_code == 200, errors_of(response.content.decode())
    message = said(
        "%(created)s dates created, %(updated)s updated, %(cancelled)s cancelled.",
        created=0,
        updated=len(events) - 2,
        cancelled=1,
    )
    assert message in text_of(response.content.decode())
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.title_fr == "Petit-déjeuner spécial"  # kept apart
    assert second.status == Event.Status.CANCELLED
    assert Event.objects.get(pk=events[2].pk).title_fr == "Petit-déjeuner du mardi"


def test_a_rule_that_cannot_be_read_is_said_on_the_rule(client, editor, breakfast, space):
    client.force_login(editor)
    data = series_form_data(breakfast, space, rule="every first tuesday")
    response = client.post("/admin/agenda/series/new/", data)
    assert response.status_code == 200
    assert said(EXAMPLE) in errors_of(response.content.decode())
    # On the rule's own field.
    assert response.context["form"].errors["rule"] == [said(EXAMPLE)]
    html = response.content.decode()
    # The help gives examples.
    assert "FREQ=WEEKLY;INTERVAL=2" in html and said("every first Tuesday of the month") in text_of(html)
    assert not Series.objects.filter(title_fr="Petit-déjeuner du premier mardi").exists()


# Formats -------------------------------------------------------------------------------


def test_editors_extend_the_formats(client, editor):
    client.force_login(editor)
    data = {
        "slug": "speed-networking",
        "name_fr": "",
        "name_nl": "",
        "name_de": "",
        "name_en": "",
        "order": "90",
    }
    response = client.post("/admin/agenda/formats/new/", data)
    assert said("Fill this in, in one language at least.") in errors_of(response.content.decode())
    response = client.post("/admin/agenda/formats/new/", {**data, "name_de": "Speed-Networking"})
    assert response.status_code == 302
    assert EventFormat.objects.get(slug="speed-networking").name_de == "Speed-Networking"


# Registrations -------------------------------------------------------------------------


def test_organisers_see_the_registrants_and_the_waitlist_in_order(client, organiser, event, registrants):
    client.force_login(organiser)
    html = client.get(f"{EVENTS}registrations/{event.pk}/").content.decode()
    text = text_of(html)
    for registration in registrants:
        assert registration.name in text and registration.email in text
    # The waitlist in order of arrival.
    assert text.index("Zoé Martin") < text.index("Karl Weber")
    for page in ("csv/", "message/", "print/", "check-in/"):
        assert f"{EVENTS}registrations/{event.pk}/{page}" in html
    # Reached from the event's form too.
    assert f"{EVENTS}registrations/{event.pk}/" in client.get(f"{EVENTS}edit/{event.pk}/").content.decode()


def test_the_spreadsheet_lists_the_registrants(client, organiser, event, registrants):
    register(event, "=HYPERLINK()", "formula@example.org", minutes=30)
    client.force_login(organiser)
    response = client.get(f"{EVENTS}registrations/{event.pk}/csv/")
    table = read_csv(response)
    with translation.override("fr"):
        headings = [
            gettext(h) for h in ("Name", "E-mail", "Companions", "Status", "Registered at", "Checked in")
        ]
        confirmed = str(Registration.Status.CONFIRMED.label)
        waitlisted = str(Registration.Status.WAITLISTED.label)
        cancelled = str(Registration.Status.CANCELLED.label)
    day = today() - datetime.timedelta(days=3)
    assert table[0] == headings
    assert table[1] == ["Inès Lambert", "ines@example.org", "1", confirmed, f"{day} 09:00:00", ""]
    assert table[2] == ["Noah Peeters", "noah@example.org", "0", confirmed, f"{day} 09:05:00", ""]
    # A name that a spreadsheet would run as a formula stays text.
    assert table[3][:2] == ["'=HYPERLINK()", "formula@example.org"]
    assert table[4][:4] == ["Ana Costa", "ana@example.org", "0", cancelled]
    assert [row[0] for row in table[5:]] == ["Zoé Martin", "Karl Weber"]
    assert {row[3] for row in table[5:]} == {waitlisted}

    # Headed in the organiser's own admin language.
    dutch = make_user("organisator@coop.example", group=EVENT_ORGANISERS, admin_language="nl")
    client.force_login(dutch)
    table = read_csv(client.get(f"{EVENTS}registrations/{event.pk}/csv/"))
    with translation.override("nl"):
        assert table[0][:3] == [gettext("Name"), gettext("E-mail"), gettext("Companions")]


def test_the_message_goes_to_each_registrant_alone(client, organiser, event, registrants):
    client.force_login(organiser)
    url = f"{EVENTS}registrations/{event.pk}/message/"
    assert client.get(url).status_code == 200
    mail.outbox.clear()

    response = client.post(url, {"audience": "confirmed", "subject": "", "body": "Bonjour"})
    assert response.status_code == 200 and mail.outbox == []

    data = {"audience": "confirmed", "subject": "Changement de salle", "body": "Rendez-vous au 2e étage."}
    response = client.post(url, data, follow=True)
    assert response.status_code == 200
    assert sorted(message.to[0] for message in mail.outbox) == ["ines@example.org", "noah@example.org"]
    for message in mail.outbox:
        # Each address alone, in no copy that would show it to the others.
        assert len(message.to) == 1 and message.cc == [] and message.bcc == []
        assert message.subject == "Changement de salle"
        assert message.body.startswith("Rendez-vous au 2e étage.\n")
        # Then, in the registrant's language, the event it is about and their own link.
        assert "Vous recevez ce message des organisateurs de « Petit-déjeuner des Tilleuls »" in message.body
        (link,) = [
            line for line in message.body.splitlines() if "/inscription/" in line or "/registration/" in line
        ]
        token = link.rstrip("/").rsplit("/", 1)[-1]
        assert registrations_module.from_token(token).email == message.to[0]
    with translation.override("fr"):
        sent = ngettext(
            "Your message was sent to %(count)s person.", "Your message was sent to %(count)s people.", 2
        ) % {"count": 2}
    assert sent in text_of(response.content.decode())

    mail.outbox.clear()
    client.post(url, {**data, "audience": "with_waitlist"})
    assert sorted(message.to[0] for message in mail.outbox) == [
        "ines@example.org",
        "karl@example.org",
        "noah@example.org",
        "zoe@example.org",
    ]


def test_the_list_to_print(client, organiser, event, registrants):
    client.force_login(organiser)
    response = client.get(f"{EVENTS}registrations/{event.pk}/print/")
    html = response.content.decode()
    assert response.status_code == 200 and "@media print" in html
    # Those registered, by name, each with a box to tick; nobody waiting or cancelled.
    assert html.index("Inès Lambert") < html.index("Noah Peeters")
    assert html.count('<input type="checkbox"') == 2 + 5  # and a few lines for people not on the list
    assert "Zoé Martin" not in html and "Ana Costa" not in html
    assert "ines@example.org" not in html


def test_the_check_in_page_marks_a_registrant(organiser, event, registrants):
    client = Client(enforce_csrf_checks=True)
    client.force_login(organiser)
    url = f"{EVENTS}registrations/{event.pk}/check-in/"
    html = client.get(url).content.decode()
    assert 'name="viewport"' in html  # the admin's page, made for phones
    with translation.override("fr"):
        count = gettext("%(checked_in)s / %(expected)s checked in")
    assert count % {"checked_in": 0, "expected": 2} in text_of(html)
    ines = registrants[0]
    assert f'name="registration" value="{ines.pk}"' in html
    # Only those registered can be checked in (not the waitlist).
    assert f'value="{registrants[2].pk}"' not in html

    # A form without its CSRF token is refused.
    assert client.post(url, {"registration": ines.pk}).status_code == 403
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    response = client.post(url, {"registration": ines.pk, "csrfmiddlewaretoken": token})
    assert response.status_code == 302 and response.url.endswith(f"#r{ines.pk}")
    ines.refresh_from_db()
    assert ines.checked_in_at is not None
    html = client.get(url).content.decode()
    assert count % {"checked_in": 1, "expected": 2} in text_of(html)

    # A second tap keeps the first time; "undo" takes it back.
    first = ines.checked_in_at
    client.post(url, {"registration": ines.pk, "csrfmiddlewaretoken": token})
    ines.refresh_from_db()
    assert ines.checked_in_at == first
    client.post(url, {"registration": ines.pk, "undo": "1", "csrfmiddlewaretoken": token})
    ines.refresh_from_db()
    assert ines.checked_in_at is None
    # Someone on the waitlist is not checked in.
    client.post(url, {"registration": registrants[2].pk, "csrfmiddlewaretoken": token})
    registrants[2].refresh_from_db()
    assert registrants[2].checked_in_at is None


# Who may do what -----------------------------------------------------------------------

ORGANISER_PERMISSIONS = {
    "wagtailadmin.access_admin",
    "agenda.manage_all_events",
    "agenda.add_event",
    "agenda.change_event",
    "agenda.view_event",
    "agenda.delete_event",
    "agenda.add_series",
    "agenda.change_series",
    "agenda.view_series",
    "agenda.delete_series",
    "agenda.add_eventformat",
    "agenda.change_eventformat",
    "agenda.view_eventformat",
    "agenda.view_registration",
    "agenda.change_registration",
    "wagtailimages.add_image",
    "wagtailimages.choose_image",
}


def group_permissions(name):
    group = Group.objects.get(name=name)
    return {
        f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.select_related("content_type")
    }


def test_the_event_organisers_group_exists_with_its_permissions(organiser):
    permission_policy = policy_registry.get_by_type(get_image_model())
    assert group_permissions(EVENT_ORGANISERS) == ORGANISER_PERMISSIONS
    editors = group_permissions(EDITORS)
    for model in ("event", "series", "eventformat"):
        assert {f"agenda.{action}_{model}" for action in ("add", "change", "view")} <= editors
    assert "agenda.view_registration" not in editors and "agenda.delete_event" not in editors
    assert permission_policy.user_has_permission(organiser, "add")
    assert permission_policy.user_has_permission(organiser, "choose")
    # Again, as after each migrate: nothing doubles, nothing is lost.
    ensure_groups()
    assert Group.objects.filter(name=EVENT_ORGANISERS).count() == 1
    assert group_permissions(EVENT_ORGANISERS) == ORGANISER_PERMISSIONS


def test_an_organiser_has_access_and_a_plain_member_none(
    client, organiser, editor, member, event, registrants
):
    pages = [
        EVENTS,
        f"{EVENTS}edit/{event.pk}/",
        "/admin/agenda/series/",
        "/admin/agenda/formats/",
        f"{EVENTS}registrations/{event.pk}/",
        f"{EVENTS}registrations/{event.pk}/csv/",
        f"{EVENTS}registrations/{event.pk}/message/",
        f"{EVENTS}registrations/{event.pk}/print/",
        f"{EVENTS}registrations/{event.pk}/check-in/",
    ]
    client.force_login(organiser)
    menu = client.get("/admin/").content.decode()
    for address in ("/admin/agenda/events/", "/admin/agenda/series/", "/admin/agenda/formats/"):
        assert address in menu
    for page in pages:
        assert client.get(page).status_code == 200, page

    # Editors write events but see no registrant.
    client.force_login(editor)
    assert client.get(EVENTS).status_code == 200
    edit = client.get(f"{EVENTS}edit/{event.pk}/").content.decode()
    assert f"registrations/{event.pk}/" not in edit
    for page in pages[4:]:
        response = client.get(page)
        assert response.status_code == 302 and "ines@example.org" not in response.content.decode(), page

    client.force_login(member)
    for page in pages:
        response = client.get(page)
        assert response.status_code == 302 and response.url.startswith("/admin/login/"), page
    response = client.post(f"{EVENTS}registrations/{event.pk}/check-in/", {"registration": registrants[0].pk})
    assert response.status_code == 302
    registrants[0].refresh_from_db()
    assert registrants[0].checked_in_at is None
    mail.outbox.clear()
    client.post(
        f"{EVENTS}registrations/{event.pk}/message/", {"audience": "confirmed", "subject": "x", "body": "y"}
    )
    assert mail.outbox == []


def test_a_partner_organiser_manages_their_own_events_only(client, organiser, event, registrants, breakfast):
    partner = make_user("partenaire@example.org", "Paula", "Partner", group=PARTNER_ORGANISERS)
    other = make_user("autre@example.org", "Otto", "Other", group=PARTNER_ORGANISERS)
    theirs = Event.objects.create(
        title="Atelier de Paula",
        format=breakfast,
        venue=Venue.ONLINE,
        online_url="https://meet.example.org/paula",
        start=local(today() + datetime.timedelta(days=9), 18),
        end=local(today() + datetime.timedelta(days=9), 20),
    )
    theirs.managers.add(partner)
    Registration.objects.create(
        event=theirs, name="Chloé Dubois", email="chloe@example.org", status="confirmed"
    )
    client.force_login(partner)
    listing = client.get(EVENTS).content.decode()
    assert "Atelier de Paula" in listing and event.title not in listing
    assert client.get(f"{EVENTS}registrations/{theirs.pk}/").status_code == 200
    assert "chloe@example.org" in client.get(f"{EVENTS}registrations/{theirs.pk}/csv/").content.decode()
    # The other events: their registrants, their spreadsheet and their edit page are out of reach.
    for page in ("", "csv/", "print/", "check-in/", "message/"):
        response = client.get(f"{EVENTS}registrations/{event.pk}/{page}")
        assert response.status_code == 404 and "ines@example.org" not in response.content.decode(), page
    # (Wagtail sends a refused admin page back to the dashboard, with a message.)
    for page in (f"{EVENTS}edit/{event.pk}/", f"{EVENTS}delete/{event.pk}/"):
        response = client.get(page)
        assert response.status_code == 302 and response.url == "/admin/", page
    response = client.post(f"{EVENTS}registrations/{event.pk}/check-in/", {"registration": registrants[0].pk})
    registrants[0].refresh_from_db()
    assert response.status_code == 404 and registrants[0].checked_in_at is None
    # Another partner does not see Paula's event; the cooperative's organisers see both, and
    # only they choose the partners of an event.
    client.force_login(other)
    assert "Atelier de Paula" not in client.get(EVENTS).content.decode()
    assert client.get(f"{EVENTS}registrations/{theirs.pk}/").status_code == 404
    assert 'name="managers"' not in client.get(f"{EVENTS}new/").content.decode()
    client.force_login(organiser)
    listing = client.get(EVENTS).content.decode()
    assert "Atelier de Paula" in listing and event.title in listing
    edit = client.get(f"{EVENTS}edit/{theirs.pk}/").content.decode()
    assert 'name="managers"' in edit and "Paula Partner" in edit and "Ines" not in edit


def test_an_event_a_partner_creates_is_theirs(client, breakfast):
    partner = make_user("partenaire@example.org", "Paula", "Partner", group=PARTNER_ORGANISERS)
    client.force_login(partner)
    day = today() + datetime.timedelta(days=30)
    data = {
        "title_fr": "Atelier de Paula",
        "title_nl": "",
        "title_de": "",
        "title_en": "",
        "description_fr": "",
        "description_nl": "",
        "description_de": "",
        "description_en": "",
        "format": breakfast.pk,
        "status": "scheduled",
        "published": "on",
        "image": "",
        "image_alt": "",
        "start": f"{day} 18:00",
        "end": f"{day} 20:00",
        "registration_opens": "",
        "registration_deadline": "",
        "venue": "online",
        "space_id": "",
        "street_address": "",
        "postal_code": "",
        "municipality": "",
        "online_url": "https://meet.example.org/paula",
        "organiser": "Atelier Paula asbl",
        "accessibility": "",
        "capacity": "12",
        "max_companions": "0",
        "price": "",
        "ticket_url": "",
    }
    response = client.post(f"{EVENTS}new/", data)
    assert response.status_code == 302, errors_of(response.content.decode())
    event = Event.objects.get(title_fr="Atelier de Paula")
    assert list(event.managers.all()) == [partner]
    assert client.get(f"{EVENTS}registrations/{event.pk}/").status_code == 200


def test_the_listings_read_a_fixed_number_of_rows(client, organiser, event, breakfast, space):
    client.force_login(organiser)

    def queries(url):
        with CaptureQueriesContext(connection) as context:
            assert client.get(url).status_code == 200
        return len(context.captured_queries)

    def add_events(count):
        for index in range(count):
            day = today() + datetime.timedelta(days=30 + index)
            other = Event.objects.create(
                title_fr=f"Rencontre {index}",
                format=breakfast,
                venue="space",
                space_id=space.id,
                start=local(day, 18),
                end=local(day, 20),
                capacity=5,
            )
            register(other, f"Personne {index}", f"p{index}@example.org")
            register(other, f"Attente {index}", f"w{index}@example.org", Registration.Status.WAITLISTED)

    register(event, "Inès Lambert", "ines@example.org")
    client.get(EVENTS)  # the session and the menu, once
    add_events(2)
    few = {
        url: queries(url) for url in (EVENTS, f"{EVENTS}registrations/{event.pk}/", "/admin/agenda/series/")
    }
    add_events(8)
    for index in range(6):
        register(event, f"Invité {index}", f"g{index}@example.org")
    many = {url: queries(url) for url in few}
    assert many == few
    assert few[EVENTS] <= 20


@pytest.mark.parametrize(
    "status, subject",
    [
        ("postponed", "Reporté : Petit-déjeuner des Tilleuls"),
        ("online", "Désormais en ligne : Petit-déjeuner"),
    ],
)
def test_postponing_or_moving_online_tells_its_registrants(
    client, organiser, event, registrants, status, subject
):
    client.force_login(organiser)
    url = f"{EVENTS}edit/{event.pk}/"
    html = client.get(url).content.decode()
    data = event_form_data(
        registry.venues([event.space_id])[event.space_id],
        event.format,
        title_fr=event.title_fr,
        start=re.search(r'name="start"[^>]*value="([^"]+)"', html).group(1),
        end=re.search(r'name="end"[^>]*value="([^"]+)"', html).group(1),
        registration_deadline="",
        capacity="10",
        max_companions="2",
        status=status,
    )
    if status == "online":
        data["online_url"] = "https://meet.example.org/tilleuls"
    mail.outbox.clear()
    response = client.post(url, data, follow=True)
    assert response.status_code == 200, errors_of(response.content.decode())
    event.refresh_from_db()
    assert event.status == status and event.sequence == 1
    # The four people registered or waiting hear of it, in French (their language), once.
    assert sorted(message.to[0] for message in mail.outbox) == [
        "ines@example.org",
        "karl@example.org",
        "noah@example.org",
        "zoe@example.org",
    ]
    assert all(message.subject.startswith(subject) for message in mail.outbox)
    confirmed = next(m for m in mail.outbox if m.to == ["ines@example.org"])
    waiting = next(m for m in mail.outbox if m.to == ["zoe@example.org"])
    if status == "online":
        # The link is for the people who have a place, not for those waiting.
        assert "https://meet.example.org/tilleuls" in confirmed.body
        assert "https://meet.example.org/tilleuls" not in waiting.body
    client.post(url, data)
    assert len(mail.outbox) == 4
