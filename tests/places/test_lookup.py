import pytest

from portal.places import lookup
from portal.places.models import Municipality


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("62063", "62063"),  # a REFNIS code
        ("4000", "4000"),  # a postcode
        ("Liège", "62063"),
        ("Luik", "62063"),  # the same place in Dutch
        ("  lüttich ", "62063"),  # German, any case and spacing
        ("Brussels", "21004"),  # English exonym
        ("99999", None),
        ("123", None),
        ("Atlantis", None),
        ("", None),
        ("4000 Liège", "62063"),  # what the suggestions offer: postcode and name
        ("1050 Elsene", "21009"),  # a shared postcode (Brussels and Ixelles), named in Dutch
        ("1050 Bruxelles", "21004"),
        ("4000 Namur", None),  # a name that is not at that postcode
    ],
)
def test_resolve_turns_what_people_type_into_a_place_code(db, typed, code):
    assert lookup.resolve(typed) == code


def test_origin_distance_and_radius(db):
    liege = lookup.origin("62063")
    assert liege == lookup.origin("62063") and lookup.origin("Liège") is None
    nearby = lookup.municipalities_within(*liege, 10)
    seraing = Municipality.objects.get(refnis="62096")
    assert seraing.pk in nearby and lookup.distance(*liege, seraing) == pytest.approx(nearby[seraing.pk])


def test_suggest_matches_names_in_every_language_and_postcodes(db):
    assert ("62063", "Liège") in lookup.suggest("luik")
    assert all(code.startswith("40") for code, _label in lookup.suggest("40"))
