"""Benchmark of the calls watch: import 10,000 notices, then match them against 20,000 alerts.

    .venv/bin/python bench/run_calls.py [--notices 10000] [--alerts 20000] [--search-url URL]

Each backend runs in a process of its own on a fresh SQLite database (bench/.data/calls-*.sqlite3):
`database` (the alerts as bitsets, keywords through the database text index) and, with
--search-url, `opensearch` (the calls indexed in OpenSearch, the alerts' distinct keyword
strings stored as percolator queries). The notices are synthetic TED Search API notices (one
in five with CPV codes of the creative sectors, the others medical, transport, food…; Belgian
NUTS codes; titles in two languages); the alerts are like
those built from members' profiles (one or two sectors, most often a region, often a kind or a
level, now and then a keyword). Timed: the import (`calls.importing.import_notices`, search
index included), storing the keywords' percolator queries (OpenSearch), and matching every new
call against every alert (`calls.alerts.match_new_calls`). Figures go to
bench/results/calls-import-matching.{md,json}. Targets on the 2-core machines: import under
30 s, matching under 10 s.
"""

import argparse
import datetime
import json
import os
import platform
import random
import subprocess
import sys
import time

from common import DATA_DIR, RESULTS_DIR, ROOT

TARGET_IMPORT_S, TARGET_MATCH_S = 30, 10
CPV = [
    "79961000", "79822500", "79341400", "92111000", "92312000", "79530000", "72413000",
    "92521000", "79956000", "71220000", "80500000", "92300000", "79340000", "22100000",
]  # fmt: skip
# Most public tenders are not creative work (medical supplies, transport, food, office
# equipment, financial services): their CPV divisions map to no sector of the cooperative's.
OTHER_CPV = ["33100000", "34100000", "15800000", "30200000", "60100000", "66100000", "09100000", "64100000"]
CREATIVE_SHARE = 0.2
NUTS = [
    "BE100",
    "BE211",
    "BE234",
    "BE242",
    "BE251",
    "BE310",
    "BE32B",
    "BE332",
    "BE336",
    "BE352",
    "BE2",
    "BE3",
    "BE",
]
WORDS_FR = ["affiche", "festival", "exposition", "reportage", "traduction", "site", "vidéo", "scénographie"]
WORDS_NL = [
    "affiche",
    "festival",
    "tentoonstelling",
    "reportage",
    "vertaling",
    "website",
    "video",
    "scenografie",
]


def notices(count, seed=7):
    from decimal import Decimal

    from calls.importers.notice import Lot, Notice

    rng = random.Random(seed)
    now = datetime.datetime.now(datetime.UTC).replace(microsecond=0)
    found = []
    for i in range(count):
        word = rng.randrange(len(WORDS_FR))
        deadline = now + datetime.timedelta(days=rng.randint(3, 90), hours=rng.randint(0, 23))
        pool = CPV if rng.random() < CREATIVE_SHARE else OTHER_CPV
        cpv = rng.sample(pool, rng.randint(1, 2))
        number = f"{i + 1:08d}-2026"
        found.append(
            Notice(
                source_kind="ted-api",
                source_id=number,
                publication_number=number,
                procedure_id=f"bench-{i}",
                notice_type="cn-standard",
                form="cn",
                title={
                    "fr": f"Marché {i} : {WORDS_FR[word]} et services",
                    "nl": f"Opdracht {i}: {WORDS_NL[word]}",
                },
                summary={"fr": f"Prestations de {WORDS_FR[word]} pour un pouvoir public ({i})."},
                original_language="fr",
                buyer_name=f"Pouvoir adjudicateur {i % 400}",
                buyer_country="BEL",
                nuts_codes=[rng.choice(NUTS)],
                cpv_codes=cpv,
                estimated_value=Decimal(rng.randrange(5_000, 2_000_000, 500)),
                currency="EUR",
                procedure_type=rng.choice(["open", "restricted", "neg-w-call"]),
                lots=[Lot("LOT-0001", {"fr": "Lot unique"}, cpv, deadline)],
                publication_date=now.date(),
                deadline=deadline,
                deadline_timezone="+01:00",
                url=f"https://ted.europa.eu/en/notice/-/detail/{number}",
            )
        )
    return found


