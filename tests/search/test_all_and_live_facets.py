"""Two kinds of facets the shared layer offers beside "any of": "all of" (amenities: a space
with every one chosen) and live yes/no states ("open now": true for different objects at
different moments, never indexed). Same answers on the database and on OpenSearch."""

from dataclasses import dataclass

import pytest

from portal import search

pytestmark = pytest.mark.django_db


@dataclass
class Room:
    pk: int
    name: str
    tools: tuple


ROOMS = {
    r.pk: r
    for r in [
        Room(1, "Atelier nord", ("wifi", "kitchen", "darkroom")),
        Room(2, "Studio sud", ("wifi", "darkroom")),
        Room(3, "Salle est", ("wifi", "kitchen")),
        Room(4, "Cave ouest", ("darkroom",)),
        Room(5, "Grenier", ()),
    ]
}
TOOLS = {"wifi": "Wifi", "kitchen": "Kitchen", "darkroom": "Darkroom"}
OPEN_NOW = {1, 3, 5}


class RoomDocument(search.SearchDocument):
    name = "testrooms"
    text_fields = [search.TextField("name", lambda r: r.name)]
    facets = [
        search.Facet("tool", "Tool", lambda r: r.tools, lambda: list(TOOLS.items()), many=True, match="all"),
        search.Facet("open_now", "Open now", lambda r: None, boolean=True, live=lambda: set(OPEN_NOW)),
    ]

    def objects(self, ids=None):
        keys = sorted(ROOMS) if ids is None else sorted(set(ids) & set(ROOMS))
        return [ROOMS[k] for k in keys]

    def load(self, ids):
        return [ROOMS[pk] for pk in ids if pk in ROOMS]


DOC = RoomDocument()


@pytest.fixture(params=["database", "opensearch"])
def rooms(request, settings):
    if request.param == "opensearch":
        request.getfixturevalue("search_engine")
    else:
        settings.SEARCH_BACKEND = "database"
    search.install(DOC)
    search.rebuild(DOC)
    yield DOC
    search.uninstall(DOC)


def found(**params):
    result = search.search(DOC.query(page_size=100, **params))
    assert result.total == len(result.hits)
    return {r.pk for r in result.hits}, result


def counts(result, facet):
    return {o.value: o.count for o in result.facets[facet]}


def test_all_of_the_chosen_values(rooms):
    assert found(tool=["darkroom"])[0] == {1, 2, 4}
    assert found(tool=["darkroom", "wifi"])[0] == {1, 2}
    assert found(tool=["darkroom", "wifi", "kitchen"])[0] == {1}


def test_all_of_counts_narrow_within_the_choice(rooms):
    # With "darkroom" chosen, each count is what ticking that option too would give.
    _ids, result = found(tool=["darkroom"])
    assert counts(result, "tool") == {"wifi": 2, "kitchen": 1, "darkroom": 3}
    for value, count in counts(result, "tool").items():
        assert len(found(tool=sorted({"darkroom", value}))[0]) == count


def test_a_live_state_filters_and_counts_without_being_indexed(rooms):
    ids, result = found()
    assert ids == set(ROOMS)
    assert counts(result, "open_now") == {"true": 3}
    assert found(open_now=True)[0] == OPEN_NOW
    assert found(open_now=False)[0] == set(ROOMS) - OPEN_NOW
    ids, result = found(open_now=True, tool=["wifi"])
    assert ids == {1, 3}
    assert counts(result, "tool") == {"wifi": 2, "kitchen": 2, "darkroom": 1}
    # The live facet's own count leaves its filter out: "open now" among the wifi rooms.
    assert counts(result, "open_now") == {"true": 2}


def test_the_live_state_is_read_at_each_search(rooms):
    OPEN_NOW.discard(5)
    try:
        assert found(open_now=True)[0] == {1, 3}
    finally:
        OPEN_NOW.add(5)
