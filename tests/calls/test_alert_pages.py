"""A member's alert pages: the list, the form (from the calls list's filters or from their
directory profile), deleting, the alert's RSS feed, the account section and the list's link."""

import re

import pytest
from django.template.loader import render_to_string
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from calls import alerts
from calls.documents import CALLS
from calls.models import SavedSearch
from directory.factories import ProfileFactory
from portal.places.models import Region
from portal.taxonomy.models import Sector
from tests.calls.test_alerts import make_alert, make_call, make_member

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _database_search(settings):
    settings.SEARCH_BACKEND = "database"


@pytest.fixture
def ines(client):
    user = make_member("ines@example.org")
    client.force_login(user)
    return user


def url(name, *args, lang="en"):
    with translation.override(lang):
        return reverse(name, args=args)


def test_the_pages_need_a_login():
    client = Client()
    for address in (url("calls:alerts"), url("calls:alert_new")):
        response = client.get(address)
        assert response.status_code == 302 and "login" in response["Location"]


def test_an_unconfirmed_address_cannot_create_alerts(client):
    user = make_member("new@example.org")
    user.emailaddress_set.update(verified=False)
    client.force_login(user)
    response = client.get(url("calls:alert_new"))
    assert response.status_code == 302 and response["Location"] == reverse("account_email")


def test_creating_an_alert(client, ines):
    photography = Sector.objects.get(slug="photography")
    brussels = Region.objects.get(refnis="04000")
    response = client.post(
        url("calls:alert_new"),
        {
            "name": "Photo in Brussels",
            "keywords": "  reportage   ",
            "sectors": [photography.pk],
            "regions": [brussels.pk],
            "kinds": ["tender", "grant"],
            "levels": ["regional"],
            "frequency": "weekly",
        },
    )
    assert response.status_code == 302 and response["Location"] == reverse("calls:alerts")
    alert = SavedSearch.objects.get(user=ines)
    assert (alert.name, alert.keywords, alert.kinds, alert.levels, alert.frequency) == (
        "Photo in Brussels",
        "reportage",
        "tender|grant",
        "regional",
        "weekly",
    )
    assert list(alert.sectors.all()) == [photography] and list(alert.regions.all()) == [brussels]
    # The form as a browser shows it: "Send me these e-mails" ticked, so the alert is on.
    page = client.get(url("calls:alert_new")).content.decode()
    assert re.search(r'<input type="checkbox" name="active"[^>]*checked', page)
    assert alert.active is False  # (posted above without the box: unticked)
    client.post(
        url("calls:alert_edit", alert.pk),
        {"name": "Photo in Brussels", "frequency": "weekly", "sectors": [photography.pk], "active": "on"},
    )
    alert.refresh_from_db()
    assert alert.active is True


def test_an_alert_without_criteria_is_refused_and_what_was_typed_stays(client, ines):
    response = client.post(url("calls:alert_new"), {"name": "Everything", "frequency": "daily"})
    assert response.status_code == 400
    html = response.content.decode()
    assert 'class="error-summary"' in html and 'value="Everything"' in html
    with translation.override("en"):
        assert gettext("Choose at least one sector, region, kind or level, or type keywords") in html
    assert not SavedSearch.objects.exists()


def test_errors_are_translated_and_checked_boxes_stay_checked(client, ines):
    response = client.post(
        url("calls:alert_new", lang="nl"),
        {"name": "", "kinds": ["tender"], "frequency": "daily"},
    )
    assert response.status_code == 400
    html = response.content.decode()
    with translation.override("nl"):
        assert gettext("This field is required.") in html
    assert 'value="tender"' in html and "checked" in html.split('value="tender"')[1].split(">")[0]
    assert "<fieldset" in html and "<legend" in html


