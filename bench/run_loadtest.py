"""Load test: gunicorn on 127.0.0.1 with the production settings, driven by Locust.

    .venv/bin/python bench/run_loadtest.py [--users 8] [--seconds 60] [--workers 3]

Builds a demo database of its own (bench/.data/loadtest.sqlite3: the demo site and its
members, as `make run` has them), collects the static files, starts gunicorn with
`portal.settings.production` (no TLS here: secure cookies and the HTTPS redirect are turned
off), runs the mixed scenario of bench/loadtest/locustfile.py headless for a bounded time, stops
everything and writes throughput, p50/p95/p99 and errors per request kind to
bench/results/loadtest.md and .json.
"""

import argparse
import csv
import datetime
import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from common import BENCH_DIR, DATA_DIR, RESULTS_DIR, ROOT, machine_line

DATABASE = DATA_DIR / "loadtest.sqlite3"
BIN = Path(sys.executable).parent
TARGET_P95_MS = 300


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=8, help="concurrent users (8)")
    parser.add_argument("--seconds", type=int, default=60, help="duration of the run (60)")
    parser.add_argument("--workers", type=int, default=3, help="gunicorn workers (3)")
    parser.add_argument("--rebuild", action="store_true", help="build the demo database again")
    return parser.parse_args()


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def environment(port, database=DATABASE):
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "SECRET_KEY": "loadtest-only-not-secret",
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": f"sqlite:///{database}",
        "SITE_URL": f"http://127.0.0.1:{port}",
        "EMAIL_URL": "consolemail://",
        # Plain HTTP on the loopback: no TLS to redirect to, cookies without the Secure flag.
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_HSTS_SECONDS": "0",
        "SESSION_COOKIE_SECURE": "false",
        "CSRF_COOKIE_SECURE": "false",
        "SEARCH_URL": "",
    }


def manage(env, *args):
    subprocess.run([str(BIN / "python"), "manage.py", *args], cwd=ROOT, env=env, check=True)


def prepare(env, rebuild, database=DATABASE):
    DATA_DIR.mkdir(exist_ok=True)
    if rebuild or not database.exists():
        database.unlink(missing_ok=True)
        print(f"Building {database.relative_to(ROOT)} (migrate, seed_demo)...", flush=True)
        manage(env, "migrate", "--no-input", "-v", "0")
        manage(env, "seed_demo", "-v", "0")
    else:
        manage(env, "migrate", "--no-input", "-v", "0")
    # Production queues the search index updates (pages, references) as tasks: run them, as the
    # deployed worker would, or the site search finds no page.
    manage(env, "db_worker", "--batch", "--no-startup-delay", "-v", "0")
    manage(env, "collectstatic", "--no-input", "-v", "0")


def serve(env, port, workers, log):
    """gunicorn on 127.0.0.1:port with the portal, its errors written to `log`; configured by
    gunicorn.conf.py as in production (the application preloaded in the master)."""
    command = [str(BIN / "gunicorn"), "portal.wsgi", "--config", str(ROOT / "gunicorn.conf.py")]
    command += ["--workers", str(workers)]
    command += ["--bind", f"127.0.0.1:{port}", "--log-level", "warning"]
    return subprocess.Popen(command, cwd=ROOT, env=env, stderr=log)


def wait_for(url, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as answer:
                if answer.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"gunicorn did not answer at {url}")


def read_stats(prefix):
    with Path(f"{prefix}_stats.csv").open() as handle:
        rows = list(csv.DictReader(handle))
    out = []
    for row in rows:
        out.append(
            {
                "name": row["Name"] if row["Name"] != "Aggregated" else "all requests",
                "method": row["Type"],
                "requests": int(row["Request Count"]),
                "failures": int(row["Failure Count"]),
                "rps": round(float(row["Requests/s"]), 1),
                "p50_ms": float(row["50%"]),
                "p95_ms": float(row["95%"]),
                "p99_ms": float(row["99%"]),
            }
        )
    return out


def data_size(database=DATABASE):
    import sqlite3

    with sqlite3.connect(database) as db:
        profiles = db.execute("SELECT COUNT(*) FROM directory_memberprofile").fetchone()[0]
        pages = db.execute("SELECT COUNT(*) FROM wagtailcore_page WHERE live").fetchone()[0]
    return {"profiles": profiles, "live_pages": pages}


