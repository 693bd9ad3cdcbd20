"""Moderation: visitors report a profile, moderators are told; a hidden profile's member is
told why."""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.urls import reverse

from directory.models import ProfileReport
from portal.accounts.groups import MODERATORS
from portal.mail import addresses_by_language, render_mail

logger = logging.getLogger(__name__)


def file_report(profile, reason, message=""):
    """Store a visitor's report and tell the moderators."""
    report = ProfileReport.objects.create(profile=profile, reason=reason, message=message)
    try:
        notify_moderators(report)
    except Exception:
        # The report is stored and listed in the admin even if the mail fails.
        logger.exception("Could not notify the moderators of report %s", report.pk)
    return report


def notify_moderators(report):
    """Tell the Moderators group, each in their language, that a profile was reported."""
    admin_url = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse(
        "directory_profiles:edit", args=[report.profile_id]
    )
    moderators = get_user_model().objects.filter(groups__name=MODERATORS)
    sent = 0
    for language, recipients in addresses_by_language(moderators).items():
        subject, body = render_mail(
            "directory/emails/report", {"report": report, "admin_url": admin_url}, language
        )
        sent += EmailMessage(subject, body, bcc=recipients).send()
    return sent


def notify_hidden(profile, reason):
    """Tell the member, in their language, why a moderator hid their profile."""
    language = profile.user.preferred_language or settings.LANGUAGE_CODE
    subject, body = render_mail("directory/emails/hidden", {"profile": profile, "reason": reason}, language)
    return EmailMessage(subject, body, to=[profile.user.email]).send()
