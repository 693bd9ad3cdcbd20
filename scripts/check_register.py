"""Check that the account pages, messages and e-mails address people formally.

django-allauth's own catalogues say "du" in German and "je" in Dutch; the portal says "Sie"
and "u" (and "vous" in French). portal/accounts/allauth_locale/ holds formal translations of
those strings, and is read before allauth's catalogues (settings.LOCALE_PATHS).

This script fails (exit status 1) when:
- a string of an installed allauth app has an informal translation in allauth's fr, nl or
  de catalogue and no translation in the override catalogue (typically after an upgrade of
  allauth: new or reworded strings);
- an override is informal itself, is untranslated or fuzzy, changes the placeholders, or
  translates a string that allauth no longer has;
- the override directory is not in LOCALE_PATHS after the project's own catalogues.

    .venv/bin/python scripts/check_register.py           # report
    .venv/bin/python scripts/check_register.py --stubs   # also print PO entries to fill in

Informal German is recognised by its pronouns (du, dich, dir, dein…, euch, euer…) and by
common imperatives of the du-form (bestätige, gib, versuche, wähle…); Dutch by je, jij, jou,
jouw, jezelf, jullie; French by tu, toi, te, t', ton, ta, tes. A new informal imperative
without a pronoun may escape the German list: read the new strings of an upgrade anyway.
"""

import os
import re
import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
OVERRIDE_DIR = ROOT / "portal" / "accounts" / "allauth_locale"
LANGUAGES = ["fr", "nl", "de"]
# allauth's sub-packages that a project installs or not (settings.INSTALLED_APPS).
OPTIONAL_APPS = {"account", "mfa", "socialaccount", "usersessions", "headless", "idp"}

# Imperatives of the du-form that allauth's German uses or might ("Bitte bestätige …").
_IMPERATIVES = [
    *("aktiviere", "bestätige", "besuche", "beachte", "deaktiviere", "entferne", "erstelle"),
    *("folge", "füge", "gehe", "gib", "klick", "klicke", "kontaktiere", "kopiere", "lade", "lass"),
    *("logge", "melde", "nimm", "nutze", "öffne", "prüfe", "richte", "rufe", "scanne", "schicke"),
    *("sende", "setze", "sieh", "speichere", "stelle", "tippe", "trage", "überprüfe", "vergiss"),
    *("verwende", "versuche", "wähle", "warte", "wende"),
]
_imperatives = "|".join(_IMPERATIVES)
_capitalised = "|".join(word[0].upper() + word[1:] for word in _IMPERATIVES)
INFORMAL = {
    "de": re.compile(
        r"\b(?:[Dd]u|[Dd]ich|[Dd]ir|[Dd]ein(?:e[mnrs]?)?|[Ee]uch|[Ee]uer|[Ee]ure[mnrs]?)\b"
        rf"|\b(?:{_imperatives})\b"
        # Capitalised imperatives only where a sentence starts ("Klick" is also a noun).
        rf"|(?:^|[.!?:]\s+|\n)(?:{_capitalised})\b"
        # "Bitte versuche …" (the formal form is "Bitte versuchen Sie …").
        r"|(?:^|[.!?:]\s+)Bitte,?\s+[a-zäöüß]+e\b(?!\s+Sie\b)"
    ),
    "nl": re.compile(r"\b(?:[Jj]e|[Jj]ij|[Jj]ou|[Jj]ouw|[Jj]ouwe|[Jj]ezelf|[Jj]ullie)\b"),
    "fr": re.compile(r"\b(?:[Tt]u|[Tt]oi|[Tt]e|[Tt]on|[Tt]a|[Tt]es|[Tt]ien(?:ne)?s?)\b|\b[Tt]['’]"),
}
# %(name)s, %d, %s, {name}
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]|\{\w*\}")


def informal_words(language, text):
    """The informal words of a translation (placeholders and HTML tags left out)."""
    text = re.sub(r"<[^>]*>", " ", PLACEHOLDER.sub(" ", text))
    return [match.group(0).strip(" .!?:\n") for match in INFORMAL[language].finditer(text)]


def translations(entry):
    return [entry.msgstr] if not entry.msgid_plural else list(entry.msgstr_plural.values())


def key(entry):
    return (entry.msgctxt, entry.msgid)


def allauth_catalogue(language):
    import allauth

    path = Path(allauth.__file__).parent / "locale" / language / "LC_MESSAGES" / "django.po"
    return polib.pofile(str(path))


