"""What the benchmark scripts share: their folders, Django set up for an in-process run, the
bench database's life cycle, the timing of one query, the machine's description, the run lock
and the writing of the results."""

import datetime
import fcntl
import hashlib
import json
import logging
import os
import platform
import sqlite3
import statistics
import sys
import time
from importlib import import_module
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
ROOT = BENCH_DIR.parent
DATA_DIR = BENCH_DIR / ".data"
RESULTS_DIR = BENCH_DIR / "results"
WARMUP = 2


def hold_lock():
    """One run at a time: runs share bench/.data, and two runs on two cores skew each other."""
    DATA_DIR.mkdir(exist_ok=True)
    lock = (DATA_DIR / "run.lock").open("w")
    try:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        raise SystemExit(
            "Another benchmark is running (bench/.data/run.lock); try again when it ends."
        ) from None
    return lock  # released when the process ends


def add_run_options(parser, default_database_url, database_name, loaded, timed):
    """The options both directory and lists benchmarks take: calls per query, the bench
    database, reloading it, and an OpenSearch node."""
    parser.add_argument("--repeat", type=int, default=20, help="timed calls per query and mode (20)")
    parser.add_argument(
        "--database-url",
        default=default_database_url,
        help=f"bench database; e.g. postgres://user@localhost/{database_name} (it is dropped and rebuilt)",
    )
    parser.add_argument("--rebuild", action="store_true", help=f"load the {loaded} again even if present")
    parser.add_argument(
        "--search-url",
        default="",
        help=f"an OpenSearch node (scripts/opensearch start): also index there and time the {timed} on it",
    )


def setup_django(database_url):
    """Django in this process on the bench database, DEBUG off, and the project's URLs loaded."""
    os.environ["DJANGO_SETTINGS_MODULE"] = "portal.settings.dev"
    os.environ["DEBUG"] = "false"
    os.environ["DATABASE_URL"] = database_url
    # django.test.Client talks to "testserver"; setup_test_environment() would add it but also
    # instruments template rendering, which would skew the HTML timings.
    os.environ["ALLOWED_HOSTS"] = "testserver,127.0.0.1,localhost"
    # The same call repeated would be answered from the visitors' cache (portal.cache): the
    # benchmarks measure the searches themselves.
    os.environ["VISITOR_CACHE_SECONDS"] = "0"
    sys.path.insert(0, str(ROOT))
    DATA_DIR.mkdir(exist_ok=True)
    import django
    from django.conf import settings

    # With DEBUG off the manifest storage needs collectstatic; the plain storage gives the same
    # {% static %} URLs without writing outside bench/.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    django.setup()
    import_module(settings.ROOT_URLCONF)  # the views and APIs, while they match the fingerprint
    # A failing query is recorded in the results (the first line of its error).
    logging.getLogger("django.request").setLevel(logging.CRITICAL)


def code_fingerprint(patterns):
    """A short hash of each source file matching `patterns`, taken before Django imports them."""
    files = sorted({path for pattern in patterns for path in ROOT.glob(pattern)})
    return {str(p.relative_to(ROOT)): hashlib.sha256(p.read_bytes()).hexdigest()[:12] for p in files}


# Loading -------------------------------------------------------------------------------------


class Progress:
    """What the demo's create_* functions write, one line each, with the elapsed time."""

    def __init__(self):
        self.start = time.perf_counter()

    def write(self, message):
        print(f"{message.rstrip()}  ({time.perf_counter() - self.start:.0f} s)", flush=True)


def reset_database():
    """Start from an empty database: delete the SQLite file, or drop and create the PostgreSQL one."""
    from django.db import connection

    connection.close()
    if connection.vendor == "sqlite":
        name = Path(connection.settings_dict["NAME"])
        for path in (name, *(name.with_name(name.name + s) for s in ("-wal", "-shm", "-journal"))):
            path.unlink(missing_ok=True)
        return
    name = connection.ops.quote_name(connection.settings_dict["NAME"])
    with connection._nodb_cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS {name}")
        cursor.execute(f"CREATE DATABASE {name}")


# Measuring -----------------------------------------------------------------------------------


def timing_method(repeat):
    """How the figures were taken, as the results state it."""
    return (
        "in-process django.test.Client (no network, no WSGI server), one client, one thread; "
        f"{WARMUP} warm-up calls then {repeat} timed calls per query and mode (time.perf_counter)"
    )


def summary(seconds):
    ms = sorted(s * 1000 for s in seconds)
    p95 = statistics.quantiles(ms, n=20, method="inclusive")[18] if len(ms) > 1 else ms[0]
    mean = statistics.fmean(ms)
    return {
        "n": len(ms),
        "p50_ms": round(statistics.median(ms), 2),
        "p95_ms": round(p95, 2),
        "mean_ms": round(mean, 2),
        "min_ms": round(ms[0], 2),
        "max_ms": round(ms[-1], 2),
        "qps": round(1000 / mean, 2),
    }


