"""Finding places: codes to coordinates, what people type to a REFNIS code, distances."""

import re
from functools import lru_cache

from portal.places.geo import haversine_km
from portal.places.models import Municipality, PostalCode
from portal.search.text import fold


@lru_cache(maxsize=1)
def _municipality_points():
    # Reference data never changes while the process runs: read it once.
    return tuple(Municipality.objects.values_list("id", "refnis", "latitude", "longitude"))


def origin(code):
    """(latitude, longitude) of a REFNIS code or a postcode, or None."""
    code = (code or "").strip()
    if not code.isdigit():
        return None
    if len(code) == 5:
        point = Municipality.objects.filter(refnis=code).values_list("latitude", "longitude").first()
        if point:
            return point
    if len(code) == 4:
        point = PostalCode.objects.filter(code=code).values_list("latitude", "longitude").first()
        if point:
            return point
    return None


POSTCODE_AND_NAME = re.compile(r"^(\d{4})\s+(\D.*)$")


def resolve(text):
    """The code of the place someone typed: a REFNIS code or postcode that exists (returned
    as given), the REFNIS code of the municipality with that exact name in any language, or,
    for "1050 Ixelles" (what the place suggestions offer), the municipality of that postcode
    with that name. None when the place is unknown."""
    value = (text or "").strip()
    if not value:
        return None
    if value.isdigit():
        return value if len(value) in (4, 5) and origin(value) else None
    both = POSTCODE_AND_NAME.match(value)
    if both:
        code, name = both.group(1), fold(both.group(2))
        for postcode in PostalCode.objects.filter(code=code).select_related("municipality"):
            if name in postcode.municipality.search_names.split("|"):
                return postcode.municipality.refnis
        return None
    folded = fold(value)
    for municipality in Municipality.objects.filter(search_names__contains=folded):
        if folded in municipality.search_names.split("|"):
            return municipality.refnis
    return None


def municipalities_within(lat, lon, radius_km):
    """{municipality id: distance in km} for the municipalities within the radius."""
    found = {}
    for pk, _refnis, mlat, mlon in _municipality_points():
        distance = haversine_km(lat, lon, mlat, mlon)
        if distance <= radius_km:
            found[pk] = distance
    return found


def distance(lat, lon, municipality):
    """km from a point to a municipality's centre."""
    return haversine_km(lat, lon, municipality.latitude, municipality.longitude)


def suggest(text, limit=8):
    """(code, label) of the municipalities whose name (in any language) or postcode starts
    with the text."""
    folded = fold(text)
    if not folded:
        return []
    if folded.isdigit():
        codes = PostalCode.objects.filter(code__startswith=folded).select_related("municipality")[:limit]
        return [(p.code, f"{p.code} {p.municipality.name}") for p in codes]
    matches = Municipality.objects.filter(search_names__contains=folded).order_by("name")[: limit * 4]
    starts = [m for m in matches if any(w.startswith(folded) for w in m.search_names.split("|"))]
    chosen = (starts or list(matches))[:limit]
    return [(m.refnis, m.name) for m in chosen]


def place_synonyms():
    """Liège, Luik, Lüttich, liege…: every municipality's names as one synonym rule (for the
    search engine's place-name analyzer)."""
    rules = set()
    for names in Municipality.objects.values_list("search_names", flat=True):
        words = sorted({n for n in names.split("|") if n and not n.isdigit() and " " not in n})
        if len(words) > 1:
            rules.add(", ".join(words))
    return sorted(rules)
