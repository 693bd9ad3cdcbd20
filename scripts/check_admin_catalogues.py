"""List the strings of the admin that an editor would read in English or broken.

wagtail-localize's own catalogues (fr, nl, de) lag behind its code: some strings are missing
(Django then shows the French one, settings.LANGUAGE_CODE's, or the English one), some are
"translated" with the English text ("Content type" in Dutch), some lose a space ("Publier
dans" + "Nederlands", "%(instance)snaar"). Wagtail's own catalogues have fewer such gaps
("Bold" in Dutch, "créées dans%(site_name)s"), but its Dutch addresses the editor informally
("Weet je zeker dat je…", about 150 strings) and its German now and then ("Wähle…"), where the
portal says "u" and "Sie". portal/pages/admin_locale/ (settings.LOCALE_PATHS, after the project's
locale/) translates those, formally, and the strings the portal adds where wagtail-localize writes
English without gettext: portal/pages/admin_language.py (STRINGS) and
portal/pages/static/pages/js/translation-editor-language.js.

The strings are taken from wagtail-localize's code (Python, templates, the editor's TypeScript in
static_src/ and its JavaScript catalogue), from the portal's, and from the catalogues of the
installed Wagtail apps; each one is looked up as Django looks it up for an editor in that
language: every catalogue of the language (the project's, the overrides, the apps'), without
the fallback to LANGUAGE_CODE. The script fails (exit status 1) when, in fr, nl or de:
- a string of wagtail-localize or of the portal has no translation (missing, untranslated or
  fuzzy everywhere), is translated with the English text (unless the word is the same in that
  language: SAME_AS_ENGLISH below), loses or gains a space at either end or next to a
  placeholder, changes the placeholders, or addresses the editor informally (du, je: the lists
  of check_register.py, and ADMIN_INFORMAL below);
- a string of Wagtail has no translation, loses a space next to a placeholder or changes the
  placeholders (WAGTAIL_FAILURES), or, in Dutch and German (WAGTAIL_INFORMAL), addresses the
  editor informally (je, du: the same lists) without a formal override in admin_locale/ (after
  an upgrade of Wagtail, each new or reworded string of its Dutch says "je" until it has one);
- an entry of the override catalogues is untranslated, fuzzy, flawed as above, or translates a
  string that neither wagtail-localize, Wagtail nor the portal has any more.

    .venv/bin/python scripts/check_admin_catalogues.py fr nl de            # the check
    .venv/bin/python scripts/check_admin_catalogues.py --stubs nl          # + PO entries to fill in
    .venv/bin/python scripts/check_admin_catalogues.py --wagtail fr nl de  # + Wagtail's to review

--wagtail also lists Wagtail's strings with any of the flaws above, English text included, for
a person to judge after upgrading Wagtail: many are rightly the same as in English ("Status",
"URL"). Run the check after upgrading wagtail-localize or Wagtail (the tests do:
tests/portal/test_admin_language.py), add the missing entries to
admin_locale/<language>/LC_MESSAGES/django.po or djangojs.po (--stubs prints them, Wagtail's
informal text as a comment: translate with "u", "uw", "Sie"), then `make compilemessages`.
"""

import ast
import os
import re
import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
OVERRIDE_DIR = ROOT / "portal" / "pages" / "admin_locale"
PORTAL_SCRIPTS = ROOT / "portal" / "pages" / "static" / "pages" / "js"
DOMAINS = ("django", "djangojs")

# Words that are rightly the same as the English one in a language (read before adding one).
SAME_AS_ENGLISH = {
    "fr": {"Actions", "Source"},
    "nl": {"Status"},
    "de": {"Status"},
}

