"""E-mails about referrals, rendered in the recipient's language."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation


def committee_addresses():
    """{language: [addresses]} of the committee: its group's members in their own language,
    plus ETHICS_COMMITTEE_EMAIL in the default language."""
    by_language = {}
    users = get_user_model().objects.filter(groups__name="Ethics committee", is_active=True)
    for user in users:
        if user.email:
            language = user.preferred_language or settings.LANGUAGE_CODE
            by_language.setdefault(language, set()).add(user.email)
    if settings.ETHICS_COMMITTEE_EMAIL:
        by_language.setdefault(settings.LANGUAGE_CODE, set()).add(settings.ETHICS_COMMITTEE_EMAIL)
    return {language: sorted(addresses) for language, addresses in by_language.items()}


def _render(template, context, language):
    with translation.override(language):
        subject = render_to_string(f"portal/emails/{template}_subject.txt", context).strip()
        body = render_to_string(f"portal/emails/{template}_body.txt", context)
    return " ".join(subject.split()), body


def notify_committee(referral):
    """Tell the committee a referral arrived, each member in their language. The content stays
    in the admin, not in mailboxes."""
    admin_url = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("referrals:inspect", args=[referral.pk])
    sent = 0
    for language, recipients in committee_addresses().items():
        subject, body = _render(
            "referral_notification", {"referral": referral, "admin_url": admin_url}, language
        )
        # Bcc: committee members do not need each other's addresses.
        sent += EmailMessage(subject, body, bcc=recipients).send()
    return sent


def acknowledge_referral(referral, address, language):
    if not address:
        return 0
    subject, body = _render("referral_acknowledgement", {"referral": referral}, language)
    return EmailMessage(subject, body, to=[address]).send()
