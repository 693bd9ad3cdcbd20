"""The layout as people see it, in a real browser, in the languages with the longest words:

- on a phone (390 px, and 360 px for the price tables) no German or Dutch page scrolls sideways
  and nothing runs out of its box or past the page's margin (price tables, event titles, job
  titles in member tiles, the filter column);
- the language links are 44 px targets on a phone and on a desktop, and the desktop header
  keeps its one line;
- the main content keeps its distance from the header and from the footer;
- allauth's login form reads like the portal's forms: "Remember me" beside its box, "Forgotten
  your password?" under the field;
- the directory and the spaces offer to skip their filters, as events and calls do;
- a place typed in the directory puts the nearest members first;
- on a phone the menu, the filters and their options are 44 px targets, and the directory's
  filter button folds the panel and shows what the choices found.
"""

import re

import pytest
from django.urls import reverse
from django.utils import translation
from playwright.sync_api import expect

from .conftest import ARTIFACTS, SQLITE_PASS_ONLY

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True),
    SQLITE_PASS_ONLY,
]

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
DESKTOP = {"viewport": {"width": 1280, "height": 900}}

# Problems a visitor would see: the page wider than the screen, an element past main's margin
# (not the visually hidden ones, nor the map's own layers), a box whose content sticks out.
FIND_OVERFLOW = """() => {
  const problems = [];
  const root = document.documentElement;
  if (root.scrollWidth > root.clientWidth) problems.push(`the page is ${root.scrollWidth}px wide`);
  const main = document.querySelector("main");
  const edge = main.getBoundingClientRect().right - parseFloat(getComputedStyle(main).paddingRight);
  const placed = (el) => {
    for (let node = el; node && node !== main; node = node.parentElement) {
      if (["absolute", "fixed"].includes(getComputedStyle(node).position)) return true;
    }
    return false;
  };
  const text = (el) => (el.textContent || "").trim().replace(/\\s+/g, " ").slice(0, 50);
  for (const el of main.querySelectorAll("*")) {
    const box = el.getBoundingClientRect();
    if (box.width && box.right > edge + 1 && !placed(el) && !el.closest(".leaflet-container")) {
      const where = `ends at ${Math.round(box.right)}px, past ${Math.round(edge)}px`;
      problems.push(`<${el.tagName.toLowerCase()} class="${el.className}"> ${where}: ${text(el)}`);
    }
  }
  const boxes = ".panel, .member-tile, .member-card, .event-card, .call-card, .space-card, .filters";
  for (const el of main.querySelectorAll(boxes)) {
    if (el.scrollWidth > el.clientWidth + 1) {
      const size = `holds ${el.scrollWidth}px in ${el.clientWidth}px`;
      problems.push(`.${el.className.split(" ").join(".")} ${size}: ${text(el)}`);
    }
  }
  return problems;
}"""


def _paths(language):
    """The pages where long words and wide tables showed: the lists, spaces with prices, the
    events with the longest titles, the calls (their member tiles), a member's profile."""
    from agenda.models import Event
    from calls.models import Call
    from coworking.models import Space
    from directory.models import MemberProfile

    with translation.override(language):
        names = ("directory:index", "coworking:index", "agenda:index", "agenda:archive", "calls:index")
        lists = [reverse(name) for name in names]
        priced = [space for space in Space.objects.public().order_by("pk") if space.has_prices][:3]
        events = sorted(Event.objects.public().upcoming(), key=lambda event: -len(event.title))[:3]
        calls = list(Call.objects.public().order_by("pk"))
        profile = MemberProfile.objects.public().get(user__email="member@coop.example")
        return {
            "lists": lists,
            "spaces": [space.get_absolute_url() for space in priced],
            "pages": [event.get_absolute_url() for event in events]
            + [call.get_absolute_url() for call in calls]
            + [profile.get_absolute_url()],
        }


