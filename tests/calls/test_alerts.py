"""Members' alerts on calls: new calls matched against every saved search (the same answers on
the database and with OpenSearch's percolator for the keywords), and the digests of `send_call_alerts`."""

import datetime
import io

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext

from calls import alerts
from calls.documents import CALLS
from calls.models import AlertRun, Call, Match, SavedSearch
from portal import search
from portal.places.models import Region
from portal.taxonomy.models import Sector

pytestmark = pytest.mark.django_db

IN_A_MONTH = datetime.timedelta(days=30)


def make_member(email, language=""):
    user = get_user_model().objects.create_user(email=email, password="a-good-password-42")
    user.preferred_language = language
    user.save(update_fields=["preferred_language"])
    EmailAddress.objects.create(user=user, email=email, primary=True, verified=True)
    return user


def make_call(ref, sectors=(), regions=(), index=True, **fields):
    values = {
        "source_ref": ref,
        "buyer_name": "Ville de Liège",
        "deadline": timezone.now() + IN_A_MONTH,
        "status": "open",
    }
    values.update(fields)
    call = Call.objects.create(**values)
    call.sectors.set(Sector.objects.filter(slug__in=sectors))
    call.regions.set(Region.objects.filter(refnis__in=regions))
    if index:
        search.update(CALLS, [call.pk])
    return call


def make_alert(user, name, sectors=(), regions=(), kinds=(), levels=(), keywords="", frequency="daily"):
    alert = SavedSearch.objects.create(
        user=user,
        name=name,
        keywords=keywords,
        kinds="|".join(kinds),
        levels="|".join(levels),
        frequency=frequency,
    )
    alert.sectors.set(Sector.objects.filter(slug__in=sectors))
    alert.regions.set(Region.objects.filter(refnis__in=regions))
    return alert


@pytest.fixture(params=["database", "opensearch"])
def backend(request, settings):
    if request.param == "opensearch":
        request.getfixturevalue("search_engine")
        search.install(CALLS)
    else:
        settings.SEARCH_BACKEND = "database"
    return request.param


@pytest.fixture
def calls():
    past = timezone.now() - datetime.timedelta(days=1)
    return {
        "photo": make_call(
            "t-photo",
            ["photography"],
            ["04000"],
            kind="tender",
            level="regional",
            title_fr="Reportage photographique du festival",
            title_nl="Fotoreportage van het festival",
        ),
        "toneel": make_call(
            "t-toneel",
            ["performing-arts"],
            ["02000"],
            kind="projects",
            level="national",
            title_nl="Toneelvoorstelling voor scholen",
        ),
        "affiche": make_call(
            "t-affiche",
            ["graphic-design", "performing-arts"],
            ["03000"],
            kind="artist",
            level="european",
            title_fr="Création d’une affiche pour le théâtre de Namur",
        ),
        "grant": make_call("t-grant", kind="grant", level="national", title_en="Grant for photo books"),
        # Never matched: closed, unpublished, past its deadline (not yet refreshed).
        "closed": make_call("t-closed", ["photography"], ["04000"], status="closed", title_fr="Photo fermée"),
        "hidden": make_call("t-hidden", ["photography"], ["04000"], published=False, title_fr="Photo cachée"),
        "late": make_call("t-late", ["photography"], ["04000"], deadline=past, title_fr="Photo en retard"),
    }


CASES = [
    ("one sector", {"sectors": ["photography"]}, {"photo"}),
    ("a sector of several calls", {"sectors": ["performing-arts"]}, {"toneel", "affiche"}),
    ("any of two sectors", {"sectors": ["photography", "graphic-design"]}, {"photo", "affiche"}),
    ("one region", {"regions": ["04000"]}, {"photo"}),
    ("two regions", {"regions": ["02000", "03000"]}, {"toneel", "affiche"}),
    ("a kind", {"kinds": ["projects"]}, {"toneel"}),
    ("two kinds", {"kinds": ["tender", "grant"]}, {"photo", "grant"}),
    ("a level", {"levels": ["national"]}, {"toneel", "grant"}),
    ("French words, accents folded", {"keywords": "theatre"}, {"affiche"}),
    ("Dutch word start", {"keywords": "toneel"}, {"toneel"}),
    ("a word in French and English", {"keywords": "photo"}, {"photo", "grant"}),
    ("a Dutch word", {"keywords": "foto"}, {"photo"}),
    ("every word must match", {"keywords": "photo festival"}, {"photo"}),
    (
        "everything combined",
        {
            "sectors": ["performing-arts"],
            "regions": ["03000"],
            "kinds": ["artist"],
            "levels": ["european"],
            "keywords": "affiche",
        },
        {"affiche"},
    ),
    ("combined, nothing", {"sectors": ["photography"], "regions": ["02000"]}, set()),
    ("no criteria at all", {}, {"photo", "toneel", "affiche", "grant"}),
]


