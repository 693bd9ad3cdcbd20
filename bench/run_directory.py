"""Benchmark of the member directory: API, HTML listing and a naive django-filter baseline.

    .venv/bin/python bench/run_directory.py [--members 150000] [--repeat 20] [--database-url URL]

Loads `--members` synthetic profiles into a dedicated database (bench/.data/bench.sqlite3 by
default, reused while it holds that many), then times a fixed set of queries in-process with
django.test.Client (no network, one client, one thread) and writes the figures to bench/results/.
`--explain` prints the API's SQL statements by duration, with their query plans, instead.
"""

import argparse
import json
import os
import time
from pathlib import Path

from common import (
    DATA_DIR,
    RESULTS_DIR,
    Progress,
    add_run_options,
    afresh,
    code_fingerprint,
    cold,
    hold_lock,
    machine_info,
    measure_modes,
    print_problems,
    reset_database,
    save_results,
    setup_django,
    summarise,
    timing_method,
)

DEFAULT_DATABASE_URL = f"sqlite:///{DATA_DIR / 'bench.sqlite3'}"
# Issue 13's targets at 150,000 profiles: the API's p95 on the database (SQLite, PostgreSQL) and
# on OpenSearch, and how much faster than the naive django-filter approach it must be.
TARGET_P95_MS = 50
TARGET_NAIVE_RATIO = 20
MODES = ["api", "api-fresh", "html", "naive"]  # + "opensearch" with --search-url
# On OpenSearch: (API p95 ms, full index seconds) at 150,000 profiles, and from a million on.
OPENSEARCH_TARGETS = {150_000: (25, 60), 1_000_000: (50, 600)}


def opensearch_targets(members):
    """The OpenSearch targets of the largest size up to `members` (the smallest's below it)."""
    sizes = [size for size in sorted(OPENSEARCH_TARGETS) if size <= members] or [min(OPENSEARCH_TARGETS)]
    return OPENSEARCH_TARGETS[sizes[-1]]


# The code the figures belong to (the project changes between runs): a hash of each file.
FINGERPRINTED = [
    "portal/search/*.py",
    "directory/documents.py",
    "directory/api.py",
    "directory/views.py",
    "directory/forms.py",
    "directory/models.py",
    "portal/places/lookup.py",
    "directory/demo.py",
    "portal/demo/*.py",
    "directory/signals.py",
    "directory/migrations/*.py",
]
# The files that shape the loaded data: when one changes, the bench database is built again.
DATA_FILES = (
    "directory/demo.py",
    "portal/demo/bulk.py",
    "portal/demo/common.py",
    "directory/models.py",
    "directory/documents.py",
    "directory/signals.py",
)

# The fixed queries, as query strings: free text, sector, place, radius and combinations.
QUERIES = [
    {"q": "photographer"},
    {"q": "fotograaf"},
    {"q": "web"},
    {"sector": "photography"},
    {"sector": "graphic-design", "language": "en"},
    {"region": "03000"},
    {"province": "60000"},
    {"near": "62063", "radius_km": "25"},
    {"near": "9000", "radius_km": "10", "sector": "translation-and-interpreting"},
    {"q": "fotograaf", "near": "62063", "radius_km": "25"},
    {"experience": "senior", "mentor": "true"},
    {"q": "lightroom", "region": "02000", "ordering": "name"},
]


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, default=150_000, help="demo profiles to load (150000)")
    add_run_options(parser, DEFAULT_DATABASE_URL, "portal_bench", loaded="profiles", timed="API")
    parser.add_argument(
        "--opensearch-only",
        action="store_true",
        help="time the OpenSearch mode alone (a million profiles: the database modes take hours)",
    )
    parser.add_argument("--explain", action="store_true", help="print the API's SQL and plans, no timing")
    parser.add_argument("--load-only", action="store_true", help="build the bench database, time nothing")
    args = parser.parse_args()
    if args.opensearch_only and not args.search_url:
        parser.error("--opensearch-only needs --search-url")
    return args


def load_search_backend():
    """The members' search backend, imported while the code matches the fingerprint just taken."""
    from directory.documents import MEMBERS
    from portal.search import get_backend

    get_backend(MEMBERS)


# Loading -------------------------------------------------------------------------------------


def demo_profile_count():
    from django.db import DatabaseError

    from directory.demo import DEMO_DOMAIN
    from directory.models import MemberProfile

    try:
        return MemberProfile.objects.filter(user__email__endswith=f"@{DEMO_DOMAIN}").count()
    except DatabaseError:  # no database or no tables yet
        return None


