"""Calendar files and feeds, read back with the icalendar library as calendar apps read them:
one event's .ics, the subscribable feed that follows the list's filters (Flanders only, a
format, a language), stable UIDs across edits, SEQUENCE and STATUS:CANCELLED for a cancelled
date, the page's address in the request's language, a VTIMEZONE, no 500 for garbage, and the
Atom feed of new events."""

import datetime
import re
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from icalendar import Calendar

from agenda import demo
from agenda.documents import EVENTS
from agenda.models import Event, EventFormat, Venue, clock
from agenda.registration import cancel_event
from portal.places import choices as places
from portal.places.models import Municipality

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"
UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
GENT_MEET = "Meet&Connect Gand : créatifs et numériques"
EUPEN_BREAKFAST = "Petit-déjeuner réseau à Eupen"


def url(name, language="fr", **kwargs):
    with translation.override(language):
        return reverse(f"agenda:{name}", kwargs=kwargs or None)


def parse(response):
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


def entries(calendar):
    return list(calendar.walk("VEVENT"))


def by_event(calendar):
    """{event: VEVENT}, through the event's uid in the entry's UID."""
    found = {}
    uids = {}
    for entry in entries(calendar):
        uids[UUID.search(str(entry["UID"])).group(0)] = entry
    for event in Event.objects.filter(uid__in=list(uids)):
        found[event] = uids[str(event.uid)]
    assert len(found) == len(uids)
    return found


def demo_event(title_fr):
    return Event.objects.get(title_fr=title_fr, series__isnull=True)


def region_of(event):
    loaded = EVENTS.load([event.pk])[0]
    return places.places_by_id()[loaded.place_id].region


def make_event(capture, title, refnis, days, hours=2, **fields):
    start = timezone.now() + datetime.timedelta(days=days)
    with capture(execute=True):
        event = Event.objects.create(
            title=title,
            title_fr=title,
            title_nl=f"{title} (nl)",
            format=EventFormat.objects.get(slug="workshop"),
            venue=Venue.ADDRESS,
            street_address="Rue de l'Essai 3",
            postal_code="9000",
            municipality=Municipality.objects.get(refnis=refnis),
            start=start,
            end=start + datetime.timedelta(hours=hours),
            **fields,
        )
    return event


