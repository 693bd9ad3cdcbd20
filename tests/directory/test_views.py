import json
import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse
from django.utils import translation

from directory.factories import ProfileFactory, UserFactory
from directory.models import MemberProfile, ProfileReport

pytestmark = pytest.mark.django_db

# The directory's address in each language.
DIRECTORY = {
    "fr": "/fr/annuaire/",
    "nl": "/nl/ledengids/",
    "de": "/de/mitgliederverzeichnis/",
    "en": "/en/directory/",
}


def all_public_answers(client, people):
    """Every page and API answer that shows directory profiles."""
    urls = [
        "/fr/annuaire/",
        "/nl/ledengids/?q=photographer",
        "/api/v1/members/?page_size=100",
        "/sitemap.xml",
    ]
    for lang in ("fr", "nl", "de", "en"):
        urls.append(f"{DIRECTORY[lang]}?near=62063&radius_km=100")
    for profile in people.values():
        if isinstance(profile, MemberProfile):
            urls += [profile.get_absolute_url(), f"/api/v1/members/{profile.pk}/"]
    return {url: client.get(url).content.decode() for url in urls}


def test_member_email_addresses_appear_in_no_page_or_api_answer(client, people):
    emails = [u.email for u in get_user_model().objects.all()]
    for url, body in all_public_answers(client, people).items():
        for email in emails:
            assert email not in body, (url, email)


def test_invisible_profiles_appear_nowhere(client, people):
    answers = all_public_answers(client, people)
    for profile in people["_invisible"]:
        for url, body in answers.items():
            assert profile.display_name not in body, (url, profile.display_name)
        assert client.get(profile.get_absolute_url()).status_code == 404
        assert client.get(f"/api/v1/members/{profile.pk}/").status_code == 404


def test_listing_shows_facets_and_results_in_the_visitors_language(client, people):
    html = client.get("/nl/ledengids/", {"q": "fotograaf", "near": "Luik", "radius_km": 25}).content.decode()
    assert "Élodie Lambert" in html and "Jan Peeters" in html and "Sofie Claes" not in html
    assert "Fotografie" in html  # sector facet label in Dutch
    assert 'name="sector" value="photography"' in html


