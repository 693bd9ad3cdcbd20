"""The event pages as visitors and members use them: the list of what is coming with its
filters, the archive, the month, an event's page (dates in each language, schema.org data, the
online link for registered people only), and the events on the home page, a space's page and
the member's account."""

import datetime
import json
import re
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from agenda.documents import EVENTS
from agenda.models import Event, EventFormat, Registration
from coworking.models import Space
from portal import dates, search
from portal.places.models import Municipality
from portal.taxonomy.models import Language

pytestmark = pytest.mark.django_db
BRUSSELS = ZoneInfo("Europe/Brussels")
LIEGE, GENT = "62063", "44021"


def _event(title, start, hours=2, fmt="breakfast", refnis=LIEGE, languages=(), **extra):
    """An event indexed at once (the signal's reindex waits for a commit that tests never make)."""
    extra.setdefault("venue", "address")
    event = Event.objects.create(
        title=title,
        format=EventFormat.objects.get(slug=fmt),
        start=start,
        end=start + datetime.timedelta(hours=hours),
        municipality=Municipality.objects.get(refnis=refnis),
        street_address="Rue de l'Essai 3",
        postal_code="4000" if refnis == LIEGE else "9000",
        **extra,
    )
    if languages:
        event.languages.set(Language.objects.filter(code__in=languages))
    search.update(EVENTS, [event.pk])
    return event


def _soon(days, hour=18):
    day = timezone.localdate() + datetime.timedelta(days=days)
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=BRUSSELS)


def _titles(response):
    return re.findall(r'class="event-title"><a href="[^"]+">([^<]+)</a>', response.content.decode())


def _url(name, language="fr", **kwargs):
    with translation.override(language):
        return reverse(name, kwargs=kwargs or None)


def _schema(response):
    page = response.content.decode()
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    return next(data for data in map(json.loads, blocks) if data.get("@type") == "Event")


@pytest.fixture
def calendar():
    return {
        "liege": _event("Petit-déjeuner Zorglub Liège", _soon(3, 8), languages=["fr"]),
        "gent": _event("Ontbijt Zorglub Gent", _soon(5, 8), refnis=GENT, languages=["nl", "en"]),
        "workshop": _event("Atelier Zorglub", _soon(10, 14), fmt="workshop", price="12.50"),
        "past": _event("Petit-déjeuner Zorglub passé", _soon(-20, 8)),
        "older": _event("Atelier Zorglub ancien", _soon(-60, 14), fmt="workshop"),
    }


def test_the_site_search_finds_coming_events_beside_the_pages(client, calendar):
    page = client.get(_url("pages:search", "fr") + "?q=Zorglub").content.decode()
    found = page[page.index('class="found"') :]
    found = found[: found.index("</section>")]
    # The three coming events (not the past ones), each with its date and place, and the way
    # to the list searched for the same word.
    assert "Agenda <span" in found and "(3)" in found
    assert calendar["liege"].get_absolute_url() in found and "Liège" in found
    assert "passé" not in found and "ancien" not in found
    assert _url("agenda:index", "fr") + "?q=Zorglub" not in found  # three found, three shown
    three = client.get(_url("pages:search", "de") + "?q=Zorglub").content.decode()
    with translation.override("de"):
        gent_day = dates.weekday_date(calendar["gent"].start)  # "Mittwoch, 2. Dezember"
    assert "Veranstaltungen <span" in three and f"{gent_day} · Gent" in three
    _event("Café Zorglub", _soon(12, 9))
    page = client.get(_url("pages:search", "fr") + "?q=Zorglub").content.decode()
    assert f'href="{_url("agenda:index", "fr")}?q=Zorglub">Voir les 4 résultats dans Agenda</a>' in page
    # Nothing found: no section, the pages' answer only.
    page = client.get(_url("pages:search", "fr") + "?q=Xyzzyq").content.decode()
    assert 'class="found"' not in page


