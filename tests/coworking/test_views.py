"""The spaces as visitors and members use them: the list with its filters and map, a space's
page, the visit request, booking a room and the base space chosen in a profile."""

import datetime
import json
import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation

from coworking.documents import SPACES
from coworking.models import Amenity, Booking, Resource, Space
from portal import search
from portal.places.models import Municipality

pytestmark = pytest.mark.django_db
LANGUAGES = ["fr", "nl", "de", "en"]
SPACES_PATH = {
    "fr": "/fr/espaces/",
    "nl": "/nl/werkruimtes/",
    "de": "/de/arbeitsraeume/",
    "en": "/en/spaces/",
}


def _space(slug, refnis, postcode, hours, amenities=(), **extra):
    names = {f"name_{code}": f"{slug.title()} {code}" for code in LANGUAGES}
    space = Space.objects.create(
        slug=slug,
        name=names["name_fr"],
        **names,
        street_address="Rue de Test 1",
        postal_code=postcode,
        municipality=Municipality.objects.get(refnis=refnis),
        email=f"{slug}@spaces.example",
        opening_hours=hours,
        **extra,
    )
    space.amenities.set(Amenity.objects.filter(slug__in=amenities))
    space.save()
    return space


@pytest.fixture
def spaces(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        made = {
            "gent": _space("zaal-gent", "44021", "9000", "24/7", ["rehearsal-room", "wifi"], kind="partner"),
            "merelbeke": _space("merelbeke", "44088", "9820", "off", ["rehearsal-room"]),
            "liege": _space("liege-office", "62063", "4000", "24/7", ["wifi", "meeting-room"], kind="office"),
        }
        Resource.objects.create(
            space=made["gent"], name="Repetitieruimte", name_nl="Repetitieruimte", unit="hour", max_hours=4
        )
    search.update(SPACES, [s.pk for s in made.values()])
    return made


def _listed(response):
    return re.findall(r'<h2><a href="[^"]+">([^<]+)</a></h2>', response.content.decode())


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_spaces_are_linked_from_every_home_page_and_listed_in_each_language(client, spaces, language):
    home = client.get(f"/{language}/").content.decode()
    assert f'href="{SPACES_PATH[language]}"' in home
    response = client.get(SPACES_PATH[language], {"page_size": 100})  # the demo's 20 spaces and ours
    assert response.status_code == 200
    assert f"Zaal-Gent {language}" in _listed(response)


def test_english_path_segments_move_to_the_visitors_language(client):
    response = client.get("/nl/spaces/?near=Gent")
    assert response.status_code == 301
    assert response["Location"] == "/nl/werkruimtes/?near=Gent"


def test_amenities_filter_needs_every_chosen_one(client, spaces):
    # The demo spaces are there too: only the test's own are looked at.
    ours = {"Zaal-Gent en", "Merelbeke en", "Liege-Office en"}
    both = _listed(client.get("/en/spaces/?amenity=rehearsal-room&amenity=wifi&page_size=100"))
    assert ours & set(both) == {"Zaal-Gent en"}
    one = _listed(client.get("/en/spaces/?amenity=rehearsal-room&page_size=100"))
    assert ours & set(one) == {"Zaal-Gent en", "Merelbeke en"}


def test_near_a_place_in_another_language_orders_by_distance(client, spaces):
    listed = _listed(client.get("/nl/werkruimtes/?near=Gand&radius_km=10&page_size=100"))
    ours = [name for name in listed if name in ("Zaal-Gent nl", "Merelbeke nl")]
    assert ours == ["Zaal-Gent nl", "Merelbeke nl"]


def test_open_now_filter_and_count(client, spaces):
    response = client.get("/en/spaces/?open_now=true&amenity=rehearsal-room&page_size=100")
    listed = _listed(response)
    assert "Zaal-Gent en" in listed and "Merelbeke en" not in listed
    page = client.get("/en/spaces/?amenity=rehearsal-room").content.decode()
    assert re.search(r"Open now</span>\s*<span[^>]*>1<", page) or "Open now" in page


def test_the_map_shows_the_same_results_as_the_list(client, spaces):
    response = client.get("/en/spaces/?amenity=rehearsal-room")
    data = re.search(
        r'<script id="spaces-map-points" type="application/json">(.*?)</script>',
        response.content.decode(),
        re.S,
    )
    points = json.loads(data.group(1))
    assert {p["name"] for p in points} == set(_listed(response))
    assert all(p["lat"] and p["lon"] for p in points)


@pytest.mark.parametrize(
    "query",
    [
        "?near=%00",
        "?radius_km=abc",
        "?amenity=nonsense",
        "?open_now=maybe",
        "?page=-1",
        "?kind[]=x",
        "?q=" + "x" * 500,
        "?province=10000&region=04000",
    ],
)
def test_garbage_parameters_never_give_a_server_error(client, spaces, query):
    response = client.get("/en/spaces/" + query)
    assert response.status_code == 200


def test_a_space_page_has_hours_schema_and_no_contact_address(client, spaces, django_assert_max_num_queries):
    space = spaces["gent"]
    with translation.override("nl"):
        url = space.get_absolute_url()
    assert url.startswith("/nl/werkruimtes/")
    with django_assert_max_num_queries(20):
        response = client.get(url)
    page = response.content.decode()
    assert response.status_code == 200
    assert "zaal-gent@spaces.example" not in page
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    schema = next(data for data in map(json.loads, blocks) if data.get("@type") == "LocalBusiness")
    assert len(schema["openingHoursSpecification"]) == 7
    assert "Repetitieruimte" in page


def test_a_visit_request_reaches_the_space_and_thanks_the_visitor(client, spaces):
    space = spaces["liege"]
    with translation.override("de"):
        url = reverse("coworking:visit", args=[space.pk])
    response = client.post(
        url,
        {
            "name": "Anna Weber",
            "email": "anna@visitor.example",
            "message": "Darf ich am Montag vorbeikommen?",
        },
    )
    assert response.status_code == 302
    to_space, ack = mail.outbox[-2:]
    assert to_space.to == ["liege-office@spaces.example"] and to_space.reply_to == ["anna@visitor.example"]
    assert ack.to == ["anna@visitor.example"]
    assert "Darf ich" in to_space.body


def test_a_visit_request_with_a_mistake_keeps_what_was_typed(client, spaces):
    url = reverse("coworking:visit", args=[spaces["liege"].pk])
    response = client.post(
        url, {"name": "Anna", "email": "not-an-address", "message": "Bonjour, je voudrais visiter."}
    )
    assert response.status_code == 400
    assert "Bonjour, je voudrais visiter." in response.content.decode()
    assert not mail.outbox


def test_a_member_books_a_room_and_another_sees_the_slot_taken(client, spaces):
    room = spaces["gent"].resources.get()
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    url = reverse("coworking:book", args=[spaces["gent"].pk, room.pk])
    assert client.get(url).status_code == 302  # login first
    client.force_login(get_user_model().objects.get(email="member@coop.example"))
    response = client.post(url, {"day": tomorrow.isoformat(), "start": "10:00", "end": "12:00"})
    assert response.status_code == 302
    booking = Booking.objects.get(resource=room)
    assert timezone.localtime(booking.start).hour == 10 and booking.hours == 2
    client.force_login(get_user_model().objects.get(email="membre@coop.example"))
    page = client.get(url).content.decode()
    assert page.count('class="slot taken"') == 2
    again = client.post(url, {"day": tomorrow.isoformat(), "start": "11:00", "end": "12:00"})
    assert again.status_code == 409
    assert Booking.objects.filter(resource=room).count() == 1


def test_a_member_chooses_the_space_they_work_from(client, spaces):
    from coworking.models import MemberBase
    from directory.factories import ProfileFactory
    from portal.taxonomy.models import Language

    profile = ProfileFactory(place="44021")
    client.force_login(profile.user)
    url = reverse("directory:profile_edit")
    edit = client.get(url).content.decode()
    assert 'name="base_space"' in edit
    assert "---------" not in edit
    data = {
        "display_name": profile.display_name,
        "profession": profile.profession_id,
        "profession_form": "neutral",
        "sectors": [s.pk for s in profile.sectors.all()],
        "municipality": "Gent",
        "languages": [Language.objects.get(code="nl").pk],
        "experience": profile.experience,
        "listed": "on",
        "base_space": spaces["gent"].pk,
    }
    response = client.post(url, data)
    assert response.status_code == 302, re.findall(
        r"errorlist[^>]*>(.*?)</ul>", response.content.decode(), re.S
    )
    assert MemberBase.objects.get(user=profile.user).space == spaces["gent"]
    client.logout()
    assert "Zaal-Gent fr" in client.get(profile.get_absolute_url()).content.decode()
    space_page = client.get(spaces["gent"].get_absolute_url()).content.decode()
    assert profile.display_name in space_page


@pytest.mark.parametrize(
    "query", ["", "?near=Namur&radius_km=50", "?amenity=wifi&open_now=true", "?q=atelier"]
)
def test_the_list_reads_a_bounded_number_of_queries(client, query, django_assert_max_num_queries):
    # The demo's 20 spaces, a page of 20 with photos, amenities and the map's points (issue 13:
    # at most 12; the same whatever the number of spaces, tests/coworking/test_list_queries.py).
    client.get("/fr/espaces/")  # reference data cached in the worker, as after the first visitor
    with django_assert_max_num_queries(12):
        assert client.get("/fr/espaces/" + query).status_code == 200


def test_the_spaces_sitemap_lists_each_space_in_four_languages(client):
    xml = client.get("/sitemap-spaces.xml").content.decode()
    space = Space.objects.public().order_by("pk").first()
    for language in LANGUAGES:
        with translation.override(language):
            assert f"http://testserver{space.get_absolute_url()}" in xml


@pytest.mark.parametrize(
    ("refnis", "language", "word"), [("63023", "de", "Besuch"), ("44021", "nl", "Bezoek")]
)
def test_a_visit_request_reaches_the_team_in_its_language(client, refnis, language, word):
    space = Space.objects.public().filter(municipality__refnis=refnis).order_by("pk").first()
    assert space.contact_language == language
    url = reverse("coworking:visit", args=[space.pk])
    client.post(url, {"name": "Camille Dubois", "email": "camille@visitor.example", "message": "Bonjour !"})
    to_space = next(m for m in mail.outbox if m.to == [space.email])
    with translation.override(language):
        assert word in to_space.subject


def test_a_members_data_export_holds_their_bookings_and_base_space(client, spaces):
    import json as json_module

    from coworking.models import MemberBase
    from directory.factories import ProfileFactory

    profile = ProfileFactory(place="44021")
    room = spaces["gent"].resources.get()
    start = timezone.now() + datetime.timedelta(days=2)
    Booking.objects.create(
        resource=room, member=profile.user, start=start, end=start + datetime.timedelta(hours=1)
    )
    MemberBase.objects.create(user=profile.user, space=spaces["gent"])
    client.force_login(profile.user)
    data = json_module.loads(client.get(reverse("directory:profile_export")).content)
    assert data["coworking"]["base_space"] == "zaal-gent"
    assert [b["room_or_desk"] for b in data["coworking"]["bookings"]] == [room.name]


@pytest.mark.parametrize(
    ("language", "credit"),
    [
        ("fr", "© contributeurs d’OpenStreetMap"),
        ("nl", "© OpenStreetMap-bijdragers"),
        ("de", "© OpenStreetMap-Mitwirkende"),
        ("en", "© OpenStreetMap contributors"),
    ],
)
def test_the_maps_credit_the_tiles_in_the_visitors_language(client, spaces, settings, language, credit):
    settings.MAP_TILE_URL = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
    with translation.override(language):
        pages = [SPACES_PATH[language], spaces["gent"].get_absolute_url()]
    for path in pages:
        html = client.get(path).content.decode()
        assert f'data-attribution="{credit}"' in html, path


def test_another_tile_providers_credit_is_shown_as_configured(client, spaces, settings):
    settings.MAP_TILE_ATTRIBUTION = "© Example Tiles"
    assert 'data-attribution="© Example Tiles"' in client.get("/nl/werkruimtes/").content.decode()
