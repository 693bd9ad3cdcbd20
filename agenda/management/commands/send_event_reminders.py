"""The reminders of the day before: `python manage.py send_event_reminders`."""

import datetime

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from agenda.models import Event, Registration, clock
from agenda.registration import notify

HELP = """E-mail a reminder, with the event's .ics, to every confirmed registrant of the events
of tomorrow (Brussels time) who has not had one yet. Each reminder is marked as sent
(Registration.reminded_at) in the transaction that queues its e-mail: running the command
again, or two runs at once, send nothing twice. Prints how many reminders were sent.

Run it every hour, from cron (someone confirmed in the afternoon for tomorrow's event gets
their reminder at the next run; nobody gets two):

    5 * * * *  cd /srv/portal && .venv/bin/python manage.py send_event_reminders

(or a systemd timer). From the task worker (`manage.py db_worker`): enqueue the task
`agenda.management.commands.send_event_reminders.send_event_reminders` (e.g.
`send_event_reminders.enqueue()` from a scheduler), and the worker runs it."""


def due(now=None):
    """The confirmed registrations of tomorrow's events still to remind."""
    now = now or timezone.now()
    tomorrow = timezone.localdate(now) + datetime.timedelta(days=1)
    start = clock(tomorrow, datetime.time.min)
    end = clock(tomorrow + datetime.timedelta(days=1), datetime.time.min)
    return (
        Registration.objects.filter(
            status=Registration.Status.CONFIRMED,
            reminded_at__isnull=True,
            event__published=True,
            event__status__in=[Event.Status.SCHEDULED, Event.Status.MOVED_ONLINE],
            event__start__gte=start,
            event__start__lt=end,
            event__start__gt=now,
        )
        .select_related("event")
        .order_by("event__start", "pk")
    )


def send_reminders(now=None):
    """Send the due reminders; returns how many were sent."""
    now = now or timezone.now()
    sent = 0
    for registration in due(now):
        with transaction.atomic():
            # Only the run that marks it sends it (another run at the same moment skips it).
            marked = Registration.objects.filter(
                pk=registration.pk, status=Registration.Status.CONFIRMED, reminded_at__isnull=True
            ).update(reminded_at=now)
            if marked:
                registration.reminded_at = now
                notify(registration, "reminder")
                sent += 1
    return sent


@task()
def send_event_reminders():
    """The command's work, for the task worker."""
    return send_reminders()


class Command(BaseCommand):
    help = HELP

    def create_parser(self, prog_name, subcommand, **kwargs):
        from argparse import RawDescriptionHelpFormatter

        parser = super().create_parser(prog_name, subcommand, **kwargs)
        parser.formatter_class = RawDescriptionHelpFormatter
        return parser

    def handle(self, *args, **options):
        sent = send_reminders()
        self.stdout.write(f"Event reminders sent: {sent}")
