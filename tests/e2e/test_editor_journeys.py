"""Editors translate pages in wagtail-localize's editor and submit them; moderators publish."""

import re

import pytest
from playwright.sync_api import expect

from portal.demo.seed import DEMO_PASSWORD
from portal.pages.models import HomePage, StandardPage
from tests.e2e.conftest import ARTIFACTS

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def log_in(page, email):
    # The admin sends people to the site's login page, in their browser's language.
    page.locator("input[name=login]").fill(email)
    page.locator("input[name=password]").fill(DEMO_PASSWORD)
    page.locator("form").get_by_role("button").last.click()


def test_a_dutch_editor_translates_a_page_and_a_moderator_publishes_it(
    live_server, demo_site, browser, page, shoot
):
    base = live_server.url
    home = HomePage.objects.get(locale__language_code="nl")
    about = StandardPage.objects.get(locale__language_code="nl")
    public_url = base + about.url

    # The editor works in Dutch (her browser's language): the Dutch pages, then the one to retouch.
    page.goto(f"{base}/admin/pages/{home.pk}/")
    log_in(page, "editor@coop.example")
    expect(page.locator("html")).to_have_attribute("lang", "nl")
    page.get_by_role("link", name="Over de coöperatie", exact=True).first.click()

    # It opens in the translation editor, French beside Dutch, in Dutch throughout.
    expect(page.get_by_text("À propos de la coopérative")).to_be_visible()
    expect(page.get_by_role("heading", name="Vertaling van Français naar Nederlands")).to_be_visible()
    title = page.locator("li").filter(has=page.get_by_text("À propos de la coopérative", exact=True)).last
    title.get_by_role("button", name="Bewerk").click()
    title.get_by_role("textbox").fill("Over onze coöperatie")
    title.get_by_role("button", name="Opslaan").click()
    expect(title.get_by_text("Over onze coöperatie", exact=True)).to_be_visible()
    # She may not publish: the footer offers to submit for moderation instead.
    footer = page.locator("footer").last
    expect(footer.get_by_role("button", name=re.compile("Publiceer"))).to_have_count(0)
    footer.get_by_role("button", name="Meer acties").click()
    expect(page.get_by_role("link", name="Naar alias-pagina omzetten")).to_have_count(0)
    shoot("20-editor-translates-nl")
    footer.get_by_role("button", name="Ter moderatie indienen").click()

    expect(page.get_by_text("De pagina “Over onze coöperatie” is ter goedkeuring ingediend.")).to_be_visible()
    expect(page.locator("footer").last.get_by_role("button", name="Ter moderatie indienen")).to_have_count(0)
    # Submitted: the strings are shown read-only to her until a moderator has decided.
    submitted = page.locator("li").filter(has=page.get_by_text("À propos de la coopérative", exact=True)).last
    expect(submitted.get_by_text("Over onze coöperatie", exact=True)).to_be_visible()
    expect(submitted.get_by_role("button", name="Bewerk")).to_have_count(0)
    shoot("21-editor-submitted-nl")

    # Until a moderator approves, visitors read the published text.
    visitor = browser.new_context(locale="nl-BE").new_page()
    visitor.goto(public_url)
    expect(visitor.get_by_role("heading", level=1)).to_have_text("Over de coöperatie")

    # The moderator works in French: the translation waits for him on his dashboard.
    moderator_context = browser.new_context(locale="fr-BE", viewport={"width": 1200, "height": 900})
    moderator = moderator_context.new_page()
    moderator.set_default_timeout(15000)
    moderator.goto(f"{base}/admin/")
    log_in(moderator, "moderator@coop.example")
    review = moderator.get_by_role("region", name="En attente de votre vérification")
    row = review.get_by_role("row").filter(has_text="Over onze coöperatie")
    expect(row).to_contain_text("Nederlands")
    expect(row).to_contain_text("Elise Peeters")
    moderator.screenshot(path=str(ARTIFACTS / "22-moderator-dashboard-fr.png"), full_page=True)
    row.get_by_role("button", name="Actions").click()
    row.get_by_role("button", name="Approuver", exact=True).click()
    expect(moderator.get_by_role("row").filter(has_text="Over onze coöperatie")).to_have_count(0)

    # Published: the visitor reads the new Dutch title.
    visitor.reload()
    expect(visitor.get_by_role("heading", level=1)).to_have_text("Over onze coöperatie")
    visitor.context.close()
    moderator_context.close()