# %(name)s, %d, %s, {name}, {}
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]|\{\w*\}")
# Imperatives of the German du-form in the admin's wording, which check_register.py's list (the
# wording of the account pages) lacks: "Bearbeite Seite", "Übersetze alle…", "Synchronisiere…".
ADMIN_INFORMAL = {
    "de": re.compile(r"(?:^|[.!?:]\s+)(Ändere|Bearbeite|Synchronisiere|Synchronisere|Übersetze)\b"),
}
GETTEXT_FUNCTIONS = {
    "gettext": "gettext",
    "gettext_lazy": "gettext",
    "gettext_noop": "gettext",
    "ugettext": "gettext",
    "ugettext_lazy": "gettext",
    "ngettext": "ngettext",
    "ngettext_lazy": "ngettext",
    "pgettext": "pgettext",
    "pgettext_lazy": "pgettext",
    "npgettext": "npgettext",
    "npgettext_lazy": "npgettext",
}


class Message:
    """One string to translate: (context, singular, plural), where it comes from."""

    def __init__(self, msgid, plural=None, context=None, where=""):
        self.msgid, self.plural, self.context, self.where = msgid, plural, context, where

    @property
    def key(self):
        return (self.context, self.msgid)


def _literal_args(node, count):
    values = []
    for argument in node.args[:count]:
        if not (isinstance(argument, ast.Constant) and isinstance(argument.value, str)):
            return None
        values.append(argument.value)
    return values if len(values) == count else None


def _message_from_call(kind, values, where):
    if kind == "gettext":
        return Message(values[0], where=where)
    if kind == "ngettext":
        return Message(values[0], values[1], where=where)
    if kind == "pgettext":
        return Message(values[1], context=values[0], where=where)
    return Message(values[1], values[2], context=values[0], where=where)


