"""Fail when a catalogue has an untranslated, fuzzy or missing entry."""

import sys
from pathlib import Path

import polib

root = Path(__file__).resolve().parent.parent / "locale"
problems = 0
for language in sys.argv[1:]:
    path = root / language / "LC_MESSAGES" / "django.po"
    if not path.exists():
        print(f"{language}: {path} is missing")
        problems += 1
        continue
    po = polib.pofile(str(path))
    for entry in po.untranslated_entries():
        print(f"{language}: untranslated: {entry.msgid!r}")
        problems += 1
    for entry in po.fuzzy_entries():
        print(f"{language}: fuzzy: {entry.msgid!r}")
        problems += 1
    print(f"{language}: {len(po.translated_entries())} entries, {po.percent_translated()}% translated")
sys.exit(1 if problems else 0)
