import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail

from directory.factories import UserFactory
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
    assert response.status_code == 302 and response.url == "/fr/compte/"
    html = client.get("/fr/compte/").content.decode()
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


@pytest.mark.parametrize(
    ("language", "label"),
    [("fr", "Se souvenir de moi"), ("nl", "Onthouden"), ("de", "Angemeldet bleiben"), ("en", "Remember Me")],
)
def test_remember_me_follows_its_checkbox_without_a_colon(client, language, label):
    # Placed after its box (site.css), "Se souvenir de moi :" read like a label waiting for a field.
    html = client.get(f"/{language}/accounts/login/").content.decode()
    assert f'<label for="id_remember">{label}</label>' in html
    assert re.search(r'<label for="id_password">[^<]+:</label>', html)  # the others keep theirs


def test_member_who_accepted_an_old_version_is_asked_again(client, password):
    response = client.post("/fr/accounts/login/", {"login": "membre@coop.example", "password": password})
    assert response.status_code == 302
    assert response.url.startswith("/fr/compte/charte/")
    page = client.get(response.url).content.decode()
    assert "La version 3.0 de la charte est en vigueur depuis le" in page
    # Every page reminds them until they accept.
    assert (
        "Une nouvelle version de la charte des valeurs est en vigueur." in client.get("/fr/").content.decode()
    )

    refused = client.post("/fr/compte/charte/", {})
    assert refused.status_code == 400
    assert "Veuillez accepter la charte des valeurs pour continuer." in refused.content.decode()

    accepted = client.post("/fr/compte/charte/", {"accept_charter": "on", "next": "/fr/"})
    assert accepted.status_code == 302 and accepted.url == "/fr/"
    user = get_user_model().objects.get(email="membre@coop.example")
    assert list(user.charter_acceptances.values_list("version", flat=True)) == ["3.0", "2.0"]
    html = client.get("/fr/compte/").content.decode()
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
    assert client.get("/fr/compte/").status_code == 302


def test_charter_is_asked_even_when_the_login_has_a_next_page(client, password):
    response = client.post(
        "/fr/accounts/login/?next=/fr/compte/", {"login": "membre@coop.example", "password": password}
    )
    assert response.status_code == 302
    assert response.url == "/fr/compte/charte/?next=%2Ffr%2Fcompte%2F"


def test_a_translation_behind_the_version_in_force_is_not_shown_as_current(client, password):
    french = ValuesCharterPage.objects.get(locale__language_code="fr")
    french.version = "4.0"
    french.save_revision().publish()
    client.force_login(get_user_model().objects.get(email="member@coop.example"))
    html = client.get("/nl/account/handvest/").content.decode()
    # The Dutch text still says 3.0: the member reads and accepts the version in force.
    assert "4.0" in html and "Versie 3.0" not in html


def test_the_admin_login_is_the_sites_login(client, password):
    # Wagtail's own form would be a second way in without allauth's checks.
    response = client.get("/admin/login/?next=/admin/pages/")
    assert response.status_code == 302
    assert response.url == "/fr/accounts/login/?next=%2Fadmin%2Fpages%2F"
    assert (
        client.post("/admin/login/", {"username": "admin@coop.example", "password": password}).status_code
        == 302
    )
    assert "_auth_user_id" not in client.session
    # Not logged in, the admin sends people to the same login.
    chain = client.get("/admin/", follow=True).redirect_chain
    assert chain[-1][0] == "/fr/accounts/login/?next=%2Fadmin%2F"
    # Elsewhere than the admin: no open redirect.
    assert (
        client.get("/admin/login/?next=https://evil.example/").url == "/fr/accounts/login/?next=%2Fadmin%2F"
    )
    response = client.post(
        "/fr/accounts/login/?next=/admin/", {"login": "editor@coop.example", "password": password}
    )
    assert response.status_code == 302 and response.url == "/admin/"
    assert client.get("/admin/").status_code == 200
    # From the site, an editor finds the administration in the header.
    assert 'href="/admin/">Administration</a>' in client.get("/fr/").content.decode()


def test_an_unconfirmed_account_cannot_log_in_anywhere(client):
    account = UserFactory(email="pas-confirme@example.org", is_staff=True, email_verified=False)
    response = client.post(
        "/fr/accounts/login/?next=/admin/", {"login": account.email, "password": "a-good-password-42"}
    )
    assert response.status_code == 302 and "confirm-email" in response.url
    assert "_auth_user_id" not in client.session
    assert client.get("/admin/").status_code == 302
    # A new confirmation link went out (through the queue) instead.
    assert mail.outbox[-1].to == [account.email]


