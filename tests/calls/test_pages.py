"""The calls pages as visitors use them: the list of calls still worth answering (soonest
deadline first, closed ones one click away), its filters with counts, the cards (deadline,
"closes in n days", the place and value, a note when a title is in another language), its RSS
feed following the filters, a call's page with everything known about it, the home page and
the site search."""

import datetime
import json
import re
import xml.etree.ElementTree as ET
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext, ngettext

from calls import mapping
from calls.documents import CALLS
from calls.models import Call, Lot
from calls.views import amount, in_language
from portal import dates, search
from portal.places.models import Province, Region
from portal.taxonomy.models import Sector

pytestmark = pytest.mark.django_db
BRUSSELS = ZoneInfo("Europe/Brussels")
FLANDERS, WALLONIA, BRUSSELS_REGION = "02000", "03000", "04000"


def at(days, hour=17, minute=0):
    """A Brussels time `days` from today."""
    day = timezone.localdate() + datetime.timedelta(days=days)
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=BRUSSELS)


def make_call(sectors=(), regions=(), provinces=(), lots=(), **fields):
    """A call indexed at once (the signal's reindex waits for a commit that tests never make)."""
    fields.setdefault("publication_date", timezone.localdate() - datetime.timedelta(days=5))
    call = Call.objects.create(**fields)
    call.sectors.set(Sector.objects.filter(slug__in=sectors))
    call.regions.set(Region.objects.filter(refnis__in=regions))
    call.provinces.set(Province.objects.filter(refnis__in=provinces))
    for identifier, titles, cpv, deadline in lots:
        Lot.objects.create(call=call, identifier=identifier, titles=titles, cpv_codes=cpv, deadline=deadline)
    search.update(CALLS, [call.pk])
    return call


def make_calls():
    """Six calls with "Zorglub" in every title: four still open (one closing in three days, one
    in Dutch only, one rolling grant in dollars), one closed and one awarded."""
    return {
        "photo": make_call(
            title_fr="Reportage photo Zorglub des monuments",
            title_en="Zorglub photo report of monuments",
            title_nl="Zorglub fotoreportage van monumenten",
            summary_fr="Photographier les monuments classés de la province.",
            summary_en="Photograph the listed monuments of the province.",
            kind="tender",
            level="regional",
            status="open",
            deadline=at(3),
            deadline_timezone="+01:00",
            buyer_name="Ville de Liège",
            cpv_codes="79961000",
            estimated_value=Decimal("50000"),
            currency="EUR",
            procedure_type="open",
            url="https://ted.europa.eu/en/notice/-/detail/123456-2026",
            documents_url="https://example.org/documents/zorglub",
            publication_number="123456-2026",
            sectors=["photography"],
            regions=[WALLONIA],
            provinces=["60000"],
            publication_date=timezone.localdate() - datetime.timedelta(days=9),
        ),
        "theatre": make_call(
            title_nl="Zorglub theaterproductie voor scholen",
            summary_nl="Een voorstelling voor de scholen van de stad.",
            original_language="nl",
            kind="projects",
            level="regional",
            status="open",
            deadline=at(20),
            buyer_name="Stad Gent",
            cpv_codes="92000000",
            estimated_value=Decimal("200000"),
            sectors=["performing-arts"],
            regions=[FLANDERS],
            provinces=["40000"],
            publication_date=timezone.localdate() - datetime.timedelta(days=2),
        ),
        "website": make_call(
            title_fr="Site web Zorglub de la commune",
            title_en="Zorglub municipal website",
            kind="tender",
            level="national",
            status="open",
            deadline=at(45, 12),
            buyer_name="Commune d'Ixelles",
            cpv_codes="72413000",
            estimated_value=Decimal("20000"),
            sectors=["web-development"],
            regions=[BRUSSELS_REGION],
            publication_date=timezone.localdate() - datetime.timedelta(days=1),
        ),
        "grant": make_call(
            title_fr="Subvention Zorglub pour la création",
            title_en="Zorglub creation grant",
            kind="grant",
            level="european",
            status="forthcoming",
            deadline=None,
            buyer_name="European Commission",
            estimated_value=Decimal("150000"),
            currency="USD",
            sectors=["visual-arts"],
            regions=[FLANDERS, WALLONIA, BRUSSELS_REGION],
            publication_date=timezone.localdate() - datetime.timedelta(days=20),
        ),
        "closed": make_call(
            title_fr="Graphisme Zorglub clôturé",
            title_en="Zorglub graphic design (closed)",
            kind="tender",
            level="national",
            status="closed",
            deadline=at(-10),
            cpv_codes="79822500",
            sectors=["graphic-design"],
            regions=[BRUSSELS_REGION],
            publication_date=timezone.localdate() - datetime.timedelta(days=40),
        ),
        "awarded": make_call(
            title_fr="Résidence Zorglub attribuée",
            title_en="Zorglub residency (awarded)",
            kind="artist",
            level="regional",
            status="awarded",
            deadline=at(-40),
            regions=[WALLONIA],
            publication_date=timezone.localdate() - datetime.timedelta(days=80),
        ),
    }


