"""Sectors, professions and spoken languages as filter options: (code, name in the active
language), cached in every worker and reloaded everywhere when they change
(portal.search.reference)."""

from django.utils.translation import get_language

from portal.search.reference import reference_cache
from portal.search.text import fold
from portal.taxonomy.models import Language, Profession, Sector


def _cached(key, compute):
    return reference_cache.get((key, get_language()), compute)


def sectors():
    """In the taxonomy's own order (position)."""
    return _cached("sectors", lambda: [(s.slug, s.name) for s in Sector.objects.all()])


def professions():
    """Alphabetical in the active language, accents ignored (Ébéniste with the E's)."""
    return _cached(
        "professions",
        lambda: sorted(((p.slug, p.name) for p in Profession.objects.all()), key=lambda o: fold(o[1])),
    )


def languages():
    return _cached("languages", lambda: [(lang.code, lang.name) for lang in Language.objects.all()])
