"""Events as people use them, in a real browser: a guest registers for a breakfast in French
and confirms by e-mail; the event is full, the next person waits and is promoted when the
guest cancels from the e-mail's link; a Dutch member subscribes to the events in Flanders."""

import datetime
import re

import icalendar
import pytest
from django.core import mail
from django.utils import timezone, translation
from playwright.sync_api import expect

from portal.demo.seed import DEMO_PASSWORD

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _manage_link(message, event):
    """The e-mail's link to the registration (not the one to the event's page)."""
    links = re.findall(r"https?://\S+", message.body)
    return next(
        link for link in links if _path(link).rstrip("/").split("/")[-1] not in event.get_absolute_url()
    )


def _path(link):
    return "/" + link.split("://", 1)[1].split("/", 1)[1]


def _breakfast():
    from agenda.documents import EVENTS
    from agenda.models import Event, EventFormat
    from portal import search
    from portal.places.models import Municipality

    start = (timezone.localtime() + datetime.timedelta(days=3)).replace(
        hour=8, minute=0, second=0, microsecond=0
    )
    event = Event.objects.create(
        title="Petit-déjeuner des graphistes",
        title_fr="Petit-déjeuner des graphistes",
        title_nl="Ontbijt voor grafisch ontwerpers",
        format=EventFormat.objects.get(slug="breakfast"),
        venue="address",
        street_address="Rue Léopold 12",
        postal_code="4000",
        municipality=Municipality.objects.get(refnis="62063"),
        start=start,
        end=start + datetime.timedelta(hours=1, minutes=30),
        capacity=1,
    )
    search.update(EVENTS, [event.pk])
    return event


def _register_as_guest(page, base, event, name, email):
    with translation.override("fr"):
        page.goto(base + event.get_absolute_url())
    form = page.locator("form.register-form")
    form.locator("input[name=name]").fill(name)
    form.locator("input[name=email]").fill(email)
    form.get_by_role("button").click()
    page.wait_for_load_state("load")
    # The registration section now says what comes next, in French, instead of the form.
    expect(page.locator("#register [role=status]")).to_contain_text("confirmer votre adresse")
    assert page.locator("form.register-form").count() == 0
    confirmation = [m for m in mail.outbox if m.to == [email]][-1]
    page.goto(base + _path(_manage_link(confirmation, event)))
    page.locator("button[name=action][value=confirm]").click()
    page.wait_for_load_state("load")


def test_a_guest_registers_the_next_person_waits_and_is_promoted_when_the_guest_cancels(
    live_server, demo_site, page, browser, shoot
):
    from agenda.models import Registration

    event = _breakfast()
    base = live_server.url
    page.goto(base + "/fr/")
    with translation.override("fr"):
        from django.urls import reverse

        listing = reverse("agenda:index")
    page.locator(f"header nav a[href='{listing}']").first.click()
    page.wait_for_load_state("load")
    page.get_by_role("link", name=event.title_fr).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(event.title_fr)

    _register_as_guest(page, base, event, "Camille Renard", "camille@example.org")
    first = Registration.objects.get(event=event, email="camille@example.org")
    assert first.status == "confirmed"
    shoot("30-event-registered-fr")

    # The next person, on their own device.
    other = browser.new_context(locale="fr-BE", viewport={"width": 390, "height": 844})
    try:
        _register_as_guest(other.new_page(), base, event, "Noor Peeters", "noor@example.org")
    finally:
        other.close()
    second = Registration.objects.get(event=event, email="noor@example.org")
    assert second.status == "waitlisted"

    # The guest cancels from the link of their confirmation e-mail; the next person gets the seat.
    confirmation = [m for m in mail.outbox if m.to == ["camille@example.org"]][-1]
    page.goto(base + _path(_manage_link(confirmation, event)))
    page.locator("button[name=action][value=cancel]").click()
    page.wait_for_load_state("load")
    second.refresh_from_db()
    assert second.status == "confirmed"
    promoted = [m for m in mail.outbox if m.to == ["noor@example.org"]][-1]
    assert any(name.endswith(".ics") for name, _content, _type in promoted.attachments)
    shoot("31-event-cancelled-fr")


def test_a_dutch_member_subscribes_to_the_events_in_flanders(live_server, demo_site, page):
    base = live_server.url
    page.goto(f"{base}/nl/accounts/login/?next=/nl/")
    page.locator("input[name=login]").fill("member@coop.example")
    page.locator("input[name=password]").fill(DEMO_PASSWORD)
    page.locator("form").get_by_role("button").last.click()
    page.wait_for_load_state("load")
    with translation.override("nl"):
        from django.urls import reverse

        listing = reverse("agenda:index")
    page.locator(f"header nav a[href='{listing}']").first.click()
    page.wait_for_load_state("load")
    page.locator("#facet-region input[value='02000']").check()
    page.locator(".apply-filters").click()
    page.wait_for_load_state("load")
    feed = page.locator(".subscribe-links a[href*='.ics']:not([href^='webcal'])").first.get_attribute("href")
    assert "region=02000" in feed
    assert page.locator(".subscribe-links a[href^='webcal://']").count() == 1
    flemish = _entries(page, base + feed if feed.startswith("/") else feed)
    everything = _entries(page, base + feed.split("?")[0])
    assert flemish, "the demo has events in Flanders"
    assert set(flemish) < set(everything)
    from agenda.models import Event

    by_uid = {f"event-{e.uid}": e for e in Event.objects.select_related("municipality__region")}
    for uid in flemish:
        event = by_uid.get(uid)
        if event is not None and event.municipality_id:
            assert event.municipality.region.refnis == "02000", event


def _entries(page, url):
    answer = page.request.get(url)
    assert answer.ok and answer.headers["content-type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(answer.body())
    return [str(entry["UID"]).split("@")[0] for entry in calendar.walk("VEVENT")]
