"""Compile locale/*/LC_MESSAGES/django.po into .mo files.

Uses polib (installed with wagtail-localize) so that `make run` works on a machine
without GNU gettext; `make test` also runs Django's compilemessages, which uses msgfmt.
"""

from pathlib import Path

import polib

for po_path in sorted(Path(__file__).resolve().parent.parent.glob("locale/*/LC_MESSAGES/*.po")):
    polib.pofile(str(po_path)).save_as_mofile(str(po_path.with_suffix(".mo")))
    print(f"compiled {po_path.parent.parent.name}")
