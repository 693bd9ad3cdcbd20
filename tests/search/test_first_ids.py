"""search.first_ids (the site search's way in: every document asked at once, no facets) gives
each query's first page and total as search() does, in the same order, on both backends."""

import datetime

import pytest
from django.utils import timezone

from calls.documents import CALLS
from calls.models import Call
from directory.documents import MEMBERS
from directory.factories import ProfileFactory
from portal import search
from portal.search.registry import get as document_named

pytestmark = pytest.mark.django_db


@pytest.fixture(params=["database", "opensearch"])
def backend(request, settings):
    """Members and calls in Liège and elsewhere (the demo spaces and events are there already),
    indexed on the backend under test."""
    for n, place in enumerate(["62063", "62063", "21004", "44021", "62063"]):
        ProfileFactory(display_name=f"Membre {n}", place=place)
    deadline = timezone.now() + datetime.timedelta(days=10)
    for n, buyer in enumerate(["Ville de Liège", "Stad Gent", "Ville de Liège", "Province de Liège"]):
        Call.objects.create(
            title_fr=f"Appel {n}",
            kind="tender",
            status="open",
            deadline=deadline + datetime.timedelta(days=n),
            buyer_name=buyer,
        )
    if request.param == "opensearch":
        request.getfixturevalue("search_engine")
        documents = search.documents()
    else:
        settings.SEARCH_BACKEND = "database"
        documents = [MEMBERS, CALLS]  # the demo's spaces and events are indexed already
    for document in documents:
        search.install(document)
        search.rebuild(document)
    return request.param


def queries():
    """A few queries of every document: words, none, each order offered, near a place."""
    found = []
    for document in search.documents():
        for q in ("liège", "", "zzzqqq"):
            found.append(document.query(q=q, page_size=3))
        for value, _label in document.ordering_choices():
            found.append(
                document.query(ordering=value, near="62063" if document.has_geo else "", page_size=3)
            )
    # What the site search asks: the events still to come.
    events = document_named("events")
    found.append(events.query(q="liège", page_size=3).narrowed({"end": (timezone.now(), None)}))
    return found


def test_first_ids_give_the_first_page_and_total_of_search(backend):
    asked = queries()
    expected = []
    for query in asked:
        result = search.search(query)
        expected.append(([query.document.object_id(hit) for hit in result.hits], result.total))
    assert search.first_ids(asked) == expected
    assert any(total > len(ids) > 0 for ids, total in expected)
