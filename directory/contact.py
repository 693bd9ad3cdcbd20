"""The contact relay: visitors write to a member without ever seeing their address."""

from django.conf import settings
from django.core.mail import EmailMessage

from portal.mail import render_mail


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
    mail_subject, body = render_mail("directory/emails/contact", context, language)
    return EmailMessage(mail_subject, body, to=[profile.user.email], reply_to=[sender_email]).send()
