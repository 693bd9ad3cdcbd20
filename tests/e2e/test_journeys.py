import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from portal.ethics.models import Referral

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_visitor_switches_language_reads_the_charter_and_submits_a_referral(
    live_server, demo_site, page, shoot
):
    # The browser asks for Dutch: the root sends it to the Dutch home page.
    page.goto(live_server.url + "/")
    expect(page).to_have_url(re.compile(r"/nl/$"))
    expect(page.locator("html")).to_have_attribute("lang", "nl")
    expect(page.get_by_role("heading", level=1)).to_have_text("Welkom bij de coöperatie")
    shoot("01-home-nl")

    page.get_by_role("navigation", name="Taal").get_by_role("link", name="Deutsch").click()
    expect(page).to_have_url(re.compile(r"/de/$"))
    expect(page.locator("html")).to_have_attribute("lang", "de")

    page.get_by_role("navigation", name="Hauptnavigation").get_by_role("link", name="Wertecharta").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Wertecharta")
    expect(page.get_by_text("Fassung 3.0, in Kraft seit")).to_be_visible()
    expect(page.get_by_role("heading", name="Unsere Grundsätze")).to_be_visible()
    shoot("02-charter-de")

    page.get_by_role("navigation", name="Hauptnavigation").get_by_role("link", name="Ethikkomitee").click()
    page.get_by_role("link", name="Eine Eingabe an das Komitee richten").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Eine Eingabe an das Ethikkomitee richten")

    # A mistake first: the form comes back with the text and a German error.
    page.get_by_label("Betreff").fill("Honorare unter Druck")
    page.get_by_label("Ihre Frage oder die Situation").fill("Zu kurz")
    page.get_by_role("button", name="An das Komitee senden").click()
    expect(page.get_by_role("alert")).to_contain_text("Bitte schreiben Sie mindestens 20 Zeichen.")
    expect(page.get_by_label("Betreff")).to_have_value("Honorare unter Druck")
    shoot("03-referral-error-de")

    page.get_by_label("Eine Situation, die ich erlebt oder beobachtet habe").check()
    page.get_by_label("Ihre Frage oder die Situation").fill(
        "Ein Kunde verlangt von mehreren Mitgliedern Preise unter den Selbstkosten."
    )
    page.get_by_label("Ihre E-Mail-Adresse (freiwillig)").fill("besucher@example.org")
    page.get_by_role("button", name="An das Komitee senden").click()

    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Vielen Dank, das Komitee hat Ihre Eingabe erhalten"
    )
    referral = Referral.objects.get()
    expect(page.get_by_text(referral.reference)).to_be_visible()
    assert referral.language == "de" and referral.topic == "situation"
    assert mail.outbox[-1].to == ["besucher@example.org"]
    shoot("04-referral-thanks-de")
