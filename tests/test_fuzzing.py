"""Hostile input at every parameter of every public list, search, form and API: never a 500.

The GET targets are found by walking the URL configuration (every app's public patterns, so a
new app's lists and APIs are fuzzed as soon as it registers its URLs) plus the CMS pages; the
parameter names are those the search documents declare plus the ones Wagtail's API and the
pages read. The POST targets are the forms people fill in. Hypothesis draws the values from a
corpus of known troublemakers and from arbitrary Unicode text; `derandomize` keeps a run
reproducible, so a failure here fails the same way on the next run.
"""

from urllib.parse import urlencode

import pytest
from django.contrib.auth import get_user_model
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import translation
from django.utils.text import slugify
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from directory.factories import ProfileFactory, UserFactory
from directory.forms import ContactForm, ProfileForm, ReportForm
from portal.ethics.models import EthicsCommitteePage, EthicsOpinionPage
from portal.ethics.referrals import ReferralForm
from portal.pages.models import HomePage
from portal.search import documents as search_documents
from portal.search.forms import search_form

pytestmark = pytest.mark.django_db

TROUBLE = [
    "",
    " ",
    '"',
    "'",
    '"unbalanced',
    "a" * 199 + '"b"',
    "\x00",
    "\x00\x01\x1f\x7f",
    "%",
    "%00",
    "*",
    "(((",
    ")",
    "AND OR NOT",
    "NEAR(a b)",
    "a:b",
    "^",
    "-",
    "-1",
    "0",
    "1.5",
    "1e309",
    "NaN",
    "inf",
    "99999999999999999999999999",
    "' OR 1=1 --",
    "'; DROP TABLE accounts_user; --",
    "<script>alert(1)</script>",
    "../../etc/passwd",
    "\u202e\u200b\ufeff",
    "💩" * 50,
    "ﬁ İ ß ǅ",
    "null",
    "true",
    "[]",
    "{}",
    ",,,",
    "a,b,,c",
    "x" * 10_000,
    "https://evil.example/",
    "//evil.example",
]
HOSTILE = st.one_of(
    st.sampled_from(TROUBLE),
    st.text(max_size=300),
    st.integers().map(str),
    st.lists(st.sampled_from(TROUBLE), min_size=2, max_size=4).map(",".join),
)

# Parameters that Wagtail's API, the page search and the views read, on top of the documents'.
COMMON_PARAMETERS = [
    "q",
    "page",
    "page_size",
    "search",
    "search_operator",
    "offset",
    "limit",
    "type",
    "fields",
    "order",
    "locale",
    "translation_of",
    "child_of",
    "descendant_of",
    "html_path",
    "slug",
    "lang",
    "partial",
    "next",
    "format",
]


def parameter_names():
    names = set(COMMON_PARAMETERS)
    for document in search_documents():
        names |= set(search_form(document).base_fields)
    return sorted(names)


QUERY = st.lists(st.tuples(st.sampled_from(parameter_names()), HOSTILE), max_size=5)
SKIPPED_PREFIXES = ("admin/", "documents/", "i18n/", "accounts/", "django-admin/")


