"""Keeps every profile's search document current, in the database and in the search engine."""

import logging

from django.db import connection, transaction

from directory.models import MemberProfile
from directory.search import SearchUnavailable, index_backends

BATCH = 2000
logger = logging.getLogger(__name__)


def _engine_call(backend, method, *args, **kwargs):
    """Index into a search engine; when it is down, saving a profile must still work."""
    try:
        getattr(backend, method)(*args, **kwargs)
    except SearchUnavailable:
        logger.warning("Search engine unavailable: %s not applied; run rebuild_search_index later.", method)


@transaction.atomic
def _reindex_database(ids, progress):
    from directory.search.database import DatabaseBackend

    database = DatabaseBackend()
    qs = MemberProfile.objects.order_by("pk")
    full = ids is None
    if full:
        # Start from empty: no per-row deletes while inserting.
        database.clear()
    else:
        qs = qs.filter(pk__in=list(ids))
    done, last, batches = 0, 0, []
    while True:
        batch = list(
            qs.filter(pk__gt=last)
            .select_related("profession", "municipality__province", "municipality__region")
            .prefetch_related("sectors", "languages")[:BATCH]
        )
        if not batch:
            break
        for profile in batch:
            profile.search_text = profile.build_search_text()
        with connection.cursor() as cursor:
            cursor.executemany(
                f"UPDATE {MemberProfile._meta.db_table} SET search_text = %s WHERE id = %s",
                [(p.search_text, p.pk) for p in batch],
            )
        database.index_profiles(batch, fresh=full)
        if not full:
            batches.append(batch)
        done += len(batch)
        last = batch[-1].pk
        if progress:
            progress("database", done)
    return done, batches


def reindex(ids=None, progress=None):
    """Recompute the search documents of the given profiles (all when None) and store them in
    every index. A full rebuild of the engine's index goes to a new index behind its alias."""
    done, batches = _reindex_database(ids, progress)
    for backend in index_backends():
        if backend.name == "database":
            continue
        if ids is None:
            name = backend.name
            backend.rebuild(progress=(lambda n, total, name=name: progress(name, n)) if progress else None)
        else:
            for batch in batches:
                _engine_call(backend, "index_profiles", batch)
    return done


def remove(ids):
    for backend in index_backends():
        _engine_call(backend, "remove_profiles", list(ids))