def test_every_filter_gives_the_same_matches_on_both_backends(backend, calls):
    member = make_member("ines@example.org")
    made = {name: make_alert(member, name, **criteria) for name, criteria, _expected in CASES}
    created = alerts.match_new_calls([c.pk for c in calls.values()])
    names = {c.pk: key for key, c in calls.items()}
    found = {
        name: {names[m.call_id] for m in Match.objects.filter(saved_search=alert)}
        for name, alert in made.items()
    }
    assert found == {name: expected for name, _criteria, expected in CASES}
    assert created == sum(len(expected) for _name, _criteria, expected in CASES)
    # Matching again records nothing twice.
    assert alerts.match_new_calls([c.pk for c in calls.values()]) == 0


def test_the_percolator_holds_the_active_alerts_keywords_and_follows_their_changes(search_engine, calls):
    search.install(CALLS)
    from portal.search.opensearch import client

    member = make_member("ines@example.org")
    make_alert(member, "photo", sectors=["photography"])  # no keywords: nothing to percolate
    theatre = make_alert(member, "theatre", keywords="Théâtre")
    make_alert(member, "theatre again", keywords="theatre", sectors=["graphic-design"])
    paused = make_alert(member, "paused", keywords="toneel")
    paused.active = False
    paused.save()

    def stored():
        engine = client()
        engine.indices.refresh(index=alerts.percolator_index())
        hits = engine.search(index=alerts.percolator_index(), body={"query": {"match_all": {}}})["hits"][
            "hits"
        ]
        return sorted(hit["_source"]["words"] for hit in hits)

    alerts.match_new_calls([calls["photo"].pk, calls["toneel"].pk, calls["affiche"].pk])
    # One query per distinct folded string; none for the paused alert.
    assert stored() == ["theatre"]
    assert set(Match.objects.filter(saved_search=theatre).values_list("call_id", flat=True)) == {
        calls["affiche"].pk
    }
    assert not Match.objects.filter(saved_search=paused).exists()
    # Alerts changed in the database: the stored queries follow at the next match.
    theatre.keywords = "toneel"
    theatre.save()
    paused.delete()
    alerts.match_new_calls([calls["toneel"].pk])
    assert stored() == ["theatre", "toneel"]
    assert Match.objects.filter(saved_search=theatre, call=calls["toneel"]).exists()
    SavedSearch.objects.filter(keywords="theatre").delete()
    alerts.match_new_calls([calls["grant"].pk])
    assert stored() == ["toneel"]


def test_with_the_engine_down_keywords_are_matched_on_the_database(calls, settings):
    member = make_member("ines@example.org")
    theatre = make_alert(member, "theatre", keywords="theatre")
    settings.SEARCH_URL = "http://127.0.0.1:9"  # nothing listens there
    settings.SEARCH_BACKEND = ""
    settings.SEARCH_FALLBACK_TO_DATABASE = True
    assert alerts.match_new_calls([c.pk for c in calls.values()]) == 1
    assert Match.objects.get(saved_search=theatre).call_id == calls["affiche"].pk
    settings.SEARCH_FALLBACK_TO_DATABASE = False
    with pytest.raises(alerts.SearchUnavailable):
        alerts.match_new_calls([calls["toneel"].pk])


def test_only_the_alerts_of_the_frequency_asked_for(calls, settings):
    settings.SEARCH_BACKEND = "database"
    member = make_member("ines@example.org")
    daily = make_alert(member, "daily", sectors=["photography"])
    weekly = make_alert(member, "weekly", sectors=["photography"], frequency="weekly")
    assert alerts.match_new_calls([calls["photo"].pk], frequency="weekly") == 1
    assert Match.objects.filter(saved_search=weekly).count() == 1
    assert not Match.objects.filter(saved_search=daily).exists()


def test_a_sent_match_is_never_created_again(calls, settings):
    settings.SEARCH_BACKEND = "database"
    alert = make_alert(make_member("ines@example.org"), "photo", sectors=["photography"])
    alerts.match_new_calls([calls["photo"].pk])
    Match.objects.update(sent_at=timezone.now())
    assert alerts.match_new_calls([calls["photo"].pk]) == 0
    assert Match.objects.filter(saved_search=alert).count() == 1


# Digests ---------------------------------------------------------------------------------------


def run(frequency="daily"):
    out = io.StringIO()
    call_command("send_call_alerts", "--frequency", frequency, stdout=out)
    return out.getvalue().strip()


