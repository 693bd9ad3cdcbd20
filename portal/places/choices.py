"""Places as filter options: (code, name in the active language), cached in every worker and
reloaded everywhere when they change (portal.search.reference)."""

from django.utils.translation import get_language

from portal.places.models import Municipality, PostalCode, Province, Region
from portal.search.reference import reference_cache
from portal.search.text import fold
from portal.utils import language_codes


def _cached(key, compute, per_language=True):
    return reference_cache.get((key, get_language()) if per_language else key, compute)


def regions():
    return _cached("regions", lambda: [(r.refnis, r.name) for r in Region.objects.order_by("refnis")])


def provinces():
    return _cached(
        "provinces",
        lambda: sorted(((p.refnis, p.name) for p in Province.objects.all()), key=lambda o: fold(o[1])),
    )


def municipalities():
    return _cached(
        "municipalities",
        lambda: sorted(((m.refnis, m.name) for m in Municipality.objects.all()), key=lambda o: fold(o[1])),
    )


def postcodes():
    return _cached(
        "postcodes",
        lambda: [(c, c) for c in sorted(set(PostalCode.objects.values_list("code", flat=True)))],
        False,
    )


def province_regions():
    """{province REFNIS: region REFNIS}"""
    return _cached(
        "province-regions",
        lambda: dict(Province.objects.values_list("refnis", "region__refnis")),
        per_language=False,
    )


def municipality_provinces():
    """{municipality REFNIS: province REFNIS or None (Brussels)}"""
    return _cached(
        "municipality-provinces",
        lambda: dict(Municipality.objects.values_list("refnis", "province__refnis")),
        per_language=False,
    )


class Place:
    """What indexing needs of a municipality, read once per worker: codes, names in every
    language (municipality, province, region), postcodes and coordinates."""

    __slots__ = ("refnis", "province", "region", "names", "area_names", "postcodes", "point")

    def __init__(self, refnis, province, region, names, area_names, postcodes, point):
        self.refnis, self.province, self.region = refnis, province, region
        self.names, self.area_names, self.postcodes, self.point = names, area_names, postcodes, point


def _places():
    langs = language_codes()
    codes = {}
    for municipality_id, code in PostalCode.objects.values_list("municipality_id", "code"):
        codes.setdefault(municipality_id, []).append(code)
    found = {}
    for m in Municipality.objects.select_related("province", "region"):
        names = [getattr(m, f"name_{c}") for c in langs]
        area = [getattr(m.province, f"name_{c}") for c in langs] if m.province_id else []
        area += [getattr(m.region, f"name_{c}") for c in langs]
        found[m.pk] = Place(
            m.refnis,
            m.province.refnis if m.province_id else None,
            m.region.refnis,
            names,
            area,
            sorted(codes.get(m.pk, [])),
            (m.latitude, m.longitude),
        )
    return found


def places_by_id():
    """{municipality id: Place}"""
    return _cached("places-by-id", _places, per_language=False)


def region_ids():
    """{REFNIS: id}: what the database search index stores."""
    return _cached("region-ids", lambda: dict(Region.objects.values_list("refnis", "pk")), per_language=False)


def province_ids():
    return _cached(
        "province-ids", lambda: dict(Province.objects.values_list("refnis", "pk")), per_language=False
    )