def ensure_members(members, code, rebuild=False, any_code=False):
    """Load the demo site and `members` profiles unless the database already holds them, loaded
    by the same code (same data files and migrations), or by any code with `any_code` (the
    OpenSearch mode alone: its index is built again by every run, the profiles are what count)."""
    from django.core.management import call_command
    from django.db import connection

    from directory.demo import create_profiles

    name = Path(str(connection.settings_dict["NAME"])).stem  # one file per bench database
    load_file = DATA_DIR / f"load-{connection.vendor}-{name}.json"
    data_code = {
        path: digest for path, digest in code.items() if path in DATA_FILES or "/migrations/" in path
    }
    previous = json.loads(load_file.read_text()) if load_file.exists() else {}
    same_code = any_code or previous.get("data_code") == data_code
    if not rebuild and previous and same_code:
        call_command("migrate", interactive=False, verbosity=0)  # newer migrations, if any
        if demo_profile_count() == members:
            print(f"Reusing the bench database: {members} demo profiles (--rebuild to load them again).")
            return {**previous, "reused": True}
    load_file.unlink(missing_ok=True)
    print("Building the bench database (migrate, seed_demo, profiles)...", flush=True)
    reset_database()
    started = time.perf_counter()
    call_command("migrate", interactive=False, verbosity=0)
    call_command("createcachetable", verbosity=0)
    call_command("seed_demo", members=0, verbosity=0)  # pages, accounts; no profiles
    setup_s = time.perf_counter() - started
    started = time.perf_counter()
    create_profiles(members, stdout=Progress())
    load_s = time.perf_counter() - started
    print(f"Load time: {load_s:.1f} s for {members} profiles ({members / load_s:.0f} per second)")
    info = {
        "data_code": data_code,
        "members": members,
        "setup_s": round(setup_s, 1),
        "load_s": round(load_s, 1),
        "profiles_per_s": round(members / load_s),
    }
    load_file.write_text(json.dumps(info))
    return {**info, "reused": False}


# The naive approach --------------------------------------------------------------------------


def naive_search(filterset, params):
    """What one would write without a search index: django-filter, icontains, COUNT facets."""
    from django.db.models import Count

    from directory.api import MemberSerializer
    from directory.models import MemberProfile

    def run_filter(data):
        return filterset(data, queryset=MemberProfile.objects.public()).qs.distinct()

    qs = run_filter(params)
    total = qs.count()
    hits = list(
        qs.select_related("profession", "municipality__province", "municipality__region").prefetch_related(
            "sectors", "languages"
        )[:20]
    )
    results = MemberSerializer(hits, many=True).data
    facets = {}
    for name, field in NAIVE_FACETS.items():
        others = {k: v for k, v in params.items() if k != name}  # a facet ignores its own filter
        rows = run_filter(others).order_by().values(field).annotate(n=Count("id", distinct=True))
        facets[name] = {row[field]: row["n"] for row in rows if row[field] is not None}
    return {"count": total, "results": results, "facets": facets}


NAIVE_FACETS = {
    "sector": "sectors__slug",
    "profession": "profession__slug",
    "region": "municipality__region__refnis",
    "province": "municipality__province__refnis",
    "language": "languages__code",
    "experience": "experience",
    "mentor": "mentor",
}


def naive_filterset():
    """The FilterSet class (defined here: it needs Django set up)."""
    import django_filters
    from django.db.models import Q

    from directory.models import MemberProfile
    from portal.places.geo import haversine_km
    from portal.places.models import Municipality, PostalCode

    class NaiveMemberFilter(django_filters.FilterSet):
        q = django_filters.CharFilter(method="filter_text")
        sector = django_filters.CharFilter(field_name="sectors__slug")
        profession = django_filters.CharFilter(field_name="profession__slug")
        region = django_filters.CharFilter(field_name="municipality__region__refnis")
        province = django_filters.CharFilter(field_name="municipality__province__refnis")
        language = django_filters.CharFilter(field_name="languages__code")
        experience = django_filters.CharFilter(field_name="experience")
        mentor = django_filters.BooleanFilter(field_name="mentor")
        near = django_filters.CharFilter(method="filter_near")
        ordering = django_filters.OrderingFilter(fields=(("display_name", "name"), ("updated_at", "updated")))

        class Meta:
            model = MemberProfile
            fields = []

        def filter_text(self, queryset, name, value):
            lookups = [
                "display_name",
                "profession__name_fr",
                "profession__name_nl",
                "skills",
                "bio_fr",
                "bio_nl",
                "municipality__name_fr",
                "municipality__name_nl",
            ]
            condition = Q()
            for lookup in lookups:
                condition |= Q(**{f"{lookup}__icontains": value})
            return queryset.filter(condition)

        def filter_near(self, queryset, name, value):
            radius = float(self.data.get("radius_km") or 25)
            place = (
                Municipality.objects.filter(refnis=value).values_list("latitude", "longitude").first()
                or PostalCode.objects.filter(code=value).values_list("latitude", "longitude").first()
            )
            if not place:
                return queryset.none()
            ids = [
                pk
                for pk, lat, lon in Municipality.objects.values_list("id", "latitude", "longitude")
                if haversine_km(*place, lat, lon) <= radius
            ]
            return queryset.filter(municipality_id__in=ids)

    return NaiveMemberFilter


