import re

import pytest
from django.core import mail
from django.utils import translation
from playwright.sync_api import expect

from portal.demo.seed import DEMO_PASSWORD
from tests.e2e.conftest import ARTIFACTS

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_client_finds_a_photographer_near_liege_in_dutch_and_writes_to_her(
    live_server, demo_site, page, shoot
):
    page.goto(live_server.url + "/nl/ledengids/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Ledengids")
    page.get_by_label("Naam, beroep, vaardigheid…").fill("fotograaf")
    page.get_by_label("In de buurt van (gemeente of postcode)").fill("Luik")
    page.get_by_label("Binnen", exact=True).select_option("25")
    page.get_by_role("button", name="Zoeken", exact=True).last.click()
    results = page.locator("#results")
    expect(results.get_by_role("link", name="Lotte Janssens")).to_be_visible()
    expect(page.locator("#result-count")).to_contain_text(re.compile(r"\d+ (lid|leden) gevonden"))
    expect(page.locator("#facet-sector")).to_contain_text("Fotografie")
    # The filters live in the URL (awaited: the results update in place, then the address).
    expect(page).to_have_url(re.compile(r"near=Luik|q=fotograaf"))
    shoot("10-directory-search-nl")

    results.get_by_role("link", name="Lotte Janssens").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Lotte Janssens")
    expect(page.get_by_text("Fotograaf · Fotografe van podiumkunsten")).to_be_visible()
    assert "member@coop.example" not in page.content()
    # Writing needs an account with a confirmed address: the client creates one.
    contact = page.locator("#contact")
    expect(contact).to_contain_text("Meld u aan om naar dit lid te schrijven")
    contact.get_by_role("link", name="Een account aanmaken").click()
    page.get_by_label("E-mail:").fill("programmatie@theater.example")
    page.get_by_label("Voornaam:").fill("Theater")
    page.get_by_label("Familienaam:").fill("Aan Zee")
    page.get_by_label("Wachtwoord:", exact=True).fill("een-sterk-wachtwoord-42")
    page.get_by_label("Wachtwoord (bevestigen):").fill("een-sterk-wachtwoord-42")
    page.get_by_label(re.compile("waardenhandvest", re.I)).check()
    page.locator("form").get_by_role("button").last.click()
    confirmation = mail.outbox[-1]
    assert confirmation.to == ["programmatie@theater.example"]
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", confirmation.body).group(0)
    page.goto(live_server.url + "/" + link.split("://", 1)[1].split("/", 1)[1])
    page.locator("form").get_by_role("button").last.click()

    # Confirming in the same browser logs the client in and brings them back to the member.
    expect(page.get_by_role("heading", level=1)).to_have_text("Lotte Janssens")
    assert page.url.endswith(profile_path(page, live_server) + "#contact")
    expect(page.get_by_label("Uw naam")).to_have_value("Theater Aan Zee")
    page.get_by_label("Onderwerp").fill("Foto's voor onze nieuwe voorstelling")
    page.get_by_label("Bericht").fill("Wij zoeken een fotograaf voor de première in maart. Bent u vrij?")
    page.get_by_role("button", name="Bericht versturen").click()
    expect(page.get_by_text("Uw bericht is verstuurd.")).to_be_visible()
    shoot("11-directory-profile-sent-nl")
    message = mail.outbox[-1]
    assert message.to == ["member@coop.example"] and message.reply_to == ["programmatie@theater.example"]
    assert "Foto's voor onze nieuwe voorstelling" in message.subject


def profile_path(page, live_server):
    from directory.models import MemberProfile

    profile = MemberProfile.objects.get(user__email="member@coop.example")
    with translation.override("nl"):
        return profile.get_absolute_url()


def test_member_edits_her_profile_and_sees_it_in_the_listing(live_server, demo_site, page, shoot):
    page.goto(live_server.url + "/fr/accounts/login/")
    page.locator("input[name=login]").fill("member@coop.example")
    page.locator("input[name=password]").fill(DEMO_PASSWORD)
    page.locator("form").get_by_role("button").last.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mon compte")
    page.get_by_role("link", name="Modifier mon profil dans l’annuaire").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mon profil dans l’annuaire")
    page.get_by_label("Titre").fill("Photographe de danse contemporaine")
    page.get_by_role("button", name="Aperçu").click()
    expect(page.get_by_role("heading", name="Aperçu (pas encore enregistré)")).to_be_visible()
    page.get_by_role("button", name="Enregistrer mon profil").click()
    expect(page.get_by_text("Votre profil a été enregistré.")).to_be_visible()
    shoot("12-profile-edit-fr")

    page.goto(live_server.url + "/fr/annuaire/?q=danse+contemporaine")
    expect(page.locator("#results").get_by_role("link", name="Lotte Janssens")).to_be_visible()
    expect(page.locator("#results")).to_contain_text("Photographe de danse contemporaine")


