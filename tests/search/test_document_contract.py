"""The shared search layer's contract, on a small document declared here only.

Nothing below knows which backend answers: the same declaration gives the form, the indexes
and the queries on the database and on OpenSearch, and the same answers.
"""

import datetime
import itertools
from dataclasses import dataclass, replace

import pytest
from django.http import QueryDict
from django.utils import translation

from portal import search
from portal.search.documents import ROTATION_PRIME
from portal.search.forms import search_form
from portal.search.text import fold

pytestmark = pytest.mark.django_db


@dataclass
class Book:
    pk: int
    title: str
    blurb: str
    genres: tuple
    shelf: str
    language: str = "fr"  # the blurb's


GENRES = {"novel": "Novel", "essay": "Essay", "poetry": "Poetry", "comics": "Comics"}
SHELVES = {"a": "Shelf A", "b": "Shelf B", "c": "Shelf C"}
LIBRARY = {
    b.pk: b
    for b in [
        Book(1, "Économie du don", "essai sur la coopération", ("essay",), "a"),
        Book(2, "Les Coopératives d'artistes", "histoire et récits", ("essay", "novel"), "a"),
        Book(3, "Zwarte sneeuw", "roman over de winter", ("novel",), "b", "nl"),
        Book(4, "Ode à Liège", "poèmes", ("poetry",), "b"),
        Book(5, "Éclats", "bande dessinée et poésie", ("comics", "poetry"), "c"),
        Book(6, "Atelier", "un roman d'atelier", ("novel",), "c"),
        Book(7, "Berichten", "essays", ("essay",), "b", "nl"),
    ]
}


class BookDocument(search.SearchDocument):
    name = "testbooks"
    text_fields = [
        search.TextField("title", lambda b: b.title, boost=3, suggest=True),
        search.TextField("blurb", lambda b: {b.language: b.blurb}, stemmed=True),
    ]
    facets = [
        search.Facet("genre", "Genre", lambda b: b.genres, lambda: list(GENRES.items()), many=True),
        search.Facet("shelf", "Shelf", lambda b: b.shelf, lambda: list(SHELVES.items()), choose="one"),
    ]
    orderings = [search.Ordering("title", "Title", lambda b: b.title)]
    page_size = 3

    def objects(self, ids=None):
        keys = sorted(LIBRARY) if ids is None else sorted(set(ids) & set(LIBRARY))
        return [LIBRARY[k] for k in keys]

    def load(self, ids):
        return [LIBRARY[pk] for pk in ids if pk in LIBRARY]

    def count(self):
        return len(LIBRARY)


BOOKS = BookDocument()


@pytest.fixture(params=["database", "opensearch"])
def books(request, settings):
    if request.param == "opensearch":
        request.getfixturevalue("search_engine")
    else:
        settings.SEARCH_BACKEND = "database"
    search.install(BOOKS)
    search.rebuild(BOOKS)
    yield BOOKS
    search.uninstall(BOOKS)


def titles(result):
    return {b.title for b in result.hits}


def everything(**params):
    result = search.search(BOOKS.query(page_size=100, **params))
    assert result.total == len(result.hits)
    return titles(result)


def test_no_filter_finds_every_book(books):
    assert everything() == {b.title for b in LIBRARY.values()}


def test_facet_filters_one_and_several_values(books):
    assert everything(genre=["novel"]) == {"Les Coopératives d'artistes", "Zwarte sneeuw", "Atelier"}
    assert everything(genre=["poetry", "comics"]) == {"Ode à Liège", "Éclats"}
    assert everything(shelf="b") == {"Zwarte sneeuw", "Ode à Liège", "Berichten"}
    assert everything(genre=["essay"], shelf="a") == {"Économie du don", "Les Coopératives d'artistes"}


def test_combinations_are_intersections(books):
    singles = {"genre": ["essay"], "shelf": "b", "q": "roman"}
    for a, b in itertools.combinations(singles, 2):
        both = everything(**{a: singles[a], b: singles[b]})
        assert both == everything(**{a: singles[a]}) & everything(**{b: singles[b]}), (a, b)


def test_text_needs_every_word_as_a_prefix_accents_folded(books):
    assert everything(q="economie") == {"Économie du don"}
    assert everything(q="COOP") == {"Économie du don", "Les Coopératives d'artistes"}
    assert everything(q="liege poemes") == {"Ode à Liège"}
    assert everything(q="roman winter") == {"Zwarte sneeuw"}
    assert everything(q="nothing-like-this") == set()


@pytest.mark.parametrize(
    "params", [{}, {"genre": ["novel"]}, {"shelf": "c"}, {"q": "roman"}, {"genre": ["essay"], "shelf": "b"}]
)
def test_facet_counts_equal_the_results_they_lead_to(books, params):
    result = search.search(BOOKS.query(**params))
    assert set(result.facets) == {"genre", "shelf"}
    for name, options in result.facets.items():
        for option in options:
            assert option.count > 0 or option.selected
            narrowed = search.search(BOOKS.query(**{**params, name: [option.value]}))
            assert narrowed.total == option.count, (name, option.value)


def test_facet_labels_and_only_options_in_use(books):
    result = search.search(BOOKS.query(shelf="b"))
    assert [(o.value, o.label, o.count) for o in result.facets["genre"]] == [
        ("novel", "Novel", 1),
        ("essay", "Essay", 1),
        ("poetry", "Poetry", 1),
    ]
    shelves = {o.value: (o.count, o.selected) for o in result.facets["shelf"]}
    assert shelves == {"a": (2, False), "b": (3, True), "c": (2, False)}