# Measuring -----------------------------------------------------------------------------------


def make_calls(client):
    """mode -> function(params) returning (status, total count)."""

    def api(params):
        response = client.get("/api/v1/members/", params)
        return response.status_code, response.json().get("count")

    def html(params):
        response = client.get("/fr/annuaire/", params)
        return response.status_code, len(response.content)

    filterset = naive_filterset()

    def naive(params):
        return 200, naive_search(filterset, params)["count"]

    def opensearch(params):
        from django.test.utils import override_settings

        with override_settings(SEARCH_BACKEND="portal.search.opensearch.OpenSearchBackend"):
            response = client.get("/api/v1/members/", params)
        return response.status_code, response.json().get("count")

    return {
        "api": api,
        "api-fresh": afresh(api),
        "html": html,
        "naive": naive,
        "opensearch": opensearch,
        "opensearch-cold": cold(opensearch, "members"),
    }


def index_opensearch(search_url):
    """Point the run at the node and build the members index there, timed."""
    from django.conf import settings

    from directory.documents import MEMBERS
    from portal.search.opensearch import OpenSearchBackend

    settings.SEARCH_URL = search_url
    settings.SEARCH_INDEX_PREFIX = "bench"
    # The "api" and "html" modes stay on the database backend; "opensearch" overrides it.
    settings.SEARCH_BACKEND = "database"
    started = time.perf_counter()
    count = OpenSearchBackend(MEMBERS).rebuild(
        progress=lambda done: print(f"  indexed {done}", flush=True) if done % 50000 < 1000 else None
    )
    seconds = time.perf_counter() - started
    print(f"OpenSearch: indexed {count} profiles in {seconds:.1f} s", flush=True)
    return {"profiles": count, "seconds": round(seconds, 1), "profiles_per_s": round(count / seconds)}


# Timing of the database index rebuild (issue 13) -----------------------------------------


def index_database():
    """Rebuild the members' database index (what `rebuild_search_index` does for it), timed.
    The rows come out the same; every run then times its queries on a freshly rebuilt index."""
    from directory.documents import MEMBERS
    from portal.search.database import DatabaseBackend

    before = os.getloadavg()
    started = time.perf_counter()
    count = DatabaseBackend(MEMBERS).rebuild(
        progress=lambda done: print(f"  indexed {done}", flush=True) if done % 50000 < 2000 else None
    )
    seconds = time.perf_counter() - started
    print(f"Database: rebuilt the index of {count} profiles in {seconds:.1f} s", flush=True)
    return {
        "profiles": count,
        "seconds": round(seconds, 1),
        "profiles_per_s": round(count / seconds),
        "load_average": {"before": before, "after": os.getloadavg()},
    }


def run_benchmark(repeat):
    """Per-query figures and the summary of each mode, with the load average around the run."""
    from django.test import Client

    load_before = os.getloadavg()
    calls = make_calls(Client())
    per_query = []
    for params in QUERIES:
        row = {"params": params, **measure_modes(calls, MODES, params, repeat)}
        answers = {row[m].get("answer") for m in ("api", "naive") if m in row}
        if "q" not in params and len(answers) > 1:
            # Without free text both must find the same members: a stale bench database would not.
            row["warning"] = f"API count {row['api'].get('answer')}, naive count {row['naive'].get('answer')}"
        figures = "  ".join(
            f"{m} error"
            if "error" in row[m]
            else f"{m} p50 {row[m]['p50_ms']:.0f} p95 {row[m]['p95_ms']:.0f} ms"
            for m in MODES
        )
        count = row[MODES[0]].get("answer")
        print(f"{query_label(params):<55} {figures}  (count {count})", flush=True)
        print_problems(row, MODES, "  ")
        per_query.append(row)
    overall = summarise(per_query, MODES)
    # Other processes on the machine skew the figures: keep the load average as a warning sign.
    load_average = {"before": load_before, "after": os.getloadavg()}
    return per_query, overall, load_average


