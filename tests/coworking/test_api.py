"""GET /api/v1/spaces/ and /api/v1/spaces/<id>/: the list page's search as JSON (filters,
facets and labels from the spaces' document), each space with its opening hours evaluated now,
and never the contact address of a space nor a member's."""

import datetime
import io
import json

import pytest
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.utils import timezone, translation
from PIL import Image as PillowImage
from wagtail.images.models import Image

from coworking import hours
from coworking.documents import SPACES
from coworking.models import Amenity, MemberBase, Resource, Space, SpacePhoto
from portal import search
from portal.places.models import Municipality

pytestmark = pytest.mark.django_db

CONTACTS = {
    "Atelier Gent": "relay-gent@spaces.example",
    "Bureau Liège": "relay-liege@spaces.example",
    "Loods Destelbergen": "relay-destelbergen@spaces.example",
    "Kantoor Antwerpen": "relay-antwerpen@spaces.example",
    "Verborgen ruimte": "relay-hidden@spaces.example",
}
MEMBER_EMAIL = "based.member@people.example"


def _space(name, refnis, postcode, amenities, opening_hours, **fields):
    space = Space.objects.create(
        name=name,
        name_fr=name,
        street_address="Rue de l'Essai 1",
        postal_code=postcode,
        municipality=Municipality.objects.get(refnis=refnis),
        opening_hours=opening_hours,
        email=CONTACTS[name],
        **fields,
    )
    space.amenities.set(Amenity.objects.filter(slug__in=amenities))
    space.save()  # a cluster's many-to-many relations are written when it is saved
    return space


def _png():
    buffer = io.BytesIO()
    PillowImage.new("RGB", (40, 30), (200, 80, 40)).save(buffer, "PNG")
    return ContentFile(buffer.getvalue(), name="atelier.png")


@pytest.fixture
def spaces(db):
    # Only these spaces are public (whatever else the database holds).
    Space.objects.update(published=False)
    gent = _space(
        "Atelier Gent",
        "44021",
        "9000",
        ["rehearsal-room", "wifi", "kitchen", "meeting-room"],
        "24/7",
        kind=Space.Kind.COWORKING,
        description_fr="Un atelier partagé.",
        description_nl="Een gedeeld atelier.",
        wheelchair=Space.Wheelchair.YES,
        lift=True,
        capacity=40,
        price_hour_member="5.50",
        price_day_public="30.00",
        phone="+32 9 123 45 67",
        website="https://atelier.example",
    )
    studio = Resource.objects.create(
        space=gent,
        name="Studio A",
        name_nl="Studio A (nl)",
        kind=Resource.Kind.ROOM,
        unit=Resource.Unit.HOUR,
        capacity=6,
        price_member="8.00",
        max_hours=3,
    )
    studio.amenities.set(Amenity.objects.filter(slug="rehearsal-room"))
    studio.amenities.commit()  # outside a cluster's save, modelcluster writes it when told
    photo = Image.objects.create(title="Atelier", file=_png())
    SpacePhoto.objects.create(space=gent, image=photo, alt="La grande salle", alt_nl="De grote zaal")
    member = get_user_model().objects.create_user(email=MEMBER_EMAIL, password="x-unused-x")
    MemberBase.objects.create(user=member, space=gent)
    liege = _space(
        "Bureau Liège",
        "62063",
        "4000",
        ["wifi", "meeting-room"],
        "off",
        kind=Space.Kind.OFFICE,
        adviser_hours="Tu 09:00-12:00",
    )
    destelbergen = _space("Loods Destelbergen", "44013", "9070", ["rehearsal-room"], "24/7")
    antwerpen = _space(
        "Kantoor Antwerpen", "11002", "2000", ["wifi"], "Mo-Fr 09:00-18:00", kind=Space.Kind.OFFICE
    )
    hidden = _space("Verborgen ruimte", "44021", "9000", ["wifi"], "24/7", published=False)
    search.rebuild(SPACES)
    return {
        "gent": gent,
        "liege": liege,
        "destelbergen": destelbergen,
        "antwerpen": antwerpen,
        "hidden": hidden,
    }


def names(answer):
    return [space["name"] for space in answer["results"]]


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


