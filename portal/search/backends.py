"""Which backend answers, and keeping every index current.

The database index is always kept, so that the portal can answer from it when the engine is
down (SEARCH_FALLBACK_TO_DATABASE); the OpenSearch index is kept too when SEARCH_URL is set.
"""

import logging
from dataclasses import replace

from django.conf import settings
from django.utils.module_loading import import_string

from portal.cache import content_stamp
from portal.search.database import DatabaseBackend
from portal.search.documents import SearchUnavailable, Within, option_list

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
        return _search(backend, query)
    except SearchUnavailable:
        if backend.name != "database" and settings.SEARCH_FALLBACK_TO_DATABASE:
            logger.warning("Search engine unavailable: answering %s from the database.", query.document.name)
            return _search(DatabaseBackend(query.document), query)
        raise


def first_ids(queries):
    """[(ids, total)] for each query: the ids of its first page, in order, and how many match,
    without facets (the site search shows a few hits of every document). The backend answers
    them all at once when its class can (`first_ids(queries)`: one statement on the database);
    else one search each."""
    queries = list(queries)
    if not queries:
        return []
    engine = _engine_class()
    try:
        return _first_ids(engine or DatabaseBackend, queries)
    except SearchUnavailable:
        if engine is not None and settings.SEARCH_FALLBACK_TO_DATABASE:
            logger.warning("Search engine unavailable: answering the site search from the database.")
            return _first_ids(DatabaseBackend, queries)
        raise


def _first_ids(backend_class, queries):
    restricted = [_live_if_filtered(backend_class(q.document), q) for q in queries]
    together = getattr(backend_class, "first_ids", None)
    if together is not None:
        return together(restricted)
    answers = []
    for query in restricted:
        result = backend_class(query.document).search(query)
        answers.append((result.ids, result.total))
    return answers


def _live_if_filtered(backend, query):
    """_live()'s query when it filters on a live facet; else the query itself, without asking
    which objects the live facets hold for (their counts are not wanted)."""
    if not any(query.values(facet.name) for facet in query.document.facets if facet.live):
        return query
    return _live(backend, query)[0]


def _live(backend, query):
    """The query without its live facets ("open now"), restricted to what they chose, and
    {facet name: the ids for which it holds now, or the `Within` ranges that hold for them}."""
    live = {f.name: f for f in query.document.facets if f.live}
    if not live:
        return query, {}
    now_true = {name: _holding(facet.live()) for name, facet in live.items()}
    return _restricted(backend, query, _plain(query), now_true), now_true


def _holding(found):
    return found if isinstance(found, Within) else frozenset(found)


def _plain(query):
    live = {f.name for f in query.document.facets if f.live}
    return replace(query, filters={k: v for k, v in query.filters.items() if k not in live})


def _restricted(backend, query, plain, now_true, skip=None):
    only = plain.only_ids
    narrowed = plain
    for name, values in query.filters.items():
        if name not in now_true or name == skip or not values:
            continue
        holds = now_true[name]
        if isinstance(holds, Within):
            if "true" in values:
                narrowed = narrowed.narrowed(holds)
                continue
            # "false": what the ranges leave out (rare: the API only).
            ids = frozenset(backend.ids(plain)) - frozenset(backend.ids(plain.narrowed(holds)))
        else:
            ids = holds if "true" in values else frozenset(backend.ids(plain)) - holds
        only = ids if only is None else only & ids
    return replace(narrowed, only_ids=only)


def _search(backend, query):
    """The backend's answer with the live facets applied: their filter becomes a restriction
    to the ids (or ranges) for which they hold now, and their counts are totals, asked with
    the search itself (one request to OpenSearch instead of one more per total)."""
    restricted, now_true = _live(backend, query)
    asked = []  # (facet name, the query of its "true" count, that of all of its counts or None)
    for name, holds in now_true.items():
        base = _restricted(backend, query, _plain(query), now_true, skip=name)
        if isinstance(holds, Within):
            true = base.narrowed(holds)
        else:
            true = replace(base, only_ids=holds if base.only_ids is None else holds & base.only_ids)
        # Unchosen, the facet counts within the search's own hits: their total is known.
        asked.append((name, true, base if query.values(name) else None))
    result = backend.search(restricted, totals=[q for _name, *pair in asked for q in pair if q is not None])
    counted = iter(result.totals)
    for name, _true, base in asked:
        true = next(counted)
        total = next(counted) if base is not None else result.total
        facet = query.document.facet_map[name]
        result.facets[name] = option_list(query, facet, {"true": true, "false": total - true})
    return result


def ids(query):
    """Every id the query matches, unordered (maps, alerts, exports)."""
    backend = get_backend(query.document)
    try:
        restricted, _now = _live(backend, query)
        return backend.ids(restricted)
    except SearchUnavailable:
        if backend.name != "database" and settings.SEARCH_FALLBACK_TO_DATABASE:
            backend = DatabaseBackend(query.document)
            return backend.ids(_live(backend, query)[0])
        raise


def suggest(document, text, limit=8):
    try:
        return get_backend(document).suggest(text, limit)
    except SearchUnavailable:
        return DatabaseBackend(document).suggest(text, limit)


def update(document, ids, wait=True):
    """Reindex these objects everywhere (the public ones stored again, the others removed).
    When the engine is down, saving must still work: the engine's part is queued and retried
    (portal.search.tasks) until the engine is back. `wait`: return only once the engine shows
    them (after a save, so the page that follows lists it); bulk jobs pass False and let the
    engine's next refresh, within a second, show them."""
    ids = list(ids)
    if not ids:
        return
    found = None
    for backend in index_backends(document):
        if backend.name == "database":
            found = backend.update(ids)
            continue
        try:
            backend.update(ids, found=found, wait=wait)
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
