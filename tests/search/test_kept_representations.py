"""What the list APIs keep of each object they served, on OpenSearch
(portal.search.api.KeptRepresentations): an answer built from what was kept is the one built
afresh at every moment, though a call's status and a space's opening hours follow the clock.
An event also follows the space it is held at. (The directory's part, edits and rebuilds:
tests/directory/test_opensearch.py.)"""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from agenda.documents import EVENTS
from agenda.models import Event, EventFormat
from calls.documents import CALLS
from coworking import api as coworking_api
from coworking.documents import SPACES
from coworking.models import Space
from portal import search
from portal.search.api import kept_representations
from tests.calls.test_pages import make_calls
from tests.coworking.test_api import spaces  # noqa: F401 (a fixture)

pytestmark = pytest.mark.django_db

BRUSSELS = ZoneInfo("Europe/Brussels")


@pytest.fixture
def served(settings, monkeypatch, client):
    """get(path, params, moment) -> the API's answer at that moment, and the same built afresh."""
    settings.VISITOR_CACHE_SECONDS = 0  # the view itself answers every call
    kept_representations.clear()

    def get(path, params, moment):
        monkeypatch.setattr(timezone, "now", lambda: moment)
        kept = client.get(path, params).json()
        # Built afresh, then what was kept put back: the next call (another language, a later
        # moment) is served from what the calls before it kept.
        saved = kept_representations._kept.copy()
        kept_representations.clear()
        coworking_api._kept_hours.clear()
        fresh = client.get(path, params).json()
        kept_representations._kept.clear()
        kept_representations._kept.update(saved)
        assert kept == fresh, (moment, params)
        return fresh

    return get


def test_a_kept_call_closes_at_its_deadline(search_engine, served):
    calls = make_calls()
    search.install(CALLS)
    search.rebuild(CALLS)
    photo = calls["photo"]
    params = {"q": "Zorglub", "status": "open,closed,awarded,forthcoming", "lang": "fr"}
    minute = datetime.timedelta(minutes=1)
    statuses = []
    for moment in (photo.deadline - 2 * minute, photo.deadline - minute, photo.deadline + minute):
        answer = served("/api/v1/calls/", params, moment)
        statuses.append({c["id"]: c["status"]["code"] for c in answer["results"]}[photo.pk])
    assert statuses == ["open", "open", "closed"]


def test_kept_spaces_follow_their_opening_hours_and_the_day(search_engine, spaces, served):  # noqa: F811
    search.install(SPACES)
    search.rebuild(SPACES)
    friday = datetime.date(2026, 12, 4)
    moments = [
        datetime.datetime.combine(friday, datetime.time(*clock), tzinfo=BRUSSELS)
        for clock in ((17, 58), (17, 59), (18, 1), (23, 59), (0, 0), (0, 1))
    ]
    moments[-2:] = [m + datetime.timedelta(days=1) for m in moments[-2:]]
    seen = []
    for moment in moments:
        for lang in ("fr", "nl"):
            answer = served("/api/v1/spaces/", {"lang": lang}, moment)
            antwerpen = next(s for s in answer["results"] if s["name"] == "Kantoor Antwerpen")
            seen.append((lang, antwerpen["open_now"], antwerpen["week"][0]["date"]))
    assert seen[:2] == [("fr", True, "2026-12-04"), ("nl", True, "2026-12-04")]
    assert seen[4][1] is False  # 18:01
    assert seen[-1][2] == "2026-12-05"  # after midnight the week starts on Saturday


def test_kept_events_follow_registration_and_their_venue(
    search_engine, served, django_capture_on_commit_callbacks
):
    search.install(EVENTS)
    space = Space.objects.public().first()
    start = datetime.datetime(2026, 12, 10, 18, tzinfo=BRUSSELS)
    event = Event.objects.create(
        title="Zorglub afterwork",
        format=EventFormat.objects.get(slug="breakfast"),
        venue="space",
        space_id=space.pk,
        municipality_id=space.municipality_id,
        start=start,
        end=start + datetime.timedelta(hours=2),
        capacity=10,
        registration_opens=start - datetime.timedelta(days=7),
        registration_deadline=start - datetime.timedelta(days=1),
    )
    search.rebuild(EVENTS)
    params = {"q": "Zorglub", "when": "all", "lang": "fr"}
    minute = datetime.timedelta(minutes=1)
    opens, deadline = event.registration_opens, event.registration_deadline
    states = [
        served("/api/v1/events/", params, moment)["results"][0]["registration_open"]
        for moment in (opens - minute, opens, opens + minute, deadline - minute, deadline + minute)
    ]
    assert states == [False, True, True, True, False]

    # The space it is held at renamed: the event shows the new name (its document follows).
    with django_capture_on_commit_callbacks(execute=True):
        space.name = space.name_fr = "Zorglub Hub"
        space.save()
    answer = served("/api/v1/events/", params, deadline + 2 * minute)
    assert answer["results"][0]["venue"]["name"] == "Zorglub Hub"