@pytest.fixture
def calls():
    return make_calls()


def url(name, language="en", **kwargs):
    with translation.override(language):
        return reverse(name, kwargs=kwargs or None)


def titles(response):
    page = response.content.decode()
    return re.findall(r'class="call-title"><a href="[^"]+"(?: lang="\w+")?>([^<]+)</a>', page)


def zorglub(response):
    return [t for t in titles(response) if "Zorglub" in t]


def card(page, title):
    start = page.index(f">{title}</a>")
    return page[page.rindex("<li", 0, start) : page.index("</li>", start)]


def facet_counts(page, facet):
    return {
        value: int(count)
        for value, count in re.findall(
            rf'name="{facet}" value="([^"]+)"[^>]*>\s*<span>[^<]*</span> '
            r'<span class="count" aria-hidden="true">(\d+)',
            page,
        )
    }


# The list -----------------------------------------------------------------------------------


def test_the_sort_menu_sends_no_order_until_one_is_chosen(client, calls):
    # The menu sent "deadline" as if chosen: words typed then kept the deadline order instead
    # of the best matches first.
    def selected(page):
        menu = page.split('<select name="ordering"', 1)[1].split("</select>", 1)[0]
        return re.search(r'<option value="([^"]*)" selected>([^<]*)</option>', menu).groups()

    assert selected(client.get(url("calls:index")).content.decode()) == ("", "Deadline")
    words = client.get(url("calls:index"), {"q": "Zorglub", "ordering": ""}).content.decode()
    assert selected(words) == ("", "Relevance")
    chosen = client.get(url("calls:index"), {"q": "Zorglub", "ordering": "deadline"}).content.decode()
    assert selected(chosen) == ("deadline", "Deadline")


def test_the_list_shows_calls_still_open_soonest_deadline_first_rolling_calls_last(client, calls):
    response = client.get(url("calls:index") + "?page_size=100")
    assert response.status_code == 200
    assert zorglub(response) == [
        "Zorglub photo report of monuments",
        "Zorglub theaterproductie voor scholen",
        "Zorglub municipal website",
        "Zorglub creation grant",
    ]
    page = response.content.decode()
    # Closed and awarded calls are out of the default list, one visible link away.
    assert "Zorglub graphic design (closed)" not in page
    link = re.search(r'<a href="([^"]+)" class="include-closed">Include closed calls</a>', page)
    assert link
    everything = client.get(link.group(1).replace("&amp;", "&") + "&q=Zorglub")
    assert set(zorglub(everything)) == {call.title_en or call.title_nl for call in calls.values()}
    assert "Include closed calls" not in everything.content.decode()
    assert "Only calls still open" in everything.content.decode()


def test_words_typed_find_calls_in_any_language_best_first(client, calls):
    # The Dutch title answers a Dutch word on the English page, the French one a French word.
    assert zorglub(client.get(url("calls:index") + "?q=theaterproductie")) == [
        "Zorglub theaterproductie voor scholen"
    ]
    assert zorglub(client.get(url("calls:index") + "?q=monuments+photographier")) == [
        "Zorglub photo report of monuments"
    ]
    # Closed calls stay searchable when asked for.
    found = zorglub(client.get(url("calls:index") + "?q=graphisme&status=closed"))
    assert found == ["Zorglub graphic design (closed)"]


