"""Date ranges of the shared search layer: objects that last (events) are found by the days
they overlap, on the database and on OpenSearch alike."""

import datetime
from dataclasses import dataclass
from zoneinfo import ZoneInfo

import pytest
from django.http import QueryDict

from portal import search
from portal.search.forms import search_form

pytestmark = pytest.mark.django_db
TZ = ZoneInfo("Europe/Brussels")


def at(day, hour):
    return datetime.datetime(2026, 12, day, hour, tzinfo=TZ)


@dataclass
class Happening:
    pk: int
    title: str
    start: datetime.datetime
    end: datetime.datetime


HAPPENINGS = {
    h.pk: h
    for h in [
        Happening(1, "Breakfast", at(1, 8), at(1, 10)),
        Happening(2, "Workshop", at(2, 14), at(2, 17)),
        Happening(3, "Festival", at(3, 10), at(6, 22)),
        Happening(4, "Late night", at(7, 23), at(8, 2)),
    ]
}


class HappeningDocument(search.SearchDocument):
    name = "testhappenings"
    text_fields = [search.TextField("title", lambda h: h.title)]
    orderings = [
        search.Ordering("start", "Start", lambda h: h.start, kind="date"),
        search.Ordering("end", "End", lambda h: h.end, kind="date"),
    ]
    date_ranges = [search.DateRange("date", "Dates", starts="start", ends="end")]

    def objects(self, ids=None):
        keys = sorted(HAPPENINGS) if ids is None else sorted(set(ids) & set(HAPPENINGS))
        return [HAPPENINGS[k] for k in keys]

    def load(self, ids):
        return [HAPPENINGS[pk] for pk in ids if pk in HAPPENINGS]


DOC = HappeningDocument()


@pytest.fixture(params=["database", "opensearch"])
def happenings(request, settings):
    if request.param == "opensearch":
        request.getfixturevalue("search_engine")
    else:
        settings.SEARCH_BACKEND = "database"
    search.install(DOC)
    search.rebuild(DOC)
    yield DOC
    search.uninstall(DOC)


def found(query_string):
    form = search_form(DOC)(QueryDict(query_string))
    assert form.is_valid(), form.errors
    result = search.search(form.to_query())
    return {h.title for h in result.hits}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("date_from=2026-12-02&date_to=2026-12-02", {"Workshop"}),
        ("date_from=2026-12-05", {"Festival", "Late night"}),  # the festival is still on
        ("date_to=2026-12-01", {"Breakfast"}),
        ("date_from=2026-12-08&date_to=2026-12-08", {"Late night"}),  # past midnight
        ("date_from=2026-12-09", set()),
        ("", {"Breakfast", "Workshop", "Festival", "Late night"}),
    ],
)
def test_the_days_asked_for_keep_what_overlaps_them(happenings, query, expected):
    assert found(query) == expected


def test_a_range_given_in_code_lists_what_is_still_to_come(happenings):
    query = DOC.query(page_size=10)
    from dataclasses import replace

    upcoming = replace(query, ranges={"end": (at(3, 12), None)})
    assert {h.title for h in search.search(upcoming).hits} == {"Festival", "Late night"}


def test_a_bad_date_is_reported(happenings):
    form = search_form(DOC)(QueryDict("date_from=tomorrow"))
    assert not form.is_valid() and "date_from" in form.errors


def test_the_days_asked_for_show_as_a_removable_chip(happenings, rf):
    from django.utils import translation

    from portal.search.views import search_context

    request = rf.get("/", {"q": "festival", "date_from": "2026-12-01", "date_to": "2026-12-05"})
    with translation.override("fr"):
        context = search_context(request, DOC)
    chip = next(c for c in context["chips"] if c["facet"] == "Dates")
    assert chip["label"] == "1er décembre 2026 – 5 décembre 2026"
    assert chip["remove"] == "q=festival"
    assert context["clear_params"] == "q=festival"