def walk(patterns, prefix=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            yield from walk(entry.url_patterns, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), entry


def public_get_urls(profile):
    """Every pattern of the URL configuration that a visitor can GET, with real arguments."""
    values = {
        "<int:pk>": str(profile.pk),
        "<slug:slug>": slugify(profile.display_name),
        "<slug:section>": "members",
    }
    urls = set()
    with translation.override("fr"):
        for route, _pattern in walk(get_resolver().url_patterns):
            route = route.replace("^", "").replace("$", "").replace("\\Z", "")
            if route.startswith(SKIPPED_PREFIXES) or "(?P" in route or "((?:" in route:
                continue
            for placeholder, value in values.items():
                route = route.replace(placeholder, value)
            if "<" in route:
                continue
            urls.add("/" + route)
    home = HomePage.objects.get(locale__language_code="nl")
    urls |= {
        home.url,
        EthicsCommitteePage.objects.get(locale__language_code="de").url,
        EthicsOpinionPage.objects.first().url,
        "/api/v2/pages/1/",
    }
    return sorted(urls)


@pytest.fixture
def profile(db):
    return ProfileFactory(place="62063")


def test_the_walk_finds_every_app(profile):
    urls = public_get_urls(profile)
    for expected in [
        "/fr/annuaire/",
        "/api/v1/members/",
        f"/api/v1/members/{profile.pk}/",
        "/api/v2/pages/",
    ]:
        assert expected in urls, urls
    assert "/fr/recherche/" in urls and "/sitemap.xml" in urls and "/sitemap-members.xml" in urls
    assert "/fr/espaces/" in urls and "/api/v1/spaces/" in urls


FUZZ = settings(
    max_examples=40,
    derandomize=True,
    deadline=None,
    database=None,
    # No shrinking: the failing request is in the assertion message already, and shrinking
    # through dozens of URLs per example would take minutes.
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@FUZZ
@given(query=QUERY)
def test_no_list_search_or_api_answers_500(client, profile, query):
    suffix = "?" + urlencode(query) if query else ""
    for url in public_get_urls(profile):
        response = client.get(url + suffix)
        assert response.status_code < 500, (url + suffix, response.status_code)


def form_targets(profile):
    """(url, field names, account or None) of every form people fill in."""
    committee = EthicsCommitteePage.objects.get(locale__language_code="fr")
    return [
        (profile.get_absolute_url(), list(ContactForm.base_fields), "writer"),
        (f"/fr/annuaire/{profile.pk}/signaler/", [f"report-{name}" for name in ReportForm.base_fields], None),
        (committee.url + "saisine/", list(ReferralForm.base_fields), None),
        ("/fr/compte/profil/", list(ProfileForm.base_fields), "owner"),
        ("/fr/compte/charte/", ["accept_charter", "next"], "owner"),
        (
            "/fr/accounts/signup/",
            ["email", "password1", "password2", "first_name", "last_name", "accept_charter"],
            None,
        ),
        ("/fr/accounts/login/", ["login", "password", "remember", "next"], None),
        ("/fr/accounts/password/reset/", ["email"], None),
        ("/i18n/setlang/", ["language", "next"], None),
        *space_form_targets(),
        *event_form_targets(),
    ]


def event_form_targets():
    """A visitor's registration for a demo event."""
    from agenda.forms import GuestRegistrationForm
    from agenda.models import Event

    event = Event.objects.public().upcoming().order_by("start").first()
    if event is None:
        return []
    with translation.override("fr"):
        url = reverse("agenda:register", args=[event.pk])
    return [(url, list(GuestRegistrationForm.base_fields), None)]


def space_form_targets():
    """The visit request and the booking form of a demo space's room."""
    from coworking.forms import BookingForm, VisitForm
    from coworking.models import Resource

    room = Resource.objects.filter(bookable=True, space__published=True).select_related("space").first()
    if room is None:
        return []
    space = room.space
    return [
        (f"/fr/espaces/{space.pk}/visite/", list(VisitForm.base_fields), None),
        (f"/fr/espaces/{space.pk}/reserver/{room.pk}/", list(BookingForm.base_fields), "owner"),
    ]


@FUZZ
@given(data=st.data())
def test_no_form_answers_500(client, profile, data):
    writer = get_user_model().objects.filter(email="writer@example.org").first() or UserFactory(
        email="writer@example.org"
    )
    accounts = {"writer": writer, "owner": profile.user}
    for url, fields, account in form_targets(profile):
        client.logout()
        if account:
            client.force_login(accounts[account])
        values = data.draw(st.lists(st.tuples(st.sampled_from(fields), HOSTILE), max_size=len(fields) + 2))
        response = client.post(url, urlencode(values), content_type="application/x-www-form-urlencoded")
        assert response.status_code < 500, (url, values, response.status_code)
