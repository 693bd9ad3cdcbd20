"""fold() works on bytes for speed (indexing folds every profile's text): it must give what
the plain definition gives, character by character."""

import random
import re
import unicodedata

import pytest

from portal.search.text import fold, tokens

_WORD = re.compile(r"[0-9a-z]+")


def reference_fold(value):
    """The definition: NFKD of the case-folded text, combining marks dropped, ß/œ/æ spelt out,
    words of [0-9a-z] joined by single spaces."""
    if not value:
        return ""
    decomposed = unicodedata.normalize("NFKD", str(value).casefold())
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(_WORD.findall(plain.replace("ß", "ss").replace("œ", "oe").replace("æ", "ae")))


@pytest.mark.parametrize(
    "value, folded",
    [
        ("Liège-Luik", "liege luik"),
        ("L’Œuvre de Straße", "l oeuvre de strasse"),
        ("ÆTHER  ﬁn ①", "aether fin 1"),
        ("Ĳssel—Zürich", "ijssel zurich"),
        ("  ", ""),
        ("", ""),
        (None, ""),
        (0, ""),
        (1830, "1830"),
    ],
)
def test_fold_examples(value, folded):
    assert fold(value) == folded == reference_fold(value)


def test_fold_matches_the_definition_for_every_character():
    # Each code point between letters and after an accented letter: combining marks must join
    # the letters around them, every other non-word character separate them. Checked in blocks
    # (the pieces are separated by spaces, which nothing crosses) to keep the test quick.
    for start in range(0, 0x110000, 4096):
        pieces = [f"a{chr(c)}b É{chr(c)}\u0301z" for c in range(start, start + 4096)]
        text = " ".join(pieces)
        if fold(text) != reference_fold(text):
            for piece in pieces:
                assert fold(piece) == reference_fold(piece), piece


def test_fold_matches_the_definition_on_random_text():
    rng = random.Random(13)
    alphabet = [chr(c) for c in range(0x3000)] + [chr(c) for c in range(0x1D160, 0x1D250)]
    alphabet += list("aeiouAEIOU éèêëàçœæßÉ’—-") * 20
    for _ in range(5000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 40)))
        assert fold(text) == reference_fold(text), text


def test_tokens_are_the_folded_words():
    assert tokens("Photographe à Liège, Belgique", limit=3) == ["photographe", "a", "liege"]
