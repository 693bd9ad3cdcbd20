"""Editors read the admin in their own language: wagtail-localize's translation editor and
translations report, and Wagtail's page editor, hold no English text in Dutch or German.

The catalogue gaps are filled by portal/pages/admin_locale/ (settings.LOCALE_PATHS; listed by
scripts/check_admin_catalogues.py); what wagtail-localize writes without gettext by
portal/pages/admin_language.py and portal/pages/static/pages/js/translation-editor-language.js.
"""

import datetime
import json
import re
import subprocess
import sys
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import polib
import pytest
import wagtail_localize
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import translation
from wagtail.users.models import UserProfile
from wagtail_localize.models import StringTranslation, Translation

from portal.pages.models import StandardPage
from portal.pages.translation_workflow import synced_translation

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parent.parent.parent
OVERRIDES = ROOT / "portal" / "pages" / "admin_locale"
SHIM = ROOT / "portal" / "pages" / "static" / "pages" / "js" / "translation-editor-language.js"
BUNDLE = Path(wagtail_localize.__file__).parent / "static" / "wagtail_localize" / "js" / "wagtail-localize.js"

# What the report said in English before, and what it says now.
REPORT = {
    "nl": {
        "english": ["Content type", "Source locale", "Target locale", "{count} translations"],
        "translated": ["Inhoudstype", "Brontitel", "Brontaal", "Doeltaal", "{count} vertalingen"],
    },
    "de": {
        "english": ["Source locale", "Target locale", "{count} translations", "Warte auf"],
        "translated": [
            "Übersetzungen",
            "Quellsprache",
            "Zielsprache",
            "Wartet auf Übersetzungen",
            "{count} Übersetzungen",
        ],
    },
}
# The dates of the translated strings, and the heading of the editor's page.
EDITOR = {
    "nl": {
        "comment": "Handmatig vertaald op 5 maart 2026",
        "title": "Vertaling van À propos de la coopérative naar Nederlands",
        "image": "Afbeelding",
    },
    "de": {
        "comment": "Manuell übersetzt am 5. März 2026",
        "title": "Übersetzung von À propos de la coopérative in Deutsch",
        "image": "Bild",
    },
}
# What wagtail-localize's editor writes through its JavaScript catalogue, once translated by
# the portal's script or the override (the English was "Français to Nederlands translation",
# "More actions", "Publier dans" + "Nederlands").
SCRIPT = {
    "nl": {
        "%(source)s to %(target)s translation": "Vertaling van %(source)s naar %(target)s",
        "More actions": "Meer acties",
        "Publish in ": "Publiceer in ",
        "Server error": "Serverfout",
    },
    "de": {
        "%(source)s to %(target)s translation": "Übersetzung von %(source)s nach %(target)s",
        "More actions": "Mehr Aktionen",
        "Publish in ": "Veröffentlichen in ",
        "Choose a %s": "%s auswählen",
    },
    "fr": {
        "%(source)s to %(target)s translation": "Traduction de %(source)s en %(target)s",
        "More actions": "Plus d'actions",
        "Publish in ": "Publier en ",
    },
}


class _VisibleText(HTMLParser):
    """The text an editor reads: no tags, scripts, styles or attribute values."""

    def __init__(self, hidden):
        super().__init__(convert_charrefs=True)
        self.parts, self._hidden, self._hiding = [], hidden, 0

    def handle_starttag(self, tag, attrs):
        if tag in self._hidden:
            self._hiding += 1

    def handle_endtag(self, tag):
        if tag in self._hidden and self._hiding:
            self._hiding -= 1

    def handle_data(self, data):
        if not self._hiding:
            self.parts.append(data)


def visible_text(html, hidden=("script", "style", "template")):
    """The page's text; with hidden=("script", "style"), that of its dialogs too (<template>)."""
    parser = _VisibleText(hidden)
    parser.feed(html)
    return re.sub(r"\s+", " ", unescape(" ".join(parser.parts)))


def editor(client, language):
    """The demo editor, logged in, with the admin in this language (her account's preference)."""
    account = get_user_model().objects.get(email="editor@coop.example")
    profile = UserProfile.get_for_user(account)
    profile.preferred_language = language
    profile.save()
    client.force_login(account)
    return client


def editor_props(html):
    """What the translation editor's script is given to draw."""
    match = re.search(r'class="js-translation-editor" data-props="([^"]*)"', html)
    return json.loads(unescape(match.group(1)))


def js_catalogue(client, url):
    """The catalogue a JavaScript catalogue view hands to the admin's scripts."""
    script = client.get(url).content.decode()
    return json.loads(re.search(r"const newcatalog = (\{.*?\});\n", script, re.DOTALL).group(1))


@pytest.mark.parametrize("language", ["nl", "de"])
def test_the_translations_report_is_in_the_editors_language(client, language):
    response = editor(client, language).get(reverse("wagtail_localize:translations_report"))
    assert response.status_code == 200
    text = visible_text(response.content.decode())
    count = Translation.objects.count()
    assert count > 1
    for english in REPORT[language]["english"]:
        assert english.format(count=count) not in text
    for translated in REPORT[language]["translated"]:
        assert translated.format(count=count) in text
    # Filtering fetches the results alone: the same words.
    results = editor(client, language).get(
        reverse("wagtail_localize:translations_report_results"),
        {"source_locale": "fr", "target_locale": language},
    )
    assert results.status_code == 200
    assert "translations" not in visible_text(results.content.decode())