def test_list_gives_spaces_with_facets_labelled_in_the_requested_language(client, spaces):
    french = client.get("/api/v1/spaces/", {"lang": "fr"})
    assert french.status_code == 200
    data = french.json()
    assert data["count"] == 4 and data["next"] is None and data["previous"] is None
    assert sorted(names(data)) == ["Atelier Gent", "Bureau Liège", "Kantoor Antwerpen", "Loods Destelbergen"]
    assert facet(data, "amenity")["meeting-room"] == ("Salle de réunion", 2)
    assert facet(data, "amenity")["wifi"] == ("Wi-Fi", 3)
    assert facet(data, "region")["02000"] == ("Région flamande", 3)
    assert facet(data, "region")["03000"] == ("Région wallonne", 1)
    # Gent and Destelbergen always; Antwerpen on weekdays from 9 to 18; Liège never.
    open_now = [
        s for s in (spaces["gent"], spaces["destelbergen"], spaces["antwerpen"]) if s.schedule().is_open()
    ]
    assert facet(data, "open_now")["true"][1] == len(open_now) >= 2
    with translation.override("fr"):
        assert facet(data, "kind")["office"] == (str(Space.Kind.OFFICE.label), 2)

    dutch = client.get("/api/v1/spaces/", {"lang": "nl"}).json()
    assert facet(dutch, "amenity")["meeting-room"] == ("Vergaderzaal", 2)
    assert facet(dutch, "amenity")["rehearsal-room"] == ("Repetitieruimte", 2)
    assert facet(dutch, "region")["02000"] == ("Vlaams Gewest", 3)
    gent = next(s for s in dutch["results"] if s["id"] == spaces["gent"].pk)
    assert {"slug": "meeting-room", "name": "Vergaderzaal"} in gent["amenities"]
    assert gent["description"] == "Een gedeeld atelier."
    assert gent["url"] == f"http://testserver/nl/{gent['url'].split('/nl/', 1)[1]}"
    assert gent["resources"][0]["name"] == "Studio A (nl)"
    assert gent["resources"][0]["amenities"] == [{"slug": "rehearsal-room", "name": "Repetitieruimte"}]
    assert gent["photos"][0]["alt"] == "De grote zaal"
    liege = next(s for s in dutch["results"] if s["id"] == spaces["liege"].pk)
    assert liege["address"]["municipality"] == {"refnis": "62063", "name": "Luik"}
    assert liege["address"]["region"]["refnis"] == "03000"
    with translation.override("nl"):
        assert liege["kind"] == {"code": "office", "label": str(Space.Kind.OFFICE.label)}

    # Without ?lang=, the labels follow Accept-Language.
    accepted = client.get("/api/v1/spaces/", HTTP_ACCEPT_LANGUAGE="nl").json()
    assert facet(accepted, "amenity")["meeting-room"][0] == "Vergaderzaal"


def test_a_space_gives_its_address_prices_rooms_and_photos(client, spaces):
    data = client.get("/api/v1/spaces/", {"lang": "fr", "q": "Atelier"}).json()
    assert names(data) == ["Atelier Gent"]
    space = data["results"][0]
    assert space["url"] == "http://testserver" + spaces["gent"].get_absolute_url()
    assert space["kind"]["code"] == "coworking"
    assert space["address"] == {
        "street": "Rue de l'Essai 1",
        "postcode": "9000",
        "municipality": {"refnis": "44021", "name": "Gand"},
        "province": {"refnis": "40000", "name": space["address"]["province"]["name"]},
        "region": {"refnis": "02000", "name": "Région flamande"},
    }
    gent = Municipality.objects.get(refnis="44021")
    assert (space["lat"], space["lon"]) == (gent.latitude, gent.longitude)
    assert space["accessibility"]["wheelchair"]["code"] == "yes"
    assert space["accessibility"]["lift"] is True and space["accessibility"]["hearing_loop"] is False
    assert space["capacity"] == 40
    assert space["prices"] == {
        "hour": {"member": "5.50", "public": None},
        "day": {"member": None, "public": "30.00"},
        "month": {"member": None, "public": None},
    }
    assert space["phone"] == "+32 9 123 45 67" and space["website"] == "https://atelier.example"
    resource = space["resources"][0]
    assert resource["kind"]["code"] == "room" and resource["unit"]["code"] == "hour"
    assert (resource["capacity"], resource["max_hours"], resource["bookable"]) == (6, 3, True)
    assert (resource["price_member"], resource["price_public"]) == ("8.00", None)
    assert space["photos"][0]["alt"] == "La grande salle"
    assert space["photos"][0]["url"].startswith("http://testserver/")
    assert space["opening_hours"] == "24/7" and space["open_now"] is True
    assert space["adviser_hours"] is None
    assert "distance_km" not in space