def test_german_and_dutch_pages_fit_a_phone_screen(live_server, demo_site, browser):
    problems = []
    for width in (390, 360):
        context = browser.new_context(**{**PHONE, "viewport": {"width": width, "height": 844}})
        page = context.new_page()
        page.set_default_timeout(15000)
        for language in ("de", "nl"):
            paths = _paths(language)
            # The price tables at both widths; every other page at 390 px.
            chosen = paths["spaces"] if width == 360 else [p for group in paths.values() for p in group]
            for path in chosen:
                page.goto(live_server.url + path)
                # The filters fold on a phone: unfolded, their column is measured too.
                page.evaluate("document.querySelectorAll('details.filters').forEach((d) => d.open = true)")
                found = page.evaluate(FIND_OVERFLOW)
                if len(found) > 4:  # the first ones say where; the rest follows from them
                    found = [*found[:4], f"and {len(found) - 4} more"]
                problems += [f"{path} at {width}px: {problem}" for problem in found]
        context.close()
    assert not problems, "\n".join(problems)


def test_language_links_are_44_px_targets_and_the_desktop_header_keeps_its_line(
    live_server, demo_site, browser
):
    for options in (PHONE, DESKTOP, {**PHONE, "viewport": {"width": 320, "height": 640}}):
        context = browser.new_context(**options)
        page = context.new_page()
        page.goto(live_server.url + "/de/")
        width = options["viewport"]["width"]
        links = page.locator(".language-switcher a")
        expect(links).to_have_count(4)
        for box in [links.nth(i).bounding_box() for i in range(4)]:
            assert box["width"] >= 44 and box["height"] >= 44, (width, box)
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        if width > 1000:
            # Beside the brand, on the header's first row, which stays as tall as before.
            brand = page.locator(".brand").bounding_box()
            row = page.locator(".header-row").first.bounding_box()
            for box in [links.nth(i).bounding_box() for i in range(4)]:
                assert abs((box["y"] + box["height"] / 2) - (brand["y"] + brand["height"] / 2)) < 4
            assert row["height"] < 60
        context.close()


def test_main_content_keeps_its_distance_from_the_header_and_the_footer(live_server, demo_site, browser):
    # `.wrap` on <main> reset main's top and bottom padding: the breadcrumb sat 4 px under the
    # header, the last element touched the footer.
    from coworking.models import Space
    from directory.models import MemberProfile

    with translation.override("fr"):
        space = Space.objects.public().order_by("pk").first().get_absolute_url()
        profile = MemberProfile.objects.public().get(user__email="member@coop.example").get_absolute_url()
    for options, top in ((DESKTOP, 20), (PHONE, 10)):
        context = browser.new_context(**options)
        page = context.new_page()
        for path in (space, profile):
            page.goto(live_server.url + path)
            gaps = page.evaluate(
                """() => {
                  const main = document.querySelector("main");
                  // Seen: not inside a closed <details>, nor the honeypot or the visually hidden.
                  const inFlow = (el) => el.checkVisibility({visibilityProperty: true})
                    && !el.closest(".hp, .visually-hidden, .skip-results");
                  const shown = [...main.querySelectorAll("*")]
                    .filter((el) => inFlow(el) && el.getBoundingClientRect().height > 0);
                  const header = document.querySelector(".site-header").getBoundingClientRect().bottom;
                  const footer = document.querySelector(".site-footer").getBoundingClientRect().top;
                  const first = Math.min(...shown.map((el) => el.getBoundingClientRect().top));
                  const last = Math.max(...shown.map((el) => el.getBoundingClientRect().bottom));
                  return {top: first - header, bottom: footer - last};
                }"""
            )
            assert gaps["top"] >= top and gaps["bottom"] >= 40, (path, options["viewport"], gaps)
        context.close()


