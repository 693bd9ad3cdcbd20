"""The calls search gives the same answers on the database and on OpenSearch: words in any of
the four languages (and CPV labels), level, kind, sector, region and province, status, deadline
range, value band, "closing soon", the facet counts and the deadline order (rolling calls
last)."""

import datetime

import pytest
from django.http import QueryDict
from django.utils import timezone

from calls.documents import CALLS
from calls.views import calls_query
from portal import search
from tests.calls.test_pages import make_calls

pytestmark = pytest.mark.django_db


@pytest.fixture
def calls():
    return make_calls()


@pytest.fixture(params=["database", "opensearch"])
def backend(request, settings, calls):
    if request.param == "opensearch":
        request.getfixturevalue("search_engine")
        search.install(CALLS)
        search.rebuild(CALLS)
    else:
        settings.SEARCH_BACKEND = "database"
    return search.get_backend(CALLS)


def keys(calls, result):
    by_pk = {call.pk: key for key, call in calls.items()}
    return [by_pk[hit.pk] for hit in result.hits if hit.pk in by_pk]


def found(calls, **params):
    result = search.search(CALLS.query(q=params.pop("q", "Zorglub"), page_size=100, **params))
    assert result.total == len(result.hits)
    return set(keys(calls, result))


def counts(result, facet):
    return {o.value: o.count for o in result.facets.get(facet, [])}


def test_every_published_call_whatever_its_status(backend, calls):
    assert found(calls) == set(calls)
    calls["awarded"].published = False
    calls["awarded"].save()
    search.update(CALLS, [calls["awarded"].pk])
    assert found(calls) == set(calls) - {"awarded"}


@pytest.mark.parametrize(
    "words, expected",
    [
        ("monuments", {"photo"}),  # French and English titles
        ("fotoreportage", {"photo"}),  # Dutch title
        ("theaterproductie scholen", {"theatre"}),
        ("Subvention", {"grant"}),
        ("création", {"grant"}),
        ("creation", {"grant"}),  # accents folded
        ("Liège", {"photo"}),  # the issuing body
        ("Fotografische", {"photo"}),  # the CPV label in Dutch
        ("Werbe", set()),
        ("79961000", {"photo"}),  # the CPV code itself
    ],
)
def test_words_in_any_language(backend, calls, words, expected):
    assert found(calls, q=f"Zorglub {words}") == expected


@pytest.mark.parametrize(
    "params, expected",
    [
        ({"level": "european"}, {"grant"}),
        ({"level": "regional"}, {"photo", "theatre", "awarded"}),
        ({"kind": "tender"}, {"photo", "website", "closed"}),
        ({"kind": ["grant", "artist"]}, {"grant", "awarded"}),
        ({"sector": ["photography", "graphic-design"]}, {"photo", "closed"}),
        ({"region": "02000"}, {"theatre", "grant"}),
        ({"region": "03000"}, {"photo", "grant", "awarded"}),
        ({"province": "60000"}, {"photo"}),
        ({"status": ["forthcoming", "open"]}, {"photo", "theatre", "website", "grant"}),
        ({"status": "awarded"}, {"awarded"}),
        ({"value": "30k-140k"}, {"photo"}),
        ({"value": ["under-30k", "140k-1m"]}, {"website", "theatre"}),
        ({"closing_soon": True}, {"photo"}),
        ({"closing_soon": False}, {"theatre", "website", "grant", "closed", "awarded"}),
        ({"kind": "tender", "status": "open", "region": "04000"}, {"website"}),
    ],
)
def test_filters(backend, calls, params, expected):
    assert found(calls, **params) == expected


def test_facet_counts(backend, calls):
    result = search.search(CALLS.query(q="Zorglub", status=["forthcoming", "open"]))
    assert counts(result, "kind") == {"tender": 2, "projects": 1, "grant": 1}
    assert counts(result, "level") == {"regional": 2, "national": 1, "european": 1}
    assert counts(result, "region") == {"02000": 2, "03000": 2, "04000": 2}
    assert counts(result, "province") == {"40000": 1, "60000": 1}
    assert counts(result, "value") == {"under-30k": 1, "30k-140k": 1, "140k-1m": 1}
    assert counts(result, "closing_soon") == {"true": 1}
    # The status facet counts without its own filter: the closed calls are one tick away.
    assert counts(result, "status") == {"forthcoming": 1, "open": 3, "closed": 1, "awarded": 1}
    result = search.search(CALLS.query(q="Zorglub", sector="photography"))
    assert counts(result, "sector")["photography"] == 1
    assert counts(result, "sector")["graphic-design"] == 1


def _query(text):
    return calls_query(QueryDict(text, mutable=False))[1]


def test_deadline_range_and_order(backend, calls):
    day = lambda n: (timezone.localdate() + datetime.timedelta(days=n)).isoformat()  # noqa: E731
    # The list's query: live calls by default, soonest deadline first, rolling calls last.
    result = search.search(_query("q=Zorglub&ordering=deadline"))
    assert keys(calls, result) == ["photo", "theatre", "website", "grant"]
    result = search.search(_query(f"q=Zorglub&deadline_from={day(10)}&deadline_to={day(30)}"))
    assert keys(calls, result) == ["theatre"]
    result = search.search(_query(f"q=Zorglub&deadline_to={day(21)}&status=open,closed"))
    assert set(keys(calls, result)) == {"photo", "theatre", "closed"}
    result = search.search(_query(f"q=Zorglub&deadline_from={day(40)}"))
    # A rolling call has no deadline: it is never "before" a day, always "after".
    assert set(keys(calls, result)) == {"website", "grant"}
    # Newest first, and the highest value first.
    result = search.search(_query("q=Zorglub&ordering=published&status=open,forthcoming,closed,awarded"))
    assert keys(calls, result) == ["website", "theatre", "photo", "grant", "closed", "awarded"]
    result = search.search(_query("q=Zorglub&ordering=value"))
    assert keys(calls, result)[:2] == ["theatre", "grant"]
