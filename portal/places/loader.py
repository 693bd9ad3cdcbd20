"""Loads the place data in data/ (see data/README.md for sources and licences); run by a
migration, with the historical models it is given."""

from pathlib import Path

from portal.search.text import fold
from portal.utils import language_codes, read_csv

DATA = Path(__file__).resolve().parent / "data"
LANGS = language_codes()


def _rows(name):
    return read_csv(DATA / name)


def load_places(apps):
    Region = apps.get_model("places", "Region")
    Province = apps.get_model("places", "Province")
    Municipality = apps.get_model("places", "Municipality")
    PostalCode = apps.get_model("places", "PostalCode")

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
