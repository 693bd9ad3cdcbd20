import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail

from portal.charter.models import CharterAcceptance, ValuesCharterPage

pytestmark = pytest.mark.django_db

SIGNUP = {
    "email": "nouvelle@example.org",
    "first_name": "Inès",
    "last_name": "Verbeke",
    "password1": "un-mot-de-passe-solide-42",
    "password2": "un-mot-de-passe-solide-42",
    "accept_charter": "on",
}


def test_sign_up_confirm_and_log_in(client):
    response = client.post("/fr/accounts/signup/", SIGNUP)
    assert response.status_code == 302
    user = get_user_model().objects.get(email=SIGNUP["email"])
    assert user.first_name == "Inès" and user.preferred_language == "fr"
    acceptance = CharterAcceptance.objects.get(user=user)
    assert acceptance.version == "3.0" and acceptance.language == "fr"

    # The address must be confirmed before logging in.
    confirmation = mail.outbox[-1]
    assert confirmation.to == [SIGNUP["email"]]
    link = re.search(r"https?://[^\s]+/accounts/confirm-email/[^\s]+/", confirmation.body).group(0)
    path = link.split("testserver", 1)[-1]
    assert client.post(path).status_code == 302

    client.logout()
    response = client.post("/fr/accounts/login/", {"login": SIGNUP["email"], "password": SIGNUP["password1"]})
    assert response.status_code == 302 and response.url == "/fr/account/"
    html = client.get("/fr/account/").content.decode()
    assert "Vous avez accepté la version 3.0 de la charte le" in html


def test_sign_up_without_accepting_the_charter_keeps_the_form(client):
    data = {**SIGNUP, "accept_charter": ""}
    response = client.post("/nl/accounts/signup/", data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Aanvaard het waardenhandvest om verder te gaan." in html
    assert 'value="Inès"' in html and 'value="nouvelle@example.org"' in html
    assert not get_user_model().objects.filter(email=SIGNUP["email"]).exists()


def test_login_with_wrong_password_gives_a_translated_error(client):
    response = client.post("/de/accounts/login/", {"login": "member@coop.example", "password": "falsch"})
    assert response.status_code == 200
    assert "E-Mail-Adresse und/oder das Passwort" in response.content.decode()


def test_member_who_accepted_an_old_version_is_asked_again(client, password):
    response = client.post("/fr/accounts/login/", {"login": "membre@coop.example", "password": password})
    assert response.status_code == 302
    assert response.url.startswith("/fr/account/charter/")
    page = client.get(response.url).content.decode()
    assert "La version 3.0 de la charte est en vigueur depuis le" in page
    # Every page reminds them until they accept.
    assert (
        "Une nouvelle version de la charte des valeurs est en vigueur." in client.get("/fr/").content.decode()
    )

    refused = client.post("/fr/account/charter/", {})
    assert refused.status_code == 400
    assert "Veuillez accepter la charte des valeurs pour continuer." in refused.content.decode()

    accepted = client.post("/fr/account/charter/", {"accept_charter": "on", "next": "/fr/"})
    assert accepted.status_code == 302 and accepted.url == "/fr/"
    user = get_user_model().objects.get(email="membre@coop.example")
    assert list(user.charter_acceptances.values_list("version", flat=True)) == ["3.0", "2.0"]
    html = client.get("/fr/account/").content.decode()
    assert "Vous avez accepté la version 3.0" in html and "Version 2.0, acceptée le" in html
    assert "Une nouvelle version de la charte" not in client.get("/fr/").content.decode()


def test_a_new_charter_version_asks_members_again(client, password):
    member = get_user_model().objects.get(email="member@coop.example")
    client.force_login(member)
    assert "Een nieuwe versie" not in client.get("/nl/").content.decode()
    for charter in ValuesCharterPage.objects.all():
        charter.version = "4.0"
        charter.save_revision().publish()
    html = client.get("/nl/").content.decode()
    assert "Een nieuwe versie van het waardenhandvest is van kracht." in html
    client.logout()
    response = client.post("/en/accounts/login/", {"login": "member@coop.example", "password": password})
    assert response.url.startswith("/en/account/charter/")


def test_account_page_needs_login_and_shows_only_the_own_address(client):
    response = client.get("/en/account/")
    assert response.status_code == 302 and "/en/accounts/login/" in response.url
    client.force_login(get_user_model().objects.get(email="member@coop.example"))
    html = client.get("/en/account/").content.decode()
    assert "member@coop.example" in html
    assert "membre@coop.example" not in html and "ethics@coop.example" not in html


def test_password_reset_sends_a_mail_in_the_visitors_language(client):
    response = client.post("/nl/accounts/password/reset/", {"email": "member@coop.example"})
    assert response.status_code == 302
    assert mail.outbox[-1].to == ["member@coop.example"]
    assert "wachtwoord" in mail.outbox[-1].body.lower()


def test_logout(client):
    client.force_login(get_user_model().objects.get(email="member@coop.example"))
    assert client.post("/fr/accounts/logout/").status_code == 302
    assert client.get("/fr/account/").status_code == 302


def test_charter_is_asked_even_when_the_login_has_a_next_page(client, password):
    response = client.post(
        "/fr/accounts/login/?next=/fr/account/", {"login": "membre@coop.example", "password": password}
    )
    assert response.status_code == 302
    assert response.url == "/fr/account/charter/?next=%2Ffr%2Faccount%2F"


def test_a_translation_behind_the_version_in_force_is_not_shown_as_current(client, password):
    french = ValuesCharterPage.objects.get(locale__language_code="fr")
    french.version = "4.0"
    french.save_revision().publish()
    client.force_login(get_user_model().objects.get(email="member@coop.example"))
    html = client.get("/nl/account/charter/").content.decode()
    # The Dutch text still says 3.0: the member reads and accepts the version in force.
    assert "4.0" in html and "Versie 3.0" not in html
