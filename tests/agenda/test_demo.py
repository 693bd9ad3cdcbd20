"""The events demo (agenda.demo, run by `seed_demo` and by the session fixture): a believable
calendar over the last two months and the next three, in the three regions and four languages,
at spaces, other addresses and online, a monthly series with a cancelled date, full events with
people waiting in order, and a second run that changes nothing."""

import datetime
import time

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.utils import timezone, translation

from agenda import demo
from agenda.documents import EVENTS
from agenda.models import Event, EventFormat, Registration, Series, Venue
from portal import registry, search

pytestmark = pytest.mark.django_db
LANGUAGES = ["fr", "nl", "de", "en"]
FLANDERS, WALLONIA, BRUSSELS = "02000", "03000", "04000"
SERIES_TITLE = "Petit-déjeuner réseau de Liège"


def demo_events():
    titles = [spec["title"]["fr"] for spec in demo.EVENTS]
    return Event.objects.filter(title_fr__in=titles, series__isnull=True) | Event.objects.filter(
        series__title_fr=SERIES_TITLE
    )


def counts():
    return {
        "events": Event.objects.count(),
        "series": Series.objects.count(),
        "registrations": Registration.objects.count(),
        "languages": Event.languages.through.objects.count(),
        "sectors": Event.sectors.through.objects.count(),
    }


def test_a_calendar_of_about_thirty_events_past_and_to_come():
    now = timezone.now()
    events = list(demo_events())
    assert 28 <= len(events) <= 40
    past = [e for e in events if e.end < now]
    upcoming = [e for e in events if e.end >= now]
    assert len(past) >= 8 and len(upcoming) >= 18
    assert min(e.start for e in events) > now - datetime.timedelta(days=70)
    assert max(e.start for e in events) < now + datetime.timedelta(days=100)
    assert {e.format.slug for e in events} == set(EventFormat.objects.values_list("slug", flat=True))
    for event in events:
        assert event.end > event.start and event.published


def test_every_title_and_description_in_four_languages():
    for event in demo_events():
        titles = [getattr(event, f"title_{code}") for code in LANGUAGES]
        descriptions = [getattr(event, f"description_{code}") for code in LANGUAGES]
        assert all(titles) and all(descriptions), event
        assert len(set(descriptions)) == 4, event
        assert event.title == event.title_fr


def test_events_in_the_three_regions_and_the_main_cities():
    events = list(demo_events().select_related("municipality__region"))
    venues = registry.venues({e.space_id for e in events})
    from portal.places.models import Municipality

    towns = Municipality.objects.in_bulk(
        [venues[e.space_id].municipality_id if e.venue == Venue.SPACE else e.municipality_id for e in events]
    )
    assert {t.region.refnis for t in towns.values()} == {FLANDERS, WALLONIA, BRUSSELS}
    assert {"Brussel", "Luik", "Namen", "Gent", "Antwerpen", "Leuven", "Eupen"} <= {
        t.name_nl for t in towns.values()
    }
    kinds = {e.venue for e in events}
    assert kinds == {Venue.SPACE, Venue.ADDRESS, Venue.ONLINE}
    for event in events:
        if event.venue == Venue.SPACE:
            venue = venues[event.space_id]
            assert event.municipality_id == venue.municipality_id
        elif event.venue == Venue.ADDRESS:
            assert event.street_address and event.postal_code and event.municipality_id
        else:
            assert event.online_url.startswith("https://") and event.municipality_id
    languages = {code for e in events for code in e.languages.values_list("code", flat=True)}
    assert languages == set(LANGUAGES)
    assert sum(1 for e in events if e.sectors.exists()) >= 12


def test_free_and_paid_events_a_moved_one_and_a_cancelled_date():
    events = list(demo_events())
    paid = [e for e in events if not e.is_free]
    assert len(paid) >= 3 and all(e.ticket_url.startswith("https://") for e in paid)
    assert sum(1 for e in events if e.is_free) >= 20
    moved = [e for e in events if e.status == Event.Status.MOVED_ONLINE]
    assert len(moved) == 1 and moved[0].venue == Venue.ONLINE
    cancelled = [e for e in events if e.status == Event.Status.CANCELLED]
    assert len(cancelled) == 1
    assert cancelled[0].series is not None and cancelled[0].sequence >= 1 and cancelled[0].detached
    assert cancelled[0].end > timezone.now()
    assert not cancelled[0].registrations.exists()
    assert {e.organiser for e in events} > {"Coop"}