def test_amenity_filter_keeps_the_spaces_with_every_chosen_amenity(client, spaces):
    both = client.get("/api/v1/spaces/", {"amenity": ["rehearsal-room", "wifi"]}).json()
    assert names(both) == ["Atelier Gent"]
    comma = client.get("/api/v1/spaces/", {"amenity": "wifi,meeting-room"}).json()
    assert sorted(names(comma)) == ["Atelier Gent", "Bureau Liège"]
    one = client.get("/api/v1/spaces/", {"amenity": "rehearsal-room"}).json()
    assert sorted(names(one)) == ["Atelier Gent", "Loods Destelbergen"]


def test_near_a_place_the_nearest_come_first_with_their_distance(client, spaces):
    data = client.get("/api/v1/spaces/", {"near": "Gent", "radius_km": 10}).json()
    assert names(data) == ["Atelier Gent", "Loods Destelbergen"]
    distances = [space["distance_km"] for space in data["results"]]
    assert distances[0] == 0 and 4 < distances[1] < 8
    wider = client.get("/api/v1/spaces/", {"near": "9000", "radius_km": 100}).json()
    assert names(wider) == ["Atelier Gent", "Loods Destelbergen", "Kantoor Antwerpen"]
    assert [s["distance_km"] for s in wider["results"]] == sorted(s["distance_km"] for s in wider["results"])
    detail = client.get(f"/api/v1/spaces/{spaces['antwerpen'].pk}/", {"near": "Gand"}).json()
    assert 45 < detail["distance_km"] < 60


def test_open_now_keeps_the_spaces_open_at_this_moment(client, spaces):
    # Open around the clock, closed for good, and Antwerp's office by day on weekdays.
    antwerpen_open = hours.Schedule("Mo-Fr 09:00-18:00").is_open(timezone.now())
    expected = {"Atelier Gent", "Loods Destelbergen"} | ({"Kantoor Antwerpen"} if antwerpen_open else set())
    data = client.get("/api/v1/spaces/", {"open_now": "true", "page_size": 50}).json()
    assert set(names(data)) == expected and data["count"] == len(expected)
    assert all(space["open_now"] for space in data["results"])
    assert facet(data, "open_now")["true"][1] == len(expected)
    closed = client.get("/api/v1/spaces/", {"open_now": "false"}).json()
    assert (
        set(names(closed))
        == {"Atelier Gent", "Bureau Liège", "Loods Destelbergen", "Kantoor Antwerpen"} - expected
    )
    assert not any(space["open_now"] for space in closed["results"])


def test_detail_gives_the_week_and_the_state_now_and_no_contact_address(client, spaces):
    space = spaces["antwerpen"]
    response = client.get(f"/api/v1/spaces/{space.pk}/", {"lang": "nl"})
    assert response.status_code == 200
    data = response.json()
    now = timezone.now()
    schedule = hours.Schedule("Mo-Fr 09:00-18:00")
    assert data["open_now"] is schedule.is_open(now)
    change = datetime.datetime.fromisoformat(data["next_change"])
    assert change.utcoffset() is not None and change > now - datetime.timedelta(minutes=1)
    with translation.override("nl"):
        assert data["status"] == schedule.status()[1]
    today = timezone.localdate()
    assert [day["date"] for day in data["week"]] == [
        (today + datetime.timedelta(n)).isoformat() for n in range(7)
    ]
    for day in data["week"]:
        weekday = datetime.date.fromisoformat(day["date"]).weekday()
        expected = [{"opens": "09:00", "closes": "18:00"}] if weekday < 5 else []
        assert day["intervals"] == expected, day

    always = client.get(f"/api/v1/spaces/{spaces['gent'].pk}/").json()
    assert always["open_now"] is True
    assert all(day["intervals"] == [{"opens": "00:00", "closes": "24:00"}] for day in always["week"])
    office = client.get(f"/api/v1/spaces/{spaces['liege'].pk}/").json()
    assert office["open_now"] is False and office["next_change"] is None
    assert office["adviser_hours"] == "Tu 09:00-12:00"
    assert all(day["intervals"] == [] for day in office["week"])

    bodies = [client.get(f"/api/v1/spaces/{s.pk}/").content.decode() for s in spaces.values() if s.published]
    bodies.append(client.get("/api/v1/spaces/", {"page_size": 100}).content.decode())
    for body in bodies:
        assert "email" not in set(keys_anywhere(json.loads(body)))
        for address in [*CONTACTS.values(), MEMBER_EMAIL]:
            assert address not in body