def test_an_event_as_an_ics_file(client):
    event = demo_event(GENT_MEET)
    response = client.get(url("event_ics", pk=event.pk))
    calendar = parse(response)
    assert response["Content-Disposition"] == f'attachment; filename="{event.slug}.ics"'
    assert "max-age" in response["Cache-Control"]
    [entry] = entries(calendar)
    assert str(event.uid) in str(entry["UID"])
    assert str(entry["SUMMARY"]) == GENT_MEET
    assert str(entry["URL"]) == "http://testserver" + url("event", pk=event.pk, slug=event.slug)
    assert str(entry["URL"]).startswith("http://testserver/fr/")
    assert str(entry["LOCATION"]) == "Bureau régional de Gand, Sint-Pietersnieuwstraat 77, 9000 Gand"
    assert entry["GEO"] is not None
    assert str(entry["STATUS"]) == "CONFIRMED" and int(entry["SEQUENCE"]) == event.sequence
    assert entry["DTSTART"].dt == event.start and entry["DTEND"].dt == event.end
    assert str(entry["DTSTART"].dt.tzinfo) == "Europe/Brussels"
    assert entry["LAST-MODIFIED"].dt == event.updated_at.replace(microsecond=0)
    [zone] = calendar.walk("VTIMEZONE")
    assert str(zone["TZID"]) == "Europe/Brussels"

    # In Dutch: the Dutch title, the Dutch page, the Dutch place name.
    dutch = entries(parse(client.get(url("event_ics", "nl", pk=event.pk))))[0]
    assert str(dutch["SUMMARY"]) == "Meet&Connect Gent: creatief en digitaal"
    assert str(dutch["URL"]).startswith("http://testserver/nl/")
    assert str(dutch["LOCATION"]).endswith("9000 Gent")
    assert str(dutch["UID"]) == str(entry["UID"])

    # Asked again with its ETag: nothing changed.
    again = client.get(url("event_ics", pk=event.pk), HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304


def test_unpublished_or_missing_events_have_no_ics(client, django_capture_on_commit_callbacks):
    hidden = make_event(django_capture_on_commit_callbacks, "Réunion interne", "44021", 3, published=False)
    assert client.get(url("event_ics", pk=hidden.pk)).status_code == 404
    assert client.get(url("event_ics", pk=999999)).status_code == 404
    feed = client.get(url("feed_ics"))
    assert str(hidden.uid) not in feed.content.decode()


def test_the_feed_holds_what_is_to_come_and_the_last_month(client, django_capture_on_commit_callbacks):
    recent = make_event(django_capture_on_commit_callbacks, "Atelier de la semaine passée", "44021", -10)
    old = make_event(django_capture_on_commit_callbacks, "Atelier de l'été", "44021", -45)
    response = client.get(url("feed_ics"))
    calendar = parse(response)
    found = by_event(calendar)
    assert recent in found and old not in found
    now = timezone.now()
    assert all(e.end >= now - datetime.timedelta(days=30) for e in found)
    upcoming = set(Event.objects.public().filter(end__gte=now))
    assert upcoming <= set(found)
    assert response["Content-Disposition"].startswith("inline;")
    assert "max-age" in response["Cache-Control"] and response["ETag"]
    # Calendar apps are told how often to come back.
    assert "REFRESH-INTERVAL;VALUE=DURATION:PT1H" in response.content.decode()
    assert str(calendar["X-WR-CALNAME"]).startswith("Coop – ")
    starts = [entry["DTSTART"].dt for entry in entries(calendar)]
    assert starts == sorted(starts)
    assert client.get(url("feed_ics"), HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 304


def test_a_dutch_member_subscribes_to_the_events_in_flanders(client):
    response = client.get(url("feed_ics", "nl"), {"region": "02000"})
    calendar = parse(response)
    found = by_event(calendar)
    assert len(found) >= 8
    assert all(region_of(event) == "02000" for event in found), [
        e.title for e in found if region_of(e) != "02000"
    ]
    titles = {event.title_fr for event in found}
    assert GENT_MEET in titles and EUPEN_BREAKFAST not in titles
    with translation.override("nl"):
        assert str(calendar["X-WR-CALNAME"]) == f"Coop – {translation.gettext('Events')} – Vlaams Gewest"
        for event, entry in found.items():
            assert str(entry["SUMMARY"]) == event.title_nl
            assert [str(c) for c in entry["CATEGORIES"].cats] == [event.format.name_nl]
            assert str(entry["URL"]) == "http://testserver" + event.get_absolute_url()
            assert str(entry["URL"]).startswith("http://testserver/nl/")
    # Everything the unfiltered feed has in Flanders, and nothing else.
    everything = by_event(parse(client.get(url("feed_ics", "nl"))))
    assert set(found) == {e for e in everything if region_of(e) == "02000"}


def test_the_feed_follows_format_language_and_dates(client):
    found = by_event(parse(client.get(url("feed_ics"), {"format": "breakfast", "language": "de"})))
    assert {e.title_fr for e in found} == {EUPEN_BREAKFAST}
    eupen = demo_event(EUPEN_BREAKFAST)
    day = timezone.localtime(eupen.start).date().isoformat()
    same_day = by_event(parse(client.get(url("feed_ics"), {"date_from": day, "date_to": day})))
    assert eupen in same_day
    assert all(timezone.localtime(e.start).date().isoformat() <= day for e in same_day)
    assert all(timezone.localtime(e.end).date().isoformat() >= day for e in same_day)
    text = by_event(parse(client.get(url("feed_ics"), {"q": "Klankkast", "region": "02000"})))
    titles = {e.title_fr for e in text}
    assert "Meet&Connect Anvers : son et image" in titles
    assert titles <= {"Meet&Connect Anvers : son et image", "Conférence : droit d'auteur et IA générative"}
    calendar = parse(client.get(url("feed_ics"), {"format": "breakfast", "places_left": "true"}))
    with translation.override("fr"):
        events, left = translation.gettext("Events"), translation.gettext("Only with places left")
    assert str(calendar["X-WR-CALNAME"]) == f"Coop – {events} – Petit-déjeuner réseau – {left}"
    assert all(e.places_left() != 0 for e in by_event(calendar))


def test_uids_stay_when_an_event_is_edited(client, django_capture_on_commit_callbacks):
    event = demo_event(GENT_MEET)
    before = by_event(parse(client.get(url("feed_ics"))))[event]
    with django_capture_on_commit_callbacks(execute=True):
        event.title_fr = "Meet&Connect Gand : spécial jeux vidéo"
        event.updated_at = timezone.now()  # saved again a second later, as an editor would
        event.save()
    after = by_event(parse(client.get(url("feed_ics"))))[event]
    assert str(after["UID"]) == str(before["UID"])
    assert str(after["SUMMARY"]) == "Meet&Connect Gand : spécial jeux vidéo"
    assert after["LAST-MODIFIED"].dt >= before["LAST-MODIFIED"].dt


def test_a_cancelled_date_says_so_with_a_higher_sequence(client):
    event = demo_event("Meet&Connect Bruxelles à La Serre")
    before = by_event(parse(client.get(url("feed_ics"))))[event]
    assert str(before["STATUS"]) == "CONFIRMED"
    cancel_event(event)
    after = by_event(parse(client.get(url("feed_ics"))))[event]
    assert str(after["STATUS"]) == "CANCELLED"
    assert int(after["SEQUENCE"]) == int(before["SEQUENCE"]) + 1
    assert str(after["UID"]) == str(before["UID"])
    single = entries(parse(client.get(url("event_ics", pk=event.pk))))[0]
    assert str(single["STATUS"]) == "CANCELLED"

    # The demo's cancelled breakfast in Liège, a date of its series.
    series_date = Event.objects.get(
        series__title_fr=demo.SERIES["title"]["fr"], status=Event.Status.CANCELLED
    )
    entry = by_event(parse(client.get(url("feed_ics"))))[series_date]
    assert str(entry["STATUS"]) == "CANCELLED" and int(entry["SEQUENCE"]) >= 1


def test_online_events_say_online_and_never_give_their_link(client):
    response = client.get(url("feed_ics"))
    found = by_event(parse(response))
    online = [e for e in found if e.venue == Venue.ONLINE]
    assert len(online) >= 3
    body = response.content.decode()
    for event in online:
        assert str(found[event]["LOCATION"]) == "En ligne" or str(found[event]["LOCATION"]) == "Online"
        assert event.online_url and event.online_url not in body
    assert "visio.coop.example" not in body


def test_every_entry_has_its_page_a_location_and_the_brussels_zone(client):
    calendar = parse(client.get(url("feed_ics", "de")))
    [zone] = calendar.walk("VTIMEZONE")
    assert str(zone["TZID"]) == "Europe/Brussels"
    assert {c.name for c in zone.subcomponents} == {"STANDARD", "DAYLIGHT"}
    for entry in entries(calendar):
        assert str(entry["URL"]).startswith("http://testserver/de/")
        assert str(entry["LOCATION"])
        assert entry["DTSTART"].params.get("TZID") == "Europe/Brussels"
        assert entry["LAST-MODIFIED"] and entry["DTSTAMP"] and "SEQUENCE" in entry


@pytest.mark.parametrize(
    "garbage",
    [
        "?region=99999",
        "?region=02000&region=03000",
        "?format=castle&language=klingon",
        "?near=%F0%9F%92%A9&radius_km=1e309",
        "?region=02000&province=60000",
        "?date_from=2026-02-31&date_to=yesterday",
        "?page=-3&page_size=abc&ordering=sideways",
        "?q=%22%28%2A&places_left=maybe",
        "?q=" + "x" * 3000,
        "?sector=&sector=%00",
    ],
)
def test_garbage_parameters_give_a_feed_without_them(client, garbage):
    response = client.get(url("feed_ics") + garbage)
    calendar = parse(response)
    assert entries(calendar)
    assert str(calendar["X-WR-CALNAME"]).startswith("Coop – ")


def test_garbage_filters_are_left_out_not_applied(client):
    everything = set(by_event(parse(client.get(url("feed_ics")))))
    assert set(by_event(parse(client.get(url("feed_ics"), {"region": "99999"})))) == everything
    flemish = set(by_event(parse(client.get(url("feed_ics"), {"region": "02000", "format": "castle"}))))
    assert flemish and flemish < everything


def test_the_feed_takes_a_bounded_number_of_queries(
    client, django_capture_on_commit_callbacks, django_assert_max_num_queries
):
    for n in range(20):
        make_event(django_capture_on_commit_callbacks, f"Atelier {n}", "44021", n + 1)
    client.get(url("feed_ics"))
    with django_assert_max_num_queries(12):
        response = client.get(url("feed_ics"), {"region": "02000"})
    assert len(entries(parse(response))) >= 28


def test_the_atom_feed_lists_the_newest_events(client, django_capture_on_commit_callbacks):
    newest = make_event(django_capture_on_commit_callbacks, "Atelier tout frais", "44021", 20)
    response = client.get(url("feed_atom", "nl"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)
    assert root.tag == f"{ATOM}feed"
    assert root.find(f"{ATOM}title").text.startswith("Coop – ")
    items = root.findall(f"{ATOM}entry")
    assert 28 <= len(items) <= 50
    first = items[0]
    assert first.find(f"{ATOM}title").text == "Atelier tout frais (nl)"
    with translation.override("nl"):
        link = "http://testserver" + newest.get_absolute_url()
    assert first.find(f"{ATOM}link").get("href") == link and "/nl/" in link
    assert first.find(f"{ATOM}id").text == f"urn:uuid:{newest.uid}"
    assert all(i.find(f"{ATOM}link").get("href").startswith("http://testserver/nl/") for i in items)
    titles = [i.find(f"{ATOM}title").text for i in items]
    assert "Meet&Connect Gent: creatief en digitaal" in titles
    assert "visio.coop.example" not in response.content.decode()
    assert "max-age" in response["Cache-Control"]


def test_times_are_brussels_wall_clock_across_summer_time(client, django_capture_on_commit_callbacks):
    day = timezone.localdate() + datetime.timedelta(days=200)
    start = clock(day, datetime.time(19, 30))
    with django_capture_on_commit_callbacks(execute=True):
        event = Event.objects.create(
            title="Soirée d'été",
            title_fr="Soirée d'été",
            format=EventFormat.objects.get(slug="talk"),
            venue=Venue.ONLINE,
            online_url="https://visio.example.org/secret-room",
            municipality=Municipality.objects.get(refnis="21004"),
            start=start,
            end=start + datetime.timedelta(hours=2),
        )
    body = client.get(url("event_ics", pk=event.pk)).content.decode()
    assert f"DTSTART;TZID=Europe/Brussels:{day:%Y%m%d}T193000" in body
    assert "secret-room" not in body


@pytest.mark.parametrize("query", ["?date_to=9999-12-31", "?date_from=0001-01-01", "?date_from=2026-02-30"])
def test_out_of_range_dates_are_reported_not_a_server_error(client, query):
    from django.urls import reverse

    pages = [reverse(name) for name in ("agenda:index", "agenda:archive", "agenda:feed_ics")]
    for url in [*pages, "/api/v1/events/"]:
        assert client.get(url + query).status_code in (200, 400), url


def test_a_huge_event_id_is_not_found(client):
    assert client.get("/api/v1/events/99999999999999999999/").status_code == 404
