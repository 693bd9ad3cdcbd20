"""Benchmark of the spaces, events and calls lists: their APIs and HTML pages at the sizes their
users will reach.

    .venv/bin/python bench/run_lists.py [--spaces 5000] [--events 100000] [--calls 200000]
                                        [--repeat 20] [--database-url URL] [--search-url URL]

Loads invented spaces, events and calls into a dedicated database (bench/.data/lists.sqlite3 by
default, reused while it holds that many and the code that loads them is unchanged), then times
a fixed set of queries per list in-process with django.test.Client (no network, one client, one
thread) and writes the figures to bench/results/. `--explain` prints each API query's SQL
statements by duration, with the plans of the slowest, instead.
"""

import argparse
import datetime
import gc
import hashlib
import json
import os
import time
from pathlib import Path

from common import (
    DATA_DIR,
    RESULTS_DIR,
    ROOT,
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

DEFAULT_DATABASE_URL = f"sqlite:///{DATA_DIR / 'lists.sqlite3'}"
# Targets (issue 13), the directory's transposed.
TARGET_API_P95_MS = 50
TARGET_OPENSEARCH_P95_MS = 25
TARGET_HTML_QUERIES = 12
TARGET_REINDEX_S = 60  # the reindex target for profiles, held for each list too
# The code the figures belong to: a hash of each file, kept in the results.
FINGERPRINTED = [
    "portal/search/*.py",
    "portal/demo/*.py",
    "portal/places/lookup.py",
    *(
        f"{app}/{name}.py"
        for app in ("coworking", "agenda", "calls")
        for name in ("api", "views", "documents", "models", "demo")
    ),
    "coworking/hours.py",
    "agenda/templates/agenda/*.html",
    "calls/templates/calls/*.html",
    "coworking/templates/coworking/*.html",
    "*/migrations/*.py",
]
# The files that shape the loaded data: when one changes, the bench database is built again.
# (New migrations are applied to the database kept; a changed declaration rebuilds its index.)
DATA_FILES = (
    "coworking/demo.py",
    "agenda/demo.py",
    "calls/demo.py",
    "portal/demo/bulk.py",
    "portal/demo/common.py",
)
# The files that shape the database search index: when one changes, the index is built again
# from the objects kept (minutes, where loading them again takes a quarter of an hour).
INDEX_FILES = (
    "portal/search/database.py",
    "portal/search/bitsets.py",
    "portal/search/documents.py",
    "portal/search/text.py",
    "coworking/documents.py",
    "agenda/documents.py",
    "calls/documents.py",
)
DATA_MODELS = {"spaces": "coworking.Space", "events": "agenda.Event", "calls": "calls.Call"}

# The fixed queries of each list: free text in two languages, each facet or filter, a place, dates,
# orderings and a later page. Dates are days from today ("+7"). `html` names another page for the
# HTML mode (the events' archive) and the parameters it drops.
LISTS = {
    "spaces": {
        "api": "/api/v1/spaces/",
        "html": "coworking:index",
        "queries": [
            {},
            {"q": "atelier"},
            {"q": "vergaderzaal"},
            {"kind": "coworking"},
            {"amenity": ["wifi", "meeting-room"]},
            {"accessibility": "step-free"},
            {"region": "02000"},
            {"province": "60000"},
            {"near": "62063", "radius_km": "25"},
            {"near": "9000", "radius_km": "10", "amenity": "wifi"},
            {"open_now": "true"},
            {"region": "04000", "ordering": "name"},
        ],
    },
    "events": {
        "api": "/api/v1/events/",
        "html": "agenda:index",
        "queries": [
            {},
            {"q": "atelier"},
            {"q": "netwerkontbijt"},
            {"format": "workshop"},
            {"sector": "photography"},
            {"language": "de"},
            {"region": "03000"},
            {"near": "21004", "radius_km": "10"},
            {"date_from": "+7", "date_to": "+21"},
            {"price": "free", "places_left": "true"},
            {"when": "past", "format": "meet-and-connect"},
            {"page": "20"},
        ],
    },
    "calls": {
        "api": "/api/v1/calls/",
        "html": "calls:index",
        "queries": [
            {},
            {"q": "photographiques"},
            {"q": "vertaaldiensten"},
            {"kind": "grant"},
            {"level": "european"},
            {"sector": "photography"},
            {"region": "02000", "province": "40000"},
            {"status": "open", "closing_soon": "true"},
            {"deadline_from": "+7", "deadline_to": "+30"},
            {"status": ["closed", "awarded"], "ordering": "published"},
            {"value": "140k-1m", "ordering": "value"},
            {"status": ["open", "closed", "awarded", "forthcoming"], "q": "services"},
        ],
    },
}
# The events API's `when=past` is the archive page.
HTML_VIEWS = {("events", "when", "past"): "agenda:archive"}


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--spaces", type=int, default=5_000, help="spaces in the database (5000)")
    parser.add_argument("--events", type=int, default=100_000, help="events in the database (100000)")
    parser.add_argument("--calls", type=int, default=200_000, help="calls in the database (200000)")
    parser.add_argument("--lists", default="spaces,events,calls", help="the lists to time (all three)")
    add_run_options(parser, DEFAULT_DATABASE_URL, "portal_lists", loaded="data", timed="APIs")
    parser.add_argument("--explain", action="store_true", help="print the APIs' SQL and plans, no timing")
    args = parser.parse_args()
    args.lists = [name for name in args.lists.split(",") if name]
    unknown = set(args.lists) - set(LISTS)
    if unknown:
        parser.error(f"unknown lists: {', '.join(sorted(unknown))}")
    return args


def freeze_start_up():
    """As gunicorn.conf.py does before forking the workers: what start-up loaded is left out of
    the collections (else a gen-2 collection of 70 to 180 ms every few requests)."""
    gc.collect()
    gc.freeze()


# Loading -------------------------------------------------------------------------------------


def counts():
    """{list: objects stored}, or None without tables."""
    from django.apps import apps
    from django.db import DatabaseError

    try:
        return {name: apps.get_model(label).objects.count() for name, label in DATA_MODELS.items()}
    except DatabaseError:
        return None


def load_file():
    from django.db import connection

    name = Path(str(connection.settings_dict["NAME"])).stem  # one file per bench database
    return DATA_DIR / f"lists-load-{connection.vendor}-{name}.json"


def ensure_data(sizes, code, rebuild=False):
    """The demo site and `sizes` objects of each list, unless the database already holds them,
    loaded by the same code. Migrations added since are applied to the database kept."""
    from django.core.management import call_command
    from django.db import connection

    from agenda.demo import create_events
    from calls.demo import create_calls
    from coworking.demo import create_spaces

    path = load_file()
    data_code = {p: digest for p, digest in code.items() if p in DATA_FILES}
    index_code = {p: digest for p, digest in code.items() if p in INDEX_FILES}
    previous = json.loads(path.read_text()) if path.exists() else {}
    if not rebuild and previous.get("data_code") == data_code and previous.get("sizes") == sizes:
        call_command("migrate", interactive=False, verbosity=0)
        if counts() == sizes:
            print(f"Reusing the bench database: {sizes} (--rebuild to load it again).", flush=True)
            if previous.get("index_code") != index_code:
                previous["index_s"] = rebuild_index()
                previous["index_code"] = index_code
                path.write_text(json.dumps(previous))
            return {**previous, "reused": True}
    path.unlink(missing_ok=True)
    print("Building the bench database (migrate, seed_demo, spaces, events, calls)...", flush=True)
    reset_database()
    started = time.perf_counter()
    call_command("migrate", interactive=False, verbosity=0)
    call_command("createcachetable", verbosity=0)
    call_command("seed_demo", members=0, verbosity=0)  # pages, accounts, demo spaces, events, calls
    info = {"data_code": data_code, "sizes": sizes, "setup_s": round(time.perf_counter() - started, 1)}
    present = counts()
    # Spaces first: events are held at them.
    for name, create in (("spaces", create_spaces), ("events", create_events), ("calls", create_calls)):
        missing = sizes[name] - present[name]
        started = time.perf_counter()
        create(missing, stdout=Progress())
        seconds = time.perf_counter() - started
        info[f"{name}_load_s"] = round(seconds, 1)
        print(
            f"Load time: {seconds:.1f} s for {missing} {name} "
            f"({missing / max(seconds, 0.001):.0f} per second)"
        )
    if connection.vendor == "postgresql":
        # What autovacuum does after a bulk load: the planner's statistics.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    info["load_id"] = hashlib.sha256(f"{time.time()}{sizes}".encode()).hexdigest()[:12]
    info["index_code"] = index_code
    path.write_text(json.dumps(info))
    return {**info, "reused": False}


def rebuild_index():
    """The database search index built again from the objects kept, timed per list."""
    from portal.search import documents
    from portal.search.database import DatabaseBackend

    seconds = {}
    for document in documents():
        if document.name in DATA_MODELS:
            started = time.perf_counter()
            count = DatabaseBackend(document).rebuild()
            seconds[document.name] = round(time.perf_counter() - started, 1)
            print(f"Database index: {count} {document.name} in {seconds[document.name]} s", flush=True)
    return seconds


def index_opensearch(search_url, load, lists):
    """Point the run at the node and index each list there (timed), unless the index of this
    very database is already there."""
    from django.conf import settings

    from portal.search import documents
    from portal.search.opensearch import OpenSearchBackend

    settings.SEARCH_URL = search_url
    settings.SEARCH_INDEX_PREFIX = "bench"
    # The "api" and "html" modes stay on the database backend; "opensearch" overrides it.
    settings.SEARCH_BACKEND = "database"
    engine_code = hashlib.sha256((ROOT / "portal/search/opensearch.py").read_bytes()).hexdigest()[:12]
    path = load_file()
    info = json.loads(path.read_text())
    kept = info.get("opensearch", {})
    found = {}
    by_name = {d.name: d for d in documents()}
    for name in lists:
        document = by_name[name]
        backend = OpenSearchBackend(document)
        expected = document.count()
        marker = {
            "load_id": load["load_id"],
            "index": load.get("index_code"),
            "url": search_url,
            "engine": engine_code,
            "count": expected,
        }
        if kept.get(name, {}).get("marker") == marker and backend.count() == expected:
            print(f"OpenSearch: reusing the index of {expected} {name}.", flush=True)
            found[name] = {**kept[name], "reused": True}
            continue
        started = time.perf_counter()
        count = backend.rebuild()
        seconds = time.perf_counter() - started
        print(f"OpenSearch: indexed {count} {name} in {seconds:.1f} s", flush=True)
        found[name] = {"marker": marker, "objects": count, "seconds": round(seconds, 1), "reused": False}
    info["opensearch"] = {**kept, **found}
    path.write_text(json.dumps(info))
    return found


# Measuring -----------------------------------------------------------------------------------


def concrete(params):
    """The parameters with their dates ("+7": in a week) as days."""
    today = datetime.date.today()
    out = {}
    for key, value in params.items():
        if isinstance(value, str) and value[:1] in "+-" and value[1:].isdigit():
            value = (today + datetime.timedelta(days=int(value))).isoformat()
        out[key] = value
    return out


def html_target(name, params):
    """(path, parameters) of the HTML page that shows this API query."""
    from django.urls import reverse
    from django.utils import translation

    view = LISTS[name]["html"]
    params = dict(params)
    for (list_name, key, value), other in HTML_VIEWS.items():
        if list_name == name and params.get(key) == value:
            view = other
            params.pop(key)
    with translation.override("fr"):
        return reverse(view), params


def make_calls(client, name):
    """mode -> function(params) returning (status, answer)."""
    from django.test.utils import override_settings

    api_path = LISTS[name]["api"]

    def api(params):
        response = client.get(api_path, params)
        return response.status_code, response.json().get("count")

    def html(params):
        path, page_params = html_target(name, params)
        response = client.get(path, page_params)
        return response.status_code, len(response.content)

    def opensearch(params):
        with override_settings(SEARCH_BACKEND="portal.search.opensearch.OpenSearchBackend"):
            response = client.get(api_path, params)
        return response.status_code, response.json().get("count")

    return {
        "api": api,
        "api-fresh": afresh(api),
        "html": html,
        "opensearch": opensearch,
        "opensearch-cold": cold(opensearch, name),
    }


def query_label(params):
    return (
        "&".join(f"{k}={','.join(v) if isinstance(v, list) else v}" for k, v in params.items())
        or "(no filter)"
    )


def run_list(name, modes, repeat):
    """Per-query figures and the summary of each mode for one list."""
    from django.test import Client

    calls = make_calls(Client(), name)
    per_query = []
    for params in LISTS[name]["queries"]:
        row = {"params": params, **measure_modes(calls, modes, concrete(params), repeat)}
        if "opensearch" in modes and "q" not in params:
            # Without free text both backends must find the same objects.
            answers = {row[m].get("answer") for m in ("api", "opensearch")}
            if len(answers) > 1:
                row["warning"] = (
                    f"database count {row['api'].get('answer')}, OpenSearch {row['opensearch'].get('answer')}"  # noqa: E501
                )
        figures = "  ".join(
            f"{m} error"
            if "error" in row[m]
            else f"{m} p95 {row[m]['p95_ms']:.0f} ms/{row[m]['sql_queries']}q"
            for m in modes
        )
        print(f"  {query_label(params):<52} {figures}  (count {row['api'].get('answer')})", flush=True)
        print_problems(row, modes, "    ")
        per_query.append(row)
    return per_query, summarise(per_query, modes)


def targets(per_query, overall, modes):
    errors = sum("error" in row[mode] for row in per_query for mode in modes)
    out = {}
    for mode, limit in (
        ("api", TARGET_API_P95_MS),
        ("api-fresh", TARGET_API_P95_MS),
        ("opensearch", TARGET_OPENSEARCH_P95_MS),
    ):
        if mode in modes and overall[mode]:
            meeting = sum(row[mode].get("p95_ms", limit) < limit for row in per_query)
            out[mode] = {
                "p95_ms": limit,
                "met": not errors and overall[mode]["p95_ms"] < limit,
                "queries_meeting_it": meeting,
                "queries": len(per_query),
            }
    queries = [row["html"]["sql_queries"] for row in per_query if "sql_queries" in row.get("html", {})]
    out["html"] = {
        "max_queries": TARGET_HTML_QUERIES,
        "most": max(queries) if queries else None,
        "met": bool(queries) and len(queries) == len(per_query) and max(queries) <= TARGET_HTML_QUERIES,
    }
    return out


# Reporting -----------------------------------------------------------------------------------


def size_label(sizes):
    return f"{sizes['spaces']}-{sizes['events']}-{sizes['calls']}"


def write_results(sizes, repeat, code, load, lists, load_average, opensearch_index):
    from django.db import connection

    data = {
        "benchmark": "lists",
        "method": timing_method(repeat),
        "sizes": sizes,
        "repeat": repeat,
        "machine": {**machine_info(), "load_average": load_average},
        "load": load,
        "opensearch_index": opensearch_index,
        "lists": lists,
        "code": code,
    }
    path = RESULTS_DIR / f"lists-{connection.vendor}-{size_label(sizes)}.json"
    save_results(path, data, RESULTS_DIR / "lists.md", render_markdown)
    return data


MODE_NOTES = {
    "api": "`GET /api/v1/<list>/?…` on the database backend: count, first page, every facet, as JSON.",
    "api-fresh": (
        "the api mode with the words' matches the process keeps dropped before each call "
        "(untimed): every text looked up in the full-text index again."
    ),
    "html": "the list page (French) built from the same search on the database backend (count: bytes).",
    "opensearch": (
        "the same API calls answered by the OpenSearch backend (the local node); the objects as the "
        "process kept them while their indexed version is the same (portal.search.api)."
    ),
    "opensearch-cold": (
        "the opensearch mode with the node's request cache and the objects the process kept emptied "
        "before each call (untimed): counts aggregated, the page's objects loaded and serialised again."
    ),
}


def render_markdown():
    """A section per result file (database backend and sizes), newest sizes first."""
    lines = [
        "# Lists benchmark: spaces, events and calls",
        "",
        f"Targets (issue 13): API p95 under {TARGET_API_P95_MS} ms on the database backend (SQLite and "
        f"PostgreSQL), under {TARGET_OPENSEARCH_P95_MS} ms on OpenSearch; each HTML list page at most "
        f"{TARGET_HTML_QUERIES} SQL queries whatever the data size; each list's full reindex under "
        f"{TARGET_REINDEX_S} s, into the database index and into OpenSearch. `bench/run_lists.py`, "
        "see bench/README.md.",
        "",
    ]
    for path in sorted(RESULTS_DIR.glob("lists-*.json")):
        lines += markdown_section(json.loads(path.read_text()))
    return "\n".join(lines)


def markdown_section(data):
    m, sizes, load = data["machine"], data["sizes"], data["load"]
    average = m["load_average"]
    loaded = ", ".join(
        f"{name} {load[f'{name}_load_s']} s"
        for name in ("spaces", "events", "calls")
        if f"{name}_load_s" in load
    )
    if load.get("reused"):
        loaded += " (database reused: load times of the run that built it)"
    lines = [
        f"## {m['db_vendor']} {m['db_version']}: {sizes['spaces']:,} spaces, {sizes['events']:,} events, "
        f"{sizes['calls']:,} calls",
        "",
        f"{m['date']} · {m['cpu']} · {m['cpu_count']} CPUs · Python {m['python']} · Django {m['django']} · "
        f"load average before/after: {average['before'][0]:.2f} / {average['after'][0]:.2f}",
        "",
        f"Method: {data['method']}. Load: {loaded}.",
        "",
        "| list | mode | p50 ms | p95 ms | mean ms | queries/s | target | met |",
        "| --- | --- | ---: | ---: | ---: | ---: | --- | --- |",
    ]
    for name, result in data["lists"].items():
        target = result["targets"]
        for mode, s in result["summary"].items():
            if s is None:
                lines.append(f"| {name} | {mode} | – | – | – | – | | errors |")
                continue
            if mode == "html":
                goal = f"≤ {target['html']['max_queries']} SQL (most: {target['html']['most']})"
                met = target["html"]["met"]
            elif mode not in target:  # opensearch-cold: beside its mode, no target of its own
                figures = f"{s['p50_ms']} | {s['p95_ms']} | {s['mean_ms']} | {s['qps']}"
                lines.append(f"| {name} | {mode} | {figures} | – | – |")
                continue
            else:
                goal = f"p95 < {target[mode]['p95_ms']} ms ({target[mode]['queries_meeting_it']}/{target[mode]['queries']} queries)"  # noqa: E501
                met = target[mode]["met"]
            lines.append(
                f"| {name} | {mode} | {s['p50_ms']} | {s['p95_ms']} | {s['mean_ms']} | {s['qps']} | {goal} | "
                f"{'met' if met else '**NOT met**'} |"
            )
    lines += ["", *reindex_table(data), ""]
    for name, result in data["lists"].items():
        modes = list(result["summary"])
        lines += [
            f"### {name}",
            "",
            *(f"- {mode}: {MODE_NOTES[mode]}" for mode in modes),
            "",
            "| query | count | "
            + " | ".join(f"{mode} p50 | {mode} p95 | {mode} SQL" for mode in modes)
            + " |",
            "| --- | ---: | " + " | ".join("---: | ---: | ---:" for _mode in modes) + " |",
        ]
        for row in result["queries"]:
            cells = []
            for mode in modes:
                r = row[mode]
                if "error" in r:
                    cells.append("error | | ")
                else:
                    cells.append(f"{r['p50_ms']} | {r['p95_ms']} | {r['sql_queries']}")
            answer = row["api"].get("answer", "error")
            lines.append(f"| `{query_label(row['params'])}` | {answer} | " + " | ".join(cells) + " |")
            for problem in [row.get("warning"), *(row[mode].get("error") for mode in modes)]:
                if problem:
                    lines.append(
                        f"| ↳ warning: {problem} | | " + " | ".join(" | | " for _mode in modes) + " |"
                    )
        lines.append("")
    return lines


def reindex_table(data):
    """Each list's full rebuild: the database index (timed when the data was loaded) and
    OpenSearch (timed in this run unless that index was reused)."""
    built = data["load"].get("index_s", {})
    engine = data.get("opensearch_index") or {}
    lines = [
        f"| full reindex | database index | OpenSearch | target < {TARGET_REINDEX_S} s |",
        "| --- | ---: | ---: | --- |",
    ]
    for name in data["lists"]:
        times = [built.get(name), engine.get(name, {}).get("seconds")]
        if not any(t is not None for t in times):
            continue
        cells = [f"{t} s" if t is not None else "–" for t in times]
        if engine.get(name, {}).get("reused"):
            cells[1] += " (an earlier run's)"
        met = all(t < TARGET_REINDEX_S for t in times if t is not None)
        lines.append(f"| {name} | {cells[0]} | {cells[1]} | {'met' if met else '**NOT met**'} |")
    return lines


def explain(lists):
    """Each API query's SQL, slowest first, with the plans of the three slowest statements."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    prefix = "EXPLAIN QUERY PLAN " if connection.vendor == "sqlite" else "EXPLAIN ANALYZE "
    for name in lists:
        for params in LISTS[name]["queries"]:
            params = concrete(params)
            client.get(LISTS[name]["api"], params)
            with CaptureQueriesContext(connection) as captured:
                client.get(LISTS[name]["api"], params)
            statements = sorted(captured.captured_queries, key=lambda q: float(q["time"]), reverse=True)
            total = sum(float(q["time"]) for q in statements) * 1000
            print(f"\n=== {name}: {query_label(params)}: {len(statements)} statements, {total:.0f} ms of SQL")
            for rank, statement in enumerate(statements):
                print(f"{float(statement['time']) * 1000:8.1f} ms  {statement['sql'][:300]}")
                if rank < 3 and statement["sql"].lstrip().upper().startswith(("SELECT", "WITH")):
                    with connection.cursor() as cursor:
                        cursor.execute(prefix + statement["sql"].replace("%%", "%"))
                        for plan in cursor.fetchall():
                            print("              ", " | ".join(str(c) for c in plan))


def main():
    args = parse_args()
    _lock = hold_lock()  # held until the process ends
    code = code_fingerprint(FINGERPRINTED)
    setup_django(args.database_url)
    freeze_start_up()
    sizes = {"spaces": args.spaces, "events": args.events, "calls": args.calls}
    load = ensure_data(sizes, code, args.rebuild)
    modes = ["api", "api-fresh", "html"]
    opensearch_index = None
    if args.search_url:
        modes += ["opensearch", "opensearch-cold"]
        opensearch_index = index_opensearch(args.search_url, load, args.lists)
    if args.explain:
        explain(args.lists)
        return
    print(
        f"Timing {sum(len(LISTS[n]['queries']) for n in args.lists)} queries x {args.repeat} calls per mode "
        f"({', '.join(modes)}), in-process django.test.Client (no network, single client)."
    )
    load_before = os.getloadavg()
    lists = {}
    for name in args.lists:
        print(f"{name}:", flush=True)
        per_query, overall = run_list(name, modes, args.repeat)
        lists[name] = {
            "summary": overall,
            "targets": targets(per_query, overall, modes),
            "queries": per_query,
        }
    # Other processes on the machine skew the figures: keep the load average as a warning sign.
    load_average = {"before": load_before, "after": os.getloadavg()}
    write_results(sizes, args.repeat, code, load, lists, load_average, opensearch_index)
    for name, result in lists.items():
        for mode, s in result["summary"].items():
            if s is None:
                print(f"{name:>7} {mode:>10}: every query failed")
                continue
            # A mode without a target of its own (opensearch-cold) gets no verdict.
            target = result["targets"].get(mode)
            extra = f", most SQL queries {target['most']}" if mode == "html" else ""
            verdict = f": target {'met' if target['met'] else 'NOT met'}" if target else ""
            print(
                f"{name:>7} {mode:>10}: p50 {s['p50_ms']} ms, p95 {s['p95_ms']} ms, mean {s['mean_ms']} ms"
                f"{extra}{verdict}"
            )


if __name__ == "__main__":
    main()