def test_unpublished_or_missing_spaces_are_not_found(client, spaces):
    hidden = spaces["hidden"]
    assert client.get(f"/api/v1/spaces/{hidden.pk}/").status_code == 404
    assert "Verborgen ruimte" not in client.get("/api/v1/spaces/", {"page_size": 100}).content.decode()
    assert client.get("/api/v1/spaces/999999/").status_code == 404


@pytest.mark.parametrize(
    ("language", "amenity", "radius"),
    [
        ("fr", "Valeur inconnue : nonsense.", "Saisissez un nombre entier."),
        ("nl", "Onbekende waarde: nonsense.", None),
    ],
)
def test_bad_parameters_give_400_with_translated_messages(client, spaces, language, amenity, radius):
    response = client.get("/api/v1/spaces/", {"amenity": "nonsense", "lang": language})
    assert response.status_code == 400
    assert response.json()["errors"] == {"amenity": [amenity]}
    response = client.get("/api/v1/spaces/", {"radius_km": "abc", "near": "Gent", "lang": language})
    assert response.status_code == 400
    messages = response.json()["errors"]["radius_km"]
    assert messages and all(messages)
    if radius:
        assert messages == [radius]
    response = client.get(f"/api/v1/spaces/{spaces['gent'].pk}/", {"near": "Atlantis", "lang": language})
    assert response.status_code == 400 and "Atlantis" in response.json()["errors"]["near"][0]


@pytest.mark.parametrize(
    "garbage",
    [
        "?open_now=maybe",
        "?kind=castle&accessibility=stairs",
        "?near=%F0%9F%92%A9&radius_km=1e309",
        "?region=02000&province=60000",
        "?page=-3&page_size=abc",
        "?q=%22%28%2A&ordering=sideways",
        "?amenity=wifi&amenity=",
        "?lang=xx&q=" + "x" * 3000,
    ],
)
def test_garbage_parameters_never_give_a_500(client, spaces, garbage):
    for url in ["/api/v1/spaces/", f"/api/v1/spaces/{spaces['gent'].pk}/"]:
        response = client.get(url + garbage)
        assert response.status_code < 500, (url, garbage)


def test_list_queries_are_bounded(client, spaces, django_assert_max_num_queries):
    for n in range(15):
        extra = _space("Loods Destelbergen", "44013", "9070", ["wifi", "kitchen"], "Mo-Fr 09:00-18:00")
        Resource.objects.create(space=extra, name=f"Desk {n}", kind=Resource.Kind.DESK)
    search.rebuild(SPACES)
    client.get("/api/v1/spaces/")
    with django_assert_max_num_queries(12):
        response = client.get("/api/v1/spaces/", {"page_size": 50, "near": "Gent", "radius_km": 300})
    assert response.json()["count"] == 19


def test_openapi_schema_documents_the_spaces_api(client):
    schema = client.get("/api/v1/schema/", HTTP_ACCEPT="application/json").json()
    assert "/api/v1/spaces/" in schema["paths"] and "/api/v1/spaces/{id}/" in schema["paths"]
    documented = {p["name"] for p in schema["paths"]["/api/v1/spaces/"]["get"]["parameters"]}
    assert {"q", "open_now", "kind", "amenity", "accessibility", "region", "province"} <= documented
    assert {"municipality", "near", "radius_km", "ordering", "page", "page_size", "lang"} <= documented
    assert "/api/v1/members/" in schema["paths"]
    text = json.dumps(schema)
    assert "next_change" in text and "opening_hours" in text and '"email"' not in text