def query_label(params):
    return "&".join(f"{k}={v}" for k, v in params.items())


# Reporting -----------------------------------------------------------------------------------


def write_results(
    members, repeat, code, load, per_query, overall, load_average, opensearch_index=None, database_index=None
):
    from django.db import connection

    api, naive = overall.get("api"), overall.get("naive")
    ratio = {
        "naive_p95_over_api_p95": round(naive["p95_ms"] / api["p95_ms"], 2) if api and naive else None,
        "naive_mean_over_api_mean": round(naive["mean_ms"] / api["mean_ms"], 2) if api and naive else None,
    }
    engine = overall.get("opensearch")
    target_ms, target_seconds = opensearch_targets(members)
    if engine and api and naive:
        ratio["database_p95_over_opensearch_p95"] = round(api["p95_ms"] / engine["p95_ms"], 2)
        ratio["naive_p95_over_opensearch_p95"] = round(naive["p95_ms"] / engine["p95_ms"], 2)
    errors = sum("error" in row[mode] for row in per_query for mode in MODES)
    data = {
        "benchmark": "directory",
        "method": timing_method(repeat),
        "members": members,
        "repeat": repeat,
        "machine": {**machine_info(sqlite_version=True), "load_average": load_average},
        "load": load,
        "target": {
            "api_p95_ms": TARGET_P95_MS,
            "met": not errors and api["p95_ms"] < TARGET_P95_MS,
            "queries_meeting_it": sum(
                row["api"].get("p95_ms", TARGET_P95_MS) < TARGET_P95_MS for row in per_query
            ),
            "queries": len(per_query),
            "naive_ratio": TARGET_NAIVE_RATIO,
            "naive_ratio_met": bool(ratio["naive_p95_over_api_p95"])
            and ratio["naive_p95_over_api_p95"] >= TARGET_NAIVE_RATIO,
        }
        if api
        else None,
        "summary": overall,
        "ratio": ratio,
        "opensearch_index": opensearch_index,
        "database_index": database_index,
        "opensearch_target": {
            "api_p95_ms": target_ms,
            "met": bool(engine) and engine["p95_ms"] < target_ms,
            "index_seconds": target_seconds,
            "index_met": bool(opensearch_index) and opensearch_index["seconds"] < target_seconds,
        }
        if engine
        else None,
        "errors": errors,
        "queries": per_query,
        "code": code,
    }
    path = RESULTS_DIR / f"directory-{connection.vendor}-{members}.json"
    save_results(path, data, RESULTS_DIR / f"directory-{members}.md", lambda: render_markdown(members))
    return data


MODE_NOTES = {
    "opensearch": (
        "`GET /api/v1/members/?…` answered by the OpenSearch backend (same JSON, facets as "
        "aggregations), against the local node of `scripts/opensearch`; the profiles as the process "
        "kept them while their indexed version is the same (portal.search.api), else loaded by SQL."
    ),
    "opensearch-cold": (
        "The opensearch mode with the node's request cache and the profiles the process kept "
        "emptied before each call (untimed): the facet counts are aggregated and the page's "
        "profiles loaded and serialised every time, as for a search nobody made since the index "
        "last changed."
    ),
    "api": "`GET /api/v1/members/?…`: count, first page of 20 and every facet, as JSON.",
    "api-fresh": (
        "The api mode with the words' matches the process keeps dropped before each call "
        "(untimed): every text looked up in the full-text index, as for words nobody searched "
        "since the index last changed."
    ),
    "html": "`GET /fr/annuaire/?…`: the same search rendered as the listing page (count: –).",
    "naive": (
        "django-filter FilterSet with `icontains` over `MemberProfile.objects.public()`, count, "
        "first page of 20 (serialised) and the same facets with `.values().annotate(Count)`; "
        "called directly, without URL routing or middleware. Its free-text counts differ: substring "
        "search in French and Dutch names only, no word prefixes, no English or German."
    ),
}


