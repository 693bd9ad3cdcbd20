"""Answers kept for anonymous visitors: never shown to someone else, never stale after a change."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from directory.factories import ProfileFactory
from directory.models import MemberProfile

pytestmark = pytest.mark.django_db


def test_a_kept_listing_is_served_without_the_database_and_not_to_a_member(
    client, django_assert_max_num_queries, password
):
    first = client.get("/fr/annuaire/")
    assert first.status_code == 200 and "Cookie" in first["Vary"]
    with django_assert_max_num_queries(0):  # (the test cache is in memory: no stamp query either)
        again = client.get("/fr/annuaire/")
    assert again.content == first.content
    # A logged-in member gets their own page (their name in the header, a logout button).
    client.post("/fr/accounts/login/", {"login": "member@coop.example", "password": password})
    html = client.get("/fr/annuaire/").content.decode()
    assert "Lotte" in html and "account_logout" not in html and "Se déconnecter" in html


def test_a_hidden_profile_leaves_the_kept_listing_at_once(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):  # as after the request's commit
        profile = ProfileFactory(place="62063", user__first_name="Aaron", user__last_name="Aardewerk")
    assert profile.display_name in client.get("/fr/annuaire/?ordering=name").content.decode()
    profile.status = MemberProfile.Status.HIDDEN
    profile.moderation_reason = "Photos d'autrui"
    with django_capture_on_commit_callbacks(execute=True):
        profile.save()
    assert profile.display_name not in client.get("/fr/annuaire/?ordering=name").content.decode()
    assert profile.display_name not in client.get("/api/v1/members/?ordering=name").content.decode()


def test_a_deactivated_account_leaves_the_kept_listing(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        profile = ProfileFactory(place="62063", user__first_name="Aaron", user__last_name="Aardewerk")
    assert profile.display_name in client.get("/nl/ledengids/?ordering=name").content.decode()
    user = profile.user
    user.is_active = False
    with django_capture_on_commit_callbacks(execute=True):
        user.save()
    assert profile.display_name not in client.get("/nl/ledengids/?ordering=name").content.decode()


def test_the_api_labels_follow_each_visitors_language(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        ProfileFactory(place="62063", sectors=["photography"])
    french = client.get("/api/v1/members/", HTTP_ACCEPT_LANGUAGE="fr").json()
    german = client.get("/api/v1/members/", HTTP_ACCEPT_LANGUAGE="de").json()
    by_cookie = client.get(
        "/api/v1/members/", HTTP_ACCEPT_LANGUAGE="fr", HTTP_COOKIE="django_language=de"
    ).json()
    label = {
        lang: {o["value"]: o["label"] for o in d["facets"]["sector"]}["photography"]
        for lang, d in (("fr", french), ("de", german), ("cookie", by_cookie))
    }
    assert label == {"fr": "Photographie", "de": "Fotografie", "cookie": "Fotografie"}


def test_a_cms_page_is_kept_for_visitors_until_it_is_published_again(
    client, django_assert_max_num_queries, django_capture_on_commit_callbacks
):
    from wagtail.models import Page

    first = client.get("/fr/")
    assert first.status_code == 200 and "Cookie" in first["Vary"]
    with django_assert_max_num_queries(0):  # (the test cache is in memory: no stamp query either)
        assert client.get("/fr/").content == first.content
    home = Page.objects.filter(depth=2, locale__language_code="fr").first().specific
    home.title = "Accueil de la coopérative Zorglub"
    with django_capture_on_commit_callbacks(execute=True):
        home.save_revision().publish()
    assert "Accueil de la coopérative Zorglub" in client.get("/fr/").content.decode()


def test_the_site_search_is_kept_for_visitors_and_follows_a_new_profile(
    client, django_assert_max_num_queries, django_capture_on_commit_callbacks
):
    first = client.get("/fr/recherche/", {"q": "Zorglubinski"})
    assert first.status_code == 200
    with django_assert_max_num_queries(0):
        assert client.get("/fr/recherche/", {"q": "Zorglubinski"}).content == first.content
    with django_capture_on_commit_callbacks(execute=True):
        profile = ProfileFactory(place="62063", user__first_name="Zoé", user__last_name="Zorglubinski")
    url = profile.get_absolute_url()
    assert url not in first.content.decode()
    assert url in client.get("/fr/recherche/", {"q": "Zorglubinski"}).content.decode()


def test_a_page_with_a_form_is_kept_and_each_visitor_gets_a_token_of_their_own(
    django_assert_max_num_queries,
):
    """The space page's "ask to visit" form: built once, then served to other visitors with
    their own CSRF token, and their POST is accepted (a shared token would be refused)."""
    import re

    from django.core import mail
    from django.test import Client

    from coworking.models import Space

    space = Space.objects.filter(published=True).first()
    url = space.get_absolute_url()
    first = Client(enforce_csrf_checks=True)
    first.get(url)  # built and kept
    tokens = []
    for _n in range(2):
        visitor = Client(enforce_csrf_checks=True)
        with django_assert_max_num_queries(1):  # the anti-spam rate limit's counter at most
            page = visitor.get(url)
        assert page.status_code == 200 and "private" in page["Cache-Control"]
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode()).group(1)
        tokens.append(token)
        answer = visitor.post(
            reverse("coworking:visit", args=[space.pk]),
            {
                "csrfmiddlewaretoken": token,
                "name": "Inès Dubois",
                "email": "ines@example.org",
                "day": (timezone.localdate() + datetime.timedelta(days=7)).isoformat(),
                "message": "Je voudrais visiter l’espace.",
            },
        )
        assert answer.status_code == 302  # accepted, not 403
    assert tokens[0] != tokens[1]
    assert len(mail.outbox) == 4  # to the space and to the visitor, twice
