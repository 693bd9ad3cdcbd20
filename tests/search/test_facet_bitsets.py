"""The database backend counts facets from bitsets each process keeps (portal.search.bitsets).
They must give the counts a visitor would count by hand, and follow every change another
process makes: saved objects, removed ones, bulk loads, and writes that were rolled back."""

import itertools
from dataclasses import dataclass

import pytest
from django.db import transaction

from portal import search
from portal.search import bitsets
from portal.search.database import DatabaseBackend

pytestmark = pytest.mark.django_db


@dataclass
class Thing:
    pk: int
    name: str
    colour: str
    tags: tuple
    featured: bool
    size: object = None  # a number, or none


COLOURS = {"red": "Red", "blue": "Blue", "green": "Green"}
TAGS = {"wood": "Wood", "metal": "Metal", "glass": "Glass", "paper": "Paper"}
THINGS = {}


def reset_things():
    THINGS.clear()
    colours, tags = list(COLOURS), list(TAGS)
    for pk in range(1, 41):
        chosen = tuple(t for i, t in enumerate(tags) if (pk >> i) & 1)
        THINGS[pk] = Thing(
            pk,
            f"chair {pk}" if pk % 3 else f"table {pk}",
            colours[pk % 3],
            chosen,
            pk % 4 == 0,
            None if pk % 5 == 0 else float(pk % 7),
        )


class ThingDocument(search.SearchDocument):
    name = "testthings"
    text_fields = [search.TextField("name", lambda t: t.name)]
    facets = [
        search.Facet("colour", "Colour", lambda t: t.colour, lambda: list(COLOURS.items())),
        search.Facet("tag", "Tag", lambda t: t.tags, lambda: list(TAGS.items()), many=True),
        search.Facet("featured", "Featured", lambda t: t.featured, boolean=True),
    ]
    orderings = [search.Ordering("size", "Size", lambda t: t.size, kind="number")]

    def objects(self, ids=None):
        keys = sorted(THINGS) if ids is None else sorted(set(ids) & set(THINGS))
        return [THINGS[k] for k in keys]

    def load(self, ids):
        return [THINGS[pk] for pk in ids if pk in THINGS]


DOC = ThingDocument()


@pytest.fixture
def things(settings):
    settings.SEARCH_BACKEND = "database"
    reset_things()
    search.install(DOC)
    search.rebuild(DOC)
    yield DOC
    search.uninstall(DOC)
    bitsets.forget()


def by_hand(params):
    """{facet: {code: count}} as a visitor would count them: each facet within every other
    chosen filter (its own left out), and the text."""

    def keeps(thing, skip=None):
        if params.get("q") and params["q"] not in thing.name:
            return False
        if skip != "colour" and params.get("colour") and thing.colour not in params["colour"]:
            return False
        if skip != "tag" and params.get("tag") and not set(thing.tags) & set(params["tag"]):
            return False
        featured = params.get("featured")
        return skip == "featured" or featured is None or thing.featured == featured

    counts = {"colour": {}, "tag": {}, "featured": {}}
    for thing in THINGS.values():
        if keeps(thing, "colour"):
            counts["colour"][thing.colour] = counts["colour"].get(thing.colour, 0) + 1
        if keeps(thing, "tag"):
            for tag in thing.tags:
                counts["tag"][tag] = counts["tag"].get(tag, 0) + 1
        if keeps(thing, "featured") and thing.featured:
            counts["featured"]["true"] = counts["featured"].get("true", 0) + 1
    total = sum(1 for thing in THINGS.values() if keeps(thing))
    return counts, total


def counted(params):
    result = search.search(DOC.query(page_size=100, **params))
    return {
        name: {o.value: o.count for o in options if o.count} for name, options in result.facets.items()
    }, result


def every_query():
    for q, colour, tag, featured in itertools.product(
        ["", "table"], [(), ("red",), ("red", "blue")], [(), ("wood",), ("metal", "glass")], [None, True]
    ):
        params = {"q": q, "colour": list(colour), "tag": list(tag)}
        if featured is not None:
            params["featured"] = featured
        yield params


def test_counts_and_totals_are_what_one_counts_by_hand(things):
    for params in every_query():
        facets, result = counted(params)
        expected, total = by_hand(params)
        assert facets == expected, params
        assert result.total == total == len(result.hits), params


