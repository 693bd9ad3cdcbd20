"""Coworking as people use it, in a real browser: a Dutch-speaking visitor finds a rehearsal
room near Gent that is open now, on the list and on the map; a member books it for tomorrow
10:00–12:00; a second member sees the slot taken."""

import datetime
import re

import pytest
from django.core import mail
from django.utils import timezone, translation
from playwright.sync_api import expect

from portal.demo.seed import DEMO_PASSWORD

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _log_in(page, base, email, next_path):
    page.goto(f"{base}/nl/accounts/login/?next={next_path}")
    page.locator("input[name=login]").fill(email)
    page.locator("input[name=password]").fill(DEMO_PASSWORD)
    page.locator("form").get_by_role("button").last.click()
    page.wait_for_load_state("load")


def _open_all_day(space_model):
    # Open now whatever the hour the suite runs at: the filter still has closed spaces to leave out.
    space = space_model.objects.filter(municipality__refnis="44021", amenities__slug="rehearsal-room").first()
    space.opening_hours = "24/7"
    space.save()
    return space


def test_a_visitor_finds_a_rehearsal_room_near_gent_open_now_and_members_book_it(
    live_server, demo_site, page, shoot
):
    from coworking.documents import SPACES
    from coworking.models import Booking, Space
    from portal import search

    space = _open_all_day(Space)
    search.update(SPACES, [space.pk])
    base = live_server.url

    page.goto(base + "/nl/")
    page.locator("nav a[href='/nl/werkruimtes/']").first.click()
    expect(page).to_have_url(re.compile(r"/nl/werkruimtes/$"))
    page.locator("input[name=near]").fill("Gent")
    page.locator("select[name=radius_km]").select_option("15")
    page.locator("#spaces-form button[type=submit]").first.click()
    amenities = page.locator("#facet-amenity")
    rehearsal = amenities.get_by_label(re.compile("Repetitieruimte"))
    if not rehearsal.is_visible():  # a long list: the rarer options are behind "show more"
        amenities.locator("details.facet-more > summary").click()
    rehearsal.check()
    page.locator("#facet-open_now input[type=checkbox]").check()
    page.locator(".apply-filters").click()
    page.wait_for_load_state("load")
    assert "amenity=rehearsal-room" in page.url and "open_now=true" in page.url
    cards = page.locator(".space-card")
    expect(cards.first).to_be_visible()
    names = cards.locator("h2 a").all_inner_texts()
    assert space.name_nl in names
    # The map shows the same results: one marker per space found.
    expect(page.locator("#spaces-map .leaflet-marker-icon")).to_have_count(len(names))
    shoot("20-spaces-rehearsal-gent-nl")

    cards.locator("h2 a", has_text=space.name_nl).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(space.name_nl)
    room = space.resources.filter(amenities__slug="rehearsal-room").first() or space.resources.first()
    page.locator(".resource", has_text=room.name_nl).get_by_role("link").click()  # "Log in to book"
    page.locator("input[name=login]").fill("member@coop.example")
    page.locator("input[name=password]").fill(DEMO_PASSWORD)
    page.locator("form").get_by_role("button").last.click()
    page.wait_for_load_state("load")
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    page.locator("input[name=day]").fill(tomorrow.isoformat())
    page.locator("select[name=start]").select_option("10:00")
    page.locator("select[name=end]").select_option("12:00")
    sent = len(mail.outbox)
    page.locator("#booking-form button[type=submit]").click()
    page.wait_for_load_state("load")
    expect(page.locator(".booking-list")).to_contain_text(room.name_nl)
    shoot("21-spaces-booked-nl")
    booking = Booking.objects.get(resource=room, member__email="member@coop.example", status="confirmed")
    assert timezone.localtime(booking.start).strftime("%H:%M") == "10:00"
    confirmation = mail.outbox[sent]
    assert confirmation.to == ["member@coop.example"]
    assert any(name.endswith(".ics") for name, _content, _type in confirmation.attachments)

    # A second member sees the slot taken.
    page.context.clear_cookies()
    with translation.override("nl"):
        space_path = space.get_absolute_url()
    _log_in(page, base, "membre@coop.example", space_path)
    # This member has not accepted the charter in force yet: asked first, then sent on.
    page.locator("input[name=accept_charter]").check()
    page.locator("form").get_by_role("button").last.click()
    page.wait_for_load_state("load")
    page.locator(".resource", has_text=room.name_nl).get_by_role("link").click()  # "Book …"
    expect(page.locator(".slot.taken")).to_have_count(2)
    expect(page.locator(".slot.taken").first).to_contain_text("10.00–11.00")  # Dutch clock
    shoot("22-spaces-taken-nl")


def test_keyboard_only_from_the_home_page_to_a_space_with_a_darkroom(live_server, demo_site, page):
    from tests.e2e.test_directory_journeys import _tab_to

    page.goto(live_server.url + "/de/")
    _tab_to(page, ".main-nav a[href='/de/arbeitsraeume/']")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Coworking-Spaces")
    page.keyboard.press("Tab")
    expect(page.locator(".skip-link")).to_be_focused()
    page.keyboard.press("Enter")
    _tab_to(page, "input[name=near]")
    page.keyboard.type("Lüttich")
    # The rarer amenities are behind "show more": a summary opens with Enter.
    _tab_to(page, "#facet-amenity details.facet-more > summary")
    page.keyboard.press("Enter")
    _tab_to(page, "#facet-amenity input[value=darkroom]")
    page.keyboard.press("Space")
    expect(page.locator("#facet-amenity input[value=darkroom]")).to_be_checked()
    _tab_to(page, ".apply-filters")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "amenity=darkroom" in page.url and "near=L%C3%BCttich" in page.url
    _tab_to(page, ".space-list h2 a", limit=150)
    name = page.evaluate("document.activeElement.textContent.trim()")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text(name)
    expect(page.locator("ul.tags")).to_contain_text("Dunkelkammer")
