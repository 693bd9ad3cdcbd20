"""Sectors, professions and spoken languages as filter options: (code, name in the active
language), cached in every worker and reloaded everywhere when they change
(portal.search.reference)."""

from django.utils.translation import get_language

from portal.search.reference import reference_cache
from portal.search.text import fold
from portal.taxonomy.models import Language, Profession, Sector
from portal.utils import language_codes


def _cached(key, compute):
    return reference_cache.get((key, get_language()), compute)


def language_name(code):
    """A language's name in the active language ("néerlandais", "Dutch"), from the spoken
    languages' list, else Django's; its code when neither knows it."""
    from django.utils.translation import get_language_info

    name = dict(languages()).get(code)
    if name:
        return name
    try:
        return str(get_language_info(code)["name_translated"])
    except KeyError:
        return (code or "").upper()


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


def _named(model, code_field):
    langs = language_codes()
    return {
        obj.pk: (getattr(obj, code_field), [getattr(obj, f"name_{c}") for c in langs])
        for obj in model.objects.all()
    }


def sectors_by_id():
    """{sector id: (slug, names in every language)}, for indexing."""
    return reference_cache.get("sectors-by-id", lambda: _named(Sector, "slug"))


def professions_by_id():
    """{profession id: (slug, names in every language)}, for indexing."""
    return reference_cache.get("professions-by-id", lambda: _named(Profession, "slug"))


def profession_titles_by_id():
    """{profession id: {language code: every form of its title}}, for the search box."""
    return reference_cache.get(
        "profession-titles-by-id", lambda: {p.pk: p.all_titles() for p in Profession.objects.all()}
    )


def languages_by_id():
    """{language id: (code, names in every language)}, for indexing."""
    return reference_cache.get("languages-by-id", lambda: _named(Language, "code"))


def _ids(model, code_field):
    return reference_cache.get(
        f"ids-{model.__name__}", lambda: dict(model.objects.values_list(code_field, "pk"))
    )


def sector_ids():
    """{slug: id}: what the database search index stores."""
    return _ids(Sector, "slug")


def profession_ids():
    return _ids(Profession, "slug")


def language_ids():
    return _ids(Language, "code")