def test_a_change_saved_by_another_process_is_counted(things):
    counted({})  # this process reads the bits
    seen_before = dict(bitsets._states)
    THINGS[3] = Thing(3, "table 3", "blue", ("paper",), True)
    search.update(DOC, [3])
    del THINGS[5]
    search.remove(DOC, [5])
    # This process now sees the index as another worker would, that read it before both writes.
    bitsets._states.clear()
    bitsets._states.update(seen_before)
    facets, result = counted({})
    assert (facets, result.total) == by_hand({})
    assert result.total == 39


def test_a_bulk_load_is_read_again_in_full(things):
    counted({})
    for pk in range(41, 41 + bitsets.LOG_IDS_UP_TO + 5):
        THINGS[pk] = Thing(pk, f"shelf {pk}", "green", ("wood",), False)
    DatabaseBackend(DOC).index(DOC.objects(list(range(41, 41 + bitsets.LOG_IDS_UP_TO + 5))))
    facets, result = counted({"colour": ["green"]})
    assert (facets, result.total) == by_hand({"colour": ["green"]})


def test_a_rolled_back_write_is_forgotten(things):
    counted({})
    with pytest.raises(RuntimeError), transaction.atomic():
        THINGS[7] = Thing(7, "table 7", "red", (), False)
        search.update(DOC, [7])
        counted({})  # the bits now hold the change, inside the transaction
        raise RuntimeError("rolled back")
    reset_things()  # the objects as the database still has them
    THINGS[6] = Thing(6, "table 6", "green", ("glass",), True)
    search.update(DOC, [6])  # the same log position, written again, with another token
    facets, result = counted({})
    assert (facets, result.total) == by_hand({})


def test_a_word_searched_again_finds_what_was_saved_removed_or_rolled_back_since(things):
    """The process keeps a word's matches (bitsets.kept_text) for the tables' state: the same
    search after any write must find what a visitor would find by hand."""
    for params in ({"q": "table"}, {"q": "table", "colour": ["red"]}, {"q": "tab"}):
        assert counted(params)[1].total == by_hand(params)[1]
        THINGS[4] = Thing(4, "table 4", "red", (), False)  # was "chair 4"
        search.update(DOC, [4])
        del THINGS[6]
        search.remove(DOC, [6])
        facets, result = counted(params)
        assert (facets, result.total) == by_hand(params), params
        assert 4 in [t.pk for t in result.hits] and 6 not in [t.pk for t in result.hits]
        with pytest.raises(RuntimeError), transaction.atomic():
            THINGS[8] = Thing(8, "table 8", "red", (), False)
            search.update(DOC, [8])
            assert 8 in [t.pk for t in counted(params)[1].hits]  # seen inside the transaction
            raise RuntimeError("rolled back")
        THINGS[8] = Thing(8, "chair 8", "red" if 8 % 3 == 2 else "blue", (), False)
        reset_things()
        THINGS[4] = Thing(4, "table 4", "red", (), False)
        del THINGS[6]
        facets, result = counted(params)
        assert (facets, result.total) == by_hand(params), params
        assert 8 not in [t.pk for t in result.hits]
        reset_things()
        search.rebuild(DOC)


def test_a_range_searched_again_follows_what_was_saved_removed_or_rolled_back_since(things):
    """Ranges ("still to come") come from each column the process keeps in order
    (bitsets.Sorted), patched with every write: the same range after any write must hold what
    a visitor would find by hand."""

    def ranged(low, high, **params):
        result = search.search(DOC.query(page_size=500, **params).narrowed({"size": (low, high)}))
        return sorted(t.pk for t in result.hits), result.total

    def by_hand_within(low, high, colour=None):
        pks = [
            pk
            for pk, t in sorted(THINGS.items())
            if t.size is not None
            and (low is None or t.size >= low)
            and (high is None or t.size <= high)
            and (colour is None or t.colour in colour)
        ]
        return pks, len(pks)

    for low, high in ((2, None), (None, 3), (2, 4), (3, 3)):
        assert ranged(low, high) == by_hand_within(low, high)
        THINGS[3] = Thing(3, "table 3", "blue", (), False, 9.0)  # was 3
        THINGS[10] = Thing(10, "chair 10", "blue", (), False, 2.0)  # had none
        THINGS[11] = Thing(11, "chair 11", "blue", (), False, None)  # was 4
        search.update(DOC, [3, 10, 11])
        del THINGS[9]
        search.remove(DOC, [9])
        assert ranged(low, high) == by_hand_within(low, high)
        assert ranged(low, high, colour=["blue"]) == by_hand_within(low, high, colour=["blue"])
        with pytest.raises(RuntimeError), transaction.atomic():
            THINGS[8] = Thing(8, "chair 8", "red", (), False, 3.0)
            search.update(DOC, [8])
            assert ranged(low, high) == by_hand_within(low, high)  # seen inside the transaction
            raise RuntimeError("rolled back")
        THINGS[8] = reset_and_get(8)
        THINGS[12] = Thing(12, "chair 12", "red", (), False, 2.5)
        search.update(DOC, [12])  # the rolled-back position, written again
        assert ranged(low, high) == by_hand_within(low, high)
        for pk in range(41, 41 + bitsets.LOG_IDS_UP_TO + 5):  # a bulk load: read again in full
            THINGS[pk] = Thing(pk, f"shelf {pk}", "green", (), False, float(pk % 5))
        DatabaseBackend(DOC).index(DOC.objects(list(range(41, 41 + bitsets.LOG_IDS_UP_TO + 5))))
        assert ranged(low, high) == by_hand_within(low, high)
        reset_things()
        search.rebuild(DOC)


