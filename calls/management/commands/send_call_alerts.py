"""Members' alerts on calls: `python manage.py send_call_alerts --frequency daily`."""

from django.core.management.base import BaseCommand
from django_tasks import task

from calls import alerts
from calls.models import Frequency

HELP = """Match the calls created or changed since the last run of this frequency against the
active alerts of that frequency, then e-mail each alert whose turn it is one digest of the calls
it found that were not sent before (immediate: at every run; daily: once a day; weekly: once a
week). Each digest's calls are marked as sent in the transaction that queues its e-mail: running
the command again, or two runs at once, send nothing twice. Prints what it did.

From cron, e.g.:

    */10 * * * *  cd /srv/portal && .venv/bin/python manage.py send_call_alerts --frequency immediate
    30 6 * * *    cd /srv/portal && .venv/bin/python manage.py send_call_alerts --frequency daily
    45 6 * * 1    cd /srv/portal && .venv/bin/python manage.py send_call_alerts --frequency weekly

From the task worker (`manage.py db_worker`): enqueue
`calls.management.commands.send_call_alerts.send_call_alerts` with the frequency."""


@task()
def send_call_alerts(frequency):
    """The command's work, for the task worker: (new matches, e-mails sent)."""
    return alerts.run(frequency)


class Command(BaseCommand):
    help = HELP

    def create_parser(self, prog_name, subcommand, **kwargs):
        from argparse import RawDescriptionHelpFormatter

        parser = super().create_parser(prog_name, subcommand, **kwargs)
        parser.formatter_class = RawDescriptionHelpFormatter
        return parser

    def add_arguments(self, parser):
        parser.add_argument("--frequency", required=True, choices=Frequency.values)

    def handle(self, *args, frequency, **options):
        matched, sent = alerts.run(frequency)
        self.stdout.write(f"Calls matched: {matched}; alert e-mails sent: {sent}")
