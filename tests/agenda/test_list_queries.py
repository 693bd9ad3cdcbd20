"""The events' list page, archive and API read a bounded number of SQL queries, whatever the
number of events found (issue 13): the same with 3 events as with 30, at most 12 for a page."""

import pytest

from agenda.demo import create_events
from agenda.documents import EVENTS
from agenda.models import Event
from coworking.models import Space
from portal import search
from tests.query_counts import FEW, MANY, assert_queries_bounded

pytestmark = pytest.mark.django_db
PAGE = "/fr/agenda/?q=zorglub"
ARCHIVE = "/fr/agenda/archives/?q=zorglub"
API = "/api/v1/events/?q=zorglub&when=all"


def more_events(count, days_back):
    """Invented events (at spaces, other addresses and online, with registrations, some full)
    titled Zorglub, in the coming two months or the past two, indexed."""
    before = set(Event.objects.values_list("pk", flat=True))
    create_events(count, seed=count + days_back, days_back=days_back, days_ahead=0 if days_back else 60)
    made = Event.objects.exclude(pk__in=before).order_by("pk")
    made.update(published=True)
    space = Space.objects.public().first()
    for n, event in enumerate(made):
        titles = {f"title_{code}": f"Zorglub {event.pk}" for code in ("fr", "nl", "de", "en")}
        # Every other one free and without a limit: each filter below finds some of them; the
        # first of each batch at a space, the second at an address, the third online.
        free = {"capacity": None, "price": None, "status": "scheduled"} if n % 2 == 0 else {}
        where = [
            {"venue": "space", "space_id": space.pk, "municipality_id": space.municipality_id},
            {"venue": "address"},
            {"venue": "online"},
        ][n % 3]
        Event.objects.filter(pk=event.pk).update(**titles, **free, **where)
    search.update(EVENTS, [e.pk for e in made])


def upcoming_and_past(count):
    more_events(count, days_back=0)
    more_events(count, days_back=60)


@pytest.mark.parametrize("filters", ["", "&places_left=true&price=free", "&ordering=latest"])
def test_the_lists_and_the_api_read_as_many_queries_for_3_events_as_for_30(client, filters):
    addresses = [address + filters for address in (PAGE, ARCHIVE, API)]
    # As many past events as upcoming ones: the API, with when=all, finds both.
    assert_queries_bounded(client, addresses, add=upcoming_and_past, api=API, expected=(2 * FEW, 2 * MANY))