@pytest.mark.parametrize(
    "query, expected",
    [
        ("kind=grant", {"grant"}),
        ("kind=tender", {"photo", "website"}),
        ("level=european", {"grant"}),
        ("sector=photography", {"photo"}),
        ("sector=web-development,performing-arts", {"website", "theatre"}),
        ("region=02000", {"theatre", "grant"}),
        ("region=03000&province=60000", {"photo"}),
        ("value=under-30k", {"website"}),
        ("value=140k-1m", {"theatre"}),
        ("closing_soon=true", {"photo"}),
        ("status=closed", {"closed"}),
        ("status=closed&status=awarded", {"closed", "awarded"}),
        ("status=open&kind=tender", {"photo", "website"}),
        ("deadline_from={in10}&deadline_to={in30}", {"theatre"}),
        ("deadline_to={in10}", {"photo"}),
    ],
)
def test_the_list_filters(client, calls, query, expected):
    days = {
        "in10": (timezone.localdate() + datetime.timedelta(days=10)).isoformat(),
        "in30": (timezone.localdate() + datetime.timedelta(days=30)).isoformat(),
    }
    response = client.get(url("calls:index") + "?q=Zorglub&" + query.format(**days))
    assert response.status_code == 200
    wanted = {calls[key].title_en or calls[key].title_nl for key in expected}
    assert set(zorglub(response)) == wanted


def test_the_filters_show_their_counts_and_the_status_facet_offers_closed_calls(client, calls):
    page = client.get(url("calls:index") + "?q=Zorglub").content.decode()
    assert facet_counts(page, "kind") == {"tender": 2, "projects": 1, "grant": 1}
    assert facet_counts(page, "region") == {FLANDERS: 2, WALLONIA: 2, BRUSSELS_REGION: 2}
    assert facet_counts(page, "closing_soon") == {"true": 1}
    # The status facet counts every status, the live ones ticked by default.
    assert facet_counts(page, "status") == {"forthcoming": 1, "open": 3, "closed": 1, "awarded": 1}
    assert re.search(r'name="status" value="open"[^>]* checked', page)
    assert not re.search(r'name="status" value="closed"[^>]* checked', page)
    # Default statuses are not a filter the visitor chose: no chip.
    assert "Remove the filter" not in page
    assert "4 calls still open" in page
    # In French, the labels of the panel.
    page = client.get(url("calls:index", "fr") + "?q=Zorglub").content.decode()
    with translation.override("fr"):
        assert f"<span>{gettext('Grant or subsidy')}</span>" in page


def test_a_forthcoming_call_without_a_deadline_is_not_called_rolling(client, calls):
    make_call(title_en="Zorglub prior notice", kind="tender", status="forthcoming")
    make_call(title_en="Zorglub residency all year", kind="artist", status="open")
    page = client.get(url("calls:index") + "?q=Zorglub").content.decode()
    notice = card(page, "Zorglub prior notice")
    assert "Deadline not announced yet" in notice and "rolling" not in notice
    assert "No deadline (rolling call)" in card(page, "Zorglub residency all year")
    detail = client.get(url("calls:index") + "?q=Zorglub+prior")
    link = re.search(r'<a href="([^"]+)"[^>]*>Zorglub prior notice</a>', detail.content.decode()).group(1)
    assert "Deadline not announced yet" in client.get(link).content.decode()


