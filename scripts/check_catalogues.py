"""Fail when a catalogue has an untranslated, fuzzy or missing entry.

Checks every directory of settings.LOCALE_PATHS: locale/<language>/, the formal translations
of django-allauth's strings in portal/accounts/allauth_locale/<language>/
(scripts/check_register.py checks their register) and the admin's strings in
portal/pages/admin_locale/<language>/ (scripts/check_admin_catalogues.py checks that they
cover wagtail-localize's and Wagtail's gaps). django.po must exist; djangojs.po is checked
where there is one.
"""

import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from portal.settings.base import LOCALE_PATHS  # noqa: E402  (the one list of catalogue directories)

problems = 0
for directory in LOCALE_PATHS:
    relative = Path(directory).relative_to(ROOT)
    for language in sys.argv[1:]:
        label = language if str(relative) == "locale" else f"{relative}/{language}"
        for domain in ("django", "djangojs"):
            path = Path(directory) / language / "LC_MESSAGES" / f"{domain}.po"
            if not path.exists():
                if domain == "django":
                    print(f"{label}: {path} is missing")
                    problems += 1
                continue
            name = label if domain == "django" else f"{label} ({domain})"
            po = polib.pofile(str(path))
            for entry in po.untranslated_entries():
                print(f"{name}: untranslated: {entry.msgid!r}")
                problems += 1
            for entry in po.fuzzy_entries():
                print(f"{name}: fuzzy: {entry.msgid!r}")
                problems += 1
            print(f"{name}: {len(po.translated_entries())} entries, {po.percent_translated()}% translated")
sys.exit(1 if problems else 0)
