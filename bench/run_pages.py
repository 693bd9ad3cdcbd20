"""Page benchmark: each kind of public page on its own, gunicorn on 127.0.0.1, driven by wrk.

    .venv/bin/python bench/run_pages.py [--seconds 10] [--kinds home,profile] [--rebuild]

Uses the environment of bench/run_loadtest.py (`portal.settings.production`, DEBUG off, SQLite,
database cache) on a demo database of its own (bench/.data/pages.sqlite3: migrate, seed_demo,
collectstatic), and gunicorn with 2 sync workers. The page addresses come from the demo data
(Django ORM and reverse(), in French), so no id is written here. First, in this process, the SQL
queries of each page: counted on a second request (caches filled) with CaptureQueriesContext, and
once more with the visitors' cache off (what a page costs when it is built), each statement with
the code and template it comes from. Then, for each page kind against gunicorn: a check that it
answers 200, a 1 s warm-up, `wrk -t2 -c4 -d<seconds>s --latency` (requests/s, p50, p99); at the
end, each worker's memory (RSS, PSS, USS). Installs wrk from Debian when it is missing. Results in
bench/results/pages.md and .json.
"""

import argparse
import datetime
import http.client
import json
import os
import re
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

from common import DATA_DIR, RESULTS_DIR, ROOT, machine_line
from run_loadtest import (
    data_size,
    environment,
    free_port,
    prepare,
    serve,
    wait_for,
    worker_memory,
    worker_sharing,
)

DATABASE = DATA_DIR / "pages.sqlite3"
WORKERS = 2
# The targets. bakerydemo's throughput on these machines (req/s): listing 37-44, detail
# 46-52; the portal should reach 1.5 times the upper figure.
TARGET_QUERIES = 12
TARGET_MEMORY_MB = 120
BAKERYDEMO_RPS = {"listing": 44, "detail": 52}
TARGET_RATIO = 1.5


def home():
    from portal.pages.models import HomePage

    return HomePage.objects.live().get(locale__language_code="fr").url


def cms_page():
    from portal.charter.models import ValuesCharterPage
    from portal.ethics.models import EthicsCommitteePage

    for model in (ValuesCharterPage, EthicsCommitteePage):
        page = model.objects.live().public().filter(locale__language_code="fr").first()
        if page:
            return page.url
    return None


def first_url(queryset):
    found = queryset.order_by("pk").first()
    return found.get_absolute_url() if found else None


def profile():
    from directory.models import MemberProfile

    return first_url(MemberProfile.objects.public())


def space():
    from coworking.models import Space

    return first_url(Space.objects.public())


def event():
    from agenda.models import Event

    # An upcoming event is what the listing links to; a past one if the demo has none.
    return first_url(Event.objects.public().upcoming()) or first_url(Event.objects.public())


def call():
    from calls.models import Call

    return first_url(Call.objects.public().live()) or first_url(Call.objects.public())


def named(name, query=""):
    from django.urls import reverse

    return lambda: reverse(name) + query


# kind -> (family for the throughput target, how to find its address in French)
KINDS = {
    "home": ("detail", home),
    "cms-page": ("detail", cms_page),
    "directory": ("listing", named("directory:index")),
    "profile": ("detail", profile),
    "directory-search": ("listing", named("directory:index", "?q=graphiste")),
    "spaces": ("listing", named("coworking:index")),
    "space": ("detail", space),
    "events": ("listing", named("agenda:index")),
    "event": ("detail", event),
    "calls": ("listing", named("calls:index")),
    "call": ("detail", call),
    "calls-search": ("listing", named("calls:index", "?q=festival")),
    "site-search": ("listing", named("pages:search", "?q=charte")),
    "sitemap": ("sitemap", named("sitemap")),
}


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=10, help="wrk run per page kind (10)")
    parser.add_argument("--kinds", default=",".join(KINDS), help="comma list of page kinds (all)")
    parser.add_argument("--rebuild", action="store_true", help="build the demo database again")
    args = parser.parse_args()
    args.kinds = [kind.strip() for kind in args.kinds.split(",") if kind.strip()]
    unknown = [kind for kind in args.kinds if kind not in KINDS]
    if unknown:
        parser.error(f"unknown page kinds {', '.join(unknown)}; known: {', '.join(KINDS)}")
    return args


