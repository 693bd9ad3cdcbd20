"""The mail queue: store a message, deliver it from the task worker, retry with backoff."""

import base64
import logging
from datetime import timedelta
from email.mime.base import MIMEBase

from django.conf import settings
from django.core.mail import EmailMessage, EmailMultiAlternatives, get_connection
from django.db import models, transaction
from django.utils import timezone
from django_tasks import default_task_backend, task

from portal.mail.models import OutgoingMail

logger = logging.getLogger(__name__)

# Seconds before each new attempt: about two days in all, then the message is given up and
# shown in the admin ("Outgoing e-mails", status "Not sent, gave up") where it can be re-sent.
DEFAULT_RETRY_DELAYS = [60, 300, 900, 3600, 3 * 3600, 6 * 3600, 12 * 3600, 24 * 3600]
# A message still waiting this long after its time means the worker is not doing its job.
OVERDUE_AFTER_S = 30 * 60
# How long the record of a delivered message (its subject and dates, the content is erased at
# once) stays listed for administrators.
KEEP_SENT_DAYS = 30


def retry_delays():
    return getattr(settings, "MAIL_RETRY_DELAYS", DEFAULT_RETRY_DELAYS)


def to_record(message):
    """The parts of an EmailMessage as JSON."""
    attachments = []
    for attachment in message.attachments:
        if isinstance(attachment, MIMEBase):
            filename = attachment.get_filename() or "attachment"
            content, mimetype = attachment.get_payload(decode=True) or b"", attachment.get_content_type()
        else:
            filename, content, mimetype = attachment
        if isinstance(content, str):
            content = content.encode()
        attachments.append([filename, base64.b64encode(content).decode("ascii"), mimetype])
    return {
        "subject": str(message.subject),
        "body": str(message.body),
        "from_email": message.from_email,
        "to": list(message.to),
        "cc": list(message.cc),
        "bcc": list(message.bcc),
        "reply_to": list(message.reply_to),
        "headers": {str(k): str(v) for k, v in message.extra_headers.items()},
        "content_subtype": message.content_subtype,
        "alternatives": [
            [str(content), mimetype] for content, mimetype in getattr(message, "alternatives", [])
        ],
        "attachments": attachments,
    }


def from_record(record, connection=None):
    message = EmailMultiAlternatives if record["alternatives"] else EmailMessage
    message = message(
        subject=record["subject"],
        body=record["body"],
        from_email=record["from_email"],
        to=record["to"],
        cc=record["cc"],
        bcc=record["bcc"],
        reply_to=record["reply_to"],
        headers=record["headers"],
        connection=connection,
    )
    message.content_subtype = record["content_subtype"]
    for content, mimetype in record["alternatives"]:
        message.attach_alternative(content, mimetype)
    for filename, content, mimetype in record["attachments"]:
        message.attach(filename, base64.b64decode(content), mimetype)
    return message


def enqueue(message):
    """Store the message and ask the worker to deliver it. Called inside the request's
    transaction when there is one: the message exists if and only if the change that caused it
    was saved."""
    recipients = message.recipients()
    if not recipients:
        return None
    # Both rows or neither, also when no transaction surrounds the call.
    with transaction.atomic():
        mail = OutgoingMail.objects.create(
            subject=str(message.subject)[:255],
            recipient_count=len(recipients),
            message=to_record(message),
        )
        deliver.enqueue(mail.pk)
    return mail


@task()
def deliver(mail_id):
    """One attempt at sending a queued message through the real backend."""
    with transaction.atomic():
        mail = (
            OutgoingMail.objects.select_for_update()
            .filter(pk=mail_id, status__in=[OutgoingMail.Status.QUEUED, OutgoingMail.Status.RETRYING])
            .first()
        )
        if mail is None:  # sent or given up meanwhile: nothing to do
            return "skipped"
        mail.attempts += 1
        try:
            connection = get_connection(settings.MAIL_DELIVERY_BACKEND, fail_silently=False)
            from_record(mail.message, connection=connection).send()
        except Exception as error:  # noqa: BLE001 — any failure is retried, then shown to admins
            mail.last_error = f"{type(error).__name__}: {error}"[:2000]
            _schedule_retry(mail)
            mail.save()
            logger.warning("Mail %s not sent (attempt %s): %s", mail.pk, mail.attempts, mail.last_error)
            return mail.status
        mail.status = OutgoingMail.Status.SENT
        mail.sent_at = timezone.now()
        mail.next_attempt_at = None
        mail.last_error = ""
        # Delivered: the content (relayed messages are personal data) is no longer needed.
        mail.message = None
        mail.save()
    # Each delivery also clears what is past keeping: the table does not grow forever.
    OutgoingMail.objects.filter(
        status=OutgoingMail.Status.SENT, sent_at__lt=timezone.now() - timedelta(days=KEEP_SENT_DAYS)
    ).delete()
    return OutgoingMail.Status.SENT


def _schedule_retry(mail):
    delays = retry_delays()
    backend = default_task_backend
    if mail.attempts > len(delays) or not backend.supports_defer:
        mail.status = OutgoingMail.Status.FAILED
        mail.next_attempt_at = None
        return
    mail.status = OutgoingMail.Status.RETRYING
    mail.next_attempt_at = timezone.now() + timedelta(seconds=delays[mail.attempts - 1])
    deliver.using(run_after=mail.next_attempt_at).enqueue(mail.pk)


def send_again(mail):
    """An administrator's "send again": a new round of attempts, starting now. (A retry already
    scheduled finds the message sent, or tries once more: never a second copy once sent.)"""
    with transaction.atomic():
        mail = OutgoingMail.objects.select_for_update().get(pk=mail.pk)
        if mail.status == OutgoingMail.Status.SENT or not mail.message:
            return False
        mail.status = OutgoingMail.Status.QUEUED
        mail.attempts = 0
        mail.next_attempt_at = None
        mail.save(update_fields=["status", "attempts", "next_attempt_at"])
        deliver.enqueue(mail.pk)
    return True


def overdue():
    """Messages the worker should have tried by now: it is not running, or it lost them (a
    worker killed while sending). Administrators see them and can send them again."""
    late = timezone.now() - timedelta(seconds=OVERDUE_AFTER_S)
    waiting = OutgoingMail.objects.filter(
        status__in=[OutgoingMail.Status.QUEUED, OutgoingMail.Status.RETRYING]
    )
    return waiting.filter(
        models.Q(next_attempt_at__lt=late) | models.Q(next_attempt_at__isnull=True, created_at__lt=late)
    )


def health():
    """/health/: how many messages wait or failed; unhealthy when some are overdue."""
    counts = {
        status: OutgoingMail.objects.filter(status=status).count()
        for status in (OutgoingMail.Status.QUEUED, OutgoingMail.Status.RETRYING, OutgoingMail.Status.FAILED)
    }
    text = f"queued {counts['queued']}, retrying {counts['retrying']}, failed {counts['failed']}"
    late = overdue().count()
    if late:
        return f"{text}, overdue {late} (is the task worker running?)", False
    return text, True