def test_the_form_starts_from_the_lists_filters(client, ines):
    response = client.get(
        url("calls:alert_new"),
        {
            "sector": ["photography", "graphic-design"],
            "region": "04000",
            "kind": "tender",
            "level": "nope",
            "q": "théâtre",
        },
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert set(form.initial["sectors"]) == set(
        Sector.objects.filter(slug__in=["photography", "graphic-design"]).values_list("pk", flat=True)
    )
    assert form.initial["regions"] == [Region.objects.get(refnis="04000").pk]
    assert form.initial["kinds"] == ["tender"] and "levels" not in form.initial
    assert form.initial["keywords"] == "théâtre" and form.initial["name"].startswith("théâtre")


def test_the_suggestion_from_the_directory_profile(client, ines):
    ProfileFactory(user=ines, place="62063", sectors=["photography", "audiovisual-production"])
    response = client.get(url("calls:alert_new"), {"profile": "1"})
    form = response.context["form"]
    assert set(form.initial["sectors"]) == set(
        Sector.objects.filter(slug__in=["photography", "audiovisual-production"]).values_list("pk", flat=True)
    )
    assert form.initial["regions"] == [Region.objects.get(refnis="03000").pk]  # Liège is in Wallonia
    assert response.context["from_profile"] is True


def test_no_profile_no_suggestion(client, ines):
    response = client.get(url("calls:alert_new"), {"profile": "1"})
    assert response.status_code == 200 and response.context["from_profile"] is False
    assert not response.context["form"].initial


def test_the_list_shows_my_alerts_with_what_they_sent(client, ines):
    alert = make_alert(ines, "Photo", sectors=["photography"], kinds=["tender"], frequency="weekly")
    make_alert(make_member("hanne@example.org"), "Hanne's secret alert", keywords="x")
    call = make_call("p-1", ["photography"], title_fr="Appel photo")
    alerts.match_new_calls([call.pk])
    alerts.send_due("weekly")
    html = client.get(url("calls:alerts")).content.decode()
    assert "Photo" in html and "Hanne" not in html
    assert alerts.feed_path(alert).replace("&", "&amp;") in html
    assert reverse("calls:alert_edit", args=[alert.pk]) in html
    assert "<dd>1</dd>" in html, "one call sent"
    assert "ines@example.org" not in html


def test_the_list_makes_a_bounded_number_of_queries(client, ines, django_assert_max_num_queries):
    for n in range(3):
        make_alert(ines, f"Alert {n}", sectors=["photography"], regions=["04000"])
    client.get(url("calls:alerts"))
    with django_assert_max_num_queries(16) as few:
        client.get(url("calls:alerts"))
    for n in range(3, 15):
        make_alert(ines, f"Alert {n}", sectors=["photography", "illustration"], regions=["02000"])
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(url("calls:alerts")).status_code == 200


def test_another_members_alert_is_not_found(client, ines):
    other = make_alert(make_member("hanne@example.org"), "Hanne", keywords="x")
    assert client.get(url("calls:alert_edit", other.pk)).status_code == 404
    assert (
        client.post(url("calls:alert_edit", other.pk), {"name": "mine", "keywords": "y"}).status_code == 404
    )
    assert client.get(url("calls:alert_delete", other.pk)).status_code == 404
    assert client.post(url("calls:alert_delete", other.pk)).status_code == 404
    assert client.get(url("calls:alert_feed", other.pk)).status_code == 404
    other.refresh_from_db()
    assert other.name == "Hanne"


def test_editing_and_deleting_my_alert(client, ines):
    alert = make_alert(ines, "Photo", sectors=["photography"], kinds=["tender"])
    page = client.get(url("calls:alert_edit", alert.pk))
    assert page.context["form"].initial["kinds"] == ["tender"]
    response = client.post(
        url("calls:alert_edit", alert.pk), {"name": "Words", "keywords": "theatre", "frequency": "immediate"}
    )
    assert response.status_code == 302
    alert.refresh_from_db()
    assert (alert.name, alert.keywords, alert.kinds, alert.frequency) == ("Words", "theatre", "", "immediate")
    assert not alert.sectors.exists()
    assert client.get(url("calls:alert_delete", alert.pk)).status_code == 200
    assert SavedSearch.objects.filter(pk=alert.pk).exists(), "a GET deletes nothing"
    assert client.post(url("calls:alert_delete", alert.pk)).status_code == 302
    assert not SavedSearch.objects.filter(pk=alert.pk).exists()


def test_the_feed_lists_the_alerts_calls_for_its_owner_and_its_signed_address(client, ines):
    alert = make_alert(ines, "Photo", sectors=["photography"])
    make_call("f-1", ["photography"], title_en="Photo report of the festival")
    make_call("f-2", ["graphic-design"], title_en="A poster")
    make_call("f-3", ["photography"], status="closed", title_en="Closed photo call")
    response = client.get(url("calls:alert_feed", alert.pk))
    assert response.status_code == 200 and response["Content-Type"].startswith("application/rss+xml")
    body = response.content.decode()
    assert "Photo report of the festival" in body and "A poster" not in body and "Closed photo" not in body
    anonymous = Client()
    assert anonymous.get(url("calls:alert_feed", alert.pk)).status_code == 404
    signed = anonymous.get(alerts.feed_path(alert))
    assert signed.status_code == 200 and "Photo report of the festival" in signed.content.decode()
    bad = url("calls:alert_feed", alert.pk) + "?key=" + alerts.make_token(alert, "feed")[:-3] + "xyz"
    assert anonymous.get(bad).status_code == 404
    # Another alert's key does not open this one.
    other = make_alert(make_member("hanne@example.org"), "Other", keywords="x")
    assert (
        anonymous.get(
            url("calls:alert_feed", alert.pk) + "?key=" + alerts.make_token(other, "feed")
        ).status_code
        == 404
    )


@pytest.mark.parametrize(
    "query",
    [
        "sector=%3Cscript%3E&region=99999999999999999999&kind=x&level=&q=%00%01",
        "sector=photography,,,&region=04000,04000&q=" + "a" * 5000,
        "profile=yes&sector[]=1&region=%FF",
        "kind=tender&kind=tender&level=european&level=regional&q=%22unbalanced",
    ],
)
def test_garbage_parameters_never_break_the_pages(client, ines, query):
    assert client.get(url("calls:alert_new") + "?" + query).status_code == 200
    assert client.get(url("calls:alerts") + "?" + query).status_code == 200


@pytest.mark.parametrize(
    "data",
    [
        {"name": "x" * 500, "sectors": ["abc"], "regions": ["-1"], "kinds": ["nope"], "frequency": "hourly"},
        {"name": "x", "keywords": "!!! ???", "frequency": "daily"},
        {"name": "x", "sectors": ["999999"], "frequency": "daily"},
        {"name": "\x00", "keywords": "\x00" * 300, "frequency": "daily"},
    ],
)
def test_garbage_posts_are_form_errors(client, ines, data):
    response = client.post(url("calls:alert_new"), data)
    assert response.status_code == 400 and 'class="error-summary"' in response.content.decode()
    assert not SavedSearch.objects.exists()


def test_garbage_addresses_are_not_found(client, ines):
    base = url("calls:alerts")
    for path in (f"{base}99999999999999999999999/", f"{base}99999999999999999999999/feed.rss?key=a:b"):
        assert client.get(path).status_code == 404


def test_the_account_page_lists_my_alerts(client, ines):
    make_alert(ines, "Photo in Brussels", sectors=["photography"])
    make_alert(make_member("hanne@example.org"), "Hanne's alert", keywords="x")
    html = client.get(url("accounts:account")).content.decode()
    assert "Photo in Brussels" in html and "Hanne" not in html
    assert reverse("calls:alerts") in html


def test_the_lists_link_carries_its_filters():
    query = CALLS.query(
        sector=["photography", "graphic-design"], region=["04000"], kind="tender", q="théâtre & co"
    )
    member = make_member("ines@example.org")
    with translation.override("en"):
        html = render_to_string("calls/_alert_link.html", {"query": query, "user": member})
        new = reverse("calls:alert_new")
    assert (
        f'href="{new}?sector=photography&amp;sector=graphic-design&amp;region=04000&amp;kind=tender&amp;'
        'q=th%C3%A9%C3%A2tre%20%26%20co"' in html
    )
    from django.contrib.auth.models import AnonymousUser

    with translation.override("en"):
        html = render_to_string("calls/_alert_link.html", {"query": query, "user": AnonymousUser()})
        login = reverse("account_login")
    href = html.split('href="')[1].split('"')[0]
    assert href.startswith(f"{login}?next=")
    from urllib.parse import parse_qs, urlsplit

    following = parse_qs(urlsplit(href).query)["next"][0]
    assert following.startswith(new + "?")
    assert parse_qs(urlsplit(following).query) == {
        "sector": ["photography", "graphic-design"],
        "region": ["04000"],
        "kind": ["tender"],
        "q": ["théâtre & co"],
    }
