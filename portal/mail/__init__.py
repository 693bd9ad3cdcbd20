"""Mail helpers every app uses: messages rendered in the recipient's language."""

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation


def render_mail(template_prefix, context, language):
    """(subject, body) from `<template_prefix>_subject.txt` and `_body.txt`, rendered in the
    language (the default one when empty); the subject on a single line."""
    with translation.override(language or settings.LANGUAGE_CODE):
        subject = render_to_string(f"{template_prefix}_subject.txt", context).strip()
        body = render_to_string(f"{template_prefix}_body.txt", context)
    return " ".join(subject.split()), body


def addresses_by_language(users):
    """{language: [addresses]} of active users, each in their preferred language."""
    by_language = {}
    for user in users.filter(is_active=True).exclude(email=""):
        by_language.setdefault(user.preferred_language or settings.LANGUAGE_CODE, set()).add(user.email)
    return {language: sorted(addresses) for language, addresses in by_language.items()}