def render_markdown(members):
    """One section per database backend that has results for this number of members."""
    lines = [f"# Directory benchmark, {members:,} profiles", ""]
    for path in sorted(RESULTS_DIR.glob(f"directory-*-{members}.json")):
        lines += markdown_section(json.loads(path.read_text()))
    return "\n".join(lines)


def markdown_section(data):
    m, overall, load, target = data["machine"], data["summary"], data["load"], data["target"]
    loaded = "unknown"
    if "load_s" in load:
        loaded = (
            f"{load['load_s']} s ({load['profiles_per_s']} profiles/s; "
            f"migrate and seed_demo before it: {load['setup_s']} s)"
        )
    if load.get("reused"):
        loaded += " (database reused: load time of the run that built it)"
    api_p95 = overall["api"]["p95_ms"] if overall.get("api") else "–"
    lines = [
        f"## {m['db_vendor']} {m['db_version']}",
        "",
        f"{m['date']} · {m['cpu']} · {m['cpu_count']} CPUs · Python {m['python']} · "
        f"Django {m['django']} · {m['platform']} · load average before/after: "
        f"{m['load_average']['before'][0]:.2f} / {m['load_average']['after'][0]:.2f}",
        "",
        f"Method: {data['method']}.",
        "",
        *([data["code_note"], ""] if "code_note" in data else []),
        f"Load time of the profiles: {loaded}.",
        "",
    ]
    if data.get("database_index"):
        index = data["database_index"]
        lines += [
            f"Database: index rebuilt for {index['profiles']} profiles in {index['seconds']} s "
            f"({index['profiles_per_s']} profiles/s; load average before/after "
            f"{index['load_average']['before'][0]:.2f} / {index['load_average']['after'][0]:.2f}).",
            "",
        ]
    if target:
        lines += [
            f"**Target: API p95 under {target['api_p95_ms']} ms: {'met' if target['met'] else 'NOT met'}** "
            f"(API p95 {api_p95} ms over all queries; "
            f"{target['queries_meeting_it']} of {target['queries']} queries meet it on their own)"
            + (
                f"; with every word looked up afresh (api-fresh): p95 {overall['api-fresh']['p95_ms']} ms, "
                f"{'met' if overall['api-fresh']['p95_ms'] < target['api_p95_ms'] else 'NOT met'}."
                if overall.get("api-fresh")
                else "."
            ),
            "",
            f"Naive / API: p95 × {data['ratio']['naive_p95_over_api_p95']}, "
            f"mean × {data['ratio']['naive_mean_over_api_mean']}"
            + (
                f". **Target: at least × {target['naive_ratio']}: "
                f"{'met' if target['naive_ratio_met'] else 'NOT met'}**."
                if "naive_ratio" in target
                else "."
            ),
            "",
        ]
    else:
        lines += ["The database modes were not timed at this size (`--opensearch-only`).", ""]
    if data.get("opensearch_index"):
        index, os_target = data["opensearch_index"], data["opensearch_target"]
        lines += [
            f"OpenSearch: full index of {index['profiles']} profiles in {index['seconds']} s "
            f"({index['profiles_per_s']} profiles/s"
            + (
                f"; target under {os_target['index_seconds']} s: "
                + ("met" if os_target["index_met"] else "NOT met")
                if "index_seconds" in os_target
                else ""
            )
            + "). **Target: OpenSearch API p95 under "
            f"{os_target['api_p95_ms']} ms: {'met' if os_target['met'] else 'NOT met'}** "
            f"(p95 {overall['opensearch']['p95_ms']} ms)."
            + (
                f" Database / OpenSearch p95 × {data['ratio']['database_p95_over_opensearch_p95']}; "
                f"naive / OpenSearch p95 × {data['ratio']['naive_p95_over_opensearch_p95']}."
                if "database_p95_over_opensearch_p95" in data["ratio"]
                else ""
            ),
            "",
        ]
    modes = [
        mode
        for mode in ("api", "api-fresh", "html", "naive", "opensearch", "opensearch-cold")
        if overall.get(mode) is not None
    ]
    for row in data["queries"]:
        for problem in [row.get("warning"), *(row[mode].get("error") for mode in modes)]:
            if problem:
                lines += [f"Warning, `{query_label(row['params'])}`: {problem}", ""]
    lines += ["| mode | p50 ms | p95 ms | mean ms | queries/s |", "| --- | ---: | ---: | ---: | ---: |"]
    for mode in modes:
        s = overall[mode] or dict.fromkeys(("p50_ms", "p95_ms", "mean_ms", "qps"), "–")
        lines.append(f"| {mode} | {s['p50_ms']} | {s['p95_ms']} | {s['mean_ms']} | {s['qps']} |")
    lines.append("")
    for mode in modes:
        lines += [
            f"### {mode}",
            "",
            MODE_NOTES[mode],
            "",
            "| query | count | p50 ms | p95 ms | queries/s | SQL statements | SQL ms | vs API p95 |",
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
        ]
        for row in data["queries"]:
            r, label = row[mode], f"`{query_label(row['params'])}`"
            if "error" in r:
                lines.append(f"| {label} | error | | | | | | |")
                continue
            answer = r["answer"] if mode != "html" else "–"
            versus = "–"
            if mode != "api" and "p95_ms" in row.get("api", {}):
                versus = f"× {r['p95_ms'] / row['api']['p95_ms']:.2f}"
            lines.append(
                f"| {label} | {answer} | {r['p50_ms']} | {r['p95_ms']} "
                f"| {r['qps']} | {r['sql_queries']} | {r['sql_ms']} | {versus} |"
            )
        lines.append("")
    return lines


