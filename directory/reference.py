"""Loads the reference data in directory/data/ (see its README for sources and licences)."""

import csv
from pathlib import Path

from portal.search.text import fold

DATA = Path(__file__).resolve().parent / "data"
LANGS = ("fr", "nl", "de", "en")

# Languages members may say they speak: the country's three, then the most common others.
SPOKEN_LANGUAGES = [
    ("fr", "Français", "Frans", "Französisch", "French"),
    ("nl", "Néerlandais", "Nederlands", "Niederländisch", "Dutch"),
    ("de", "Allemand", "Duits", "Deutsch", "German"),
    ("en", "Anglais", "Engels", "Englisch", "English"),
    ("es", "Espagnol", "Spaans", "Spanisch", "Spanish"),
    ("it", "Italien", "Italiaans", "Italienisch", "Italian"),
    ("pt", "Portugais", "Portugees", "Portugiesisch", "Portuguese"),
    ("ar", "Arabe", "Arabisch", "Arabisch", "Arabic"),
    ("tr", "Turc", "Turks", "Türkisch", "Turkish"),
    ("pl", "Polonais", "Pools", "Polnisch", "Polish"),
    ("ro", "Roumain", "Roemeens", "Rumänisch", "Romanian"),
    ("ru", "Russe", "Russisch", "Russisch", "Russian"),
    ("uk", "Ukrainien", "Oekraïens", "Ukrainisch", "Ukrainian"),
    ("ln", "Lingala", "Lingala", "Lingala", "Lingala"),
    ("zh", "Chinois", "Chinees", "Chinesisch", "Chinese"),
    (
        "vgt",
        "Langue des signes flamande",
        "Vlaamse Gebarentaal",
        "Flämische Gebärdensprache",
        "Flemish Sign Language",
    ),
    (
        "lsfb",
        "Langue des signes de Belgique francophone",
        "Frans-Belgische Gebarentaal",
        "Französisch-belgische Gebärdensprache",
        "French Belgian Sign Language",
    ),
]


def _rows(name):
    with open(DATA / name, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def load_places(apps):
    Region = apps.get_model("directory", "Region")
    Province = apps.get_model("directory", "Province")
    Municipality = apps.get_model("directory", "Municipality")
    PostalCode = apps.get_model("directory", "PostalCode")

    municipalities = _rows("municipalities.csv")
    regions, provinces = {}, {}
    for row in municipalities:
        if row["region_refnis"] not in regions:
            names = {f"name_{c}": row[f"region_{c}"] for c in LANGS}
            regions[row["region_refnis"]], _ = Region.objects.update_or_create(
                refnis=row["region_refnis"], defaults={"name": row["region_fr"], **names}
            )
        if row["province_refnis"] and row["province_refnis"] not in provinces:
            names = {f"name_{c}": row[f"province_{c}"] for c in LANGS}
            provinces[row["province_refnis"]], _ = Province.objects.update_or_create(
                refnis=row["province_refnis"],
                defaults={"name": row["province_fr"], "region": regions[row["region_refnis"]], **names},
            )
    by_refnis = {}
    for row in municipalities:
        names = {f"name_{c}": row[f"name_{c}"] for c in LANGS}
        codes = [c for c in row["postal_codes"].split("|") if c]
        search_names = "|".join(sorted({fold(n) for n in names.values()} | set(codes)))
        by_refnis[row["refnis"]], _ = Municipality.objects.update_or_create(
            refnis=row["refnis"],
            defaults={
                "name": row["name_fr"],
                **names,
                "province": provinces.get(row["province_refnis"]),
                "region": regions[row["region_refnis"]],
                "latitude": float(row["latitude"]),
                "longitude": float(row["longitude"]),
                "search_names": search_names,
            },
        )
    for row in _rows("postcodes.csv"):
        municipality = by_refnis.get(row["refnis"])
        if municipality is None:
            continue
        PostalCode.objects.update_or_create(
            code=row["postal_code"],
            municipality=municipality,
            defaults={"latitude": float(row["latitude"]), "longitude": float(row["longitude"])},
        )


def load_taxonomy(apps):
    Sector = apps.get_model("directory", "Sector")
    Profession = apps.get_model("directory", "Profession")
    Language = apps.get_model("directory", "Language")
    sectors = {}
    for position, row in enumerate(_rows("sectors.csv")):
        names = {f"name_{c}": row[f"name_{c}"] for c in LANGS}
        sectors[row["slug"]], _ = Sector.objects.update_or_create(
            slug=row["slug"],
            defaults={
                "name": row["name_fr"],
                **names,
                "nace_codes": row["nace_codes"],
                "cpv_divisions": row["cpv_divisions"],
                "position": position,
            },
        )
    for row in _rows("professions.csv"):
        names = {f"name_{c}": row[f"name_{c}"] for c in LANGS}
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
