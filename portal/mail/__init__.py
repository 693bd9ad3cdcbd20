"""Outgoing mail: rendered in the recipient's language, queued, delivered by the task worker.

Every app sends mail through Django's mail framework as usual; settings.EMAIL_BACKEND is the
queue (`portal.mail.backends.QueuedEmailBackend`), so a message is stored in the database (in
the transaction of the change that caused it when there is one) and delivered by the worker,
with retries, through the real backend (settings.MAIL_DELIVERY_BACKEND: SMTP in production).
Delivery is at least once: a worker killed between the mail server's "OK" and the commit would
send that message again.
"""

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

# Plain-text mail is rendered by a template engine without HTML escaping (settings.TEMPLATES):
# "L'atelier & co" must stay as written, not become "L&#x27;atelier &amp; co".
MAIL_TEMPLATE_ENGINE = "mail"


def render_mail(template_prefix, context, language):
    """(subject, body) from `<template_prefix>_subject.txt` and `_body.txt`, rendered in the
    language (the default one when empty); the subject on a single line."""
    with translation.override(language or settings.LANGUAGE_CODE):
        subject = render_to_string(f"{template_prefix}_subject.txt", context, using=MAIL_TEMPLATE_ENGINE)
        body = render_to_string(f"{template_prefix}_body.txt", context, using=MAIL_TEMPLATE_ENGINE)
    return " ".join(subject.split()), body


def addresses_by_language(users):
    """{language: [addresses]} of active users, each in their preferred language."""
    by_language = {}
    for user in users.filter(is_active=True).exclude(email=""):
        by_language.setdefault(user.preferred_language or settings.LANGUAGE_CODE, set()).add(user.email)
    return {language: sorted(addresses) for language, addresses in by_language.items()}