def explain():
    """Each query's API SQL, slowest first, with the plans of the three slowest statements."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    prefix = "EXPLAIN QUERY PLAN " if connection.vendor == "sqlite" else "EXPLAIN ANALYZE "
    for params in QUERIES:
        client.get("/api/v1/members/", params)
        with CaptureQueriesContext(connection) as captured:
            client.get("/api/v1/members/", params)
        statements = sorted(captured.captured_queries, key=lambda q: float(q["time"]), reverse=True)
        total = sum(float(q["time"]) for q in statements) * 1000
        print(f"\n=== {query_label(params)}: {len(statements)} statements, {total:.0f} ms of SQL")
        for rank, statement in enumerate(statements):
            print(f"{float(statement['time']) * 1000:8.1f} ms  {statement['sql'][:300]}")
            if rank < 3 and statement["sql"].lstrip().upper().startswith("SELECT"):
                with connection.cursor() as cursor:
                    cursor.execute(prefix + statement["sql"])
                    for plan in cursor.fetchall():
                        print("              ", " | ".join(str(c) for c in plan))


def main():
    args = parse_args()
    # Loading times nothing: it may run beside another run (on its own database).
    _lock = None if args.load_only else hold_lock()  # held until the process ends
    code = code_fingerprint(FINGERPRINTED)
    setup_django(args.database_url)
    load_search_backend()
    load = ensure_members(args.members, code, args.rebuild, any_code=args.opensearch_only)
    if args.load_only:
        return
    # The database modes are not timed with --opensearch-only: nor is their index's rebuild.
    database_index = None if args.opensearch_only or args.explain else index_database()
    opensearch_index = None
    if args.search_url:
        engine = ["opensearch", "opensearch-cold"]
        MODES[:] = engine if args.opensearch_only else [*MODES, *engine]
        opensearch_index = index_opensearch(args.search_url)
    if args.explain:
        explain()
        return
    print(
        f"Timing {len(QUERIES)} queries x {args.repeat} calls per mode, in-process django.test.Client "
        "(no network, single client)."
    )
    data = write_results(
        args.members,
        args.repeat,
        code,
        load,
        *run_benchmark(args.repeat),
        opensearch_index=opensearch_index,
        database_index=database_index,
    )
    for mode in MODES:
        s = data["summary"][mode]
        if s is None:
            print(f"{mode:>5}: every query failed")
            continue
        print(
            f"{mode:>5}: p50 {s['p50_ms']} ms, p95 {s['p95_ms']} ms, mean {s['mean_ms']} ms, {s['qps']} q/s"
        )
    if data["target"]:
        print(
            f"Naive / API: p95 x {data['ratio']['naive_p95_over_api_p95']}, "
            f"mean x {data['ratio']['naive_mean_over_api_mean']}. "
            f"API p95 target {TARGET_P95_MS} ms: {'met' if data['target']['met'] else 'NOT met'}."
        )
    if data["opensearch_target"]:
        print(
            f"OpenSearch p95 target {data['opensearch_target']['api_p95_ms']} ms: "
            f"{'met' if data['opensearch_target']['met'] else 'NOT met'}; full index under "
            f"{data['opensearch_target']['index_seconds']} s: "
            f"{'met' if data['opensearch_target']['index_met'] else 'NOT met'}."
        )


if __name__ == "__main__":
    main()