def test_keyboard_and_in_place_updates_keep_the_visitor_where_they_were(live_server, demo_site, page, shoot):
    # From the home page, by the menu.
    page.goto(live_server.url + "/fr/")
    page.get_by_role("navigation", name="Navigation principale").get_by_role(
        "link", name="Annuaire des membres"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Annuaire des membres")

    # The skip link jumps to the content; it does not load the page a second time inside it.
    page.keyboard.press("Tab")
    expect(page.locator(".skip-link")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"#main$"))
    page.wait_for_timeout(500)
    assert page.locator("header.site-header").count() == 1

    # Typing, pausing while the results update, typing on: the words stay in order.
    box = page.get_by_label("Nom, métier, compétence…")
    box.click()
    box.press_sequentially("photo")
    page.wait_for_timeout(900)
    box.press_sequentially("graphe")
    page.wait_for_timeout(900)
    expect(box).to_have_value("photographe")

    # Suggestions as you type: still offered once the results have updated around the box.
    box.fill("")
    box.press_sequentially("lott")
    page.wait_for_timeout(900)
    expect(page.locator("#q-options option")).to_have_count(2)
    assert page.locator("#q-options option").first.get_attribute("value").startswith("Lotte ")
    box.fill("photographe")
    page.wait_for_timeout(900)

    # Ticking a filter with the space bar leaves the focus on it.
    checkbox = page.locator("#facet-sector input[type=checkbox]").first
    checkbox.focus()
    page.keyboard.press("Space")
    page.wait_for_timeout(900)
    focused = page.evaluate("document.activeElement.id")
    assert focused.startswith("f-sector-"), focused
    expect(page.locator(f"#{focused}")).to_be_checked()

    # The language switcher carries the filters chosen since the page loaded.
    dutch = page.get_by_role("navigation", name="Langue").get_by_role("link", name="Nederlands")
    assert "sector=" in dutch.get_attribute("href") and "q=photographe" in dutch.get_attribute("href")
    dutch.click()
    expect(page.locator("html")).to_have_attribute("lang", "nl")
    expect(page.locator("#facet-sector input:checked")).to_have_count(1)
    shoot("13-directory-filters-kept-nl")


def test_on_a_phone_a_search_from_the_home_page_shows_a_result_on_the_first_screen(
    live_server, demo_site, browser, shoot
):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    phone = context.new_page()
    phone.set_default_timeout(15000)
    try:
        phone.goto(live_server.url + "/de/")
        # The header is one line: the menu folds behind its button.
        header = phone.locator("header.site-header").bounding_box()
        assert header["height"] < 90, header
        expect(phone.get_by_role("navigation", name="Hauptnavigation")).to_be_hidden()
        phone.get_by_role("button", name="Menü").click()
        expect(phone.get_by_role("navigation", name="Hauptnavigation")).to_be_visible()
        phone.get_by_role("button", name="Menü").click()

        phone.get_by_label("Name, Beruf, Fähigkeit…").fill("Fotograf")
        phone.get_by_role("button", name="Im Mitgliederverzeichnis suchen").click()
        expect(phone).to_have_url(re.compile(r"/de/mitgliederverzeichnis/\?q=Fotograf"))
        phone.wait_for_load_state("load")
        first = phone.locator(".member-card").first
        expect(first).to_be_visible()
        box = first.bounding_box()
        assert box["y"] + 40 < 844, f"the first result starts at {box['y']} px"  # its name is on screen
        phone.screenshot(path=str(ARTIFACTS / "14-directory-phone-de.png"))

        # Filters fold away on a phone; chips say what is in force and remove it.
        phone.get_by_text("Filter", exact=True).click()
        phone.locator("#facet-region input").first.check()
        expect(phone.locator(".chips .chip")).to_have_count(1)
        phone.locator(".chips .chip").first.click()
        expect(phone.locator(".chips .chip")).to_have_count(0)
        assert phone.evaluate("document.activeElement.tagName") != "BODY"
    finally:
        context.close()


def _tab_to(page, selector, limit=60):
    """Press Tab until the focus is on an element matching `selector`; the focus must never
    fall to <body> on the way. Returns the number of presses."""
    for presses in range(1, limit + 1):
        page.keyboard.press("Tab")
        state = page.evaluate(
            "(s) => ({body: document.activeElement === document.body,"
            " match: document.activeElement.matches(s)})",
            selector,
        )
        assert not state["body"], f"the focus fell to <body> after {presses} Tab presses"
        if state["match"]:
            return presses
    raise AssertionError(f"{selector} not reached in {limit} Tab presses")


def test_keyboard_only_from_the_home_page_to_a_profile_by_sector_and_province(live_server, demo_site, page):
    page.goto(live_server.url + "/fr/")
    _tab_to(page, ".main-nav a[href='/fr/annuaire/']")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Annuaire des membres")

    # The skip link first, then the sector: the long lists fold, so the filters come quickly.
    page.keyboard.press("Tab")
    expect(page.locator(".skip-link")).to_be_focused()
    page.keyboard.press("Enter")
    _tab_to(page, "#f-sector-photography")
    page.keyboard.press("Space")
    expect(page.locator("#f-sector-photography")).to_be_checked()
    expect(page.locator(".chips")).to_contain_text("Photographie")
    assert page.evaluate("document.activeElement.id") == "f-sector-photography"

    presses = _tab_to(page, "#facet-province input[type=radio]")
    assert presses < 40, f"{presses} Tab presses from the sector to the provinces"
    page.keyboard.press("Space")
    expect(page.locator("#facet-province input:checked")).to_have_count(1)
    assert page.evaluate("document.activeElement.closest('#facet-province') !== null")
    # (Tabbing on while the results are replaced keeps the focus too: directory.js finds the
    # element again by its id or its place; here the list is awaited so that the links exist.)
    expect(page.locator("#directory")).not_to_have_attribute("aria-busy", "true")

    _tab_to(page, ".member-list h2 a", limit=120)
    name = page.evaluate("document.activeElement.textContent.trim()")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text(name)
