"""An editor's "Import now", run by the task worker (`manage.py db_worker`) rather than in the
request: a TED API source can take minutes, longer than a request may last."""

import datetime
import logging

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django_tasks import TaskResultStatus, task
from django_tasks_db.models import DBTaskResult

from calls.importing import import_source
from calls.models import Source

logger = logging.getLogger(__name__)

# A task still "running" after this long is taken for one whose worker died: it no longer stops
# the editor from queueing the source again.
STALE_AFTER = datetime.timedelta(hours=2)


@task()
def import_source_now(source_id):
    """Import one source, if it still exists (it may have been deleted while the task waited;
    a source off the schedule may still be tried by hand). Returns the run's counts, or None
    when nothing ran."""
    source = Source.objects.filter(pk=source_id).first()
    if source is None:
        logger.info("Source %s is gone: its queued import was dropped", source_id)
        return None
    run = import_source(source)
    return {
        "run": run.pk,
        "created": run.created,
        "updated": run.updated,
        "skipped": run.skipped,
        "failed": run.failed,
        "error": run.error,
    }


def import_pending(source_id):
    """Whether an import of this source waits for the worker or is under way. Only the database
    backend keeps a queue; the immediate one (tests) has finished the task by the time it returns."""
    recent = timezone.now() - STALE_AFTER
    return (
        DBTaskResult.objects.filter(task_path=import_source_now.module_path, args_kwargs__args=[source_id])
        .filter(Q(status=TaskResultStatus.READY) | Q(status=TaskResultStatus.RUNNING, started_at__gte=recent))
        .exists()
    )


def enqueue_import(source):
    """Queue an import of `source`, unless one is already pending: the task's result, or None."""
    with transaction.atomic():
        # The source's row locked until the task is written: of two clicks at once, the second
        # waits, then sees the first one's task.
        Source.objects.select_for_update().filter(pk=source.pk).first()
        if import_pending(source.pk):
            return None
        return import_source_now.enqueue(source.pk)
