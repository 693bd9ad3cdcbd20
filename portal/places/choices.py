"""Places as filter options: (code, name in the active language), cached in every worker and
reloaded everywhere when they change (portal.search.reference)."""

from django.utils.translation import get_language

from portal.places.models import Municipality, PostalCode, Province, Region
from portal.search.reference import reference_cache
from portal.search.text import fold


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