# The list and the archive --------------------------------------------------------------------


def test_the_list_shows_upcoming_events_soonest_first_and_not_past_ones(client, calendar):
    response = client.get(_url("agenda:index") + "?q=Zorglub")
    assert response.status_code == 200
    # Words typed: the best matches first.
    upcoming = {"Petit-déjeuner Zorglub Liège", "Ontbijt Zorglub Gent", "Atelier Zorglub"}
    assert set(_titles(response)) == upcoming
    # Without words the list is chronological (the demo's events too), under day headings.
    page = client.get(_url("agenda:index") + "?page_size=100").content.decode()
    starts = re.findall(r'<p class="event-when"><time datetime="([^"]+)"', page)
    assert starts and starts == sorted(starts, key=datetime.datetime.fromisoformat)
    assert 'class="day-heading"' in page
    assert "Petit-déjeuner Zorglub passé" not in page


def _selected_ordering(page):
    menu = page.split('<select name="ordering"', 1)[1].split("</select>", 1)[0]
    return re.search(r'<option value="([^"]*)" selected>([^<]*)</option>', menu).groups()


def test_the_sort_menu_sends_no_order_until_one_is_chosen(client, calendar):
    # The menu sent "start" as if chosen: a place typed then kept the date order instead of the
    # nearest first.
    page = client.get(_url("agenda:index")).content.decode()
    assert _selected_ordering(page) == ("", "Date")
    # What the form sends once a place is typed: the menu's empty value.
    near = client.get(_url("agenda:index"), {"near": "Gent", "radius_km": 100, "ordering": ""})
    near = near.content.decode()
    assert _selected_ordering(near) == ("", "Distance")
    chosen = client.get(_url("agenda:index"), {"near": "Gent", "ordering": "start"}).content.decode()
    assert _selected_ordering(chosen) == ("start", "Date")
    archive = client.get(_url("agenda:archive")).content.decode()
    assert _selected_ordering(archive) == ("", "Les plus récents d’abord")


def test_a_card_says_when_where_the_price_and_the_places_left(client, calendar):
    event = calendar["workshop"]
    event.capacity = 3
    event.save()
    Registration.objects.create(
        event=event, name="A", email="a@example.org", status="confirmed", companions=1
    )
    page = client.get(_url("agenda:index", "en") + "?format=workshop").content.decode()
    card = page[page.index("Atelier Zorglub") :][:1500]
    assert "14:00–16:00" in card
    assert "Liège" in card
    assert "€12.50" in card.replace("\xa0", "").replace(" ", "")
    assert "1 place left" in card
    Registration.objects.create(event=event, name="B", email="b@example.org", status="confirmed")
    page = client.get(_url("agenda:index", "en") + "?format=workshop").content.decode()
    assert "Full – waitlist" in page[page.index("Atelier Zorglub") :][:1500]


def test_the_archive_lists_past_events_latest_first_and_stays_searchable(client, calendar):
    response = client.get(_url("agenda:archive") + "?q=Zorglub")
    assert response.status_code == 200
    assert _titles(response) == ["Petit-déjeuner Zorglub passé", "Atelier Zorglub ancien"]
    only_workshops = _titles(client.get(_url("agenda:archive") + "?q=Zorglub&format=workshop"))
    assert only_workshops == ["Atelier Zorglub ancien"]
    # The demo's past events too: the latest first, page after page.
    starts = []
    for number in (1, 2):
        page = client.get(_url("agenda:archive") + f"?page_size=1&page={number}").content.decode()
        starts += re.findall(r'<p class="event-when"><time datetime="([^"]+)"', page)
    assert len(starts) == 2
    assert starts == sorted(starts, key=datetime.datetime.fromisoformat, reverse=True)


