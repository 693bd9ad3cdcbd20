"""The contract every members search backend passes (database today, OpenSearch next)."""

import itertools

import pytest

from directory.documents import MEMBERS
from directory.models import MemberProfile
from portal import search
from portal.places.geo import haversine_km
from portal.places.models import Municipality
from portal.search.text import fold
from portal.taxonomy.models import Sector

pytestmark = pytest.mark.django_db

INVISIBLE = {
    "Hidden Photographer",
    "Unlisted Photographer",
    "Paused Photographer",
    "Old Charter Photographer",
}


def names(result):
    return {h.display_name for h in result.hits}


def everything(backend, **filters):
    result = backend.search(MEMBERS.query(page_size=100, **filters))
    assert result.total == len(result.hits)
    return names(result)


def public(people):
    return {name for name in people if not name.startswith("_")}


def test_no_filter_returns_every_public_profile_and_nothing_else(backend, people):
    assert everything(backend) == public(people)


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"sector": ("photography",)}, {"Élodie Lambert", "Jan Peeters", "Lukas Schmitz", "Zoë Van Damme"}),
        (
            {"sector": ("illustration", "translation-and-interpreting")},
            {"Chloé Dubois", "Gaspard Mertens", "Amira Haddad", "Hanne Wouters"},
        ),
        ({"profession": ("translator",)}, {"Amira Haddad", "Hanne Wouters"}),
        ({"region": "04000"}, {"Amira Haddad"}),
        (
            {"region": "03000"},
            {
                "Élodie Lambert",
                "Jan Peeters",
                "Lukas Schmitz",
                "Chloé Dubois",
                "Marc Renard",
                "Noah Lejeune",
                "Gaspard Mertens",
            },
        ),
        ({"province": "60000"}, {"Élodie Lambert", "Jan Peeters", "Lukas Schmitz", "Marc Renard"}),
        ({"municipality": "62063"}, {"Élodie Lambert", "Jan Peeters"}),
        ({"postcode": "4020"}, {"Jan Peeters"}),
        ({"language": ("de",)}, {"Lukas Schmitz", "Hanne Wouters"}),
        ({"language": ("ar", "de")}, {"Lukas Schmitz", "Hanne Wouters", "Amira Haddad"}),
        ({"experience": ("starting",)}, {"Sofie Claes", "Chloé Dubois", "Noah Lejeune"}),
        (
            {"mentor": True},
            {"Élodie Lambert", "Lukas Schmitz", "Amira Haddad", "Hanne Wouters", "Gaspard Mertens"},
        ),
        ({"mentor": False, "region": "02000", "language": ("en",)}, {"Sofie Claes", "Pieter De Smet"}),
        (
            {"sector": ("photography",), "region": "03000", "mentor": True},
            {"Élodie Lambert", "Lukas Schmitz"},
        ),
        ({"q": "photographer", "province": "60000"}, {"Élodie Lambert", "Jan Peeters", "Lukas Schmitz"}),
    ],
)
def test_filters_and_combinations(backend, people, filters, expected):
    assert everything(backend, **filters) == expected


@pytest.mark.parametrize("word", ["Liège", "liege", "LIÈGE", "Luik", "Lüttich", "luttich"])
def test_place_names_match_in_every_language_and_without_accents(backend, people, word):
    # The city and the province share the name: both match.
    assert everything(backend, q=word) == {"Élodie Lambert", "Jan Peeters", "Lukas Schmitz", "Marc Renard"}


@pytest.mark.parametrize("word", ["fotograaf", "photographe", "Fotograf", "photographer", "FOTOGRAFIE"])
def test_profession_and_sector_names_match_in_every_language(backend, people, word):
    assert everything(backend, q=word) == {"Élodie Lambert", "Jan Peeters", "Lukas Schmitz", "Zoë Van Damme"}


def test_accents_and_case_do_not_matter_in_names(backend, people):
    assert everything(backend, q="elodie") == {"Élodie Lambert"}
    assert everything(backend, q="ZOE van damme") == {"Zoë Van Damme"}
    assert everything(backend, q="chloe") == {"Chloé Dubois"}


def test_words_are_all_required_and_prefixes_match(backend, people):
    assert everything(backend, q="fotograaf luik") == {"Élodie Lambert", "Jan Peeters", "Lukas Schmitz"}
    assert everything(backend, q="fotograaf gent") == set()
    assert everything(backend, q="grafisch gent") == {"Sofie Claes"}
    assert everything(backend, q="transl") == {"Amira Haddad", "Hanne Wouters"}
    assert everything(backend, q="lightroom eupen") == {"Lukas Schmitz"}
    assert everything(backend, q="zzzqqq") == set()


