"""`python manage.py send_deadline_reminders`: members who follow a call hear of its deadline."""

import datetime
import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone, translation
from django_tasks import task

from calls.models import LIVE_STATUSES, Interest
from portal.mail import render_mail
from portal.utils import canonical_url, supported_language

REMIND_DAYS = 3
logger = logging.getLogger(__name__)
HELP = f"""E-mail the members who follow a call when its deadline is {REMIND_DAYS} days away or less
(once per member and call: Interest.reminded_at is set in the transaction that queues the
e-mail, so running it again sends nothing twice). Prints how many reminders were sent.

Run it every hour from cron, e.g. `20 * * * *  cd /srv/portal && .venv/bin/python manage.py
send_deadline_reminders`, or enqueue the task
`calls.management.commands.send_deadline_reminders.send_deadline_reminders` for the worker."""


def send_reminders(now=None):
    now = now or timezone.now()
    due = (
        Interest.objects.filter(
            follows=True,
            reminded_at__isnull=True,
            call__published=True,
            call__status__in=LIVE_STATUSES,
            call__deadline__gt=now,
            call__deadline__lte=now + datetime.timedelta(days=REMIND_DAYS),
            user__is_active=True,
        )
        .select_related("call", "user")
        .order_by("call__deadline", "pk")
    )
    sent = 0
    for interest in due:
        try:
            sent += _remind(interest, now)
        except Exception:
            # One refused address never stops the other reminders (its mark is rolled back).
            logger.exception("The deadline reminder of interest %s could not be sent", interest.pk)
    return sent


def _remind(interest, now):
    with transaction.atomic():
        marked = Interest.objects.filter(pk=interest.pk, reminded_at__isnull=True).update(reminded_at=now)
        if not marked:
            return 0
        user, call = interest.user, interest.call
        language = supported_language(user.preferred_language)
        # The link in the member's language too (/nl/oproepen/…).
        with translation.override(language), timezone.override(settings.TIME_ZONE):
            title, title_language = call.display("title", language)
            context = {
                "user": user,
                "call": call,
                "title": title,
                "title_language": title_language,
                "language": language,
                "url": canonical_url(call.get_absolute_url()),
            }
            subject, body = render_mail("calls/emails/deadline_reminder", context, language)
        EmailMessage(subject, body, to=[user.email]).send()
    return 1


@task()
def send_deadline_reminders():
    """The command's work, for the task worker."""
    return send_reminders()


class Command(BaseCommand):
    help = HELP

    def handle(self, *args, **options):
        self.stdout.write(f"Deadline reminders sent: {send_reminders()}")
