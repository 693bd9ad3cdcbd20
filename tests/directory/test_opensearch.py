"""What only the OpenSearch backend does, and how the portal behaves when it is down."""

import datetime
import time

import pytest
from django.urls import reverse
from django.utils import translation

from directory.documents import MEMBERS
from directory.factories import ProfileFactory
from portal import search
from portal.search.database import DatabaseBackend
from portal.search.opensearch import OpenSearchBackend

pytestmark = pytest.mark.django_db

GERMAN_UNAVAILABLE = "Die Suche ist im Moment nicht verfügbar."


@pytest.fixture
def engine(search_engine):
    return OpenSearchBackend(MEMBERS)


def names(result):
    return {h.display_name for h in result.hits}


def test_typos_still_find_people(engine, people):
    # No word starts with "photografer": the engine retries with typo tolerance.
    result = search.search(MEMBERS.query(q="photografer", page_size=50))
    assert names(result) == {"Élodie Lambert", "Jan Peeters", "Lukas Schmitz", "Zoë Van Damme"}


def test_other_word_forms_find_the_profile(engine, people):
    profile = people["Noah Lejeune"]
    profile.bio_fr = "Je joue dans un théâtre de rue et des festivals."
    profile.save()
    search.update(MEMBERS, [profile.pk])
    query = MEMBERS.query(q="théâtres festival")
    # The database needs every word to start a word of the profile: "théâtres" does not.
    assert DatabaseBackend(MEMBERS).search(query).total == 0
    # The French analyzer brings "théâtres" and "théâtre" to the same stem.
    assert names(search.search(query)) == {"Noah Lejeune"}


def test_a_visitors_own_word_forms_rank_first(engine, people):
    """Both profiles have a word starting with "chant"; for a French visitor "chanteurs" is a
    form of "chant" (the French analyzer gives both the stem "chant"), "chantiers" is not."""
    singers, works = people["Noah Lejeune"], people["Amira Haddad"]
    singers.bio_fr = "Je donne des cours aux chanteurs."
    works.bio_fr = "Je suis les chantiers de rénovation."
    for profile in (singers, works):
        profile.save()
    search.update(MEMBERS, [singers.pk, works.pk])
    for day in range(7):  # whatever the day's fair order among equals
        query = MEMBERS.query(q="chant", page_size=100, day=datetime.date(2026, 11, 23 + day))
        with translation.override("fr"):
            order = [hit.pk for hit in search.search(query).hits]
        assert order.index(singers.pk) < order.index(works.pk)


def test_a_saved_profile_is_searchable_when_the_save_returns(
    engine, people, django_capture_on_commit_callbacks
):
    profile = people["Chloé Dubois"]
    with django_capture_on_commit_callbacks(execute=True):
        profile.title = "Dessinatrice de presse"
        profile.save()
    assert names(search.search(MEMBERS.query(q="dessinatrice"))) == {"Chloé Dubois"}


def test_rebuild_switches_the_alias_without_a_gap(engine, people):
    client = engine.client
    before = set(client.indices.get_alias(name=engine.alias))
    total = search.search(MEMBERS.query()).total
    engine.rebuild()
    after = set(client.indices.get_alias(name=engine.alias))
    assert before and after and not before & after  # a new index took over
    assert not any(client.indices.exists(index=index) for index in before)  # the old one is gone
    assert search.search(MEMBERS.query()).total == total


def test_suggestions_for_names_professions_and_places(engine, people):
    assert "Élodie Lambert" in engine.suggest("elod")
    assert any(label.startswith("Lüttich") or label.startswith("Liège") for label in engine.suggest("lütt"))
    assert "Traducteur" in engine.suggest("tradu") or "Traductrice" in engine.suggest("tradu")


def test_engine_down_falls_back_to_the_database(settings, people, client):
    settings.SEARCH_URL = "http://127.0.0.1:9"  # nothing listens there
    settings.SEARCH_BACKEND = ""
    settings.SEARCH_FALLBACK_TO_DATABASE = True
    result = search.search(MEMBERS.query(q="photographer", page_size=50))
    assert names(result) == {"Élodie Lambert", "Jan Peeters", "Lukas Schmitz", "Zoë Van Damme"}
    health = client.get("/health/")
    assert health.status_code == 503 and "unavailable" in health.json()["search"]


