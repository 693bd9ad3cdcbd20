"""The spaces' list page and API read a bounded number of SQL queries, whatever the number of
spaces found (issue 13): the same with 3 spaces as with 30, at most 12 for the page."""

import pytest

from coworking.demo import create_spaces
from coworking.documents import SPACES
from coworking.models import Space
from portal import search
from tests.query_counts import assert_queries_bounded

pytestmark = pytest.mark.django_db
PAGE = "/fr/espaces/?q=zorglub"
API = "/api/v1/spaces/?q=zorglub"
LANGUAGES = ("fr", "nl", "de", "en")


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


def test_the_list_and_the_api_read_as_many_queries_for_3_spaces_as_for_30(client):
    # A page of 20 cards with their photos, amenities and status, the map of all 30.
    assert_queries_bounded(client, [PAGE, API], add=more_spaces, api=API)
