"""E-mails about referrals, rendered in the recipient's language."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation


def committee_addresses():
    users = get_user_model().objects.filter(groups__name="Ethics committee", is_active=True)
    addresses = {u.email for u in users if u.email}
    if settings.ETHICS_COMMITTEE_EMAIL:
        addresses.add(settings.ETHICS_COMMITTEE_EMAIL)
    return sorted(addresses)


def _render(template, context, language):
    with translation.override(language):
        subject = render_to_string(f"portal/emails/{template}_subject.txt", context).strip()
        body = render_to_string(f"portal/emails/{template}_body.txt", context)
    return " ".join(subject.split()), body


def notify_committee(referral):
    """Tell the committee a referral arrived. The content stays in the admin, not in mailboxes."""
    recipients = committee_addresses()
    if not recipients:
        return 0
    admin_url = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("referrals:inspect", args=[referral.pk])
    subject, body = _render(
        "referral_notification",
        {"referral": referral, "admin_url": admin_url},
        settings.LANGUAGE_CODE,
    )
    # Bcc: committee members do not need each other's addresses.
    return EmailMessage(subject, body, bcc=recipients).send()


def acknowledge_referral(referral, address, language):
    if not address:
        return 0
    subject, body = _render("referral_acknowledgement", {"referral": referral}, language)
    return EmailMessage(subject, body, to=[address]).send()
