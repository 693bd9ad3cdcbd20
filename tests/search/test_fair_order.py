"""The fair order: each day of the week its own permutation of the ids, and nobody near the top
on every day."""

from collections import Counter

from portal.search.documents import ROTATION_FACTORS, ROTATION_PRIME


def test_nobody_is_in_the_first_hundredth_on_most_days_of_the_week():
    ids = range(1, 20001)
    tops = [
        sorted(ids, key=lambda pk, f=factor: pk * f % ROTATION_PRIME)[:200] for factor in ROTATION_FACTORS
    ]
    days_on_top = Counter(pk for top in tops for pk in top)
    # At random, an id is in 4 of 7 such tops once in 140 runs of 20,000 ids.
    assert max(days_on_top.values()) <= 3, days_on_top.most_common(3)
    assert len(set(ROTATION_FACTORS)) == 7


def key_order(ids, factor):
    return sorted(ids, key=lambda pk: pk * factor % ROTATION_PRIME)


def test_a_small_list_has_seven_orders_and_no_one_always_on_the_first_page():
    assert len({tuple(key_order(range(1, 8), factor)) for factor in ROTATION_FACTORS}) == 7
    first_pages = [key_order(range(1, 301), factor)[:20] for factor in ROTATION_FACTORS]
    days_on_first_page = Counter(pk for page in first_pages for pk in page)
    assert max(days_on_first_page.values()) <= 3, days_on_first_page.most_common(3)
