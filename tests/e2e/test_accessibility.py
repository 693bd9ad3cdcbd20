"""Every public page type, in the four languages, on a desktop and a phone screen:

- axe-core (WCAG 2.0/2.1 A and AA, and axe's best practices) finds no violation;
- the browser asks nothing of any host but the site itself (no fonts, scripts, analytics or
  images from elsewhere);
- full-page screenshots of the home page and the directory land in
  test-artifacts/screenshots/ for a person to look at.

axe-core comes from npm (package.json, package-lock.json), installed into node_modules/ by
scripts/node-packages (`make check` and `make test` run it). The site's Content-Security-Policy
forbids inline and foreign scripts, so axe is evaluated through Playwright (the DevTools
protocol), which the page's policy does not govern.

The demo site is seeded once per language (the seed is per test, as in the other journeys);
each test visits all the pages of its language at both sizes, in one browser context per size
kept for the whole module, and reports every problem it found at the end, not only the first.
"""

import json
from collections import defaultdict
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.urls import reverse
from django.utils import translation

from agenda.models import Event
from coworking.models import Space
from directory.models import MemberProfile
from portal.charter.models import ValuesCharterPage
from portal.ethics.models import EthicsCommitteePage, EthicsOpinionPage
from portal.pages.models import HomePage, StandardPage

from .conftest import ARTIFACTS, SQLITE_PASS_ONLY

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True), SQLITE_PASS_ONLY]

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = ARTIFACTS / "screenshots"

LANGUAGES = ["fr", "nl", "de", "en"]
VIEWPORTS = {
    "desktop": {"viewport": {"width": 1280, "height": 900}},
    "phone": {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True},
}
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]},
    "resultTypes": ["violations"],
}
# Words a visitor of each language would type: in the directory, and in the site search.
DIRECTORY_QUERY = {"fr": "photographe", "nl": "fotograaf", "de": "Fotograf", "en": "photographer"}
SITE_QUERY = {"fr": "charte", "nl": "handvest", "de": "Charta", "en": "charter"}
# Pages with a full-page screenshot at each size.
SCREENSHOT = {"home", "directory"}
# Pages checked a second time with the phone menu unfolded (the header's links, site search
# and account links fold behind a button on a phone; the site search page has a second search).
MENU_OPEN = {"home", "site search"}

RUN_AXE = """async (options) => {
  const results = await axe.run(document, options);
  return {
    version: axe.version,
    violations: results.violations.map((rule) => ({
      id: rule.id,
      impact: rule.impact,
      help: rule.help,
      helpUrl: rule.helpUrl,
      nodes: rule.nodes.map((node) => ({
        target: node.target.map((t) => Array.isArray(t) ? t.join(" >>> ") : t).join(", "),
        html: node.html,
        summary: node.failureSummary,
      })),
    })),
  };
}"""


def public_pages(language):
    """(name, path, expected status) of every public page type in one language."""

    def in_language(model, **filters):
        return model.objects.live().filter(locale__language_code=language, **filters).first()

    committee = in_language(EthicsCommitteePage)
    opinion = in_language(EthicsOpinionPage)
    member = MemberProfile.objects.public().get(user__email="member@coop.example")
    with translation.override(language):
        profile = member.get_absolute_url()
    prefix = f"/{language}"
    with translation.override(language):
        directory = reverse("directory:index")
        search, site_map = reverse("pages:search"), reverse("pages:site_map")
        referral = committee.url + committee.reverse_subpage("referral")
        spaces = reverse("coworking:index")
        space = Space.objects.public().filter(resources__isnull=False).order_by("pk")[0].get_absolute_url()
        events = reverse("agenda:index")
        month = reverse("agenda:month_now")
        event = (
            Event.objects.public()
            .upcoming()
            .filter(capacity__isnull=False)
            .order_by("start")[0]
            .get_absolute_url()
        )
    pages = [
        ("home", in_language(HomePage).url, 200),
        ("standard page", in_language(StandardPage).url, 200),
        ("values charter", in_language(ValuesCharterPage).url, 200),
        ("ethics committee", committee.url, 200),
        ("ethics referral form", referral, 200),
        ("directory", f"{directory}", 200),
        ("directory, filtered", f"{directory}?sector=photography&region=03000", 200),
        ("directory, searched", f"{directory}?q={DIRECTORY_QUERY[language]}", 200),
        ("member profile", profile, 200),
        ("spaces", spaces, 200),
        ("spaces, filtered", f"{spaces}?near=Gent&radius_km=25&amenity=wifi", 200),
        ("space", space, 200),
        ("events", events, 200),
        ("events, filtered", f"{events}?region=03000&price=free", 200),
        ("events, month", month, 200),
        ("event", event, 200),
        ("log in", f"{prefix}/accounts/login/", 200),
        ("sign up", f"{prefix}/accounts/signup/", 200),
        ("password reset", f"{prefix}/accounts/password/reset/", 200),
        ("site search", f"{search}?q={SITE_QUERY[language]}", 200),
        ("site map", site_map, 200),
        ("page not found", f"{prefix}/no-such-page/", 404),
    ]
    if opinion is not None:
        pages.insert(4, ("ethics opinion", opinion.url, 200))
    return pages


