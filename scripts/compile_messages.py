"""Compile the project's catalogues into .mo files: locale/*/LC_MESSAGES/django.po, the
formal translations of django-allauth's strings in portal/accounts/allauth_locale/ and the
admin's strings in portal/pages/admin_locale/ (django.po and djangojs.po), all in
settings.LOCALE_PATHS.

Uses polib (installed with wagtail-localize) so that `make run` works on a machine
without GNU gettext; `make test` also runs Django's compilemessages, which uses msgfmt.
"""

import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from portal.settings.base import LOCALE_PATHS  # noqa: E402  (the one list of catalogue directories)

for directory in LOCALE_PATHS:
    for po_path in sorted(Path(directory).glob("*/LC_MESSAGES/*.po")):
        polib.pofile(str(po_path)).save_as_mofile(str(po_path.with_suffix(".mo")))
        print(f"compiled {po_path.relative_to(ROOT)}")
