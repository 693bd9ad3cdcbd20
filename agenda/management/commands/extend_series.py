"""`python manage.py extend_series`: the coming dates of every running series."""

from django.core.management.base import BaseCommand
from django.db.models import Q
from django.utils import timezone
from django_tasks import task

from agenda.models import Series
from agenda.series import materialize

HELP = """Create the dates that have come within the horizon (a year ahead) of every series
still running (no last date, or a last date to come). A series saved in the admin gets its
dates at once; without this command an open-ended series would stop a year after it was last
saved. Idempotent: a date is never created twice, dates edited alone are left as they are.

Run it once a day from cron, e.g. `40 3 * * *  cd /srv/portal && .venv/bin/python manage.py
extend_series`, or enqueue the task `agenda.management.commands.extend_series.extend_series`
for the task worker."""


def extend_all(now=None):
    """Materialize every running series; returns the number of dates created."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    created = 0
    for series in Series.objects.filter(Q(until__isnull=True) | Q(until__gte=today)).order_by("pk"):
        created += materialize(series, today=today, now=now)[0]
    return created


@task()
def extend_series():
    """The command's work, for the task worker."""
    return extend_all()


class Command(BaseCommand):
    help = HELP

    def handle(self, *args, **options):
        self.stdout.write(f"Series dates created: {extend_all()}")
