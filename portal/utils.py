import unicodedata

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