@pytest.fixture(scope="module")
def axe_source():
    if not AXE.exists():
        pytest.fail(f"{AXE.relative_to(ROOT)} is missing: run `make node-packages` (scripts/node-packages).")
    return AXE.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def contexts(browser):
    """One browser context per screen size, for the whole module."""
    made = {}
    for name, options in VIEWPORTS.items():
        made[name] = browser.new_context(locale="fr-BE", **options)
        made[name].add_init_script(WATCH_BLOCKED)
    yield made
    for context in made.values():
        context.close()


# Requests that the Content-Security-Policy stops before they start (a script's fetch() to
# another host) never reach page.on("request"): the page reports them here.
WATCH_BLOCKED = """
window.__foreign = [];
document.addEventListener("securitypolicyviolation", (event) => {
  const uri = event.blockedURI || "";
  if (/^(https?|wss?):/.test(uri) && new URL(uri).host !== location.host) window.__foreign.push(uri);
});
"""


@pytest.mark.parametrize("language", LANGUAGES)
def test_public_pages_are_accessible_and_load_nothing_from_other_hosts(
    language, live_server, demo_site, contexts, axe_source
):
    site = urlsplit(live_server.url).netloc
    pages = public_pages(language)
    violations = []  # (rule, node, page label)
    foreign = defaultdict(set)  # foreign URL -> page labels
    statuses = []
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "accessibility" / f"violations-{language}.json").unlink(missing_ok=True)

    def audit(page, label):
        page.evaluate(axe_source)
        results = page.evaluate(RUN_AXE, AXE_OPTIONS)
        assert results["version"].startswith("4."), f"axe-core did not run on {label}: {results}"
        for rule in results["violations"]:
            for node in rule["nodes"]:
                violations.append((rule, node, label))
        for url in page.evaluate("window.__foreign"):
            foreign[f"{url} (blocked by the CSP)"].add(label)

    for size, context in contexts.items():
        context.clear_cookies()
        page = context.new_page()
        page.set_default_timeout(15000)
        width = VIEWPORTS[size]["viewport"]["width"]
        current = {"label": ""}

        def on_request(request, current=current):
            url = urlsplit(request.url)
            if url.scheme not in ("data", "blob", "about") and url.netloc != site:
                foreign[request.url].add(current["label"])

        page.on("request", on_request)
        for name, path, status in pages:
            label = current["label"] = f"{name} {path} [{language}, {size} {width}px]"
            response = page.goto(live_server.url + path)
            if response is None or response.status != status:
                statuses.append(f"{label}: HTTP {response.status if response else '-'}, expected {status}")
                continue
            page.evaluate("document.fonts.ready.then(() => true)")
            if name in SCREENSHOT:
                page.screenshot(path=str(SCREENSHOTS / f"{name}-{language}-{width}.png"), full_page=True)
            audit(page, label)
            toggle = page.locator(".menu-toggle")
            if name in MENU_OPEN and toggle.is_visible():
                toggle.click()
                audit(page, label.replace(f"{name} ", f"{name}, menu open ", 1))
        page.close()

    problems = []
    if statuses:
        problems.append("Unexpected answers:\n" + "\n".join(f"  {line}" for line in statuses))
    if violations:
        dump_violations(language, violations)
        problems.append(describe_violations(violations))
    if foreign:
        problems.append(
            "Requests to other hosts than the site:\n"
            + "\n".join(
                f"  {url}\n    from {'; '.join(sorted(labels))}" for url, labels in sorted(foreign.items())
            )
        )
    if problems:
        pytest.fail("\n\n".join(problems))


def describe_violations(violations):
    """axe's violations, grouped by rule, then by element, with the pages it appears on."""
    by_rule = defaultdict(lambda: defaultdict(list))
    rules = {}
    for rule, node, label in violations:
        rules[rule["id"]] = rule
        by_rule[rule["id"]][(node["target"], node["html"])].append(label)
    lines = [f"axe-core found {len(violations)} violation(s) of {len(by_rule)} rule(s):"]
    for rule_id, nodes in sorted(by_rule.items()):
        rule = rules[rule_id]
        lines.append(f"\n[{rule['impact']}] {rule_id}: {rule['help']} ({rule['helpUrl']})")
        for (target, html), labels in nodes.items():
            lines.append(f"  {target}\n    {html[:300]}")
            lines.extend(f"    on {label}" for label in labels)
    return "\n".join(lines)


def dump_violations(language, violations):
    """The violations as JSON too, in test-artifacts/accessibility/, for whoever fixes them."""
    folder = ARTIFACTS / "accessibility"
    folder.mkdir(parents=True, exist_ok=True)
    rows = [
        {"rule": rule["id"], "impact": rule["impact"], "help": rule["help"], **node, "page": label}
        for rule, node, label in violations
    ]
    (folder / f"violations-{language}.json").write_text(json.dumps(rows, indent=2, ensure_ascii=False))
