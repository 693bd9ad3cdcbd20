"""Text folding shared by indexing and querying: lower case, no accents, no punctuation."""

import codecs
import unicodedata
from collections import Counter

# Indexing folds every profile's whole text, so fold() works on bytes (C speed) rather than
# character by character in Python; tests/search/test_text.py checks it against the plain
# definition: NFKD, combining marks dropped, ß/œ/æ spelt out, words of [0-9a-z] kept.
_WORD_BYTES = b"0123456789abcdefghijklmnopqrstuvwxyz"
# Every byte but a-z and 0-9 becomes a space (a word separator).
_SEPARATORS = bytes(byte if byte in _WORD_BYTES else 0x20 for byte in range(256))


def _drop_marks(error):
    """Codec error handler for the non-ASCII characters left after NFKD: combining marks (the
    accent of a decomposed é) vanish, anything else separates words."""
    chunk = error.object[error.start : error.end]
    return "".join(["" if unicodedata.combining(ch) else " " for ch in chunk]), error.end


codecs.register_error("portal-search-fold", _drop_marks)


def fold(value):
    """'Liège-Luik' -> 'liege luik'."""
    if not value:
        return ""
    text = str(value)
    if text.isascii():
        # Nothing to decompose: lower() is casefold() on ASCII.
        data = text.lower().encode("ascii")
    else:
        decomposed = unicodedata.normalize("NFKD", text.casefold())
        data = (
            decomposed.replace("ß", "ss")
            .replace("œ", "oe")
            .replace("æ", "ae")
            .encode("ascii", "portal-search-fold")
        )
    return b" ".join(data.translate(_SEPARATORS).split()).decode("ascii")


def labels_starting_with(folded, label_lists, limit):
    """The labels that start with `folded` (typed text, folded), the most frequent first among
    these documents' labels: what both backends suggest as you type."""
    found = Counter(
        label for labels in label_lists for label in labels if label and fold(label).startswith(folded)
    )
    return [label for label, _n in found.most_common(limit)]


def tokens(value, limit=12):
    return fold(value).split()[:limit]