def test_the_liege_breakfast_is_a_monthly_series_on_first_tuesdays():
    series = Series.objects.get(title_fr=SERIES_TITLE)
    assert series.rule == "FREQ=MONTHLY;BYDAY=1TU"
    assert (series.start_time, series.end_time) == (datetime.time(8), datetime.time(9, 30))
    dates = list(series.events.order_by("start"))
    assert 4 <= len(dates) <= 7
    now = timezone.now()
    assert any(e.end < now for e in dates) and sum(1 for e in dates if e.end >= now) >= 2
    for event in dates:
        start, end = timezone.localtime(event.start), timezone.localtime(event.end)
        # 08:00 in Brussels whatever the season (summer time included).
        assert start.weekday() == 1 and start.day <= 7, start
        assert (start.time(), end.time()) == (datetime.time(8), datetime.time(9, 30))
        assert event.title_nl == "Netwerkontbijt in Luik"
        # The regional office's name in the visitor's language, on the event and its series.
        with translation.override("nl"):
            assert event.organiser == series.organiser == "Coop – Regionaal kantoor Luik"
        with translation.override("de"):
            assert event.organiser == "Coop – Regionalbüro Lüttich"
        assert event.venue == series.venue and event.space_id == series.space_id
        assert set(event.languages.values_list("code", flat=True)) == {"fr", "en"}
    months = [(timezone.localtime(e.start).year, timezone.localtime(e.start).month) for e in dates]
    assert len(set(months)) == len(months)


def test_full_events_have_people_waiting_in_order():
    now = timezone.now()
    full = [
        e
        for e in demo_events().filter(end__gte=now, capacity__isnull=False)
        if e.places_left() == 0 and e.registrations.filter(status=Registration.Status.WAITLISTED).exists()
    ]
    assert len(full) >= 2
    for event in full:
        confirmed = list(event.registrations.filter(status=Registration.Status.CONFIRMED))
        waiting = list(
            event.registrations.filter(status=Registration.Status.WAITLISTED).order_by("queued_at")
        )
        assert sum(r.seats for r in confirmed) == event.capacity
        assert all(r.companions <= event.max_companions for r in confirmed)
        assert max(r.queued_at for r in confirmed) < waiting[0].queued_at
        assert len({r.queued_at for r in waiting}) == len(waiting)
        assert all(r.queued_at < now for r in confirmed + waiting)
        assert len({r.email.lower() for r in confirmed + waiting}) == len(confirmed) + len(waiting)
    assert any(r.companions for e in full for r in e.registrations.all())
    # Nobody real: invented guests (no directory members in the test database).
    emails = set(Registration.objects.filter(event__in=demo_events()).values_list("email", flat=True))
    assert emails and all(e.endswith("@example.org") for e in emails)
    # The past events were checked in at the door, not the ones to come.
    assert Registration.objects.filter(event__end__lt=now, checked_in_at__isnull=False).exists()
    assert not Registration.objects.filter(event__start__gt=now, checked_in_at__isnull=False).exists()


def test_the_events_are_in_the_search_index():
    flemish = search.search(EVENTS.query(region="02000", page_size=100))
    assert flemish.total >= 8
    titles = {e.title_fr for e in flemish.hits}
    assert "Meet&Connect Gand : créatifs et numériques" in titles
    assert "Petit-déjeuner réseau à Eupen" not in titles
    # Liège in any language (Eupen is in the province of Liège too).
    breakfasts = search.search(EVENTS.query(q="Lüttich", format="breakfast", page_size=100))
    assert SERIES_TITLE in {e.title_fr for e in breakfasts.hits}
    assert "Petit-déjeuner réseau à Saint-Gilles" not in {e.title_fr for e in breakfasts.hits}


def test_seeding_again_creates_nothing_and_sends_nothing(django_capture_on_commit_callbacks):
    before = counts()
    updated = {e.pk: e.updated_at for e in demo_events()}
    with django_capture_on_commit_callbacks(execute=True):
        assert demo.seed() == 0
    assert counts() == before
    assert {e.pk: e.updated_at for e in demo_events()} == updated
    assert mail.outbox == []


def test_from_scratch_in_well_under_two_seconds_without_e_mails(django_capture_on_commit_callbacks):
    demo_events().delete()
    Series.objects.filter(title_fr=SERIES_TITLE).delete()
    with django_capture_on_commit_callbacks(execute=True):
        began = time.monotonic()
        created = demo.seed()
        seconds = time.monotonic() - began
    assert seconds < 2.5, seconds
    assert created > 200
    assert demo_events().count() >= 28
    assert mail.outbox == []
    assert search.search(EVENTS.query(q="Klankkast")).total >= 2


def test_the_directorys_demo_members_register_when_there_are_any(django_capture_on_commit_callbacks):
    User = get_user_model()
    members = [
        User.objects.create_user(
            email=f"member{n}@demo.coop.example",
            first_name=f"Demo{n}",
            last_name="Lid",
            preferred_language="nl",
        )
        for n in range(60)
    ]
    demo_events().delete()
    Series.objects.filter(title_fr=SERIES_TITLE).delete()
    with django_capture_on_commit_callbacks(execute=True):
        demo.seed()
    taken = Registration.objects.filter(user__in=members)
    assert taken.count() >= 60
    assert set(taken.values_list("language", flat=True)) == {"nl"}
    assert all(r.email == r.user.email and r.name.startswith("Demo") for r in taken[:20])
    with django_capture_on_commit_callbacks(execute=True):
        assert demo.seed() == 0