def test_hidden_unlisted_paused_and_old_charter_profiles_appear_nowhere(backend, people):
    result = backend.search(MEMBERS.query(q="photographer", page_size=100))
    assert not names(result) & INVISIBLE
    photography = next(o for o in result.facets["sector"] if o.value == "photography")
    assert photography.count == 4
    assert everything(backend, municipality="62063") == {"Élodie Lambert", "Jan Peeters"}


@pytest.mark.parametrize("radius", [5, 15, 40, 80])
@pytest.mark.parametrize("origin", ["62063", "4000", "9000", "1000"])
def test_distance_filter_matches_computed_distances(backend, people, origin, radius):
    if len(origin) == 5:
        place = Municipality.objects.get(refnis=origin)
        lat, lon = place.latitude, place.longitude
    else:
        from portal.places.models import PostalCode

        lat, lon = PostalCode.objects.filter(code=origin).values_list("latitude", "longitude").first()
    expected = {
        name
        for name, p in people.items()
        if not name.startswith("_")
        and haversine_km(lat, lon, p.municipality.latitude, p.municipality.longitude) <= radius
    }
    result = backend.search(MEMBERS.query(near=origin, radius_km=radius, page_size=100))
    assert names(result) == expected
    for hit in result.hits:
        assert result.distances[hit.pk] == pytest.approx(
            haversine_km(lat, lon, hit.municipality.latitude, hit.municipality.longitude), abs=0.1
        )


def test_a_place_and_a_word_searched_again_follow_a_member_who_moved(backend, people):
    """The database backend keeps a place's distances and a word's matches for the index's
    state: the same searches after a profile changed must see the change."""
    near = MEMBERS.query(near="62063", radius_km=5, ordering="distance", page_size=100)
    worded = MEMBERS.query(q="photographer", near="62063", radius_km=5, page_size=100)
    before, photographers = names(backend.search(near)), names(backend.search(worded))
    assert "Sofie Claes" not in before  # in Ghent
    MemberProfile.objects.filter(pk=people["Sofie Claes"].pk).update(
        municipality=Municipality.objects.get(refnis="62063"),
        profession=MemberProfile.objects.get(pk=people["Élodie Lambert"].pk).profession,
    )
    search.update(MEMBERS, [people["Sofie Claes"].pk])
    assert names(backend.search(near)) == before | {"Sofie Claes"}
    assert names(backend.search(worded)) == photographers | {"Sofie Claes"}


def test_distance_ordering_puts_the_closest_first(backend, people):
    result = backend.search(MEMBERS.query(near="62063", radius_km=80, ordering="distance", page_size=100))
    distances = [result.distances[h.pk] for h in result.hits]
    assert distances == sorted(distances) and len(distances) >= 4


FACET_QUERIES = [
    {},
    {"q": "photographer"},
    {"region": "03000"},
    {"language": ("en",), "mentor": True},
    {"sector": ("photography",), "near": "62063", "radius_km": 40},
]


@pytest.mark.parametrize("query", FACET_QUERIES, ids=range(len(FACET_QUERIES)))
def test_facet_counts_equal_the_results_they_lead_to(backend, people, query):
    query = MEMBERS.query(**query)
    result = backend.search(query)
    panel = {"sector", "profession", "region", "province", "language", "experience", "mentor"}
    assert set(result.facets) == panel
    for facet in result.facets:
        for option in result.facets[facet]:
            narrowed = backend.search(query.with_facet(facet, option.value))
            assert narrowed.total == option.count, (facet, option.value)
        for option in result.facets[facet]:
            assert option.count > 0 or option.selected


def test_facets_offer_only_options_in_use_with_translated_labels(backend, people, settings):
    from django.utils import translation

    with translation.override("nl"):
        result = backend.search(MEMBERS.query())
    sectors = {o.value: o.label for o in result.facets["sector"]}
    assert "games-and-interactive-media" not in sectors
    assert sectors["photography"] == "Fotografie"
    regions = {o.value: o.label for o in result.facets["region"]}
    assert regions == {
        "02000": "Vlaams Gewest",
        "03000": "Waals Gewest",
        "04000": "Brussels Hoofdstedelijk Gewest",
    }


def test_pagination_partitions_the_results(backend, people):
    pages = [backend.search(MEMBERS.query(page=n, page_size=5)) for n in (1, 2, 3)]
    seen = [h.display_name for page in pages for h in page.hits]
    assert len(seen) == len(set(seen)) == 12
    assert pages[0].num_pages == 3 and pages[0].has_next and not pages[2].has_next