@pytest.mark.parametrize("language", ["nl", "de"])
def test_the_translation_editor_is_in_the_editors_language(client, language):
    page = StandardPage.objects.get(locale__language_code=language)
    target = synced_translation(page)
    # A fixed date, late in the evening in UTC: already the next day in Brussels.
    StringTranslation.objects.filter(locale=target.target_locale).update(
        updated_at=datetime.datetime(2026, 3, 4, 23, 30, tzinfo=datetime.UTC)
    )

    response = editor(client, language).get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert EDITOR[language]["title"] in html
    props = editor_props(html)
    comments = {string["comment"] for string in props["initialStringTranslations"]}
    assert comments == {EDITOR[language]["comment"]}
    # The labels of the fields (the image's chooser: portal.pages.blocks.LabelledImageBlock).
    image = {segment["location"]["subField"] for segment in props["segments"]} - {None}
    assert EDITOR[language]["image"] in image
    assert "Image" not in image
    text = visible_text(html)
    for english in ("More actions", "translation", "Content type", "Source locale", "Target locale"):
        assert english not in text
    # The script that puts the heading and "More actions" of the editor's own drawing into
    # the editor's language, after the JavaScript catalogue it reads.
    assert html.index(reverse("wagtail_localize:javascript_catalog")) < html.index(
        "translation-editor-language.js"
    )


@pytest.mark.parametrize("language", ["nl", "de", "fr"])
def test_the_translation_editors_script_gets_its_words_in_the_editors_language(client, language):
    catalogue = js_catalogue(editor(client, language), reverse("wagtail_localize:javascript_catalog"))
    for msgid, text in SCRIPT[language].items():
        assert catalogue[msgid] == text


def test_the_portals_script_still_has_english_to_replace():
    """translation-editor-language.js replaces text that wagtail-localize's bundle writes
    without gettext; when a release translates it, the script (and its strings in
    admin_locale/*/djangojs.po) can go."""
    bundle = BUNDLE.read_text(encoding="utf-8")
    shim = SHIM.read_text(encoding="utf-8")
    assert re.search(
        r"`\$\{\w+\.sourceLocale\.displayName\} to \$\{\w+\.locale\.displayName\} translation`", bundle
    )
    assert "`${source} to ${target} translation`" in shim
    assert '"More actions"' in bundle
    assert '["More actions", gettext("More actions")]' in shim


@pytest.mark.parametrize(
    ("language", "fifth", "first"),
    [
        ("fr", "Traduit manuellement le 5 mars 2026", "Traduit manuellement le 1er mars 2026"),
        ("nl", "Handmatig vertaald op 5 maart 2026", "Handmatig vertaald op 1 maart 2026"),
        ("de", "Manuell übersetzt am 5. März 2026", "Manuell übersetzt am 1. März 2026"),
        ("en", "Translated manually on 5 March 2026", "Translated manually on 1 March 2026"),
    ],
)
def test_the_date_of_a_translated_string_is_written_in_the_language(language, fifth, first):
    """As the portal writes dates (portal_tags.long_date), on the day it is in Brussels."""
    string = StringTranslation.objects.filter(
        translation_type=StringTranslation.TRANSLATION_TYPE_MANUAL
    ).first()
    with translation.override(language):
        string.updated_at = datetime.datetime(2026, 3, 4, 23, 30, tzinfo=datetime.UTC)
        assert string.get_comment() == fifth
        string.updated_at = datetime.datetime(2026, 2, 28, 23, 30, tzinfo=datetime.UTC)
        assert string.get_comment() == first


@pytest.mark.parametrize(
    ("language", "words", "english"),
    [
        ("nl", ["Vet", "Cursief", "Vaste breedte (code)"], ["Bold", "Italic", "Monospace"]),
        ("de", ["Fett", "Kursiv", "Standardseite bearbeiten"], ["Bearbeite"]),
    ],
)
def test_wagtails_page_editor_is_in_the_editors_language(client, language, words, english):
    """The page editor of the French original: its title, its keyboard shortcuts (a dialog)
    and the buttons of its rich text toolbar (the editor's settings)."""
    page = StandardPage.objects.get(locale__language_code="fr")
    response = editor(client, language).get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    text = visible_text(html, hidden=("script", "style"))
    for word in words:
        assert word in text
    for word in english:
        assert not re.search(rf"\b{word}\b", text)
    toolbar = re.findall(r'"description": "([^"]*)"', unescape(html))
    assert toolbar
    for word in english:
        assert not any(re.search(rf"\b{word}\b", label) for label in toolbar)


def override_entries(domain):
    for path in sorted(OVERRIDES.glob(f"*/LC_MESSAGES/{domain}.po")):
        for entry in polib.pofile(str(path)):
            yield path.parent.parent.name, entry


