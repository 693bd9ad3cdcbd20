"""The spaces search gives the same answers on the database and on OpenSearch, on the demo
spaces: text in any language, distance from a place named in another language, amenities
(all of the chosen ones), accessibility, kind, region and "open now"."""

import datetime

import pytest

from coworking import documents
from coworking.documents import SPACES
from coworking.models import Space
from portal import search
from portal.places.geo import haversine_km
from portal.search.text import fold

pytestmark = pytest.mark.django_db


@pytest.fixture(params=["database", "opensearch"])
def backend(request, settings):
    if request.param == "opensearch":
        request.getfixturevalue("search_engine")
        search.install(SPACES)
        search.rebuild(SPACES)
    else:
        settings.SEARCH_BACKEND = "database"
    return search.get_backend(SPACES)


def found(**params):
    result = search.search(SPACES.query(page_size=100, **params))
    assert result.total == len(result.hits)
    return {space.slug for space in result.hits}


def spaces_where(test):
    return {s.slug for s in Space.objects.public().prefetch_related("amenities") if test(s)}


def amenities(space):
    """The space's amenities and those of its bookable rooms (a projector in a meeting room)."""
    rooms = {a.slug for r in space.resources.filter(bookable=True) for a in r.amenities.all()}
    return {a.slug for a in space.amenities.all()} | rooms


def test_every_published_space_and_nothing_else(backend):
    assert found() == spaces_where(lambda s: True)
    assert found()


@pytest.mark.parametrize(
    "chosen",
    [
        ["rehearsal-room"],
        ["rehearsal-room", "kitchen"],
        ["darkroom", "photo-studio"],
        ["wifi", "showers"],
        ["projector"],
    ],
)
def test_amenities_all_of_the_chosen_ones(backend, chosen):
    expected = spaces_where(lambda s: set(chosen) <= amenities(s))
    assert found(amenity=chosen) == expected
    assert expected, "the demo has spaces with these amenities"


def test_distance_from_a_place_named_in_dutch(backend):
    gent = (51.0543, 3.7174)
    expected = spaces_where(lambda s: haversine_km(*gent, *s.point) <= 15)
    result = found(near="Gent", radius_km=15, amenity=["rehearsal-room"])
    assert result == {
        slug for slug in expected if "rehearsal-room" in amenities(Space.objects.get(slug=slug))
    }
    assert result, "a rehearsal room near Gent"
    hits = search.search(SPACES.query(near="Gand", radius_km=50)).hits
    distances = [haversine_km(*gent, *s.point) for s in hits]
    assert distances == sorted(distances), "nearest first when a place is given"


def test_accessibility_kind_and_region(backend):
    assert found(accessibility=["step-free", "lift"]) == spaces_where(
        lambda s: s.wheelchair == "yes" and s.lift
    )
    assert found(kind="office") == spaces_where(lambda s: s.kind == "office")
    offices = found(kind="office", region="02000")
    assert offices and offices == spaces_where(
        lambda s: s.kind == "office" and s.municipality.region.refnis == "02000"
    )


def test_text_in_any_language(backend):
    # "Proberaum" (German) and "repetitieruimte" (Dutch) find the same spaces.
    assert found(q="Proberaum") == found(q="repetitieruimte") != set()
    assert {fold(x) for x in found(q="Luttich")} <= {fold(x) for x in found(q="Liège")}


def test_open_now_follows_the_clock(backend, monkeypatch):
    monday_ten = datetime.datetime(2026, 11, 30, 10, tzinfo=datetime.UTC)
    sunday_night = datetime.datetime(2026, 11, 29, 23, 30, tzinfo=datetime.UTC)
    for moment in (monday_ten, sunday_night):
        monkeypatch.setattr(documents.timezone, "now", lambda moment=moment: moment)
        expected = spaces_where(lambda s, moment=moment: s.schedule().is_open(moment))
        assert found(open_now=True) == expected
        result = search.search(SPACES.query())
        counts = {o.value: o.count for o in result.facets["open_now"]}
        assert counts.get("true", 0) == len(expected)
    assert spaces_where(lambda s: s.schedule().is_open(monday_ten))
