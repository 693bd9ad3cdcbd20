"""At most 12 SQL queries per page, whatever the data (issue 13): the home page, a CMS page and
the site search as they are built for a visitor (nothing kept for visitors) and for a logged-in
member (the session, the account, the charter notice and the admin link on top), in the four
languages.

The shared caches are the database's, as in production: reading a version stamp or a kept
fragment is a query too. Each page is asked twice and the second answer is counted: what each
worker keeps between publications (the site, the routes, the menu) is then in place, as on
every request but the first after a publication.
"""

import datetime
import re

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape

from calls.documents import CALLS
from calls.models import Call
from directory.documents import MEMBERS
from directory.factories import ProfileFactory
from portal import search
from tests.conftest import LANGUAGES

pytestmark = pytest.mark.django_db

MAX_QUERIES = 12
DATABASE_CACHE = "django.core.cache.backends.db.DatabaseCache"
PRODUCTION_CACHES = {
    "default": {"BACKEND": DATABASE_CACHE, "LOCATION": "portal_cache"},
    "visitors": {"BACKEND": DATABASE_CACHE, "LOCATION": "portal_visitor_cache"},
    "renditions": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "renditions"},
}


@pytest.fixture
def built(settings):
    """Pages built for each request (no answer kept for visitors), shared caches in the database
    (their tables made here: the test settings' caches are in memory)."""
    settings.CACHES = PRODUCTION_CACHES
    settings.VISITOR_CACHE_SECONDS = 0
    call_command("createcachetable")


@pytest.fixture(params=["visitor", "member"])
def reader(request, client):
    if request.param == "member":
        client.force_login(get_user_model().objects.get(email="member@coop.example"))
    return client


def assert_built_within_limit(client, url, django_assert_max_num_queries):
    assert client.get(url).status_code == 200
    with django_assert_max_num_queries(MAX_QUERIES):
        response = client.get(url)
    assert response.status_code == 200
    return response


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_home_page(built, reader, homes, language, django_assert_max_num_queries):
    response = assert_built_within_limit(reader, homes[language].url, django_assert_max_num_queries)
    assert f'<html lang="{language}">' in response.content.decode()


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("fixture", ["charters", "committees"])
def test_a_cms_page(built, reader, request, fixture, language, django_assert_max_num_queries):
    page = request.getfixturevalue(fixture)[language]
    response = assert_built_within_limit(reader, page.url, django_assert_max_num_queries)
    assert escape(page.title) in response.content.decode()


@pytest.fixture
def found_everywhere(db):
    """Liège in every domain: members and calls (the demo spaces and events are there already),
    more of each than the site search shows."""
    for n in range(4):
        ProfileFactory(display_name=f"Membre {n}", place="62063")
    search.rebuild(MEMBERS)
    deadline = timezone.now() + datetime.timedelta(days=10)
    buyer = "Ville de Liège"
    for n in range(4):
        call = Call.objects.create(
            title_fr=f"Appel {n}", kind="tender", status="open", deadline=deadline, buyer_name=buyer
        )
        search.update(CALLS, [call.pk])


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_site_search(built, reader, found_everywhere, language, django_assert_max_num_queries):
    with translation.override(language):
        url = reverse("pages:search") + "?q=liège"
    response = assert_built_within_limit(reader, url, django_assert_max_num_queries)
    html = response.content.decode()
    # Members, spaces, events and calls, each with more than it shows.
    assert html.count('<section class="found"') == 4
    assert html.count('class="found__count"') == 4


def test_a_member_sees_the_admin_link_and_the_charter_notice_as_before(built, client):
    """The header's facts come from one statement now: the same links as user.has_perm and the
    acceptance gave."""
    users = get_user_model().objects
    home = "/fr/"
    for email, admin, notice in (
        ("member@coop.example", False, False),
        ("editor@coop.example", True, False),
        ("admin@coop.example", True, False),
        ("membre@coop.example", False, True),
    ):
        user = users.get(email=email)
        assert user.has_perm("wagtailadmin.access_admin") is admin
        client.force_login(user)
        html = client.get(home).content.decode()
        assert ('href="/admin/"' in html) is admin, email
        assert ('class="notice wrap"' in html) is notice, email


def sections(html):
    """(heading, total) of each domain's section of the site search, in order."""
    return re.findall(r'<h2 id="found-\d+">([^<]*?) <span class="found__count">\((\d+)\)</span>', html)


def test_the_site_search_finds_as_much_on_opensearch(client, settings, request, found_everywhere):
    """Every domain asked at once (portal.search.first_ids) on either backend: the same sections,
    the same totals."""
    settings.VISITOR_CACHE_SECONDS = 0
    url = reverse("pages:search") + "?q=liège"
    on_database = sections(client.get(url).content.decode())
    assert len(on_database) == 4
    request.getfixturevalue("search_engine")
    for document in search.documents():
        search.install(document)
        search.rebuild(document)
    assert sections(client.get(url).content.decode()) == on_database
