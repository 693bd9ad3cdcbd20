"""Every kind of page, loaded in Chromium under the site's Content-Security-Policy (and the
admin under its own): the browser reports no violation, and the pages still work."""

import pytest

from directory.models import MemberProfile
from portal.demo.seed import DEMO_PASSWORD
from portal.ethics.models import EthicsCommitteePage, EthicsOpinionPage
from portal.pages.models import HomePage

from .conftest import SQLITE_PASS_ONLY

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True), SQLITE_PASS_ONLY]

# Runs before the page's own scripts; CSP does not apply to it (Playwright injects it).
LISTEN = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__violations.push(`${event.violatedDirective} blocked ${event.blockedURI || "inline"}`
    + ` at ${event.sourceFile}:${event.lineNumber}`);
});
"""


@pytest.fixture
def watched(page):
    page.add_init_script(LISTEN)
    console = []
    page.on("console", lambda message: console.append(message.text))
    return page, console


def visit(page, console, url):
    response = page.goto(url)
    assert response.status < 500, url
    page.wait_for_load_state("networkidle")
    violations = page.evaluate("window.__violations")
    reported = [text for text in console if "Content Security Policy" in text]
    assert violations == [] and reported == [], (url, violations, reported)
    return response


def log_in(page, base, email, next_path="/fr/compte/"):
    page.goto(f"{base}/fr/accounts/login/?next={next_path}")
    page.locator("input[name=login]").fill(email)
    page.locator("input[name=password]").fill(DEMO_PASSWORD)
    page.locator("form").get_by_role("button").last.click()
    page.wait_for_load_state("networkidle")


def test_no_page_type_breaks_the_content_security_policy(live_server, demo_site, watched):
    page, console = watched
    base = live_server.url
    profile = MemberProfile.objects.public().first()
    public = [
        HomePage.objects.get(locale__language_code="nl").url,
        "/fr/charte-des-valeurs/",
        EthicsCommitteePage.objects.get(locale__language_code="de").url,
        EthicsCommitteePage.objects.get(locale__language_code="fr").url + "saisine/",
        EthicsOpinionPage.objects.filter(locale__language_code="en").first().url,
        "/fr/recherche/?q=charte",
        "/nl/ledengids/?q=fotograaf&near=Luik&radius_km=25",
        profile.get_absolute_url(),
        "/fr/accounts/login/",
        "/fr/accounts/signup/",
        "/fr/accounts/password/reset/",
        "/fr/page-qui-nexiste-pas/",
    ]
    for path in public:
        response = visit(page, console, base + path)
        if path != "/fr/page-qui-nexiste-pas/":
            assert "script-src 'self'" in response.headers["content-security-policy"]
            assert "camera=()" in response.headers["permissions-policy"]

    # The directory's script still runs: typing fetches suggestions from the same site.
    visit(page, console, base + "/fr/annuaire/")
    page.get_by_role("searchbox").first.fill("phot")
    page.wait_for_load_state("networkidle")

    # A member's pages.
    log_in(page, base, "member@coop.example")
    for path in ["/fr/compte/", "/fr/compte/profil/", "/fr/accounts/2fa/", "/fr/accounts/email/"]:
        visit(page, console, base + path)

    # An editor in the admin, under the admin's policy.
    page.context.clear_cookies()
    log_in(page, base, "editor@coop.example", "/admin/")
    home = HomePage.objects.get(locale__language_code="fr")
    for path in ["/admin/", f"/admin/pages/{home.pk}/", f"/admin/pages/{home.pk}/edit/", "/admin/images/"]:
        response = visit(page, console, base + path)
        assert "frame-ancestors 'self'" in response.headers["content-security-policy"]