def reset_and_get(pk):
    """Thing `pk` as reset_things() makes it."""
    kept = dict(THINGS)
    reset_things()
    thing = THINGS[pk]
    THINGS.clear()
    THINGS.update(kept)
    return thing


def test_pages_ordered_by_relevance_hold_every_match_once(things):
    seen = []
    for page in (1, 2, 3):
        result = search.search(DOC.query(q="chair", page=page, page_size=10))
        seen += [t.pk for t in result.hits]
    assert sorted(seen) == sorted(pk for pk, t in THINGS.items() if "chair" in t.name)


def test_pages_in_the_days_rotation_are_the_ones_sql_gives(things, monkeypatch):
    """The rotation's pages come from walking the ids in the day's order through the matching
    bits; SQL, which sorts the matches, must give the same pages, new objects included."""

    def pages(params, walk):
        monkeypatch.setattr("portal.search.database.WALK", walk)
        return [
            [t.pk for t in search.search(DOC.query(page=page, page_size=7, **params)).hits]
            for page in (1, 2, 3, 6)
        ]

    queries = [{}, {"colour": ["red"]}, {"tag": ["metal", "glass"], "featured": True}]
    for params in queries:
        walked = pages(params, walk=10**6)
        assert walked == pages(params, walk=0), params  # WALK 0: every page from SQL
        assert any(walked), params
    THINGS[99] = Thing(99, "chair 99", "red", ("wood",), False)
    search.update(DOC, [99])
    walked = pages({"colour": ["red"]}, walk=10**6)
    assert 99 in sum(walked, [])
    assert walked == pages({"colour": ["red"]}, walk=0)


def test_a_word_most_rows_hold_lists_them_in_the_days_rotation(things, monkeypatch):
    """ "chair" is in 27 of the 40 names: BM25 gives it no weight, so its matches come in the
    order the list has without text (walked through the bits or sorted by SQL alike), even the
    one that says it twice."""
    everyone = [t.pk for t in search.search(DOC.query(page_size=40)).hits]
    expected = [pk for pk in everyone if "chair" in THINGS[pk].name]
    last = expected[-1]
    THINGS[last] = Thing(last, f"chair chair {last}", THINGS[last].colour, THINGS[last].tags, False)
    search.update(DOC, [last])
    for walk in (10**6, 0):
        monkeypatch.setattr("portal.search.database.WALK", walk)
        found = [t.pk for t in search.search(DOC.query(q="chair", page_size=40)).hits]
        assert found == expected, walk
        second = search.search(DOC.query(q="chair", page=2, page_size=10))
        assert [t.pk for t in second.hits] == expected[10:20], walk
        assert second.total == 27


def test_a_rarer_word_ranks_the_rows_that_say_it_most_first(things):
    """ "table" is in 13 of the 40 names (every third, all red): ranked, among them all and
    among the few a filter keeps (PostgreSQL then ranks those rows alone)."""
    THINGS[6] = Thing(6, "table table", "red", ("metal", "glass"), True)
    search.update(DOC, [6])
    result = search.search(DOC.query(q="table"))
    assert result.total == 13
    assert result.hits[0].pk == 6
    # Featured: 4 of the 13 (6, 12, 24, 36), fewer than half of them.
    result = search.search(DOC.query(q="table", featured=True))
    assert [t.pk for t in result.hits][0] == 6
    assert {t.pk for t in result.hits} == {6, 12, 24, 36}
