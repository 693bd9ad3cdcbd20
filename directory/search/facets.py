"""Facet labels and options shared by every search backend."""

from django.utils.translation import get_language, gettext

from directory.models import Experience
from portal.places.models import Municipality, Province, Region
from portal.taxonomy.models import Language, Profession, Sector

from .base import FACETS, FacetOption

# Reference data, cached per process (cleared when it changes, see signals).
_CACHE = {}


def clear_facet_options(**kwargs):
    _CACHE.clear()


def reference_ids(name):
    """{code: id} of a kind of reference data."""
    if name not in _CACHE:
        model, code = {
            "sector": (Sector, "slug"),
            "profession": (Profession, "slug"),
            "language": (Language, "code"),
            "region": (Region, "refnis"),
            "province": (Province, "refnis"),
            "municipality": (Municipality, "refnis"),
        }[name]
        _CACHE[name] = dict(model.objects.values_list(code, "id"))
    return _CACHE[name]


def facet_options(name):
    """(value, label) of a facet's options in the active language, in display order."""
    if name == "experience":
        return [(value, str(label)) for value, label in Experience.choices]
    if name == "mentor":
        return [("true", gettext("Open to mentoring"))]
    key = ("options", name, get_language())
    if key not in _CACHE:
        if name == "sector":
            options = [(s.slug, s.name) for s in Sector.objects.all()]
        elif name == "profession":
            options = sorted(
                ((p.slug, p.name) for p in Profession.objects.all()), key=lambda o: o[1].casefold()
            )
        elif name == "language":
            options = [(lang.code, lang.name) for lang in Language.objects.all()]
        elif name == "region":
            options = [(r.refnis, r.name) for r in Region.objects.all()]
        else:
            options = [(p.refnis, p.name) for p in Province.objects.all()]
        _CACHE[key] = options
    return _CACHE[key]


def option_list(name, counts, query):
    """The options of a facet that are in use (or selected), with their counts.

    `counts` maps option values ("photography", "03000", "true"…) to numbers of profiles.
    """
    selected = getattr(query, FACETS[name])
    if isinstance(selected, bool):
        chosen = {str(selected).lower()}
    elif isinstance(selected, tuple):
        chosen = set(selected)
    else:
        chosen = {selected} if selected else set()
    return [
        FacetOption(value=value, label=label, count=counts.get(value, 0), selected=value in chosen)
        for value, label in facet_options(name)
        if counts.get(value, 0) or value in chosen
    ]