def override_path(language):
    return OVERRIDE_DIR / language / "LC_MESSAGES" / "django.po"


def installed_allauth_parts(installed_apps):
    """allauth's sub-packages in use: "account", "mfa"… ("allauth.idp.oidc" gives "idp")."""
    return {app.split(".")[1] for app in installed_apps if app.startswith("allauth.")}


def in_use(entry, parts):
    """Whether a string of allauth's catalogue shows up with these allauth apps installed.

    Its references are paths in the allauth package ("account/forms.py",
    "templates/mfa/index.html"); allauth's core and shared templates are always in use.
    """
    for path, _line in entry.occurrences:
        first = path.split("/")[1] if path.startswith("templates/") else path.split("/")[0]
        first = {"openid": "socialaccount"}.get(first, first)
        if first not in OPTIONAL_APPS or first in parts:
            return True
    return False


def check(language, parts, stubs):
    problems = []
    allauth = allauth_catalogue(language)
    allauth_entries = {key(entry): entry for entry in allauth if not entry.obsolete}
    path = override_path(language)
    if not path.exists():
        return [f"{path.relative_to(ROOT)} is missing"], 0, 0
    override = polib.pofile(str(path))
    overrides = {key(entry): entry for entry in override if not entry.obsolete}

    for entry in overrides.values():
        label = f"{language}: override {entry.msgid!r}"
        if entry.msgctxt:
            label += f" (context {entry.msgctxt!r})"
        original = allauth_entries.get(key(entry))
        if original is None:
            problems.append(f"{label}: allauth no longer has this string; remove the entry")
            continue
        if entry.msgid_plural != original.msgid_plural:
            problems.append(f"{label}: plural differs from allauth's ({original.msgid_plural!r})")
        if "fuzzy" in entry.flags or not all(translations(entry)):
            problems.append(f"{label}: untranslated or fuzzy")
        expected = set(PLACEHOLDER.findall(entry.msgid + (entry.msgid_plural or "")))
        for text in translations(entry):
            found = set(PLACEHOLDER.findall(text))
            if text and found != expected:
                problems.append(f"{label}: placeholders {sorted(found)} instead of {sorted(expected)}")
            if words := informal_words(language, text):
                problems.append(f"{label}: informal: {', '.join(words)}")

    informal = [
        entry
        for entry in allauth_entries.values()
        if entry.msgid
        and in_use(entry, parts)
        and any(informal_words(language, text) for text in translations(entry))
    ]
    missing = [entry for entry in informal if key(entry) not in overrides]
    for entry in missing:
        words = sorted({word for text in translations(entry) for word in informal_words(language, text)})
        problems.append(f"{language}: not overridden ({', '.join(words)}): {entry.msgid!r}")
    if stubs and missing:
        print(f"# --- {language}: add to {path.relative_to(ROOT)} and translate formally ---")
        for entry in missing:
            stub = polib.POEntry(
                msgctxt=entry.msgctxt,
                msgid=entry.msgid,
                msgid_plural=entry.msgid_plural,
                msgstr="",
                msgstr_plural=dict.fromkeys(entry.msgstr_plural, "") if entry.msgid_plural else {},
                occurrences=sorted({(f"allauth/{source}", "") for source, _line in entry.occurrences}),
                flags=[flag for flag in entry.flags if flag != "fuzzy"],
                tcomment="allauth: " + " | ".join(translations(entry)).replace("\n", "\\n"),
            )
            print(stub)
    return problems, len(informal), len(overrides)


def main(argv):
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")
    from django.conf import settings

    problems = []
    locale_paths = [Path(path).resolve() for path in settings.LOCALE_PATHS]
    if OVERRIDE_DIR.resolve() not in locale_paths:
        problems.append(f"{OVERRIDE_DIR.relative_to(ROOT)} is not in settings.LOCALE_PATHS")
    elif locale_paths.index(OVERRIDE_DIR.resolve()) == 0:
        problems.append(f"{OVERRIDE_DIR.relative_to(ROOT)} should come after the project's locale/")

    parts = installed_allauth_parts(settings.INSTALLED_APPS)
    for language in LANGUAGES:
        found, informal, overridden = check(language, parts, stubs="--stubs" in argv)
        problems += found
        print(
            f"{language}: {informal} strings of allauth ({', '.join(sorted(parts))}) translated informally, "
            f"{overridden} in the override catalogue"
        )
    for problem in problems:
        print(problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