def test_filters_live_in_the_url_and_bad_ones_are_explained(client, people):
    response = client.get("/de/mitgliederverzeichnis/", {"sector": "nope", "near": "Atlantis", "page": "x"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Atlantis" in html  # kept in the form
    assert len(html) > 0 and "Élodie Lambert" in html  # the valid part of the search still runs


def test_profile_page_has_person_data_and_no_address(client, people):
    profile = people["Élodie Lambert"]
    html = client.get(profile.get_absolute_url()).content.decode()
    assert '"@type": "Person"' in html and '"addressLocality": "Liège"' in html
    assert '<meta property="og:title" content="Élodie Lambert' in html
    assert profile.user.email not in html


def test_profile_url_redirects_to_its_canonical_slug(client, people):
    profile = people["Jan Peeters"]
    response = client.get(f"/fr/annuaire/{profile.pk}-wrong/")
    assert response.status_code == 301 and response.url == profile.get_absolute_url()


@pytest.fixture
def writer(client):
    """A client whose account's address is confirmed (as after allauth's link), logged in."""
    account = UserFactory(email="client@example.org", first_name="Client", last_name="BV")
    client.force_login(account)
    return account


def test_contact_relay_sends_to_the_member_with_reply_to(client, people, writer):
    profile = people["Sofie Claes"]
    form = client.get(profile.get_absolute_url()).content.decode()
    assert 'value="Client BV"' in form  # the name is prefilled, the address is the account's
    response = client.post(
        profile.get_absolute_url(),
        {
            "name": "Client BV",
            "subject": "L'affiche & co",
            "message": "Wij zoeken een ontwerper voor L'affiche & co.",
        },
    )
    assert response.status_code == 302
    (message,) = mail.outbox
    assert message.to == [profile.user.email] and message.reply_to == ["client@example.org"]
    # Plain text stays as written: no HTML escaping of apostrophes and ampersands.
    assert "Wij zoeken een ontwerper voor L'affiche & co." in message.body
    assert "&#x27;" not in message.body and "&amp;" not in message.body
    assert message.subject.endswith("L'affiche & co")
    page = client.get(response.url).content.decode()
    assert profile.user.email not in page


def test_only_confirmed_accounts_write_to_members(client, people):
    profile = people["Sofie Claes"]
    data = {"name": "X", "subject": "S", "message": "Een bericht dat lang genoeg is."}
    # A visitor is asked to log in, and nothing is sent.
    html = client.get(profile.get_absolute_url()).content.decode()
    assert "/fr/accounts/login/?next=" in html and 'name="subject"' not in html
    response = client.post(profile.get_absolute_url(), data)
    assert response.status_code == 302 and response.url.startswith("/fr/accounts/login/?next=")
    # An account whose address was never confirmed: the same.
    client.force_login(UserFactory(email_verified=False))
    html = client.get(profile.get_absolute_url()).content.decode()
    assert 'name="subject"' not in html and "/fr/accounts/email/" in html
    assert client.post(profile.get_absolute_url(), data).url == "/fr/accounts/email/"
    assert mail.outbox == []


def test_contact_errors_keep_the_text_and_only_sent_messages_count(client, people, settings, writer):
    profile = people["Sofie Claes"]
    settings.DIRECTORY_CONTACT_RATE_LIMIT = "1/h"
    for _attempt in range(3):  # mistakes do not use up the budget
        bad = client.post(profile.get_absolute_url(), {"name": "X", "subject": "S", "message": "Te kort"})
        assert bad.status_code == 400 and "Te kort" in bad.content.decode()
    huge = client.post(profile.get_absolute_url(), {"name": "X", "subject": "S", "message": "a" * 200_000})
    assert huge.status_code == 400
    assert "au plus 5000 caractères" in huge.content.decode()
    good = {"name": "A", "subject": "S", "message": "Een bericht dat lang genoeg is."}
    assert client.post(profile.get_absolute_url(), good).status_code == 302
    limited = client.post(profile.get_absolute_url(), {**good, "subject": "Nog eens"})
    assert limited.status_code == 429 and 'value="Nog eens"' in limited.content.decode()
    assert len(mail.outbox) == 1


def test_honeypot_sends_nothing(client, people, writer):
    profile = people["Sofie Claes"]
    data = {"name": "Bot", "subject": "S", "message": "x" * 30, "website": "spam"}
    assert client.post(profile.get_absolute_url(), data).status_code == 302
    assert mail.outbox == []


def test_an_unconfirmed_account_cannot_publish_a_profile(client, people):
    account = UserFactory(email_verified=False)
    client.force_login(account)
    response = client.get(reverse("directory:profile_edit"))
    assert response.status_code == 302 and response.url == "/fr/accounts/email/"
    client.post(reverse("directory:profile_edit"), {"display_name": "Usurpateur"})
    assert not MemberProfile.objects.filter(user=account).exists()


def test_only_the_owner_edits_their_profile(client, people):
    owner = people["Chloé Dubois"]
    other = people["Noah Lejeune"]
    client.force_login(other.user)
    client.post(reverse("directory:profile_edit"), {"display_name": "Pirate"})
    owner.refresh_from_db()
    assert owner.display_name == "Chloé Dubois"  # the form only ever edits the logged-in member's profile
    assert client.get(reverse("directory:profile_edit")).content.decode().count("Noah Lejeune") >= 1
    client.logout()
    assert client.get(reverse("directory:profile_edit")).status_code == 302


def profile_form_data(profile, **changes):
    data = {
        "display_name": profile.display_name,
        "profession": profile.profession_id,
        "profession_form": profile.profession_form,
        "title": "",
        "sectors": [s.pk for s in profile.sectors.all()],
        "municipality": profile.municipality.name,
        "postal_code": profile.postal_code,
        "languages": [lang.pk for lang in profile.languages.all()],
        "experience": profile.experience,
        "listed": "on",
        "show_website": "on",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def test_member_edits_previews_and_saves(client, people, django_capture_on_commit_callbacks):
    profile = people["Chloé Dubois"]
    client.force_login(profile.user)
    preview = client.post(
        reverse("directory:profile_edit"),
        {**profile_form_data(profile, title="Autrice de BD"), "preview": "1"},
    )
    assert preview.status_code == 200 and "Autrice de BD" in preview.content.decode()
    profile.refresh_from_db()
    assert profile.title == ""
    with django_capture_on_commit_callbacks(execute=True):
        saved = client.post(
            reverse("directory:profile_edit"),
            {**profile_form_data(profile, title="Autrice de BD"), "save": "1"},
        )
    assert saved.status_code == 302
    assert "Autrice de BD" in client.get("/fr/annuaire/", {"q": "autrice"}).content.decode()


def test_bad_profile_input_comes_back_translated(client, people):
    profile = people["Chloé Dubois"]
    client.force_login(profile.user)
    with translation.override("nl"):
        address = reverse("directory:profile_edit")
    response = client.post(address, profile_form_data(profile, postal_code="9000"))
    assert response.status_code == 400
    assert "Deze postcode ligt niet in de gemeente die u hebt gekozen." in response.content.decode()


def test_pause_and_unlist_remove_the_profile(client, people, django_capture_on_commit_callbacks):
    profile = people["Chloé Dubois"]
    client.force_login(profile.user)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("directory:profile_edit"), {**profile_form_data(profile, paused="on"), "save": "1"}
        )
    client.logout()
    assert "Chloé Dubois" not in client.get("/fr/annuaire/?page_size=100").content.decode()
    assert client.get(profile.get_absolute_url()).status_code == 404


def test_profile_needs_the_charter_in_force(client, people):
    profile = people["Chloé Dubois"]
    MemberProfile.objects.filter(pk=profile.pk).update(charter_version="2.0")
    assert client.get(profile.get_absolute_url()).status_code == 404
    client.force_login(profile.user)
    html = client.get(reverse("directory:profile_edit")).content.decode()
    assert "accept the charter in force first" in html or "acceptez d’abord" in html or "charte" in html


def test_export_and_delete(client, people):
    profile = people["Hanne Wouters"]
    client.force_login(profile.user)
    response = client.get(reverse("directory:profile_export"))
    assert response["Content-Disposition"].startswith("attachment")
    data = json.loads(response.content)
    assert data["account"]["email"] == profile.user.email
    assert data["directory_profile"]["sectors"] == ["translation-and-interpreting"]
    assert client.post(reverse("directory:profile_delete")).status_code == 302
    assert not MemberProfile.objects.filter(pk=profile.pk).exists()
    assert get_user_model().objects.filter(pk=profile.user_id).exists()


def test_anyone_can_report_and_moderators_hide_with_a_reason(
    client, people, django_capture_on_commit_callbacks
):
    profile = people["Noah Lejeune"]
    html = client.get(profile.get_absolute_url()).content.decode()
    assert html.count('id="id_message"') <= 1 and 'id="id_report-message"' in html  # one id, one field
    client.post(
        reverse("directory:report", args=[profile.pk]),
        {"report-reason": "spam", "report-message": "Publicité"},
    )
    assert ProfileReport.objects.filter(profile=profile, reason="spam").exists()
    # The moderators hear of it, with a link to the profile in the admin, not the member's address.
    (notice,) = mail.outbox
    assert notice.bcc == ["moderator@coop.example"]
    assert notice.subject == "[Annuaire] Profil signalé : Noah Lejeune"
    assert (
        "Spam ou publicité" in notice.body and f"/admin/directory/profiles/edit/{profile.pk}/" in notice.body
    )
    assert profile.user.email not in notice.body
    mail.outbox.clear()
    moderator = get_user_model().objects.get(email="moderator@coop.example")
    client.force_login(moderator)
    listing = client.get(reverse("directory_profiles:index"), {"reported": "true"})
    assert listing.status_code == 200 and "Noah Lejeune" in listing.content.decode()
    edit_url = reverse("directory_profiles:edit", args=[profile.pk])
    refused = client.post(edit_url, {"status": "hidden", "moderation_reason": "", "in_good_standing": ""})
    assert refused.status_code == 200  # a reason is required
    with django_capture_on_commit_callbacks(execute=True):  # as the request's commit would
        client.post(
            edit_url, {"status": "hidden", "moderation_reason": "Publicité répétée pour un autre service."}
        )
    profile.refresh_from_db()
    assert profile.status == MemberProfile.Status.HIDDEN
    assert mail.outbox[-1].to == [profile.user.email] and "Publicité répétée" in mail.outbox[-1].body
    client.logout()
    # The page a visitor saw before (kept for visitors) is gone at once.
    assert client.get(profile.get_absolute_url()).status_code == 404


def test_editors_cannot_moderate_profiles(client, people):
    client.force_login(get_user_model().objects.get(email="editor@coop.example"))
    assert client.get(reverse("directory_profiles:index")).status_code in (302, 403)


def test_api_answer_shape_and_labels(client, people):
    data = client.get("/api/v1/members/", {"sector": "photography", "lang": "de", "page_size": 2}).json()
    assert data["count"] == 4 and len(data["results"]) == 2 and data["next"] and data["previous"] is None
    first = data["results"][0]
    assert set(first) >= {
        "id",
        "url",
        "name",
        "profession",
        "sectors",
        "place",
        "languages",
        "experience",
        "website",
        "mentor",
        "updated",
    }
    assert first["sectors"][0] == {"slug": "photography", "name": "Fotografie"}
    assert set(first["place"]) >= {"municipality", "postcode", "province", "region", "lat", "lon"}
    assert {"value": "photography", "label": "Fotografie", "count": 4} in data["facets"]["sector"]
    nl = client.get("/api/v1/members/", {"sector": "photography"}, HTTP_ACCEPT_LANGUAGE="nl").json()
    assert nl["results"][0]["sectors"][0]["name"] == "Fotografie"
    regions = {o["value"]: o["label"] for o in nl["facets"]["region"]}
    assert regions["03000"] == "Waals Gewest"


def test_api_rejects_bad_parameters_with_translated_errors(client, people):
    response = client.get("/api/v1/members/", {"sector": "nope", "page_size": "1000", "lang": "fr"})
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert "sector" in errors and "page_size" in errors


def test_openapi_schema_documents_the_members_api(client):
    schema = client.get("/api/v1/schema/", HTTP_ACCEPT="application/json").content.decode()
    assert "/api/v1/members/" in schema and "radius_km" in schema and "/api/v2/" not in schema


GARBAGE = [
    "?q=%00",
    "?page=-3",
    "?page_size=abc",
    "?near=%F0%9F%92%A9&radius_km=1e309",
    "?sector=a&sector=",
    "?mentor=maybe&experience=god",
    "?q=%22%28%2A&ordering=sideways",
    "?region=99999&province=1",
    "?municipality=62063&postcode=abcd",
    "?q=" + "x" * 3000,
]


@pytest.mark.parametrize("garbage", GARBAGE)
def test_garbage_parameters_never_give_a_500(client, people, garbage):
    profile = people["Jan Peeters"]
    for url in [
        "/fr/annuaire/",
        "/api/v1/members/",
        "/fr/places/suggest/",
        profile.get_absolute_url(),
        f"/api/v1/members/{profile.pk}/",
    ]:
        response = client.get(url + garbage)
        assert response.status_code < 500, (url, garbage)


@pytest.mark.parametrize("page_size", [5, 50])
def test_listing_and_profile_queries_are_bounded(client, people, django_assert_max_num_queries, page_size):
    for n in range(30):
        ProfileFactory(display_name=f"Extra {n}", place="62063")
    client.get("/fr/annuaire/")
    with django_assert_max_num_queries(24):
        client.get("/fr/annuaire/", {"page_size": page_size, "q": "photographer"})
    with django_assert_max_num_queries(24):
        client.get("/api/v1/members/", {"page_size": page_size, "near": "62063"})
    with django_assert_max_num_queries(18):
        client.get(people["Jan Peeters"].get_absolute_url())


def test_search_as_you_type_suggests_names_professions_and_places(client, people):
    labels = [r["label"] for r in client.get("/nl/ledengids/suggest/", {"q": "foto"}).json()["results"]]
    assert "Fotograaf" in labels
    labels = [r["label"] for r in client.get("/fr/annuaire/suggest/", {"q": "elod"}).json()["results"]]
    assert labels == ["Élodie Lambert"]
    labels = [
        r["label"] for r in client.get("/de/mitgliederverzeichnis/suggest/", {"q": "lütt"}).json()["results"]
    ]
    assert "Lüttich" in labels
    hidden = [r["label"] for r in client.get("/fr/annuaire/suggest/", {"q": "hidden"}).json()["results"]]
    assert hidden == []


@pytest.mark.parametrize("language", ["fr", "nl", "de", "en"])
def test_page_and_api_report_bad_parameters_with_the_same_messages(client, people, language):
    bad = {"sector": "nope", "region": ["02000", "03000"], "radius_km": "9999"}
    api = client.get("/api/v1/members/", {**bad, "lang": language})
    assert api.status_code == 400
    errors = api.json()["errors"]
    assert set(errors) == {"sector", "region", "radius_km"}
    page = client.get(DIRECTORY[language], bad)
    html = page.content.decode()
    assert page.status_code == 200 and "Élodie Lambert" in html  # the valid rest still searches
    from django.utils.html import escape

    for messages in errors.values():
        for message in messages:
            assert escape(message) in html, message


def test_every_value_the_openapi_schema_offers_is_accepted(client, people):
    schema = client.get("/api/v1/schema/", HTTP_ACCEPT="application/json").json()
    parameters = schema["paths"]["/api/v1/members/"]["get"]["parameters"]
    documented = {p["name"] for p in parameters}
    assert {
        "q",
        "sector",
        "profession",
        "region",
        "province",
        "municipality",
        "postcode",
        "language",
    } <= documented
    assert {
        "experience",
        "mentor",
        "near",
        "radius_km",
        "ordering",
        "page",
        "page_size",
        "lang",
    } <= documented
    for parameter in parameters:
        values = parameter["schema"].get("enum") or parameter["schema"].get("items", {}).get("enum") or []
        for value in values:
            response = client.get("/api/v1/members/", {parameter["name"]: value, "near": "62063"})
            assert response.status_code == 200, (parameter["name"], value, response.content[:200])


def test_a_province_outside_the_chosen_region_is_reported_and_left_out(client, people):
    # Flanders, with the province of Liège left over from an earlier choice.
    html = client.get("/fr/annuaire/", {"region": "02000", "province": "60000"}).content.decode()
    summary = html.split('class="error-summary"')[1].split("</div>")[0]
    assert "Province" in summary and "Liège" in summary and "Région flamande" in summary
    assert "Sofie Claes" in html and "Pieter De Smet" in html  # the Flemish members
    assert "Élodie Lambert" not in html  # Liège is in Wallonia
    api = client.get("/api/v1/members/", {"region": "02000", "province": "60000", "lang": "en"})
    assert api.status_code == 400
    assert api.json()["errors"] == {"province": ["“Province of Liège” is not in “Flemish Region”."]}


def test_near_a_place_the_nearest_come_first_unless_another_order_is_chosen(client, people):
    answer = client.get("/api/v1/members/", {"near": "Luik", "radius_km": 100, "page_size": 50}).json()
    distances = [member["distance_km"] for member in answer["results"]]
    assert distances == sorted(distances) and distances[0] == 0
    chosen = client.get("/api/v1/members/", {"near": "Luik", "radius_km": 100, "ordering": "relevance"})
    assert chosen.status_code == 200
    html = client.get("/fr/annuaire/", {"near": "Luik"}).content.decode()
    assert selected_ordering(html) == ("", "Distance")  # in force, not chosen: it sends no value


def selected_ordering(html):
    """(value, label) of the sort menu's selected option."""
    menu = html.split('<select name="ordering"', 1)[1].split("</select>", 1)[0]
    return re.search(r'<option value="([^"]*)" selected>([^<]*)</option>', menu).groups()


def test_the_sort_menu_sends_no_order_until_one_is_chosen_so_a_place_puts_the_nearest_first(client, people):
    # The menu showed "Pertinence" with the value "relevance": typing a place and pressing Search
    # sent ordering=relevance as if chosen, and near Liège the nearest did not come first.
    assert selected_ordering(client.get("/fr/annuaire/").content.decode()) == ("", "Pertinence")
    # What the form sends then: the place, and the menu's empty value.
    html = client.get("/fr/annuaire/", {"near": "Liège", "radius_km": 100, "ordering": ""}).content.decode()
    distances = [float(km.replace(",", ".")) for km in re.findall(r" · ([0-9]+,[0-9]) km</p>", html)]
    assert len(distances) > 3 and distances == sorted(distances) and distances[0] == 0
    assert selected_ordering(html) == ("", "Distance")
    # An order the visitor chose is sent again as chosen.
    chosen = client.get("/fr/annuaire/", {"near": "Liège", "ordering": "relevance"}).content.decode()
    assert selected_ordering(chosen) == ("relevance", "Pertinence")
    by_name = client.get("/de/mitgliederverzeichnis/", {"ordering": "name"}).content.decode()
    assert selected_ordering(by_name) == ("name", "Name")


def test_every_language_leads_to_the_directory_from_the_home_page(client):
    for lang, label in [
        ("fr", "Annuaire des membres"),
        ("nl", "Ledengids"),
        ("de", "Mitgliederverzeichnis"),
        ("en", "Member directory"),
    ]:
        html = client.get(f"/{lang}/").content.decode()
        menu = html.split('class="main-nav"', 1)[1].split("</nav>", 1)[0]
        footer = html.split('class="site-footer"', 1)[1]
        assert f'href="{DIRECTORY[lang]}">{label}</a>' in menu, lang
        assert f'href="{DIRECTORY[lang]}">{label}</a>' in footer, lang
        assert f'action="{DIRECTORY[lang]}"' in html and f'href="{DIRECTORY[lang]}?sector=' in html
        assert '<link rel="icon" href="/static/portal/img/favicon.svg"' in html


def test_a_profile_shows_the_visitors_language_first(client, people):
    profile = people["Jan Peeters"]
    profile.bio_fr, profile.bio_nl = "Photographe de scène.", "Podiumfotograaf."
    profile.save()
    french = client.get(profile.get_absolute_url()).content.decode()
    with translation.override("nl"):
        dutch = client.get(profile.get_absolute_url()).content.decode()
    assert french.index("Photographe de scène.") < french.index("Podiumfotograaf.")
    assert dutch.index("Podiumfotograaf.") < dutch.index("Photographe de scène.")


def test_the_profile_editor_labels_its_web_addresses_like_the_other_fields(client, people):
    client.force_login(people["Jan Peeters"].user)
    html = client.get(reverse("directory:profile_edit")).content.decode()
    assert '<label for="id_website">Site web' in html and '<label for="id_portfolio">Portfolio' in html


@pytest.mark.parametrize(
    ("language", "first", "last"),
    [("fr", "Ébéniste", "Webdesigner"), ("de", "Übersetzer", "Zirkusartist"), ("nl", None, None)],
)
def test_the_profession_menu_is_alphabetical_in_the_visitors_language(client, people, language, first, last):
    # order_by("name") put "Ébéniste" after "Webdesigner" and "Übersetzer" after "Zirkusartist".
    from portal.search.text import fold

    client.force_login(people["Chloé Dubois"].user)
    with translation.override(language):
        html = client.get(reverse("directory:profile_edit")).content.decode()
    menu = html.split('name="profession"', 1)[1].split("</select>", 1)[0]
    names = re.findall(r'<option value="\d+"[^>]*>([^<]+)</option>', menu)
    assert len(names) > 50 and names == sorted(names, key=fold)
    if first:
        assert names.index(first) < names.index(last)


def test_a_bio_in_another_language_marks_its_text_not_the_heading_in_the_pages_language(client, people):
    profile = people["Chloé Dubois"]
    profile.bio_nl = "Illustraties voor kinderboeken."
    profile.save()
    html = client.get(profile.get_absolute_url()).content.decode()
    bio = html.split('<section class="bio">', 2)[2].split("</section>", 1)[0]  # the second: Dutch
    assert "<h2>Présentation (en néerlandais)</h2>" in bio
    assert '<p lang="nl">Illustraties voor kinderboeken.</p>' in bio
    assert 'class="bio" lang=' not in html