def test_a_card_gives_the_deadline_the_place_the_value_and_closing_soon(client, calls):
    soon = make_call(
        title_en="Zorglub last-minute call",
        kind="projects",
        status="open",
        deadline=timezone.now() + datetime.timedelta(minutes=30),
        regions=[BRUSSELS_REGION],
    )
    page = client.get(url("calls:index") + "?q=Zorglub").content.decode()
    photo = card(page, "Zorglub photo report of monuments")
    assert "Closes in 3 days" in photo
    with translation.override("en"):
        assert dates.weekday_date(at(3), year=True) in photo  # "Thursday 3 December 2026"
        assert amount(Decimal("50000"), "EUR") in photo  # "€ 50,000", "50 000 €" in French
    assert "€ 50,000" in photo
    assert "17:00" in photo
    assert "Public tender" in photo and "Regional" in photo
    assert "Ville de Liège" in photo and "Province of Liège" in photo
    # The forthcoming grant in dollars, for all of Belgium, its deadline not given yet.
    grant = card(page, "Zorglub creation grant")
    assert "Deadline not announced yet" in grant and "All of Belgium" in grant
    assert re.search(r"150.000 USD", grant)
    assert "Closes" not in grant
    local = timezone.localtime(soon.deadline).date()
    expected = "Closes today" if local == timezone.localdate() else "Closes in 1 day"
    assert expected in card(page, "Zorglub last-minute call")
    # In German, the badge in German.
    page = client.get(url("calls:index", "de") + "?q=Zorglub").content.decode()
    with translation.override("de"):
        three = ngettext("Closes in %(count)d day", "Closes in %(count)d days", 3) % {"count": 3}
    # No German title: the French one (the first of the fallbacks), saying so.
    assert three in card(page, "Reportage photo Zorglub des monuments")


def test_a_dutch_only_title_says_its_language_on_the_french_page(client, calls):
    page = client.get(url("calls:index", "fr") + "?q=Zorglub").content.decode()
    theatre = card(page, "Zorglub theaterproductie voor scholen")
    assert 'lang="nl"' in theatre
    with translation.override("fr"):
        assert in_language("nl") in theatre  # "(en Néerlandais)" once translated
    assert "Néerlandais" in theatre
    # Titles in French carry no note; on the Dutch page the Dutch title carries none either.
    assert 'lang="' not in card(page, "Reportage photo Zorglub des monuments")
    page = client.get(url("calls:index", "nl") + "?q=Zorglub").content.decode()
    assert 'lang="' not in card(page, "Zorglub theaterproductie voor scholen")
    # The French title shown on the German page (no German title) says it is French.
    page = client.get(url("calls:index", "de") + "?q=Zorglub").content.decode()
    site = card(page, "Site web Zorglub de la commune")
    assert 'lang="fr"' in site and "Französisch" in site


def test_the_list_links_the_rss_feed_of_its_filters(client, calls):
    page = client.get(url("calls:index", "nl") + "?region=02000&page=2&ordering=value").content.decode()
    feed = url("calls:feed", "nl") + "?region=02000"
    assert f'<link rel="alternate" type="application/rss+xml" href="{feed}"' in page
    assert f'href="{feed}" class="rss-link"' in page
    page = client.get(url("calls:index") + "?kind=grant").content.decode()
    assert re.search(r'<a href="[^"]+\?kind=grant" class="rss-link">RSS feed of this search</a>', page)


def test_the_feed_gives_the_newest_calls_of_the_search_in_the_visitors_language(client, calls):
    response = client.get(url("calls:feed", "nl") + "?q=Zorglub&region=02000")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    channel = ET.fromstring(response.content).find("channel")
    assert "Vlaams Gewest" in channel.findtext("title")
    assert channel.findtext("language") == "nl"
    items = channel.findall("item")
    with translation.override("nl"):
        in_french = in_language("fr")
    assert [i.findtext("title") for i in items] == [
        "Zorglub theaterproductie voor scholen",  # published 2 days ago
        f"Subvention Zorglub pour la création {in_french}",  # 20 days ago, no Dutch title
    ]
    first = items[0]
    assert first.findtext("link").endswith(calls["theatre"].get_absolute_url().replace("/fr/", "/nl/"))
    assert "Stad Gent" in first.findtext("description")
    with translation.override("nl"):
        assert dates.weekday_date(at(20), year=True) in first.findtext("description")
    assert first.findtext("pubDate")
    # The French feed gives the titles in French, the closed calls when asked for.
    response = client.get(url("calls:feed", "fr") + "?q=Zorglub&status=closed")
    items = ET.fromstring(response.content).find("channel").findall("item")
    assert [i.findtext("title") for i in items] == ["Graphisme Zorglub clôturé"]