@pytest.mark.parametrize(
    "query, expected",
    [
        ("format=workshop", {"Atelier Zorglub"}),
        ("format=breakfast", {"Petit-déjeuner Zorglub Liège", "Ontbijt Zorglub Gent"}),
        ("region=02000", {"Ontbijt Zorglub Gent"}),
        ("region=03000", {"Petit-déjeuner Zorglub Liège", "Atelier Zorglub"}),
        ("language=nl", {"Ontbijt Zorglub Gent"}),
        ("price=paid", {"Atelier Zorglub"}),
        ("near=Gand&radius_km=10", {"Ontbijt Zorglub Gent"}),
    ],
)
def test_the_list_filters(client, calendar, query, expected):
    titles = _titles(client.get(_url("agenda:index") + f"?q=Zorglub&{query}"))
    assert set(titles) == expected


def test_the_list_filters_by_dates_and_keeps_past_events_out(client, calendar):
    first = (timezone.localdate() + datetime.timedelta(days=4)).isoformat()
    last = (timezone.localdate() + datetime.timedelta(days=6)).isoformat()
    titles = _titles(client.get(_url("agenda:index") + f"?q=Zorglub&date_from={first}&date_to={last}"))
    assert titles == ["Ontbijt Zorglub Gent"]
    # A "from" in the past does not bring back what is over.
    long_ago = (timezone.localdate() - datetime.timedelta(days=100)).isoformat()
    titles = _titles(client.get(_url("agenda:index") + f"?q=Zorglub&date_from={long_ago}"))
    assert "Petit-déjeuner Zorglub passé" not in titles and len(titles) == 3


def test_the_list_links_the_calendar_feed_of_its_filters(client, calendar):
    page = client.get(_url("agenda:index", "nl") + "?region=02000&page=2").content.decode()
    feed = _url("agenda:feed_ics", "nl") + "?region=02000"
    assert f'<link rel="alternate" type="text/calendar" href="{feed}"' in page
    assert 'type="application/atom+xml"' in page
    assert re.search(r'href="webcal://[^"]+' + re.escape(feed) + '"', page)


@pytest.mark.parametrize(
    "query",
    [
        "?date_from=yesterday",
        "?date_to=2026-02-31",
        "?region=zzz&format=%00",
        "?page=-1&page_size=100000",
        "?near=%00&radius_km=abc",
        "?ordering=%27%3B+DROP",
        "?q=%22unbalanced&places_left=maybe",
        "?province=10000&region=02000&municipality=0",
    ],
)
def test_garbage_parameters_never_give_a_server_error(client, calendar, query):
    for name in ("agenda:index", "agenda:archive", "agenda:month_now"):
        response = client.get(_url(name) + query)
        assert response.status_code == 200, (name, query)


def test_bad_addresses_are_not_found(client, calendar):
    assert client.get(_url("agenda:month", year=2026, month=13)).status_code == 404
    assert client.get(_url("agenda:month", year=99999, month=1)).status_code == 404
    assert client.get(_url("agenda:event_short", pk=99999999999999999999999)).status_code == 404


def test_the_list_reads_a_bounded_number_of_queries(client, calendar, django_assert_max_num_queries):
    client.get(_url("agenda:index"))  # reference lists cached, as in a running worker
    with django_assert_max_num_queries(12):
        response = client.get(_url("agenda:index") + "?places_left=true&format=breakfast")
    assert response.status_code == 200
    with django_assert_max_num_queries(12):
        assert client.get(_url("agenda:archive")).status_code == 200


# The month -----------------------------------------------------------------------------------


def _cell_of(page, title):
    cells = re.findall(r'<td class="day[^"]*"[^>]*>(.*?)</td>', page, re.S)
    found = [cell for cell in cells if title in cell]
    assert len(found) == 1, found
    return found[0]