def make_alerts(count, seed=11):
    """`count` alerts over count/10 members, written in bulk (as a site that grew would have)."""
    from django.contrib.auth import get_user_model

    from calls.models import Frequency, Kind, Level, SavedSearch
    from portal.places.models import Region
    from portal.taxonomy.models import Sector

    rng = random.Random(seed)
    User = get_user_model()
    members = count // 10 or 1
    User.objects.bulk_create(
        [User(email=f"bench{i}@example.org", password="!") for i in range(members)], batch_size=2000
    )
    users = list(User.objects.filter(email__startswith="bench").values_list("pk", flat=True))
    sectors = list(Sector.objects.values_list("pk", flat=True))
    regions = list(Region.objects.values_list("pk", flat=True))
    alerts = []
    for i in range(count):
        alerts.append(
            SavedSearch(
                user_id=users[i % len(users)],
                name=f"Alert {i}",
                keywords=rng.choice(WORDS_FR + WORDS_NL) if rng.random() < 0.15 else "",
                kinds="|".join(rng.sample([k for k, _l in Kind.choices], 1)) if rng.random() < 0.5 else "",
                levels="|".join(rng.sample([k for k, _l in Level.choices], 2)) if rng.random() < 0.3 else "",
                frequency=rng.choice([f for f, _l in Frequency.choices]),
            )
        )
    SavedSearch.objects.bulk_create(alerts, batch_size=2000)
    ids = list(SavedSearch.objects.values_list("pk", flat=True))
    sector_links, region_links = [], []
    for pk in ids:
        # As from a member's profile: one or two sectors and, most often, their region.
        for sector in rng.sample(sectors, rng.randint(1, 2)):
            sector_links.append(SavedSearch.sectors.through(savedsearch_id=pk, sector_id=sector))
        if rng.random() < 0.9:
            region_links.append(SavedSearch.regions.through(savedsearch_id=pk, region_id=rng.choice(regions)))
    SavedSearch.sectors.through.objects.bulk_create(sector_links, batch_size=5000)
    SavedSearch.regions.through.objects.bulk_create(region_links, batch_size=5000)
    return len(ids)


def run_mode(mode, count, alerts_count, search_url):
    """One backend, in this process: returns its figures."""
    DATA_DIR.mkdir(exist_ok=True)
    database = DATA_DIR / f"calls-{mode}.sqlite3"
    database.unlink(missing_ok=True)
    os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")
    os.environ["SEARCH_URL"] = search_url if mode == "opensearch" else ""
    os.environ["SEARCH_INDEX_PREFIX"] = f"bench-calls-{os.getpid()}"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from calls.alerts import match_new_calls, sync_percolator
    from calls.documents import CALLS
    from calls.importing import import_notices
    from calls.models import Call, Match
    from portal import search

    search.install(CALLS)
    batch = notices(count)
    began = time.perf_counter()
    run = import_notices(batch, kind="ted-api", origin="bench")
    import_s = time.perf_counter() - began
    figures = {"mode": mode, "notices": count, "created": run.created, "import_s": round(import_s, 2)}

    began = time.perf_counter()
    figures["alerts"] = make_alerts(alerts_count)
    figures["alerts_written_s"] = round(time.perf_counter() - began, 2)
    if mode == "opensearch":
        from portal.search.opensearch import client

        began = time.perf_counter()
        sync_percolator(client())
        figures["percolator_stored_s"] = round(time.perf_counter() - began, 2)
    ids = list(Call.objects.values_list("pk", flat=True))
    began = time.perf_counter()
    match_new_calls(ids)
    figures["match_s"] = round(time.perf_counter() - began, 2)
    figures["matches"] = Match.objects.count()
    if mode == "opensearch":
        from portal.search.opensearch import client

        client().indices.delete(index=f"{os.environ['SEARCH_INDEX_PREFIX']}-*", ignore_unavailable=True)
    return figures


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--notices", type=int, default=10_000)
    parser.add_argument("--alerts", type=int, default=20_000)
    parser.add_argument("--search-url", default="")
    parser.add_argument("--mode", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.mode:
        print(json.dumps(run_mode(args.mode, args.notices, args.alerts, args.search_url)))
        return 0
    modes = ["database"] + (["opensearch"] if args.search_url else [])
    results = []
    for mode in modes:
        print(f"{mode}: importing {args.notices} notices, matching against {args.alerts} alerts…", flush=True)
        done = subprocess.run(
            [
                sys.executable,
                __file__,
                "--mode",
                mode,
                "--notices",
                str(args.notices),
                "--alerts",
                str(args.alerts),
            ]
            + (["--search-url", args.search_url] if args.search_url else []),
            capture_output=True,
            text=True,
            cwd=ROOT,
        )
        if done.returncode:
            print(done.stderr[-4000:], file=sys.stderr)
            return done.returncode
        figures = json.loads(done.stdout.strip().splitlines()[-1])
        results.append(figures)
        print(figures, flush=True)
    machine = f"{platform.node()}: {os.cpu_count()} CPUs, Python {platform.python_version()}, SQLite"
    RESULTS_DIR.mkdir(exist_ok=True)
    (RESULTS_DIR / "calls-import-matching.json").write_text(
        json.dumps(
            {"machine": machine, "date": datetime.date.today().isoformat(), "results": results}, indent=2
        )
    )
    lines = [
        "# Calls: import and alert matching",
        "",
        f"{datetime.date.today().isoformat()}, {machine}. "
        f"`bench/run_calls.py --notices {args.notices} --alerts {args.alerts}`; "
        f"targets: import under {TARGET_IMPORT_S} s, matching under {TARGET_MATCH_S} s.",
        "",
        "| backend | notices imported | import (s) | alerts | keyword queries stored (s) "
        "| matching (s) | matches |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in results:
        lines.append(
            f"| {r['mode']} | {r['created']} | {r['import_s']} | {r['alerts']} | "
            f"{r.get('percolator_stored_s', '–')} | {r['match_s']} | {r['matches']} |"
        )
    (RESULTS_DIR / "calls-import-matching.md").write_text("\n".join(lines) + "\n")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