def measure(call, params, repeat):
    """`call(params)` (returning status and answer) timed `repeat` times after WARMUP calls,
    with the SQL statements of one more call."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    # A call may carry `before`, run untimed ahead of each call (e.g. emptying a cache).
    before = getattr(call, "before", None) or (lambda: None)
    for _ in range(WARMUP):
        before()
        status, answer = call(params)
        if status != 200:
            raise RuntimeError(f"HTTP {status}")
    samples = []
    for _ in range(repeat):
        before()
        started = time.perf_counter()
        call(params)
        samples.append(time.perf_counter() - started)
    # One more, untimed call counts the SQL statements (capturing adds its own overhead).
    with CaptureQueriesContext(connection) as captured:
        call(params)
    slowest = sorted(captured.captured_queries, key=lambda q: float(q["time"]), reverse=True)[:3]
    return {
        **summary(samples),
        "answer": answer,
        "sql_queries": len(captured.captured_queries),
        "sql_ms": round(sum(float(q["time"]) for q in captured.captured_queries) * 1000, 1),
        "slowest_sql": [{"ms": round(float(q["time"]) * 1000, 1), "sql": q["sql"][:600]} for q in slowest],
        "samples_ms": [round(s * 1000, 2) for s in samples],
    }


def afresh(call):
    """`call` with the lookups the database backend keeps (bitsets.kept_text: a word's matches,
    a place's distances) dropped before each call, untimed: as for words and places nobody
    searched since the index last changed."""
    from portal.search.bitsets import forget_texts

    return preceded(call, forget_texts)


def preceded(call, before):
    """`call` as a mode of its own, with `before` run untimed ahead of each call (measure())."""

    def mode(params):
        return call(params)

    mode.before = before
    return mode


def cold(call, document_name):
    """`call` with nothing kept, before each call (untimed): the node's request cache of the
    document's index (facet counts) and the representations the process kept
    (portal.search.api), as for a search nobody made since the index last changed."""
    from django.conf import settings

    from portal.search.api import kept_representations
    from portal.search.opensearch import client

    def nothing_kept():
        client().indices.clear_cache(index=f"{settings.SEARCH_INDEX_PREFIX}-{document_name}", request=True)
        kept_representations.clear()

    return preceded(call, nothing_kept)


def measure_modes(calls, modes, params, repeat):
    """{mode: figures} of one query; a mode that fails keeps the first line of its error."""
    row = {}
    for mode in modes:
        try:
            row[mode] = measure(calls[mode], params, repeat)
        except Exception as error:  # one failing query must not lose the whole run
            row[mode] = {"error": f"{type(error).__name__}: {error}".splitlines()[0][:300]}
    return row


def print_problems(row, modes, indent):
    """The row's warning and its modes' errors, a line each."""
    for problem in [row.get("warning"), *(row[mode].get("error") for mode in modes)]:
        if problem:
            print(f"{indent}WARNING: {problem}")


def summarise(per_query, modes):
    """{mode: summary of its samples over all the queries, or None where every query failed}."""
    overall = {}
    for mode in modes:
        samples = [s / 1000 for row in per_query for s in row[mode].get("samples_ms", [])]
        overall[mode] = summary(samples) if samples else None
    return overall


# Reporting -----------------------------------------------------------------------------------


def machine_info(sqlite_version=False):
    """The machine, the software and the database server; with `sqlite_version`, also the SQLite
    library's version whatever the database (the directory's results have always kept it)."""
    import django
    from django.db import connection

    cpu = ""
    try:
        lines = Path("/proc/cpuinfo").read_text().splitlines()
        cpu = next(line.split(":", 1)[1].strip() for line in lines if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    with connection.cursor():
        pass
    server = ""
    if connection.vendor == "postgresql":
        server = f"{connection.pg_version // 10000}.{connection.pg_version % 10000}"  # 150018 -> 15.18
    elif connection.vendor == "sqlite":
        server = sqlite3.sqlite_version
    info = {
        "platform": platform.platform(),
        "cpu": cpu or platform.processor(),
        "cpu_count": os.cpu_count(),
        "python": platform.python_version(),
        "django": django.get_version(),
    }
    if sqlite_version:
        info["sqlite_version"] = sqlite3.sqlite_version
    return {
        **info,
        "db_vendor": connection.vendor,
        "db_version": server,
        "date": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
    }


def machine_line():
    """The processor, its count and Python in one line, as the gunicorn benchmarks report them."""
    return (
        f"{platform.processor() or platform.machine()} · {os.cpu_count()} CPUs"
        f" · Python {platform.python_version()}"
    )


def write_atomically(path, text):
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_text(text)
    temporary.replace(path)


def save_results(path, data, markdown, render):
    """`data` as JSON at `path`, then `markdown` from `render()`, which reads every result file
    (this one included)."""
    path.parent.mkdir(exist_ok=True)
    write_atomically(path, json.dumps(data, indent=2, ensure_ascii=False) + "\n")
    write_atomically(markdown, render())
    print(f"Wrote {path.relative_to(ROOT)} and {markdown.relative_to(ROOT)}")