def test_failed_logins_are_limited_for_the_admin_too(client, settings, password):
    for _attempt in range(5):
        client.post("/fr/accounts/login/?next=/admin/", {"login": "admin@coop.example", "password": "wrong"})
    response = client.post(
        "/fr/accounts/login/?next=/admin/", {"login": "admin@coop.example", "password": password}
    )
    assert response.status_code in (200, 429)
    assert "_auth_user_id" not in client.session


def test_login_rotates_the_session_and_a_change_of_rights_ends_it(client, password):
    client.get("/fr/accounts/login/")
    client.session.save()
    before = client.session.session_key
    client.post("/fr/accounts/login/", {"login": "editor@coop.example", "password": password})
    assert client.session.session_key != before
    assert client.get("/admin/").status_code == 200
    editor = get_user_model().objects.get(email="editor@coop.example")
    editor.groups.add(Group.objects.get(name="Moderators"))
    # The old session no longer opens the admin: log in again, with the new rights.
    assert client.get("/admin/").status_code == 302
    client.post("/fr/accounts/login/", {"login": "editor@coop.example", "password": password})
    assert client.get("/admin/").status_code == 200
    editor.is_superuser = True
    editor.save()
    assert client.get("/fr/compte/").status_code == 302


def test_staff_may_add_two_factor_authentication_and_then_need_it_for_the_admin(client, password):
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value, yield_hotp_counters_from_time

    def code(secret):
        return format_hotp_value(hotp_value(secret, next(yield_hotp_counters_from_time())))

    client.post("/fr/accounts/login/", {"login": "editor@coop.example", "password": password})
    html = client.get("/fr/compte/").content.decode()
    assert "/fr/accounts/2fa/" in html
    # Turning it on asks for the password again, then shows the secret for the authenticator app.
    response = client.get("/fr/accounts/2fa/totp/activate/")
    assert response.url.startswith("/fr/accounts/reauthenticate/")
    client.post(response.url, {"password": password})
    page = client.get("/fr/accounts/2fa/totp/activate/").content.decode()
    secret = re.search(r'value="([A-Z2-7]{32})"', page).group(1)
    assert client.post("/fr/accounts/2fa/totp/activate/", {"code": code(secret)}).status_code == 302
    client.post("/fr/accounts/logout/")

    # From now on the password alone does not open the admin.
    response = client.post(
        "/fr/accounts/login/?next=/admin/", {"login": "editor@coop.example", "password": password}
    )
    assert response.url.startswith("/fr/accounts/2fa/authenticate/")
    assert client.get("/admin/").status_code == 302
    response = client.post(response.url, {"code": code(secret)})
    assert response.status_code == 302 and response.url == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_a_member_without_admin_access_is_told_so_not_sent_round_in_circles(client, password):
    client.post("/fr/accounts/login/", {"login": "member@coop.example", "password": password})
    assert 'href="/admin/"' not in client.get("/fr/").content.decode()
    response = client.get("/admin/", follow=True)
    assert response.redirect_chain[-1][0] == "/fr/compte/" and len(response.redirect_chain) <= 3
    assert "Votre compte n’a pas accès à l’administration." in response.content.decode()


def _confirmation_path():
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", mail.outbox[-1].body).group(0)
    return "/" + link.split("://", 1)[1].split("/", 1)[1]


def test_confirming_in_the_same_browser_returns_to_where_the_person_was_going(client):
    target = "/nl/ledengids/12-someone/#contact"
    client.post(f"/nl/accounts/signup/?next={target}", {**SIGNUP, "next": target})
    confirmed = client.post(_confirmation_path())
    assert confirmed.status_code == 302 and confirmed["Location"] == target
    assert client.get("/nl/account/").status_code == 200  # logged in


def test_a_confirmation_link_opened_elsewhere_does_not_log_anyone_in(client, django_user_model):
    from django.test import Client

    client.post("/fr/accounts/signup/", SIGNUP)
    elsewhere = Client()
    confirmed = elsewhere.post(_confirmation_path())
    assert confirmed.status_code == 302 and "/accounts/login/" in confirmed["Location"]
    assert elsewhere.get("/fr/compte/").status_code == 302  # still asked to log in
    assert django_user_model.objects.get(email=SIGNUP["email"]).emailaddress_set.get().verified
