"""GET /api/v1/events/ and /api/v1/events/<id>/: the list page's search as JSON (filters,
facets and labels from the events' document), what is to come by default, and never a
registrant's name or address nor an online link."""

import datetime
import io
import json

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone, translation
from PIL import Image as PillowImage
from wagtail.images.models import Image

from agenda.documents import EVENTS
from agenda.models import Event, EventFormat, Registration, Series, Venue
from portal.places import choices as places
from portal.places.models import Municipality

pytestmark = pytest.mark.django_db
API = "/api/v1/events/"
GENT_MEET = "Meet&Connect Gand : créatifs et numériques"
PHOTO_WORKSHOP = "Atelier : photographier ses créations pour le web"
PORTFOLIO = "Atelier : un portfolio en ligne qui trouve des clients"
COPYRIGHT_TALK = "Conférence : droit d'auteur et IA générative"
EUPEN_BREAKFAST = "Petit-déjeuner réseau à Eupen"


def demo_event(title_fr):
    return Event.objects.get(title_fr=title_fr, series__isnull=True)


def titles(answer):
    return [event["title"] for event in answer["results"]]


def facet(answer, name):
    return {o["value"]: (o["label"], o["count"]) for o in answer["facets"][name]}


def keys_anywhere(data):
    if isinstance(data, dict):
        for key, value in data.items():
            yield key
            yield from keys_anywhere(value)
    elif isinstance(data, list):
        for item in data:
            yield from keys_anywhere(item)


def find(answer, pk):
    return next(event for event in answer["results"] if event["id"] == pk)


def region_of(pk):
    loaded = EVENTS.load([pk])[0]
    return places.places_by_id()[loaded.place_id].region


def test_the_list_gives_what_is_to_come_with_facets_in_the_requested_language(client):
    now = timezone.now()
    upcoming = Event.objects.public().filter(end__gte=now)
    french = client.get(API, {"lang": "fr", "page_size": 100})
    assert french.status_code == 200
    data = french.json()
    assert data["count"] == upcoming.count() >= 18
    assert {e["id"] for e in data["results"]} == set(upcoming.values_list("pk", flat=True))
    # A calendar: the soonest first.
    starts = [datetime.datetime.fromisoformat(e["start"]) for e in data["results"]]
    assert starts == sorted(starts)
    assert GENT_MEET in titles(data) and COPYRIGHT_TALK not in titles(data)
    assert facet(data, "format")["meet-and-connect"][0] == "Soirée Meet&Connect"
    assert facet(data, "format")["breakfast"] == (
        "Petit-déjeuner réseau",
        upcoming.filter(format__slug="breakfast").count(),
    )
    assert facet(data, "region")["02000"][0] == "Région flamande"
    assert facet(data, "region")["03000"][0] == "Région wallonne"
    assert sum(count for _label, count in facet(data, "region").values()) == data["count"]
    assert facet(data, "language")["de"][1] >= 2
    assert set(facet(data, "price")) == {"free", "paid"}
    assert "true" in facet(data, "places_left")

    dutch = client.get(API, {"lang": "nl", "page_size": 100}).json()
    assert facet(dutch, "format")["meet-and-connect"][0] == "Meet&Connect-avond"
    assert facet(dutch, "region")["02000"][0] == "Vlaams Gewest"
    assert "Meet&Connect Gent: creatief en digitaal" in titles(dutch)
    gent = find(dutch, demo_event(GENT_MEET).pk)
    assert gent["format"] == {"code": "meet-and-connect", "label": "Meet&Connect-avond"}
    assert gent["venue"]["municipality"] == {"refnis": "44021", "name": "Gent"}
    assert gent["url"].startswith("http://testserver/nl/")
    assert gent["ics_url"].startswith("http://testserver/nl/") and gent["ics_url"].endswith(".ics")

    # Without ?lang=, the labels follow Accept-Language.
    accepted = client.get(API, HTTP_ACCEPT_LANGUAGE="nl").json()
    assert facet(accepted, "format")["meet-and-connect"][0] == "Meet&Connect-avond"


