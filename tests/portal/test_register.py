"""One register per language: the account pages, messages and e-mails say "Sie" and "u"
like the rest of the site, although django-allauth's own German and Dutch say "du" and "je".

The formal translations live in portal/accounts/allauth_locale/ (settings.LOCALE_PATHS);
scripts/check_register.py lists allauth strings that still need one.
"""

import re
import subprocess
import sys
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import polib
import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.utils import translation

ROOT = Path(__file__).resolve().parent.parent.parent
OVERRIDES = ROOT / "portal" / "accounts" / "allauth_locale"

# Words that only the informal register uses (the check script knows more, e.g. imperatives).
INFORMAL = {
    "de": re.compile(r"\b(du|dich|dir|dein(e[mnrs]?)?|euch|euer|eure[mnrs]?)\b", re.IGNORECASE),
    "nl": re.compile(r"\b(je|jij|jouw|jou|jezelf|jullie)\b", re.IGNORECASE),
    "fr": re.compile(r"\b(tu|toi|te|ton|ta|tes)\b|\bt['’]", re.IGNORECASE),
}
FORMAL = {
    "de": re.compile(r"\b(Sie|Ihr\w*|Ihnen)\b"),
    "nl": re.compile(r"\b(u|uw)\b"),
    "fr": re.compile(r"\bvous\b"),
}

SIGNUP = {
    "email": "neu@example.org",
    "first_name": "Inès",
    "last_name": "Verbeke",
    "password1": "ein-sicheres-passwort-42",
    "password2": "ein-sicheres-passwort-42",
    "accept_charter": "on",
}

# What the pages must now say (the override, not allauth's informal text).
PAGES = {
    "de": {
        "/de/accounts/login/": "Falls Sie noch kein Konto haben, registrieren Sie sich bitte zuerst.",
        "/de/accounts/signup/": "Sie haben bereits ein Konto? Dann melden Sie sich bitte an.",
        "/de/accounts/password/reset/": "Passwort vergessen? Geben Sie unten Ihre E-Mail-Adresse ein",
    },
    "nl": {
        "/nl/accounts/login/": "Hebt u nog geen account? Maak er dan eerst een aan.",
        "/nl/accounts/signup/": "Hebt u al een account? Meld u dan aan.",
        "/nl/accounts/password/reset/": "Wachtwoord vergeten? Vul hieronder uw e-mailadres in",
    },
}


class _VisibleText(HTMLParser):
    """The text a visitor reads: no tags, scripts, styles or attribute values."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts, self._hidden = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "template"):
            self._hidden += 1

    def handle_endtag(self, tag):
        if tag in ("script", "style", "template") and self._hidden:
            self._hidden -= 1

    def handle_data(self, data):
        if not self._hidden:
            self.parts.append(data)


def visible_text(html):
    parser = _VisibleText()
    parser.feed(html)
    text = re.sub(r"\s+", " ", unescape(" ".join(parser.parts)))
    return re.sub(r" ([.,:;!?])", r"\1", text)


def assert_formal(language, text):
    informal = INFORMAL[language].findall(text)
    assert not informal, f"informal {language} words {informal} in: {text}"
    assert FORMAL[language].search(text), f"no formal {language} address in: {text}"


pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("language", "path"), [(lang, path) for lang in PAGES for path in PAGES[lang]])
def test_account_pages_address_visitors_formally(client, language, path):
    response = client.get(path)
    assert response.status_code == 200
    text = visible_text(response.content.decode())
    assert PAGES[language][path] in text
    assert_formal(language, text)


@pytest.mark.parametrize(
    ("language", "subject", "closing"),
    [
        ("de", "Bitte bestätigen Sie Ihre E-Mail-Adresse", "Vielen Dank, dass Sie"),
        ("nl", "Bevestig uw e-mailadres", "U ontvangt deze e-mail omdat gebruiker"),
    ],
)
def test_the_confirmation_email_addresses_people_formally(client, language, subject, closing):
    response = client.post(f"/{language}/accounts/signup/", SIGNUP)
    assert response.status_code == 302
    message = mail.outbox[-1]
    assert message.to == [SIGNUP["email"]]
    assert subject in message.subject
    assert closing in message.body
    for text in (message.subject, message.body):
        assert not INFORMAL[language].findall(text), text
    assert_formal(language, message.body)
    # The page after sign-up (check your inbox) too.
    assert_formal(language, visible_text(client.get(response.url).content.decode()))


@pytest.mark.parametrize(
    ("language", "opening"),
    [
        ("de", "Sie erhalten diese E-Mail, weil für Ihr Benutzerkonto das Zurücksetzen"),
        ("nl", "U ontvangt deze e-mail omdat u of iemand anders heeft gevraagd"),
    ],
)
def test_the_password_reset_email_addresses_people_formally(client, language, opening):
    response = client.post(f"/{language}/accounts/password/reset/", {"email": "member@coop.example"})
    assert response.status_code == 302
    body = mail.outbox[-1].body
    assert opening in body
    assert not INFORMAL[language].findall(body), body
    assert_formal(language, visible_text(client.get(response.url).content.decode()))


@pytest.mark.parametrize(
    ("language", "signed_out"), [("de", "Sie haben sich abgemeldet."), ("nl", "U bent afgemeld.")]
)
def test_account_messages_address_people_formally(client, language, signed_out):
    client.force_login(get_user_model().objects.get(email="member@coop.example"))
    logout_page = visible_text(client.get(f"/{language}/accounts/logout/").content.decode())
    assert_formal(language, logout_page)
    response = client.post(f"/{language}/accounts/logout/", follow=True)
    assert signed_out in visible_text(response.content.decode())


def override_entries():
    for path in sorted(OVERRIDES.glob("*/LC_MESSAGES/django.po")):
        language = path.parent.parent.name
        for entry in polib.pofile(str(path)):
            yield language, entry


def test_the_override_catalogues_exist_for_each_language():
    assert sorted(path.parent.parent.name for path in OVERRIDES.glob("*/LC_MESSAGES/django.po")) == [
        "de",
        "fr",
        "nl",
    ]


def test_the_override_catalogue_is_formal_throughout():
    informal = [
        (language, entry.msgid, text)
        for language, entry in override_entries()
        for text in ([entry.msgstr] if not entry.msgid_plural else entry.msgstr_plural.values())
        if INFORMAL[language].search(re.sub(r"%\(\w+\)s|<[^>]+>", " ", text))
    ]
    assert not informal


def test_django_finds_every_override_before_allauths_translation():
    """Every string, e-mail subjects and messages included, comes from the override catalogue
    (a stale .mo fails here: `make compilemessages`)."""
    for language, entry in override_entries():
        with translation.override(language):
            if entry.msgid_plural:
                plural = (entry.msgid, entry.msgid_plural)
                got = [
                    translation.npgettext(entry.msgctxt, *plural, n)
                    if entry.msgctxt
                    else translation.ngettext(*plural, n)
                    for n in (1, 2)
                ]
                assert got == [entry.msgstr_plural[0], entry.msgstr_plural[1]], entry.msgid
            elif entry.msgctxt:
                assert translation.pgettext(entry.msgctxt, entry.msgid) == entry.msgstr, entry.msgid
            else:
                assert translation.gettext(entry.msgid) == entry.msgstr, entry.msgid


def test_no_allauth_string_in_use_is_left_informal():
    """scripts/check_register.py: after an upgrade of allauth it lists new informal strings."""
    script = ROOT / "scripts" / "check_register.py"
    result = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    for language in ("fr", "nl", "de"):
        assert f"\n{language}: " in f"\n{result.stdout}"
