"""Loads the taxonomy in data/ and languages.py (see data/README.md for sources); run by a
migration, with the historical models it is given."""

from pathlib import Path

from portal.taxonomy.languages import SPOKEN_LANGUAGES
from portal.utils import language_codes, read_csv

DATA = Path(__file__).resolve().parent / "data"
LANGS = language_codes()


def _rows(name):
    return read_csv(DATA / name)


def load_taxonomy(apps):
    Sector = apps.get_model("taxonomy", "Sector")
    Profession = apps.get_model("taxonomy", "Profession")
    Language = apps.get_model("taxonomy", "Language")
    sectors = {}
    # Migration 0002's model had 2-digit CPV divisions; 0004 replaced them with prefixes.
    has_prefixes = any(f.name == "cpv_prefixes" for f in Sector._meta.get_fields())
    for position, row in enumerate(_rows("sectors.csv")):
        names = {f"name_{c}": row[f"name_{c}"] for c in LANGS}
        sectors[row["slug"]], _ = Sector.objects.update_or_create(
            slug=row["slug"],
            defaults={
                "name": row["name_fr"],
                **names,
                "nace_codes": row["nace_codes"],
                **(
                    {"cpv_prefixes": row["cpv_prefixes"]}
                    if has_prefixes
                    else {
                        "cpv_divisions": "|".join(
                            sorted({p[:2] for p in row["cpv_prefixes"].split("|") if p})
                        )
                    }
                ),
                "position": position,
            },
        )
    for row in _rows("professions.csv"):
        names = {f"name_{c}": row[f"name_{c}"] for c in LANGS}
        # The feminine and neutral forms came with migration 0003 (older migrations' models
        # do not have them).
        field_names = {f.name for f in Profession._meta.get_fields()}
        for form in ("feminine", "neutral"):
            if f"{form}_fr" in field_names:
                names.update({f"{form}_{c}": row.get(f"{form}_{c}", "") for c in LANGS})
                names[form] = row.get(f"{form}_fr", "")
        Profession.objects.update_or_create(
            slug=row["slug"], defaults={"name": row["name_fr"], **names, "sector": sectors[row["sector"]]}
        )
    for position, (code, *names) in enumerate(SPOKEN_LANGUAGES):
        Language.objects.update_or_create(
            code=code,
            defaults={
                "name": names[0],
                "position": position,
                **{f"name_{c}": n for c, n in zip(LANGS, names, strict=True)},
            },
        )
