"""From the codes notices use to the portal's own: CPV codes to the shared sectors (through each
sector's CPV code prefixes, portal.taxonomy), NUTS codes to regions and provinces (data/nuts_be.csv),
and CPV labels in the visitor's language (data/cpv_2008.csv). See data/README.md."""

import csv
from functools import cache
from pathlib import Path

from django.utils.translation import get_language

from portal.search.reference import reference_cache

DATA = Path(__file__).resolve().parent / "data"
ALL_REGIONS = ("02000", "03000", "04000")


@cache
def _cpv_rows():
    with open(DATA / "cpv_2008.csv", encoding="utf-8") as f:
        return {row["code"]: row for row in csv.DictReader(f)}


def cpv_label(code, language=None):
    """The CPV code's label in the language (English when it has none), or ""."""
    row = _cpv_rows().get(code)
    if row is None:
        return ""
    language = (language or get_language() or "en")[:2]
    return row.get(f"label_{language}") or row["label_en"]


def cpv_known(code):
    return code in _cpv_rows()


@cache
def _nuts_rows():
    with open(DATA / "nuts_be.csv", encoding="utf-8") as f:
        return {row["code"]: row for row in csv.DictReader(f)}


def places_of(nuts_codes):
    """({region REFNIS}, {province REFNIS}) of these NUTS codes. Belgium as a whole (BE) is
    every region; codes of other countries give nothing."""
    regions, provinces = set(), set()
    for code in nuts_codes:
        code = code.strip().upper()
        if code == "BE":
            regions.update(ALL_REGIONS)
            continue
        # A finer code than the list knows (BE2411) reads as its nearest known parent.
        while code and code not in _nuts_rows():
            code = code[:-1]
        row = _nuts_rows().get(code)
        if row is None or len(code) < 2:
            continue
        if row["region_refnis"]:
            regions.add(row["region_refnis"])
        if row["province_refnis"]:
            provinces.add(row["province_refnis"])
    return regions, provinces


def _sector_prefixes():
    from portal.taxonomy.models import Sector

    return reference_cache.get(
        "calls-sector-prefixes",
        lambda: [(sector.pk, tuple(sector.cpv_list())) for sector in Sector.objects.all()],
    )


def _significant(code):
    """A CPV code without its check digit and trailing zeros, keeping the 2-digit division:
    79961000-8 -> 79961, 92300000 -> 923, 80000000 -> 80."""
    digits = code.partition("-")[0][:8]
    return digits[:2] + digits[2:].rstrip("0")


def sectors_of(cpv_codes):
    """The ids of the shared sectors a notice's CPV codes belong to: a code under one of the
    sector's prefixes (79961000 under 7996, photography), or broader than one (92300000,
    entertainment services, covers the performing arts' 9234)."""
    codes = {_significant(code) for code in cpv_codes if len(code) >= 2}
    return {
        pk
        for pk, prefixes in _sector_prefixes()
        if any(code.startswith(p) or p.startswith(code) for code in codes for p in prefixes)
    }