def ensure_wrk():
    """wrk from Debian, installed here when missing (the bench's own load tool)."""
    if shutil.which("wrk"):
        return
    if os.geteuid() != 0:
        raise SystemExit("wrk is not installed and installing it needs root: sudo apt-get install -y wrk")
    print("Installing wrk (apt-get)...", flush=True)
    apt_env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    install = ["apt-get", "install", "-y", "-q", "wrk"]
    # Package lists may be missing on a fresh machine: update them once, then try again.
    if subprocess.run(install, env=apt_env, check=False).returncode != 0:
        subprocess.run(["apt-get", "update", "-q"], env=apt_env, check=False)
        subprocess.run(install, env=apt_env, check=False)
    if not shutil.which("wrk"):
        raise SystemExit("Could not install wrk with apt-get (see above): install it and run again.")


def setup_django(env, port):
    """Django in this process, on the same database and settings as gunicorn."""
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.cache import caches
    from wagtail.models import Site

    # seed_demo stored the port of the run that built the database; absolute links (sitemap,
    # canonical) should name this run's. Kept answers from an earlier run go too.
    site = Site.objects.get(is_default_site=True)
    site.hostname, site.port = "127.0.0.1", port
    site.save()  # its signal also drops Wagtail's cached site root paths
    caches["visitors"].clear()


def discover(kinds):
    from django.utils import translation

    urls = {}
    with translation.override("fr"):
        for kind in kinds:
            url = KINDS[kind][1]()
            if not url:
                raise SystemExit(f"No address for page kind {kind!r}: the demo data has none (try --rebuild)")
            urls[kind] = url
    return urls


def fetch(port, url, gzip=False):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request("GET", url, headers={"Accept-Encoding": "gzip"} if gzip else {})
        answer = connection.getresponse()
        return answer.status, answer.getheader("Content-Encoding"), answer.read()
    finally:
        connection.close()


def check_pages(port, urls, log_path):
    """Every page must answer 200 itself (no redirect) before it is timed."""
    sizes = {}
    for kind, url in urls.items():
        status, _encoding, body = fetch(port, url)
        if status != 200:
            raise SystemExit(f"{kind}: {url} answered {status}, not 200 (server log: {log_path})")
        _status, encoding, compressed = fetch(port, url, gzip=True)
        sizes[kind] = {"html_bytes": len(body), "gzip_bytes": len(compressed) if encoding == "gzip" else None}
    return sizes


UNITS = {"us": 1e-3, "ms": 1.0, "s": 1e3, "m": 60e3, "h": 3600e3}


def milliseconds(text):
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m|h)", text).groups()
    return round(float(number) * UNITS[unit], 2)


def parse_wrk(output):
    latency = dict(re.findall(r"^\s+(50|75|90|99)%\s+(\S+)", output, re.M))
    requests = re.search(r"(\d+) requests in", output)
    rps = re.search(r"Requests/sec:\s+([\d.]+)", output)
    if not (latency and requests and rps):
        raise SystemExit(f"Could not read wrk's output:\n{output}")
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    socket_errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    return {
        "requests": int(requests.group(1)),
        "rps": round(float(rps.group(1)), 1),
        "p50_ms": milliseconds(latency["50"]),
        "p99_ms": milliseconds(latency["99"]),
        "errors": (int(non_2xx.group(1)) if non_2xx else 0)
        + (sum(map(int, socket_errors.groups())) if socket_errors else 0),
    }


def wrk(url, seconds):
    command = ["wrk", "-t2", "-c4", f"-d{seconds}s", "--latency", url]
    done = subprocess.run(command, capture_output=True, text=True, timeout=seconds + 30, check=True)
    return done.stdout


def load(base, urls, seconds):
    results = {}
    for kind, url in urls.items():
        wrk(base + url, 1)  # warm-up: each worker's caches, the visitors' cache
        results[kind] = parse_wrk(wrk(base + url, seconds))
        row = results[kind]
        print(
            f"  {kind:<17} {row['rps']:>7} req/s  p50 {row['p50_ms']:>7} ms  p99 {row['p99_ms']:>7} ms"
            f"  errors {row['errors']}",
            flush=True,
        )
    return results


def shape(sql):
    """A statement without its values, so that the same query run for each row shows up."""
    sql = re.sub(r"'(?:[^']|'')*'", "?", sql)
    sql = re.sub(r"\b\d+(?:\.\d+)?\b", "?", sql)
    return re.sub(r"\(\?(?:, \?)*\)", "(…)", sql)


def brief(sql):
    """The statement without its long column list, cut at 300 characters: enough to tell it."""
    return re.sub(r"^SELECT (.{60,}?) FROM ", "SELECT … FROM ", sql, count=1)[:300]


