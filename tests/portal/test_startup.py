"""What a gunicorn worker holds once started (issue 13: worker memory), checked in a fresh
process with the production settings on SQLite: the libraries the portal never runs stay out
(portal/startup.py), and gunicorn.conf.py prepares the master for forking."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

# Runs in the fresh process: the application as gunicorn loads it (preload), then the master's
# when_ready() of gunicorn.conf.py, then first uses of what was left lazy.
SCRIPT = """
import gc, json, runpy, sys, types

import portal.wsgi  # django.setup(), as gunicorn's master does with preload_app

config = runpy.run_path("gunicorn.conf.py")
config["when_ready"](types.SimpleNamespace(cfg=types.SimpleNamespace(preload_app=True)))
from django.db import connections

loaded = sorted(name for name in sys.modules if sys.modules[name] is not None)
state = {
    "preload_app": config["preload_app"],
    "frozen": gc.get_freeze_count(),
    "urls_loaded": "portal.urls" in sys.modules,
    "connections_open": [c.alias for c in connections.all() if c.connection is not None],
    "loaded": loaded,
}
# Left lazy, not left out: the first use loads them.
import jinja2
jinja2.Environment
from allauth.mfa.webauthn.internal import flows
flows.auth.get_server
import wagtail.api.v3.api
state["after_use"] = {
    "jinja2": "jinja2.environment" in sys.modules,
    "fido2": "fido2" in sys.modules,
    "api_v3": type(wagtail.api.v3.api.api).__name__,
}
print(json.dumps(state))
"""


@pytest.fixture(scope="module")
def started(tmp_path_factory):
    environment = {
        key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "DATABASE_URL"))
    }
    environment.update(
        DJANGO_SETTINGS_MODULE="portal.settings.production",
        SECRET_KEY="startup-test-only-" + "x" * 40,
        ALLOWED_HOSTS="portal.example",
        DATABASE_URL="sqlite:///" + str(tmp_path_factory.mktemp("startup") / "db.sqlite3"),
        SEARCH_URL="",
    )
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


def loaded(started, package):
    return [name for name in started["loaded"] if name == package or name.startswith(package + ".")]


@pytest.mark.parametrize(
    "package, why",
    [
        ("ninja", "Wagtail's API v3, which the portal does not serve (portal/wagtail_apps.py)"),
        ("psycopg", "DRF's optional PostgreSQL fields, on SQLite"),
        ("pygments", "DRF's browsable API highlighting"),
        ("requests", "DRF's test client and wagtail.embeds (not installed)"),
        ("fido2", "allauth's WebAuthn, not among MFA_SUPPORTED_TYPES"),
        ("cryptography", "through fido2"),
        ("jinja2.environment", "django.test.utils, imported by Wagtail"),
        ("icalendar", "only when a calendar file is made"),
        ("feedparser", "only when calls are imported"),
        ("wagtail.api.v3.api", "the placeholder is gone after startup"),
    ],
)
def test_a_worker_leaves_out_what_the_portal_never_runs(started, package, why):
    assert not loaded(started, package), why


def test_what_was_left_lazy_still_works_when_used(started):
    assert started["after_use"] == {"jinja2": True, "fido2": True, "api_v3": "NinjaAPI"}


def test_the_master_loads_the_urls_closes_its_connections_and_freezes_before_forking(started):
    assert started["preload_app"] is True
    assert started["urls_loaded"]
    assert started["connections_open"] == []
    assert started["frozen"] > 100_000