@pytest.fixture
def database(settings):
    settings.SEARCH_BACKEND = "database"


def test_a_digest_is_sent_once_with_each_call_once(database):
    member = make_member("ines@example.org", language="fr")
    alert = make_alert(member, "Photo à Bruxelles", sectors=["photography"], regions=["04000"])
    call = make_call(
        "d-1",
        ["photography"],
        ["04000"],
        title_fr="Reportage photo du festival",
        buyer_name="Festival de Bruxelles",
        deadline=datetime.datetime(2031, 3, 2, 11, 0, tzinfo=datetime.UTC),
    )
    assert run() == "Calls matched: 1; alert e-mails sent: 1"
    assert run() == "Calls matched: 0; alert e-mails sent: 0"
    (message,) = mail.outbox
    assert message.to == ["ines@example.org"]
    assert "Reportage photo du festival" in message.body and "Festival de Bruxelles" in message.body
    # Noon in Brussels (UTC+1 in March), in French.
    with translation.override("fr"):
        assert formats.date_format(datetime.date(2031, 3, 2), "j F Y") in message.body
    assert "12:00" in message.body
    with translation.override("fr"):
        assert "http://" in message.body or "https://" in message.body
        assert call.get_absolute_url() in message.body
        assert reverse("calls:alerts") in message.body
    unsubscribe = alerts.unsubscribe_url(alert)
    assert unsubscribe in message.body
    assert message.extra_headers["List-Unsubscribe"] == f"<{unsubscribe}>"
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert Match.objects.get(saved_search=alert).sent_at is not None
    alert.refresh_from_db()
    assert alert.last_sent_at is not None


def test_the_next_digest_lists_only_the_calls_not_sent_before(database):
    alert = make_alert(make_member("ines@example.org"), "photo", sectors=["photography"])
    make_call("n-1", ["photography"], title_fr="Premier appel photo")
    now = timezone.now() + datetime.timedelta(seconds=1)
    assert alerts.run("daily", now=now) == (1, 1)
    make_call("n-2", ["photography"], title_fr="Second appel photo")
    # Not a day yet: nothing is sent, the new call waits.
    assert alerts.run("daily", now=now + datetime.timedelta(hours=2)) == (1, 0)
    assert alerts.run("daily", now=now + datetime.timedelta(days=1)) == (0, 1)
    first, second = mail.outbox
    assert "Premier appel photo" in first.body
    assert "Second appel photo" in second.body and "Premier appel photo" not in second.body
    assert Match.objects.filter(saved_search=alert, sent_at__isnull=True).count() == 0


def test_weekly_alerts_are_due_once_a_week(database):
    make_alert(make_member("ines@example.org"), "weekly", sectors=["photography"], frequency="weekly")
    make_call("w-1", ["photography"], title_fr="Appel photo un")
    now = timezone.now() + datetime.timedelta(seconds=1)
    assert alerts.run("weekly", now=now) == (1, 1)
    make_call("w-2", ["photography"], title_fr="Appel photo deux")
    later = now + datetime.timedelta(seconds=5)
    assert alerts.run("weekly", now=later + datetime.timedelta(days=3)) == (1, 0)
    assert alerts.run("weekly", now=later + datetime.timedelta(days=7)) == (0, 1)
    assert len(mail.outbox) == 2


def test_a_call_changed_after_the_run_is_matched_at_the_next_one(database):
    alert = make_alert(make_member("ines@example.org"), "photo", keywords="photo", frequency="immediate")
    call = make_call("c-1", title_fr="Appel sans mots utiles")
    assert alerts.run("immediate", now=timezone.now() + datetime.timedelta(seconds=1)) == (0, 0)
    call.title_fr = "Appel photo"
    call.save()
    search.update(CALLS, [call.pk])
    assert alerts.run("immediate", now=timezone.now() + datetime.timedelta(seconds=1)) == (1, 1)
    assert (
        AlertRun.objects.get(frequency="immediate").matched_until == Call.objects.get(pk=call.pk).updated_at
    )
    assert Match.objects.get(saved_search=alert).sent_at


def test_a_closed_call_is_not_sent_and_paused_alerts_send_nothing(database):
    alert = make_alert(make_member("ines@example.org"), "photo", sectors=["photography"])
    paused = make_alert(make_member("hanne@example.org"), "photo", sectors=["photography"])
    paused.active = False
    paused.save()
    call = make_call("x-1", ["photography"], title_fr="Appel photo")
    alerts.match_new_calls([call.pk])
    Call.objects.filter(pk=call.pk).update(status="closed")
    assert alerts.send_due("daily") == 0
    assert mail.outbox == [] and not Match.objects.filter(saved_search=paused).exists()
    alert.refresh_from_db()
    assert alert.last_sent_at is None, "nothing sent: the alert keeps its turn"