def test_orderings(backend, people, day):
    by_name = backend.search(MEMBERS.query(ordering="name", page_size=100))
    # Accents and case do not change the alphabetical order (Élodie sorts with the E's).
    assert [h.display_name for h in by_name.hits] == sorted((h.display_name for h in by_name.hits), key=fold)
    MemberProfile.objects.filter(pk=people["Noah Lejeune"].pk).update(
        updated_at=people["Noah Lejeune"].updated_at.replace(year=2030)
    )
    search.update(MEMBERS, [people["Noah Lejeune"].pk])
    recent = backend.search(MEMBERS.query(ordering="updated", page_size=100))
    assert recent.hits[0].display_name == "Noah Lejeune"


def test_default_order_rotates_daily_and_is_stable_within_a_day(backend, people, day):
    import datetime

    first = [h.pk for h in backend.search(MEMBERS.query(day=day, page_size=100)).hits]
    again = [h.pk for h in backend.search(MEMBERS.query(day=day, page_size=100)).hits]
    assert first == again
    tops = {
        backend.search(MEMBERS.query(day=day + datetime.timedelta(days=n), page_size=1)).hits[0].pk
        for n in range(14)
    }
    # Over two weeks, the first place goes to several people.
    assert len(tops) >= 4


def test_relevance_ranks_better_matches_first(backend, people):
    result = backend.search(MEMBERS.query(q="translator", page_size=100))
    assert names(result) == {"Amira Haddad", "Hanne Wouters"}


def test_profiles_are_reindexed_when_they_change(backend, people, django_capture_on_commit_callbacks):
    profile = people["Noah Lejeune"]
    with django_capture_on_commit_callbacks(execute=True):
        profile.title = "Clown et jongleur"
        profile.save()
    assert everything(backend, q="jongleur") == {"Noah Lejeune"}
    with django_capture_on_commit_callbacks(execute=True):
        profile.sectors.add(*Sector.objects.filter(slug="visual-arts"))
    assert "Noah Lejeune" in everything(backend, q="beeldende")
    with django_capture_on_commit_callbacks(execute=True):
        profile.delete()
    assert everything(backend, q="jongleur") == set()


def test_facet_counts_follow_a_change_asked_the_same_way_twice(
    backend, people, django_capture_on_commit_callbacks
):
    """The same search twice around a change: the counts are the new ones (OpenSearch keeps
    counts in its request cache; a change must not leave the old ones served)."""

    def visual_arts(**filters):
        result = backend.search(MEMBERS.query(page_size=100, **filters))
        return next((o.count for o in result.facets["sector"] if o.value == "visual-arts"), 0)

    before = visual_arts(region="03000")
    assert visual_arts(region="03000") == before
    profile = people["Noah Lejeune"]
    assert profile.municipality.region.refnis == "03000"
    assert not profile.sectors.filter(slug="visual-arts").exists()
    with django_capture_on_commit_callbacks(execute=True):
        profile.sectors.add(*Sector.objects.filter(slug="visual-arts"))
    assert visual_arts(region="03000") == before + 1


def test_combinations_are_the_intersections_of_single_filters(backend, people):
    singles = {
        "sector": ("photography",),
        "region": "03000",
        "language": ("fr",),
        "mentor": True,
        "experience": ("senior", "experienced"),
    }
    for a, b in itertools.combinations(singles, 2):
        both = everything(backend, **{a: singles[a], b: singles[b]})
        assert both == everything(backend, **{a: singles[a]}) & everything(backend, **{b: singles[b]}), (a, b)


@pytest.mark.django_db(transaction=True)
def test_the_same_profile_indexed_twice_at_once_stays_indexed_once(demo_site):
    """Two requests saving one profile at the same moment (a member logged in twice) reindex it
    concurrently: neither fails, and the profile is found once."""
    import threading

    from django.db import connection, connections

    if connection.vendor != "postgresql":
        pytest.skip("concurrent writers: PostgreSQL (SQLite's test database is in memory)")
    from portal.search.database import DatabaseBackend

    profile = MemberProfile.objects.public().first()
    errors = []

    def reindex():
        try:
            for _round in range(15):
                DatabaseBackend(MEMBERS).update([profile.pk])
        except Exception as error:  # noqa: BLE001 — collected, asserted below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=reindex) for _thread in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    result = DatabaseBackend(MEMBERS).search(MEMBERS.query(q=profile.display_name.split()[0], page_size=100))
    assert [p.pk for p in result.hits].count(profile.pk) == 1
