import csv
import unicodedata

from django.conf import settings

MAX_QUERY_LENGTH = 200


def clean_query(value):
    """A search string safe for every backend: no control characters, bounded length."""
    if not isinstance(value, str):
        return ""
    cleaned = "".join(ch for ch in value if unicodedata.category(ch)[0] != "C" or ch == " ")
    if cleaned.count('"') % 2:
        # An unbalanced quote breaks phrase parsing in some engines (SQLite FTS5).
        cleaned = cleaned.replace('"', " ")
    return " ".join(cleaned.split())[:MAX_QUERY_LENGTH]


def language_codes():
    """The site's languages, in order: the one list every part reads (settings.LANGUAGES)."""
    return [code for code, _name in settings.LANGUAGES]


def read_csv(path):
    """The rows of a UTF-8 CSV file with a header, as dicts (reference data files)."""
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))