def test_an_event_gives_its_place_seats_waitlist_and_calendar_file(client):
    event = demo_event(GENT_MEET)
    data = client.get(API, {"lang": "fr", "q": "Meet Connect Gand", "page_size": 50}).json()
    item = find(data, event.pk)
    assert item["url"] == "http://testserver" + event.get_absolute_url()
    assert item["title"] == GENT_MEET and item["description"] == event.description_fr
    assert item["status"]["code"] == "scheduled" and item["status"]["label"]
    start = datetime.datetime.fromisoformat(item["start"])
    assert start == event.start
    assert start.utcoffset() == timezone.localtime(event.start).utcoffset()
    assert datetime.datetime.fromisoformat(item["end"]) == event.end
    assert item["venue"] == {
        "kind": {"code": "space", "label": item["venue"]["kind"]["label"]},
        "name": "Bureau régional de Gand",
        "url": item["venue"]["url"],
        "address": {"street": "Sint-Pietersnieuwstraat 77", "postcode": "9000"},
        "municipality": {"refnis": "44021", "name": "Gand"},
        "region": {"refnis": "02000", "name": "Région flamande"},
    }
    assert item["venue"]["url"].startswith("http://testserver/fr/")
    assert item["online"] is False
    assert {lang["code"] for lang in item["languages"]} == {"fr", "nl", "en"}
    assert all(lang["label"] for lang in item["languages"])
    assert {s["code"] for s in item["sectors"]} >= {"graphic-design", "web-development"}
    assert (item["capacity"], item["places_left"]) == (24, 0)
    assert item["waitlist"] == 3
    assert item["free"] is True and item["price"] is None and item["ticket_url"] == ""
    assert item["organiser"] == "Coop"
    assert item["image"] is None and item["series"] is None
    assert item["registration_open"] is True
    with translation.override("fr"):
        assert item["ics_url"] == "http://testserver" + reverse("agenda:event_ics", kwargs={"pk": event.pk})
    assert "distance_km" not in item

    photo = find(client.get(API, {"price": "paid", "page_size": 50}).json(), demo_event(PHOTO_WORKSHOP).pk)
    assert photo["free"] is False and photo["price"] == "45.00"
    assert photo["ticket_url"].startswith("https://tickets.example.org/")
    assert photo["places_left"] == 0 and photo["waitlist"] == 2

    moved = client.get(f"{API}{demo_event(PORTFOLIO).pk}/", {"lang": "en"}).json()
    assert moved["online"] is True and moved["status"]["code"] == "online"
    assert moved["venue"]["kind"]["code"] == "online" and moved["venue"]["address"] is None
    assert moved["title"] == "Workshop: an online portfolio that finds clients"

    series = Series.objects.get(title_fr="Petit-déjeuner réseau de Liège")
    breakfast = series.events.filter(end__gte=timezone.now(), status=Event.Status.SCHEDULED).first()
    assert client.get(f"{API}{breakfast.pk}/").json()["series"] == series.pk


def test_an_event_image_comes_with_its_description(client, django_capture_on_commit_callbacks):
    buffer = io.BytesIO()
    PillowImage.new("RGB", (40, 30), (30, 120, 200)).save(buffer, "PNG")
    image = Image.objects.create(title="Gent", file=ContentFile(buffer.getvalue(), name="gent.png"))
    event = demo_event(GENT_MEET)
    with django_capture_on_commit_callbacks(execute=True):
        event.image, event.image_alt = image, "Des membres autour d'une longue table"
        event.save()
    data = client.get(f"{API}{event.pk}/").json()
    assert data["image"]["url"].startswith("http://testserver/")
    assert data["image"]["alt"] == "Des membres autour d'une longue table"
    listed = find(client.get(API, {"page_size": 100}).json(), event.pk)
    assert listed["image"] == data["image"]