def test_engine_down_without_fallback_says_search_is_unavailable(settings, people, client):
    settings.SEARCH_URL = "http://127.0.0.1:9"
    settings.SEARCH_BACKEND = ""
    settings.SEARCH_FALLBACK_TO_DATABASE = False
    page = client.get("/nl/ledengids/", {"q": "fotograaf"})
    assert page.status_code == 503
    assert "Zoeken is momenteel niet beschikbaar" in page.content.decode()
    api = client.get("/api/v1/members/", {"q": "fotograaf"})
    assert api.status_code == 503 and "search" in api.json()["errors"]
    # Every list API says so, in the language asked for.
    for path in ("/api/v1/members/", "/api/v1/spaces/", "/api/v1/events/", "/api/v1/calls/"):
        answer = client.get(path, {"q": "atelier", "lang": "de"})
        assert answer.status_code == 503, path
        assert answer.json()["errors"]["search"] == [GERMAN_UNAVAILABLE], path
    # Saving a profile still works while the engine is down.
    profile = people["Sofie Claes"]
    profile.title = "Illustratrice"
    profile.save()
    search.update(MEMBERS, [profile.pk])


def test_health_reports_the_database_search(client):
    response = client.get(reverse("health"))
    assert response.status_code == 200
    assert response.json() == {
        "database": "ok",
        "search": "database",
        "mail": "queued 0, retrying 0, failed 0",
        "search_retries": "0",
    }


@pytest.mark.django_db(transaction=True)
def test_changes_made_while_the_engine_is_down_reach_it_when_it_is_back(
    settings, search_engine, opensearch_url, task_worker, demo_site, client
):
    settings.SEARCH_RETRY_DELAYS = [1, 1, 1]
    search.rebuild(MEMBERS)
    settings.SEARCH_URL = "http://127.0.0.1:9"  # the engine is down
    profile = ProfileFactory(place="62063", user__first_name="Ysaline", user__last_name="Dormal")
    assert int(client.get("/health/").json()["search_retries"]) >= 1
    # Meanwhile the portal answers from the database, which has the change.
    assert "Ysaline Dormal" in client.get("/fr/annuaire/", {"q": "Ysaline"}).content.decode()

    settings.SEARCH_URL = opensearch_url  # back
    time.sleep(1.1)
    task_worker()
    assert client.get("/health/").json()["search_retries"] == "0"
    found = search.get_backend(MEMBERS).search(MEMBERS.query(q="Ysaline"))
    assert [p.pk for p in found.hits] == [profile.pk]


def _members(client, query, lang="fr"):
    answer = client.get(f"/api/v1/members/?{query}&lang={lang}")
    assert answer.status_code == 200
    return {member["name"]: member for member in answer.json()["results"]}


def test_the_api_serves_each_profile_as_it_is_now_though_it_keeps_what_it_built(
    engine, people, client, settings, django_capture_on_commit_callbacks
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from portal.search.api import kept_representations
    from portal.taxonomy.models import Sector

    settings.VISITOR_CACHE_SECONDS = 0  # the view itself answers every call
    kept_representations.clear()

    def afresh(query, lang="fr"):
        kept_representations.clear()
        return _members(client, query, lang)

    first = _members(client, "sector=photography")
    with CaptureQueriesContext(connection) as queries:
        again = _members(client, "sector=photography")
    assert again == first
    # Served from what the process kept: no profile read from the database.
    assert not any("directory_memberprofile" in q["sql"] for q in queries.captured_queries)

    # Each language has its own labels.
    nl = _members(client, "sector=photography", lang="nl")
    assert nl["Élodie Lambert"]["sectors"][0]["name"] == "Fotografie"
    assert first["Élodie Lambert"]["sectors"][0]["name"] == "Photographie"

    # A profile edited shows its new title at once; the others stay as kept.
    profile = people["Élodie Lambert"]
    with django_capture_on_commit_callbacks(execute=True):
        profile.title = "Photographe de plateau"
        profile.save()
    edited = _members(client, "sector=photography")
    assert edited["Élodie Lambert"]["title"] == "Photographe de plateau"
    assert edited == afresh("sector=photography")

    # The distance is each request's own: from Liège, then from Ghent.
    for place in ("62063", "44021"):
        near = _members(client, f"sector=photography&near={place}&radius_km=200")
        assert near == afresh(f"sector=photography&near={place}&radius_km=200")
        assert all(m["distance_km"] is not None for m in near.values())
    assert (
        _members(client, "sector=photography&near=44021&radius_km=200")["Élodie Lambert"]["distance_km"] > 100
    )

    # A sector renamed (reference data) is renamed in every kept profile.
    _members(client, "sector=photography")
    with django_capture_on_commit_callbacks(execute=True):
        sector = Sector.objects.get(slug="photography")
        sector.name_fr = "Photographie d'art"
        sector.save()
    assert _members(client, "sector=photography")["Jan Peeters"]["sectors"][0]["name"] == "Photographie d'art"

    # A change made without signals, then a rebuild: the new index numbers its documents as
    # the last rebuild did (same order, same sequence numbers), and what was kept from the
    # old index is not served.
    engine.rebuild()
    _members(client, "sector=photography")
    type(profile).objects.filter(pk=profile.pk).update(title="Photographe culinaire")
    engine.rebuild()
    assert _members(client, "sector=photography")["Élodie Lambert"]["title"] == "Photographe culinaire"