def test_orderings_and_pages(books):
    by_title = [b.title for b in search.search(BOOKS.query(ordering="title", page_size=100)).hits]
    assert by_title == sorted(by_title, key=fold)
    pages = [search.search(BOOKS.query(ordering="title", page=n)) for n in (1, 2, 3)]
    assert [b.title for p in pages for b in p.hits] == by_title
    assert pages[0].num_pages == 3 and pages[0].has_next and not pages[2].has_next
    first = [b.pk for b in search.search(BOOKS.query(page_size=100)).hits]
    assert first == [b.pk for b in search.search(BOOKS.query(page_size=100)).hits]


def test_the_days_fair_order_is_the_same_on_every_backend_and_moves_each_day(books):
    """Nobody always first: each day of the week its own order of the ids (id × the day's
    factor mod the prime), the same whichever backend answers."""
    orders = []
    for day in (datetime.date(2026, 11, 23), datetime.date(2026, 11, 24), datetime.date(2026, 11, 30)):
        query = BOOKS.query(page_size=100)
        query = replace(query, day=day)
        expected = sorted(LIBRARY, key=lambda pk: pk * query.rotation_factor % ROTATION_PRIME)
        assert [b.pk for b in search.search(query).hits] == expected, day
        orders.append(expected)
    assert orders[0] != orders[1]  # Monday, Tuesday
    assert orders[0] == orders[2]  # Monday a week later


def test_equally_relevant_hits_come_in_the_days_fair_order(books):
    """Six notebooks that say "carnet" alike: relevance cannot part them, the day's key does,
    on every backend (OpenSearch folds it into the score: it then skips what cannot place)."""
    added = range(21, 27)
    for pk in added:
        LIBRARY[pk] = Book(pk, f"Carnet {pk}", "notes", ("essay",), "c")
    try:
        search.update(BOOKS, list(added))
        for day in (datetime.date(2026, 11, 23), datetime.date(2026, 11, 26)):
            query = replace(BOOKS.query(q="carnet", page_size=100), day=day)
            expected = sorted(added, key=lambda pk, f=query.rotation_factor: pk * f % ROTATION_PRIME)
            result = search.search(query)
            assert [b.pk for b in result.hits] == expected, day
            assert result.total == 6
    finally:
        for pk in added:
            del LIBRARY[pk]
        search.update(BOOKS, list(added))


def test_changes_are_indexed_and_removed(books):
    LIBRARY[8] = Book(8, "Nouvelle parution", "un roman", ("novel",), "a")
    try:
        search.update(BOOKS, [8])
        assert "Nouvelle parution" in everything(genre=["novel"], shelf="a")
    finally:
        del LIBRARY[8]
    search.update(BOOKS, [8])
    assert "Nouvelle parution" not in everything()


def test_suggestions_start_with_what_was_typed(books):
    assert "Économie du don" in search.suggest(BOOKS, "econ")
    # Several words, in any case, accents and punctuation folded: the label must start with them.
    assert search.suggest(BOOKS, "LES COOPERATIVES D'ART") == ["Les Coopératives d'artistes"]
    assert search.suggest(BOOKS, "cooperatives") == []
    assert search.suggest(BOOKS, "  ") == []


def test_each_text_is_stemmed_in_its_own_language_only():
    """On OpenSearch a text whose language is known is read by that language's analyzer alone;
    a text of unknown language by all four (what a stemmed field is sent, not how it ranks)."""
    from portal.search.opensearch import source

    dutch = source(BOOKS, LIBRARY[3])
    assert {k: v for k, v in dutch.items() if k.startswith("blurb_in_")} == {
        "blurb_in_nl": ["roman over de winter"]
    }
    assert dutch["blurb"] == ["roman over de winter"]

    class Untagged(BookDocument):
        text_fields = [search.TextField("blurb", lambda b: b.blurb, stemmed=True)]

    unknown = source(Untagged(), LIBRARY[3])
    assert [unknown[f"blurb_in_{code}"] for code in ("fr", "nl", "de", "en")] == [
        ["roman over de winter"]
    ] * 4


@pytest.mark.parametrize("language", ["fr", "nl", "de", "en"])
def test_bad_parameters_are_reported_and_left_out(books, language):
    Form = search_form(BOOKS)
    data = QueryDict("genre=novel&genre=zzz&shelf=a&shelf=b&page=abc&ordering=sideways&q=roman")
    with translation.override(language):
        form = Form(data)
        assert not form.is_valid()
        errors = form.error_messages()
        expected = {
            "genre": translation.gettext("Unknown value: %(values)s.") % {"values": "zzz"},
            "shelf": translation.gettext("Choose only one value."),
        }
    assert set(errors) == {"genre", "shelf", "page", "ordering"}
    for name, message in expected.items():
        assert errors[name] == [message]
    # What was understood still searches: the text, not the bad filters.
    query = form.to_query()
    assert query.q == "roman" and query.filters == {} and query.page == 1
    assert titles(search.search(query)) == {"Zwarte sneeuw", "Atelier"}


def test_relevance_and_the_declared_orderings_are_accepted(books):
    Form = search_form(BOOKS)
    for value in ("", "relevance", "title"):
        assert Form(QueryDict(f"ordering={value}")).is_valid(), value