def test_filters_region_format_language_dates_and_places_left(client):
    flemish = client.get(API, {"region": "02000", "page_size": 100}).json()
    assert flemish["count"] >= 8
    assert all(region_of(e["id"]) == "02000" for e in flemish["results"])
    assert all(e["venue"]["region"]["refnis"] == "02000" for e in flemish["results"])
    assert GENT_MEET in titles(client.get(API, {"region": "02000", "lang": "fr"}).json())

    # "format" is the events' facet here, not DRF's choice of renderer.
    german_breakfast = client.get(API, {"format": "breakfast", "language": "de", "lang": "fr"}).json()
    assert titles(german_breakfast) == [EUPEN_BREAKFAST]

    eupen = demo_event(EUPEN_BREAKFAST)
    day = timezone.localtime(eupen.start).date().isoformat()
    same_day = client.get(API, {"date_from": day, "date_to": day, "page_size": 100}).json()
    assert eupen.pk in {e["id"] for e in same_day["results"]}
    assert all(e["start"][:10] <= day <= e["end"][:10] for e in same_day["results"])

    left = client.get(API, {"places_left": "true", "page_size": 100}).json()
    assert demo_event(GENT_MEET).pk not in {e["id"] for e in left["results"]}
    assert all(e["places_left"] is None or e["places_left"] > 0 for e in left["results"])
    full = client.get(API, {"places_left": "false", "page_size": 100}).json()
    assert demo_event(GENT_MEET).pk in {e["id"] for e in full["results"]}

    free = client.get(API, {"price": "free", "page_size": 100}).json()
    assert all(e["free"] for e in free["results"])


def test_when_chooses_what_is_to_come_what_is_over_or_both(client):
    now = timezone.now()
    past = client.get(API, {"when": "past", "page_size": 100, "lang": "fr"}).json()
    assert past["count"] == Event.objects.public().filter(end__lt=now).count() >= 8
    assert COPYRIGHT_TALK in titles(past) and GENT_MEET not in titles(past)
    assert all(datetime.datetime.fromisoformat(e["end"]) < now for e in past["results"])
    assert all(e["registration_open"] is False for e in past["results"])
    both = client.get(API, {"when": "all", "page_size": 100}).json()
    assert both["count"] == Event.objects.public().count()
    upcoming = client.get(API, {"when": "upcoming"}).json()
    assert upcoming["count"] + past["count"] == both["count"]
    # Dates asked for narrow "what is to come" further, never widen it.
    old = client.get(API, {"date_from": "2020-01-01", "page_size": 100}).json()
    assert old["count"] == upcoming["count"]


def test_near_a_place_the_nearest_come_first_with_their_distance(client):
    data = client.get(API, {"near": "Gent", "radius_km": 40, "page_size": 100, "lang": "fr"}).json()
    assert data["count"] >= 3 and GENT_MEET in titles(data)
    distances = [e["distance_km"] for e in data["results"]]
    assert distances == sorted(distances) and distances[-1] <= 40
    assert all(e["venue"]["region"]["refnis"] == "02000" for e in data["results"])
    detail = client.get(f"{API}{demo_event(EUPEN_BREAKFAST).pk}/", {"near": "Liège"}).json()
    assert 20 < detail["distance_km"] < 40


def test_no_registrant_and_no_online_link_anywhere(client):
    bodies = [
        client.get(API, {"when": "all", "page_size": 100}).content.decode(),
        client.get(f"{API}{demo_event(PORTFOLIO).pk}/").content.decode(),
        client.get(f"{API}{demo_event(GENT_MEET).pk}/").content.decode(),
    ]
    registrants = list(Registration.objects.values_list("name", "email")[:500])
    links = [link for link in Event.objects.values_list("online_url", flat=True) if link]
    assert registrants and links
    for body in bodies:
        keys = set(keys_anywhere(json.loads(body)))
        assert not keys & {"email", "online_url", "registrations", "name_of_registrant"}
        assert "@example.org" not in body and "@demo.coop.example" not in body
        assert "visio.coop.example" not in body
        for name, email in registrants:
            assert email not in body and name not in body
        for link in links:
            assert link not in body