GARBAGE = [
    "?deadline_from=yesterday",
    "?deadline_to=2026-02-31&deadline_from=9999-12-31",
    "?region=zzz&kind=%00",
    "?page=-1&page_size=100000",
    "?page=99999999999999999999",
    "?ordering=%27%3B+DROP",
    "?q=%22unbalanced&closing_soon=maybe",
    "?province=10000&region=03000",
    "?status=zombie&status=",
    "?sector=photography&sector=&sector=,,,",
    "?value=priceless&level=galactic",
    "?q=" + "x" * 3000,
    "?q=%F0%9F%92%A9*%28%29&lang=xx",
    "?closing_soon=true&closing_soon=false",
    "?deadline_from=1899-01-01&deadline_to=2200-01-01",
    "?format=json&partial=1",
]


@pytest.mark.parametrize("query", GARBAGE)
def test_garbage_parameters_never_give_a_server_error(client, calls, query):
    for name in ("calls:index", "calls:feed"):
        response = client.get(url(name) + query)
        assert response.status_code == 200, (name, query)
    response = client.get("/api/v1/calls/" + query)
    assert response.status_code < 500, query


def test_the_list_reads_a_bounded_number_of_queries(client, calls):
    client.get(url("calls:index"))  # reference lists cached, as in a running worker

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url("calls:index") + "?kind=tender&closing_soon=false").status_code == 200
        return len(queries)

    before = count()
    for n in range(8):
        make_call(
            title_en=f"Zorglub extra {n}",
            kind="tender",
            deadline=at(30 + n),
            sectors=["photography", "marketing"],
            regions=[FLANDERS, WALLONIA],
            provinces=["40000"],
        )
    client.get(url("calls:index"))  # the pages' shared parts (menu, settings) read again once
    assert count() == before <= 12


# A call's page ------------------------------------------------------------------------------


def _schema(page):
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    return next(data for data in map(json.loads, blocks) if data.get("@type") == "Demand")


def test_the_call_page_gives_everything_known_about_the_call(client, calls):
    photo = calls["photo"]
    Lot.objects.create(
        call=photo,
        identifier="LOT-0001",
        titles={"fr": "Monuments de Liège", "nl": "Monumenten van Luik"},
        cpv_codes="79961000",
        deadline=at(3),
    )
    Lot.objects.create(call=photo, identifier="LOT-0002", titles={"de": "Denkmäler in Eupen"}, cpv_codes="")
    photo.source_updated_at = timezone.now() - datetime.timedelta(hours=2)
    photo.save()
    with translation.override("nl"):
        address = photo.get_absolute_url()
    response = client.get(address)
    assert response.status_code == 200
    page = response.content.decode()
    assert "<h1>Zorglub fotoreportage van monumenten</h1>" in page
    with translation.override("nl"):
        for text in (
            gettext("Public tender"),
            gettext("Regional"),
            mapping.cpv_label("79961000", "nl"),  # "Fotografische diensten"
            dates.weekday_date(at(3), year=True),
            dates.long_date(photo.publication_date),
            amount(photo.estimated_value, "EUR"),
            gettext("Open procedure"),
            "Monumenten van Luik",
            "Denkmäler in Eupen",
        ):
            assert text in page, text
    # The summary exists in French and English only: shown in French, saying so.
    assert '<div class="call-summary" lang="fr">' in page
    assert "Ville de Liège" in page and "Provincie Luik" in page
    # A sector leads to the list filtered by it.
    assert f'href="{url("calls:index", "nl")}?sector=photography"' in page
    # The notice wrote the deadline at +01:00, not Brussels' summer offset: the notice's time too.
    if timezone.localtime(photo.deadline).utcoffset() != datetime.timedelta(hours=1):
        assert "(+01:00)" in page
    else:
        assert "(+01:00)" not in page
    assert f'href="{photo.url}" rel="noopener external"' in page
    assert f'href="{photo.documents_url}" rel="noopener external"' in page
    assert "123456-2026" in page
    assert 'id="interest"' in page
    schema = _schema(page)
    assert schema["name"] == "Zorglub fotoreportage van monumenten"
    assert schema["availabilityEnds"] == timezone.localtime(photo.deadline).isoformat()
    assert schema["availabilityStarts"] == photo.publication_date.isoformat()
    assert schema["priceSpecification"]["priceCurrency"] == "EUR"
    assert schema["areaServed"][0]["name"] == "Provincie Luik"
    assert schema["url"].endswith(address)


