"""Place lookups: codes to coordinates, distances, and matching what people type."""

from functools import lru_cache

from directory.models import Municipality, PostalCode
from directory.search.base import haversine_km
from portal.search.text import fold


@lru_cache(maxsize=1)
def _municipality_points():
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


def municipalities_within(lat, lon, radius_km):
    """{municipality id: distance in km} for the municipalities within the radius."""
    found = {}
    for pk, _refnis, mlat, mlon in _municipality_points():
        distance = haversine_km(lat, lon, mlat, mlon)
        if distance <= radius_km:
            found[pk] = distance
    return found


def distance_to(lat, lon, municipality):
    return haversine_km(lat, lon, municipality.latitude, municipality.longitude)


def suggest(text, limit=8):
    """Municipalities whose name (in any language) or postcode starts with the text."""
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