def test_unpublished_or_missing_events_are_not_found(client, django_capture_on_commit_callbacks):
    start = timezone.now() + datetime.timedelta(days=4)
    with django_capture_on_commit_callbacks(execute=True):
        hidden = Event.objects.create(
            title="Brouillon secret",
            title_fr="Brouillon secret",
            format=EventFormat.objects.get(slug="talk"),
            venue=Venue.ADDRESS,
            municipality=Municipality.objects.get(refnis="62063"),
            start=start,
            end=start + datetime.timedelta(hours=1),
            published=False,
        )
    assert client.get(f"{API}{hidden.pk}/").status_code == 404
    assert client.get(f"{API}999999/").status_code == 404
    assert "Brouillon secret" not in client.get(API, {"when": "all", "page_size": 100}).content.decode()
    # A past event is still found by its id.
    assert client.get(f"{API}{demo_event(COPYRIGHT_TALK).pk}/").status_code == 200


@pytest.mark.parametrize(
    ("language", "unknown", "number"),
    [
        ("fr", "Valeur inconnue : 99999.", "Saisissez un nombre entier."),
        ("nl", "Onbekende waarde: 99999.", None),
    ],
)
def test_bad_parameters_give_400_with_translated_messages(client, language, unknown, number):
    response = client.get(API, {"region": "99999", "lang": language})
    assert response.status_code == 400
    assert response.json()["errors"] == {"region": [unknown]}
    response = client.get(API, {"when": "tomorrow", "format": "castle", "lang": language})
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert set(errors) == {"when", "format"}
    assert errors["when"] == [unknown.replace("99999", "tomorrow")]
    response = client.get(API, {"radius_km": "abc", "near": "Gent", "lang": language})
    assert response.status_code == 400
    messages = response.json()["errors"]["radius_km"]
    assert messages and all(messages)
    if number:
        assert messages == [number]
    response = client.get(API, {"date_from": "2026-02-31", "lang": language})
    assert response.status_code == 400 and response.json()["errors"]["date_from"]
    response = client.get(f"{API}{demo_event(GENT_MEET).pk}/", {"near": "Atlantis", "lang": language})
    assert response.status_code == 400 and "Atlantis" in response.json()["errors"]["near"][0]


@pytest.mark.parametrize(
    "garbage",
    [
        "?places_left=maybe",
        "?format=castle&language=klingon",
        "?near=%F0%9F%92%A9&radius_km=1e309",
        "?region=02000&province=60000",
        "?page=-3&page_size=abc",
        "?q=%22%28%2A&ordering=sideways",
        "?sector=photography&sector=",
        "?when=%00&date_to=yesterday",
        "?lang=xx&q=" + "x" * 3000,
    ],
)
def test_garbage_parameters_never_give_a_500(client, garbage):
    for url in [API, f"{API}{demo_event(GENT_MEET).pk}/"]:
        response = client.get(url + garbage)
        assert response.status_code < 500, (url, garbage)


def test_list_queries_are_bounded(client, django_assert_max_num_queries):
    client.get(API)
    with django_assert_max_num_queries(12):
        response = client.get(API, {"when": "all", "page_size": 100, "near": "Gent", "radius_km": 300})
    assert response.json()["count"] >= 28


def test_openapi_schema_documents_the_events_api(client, capsys):
    schema = client.get("/api/v1/schema/", HTTP_ACCEPT="application/json").json()
    # Component names of their own (the spaces API has a CodeLabel too).
    assert "identical names" not in capsys.readouterr().err
    assert "/api/v1/events/" in schema["paths"] and "/api/v1/events/{id}/" in schema["paths"]
    documented = {p["name"] for p in schema["paths"]["/api/v1/events/"]["get"]["parameters"]}
    assert {"q", "format", "sector", "language", "region", "province", "municipality"} <= documented
    assert {"price", "places_left", "near", "radius_km", "date_from", "date_to", "when"} <= documented
    assert {"ordering", "page", "page_size", "lang"} <= documented
    when = next(p for p in schema["paths"]["/api/v1/events/"]["get"]["parameters"] if p["name"] == "when")
    assert set(when["schema"]["enum"]) == {"upcoming", "past", "all"}
    assert "upcoming (default)" in when["description"]
    text = json.dumps(schema)
    assert "ics_url" in text and "places_left" in text and "waitlist" in text
    assert '"email"' not in text and '"online_url"' not in text