def test_the_login_form_puts_remember_me_beside_its_box_and_the_reset_link_under_the_field(
    live_server, demo_site, browser
):
    for options in (DESKTOP, PHONE):
        context = browser.new_context(**options)
        page = context.new_page()
        page.goto(live_server.url + "/fr/accounts/login/")
        box = page.locator("#id_remember").bounding_box()
        label = page.get_by_text("Se souvenir de moi", exact=True).bounding_box()
        assert label["x"] > box["x"] + box["width"], (box, label)
        assert abs((label["y"] + label["height"] / 2) - (box["y"] + box["height"] / 2)) < 8, (box, label)
        field = page.locator("#id_password").bounding_box()
        reset = page.get_by_role("link", name="Mot de passe oublié ?").bounding_box()
        assert reset["y"] >= field["y"] + field["height"] and abs(reset["x"] - field["x"]) < 2, (field, reset)
        if options is DESKTOP:
            page.screenshot(path=str(ARTIFACTS / "login-fr-1280.png"), full_page=True)
        context.close()


def test_the_directory_and_the_spaces_let_a_keyboard_skip_their_filters(live_server, demo_site, browser):
    context = browser.new_context(**DESKTOP)
    page = context.new_page()
    for path in ("/de/mitgliederverzeichnis/", "/nl/werkruimtes/"):
        page.goto(live_server.url + path)
        skip = page.locator(".skip-results")
        expect(skip).not_to_be_in_viewport()
        skip.focus()
        expect(skip).to_be_in_viewport()
        page.keyboard.press("Enter")
        expect(page).to_have_url(re.compile(r"#results$"))
    context.close()


def test_a_place_typed_in_the_directory_puts_the_nearest_members_first(live_server, demo_site, page):
    page.goto(live_server.url + "/fr/annuaire/")
    expect(page.locator("#id_ordering")).to_have_value("")  # "Pertinence", not chosen
    page.locator("#id_near").fill("Liège")
    page.locator("#directory-form .search-row button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"near=Li"))
    expect(page.locator("#directory")).not_to_have_attribute("aria-busy", "true")
    assert "ordering=relevance" not in page.url
    places = page.locator(".member-card .meta").all_inner_texts()
    distances = [float(km.replace(",", ".")) for text in places for km in re.findall(r"(\d+,\d) km", text)]
    assert len(distances) > 5 and distances == sorted(distances), places
    expect(page.locator("#id_ordering option:checked")).to_have_text("Distance")


# Controls a finger hits on the directory page at 390 px, and under 44 px tall.
SMALL_TARGETS = """() => {
  const selector = ".site-menu .main-nav a, .account-nav a, .menu-toggle, .filters > summary, "
    + ".facet-option, .facet-more > summary, .chip, .pagination a, .apply-filters";
  return [...document.querySelectorAll(selector)]
    .filter((el) => el.offsetParent !== null && el.getBoundingClientRect().height < 44)
    .map((el) => `${el.className || el.tagName}: ${Math.round(el.getBoundingClientRect().height)}px`
      + ` ${(el.textContent || "").trim().slice(0, 30)}`);
}"""


def test_on_a_phone_the_directory_filters_are_44_px_targets_and_their_button_shows_the_results(
    live_server, demo_site, browser
):
    context = browser.new_context(**PHONE)
    page = context.new_page()
    page.set_default_timeout(15000)
    page.goto(live_server.url + "/nl/")
    page.locator(".menu-toggle").click()
    assert page.evaluate(SMALL_TARGETS) == []
    with translation.override("nl"):
        page.locator(".site-menu .main-nav a", has_text=str(translation.gettext("Directory"))).first.click()
    page.locator(".filters > summary").click()
    assert page.evaluate(SMALL_TARGETS) == []
    count = page.locator("#result-count")
    before = count.text_content()
    page.locator(".facet-option:visible").filter(has=page.locator("input[type=checkbox]")).first.click()
    expect(count).not_to_have_text(before)
    # The results changed below the panel, out of sight: the button is there to show them.
    apply = page.locator(".apply-filters")
    expect(apply).to_be_visible()
    apply.click()
    expect(page.locator("#filters")).not_to_have_attribute("open", "")
    expect(count).to_be_in_viewport()
    page.screenshot(path=str(ARTIFACTS / "phone-directory-filters-applied.png"))
    context.close()