def python_messages(path, where):
    """The gettext calls of a Python module whose strings are literals."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = {"_": "gettext"}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module == "django.utils.translation":
            for alias in node.names:
                if alias.name in GETTEXT_FUNCTIONS:
                    names[alias.asname or alias.name] = GETTEXT_FUNCTIONS[alias.name]
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        function = node.func
        name = function.id if isinstance(function, ast.Name) else getattr(function, "attr", None)
        kind = names.get(name) or (
            GETTEXT_FUNCTIONS.get(name) if isinstance(function, ast.Attribute) else None
        )
        if kind is None:
            continue
        values = _literal_args(node, {"gettext": 1, "ngettext": 2, "pgettext": 2, "npgettext": 3}[kind])
        if values:
            yield _message_from_call(kind, values, f"{where}:{node.lineno}")


_TEMPLATIZED_CALL = re.compile(
    r"\b(gettext|ngettext|pgettext|npgettext)\(((?:u?'(?:\\.|[^'\\])*'|u?\"(?:\\.|[^\"\\])*\"|\s|,)+)"
)


def template_messages(path, where):
    """The strings of {% translate %} and {% blocktranslate %}, as makemessages sees them."""
    from django.utils.translation.template import templatize

    code = templatize(path.read_text(encoding="utf-8"), origin=str(path))
    for match in _TEMPLATIZED_CALL.finditer(code):
        values = ast.literal_eval(f"({match.group(2)},)")
        kind = match.group(1)
        if len(values) >= {"gettext": 1, "ngettext": 2, "pgettext": 2, "npgettext": 3}[kind]:
            yield _message_from_call(kind, list(values), where)


_JS_CALL = re.compile(
    r"\bgettext\(\s*(?P<q>['\"`])(?P<text>(?:\\.|(?!(?P=q)).)*)(?P=q)\s*[,)]",
    re.DOTALL,
)


def script_messages(path, where):
    """The gettext("…") calls of a TypeScript or JavaScript source."""
    for match in _JS_CALL.finditer(path.read_text(encoding="utf-8")):
        text = match.group("text")
        if match.group("q") != "`" or "${" not in text:
            yield Message(ast.literal_eval('"' + text.replace('"', '\\"') + '"'), where=where)


def wagtail_localize_messages():
    """{domain: {key: Message}} of wagtail-localize and its installed locales app."""
    import wagtail_localize

    package = Path(wagtail_localize.__file__).parent
    found = {domain: {} for domain in DOMAINS}

    def skipped(path):
        parts = path.relative_to(package).parts
        return parts[0] in {"tests", "static_src", "static", "test"} or "migrations" in parts

    for path in sorted(package.rglob("*.py")):
        if not skipped(path):
            for message in python_messages(path, f"wagtail_localize/{path.relative_to(package)}"):
                found["django"].setdefault(message.key, message)
    for path in sorted(package.rglob("templates/**/*.html")):
        if not skipped(path):
            for message in template_messages(path, f"wagtail_localize/{path.relative_to(package)}"):
                found["django"].setdefault(message.key, message)
    for path in sorted((package / "static_src").rglob("*")):
        if path.suffix in {".ts", ".tsx", ".js"}:
            for message in script_messages(path, f"wagtail_localize/{path.relative_to(package)}"):
                found["djangojs"].setdefault(message.key, message)
    # The JavaScript catalogue, in case a release ships the bundle without its sources.
    english = package / "locale" / "en" / "LC_MESSAGES" / "djangojs.po"
    for entry in polib.pofile(str(english)) if english.exists() else []:
        if entry.msgid and not entry.obsolete:
            message = Message(entry.msgid, entry.msgid_plural or None, entry.msgctxt, "djangojs.po")
            found["djangojs"].setdefault(message.key, message)
    return package, found


def portal_script_messages():
    """The strings of the portal's own admin scripts, from wagtail-localize's JS catalogue."""
    found = {}
    for path in sorted(PORTAL_SCRIPTS.glob("*.js")):
        for message in script_messages(path, str(path.relative_to(ROOT))):
            found.setdefault(message.key, message)
    return found


def wagtail_catalogues(language):
    """{domain: {key: (English entry, this language's entry or None, app)}} for Wagtail."""
    import wagtail
    from django.apps import apps

    found = {domain: {} for domain in DOMAINS}
    package = Path(wagtail.__file__).parent
    for english in sorted(package.rglob("locale/en/LC_MESSAGES/*.po")):
        domain = english.stem
        if domain not in found:
            continue
        path = Path(str(english).replace("/en/LC_MESSAGES/", f"/{language}/LC_MESSAGES/"))
        translated = {}
        if path.exists():
            translated = {(e.msgctxt, e.msgid): e for e in polib.pofile(str(path)) if not e.obsolete}
        folder = english.relative_to(package).parent.parent.parent.parent  # …/locale/en/LC_MESSAGES
        app = "wagtail" if str(folder) == "." else f"wagtail.{'.'.join(folder.parts)}"
        if not apps.is_installed(app):  # (INSTALLED_APPS may list its AppConfig instead)
            continue
        for entry in polib.pofile(str(english)):
            if entry.msgid and not entry.obsolete:
                key = (entry.msgctxt, entry.msgid)
                found[domain].setdefault(key, (entry, translated.get(key), app))
    return found


class Catalogue:
    """What an editor reads in a language: that language's catalogues as Django merges them
    (LOCALE_PATHS first, then the apps'), without the fallback to LANGUAGE_CODE.

    Python's gettext reads "nl" as "nl_NL" first: where an app has both folders (as
    wagtail-localize has), its "nl" catalogue becomes a fallback, read after all the merged
    ones (Django's gettext and JavaScriptCatalog.get_catalog both follow the fallbacks, down
    to LANGUAGE_CODE's catalogues, which this leaves out)."""

    def __init__(self, language, domain, localedirs=None):
        from django.utils.translation.trans_real import DjangoTranslation

        translation = DjangoTranslation(language, domain=domain, localedirs=localedirs)
        self.catalogs = [translation._catalog]  # noqa: SLF001 (what JavaScriptCatalog reads too)
        fallback = translation._fallback  # noqa: SLF001
        while fallback is not None and not isinstance(fallback, DjangoTranslation):
            self.catalogs.append(fallback._catalog)  # noqa: SLF001
            fallback = fallback._fallback  # noqa: SLF001

    def get(self, key):
        for catalog in self.catalogs:
            if key in catalog:
                return catalog[key]
        return None

    def lookup(self, message):
        """The translations (one, or one per plural form), or None."""
        msgid = message.msgid if message.context is None else f"{message.context}\x04{message.msgid}"
        if message.plural is None:
            text = self.get(msgid)
            return None if text is None else [text]
        forms = []
        while (text := self.get((msgid, len(forms)))) is not None:
            forms.append(text)
        return forms or None


def glued_placeholders(text):
    """{placeholder: (a letter right before it, a letter right after it)} of a text."""
    return {
        match.group(0): (
            bool(re.match(r"\w", text[match.start() - 1 : match.start()])),
            bool(re.match(r"\w", text[match.end() : match.end() + 1])),
        )
        for match in PLACEHOLDER.finditer(text)
    }


def flaws(language, message, texts):
    """What is wrong with the translations of a message, as short phrases."""
    from check_register import informal_words

    if not texts or not all(texts):
        return ["no translation"]
    problems = []
    sources = [message.msgid] if message.plural is None else [message.msgid, message.plural]
    expected = set(PLACEHOLDER.findall("".join(sources)))
    for text in texts:
        if text in sources:
            words = re.sub(r"<[^>]*>", "", PLACEHOLDER.sub("", text))
            if re.search(r"[^\W\d_]", words) and message.msgid not in SAME_AS_ENGLISH.get(language, set()):
                problems.append(f"English text {text!r}")
            continue
        found = set(PLACEHOLDER.findall(text))
        # A singular form may say "1" rather than "%(count)s".
        if found != expected and not (message.plural and found < expected):
            problems.append(f"placeholders changed: {text!r}")
        if (
            text[:1].isspace() != message.msgid[:1].isspace()
            or text[-1:].isspace() != message.msgid[-1:].isspace()
        ):
            problems.append(f"space lost or added at an end: {text!r}")
        source_glue = glued_placeholders(" ".join(sources))
        for placeholder, (before, after) in glued_placeholders(text).items():
            source_before, source_after = source_glue.get(placeholder, (True, True))
            if before and not source_before:
                problems.append(f"no space before {placeholder}: {text!r}")
            elif after and not source_after:
                problems.append(f"no space after {placeholder}: {text!r}")
        words = informal_words(language, text)
        if language in ADMIN_INFORMAL:
            words += ADMIN_INFORMAL[language].findall(PLACEHOLDER.sub(" ", text))
        if words:
            problems.append(f"informal ({', '.join(words)}): {text!r}")
    return problems


def override_entries(language, domain):
    path = OVERRIDE_DIR / language / "LC_MESSAGES" / f"{domain}.po"
    if not path.exists():
        return path, []
    return path, [entry for entry in polib.pofile(str(path)) if not entry.obsolete and entry.msgid]


def stub(message, texts):
    """A PO entry to paste into the override catalogue and translate."""
    entry = polib.POEntry(
        msgctxt=message.context,
        msgid=message.msgid,
        msgid_plural=message.plural or "",
        msgstr="",
        msgstr_plural={0: "", 1: ""} if message.plural else {},
        occurrences=[(message.where, "")],
        flags=["python-format"] if re.search(r"%\(\w+\)[sd]", message.msgid) else [],
        tcomment="now: " + (" | ".join(texts) if texts else "(no translation)"),
    )
    return str(entry)


# What makes a string of Wagtail's own catalogues fail the check (the other flaw, English text,
# is listed by --wagtail for a person to judge).
WAGTAIL_FAILURES = ("no translation", "placeholders changed", "no space before", "no space after")
# The languages in which a string of Wagtail that addresses the editor informally fails too:
# Wagtail's Dutch says "je" throughout, its German uses the du-form now and then ("Wähle",
# "Bearbeite"); admin_locale/ says "u" and "Sie" (Wagtail's French says "vous").
WAGTAIL_INFORMAL = {"nl", "de"}


def wagtail_failing(language, problems):
    """The flaws of a string of Wagtail that fail the check in a language."""
    failures = WAGTAIL_FAILURES + (("informal",) if language in WAGTAIL_INFORMAL else ())
    return [problem for problem in problems if problem.startswith(failures)]


def check(languages, stubs=False, wagtail=False):
    """The problems found, as lines of text (and the reports printed on the way)."""
    import wagtail as wagtail_package
    from django.conf import settings

    from portal.pages import admin_language

    problems = []
    locale_paths = [Path(path).resolve() for path in settings.LOCALE_PATHS]
    if OVERRIDE_DIR.resolve() not in locale_paths:
        problems.append(f"{OVERRIDE_DIR.relative_to(ROOT)} is not in settings.LOCALE_PATHS")
    elif locale_paths.index(OVERRIDE_DIR.resolve()) == 0:
        problems.append(f"{OVERRIDE_DIR.relative_to(ROOT)} should come after the project's locale/")

    package, sources = wagtail_localize_messages()
    # The portal's own admin strings, which only admin_locale/ translates.
    portal = {
        "django": {
            (None, msgid): Message(msgid, plural, where="portal/pages/admin_language.py")
            for msgid, plural in admin_language.STRINGS
        },
        "djangojs": portal_script_messages(),
    }
    catalogue_dirs = {
        "django": None,  # every installed app's, as the server reads them
        "djangojs": {  # the JavaScript catalogues of wagtail-localize's editor and Wagtail's admin
            "wagtail-localize": [str(package / "locale")],
            "wagtail": [str(Path(wagtail_package.__file__).parent / "admin" / "locale")],
        },
    }
    for language in languages:
        wagtail_strings = wagtail_catalogues(language)
        for domain in DOMAINS:
            dirs = catalogue_dirs[domain]
            localize_catalogue = Catalogue(language, domain, dirs and dirs["wagtail-localize"])
            wagtail_catalogue = Catalogue(language, domain, dirs and dirs["wagtail"])
            found = []

            messages = {**portal[domain], **sources[domain]}
            for message in messages.values():
                texts = localize_catalogue.lookup(message)
                for problem in flaws(language, message, texts):
                    found.append(f"{language} {domain}: {message.msgid!r} ({message.where}): {problem}")
                if stubs and flaws(language, message, texts):
                    print(stub(message, texts))

            review = []
            for (context, msgid), (english, _translated, app) in wagtail_strings[domain].items():
                where = english.occurrences[0][0] if english.occurrences else ""
                message = Message(msgid, english.msgid_plural or None, context, f"{app}: {where}")
                texts = wagtail_catalogue.lookup(message)
                problems_here = flaws(language, message, texts)
                failing = wagtail_failing(language, problems_here)
                for problem in failing:
                    if problem.startswith("informal"):
                        override = OVERRIDE_DIR / language / "LC_MESSAGES" / f"{domain}.po"
                        problem += f"; no formal override in {override.relative_to(ROOT)}"
                    found.append(f"{language} {domain}: {msgid!r} ({message.where}): {problem}")
                if stubs and failing:
                    print(stub(message, texts))
                review += [f"{language} {domain}: {msgid!r} ({message.where}): {p}" for p in problems_here]
            if wagtail:
                print(f"--- {language} {domain}: Wagtail's strings to review ({len(review)})")
                print("\n".join(review))

            # The override catalogue itself.
            path, entries = override_entries(language, domain)
            known = set(messages) | set(wagtail_strings[domain])
            for entry in entries:
                label = f"{path.relative_to(ROOT)}: {entry.msgid!r}"
                if (entry.msgctxt, entry.msgid) not in known:
                    found.append(f"{label}: not a string of wagtail-localize, Wagtail or the portal any more")
                message = Message(entry.msgid, entry.msgid_plural or None, entry.msgctxt)
                texts = [entry.msgstr] if not entry.msgid_plural else list(entry.msgstr_plural.values())
                if "fuzzy" in entry.flags:
                    texts = []
                found += [f"{label}: {problem}" for problem in flaws(language, message, texts)]
            print(
                f"{language} {domain}: {len(messages)} strings of wagtail-localize and the portal, "
                f"{len(wagtail_strings[domain])} of Wagtail; {len(entries)} overridden; {len(found)} problems"
            )
            problems += found
    return problems


def main(argv):
    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(ROOT / "scripts"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")
    import django

    django.setup()
    languages = [arg for arg in argv if not arg.startswith("--")] or ["fr", "nl", "de"]
    problems = check(languages, stubs="--stubs" in argv, wagtail="--wagtail" in argv)
    for problem in problems:
        print(problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