def write_results(args, stats, memory_mb):
    total = next(row for row in stats if row["name"] == "all requests")
    size = data_size()
    met = total["failures"] == 0 and total["p95_ms"] < TARGET_P95_MS
    data = {
        "date": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "machine": machine_line(),
        "users": args.users,
        "seconds": args.seconds,
        "gunicorn_workers": args.workers,
        "worker_memory_mb": memory_mb,
        "data": size,
        "target": {"p95_ms": TARGET_P95_MS, "errors": 0, "met": met},
        "stats": stats,
    }
    RESULTS_DIR.mkdir(exist_ok=True)
    (RESULTS_DIR / "loadtest.json").write_text(json.dumps(data, indent=2) + "\n")
    lines = [
        "# Load test: mixed scenario against gunicorn",
        "",
        f"{data['date']} · {data['machine']} · load generator (Locust) on the same machine",
        "",
        f"{args.users} users without pause for {args.seconds} s, gunicorn with {args.workers} sync workers, "
        "`portal.settings.production` on SQLite with the demo data "
        f"(`seed_demo`: {size['profiles']} profiles, {size['live_pages']} live pages), "
        "database cache, database search; "
        "see bench/loadtest/locustfile.py for the mix.",
        "",
        f"**Target: 0 errors and p95 under {TARGET_P95_MS} ms: {'met' if met else 'NOT met'}** "
        f"({total['failures']} errors, p95 {total['p95_ms']:.0f} ms at {total['rps']} requests/s). "
        f"Worker memory (RSS) at the end: {', '.join(f'{m} MiB' for m in memory_mb) or 'n/a'}.",
        "",
        "| request | count | errors | req/s | p50 ms | p95 ms | p99 ms |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for row in stats:
        lines.append(
            f"| {row['method']} {row['name']} | {row['requests']} | {row['failures']} | {row['rps']} "
            f"| {row['p50_ms']:.0f} | {row['p95_ms']:.0f} | {row['p99_ms']:.0f} |"
        )
    (RESULTS_DIR / "loadtest.md").write_text("\n".join(lines) + "\n")
    return data


def _workers(master_pid):
    children = Path(f"/proc/{master_pid}/task/{master_pid}/children")
    return children.read_text().split() if children.exists() else []


def worker_memory(master_pid):
    """Each worker's resident set (RSS, MiB): every page it maps, its own and those it shares
    with the master and the other workers (the preloaded application) alike."""
    sizes = []
    for pid in _workers(master_pid):
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                sizes.append(round(int(line.split()[1]) / 1024))
    return sizes


def worker_sharing(master_pid):
    """Each worker's proportional set (PSS: shared pages divided among the processes sharing
    them) and unique set (USS: pages only it holds, what stopping it would free), MiB."""
    pss, uss = [], []
    for pid in _workers(master_pid):
        fields = {}
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()[1:]:
            name, value = line.split(":", 1)
            fields[name] = int(value.split()[0])
        pss.append(round(fields["Pss"] / 1024))
        uss.append(round((fields["Private_Clean"] + fields["Private_Dirty"]) / 1024))
    return {"pss": pss, "uss": uss}


def main():
    args = parse_args()
    port = free_port()
    env = environment(port)
    prepare(env, args.rebuild)
    base = f"http://127.0.0.1:{port}"
    log = (DATA_DIR / "loadtest-server.log").open("w")  # Django's error tracebacks land here
    server = serve(env, port, args.workers, log)
    try:
        wait_for(base + "/health/")
        prefix = DATA_DIR / "loadtest"
        subprocess.run(
            [
                str(BIN / "locust"),
                "-f",
                str(BENCH_DIR / "loadtest" / "locustfile.py"),
                "--headless",
                "--users",
                str(args.users),
                "--spawn-rate",
                str(args.users),
                "--run-time",
                f"{args.seconds}s",
                "--host",
                base,
                "--csv",
                str(prefix),
                "--only-summary",
                "--stop-timeout",
                "5",
            ],
            cwd=ROOT,
            check=False,
        )
        memory = worker_memory(server.pid)
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()
    data = write_results(args, read_stats(prefix), memory)
    total = next(row for row in data["stats"] if row["name"] == "all requests")
    print(
        f"{total['requests']} requests, {total['failures']} errors, {total['rps']} req/s, "
        f"p50 {total['p50_ms']:.0f} ms, p95 {total['p95_ms']:.0f} ms, p99 {total['p99_ms']:.0f} ms; "
        f"target {'met' if data['target']['met'] else 'NOT met'}. Wrote bench/results/loadtest.md"
    )
    if total["failures"]:
        print(f"Server errors, if any, are in {DATA_DIR / 'loadtest-server.log'}")


if __name__ == "__main__":
    main()
