"""Text folding shared by indexing and querying: lower case, no accents, no punctuation."""

import re
import unicodedata

_WORD = re.compile(r"[0-9a-z]+")


def fold(value):
    """'Liège-Luik' -> 'liege luik'."""
    if not value:
        return ""
    decomposed = unicodedata.normalize("NFKD", str(value).casefold())
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(_WORD.findall(plain.replace("ß", "ss").replace("œ", "oe").replace("æ", "ae")))


def tokens(value, limit=12):
    return fold(value).split()[:limit]
