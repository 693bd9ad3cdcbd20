from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation


def _render(template, context, language):
    with translation.override(language or settings.LANGUAGE_CODE):
        subject = render_to_string(f"directory/emails/{template}_subject.txt", context).strip()
        body = render_to_string(f"directory/emails/{template}_body.txt", context)
    return " ".join(subject.split()), body


def relay_contact(profile, sender_name, sender_email, subject, message, page_url):
    """Forward a visitor's message to the member. The member's address is only in the To header
    of this mail; the visitor's goes in Reply-To so the member answers them directly."""
    language = profile.user.preferred_language or settings.LANGUAGE_CODE
    context = {
        "profile": profile,
        "sender_name": sender_name,
        "sender_email": sender_email,
        "subject": subject,
        "message": message,
        "page_url": page_url,
    }
    mail_subject, body = _render("contact", context, language)
    return EmailMessage(mail_subject, body, to=[profile.user.email], reply_to=[sender_email]).send()


def notify_hidden(profile, reason):
    language = profile.user.preferred_language or settings.LANGUAGE_CODE
    subject, body = _render("hidden", {"profile": profile, "reason": reason}, language)
    return EmailMessage(subject, body, to=[profile.user.email]).send()


def notify_moderators(report):
    """Tell the Moderators group, each in their language, that a profile was reported."""
    from django.contrib.auth import get_user_model
    from django.urls import reverse

    admin_url = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse(
        "directory_profiles:edit", args=[report.profile_id]
    )
    by_language = {}
    for user in get_user_model().objects.filter(groups__name="Moderators", is_active=True).exclude(email=""):
        by_language.setdefault(user.preferred_language or settings.LANGUAGE_CODE, []).append(user.email)
    sent = 0
    for language, recipients in by_language.items():
        subject, body = _render("report", {"report": report, "admin_url": admin_url}, language)
        sent += EmailMessage(subject, body, bcc=sorted(recipients)).send()
    return sent
