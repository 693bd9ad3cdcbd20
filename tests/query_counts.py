"""A list page or API must read as many SQL queries for a few rows as for many (issue 13): the
check the spaces', events' and calls' tests share."""

from django.db import connection
from django.test.utils import CaptureQueriesContext, override_settings

FEW, MANY = 3, 30
MOST_QUERIES = 12


def count_queries(client, address):
    """The SQL queries of a second request: the first caches the reference data in the worker,
    as after the first visitor."""
    client.get(address)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(address)
    assert response.status_code == 200, f"{address} answered {response.status_code}"
    return len(captured)


def assert_found(client, api, expected, added):
    count = client.get(api).json()["count"]
    assert count == expected, f"{api} found {count} rows with {added} added, not {expected}"


def assert_queries_bounded(client, addresses, *, add, api, expected=(FEW, MANY), most=MOST_QUERIES):
    """`add(FEW)` rows, count each address's queries, `add(MANY - FEW)` more, count again: the
    counts must stay the same (a text search's may drop: a text most rows hold is not ranked)
    and none pass `most`. `api` (without filters) must find `expected` rows after each step, or
    the addresses would not show what was added."""
    # The pages are measured as built, not as kept for visitors.
    with override_settings(VISITOR_CACHE_SECONDS=0):
        add(FEW)
        few = {address: count_queries(client, address) for address in addresses}
        assert_found(client, api, expected[0], FEW)
        add(MANY - FEW)
        assert_found(client, api, expected[1], MANY)
        many = {address: count_queries(client, address) for address in addresses}
    # Only a text search may read fewer: its text, in most of the rows, is no longer ranked.
    changed = {
        address: (few[address], many[address])
        for address in few
        if many[address] > few[address] or (many[address] < few[address] and "q=" not in address)
    }
    assert not changed, f"SQL queries changed with the rows: {few} for {FEW}, {many} for {MANY}"
    over = {address: count for address, count in few.items() if count > most}
    assert not over, f"more than {most} SQL queries: {over}"