def where(frame):
    path = frame.f_code.co_filename
    short = path.split("/site-packages/")[-1] if "/site-packages/" in path else Path(path).relative_to(ROOT)
    return f"{short}:{frame.f_lineno} {frame.f_code.co_name}"


def origin():
    """Where the running statement comes from: the innermost caller outside Django's ORM (often
    Wagtail's), the innermost line of the project's code and the innermost template being
    rendered (many queries are attribute lookups in templates)."""
    caller = code = template = None
    frame = sys._getframe(2)
    while frame and not (code and template):
        path = frame.f_code.co_filename
        if not caller and "/django/db/" not in path and "/django/core/cache/" not in path:
            caller = where(frame)
        if not code and path.startswith(str(ROOT)) and "/.venv/" not in path and "/bench/" not in path:
            code = where(frame)
        if not template and frame.f_code.co_name == "_render" and path.endswith("django/template/base.py"):
            template = getattr(getattr(frame.f_locals.get("self"), "origin", None), "template_name", None)
        frame = frame.f_back
    return {"caller": caller, "code": code, "template": template}


def count_queries(port, urls):
    """SQL per page in this process: the second request (caches filled) as served, then one
    with the visitors' cache off, the work a page costs when it is built."""
    from django.db import connection
    from django.test import Client, override_settings
    from django.test.utils import CaptureQueriesContext

    # The address and port gunicorn serves, as wrk sends them: the same Site matches.
    client = Client(HTTP_HOST=f"127.0.0.1:{port}", SERVER_PORT=str(port))

    def captured(url):
        origins = []

        def record(execute, sql, params, many, context):
            origins.append(origin())
            return execute(sql, params, many, context)

        client.cookies.clear()  # wrk sends no cookie: an anonymous visitor every time
        with CaptureQueriesContext(connection) as queries, connection.execute_wrapper(record):
            response = client.get(url)
        if response.status_code != 200:
            raise SystemExit(f"{url} answered {response.status_code} in process")
        # COMMIT and ROLLBACK are logged without passing through the execute wrappers.
        pending = iter(origins)
        return [
            {"sql": brief(query["sql"]), **({} if query["sql"] in ("COMMIT", "ROLLBACK") else next(pending))}
            for query in queries.captured_queries
        ]

    counts = {}
    for kind, url in urls.items():
        captured(url)
        warm = captured(url)
        with override_settings(VISITOR_CACHE_SECONDS=0):
            built = captured(url)
        repeated = Counter(shape(query["sql"]) for query in built)
        counts[kind] = {
            "queries": len(warm),
            "queries_uncached": len(built),
            "sql": warm,
            "sql_uncached": built,
            "repeated_uncached": [
                {"count": n, "sql": brief(sql)} for sql, n in repeated.most_common() if n > 1
            ],
        }
    return counts