def test_the_month_places_events_on_their_day_across_the_end_of_summer_time(client):
    # 25 October 2026: the clocks go back at 03:00. 19:00 that evening is 18:00 UTC, 00:30 that
    # night 22:30 UTC the day before: both are on the 25th in Brussels.
    _event("Soirée Zorglub", datetime.datetime(2026, 10, 25, 19, tzinfo=BRUSSELS))
    _event("Nuit Zorglub", datetime.datetime(2026, 10, 25, 0, 30, tzinfo=BRUSSELS), hours=1)
    _event("Novembre Zorglub", datetime.datetime(2026, 11, 2, 19, tzinfo=BRUSSELS))
    response = client.get(_url("agenda:month", year=2026, month=10) + "?format=breakfast")
    assert response.status_code == 200
    page = response.content.decode()
    for title in ("Soirée Zorglub", "Nuit Zorglub"):
        assert 'datetime="2026-10-25"' in _cell_of(page, title)
    assert "19:00" in _cell_of(page, "Soirée Zorglub")
    assert "Novembre Zorglub" not in page
    assert "<table" in page and 'scope="col"' in page
    # Monday first, in the visitor's language.
    headers = re.findall(r'<th scope="col"><abbr title="([^"]+)"', page)
    assert headers[0] == "lundi" and headers[-1] == "dimanche"
    german = client.get(_url("agenda:month", "de", year=2026, month=10)).content.decode()
    assert re.findall(r'<th scope="col"><abbr title="([^"]+)"', german)[0] == "Montag"


def test_an_event_over_several_days_is_on_each_of_them(client):
    weekend = _event("Week-end Zorglub", datetime.datetime(2026, 10, 24, 18, tzinfo=BRUSSELS), hours=18)
    page = client.get(_url("agenda:month", "en", year=2026, month=10)).content.decode()
    cells = [
        c for c in re.findall(r'<td class="day[^"]*"[^>]*>(.*?)</td>', page, re.S) if "Week-end Zorglub" in c
    ]
    assert ['datetime="2026-10-24"' in c for c in cells] == [True, False]
    assert 'datetime="2026-10-25"' in cells[1] and "continued" in cells[1]
    listing = "agenda:archive" if weekend.end < timezone.now() else "agenda:index"
    listed = client.get(_url(listing, "en") + "?q=Week-end+Zorglub").content.decode()
    assert "Saturday 24 October 18:00 – Sunday 25 October 12:00" in listed


def test_the_month_keeps_the_filters_in_its_links_and_marks_today(client, calendar):
    page = client.get(_url("agenda:month_now") + "?format=workshop&date_from=2020-01-01").content.decode()
    assert 'aria-current="date"' in page
    assert re.search(r'rel="next" href="[^"]+\?format=workshop"', page)
    assert "date_from" not in re.search(r'rel="prev" href="([^"]+)"', page).group(1)