def test_a_call_already_sent_through_another_alert_of_the_member_is_not_listed_twice(database):
    member = make_member("ines@example.org")
    make_alert(member, "by sector", sectors=["photography"])
    make_alert(member, "by words", keywords="photo")
    make_call("twice", ["photography"], title_fr="Appel photo")
    assert alerts.run("daily", now=timezone.now() + datetime.timedelta(seconds=1)) == (2, 1)
    assert len(mail.outbox) == 1


@pytest.mark.parametrize("language", ["fr", "nl"])
def test_digests_are_in_the_members_language(database, language):
    member = make_member(f"{language}@example.org", language=language)
    make_alert(member, "Photo", sectors=["photography"])
    both = make_call("l-both", ["photography"], title_fr="Reportage photo", title_nl="Fotoreportage")
    make_call("l-fr", ["photography"], title_fr="Portraits du conseil communal")
    alerts.run("daily", now=timezone.now() + datetime.timedelta(seconds=1))
    (message,) = mail.outbox
    with translation.override(language):
        assert (
            gettext("Change or delete your alerts:") in message.body
            and gettext("Stop this alert with one click (no need to log in):") in message.body
        )
        assert both.get_absolute_url() in message.body
    if language == "nl":
        assert "Fotoreportage" in message.body and "Reportage photo" not in message.body
        with translation.override("nl"):
            note = gettext("(in %(language)s)") % {
                "language": translation.get_language_info("fr")["name_translated"]
            }
        assert f"Portraits du conseil communal {note}" in message.body
        assert "/nl/" in message.body
    else:
        assert "Reportage photo" in message.body and "/fr/" in message.body
        assert "Portraits du conseil communal\n" in message.body


def test_the_members_language_defaults_to_the_sites(database, settings):
    make_alert(make_member("none@example.org", language=""), "Photo", sectors=["photography"])
    call = make_call("l-default", ["photography"], title_fr="Reportage photo", title_nl="Fotoreportage")
    alerts.run("daily", now=timezone.now() + datetime.timedelta(seconds=1))
    (message,) = mail.outbox
    with translation.override(settings.LANGUAGE_CODE):
        assert call.get_absolute_url() in message.body


# Unsubscribing ---------------------------------------------------------------------------------


@pytest.fixture
def alert(db):
    return make_alert(make_member("ines@example.org"), "Photo", sectors=["photography"])


def test_the_unsubscribe_link_works_without_logging_in(alert):
    url = reverse("calls:unsubscribe", args=[alerts.make_token(alert)])
    client = Client()
    page = client.get(url)
    assert page.status_code == 200 and b"<form" in page.content
    alert.refresh_from_db()
    assert alert.active, "opening the link (or a mail scanner doing so) changes nothing"
    assert client.post(url).status_code == 200
    alert.refresh_from_db()
    assert not alert.active
    assert b"ines@example.org" not in page.content


def test_one_click_unsubscribe_from_a_mail_app_needs_no_csrf_token(alert):
    url = reverse("calls:unsubscribe", args=[alerts.make_token(alert)])
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        url, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 200
    alert.refresh_from_db()
    assert not alert.active


@pytest.mark.parametrize(
    "tamper", ["signature", "another alert", "unknown alert", "abc", "12x:xyz", "0" * 40]
)
def test_a_tampered_token_is_refused(alert, tamper):
    other = make_alert(make_member("hanne@example.org"), "Other", keywords="x")
    token = alerts.make_token(alert)
    pk, signature = token.split(":")
    token = {
        "signature": f"{pk}:{signature[:-2]}{'AA' if not signature.endswith('AA') else 'BB'}",
        "another alert": f"{other.pk}:{signature}",
        "unknown alert": f"999999:{signature}",
    }.get(tamper, tamper)
    url = reverse("calls:unsubscribe", args=[token])
    assert Client().get(url).status_code == 404
    assert Client().post(url).status_code == 404
    alert.refresh_from_db()
    other.refresh_from_db()
    assert alert.active and other.active


def test_a_renewed_secret_invalidates_old_links(alert):
    token = alerts.make_token(alert)
    alert.secret = "0" * 32
    alert.save()
    assert alerts.alert_for_token(token) is None
    assert alerts.alert_for_token(alerts.make_token(alert)) == alert
    # A feed key does not unsubscribe, and an unsubscribe token does not open the feed.
    assert alerts.alert_for_token(alerts.make_token(alert, "feed")) is None
    assert alerts.alert_for_token(alerts.make_token(alert), "feed") is None
