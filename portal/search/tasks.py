"""The retry queue of the search engine: index changes made while it was down are sent again
by the task worker, with growing delays, until it answers."""

import logging
from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django_tasks import default_task_backend, task

from portal.search import registry
from portal.search.documents import SearchUnavailable

logger = logging.getLogger(__name__)

# Seconds before each new attempt: the engine is usually back within minutes (a restart), but
# changes are kept for about a day; after that `rebuild_search_index` is the way back.
DEFAULT_RETRY_DELAYS = [30, 120, 600, 1800, 3600, 3 * 3600, 6 * 3600, 12 * 3600]


def retry_engine(document, ids, attempt=1):
    """Queue one more attempt of the engine's part of update()/remove(), after a delay (None when
    it cannot be queued: the task backend cannot wait, or the attempts are used up)."""
    delays = getattr(settings, "SEARCH_RETRY_DELAYS", DEFAULT_RETRY_DELAYS)
    if attempt > len(delays):
        logger.error(
            "Search engine still unavailable: %s %s dropped; run rebuild_search_index.", document.name, ids
        )
        return None
    if not default_task_backend.supports_defer:
        return None
    when = timezone.now() + timedelta(seconds=delays[attempt - 1])
    return reindex_in_engine.using(run_after=when).enqueue(document.name, list(ids), attempt)


@task()
def reindex_in_engine(document_name, ids, attempt):
    from portal.search.backends import engine_update

    document = registry.get(document_name)
    try:
        engine_update(document, ids)
    except SearchUnavailable:
        retry_engine(document, ids, attempt + 1)
        return "retrying"
    return "done"


def pending():
    """How many engine changes wait for a retry (for /health/)."""
    if not default_task_backend.supports_get_result:
        return 0
    try:
        from django_tasks_db.models import DBTaskResult
    except ImportError:
        return 0
    return DBTaskResult.objects.filter(
        task_path=reindex_in_engine.module_path, status__in=["READY", "RUNNING"]
    ).count()