def test_the_override_catalogues_exist_for_each_language():
    for domain in ("django", "djangojs"):
        assert sorted(path.parent.parent.name for path in OVERRIDES.glob(f"*/LC_MESSAGES/{domain}.po")) == [
            "de",
            "fr",
            "nl",
        ]


def test_django_finds_every_override_of_the_server():
    """Every override wins over the apps' catalogues (a stale .mo fails here:
    `make compilemessages`)."""
    for language, entry in override_entries("django"):
        with translation.override(language):
            if entry.msgid_plural:
                got = [translation.ngettext(entry.msgid, entry.msgid_plural, n) for n in (1, 2)]
                assert got == [entry.msgstr_plural[0], entry.msgstr_plural[1]], entry.msgid
            else:
                assert translation.gettext(entry.msgid) == entry.msgstr, entry.msgid


@pytest.mark.parametrize("language", ["nl", "de", "fr"])
def test_both_javascript_catalogues_carry_every_override_of_the_scripts(client, language):
    """wagtail-localize's JavaScript catalogue and Wagtail's both read settings.LOCALE_PATHS."""
    editor(client, language)
    catalogues = [
        js_catalogue(client, reverse("wagtail_localize:javascript_catalog")),
        js_catalogue(client, reverse("wagtailadmin_javascript_catalog")),
    ]
    entries = [entry for lang, entry in override_entries("djangojs") if lang == language]
    assert entries
    for entry in entries:
        for catalogue in catalogues:
            assert catalogue[entry.msgid] == entry.msgstr, entry.msgid


def test_every_admin_string_of_wagtail_localize_is_translated():
    """scripts/check_admin_catalogues.py: after an upgrade of wagtail-localize or Wagtail it
    lists the strings an editor would read in English or broken, to add to admin_locale/."""
    script = ROOT / "scripts" / "check_admin_catalogues.py"
    result = subprocess.run(
        [sys.executable, str(script), "fr", "nl", "de"], capture_output=True, text=True, cwd=ROOT
    )
    assert result.returncode == 0, result.stdout + result.stderr
    for language in ("fr", "nl", "de"):
        assert re.search(rf"^{language} django: \d+ strings of wagtail-localize", result.stdout, re.MULTILINE)
        assert re.search(
            rf"^{language} djangojs: \d+ strings of wagtail-localize", result.stdout, re.MULTILINE
        )


def test_the_override_catalogues_are_complete():
    """scripts/check_catalogues.py: no untranslated or fuzzy entry, in admin_locale/ too."""
    script = ROOT / "scripts" / "check_catalogues.py"
    result = subprocess.run(
        [sys.executable, str(script), "fr", "nl", "de"], capture_output=True, text=True, cwd=ROOT
    )
    assert result.returncode == 0, result.stdout + result.stderr
    for language in ("fr", "nl", "de"):
        assert f"portal/pages/admin_locale/{language}: " in result.stdout
        assert f"portal/pages/admin_locale/{language} (djangojs): " in result.stdout


# What a browser set to English reads on the dashboard, in the editor's language.
DASHBOARD = {"fr": "Tableau de bord", "nl": "Pagina's", "de": "Seiten", "en": "Dashboard"}


@pytest.mark.parametrize("language", ["fr", "nl", "de", "en"])
def test_an_editor_gets_the_admin_in_the_language_of_the_site_they_logged_in_from(client, password, language):
    with translation.override(language):
        login = reverse("account_login")
    english_browser = {"HTTP_ACCEPT_LANGUAGE": "en-GB,en;q=0.9"}
    response = client.post(
        f"{login}?next=/admin/", {"login": "editor@coop.example", "password": password}, **english_browser
    )
    assert response.status_code == 302 and response.url == "/admin/"
    page = client.get("/admin/", **english_browser).content.decode()
    assert f'<html lang="{language}"' in page
    assert DASHBOARD[language] in page
    # Kept in their Wagtail profile, where they can change it; a later choice is not overwritten.
    editor = get_user_model().objects.get(email="editor@coop.example")
    assert UserProfile.get_for_user(editor).preferred_language == language


def test_the_language_an_editor_chose_wins(client, password):
    editor = get_user_model().objects.get(email="editor@coop.example")
    editor.preferred_language = "de"  # the language of their e-mails, said in their account
    editor.save()
    with translation.override("fr"):
        client.post(reverse("account_login"), {"login": "editor@coop.example", "password": password})
    assert '<html lang="de"' in client.get("/admin/").content.decode()
    profile = UserProfile.get_for_user(editor)
    profile.preferred_language = "nl"  # then chosen in the admin's preferences
    profile.save()
    client.logout()
    with translation.override("fr"):
        client.post(reverse("account_login"), {"login": "editor@coop.example", "password": password})
    assert '<html lang="nl"' in client.get("/admin/").content.decode()


def test_a_member_without_the_admin_gets_no_admin_profile(client, password):
    with translation.override("nl"):
        client.post(reverse("account_login"), {"login": "member@coop.example", "password": password})
    member = get_user_model().objects.get(email="member@coop.example")
    assert not UserProfile.objects.filter(user=member).exists()