def write_results(args, rows, memory_mb, load_average, sharing):
    size = data_size(DATABASE)
    data = {
        "date": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "machine": machine_line(),
        "load_average": load_average,
        "seconds": args.seconds,
        "gunicorn_workers": WORKERS,
        "wrk": f"wrk -t2 -c4 -d{args.seconds}s --latency URL",
        "worker_memory_mb": memory_mb,
        "worker_memory_pss_mb": sharing["pss"],
        "worker_memory_uss_mb": sharing["uss"],
        "data": size,
        "targets": {
            "queries": TARGET_QUERIES,
            "worker_memory_mb": TARGET_MEMORY_MB,
            "rps": {family: TARGET_RATIO * rps for family, rps in BAKERYDEMO_RPS.items()},
            "memory_met": bool(memory_mb) and max(memory_mb) <= TARGET_MEMORY_MB,
        },
        "pages": rows,
    }
    RESULTS_DIR.mkdir(exist_ok=True)
    (RESULTS_DIR / "pages.json").write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n")

    def mark(met):
        return "n/a" if met is None else ("met" if met else "**NOT met**")

    memory = ", ".join(f"{m} MiB" for m in memory_mb) or "n/a"
    lines = [
        "# Page benchmark: each kind of page against gunicorn",
        "",
        f"{data['date']} · {data['machine']} · wrk on the same machine · "
        f"load average before/after: {load_average['before']} / {load_average['after']}",
        "",
        f"gunicorn with {WORKERS} sync workers, `portal.settings.production` (DEBUG off) on SQLite with the "
        f"demo data (`seed_demo`: {size['profiles']} profiles, {size['live_pages']} live pages), database "
        f"cache, database search. Per page: 1 s warm-up, then `{data['wrk']}`. SQL queries: the second "
        "anonymous request in process (caches filled, as served); *built*: the same with the visitors' "
        "cache off (`VISITOR_CACHE_SECONDS=0`), what the page costs when it is not kept.",
        "",
        f"Targets (issue 13): at most {TARGET_QUERIES} SQL queries per page; worker memory at most "
        f"{TARGET_MEMORY_MB} MiB; at least {TARGET_RATIO}× bakerydemo's throughput (bakerydemo here: listing "
        f"37-44 req/s, detail 46-52 req/s, so listing ≥ {data['targets']['rps']['listing']:g} and detail "
        f"≥ {data['targets']['rps']['detail']:g} req/s).",
        "",
        "| page kind | URL | req/s | p50 ms | p99 ms | errors | SQL queries | SQL built | HTML KiB "
        f"| ≤ {TARGET_QUERIES} queries | throughput |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |",
    ]
    for row in rows:
        html = f"{row['html_bytes'] / 1024:.1f}"
        if row["gzip_bytes"] is not None:
            html += f" (gzip {row['gzip_bytes'] / 1024:.1f})"
        lines.append(
            f"| {row['kind']} | `{row['url']}` | {row['rps']} | {row['p50_ms']:.1f} | {row['p99_ms']:.1f} "
            f"| {row['errors']} | {row['queries']} | {row['queries_uncached']} | {html} "
            f"| {mark(row['queries_met'])} | {mark(row['rps_met'])} |"
        )
    compressed = any(row["gzip_bytes"] is not None for row in rows)
    lines += [
        "",
        f"Worker memory (RSS) at the end: {memory}; target {mark(data['targets']['memory_met'])}. "
        "gunicorn preloads the application (gunicorn.conf.py): RSS counts the pages each worker "
        "shares with the master and the other worker in full; shared pages divided among them (PSS): "
        f"{', '.join(f'{m} MiB' for m in sharing['pss']) or 'n/a'}; the worker's own (USS): "
        f"{', '.join(f'{m} MiB' for m in sharing['uss']) or 'n/a'}.",
        "",
        "HTML sizes are the bodies gunicorn sends"
        + ("; gzip where it compressed them." if compressed else "; it compressed none of them."),
        "The statements of each page, and those that repeat, are in pages.json.",
    ]
    (RESULTS_DIR / "pages.md").write_text("\n".join(lines) + "\n")
    return data


def main():
    args = parse_args()
    ensure_wrk()
    port = free_port()
    env = environment(port, DATABASE)
    prepare(env, args.rebuild, DATABASE)
    setup_django(env, port)
    urls = discover(args.kinds)
    print("Counting each page's SQL queries in process...", flush=True)
    counts = count_queries(port, urls)
    from django.db import connections

    connections.close_all()  # gunicorn's workers have the database to themselves during the runs
    base = f"http://127.0.0.1:{port}"
    log_path = DATA_DIR / "pages-server.log"  # Django's error tracebacks land here
    load_average = {"before": [round(x, 2) for x in os.getloadavg()]}
    with log_path.open("w") as log:
        server = serve(env, port, WORKERS, log)
        try:
            wait_for(base + "/health/")
            sizes = check_pages(port, urls, log_path)
            print(f"{len(urls)} page kinds, {args.seconds} s each:", flush=True)
            timings = load(base, urls, args.seconds)
            memory = worker_memory(server.pid)
            sharing = worker_sharing(server.pid)
        finally:
            server.terminate()
            server.wait(timeout=30)
    load_average["after"] = [round(x, 2) for x in os.getloadavg()]
    rows = []
    for kind, url in urls.items():
        family = KINDS[kind][0]
        target = BAKERYDEMO_RPS.get(family)
        row = {"kind": kind, "family": family, "url": url, **timings[kind], **sizes[kind], **counts[kind]}
        row["queries_met"] = row["queries"] <= TARGET_QUERIES
        row["rps_met"] = None if target is None else row["rps"] >= TARGET_RATIO * target
        rows.append(row)
    data = write_results(args, rows, memory, load_average, sharing)
    print(f"Worker memory: {', '.join(f'{m} MiB' for m in memory)}. Wrote bench/results/pages.md and .json")
    over = [f"{row['kind']} ({row['queries']})" for row in data["pages"] if not row["queries_met"]]
    if over:
        print(f"More than {TARGET_QUERIES} SQL queries: {', '.join(over)}")


if __name__ == "__main__":
    main()
