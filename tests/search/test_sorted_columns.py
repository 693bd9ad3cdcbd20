"""Range filters ("still to come": end >= now) on the database backend come from each ordering
column kept in order by the process (bitsets.Sorted). Whatever the bounds, and after any
writes, they must hold exactly the ids SQL's `low <= value <= high` would give."""

import math

from hypothesis import example, given, settings
from hypothesis import strategies as st

from portal.search import bitsets
from portal.search.bitsets import FacetBits, Sorted

# Few distinct values, so that ties and bounds on a value are common.
values = st.one_of(st.none(), st.integers(0, 30).map(float))
tables = st.dictionaries(st.integers(1, 400), values, max_size=300)
writes = st.lists(st.dictionaries(st.integers(1, 450), values, max_size=20), max_size=5)
bounds = st.one_of(st.none(), st.integers(-1, 31).map(float), st.just(12.5))


def by_hand(table, low, high):
    return {
        pk
        for pk, value in table.items()
        if value is not None and (low is None or value >= low) and (high is None or value <= high)
    }


def state(seq, previous=None, changed=()):
    return FacetBits(seq, f"t{seq}", {}, 0, previous=previous, changed=frozenset(changed))


def column(table, seq=1):
    return Sorted.read(state(seq), [(v, pk) for pk, v in table.items() if v is not None])


@settings(max_examples=300, deadline=None)
@given(tables, st.lists(st.tuples(bounds, bounds), min_size=1, max_size=8), st.integers(1, 64))
def test_every_range_holds_the_ids_sql_would_give(table, ranges, step):
    bitsets.MARK_STEP, kept = step, bitsets.MARK_STEP
    try:
        sorted_column = column(table)
    finally:
        bitsets.MARK_STEP = kept
    for low, high in ranges:
        assert set(bitsets.ids_of(sorted_column.within(low, high))) == by_hand(table, low, high)


@settings(max_examples=300, deadline=None)
@given(tables, writes, bounds, bounds)
def test_a_column_patched_with_each_write_is_the_column_read_again(table, written, low, high):
    bitsets.MARK_STEP, kept = 4, bitsets.MARK_STEP
    try:
        sorted_column = column(table)
    finally:
        bitsets.MARK_STEP = kept
    table = dict(table)
    for seq, write in enumerate(written, start=2):
        for pk, value in write.items():
            table[pk] = value  # None: the value is gone, or the row
        rows = [(pk, value) for pk, value in write.items() if value is not None]
        sorted_column = sorted_column.patched(state(seq, (seq - 1, f"t{seq - 1}"), write), rows)
        assert (sorted_column.seq, sorted_column.token) == (seq, f"t{seq}")
        assert set(bitsets.ids_of(sorted_column.within(low, high))) == by_hand(table, low, high)
        assert list(sorted_column.values) == sorted(sorted_column.values)
        by_id = sorted_column.by_id
        assert all(math.isnan(by_id[pk]) or table.get(pk) == by_id[pk] for pk in range(len(by_id)))


@settings(max_examples=300, deadline=None)
@given(
    tables,
    st.integers(1, 4),
    st.integers(0, 40),
    st.integers(1, 30),
    st.booleans(),
    st.integers(1, 9),
)
@example({1: 2.0, 2: 2.0, 3: 2.0, 4: 1.0}, 1, 0, 3, True, 2)  # ties, descending: by id
def test_a_page_in_a_columns_order_is_the_one_sql_gives(table, every, start, size, descending, step):
    """ORDER BY value (ASC or DESC), id, LIMIT size OFFSET start over the matching rows, both
    from a walk of the column (many matches) and from sorting the matches (few)."""
    bitsets.MARK_STEP, kept = step, bitsets.MARK_STEP
    try:
        sorted_column = column(table)
    finally:
        bitsets.MARK_STEP = kept
    found = {pk for pk in table if pk % every == 0}  # many matches, with ties
    with_value = {pk for pk in found if table[pk] is not None}
    if with_value != found:
        assert sorted_column.page(bitsets.from_ids(found), start, start + size, descending, few=0) is None
    expected = sorted(with_value, key=lambda pk: (-table[pk] if descending else table[pk], pk))
    for few in (0, 10_000):
        page = sorted_column.page(bitsets.from_ids(with_value), start, start + size, descending, few=few)
        assert page == expected[start : start + size], few
