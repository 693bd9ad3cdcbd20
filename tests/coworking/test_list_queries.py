"""The spaces' list page and API read a bounded number of SQL queries, whatever the number of
spaces found (issue 13): the same with 3 spaces as with 30, at most 12 for the page."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from coworking.demo import create_spaces
from coworking.documents import SPACES
from coworking.models import Space
from portal import search

pytestmark = pytest.mark.django_db
PAGE = "/fr/espaces/?q=zorglub"
API = "/api/v1/spaces/?q=zorglub"
LANGUAGES = ("fr", "nl", "de", "en")


@pytest.fixture(autouse=True)
def _built_each_time(settings):
    # The pages are measured as built, not as kept for visitors.
    settings.VISITOR_CACHE_SECONDS = 0


def more_spaces(count):
    """Invented spaces (amenities, photos, rooms and desks) named Zorglub, indexed."""
    before = set(Space.objects.values_list("pk", flat=True))
    create_spaces(count, seed=count)
    made = Space.objects.exclude(pk__in=before)
    made.update(published=True)
    for space in made:
        Space.objects.filter(pk=space.pk).update(
            **{f"name_{code}": f"Zorglub {space.pk}" for code in LANGUAGES}
        )
    search.update(SPACES, [s.pk for s in made])


def queries(client, address):
    client.get(address)  # reference data cached in the worker, as after the first visitor
    with CaptureQueriesContext(connection) as captured:
        response = client.get(address)
    assert response.status_code == 200
    return len(captured)


def test_the_list_and_the_api_read_as_many_queries_for_3_spaces_as_for_30(client):
    more_spaces(3)
    page, api = queries(client, PAGE), queries(client, API)
    assert client.get(API).json()["count"] == 3
    more_spaces(27)
    assert client.get(API).json()["count"] == 30
    # A page of 20 cards with their photos, amenities and status, the map of all 30.
    assert queries(client, PAGE) == page <= 12
    assert queries(client, API) == api <= 12
