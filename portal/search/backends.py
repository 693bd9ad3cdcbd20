"""Which backend answers, and keeping every index current.

The database index is always kept, so that the portal can answer from it when the engine is
down (SEARCH_FALLBACK_TO_DATABASE); the OpenSearch index is kept too when SEARCH_URL is set.
"""

import logging

from django.conf import settings
from django.utils.module_loading import import_string

from portal.cache import content_stamp
from portal.search.database import DatabaseBackend
from portal.search.documents import SearchUnavailable

logger = logging.getLogger(__name__)
OPENSEARCH_BACKEND = "portal.search.opensearch.OpenSearchBackend"


def _engine_class():
    """The engine's class when one is configured (SEARCH_BACKEND overrides, e.g. in tests)."""
    path = getattr(settings, "SEARCH_BACKEND", "")
    if not path:
        path = OPENSEARCH_BACKEND if settings.SEARCH_URL else ""
    return import_string(path) if path and path != "database" else None


def get_backend(document):
    """The backend that answers this document's searches."""
    engine = _engine_class()
    return engine(document) if engine else DatabaseBackend(document)


def index_backends(document):
    backends = [DatabaseBackend(document)]
    engine = _engine_class()
    if engine and settings.SEARCH_URL:
        backends.append(engine(document))
    return backends


def search(query):
    """Search with the configured backend, falling back to the database when the engine is
    down and SEARCH_FALLBACK_TO_DATABASE is set (else SearchUnavailable is raised)."""
    backend = get_backend(query.document)
    try:
        return backend.search(query)
    except SearchUnavailable:
        if backend.name != "database" and settings.SEARCH_FALLBACK_TO_DATABASE:
            logger.warning("Search engine unavailable: answering %s from the database.", query.document.name)
            return DatabaseBackend(query.document).search(query)
        raise


def suggest(document, text, limit=8):
    try:
        return get_backend(document).suggest(text, limit)
    except SearchUnavailable:
        return DatabaseBackend(document).suggest(text, limit)


def update(document, ids):
    """Reindex these objects everywhere (the public ones stored again, the others removed).
    When the engine is down, saving must still work: the engine's part is queued and retried
    (portal.search.tasks) until the engine is back."""
    ids = list(ids)
    if not ids:
        return
    found = None
    for backend in index_backends(document):
        if backend.name == "database":
            found = backend.update(ids)
            continue
        try:
            backend.update(ids, found=found)
        except SearchUnavailable:
            _retry_later(document, ids)
    # What visitors see changed: the lists kept for them are built again (after the commit).
    content_stamp.bump_on_commit()


def remove(document, ids):
    ids = list(ids)
    for backend in index_backends(document):
        try:
            backend.remove(ids)
        except SearchUnavailable:
            _retry_later(document, ids)
    content_stamp.bump_on_commit()


def engine_update(document, ids):
    """The engine's part of update() or remove(), alone (raises SearchUnavailable). It reads the
    objects as they are now: an older change replayed late cannot undo a newer one."""
    engine = _engine_class()
    if engine is None or not settings.SEARCH_URL:
        return
    engine(document).update(ids)
    content_stamp.bump()


def _retry_later(document, ids):
    from portal.search.tasks import retry_engine

    if retry_engine(document, ids):
        logger.warning("Search engine unavailable: %s %s queued for a retry.", document.name, ids)
    else:
        logger.error(
            "Search engine unavailable: %s %s not indexed; run rebuild_search_index.", document.name, ids
        )


def install(document):
    """Create the document's database tables (and the engine's index when there is one)."""
    from portal.search.database import install as install_tables

    install_tables(document, verbosity=0)
    for backend in index_backends(document):
        if backend.name != "database":
            backend.ensure_index()


def uninstall(document):
    """Drop the document's tables and indexes (throwaway documents in tests)."""
    from portal.search.database import uninstall as drop_tables

    drop_tables(document)
    for backend in index_backends(document):
        if backend.name != "database":
            backend.clear()


def rebuild(document, progress=None):
    """Index every object again in every backend (the engine's behind its alias)."""
    done = 0
    for backend in index_backends(document):
        report = (lambda n, name=backend.name: progress(name, n)) if progress else None
        done = backend.rebuild(progress=report)
    return done


def health(document):
    backend = get_backend(document)
    return backend.health()
