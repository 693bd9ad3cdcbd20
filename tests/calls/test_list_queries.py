"""The calls' list page and API read a bounded number of SQL queries, whatever the number of
calls found (issue 13): the same with 3 calls as with 30, at most 12 for the page."""

import datetime

import pytest
from django.utils import timezone

from calls.demo import create_calls
from calls.documents import CALLS
from calls.models import Call
from portal import search
from tests.query_counts import assert_queries_bounded

pytestmark = pytest.mark.django_db
PAGE = "/fr/appels/?q=zorglub"
API = "/api/v1/calls/?q=zorglub"


def more_calls(count):
    """Invented calls (sectors, regions, provinces, lots) titled Zorglub, open until the coming
    days (some closing within the week), indexed."""
    before = set(Call.objects.values_list("pk", flat=True))
    create_calls(count, seed=count, days_back=0, days_ahead=30)
    made = Call.objects.exclude(pk__in=before).order_by("pk")
    for n, call in enumerate(made):
        titles = {f"title_{code}": f"Zorglub {call.pk}" for code in ("fr", "nl", "de", "en")}
        deadline = timezone.now() + datetime.timedelta(days=3 + 10 * (n % 3))
        Call.objects.filter(pk=call.pk).update(published=True, status="open", deadline=deadline, **titles)
    search.update(CALLS, [c.pk for c in made])


@pytest.mark.parametrize("filters", ["", "&closing_soon=true", "&status=open,closed&ordering=value"])
def test_the_list_and_the_api_read_as_many_queries_for_3_calls_as_for_30(client, filters):
    addresses = [address + filters for address in (PAGE, API)]
    assert_queries_bounded(client, addresses, add=more_calls, api=API)