# An event's page -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "language, words",
    [
        ("fr", ["dimanche 25 octobre 2026", "19:00–21:00"]),
        ("nl", ["zondag 25 oktober 2026", "19.00–21.00"]),
        ("de", ["Sonntag, 25. Oktober 2026", "19:00–21:00"]),
        ("en", ["Sunday 25 October 2026", "19:00–21:00"]),
    ],
)
def test_the_event_page_gives_the_date_in_the_visitors_language(client, language, words):
    event = _event("Soirée Zorglub", datetime.datetime(2026, 10, 25, 19, tzinfo=BRUSSELS))
    with translation.override(language):
        url = event.get_absolute_url()
    response = client.get(url)
    assert response.status_code == 200
    page = response.content.decode()
    for word in words:
        assert word in page
    schema = _schema(response)
    assert schema["startDate"] == "2026-10-25T19:00:00+01:00"
    assert schema["eventStatus"] == "https://schema.org/EventScheduled"
    assert schema["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    assert schema["location"]["address"]["addressLocality"]
    assert schema["offers"]["price"] == "0"
    ics = reverse("agenda:event_ics", kwargs={"pk": event.pk})
    assert f'<link rel="alternate" type="text/calendar" href="{ics}"' in page


def test_the_event_page_redirects_to_its_address_and_hides_unpublished_events(client):
    event = _event("Soirée Zorglub", _soon(3))
    response = client.get(_url("agenda:event_short", pk=event.pk))
    assert response.status_code == 301
    assert response["Location"] == event.get_absolute_url()
    event.published = False
    event.save()
    assert client.get(event.get_absolute_url()).status_code == 404


def test_the_address_is_in_the_visitors_language_and_the_switcher_links_each_one(client):
    event = _event("Petit-déjeuner réseau", _soon(3), title_nl="Netwerkontbijt", title_de="Netzwerkfrühstück")
    with translation.override("nl"):
        dutch = event.get_absolute_url()
    assert dutch.endswith(f"/{event.pk}-netwerkontbijt/")
    html = client.get(dutch).content.decode()
    with translation.override("de"):
        german = event.get_absolute_url()
    assert german.endswith(f"/{event.pk}-netzwerkfruhstuck/")
    # The switcher and the hreflang links give each language's own address: no redirect.
    assert f'href="{german}"' in html and f'hreflang="de" href="http://testserver{german}"' in html
    assert client.get(german).status_code == 200
    # The French address still leads to the Dutch one from a Dutch page (one redirect).
    with translation.override("fr"):
        french = event.get_absolute_url()
    assert client.get(french.replace("/fr/", "/nl/", 1).replace("/agenda/", "/agenda/")).status_code == 301


def test_a_cancelled_event_shows_its_banner_and_status(client):
    event = _event("Soirée Zorglub annulée", _soon(3), status=Event.Status.CANCELLED)
    response = client.get(event.get_absolute_url())
    page = response.content.decode()
    assert 'class="event-banner cancelled"' in page
    assert _schema(response)["eventStatus"] == "https://schema.org/EventCancelled"
    assert 'action="' + reverse("agenda:register", kwargs={"pk": event.pk}) not in page
    listed = client.get(_url("agenda:index") + "?q=annulée").content.decode()
    assert "status-badge status-cancelled" in listed


def test_the_online_link_is_for_confirmed_registrants_only(client, password):
    link = "https://meet.example.org/zorglub-secret"
    event = _event("Webinaire Zorglub", _soon(4), venue="online", online_url=link)
    visitor = client.get(event.get_absolute_url())
    assert link not in visitor.content.decode()
    schema = _schema(visitor)
    assert schema["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"
    assert schema["location"]["@type"] == "VirtualLocation"
    user = get_user_model().objects.create_user(email="zorglub@example.org", password=password)
    client.force_login(user)
    registration = Registration.objects.create(
        event=event, user=user, name="Zorglub", email=user.email, status=Registration.Status.WAITLISTED
    )
    page = client.get(event.get_absolute_url()).content.decode()
    assert link not in page
    assert "/registration/" in page or reverse("agenda:registration", kwargs={"token": "x"})[:-2] in page
    registration.status = Registration.Status.CONFIRMED
    registration.save()
    assert link in client.get(event.get_absolute_url()).content.decode()


def test_the_registration_block_follows_the_events_state(client, password):
    event = _event("Soirée Zorglub", _soon(4), capacity=1, max_companions=2)
    register = reverse("agenda:register", kwargs={"pk": event.pk})
    page = client.get(event.get_absolute_url()).content.decode()
    assert f'action="{register}"' in page
    assert 'name="email"' in page and 'name="companions"' in page and 'max="2"' in page
    Registration.objects.create(event=event, name="A", email="a@example.org", status="confirmed")
    full = client.get(event.get_absolute_url()).content.decode()
    assert translation.gettext("Join the waitlist") in full and f'action="{register}"' in full
    user = get_user_model().objects.create_user(email="zorglub@example.org", password=password)
    client.force_login(user)
    member = client.get(event.get_absolute_url()).content.decode()
    assert 'name="email"' not in member and "csrfmiddlewaretoken" in member
    later = _event("Plus tard Zorglub", _soon(30), registration_opens=_soon(10))
    assert (
        f'action="{reverse("agenda:register", kwargs={"pk": later.pk})}"'
        not in client.get(later.get_absolute_url()).content.decode()
    )


def test_other_dates_of_a_series_are_linked(client):
    from agenda.models import Series

    series = Series.objects.create(
        title="Zorglub mensuel",
        format=EventFormat.objects.get(slug="breakfast"),
        rule="FREQ=MONTHLY;BYDAY=1TU",
        first_date=timezone.localdate(),
        start_time=datetime.time(8),
        end_time=datetime.time(10),
    )
    first = _event("Zorglub mensuel", _soon(3), series=series)
    second = _event("Zorglub mensuel", _soon(33), series=series)
    page = client.get(first.get_absolute_url()).content.decode()
    assert second.get_absolute_url() in page


def test_the_event_page_reads_a_bounded_number_of_queries(client, django_assert_max_num_queries, password):
    event = _event("Soirée Zorglub", _soon(3), languages=["fr", "nl"], capacity=20)
    client.get(event.get_absolute_url())
    with django_assert_max_num_queries(20):
        assert client.get(event.get_absolute_url()).status_code == 200
    client.force_login(get_user_model().objects.create_user(email="zorglub@example.org", password=password))
    with django_assert_max_num_queries(20):
        assert client.get(event.get_absolute_url()).status_code == 200


# Elsewhere: the home page, a space's page, the account ---------------------------------------


def test_the_home_page_shows_the_next_events(client, calendar):
    ours = [e.pk for e in calendar.values()]
    Event.objects.filter(end__gte=timezone.now()).exclude(pk__in=ours).update(published=False)
    page = client.get("/fr/").content.decode()
    assert 'id="home-events-title"' in page
    block = page[page.index('id="home-events-title"') :]
    assert block.index("Petit-déjeuner Zorglub Liège") < block.index("Ontbijt Zorglub Gent")
    assert "Petit-déjeuner Zorglub passé" not in block
    assert _url("agenda:month_now") in block
    # Kept until content changes: the next visitors' home pages ask nothing of the events' table.
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/fr/").status_code == 200
    assert not [q for q in queries.captured_queries if "agenda_event" in q["sql"]]
    calendar["gent"].status = Event.Status.CANCELLED
    calendar["gent"].save()
    search.update(EVENTS, [calendar["gent"].pk])  # what the commit would do
    assert (
        "Ontbijt Zorglub Gent" not in client.get("/fr/").content.decode().split('id="home-events-title"')[1]
    )


def test_a_space_page_shows_its_upcoming_events(client):
    space, other = Space.objects.filter(published=True)[:2]
    soon = timezone.now() + datetime.timedelta(minutes=30)  # before any demo event there
    here = _event("Meet Zorglub ici", soon, venue="space", space_id=space.pk, fmt="meet-and-connect")
    _event("Meet Zorglub passé ici", _soon(-6), venue="space", space_id=space.pk)
    Event.objects.filter(space_id=other.pk).update(published=False)
    page = client.get(space.get_absolute_url()).content.decode()
    assert "Meet Zorglub ici" in page and "Meet Zorglub passé ici" not in page
    event_page = client.get(here.get_absolute_url()).content.decode()
    assert space.get_absolute_url() in event_page and space.name in event_page
    assert 'id="venue-events-title"' not in client.get(other.get_absolute_url()).content.decode()


def test_the_account_lists_the_members_registrations(client, password):
    event = _event("Soirée Zorglub", _soon(3))
    user = get_user_model().objects.create_user(email="zorglub@example.org", password=password)
    Registration.objects.create(event=event, user=user, name="Z", email=user.email, status="confirmed")
    client.force_login(user)
    page = client.get(reverse("accounts:account")).content.decode()
    assert "Soirée Zorglub" in page
    assert event.get_absolute_url() in page
