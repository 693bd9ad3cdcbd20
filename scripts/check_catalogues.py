"""Fail when a catalogue has an untranslated, fuzzy or missing entry.

Checks locale/<language>/ and the formal translations of django-allauth's strings in
portal/accounts/allauth_locale/<language>/ (scripts/check_register.py checks their register).
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
        path = Path(directory) / language / "LC_MESSAGES" / "django.po"
        label = language if str(relative) == "locale" else f"{relative}/{language}"
        if not path.exists():
            print(f"{label}: {path} is missing")
            problems += 1
            continue
        po = polib.pofile(str(path))
        for entry in po.untranslated_entries():
            print(f"{label}: untranslated: {entry.msgid!r}")
            problems += 1
        for entry in po.fuzzy_entries():
            print(f"{label}: fuzzy: {entry.msgid!r}")
            problems += 1
        print(f"{label}: {len(po.translated_entries())} entries, {po.percent_translated()}% translated")
sys.exit(1 if problems else 0)