def test_the_call_page_redirects_to_its_address_and_hides_unpublished_calls(client, calls):
    photo = calls["photo"]
    response = client.get(url("calls:detail_short", "en", pk=photo.pk))
    assert response.status_code == 301
    assert response["Location"] == url(
        "calls:detail", "en", pk=photo.pk, slug="zorglub-photo-report-of-monuments"
    )
    photo.published = False
    photo.save()
    assert client.get(url("calls:detail_short", "en", pk=photo.pk), follow=True).status_code == 404
    assert client.get(url("calls:detail_short", pk=99999999999999999999999)).status_code == 404


def test_a_closed_call_says_so_and_an_open_call_past_its_deadline_is_closed(client, calls):
    page = client.get(calls["closed"].get_absolute_url(), follow=True).content.decode()
    with translation.override("fr"):
        closed = gettext("This call is closed: it no longer takes answers.")
    assert closed in page
    late = calls["website"]
    Call.objects.filter(pk=late.pk).update(deadline=timezone.now() - datetime.timedelta(hours=1))
    page = client.get(late.get_absolute_url(), follow=True).content.decode()
    assert closed in page


def test_the_call_page_reads_a_bounded_number_of_queries(client, calls):
    small, big = calls["website"], calls["photo"]
    big.sectors.set(Sector.objects.all()[:8])
    for n in range(6):
        Lot.objects.create(call=big, identifier=f"LOT-{n}", titles={"fr": f"Lot {n}"}, cpv_codes="79961000")

    def count(call):
        address = call.get_absolute_url()
        client.get(address)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(address).status_code == 200
        return len(queries)

    assert count(small) == count(big) <= 20


# Elsewhere: the home page and the site search -------------------------------------------------


def test_the_home_page_shows_the_calls_closing_next(client, calls):
    Call.objects.exclude(pk__in=[c.pk for c in calls.values()]).update(published=False)
    page = client.get("/fr/").content.decode()
    assert 'id="home-calls-title"' in page
    block = page[page.index('id="home-calls-title"') :]
    block = block[: block.index("</section>")]
    assert block.index("Reportage photo Zorglub") < block.index("Zorglub theaterproductie")
    assert "Graphisme Zorglub clôturé" not in block and "Subvention Zorglub" not in block
    assert f'action="{url("calls:index", "fr")}"' in block and 'name="q"' in block
    # Kept until content changes: the next home pages ask nothing of the calls' table.
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/fr/").status_code == 200
    assert not [q for q in queries.captured_queries if "calls_call" in q["sql"]]


def test_the_site_search_finds_open_calls(client, calls):
    page = client.get(url("pages:search", "fr") + "?q=Zorglub").content.decode()
    found = [s for s in page.split('<section class="found"')[1:] if "Zorglub" in s]
    assert found
    section = found[0][: found[0].index("</section>")]
    with translation.override("fr"):
        assert f"{gettext('Calls')} <span" in section
    assert "(4)" in section
    assert calls["photo"].get_absolute_url() in section
    assert "clôturé" not in section


def test_a_deadline_written_at_another_offset_gives_the_notices_time_too(client):
    call = make_call(title_en="Zorglub from Lisbon", deadline=at(5, 17), deadline_timezone="+00:00")
    page = client.get(url("calls:detail_short", "en", pk=call.pk), follow=True).content.decode()
    there = call.deadline.astimezone(datetime.UTC)
    assert f"In the notice: {there:%H:%M} (+00:00)" in page
    assert "17:00" in page  # Brussels time first


def test_dates_in_the_wrong_order_are_reported_not_silently_empty(client):
    with translation.override("fr"):
        page = client.get(reverse("calls:index") + "?deadline_from=2027-03-20&deadline_to=2027-03-10")
        expected = gettext("The end must come after the start.")
    assert page.status_code == 200 and expected in page.content.decode()
