"""Close the calls whose deadline has passed: `python manage.py refresh_call_statuses`."""

from argparse import RawDescriptionHelpFormatter

from django.core.management.base import BaseCommand
from django_tasks import task

from calls.importing import refresh_statuses

HELP = """Mark as closed every forthcoming or open call whose submission deadline has passed (one
UPDATE), and update their search entries. Pages already show such calls as closed; this writes
it down so that filters, counts and alerts agree. Prints how many calls were closed.

Run it every hour, from cron:

    20 * * * *  cd /srv/portal && .venv/bin/python manage.py refresh_call_statuses --verbosity 0

(or a systemd timer). From the task worker (`manage.py db_worker`): enqueue the task
`calls.management.commands.refresh_call_statuses.refresh_call_statuses` (e.g.
`refresh_call_statuses.enqueue()` from a scheduler), and the worker runs it."""


@task()
def refresh_call_statuses():
    """The command's work, for the task worker."""
    return refresh_statuses()


class Command(BaseCommand):
    help = HELP

    def create_parser(self, prog_name, subcommand, **kwargs):
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        parser.formatter_class = RawDescriptionHelpFormatter
        return parser

    def handle(self, *args, **options):
        closed = refresh_statuses()
        if options["verbosity"]:
            self.stdout.write(f"Calls closed: {closed}")
