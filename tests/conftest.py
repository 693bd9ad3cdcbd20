import os
import subprocess
import uuid
from pathlib import Path

import pytest
from django.core.cache import caches
from django.utils import translation
from wagtail.models import Locale

from portal.charter.models import ValuesCharterPage
from portal.demo.seed import DEMO_PASSWORD, Seeder
from portal.ethics.models import EthicsCommitteePage
from portal.pages.models import HomePage

LANGUAGES = ["fr", "nl", "de", "en"]


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The demo site, built once per session; each test runs in a rolled-back transaction."""
    from agenda.demo import seed as seed_events
    from coworking.demo import seed as seed_spaces

    with django_db_blocker.unblock():
        Seeder().run()
        # Offices, partner spaces, rooms and photos (about a second); no directory members here,
        # so the only demo bookings and base spaces are the demo logins'.
        seed_spaces()
        # The calendar, at those spaces and elsewhere; its registrants are invented guests.
        seed_events()


@pytest.fixture(autouse=True)
def _default_language():
    # URLs reversed in a test follow the active language: start each test in French.
    translation.activate("fr")
    yield
    translation.activate("fr")


@pytest.fixture(autouse=True)
def _clear_cache():
    # Rate-limit counters live in the cache, answers kept for visitors in their own.
    for alias in ("default", "visitors", "renditions"):
        caches[alias].clear()
    yield
    for alias in ("default", "visitors", "renditions"):
        caches[alias].clear()


@pytest.fixture
def demo_site(transactional_db):
    """The demo site for a browser journey.

    The first transactional test still has the session's data; the next ones start from a
    flushed database, so the migrations' data (root page, groups, places) is put back first.
    """
    from django.apps import apps
    from wagtail.models import Locale, Page

    from agenda.demo import seed as seed_events
    from calls.demo import seed as seed_calls
    from coworking.demo import seed as seed_spaces
    from coworking.groups import ensure_groups as ensure_space_groups
    from directory.demo import seed as seed_members
    from portal.accounts.groups import ensure_groups
    from portal.demo.seed import Seeder
    from portal.places.loader import load_places
    from portal.taxonomy.loader import load_taxonomy

    if not Page.objects.filter(depth=1).exists():
        locale, _created = Locale.objects.get_or_create(language_code="fr")
        Page.add_root(instance=Page(title="Root", slug="root", locale=locale))
        ensure_groups()
        ensure_space_groups()
        load_places(apps)
        load_taxonomy(apps)
    Seeder().run()
    seed_members(members=None)
    seed_spaces()
    seed_events()
    seed_calls()


@pytest.fixture(autouse=True)
def _mail_through_the_queue(settings):
    # Django's test setup swaps EMAIL_BACKEND for locmem; the product queues every message, so
    # the tests do too (delivery then lands in the outbox: settings.MAIL_DELIVERY_BACKEND).
    settings.EMAIL_BACKEND = "portal.mail.backends.QueuedEmailBackend"


@pytest.fixture
def task_worker(settings, monkeypatch):
    """The production task set-up: the database backend, and its worker (`db_worker`) run on
    demand; call the returned function to let it process whatever is due, then stop."""
    from django.core.management import call_command
    from django.db import connection
    from django_tasks_db.management.commands import db_worker

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    # The worker closes stale connections between tasks; inside a test's rolled-back
    # transaction that would close the test's own connection (on PostgreSQL).
    real_close = db_worker.close_old_connections
    monkeypatch.setattr(
        db_worker,
        "close_old_connections",
        lambda **kwargs: None if connection.in_atomic_block else real_close(**kwargs),
    )

    def run():
        call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", "--interval", "0")

    return run


@pytest.fixture
def password():
    return DEMO_PASSWORD


def page_in(model, language):
    return model.objects.get(locale=Locale.objects.get(language_code=language))


@pytest.fixture
def homes(db):
    return {lang: page_in(HomePage, lang) for lang in LANGUAGES}


@pytest.fixture
def charters(db):
    return {lang: page_in(ValuesCharterPage, lang) for lang in LANGUAGES}


@pytest.fixture
def committees(db):
    return {lang: page_in(EthicsCommitteePage, lang) for lang in LANGUAGES}


OPENSEARCH_SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "opensearch"


@pytest.fixture(scope="session")
def opensearch_url():
    """A real OpenSearch node: the one `make test` started (TEST_SEARCH_URL), else one started
    here with scripts/opensearch and stopped at the end of the session."""
    url = os.environ.get("TEST_SEARCH_URL")
    if url:
        yield url
        return
    already = subprocess.run([OPENSEARCH_SCRIPT, "status"], capture_output=True).returncode == 0
    started = subprocess.run([OPENSEARCH_SCRIPT, "start"], capture_output=True, text=True)
    if started.returncode:
        pytest.fail(f"scripts/opensearch start failed:\n{started.stderr[-3000:]}")
    yield started.stdout.strip().splitlines()[-1]
    if not already:
        subprocess.run([OPENSEARCH_SCRIPT, "stop"], capture_output=True)


@pytest.fixture
def search_engine(settings, opensearch_url):
    """Search on the OpenSearch node, with indexes of this test's own (the database rolls
    back between tests, the engine does not); they are deleted afterwards."""
    from opensearchpy import OpenSearch

    prefix = f"test-{uuid.uuid4().hex[:10]}"
    settings.SEARCH_URL = opensearch_url
    settings.SEARCH_INDEX_PREFIX = prefix
    settings.SEARCH_BACKEND = ""
    yield prefix
    OpenSearch(hosts=[opensearch_url]).indices.delete(index=f"{prefix}-*", ignore_unavailable=True)
