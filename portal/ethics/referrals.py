"""Referrals to the ethics committee: the form, its views and the e-mails they send.

The committee reads referrals in the admin (wagtail_hooks.py); mails only say one arrived.
"""

import logging

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.core.validators import MinLengthValidator
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django_ratelimit.core import get_usage

from portal.accounts.groups import ETHICS_COMMITTEE
from portal.ethics.models import Referral
from portal.mail import addresses_by_language, render_mail

SESSION_REFERRAL_KEY = "portal_referral_reference"
logger = logging.getLogger(__name__)


class ReferralForm(forms.ModelForm):
    # Honeypot: hidden from people by CSS and from assistive technology; bots fill it in.
    website = forms.CharField(required=False, label=gettext_lazy("Leave this field empty"))

    class Meta:
        model = Referral
        fields = ["topic", "subject", "message", "anonymous", "name", "email"]
        labels = {
            "topic": gettext_lazy("What is it about?"),
            "subject": gettext_lazy("Subject"),
            "message": gettext_lazy("Your question or the situation"),
            "anonymous": gettext_lazy("Send anonymously"),
            "name": gettext_lazy("Your name (optional)"),
            "email": gettext_lazy("Your e-mail address (optional)"),
        }
        help_texts = {
            "message": gettext_lazy("Describe the facts without naming people who have not agreed to it."),
            "anonymous": gettext_lazy(
                "The committee will not know who you are. If you give an e-mail address, "
                "it is used once for the acknowledgement and then forgotten."
            ),
            "email": gettext_lazy(
                "For the acknowledgement and, unless you stay anonymous, the committee's answer."
            ),
        }
        widgets = {
            "message": forms.Textarea(attrs={"rows": 8}),
            "topic": forms.RadioSelect,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["website"].widget.attrs.update({"autocomplete": "off", "tabindex": "-1"})
        self.fields["message"].validators.append(
            MinLengthValidator(20, gettext_lazy("Please write at least 20 characters."))
        )

    def is_spam(self):
        return bool(self.data.get("website"))

    def save(self, commit=True):
        referral = super().save(commit=False)
        referral.language = get_language() or ""
        # The address is kept apart for the acknowledgement; an anonymous referral stores nothing.
        self.acknowledgement_address = referral.email
        if referral.anonymous:
            referral.name = ""
            referral.email = ""
        if commit:
            referral.save()
        return referral


def referral_form_view(request, page):
    form = ReferralForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        # Only referrals that are sent count against the limit, not attempts with mistakes.
        usage = get_usage(request, group="ethics-referral", key="ip", rate=settings.REFERRAL_RATE_LIMIT)
        limited = bool(usage) and usage["count"] >= usage["limit"]
        if form.is_spam():
            # Bots are told it worked; nothing is stored or sent.
            return redirect(page.url + page.reverse_subpage("referral_thanks"))
        if limited:
            form.add_error(
                None,
                _(
                    "You have sent several referrals in a short time. Please wait an hour and try again; "
                    "what you wrote is still below."
                ),
            )
            status = 429
        elif form.is_valid():
            referral = form.save()
            get_usage(
                request, group="ethics-referral", key="ip", rate=settings.REFERRAL_RATE_LIMIT, increment=True
            )
            try:
                notify_committee(referral)
                acknowledge_referral(referral, form.acknowledgement_address, get_language())
            except Exception:
                # The referral is stored: the committee sees it in the admin even if mail fails.
                logger.exception("Could not send the e-mails of referral %s", referral.reference)
            request.session[SESSION_REFERRAL_KEY] = referral.reference
            return redirect(page.url + page.reverse_subpage("referral_thanks"))
        else:
            status = 400
    return TemplateResponse(request, "ethics/referral_form.html", {"page": page, "form": form}, status=status)


def referral_thanks_view(request, page):
    reference = request.session.pop(SESSION_REFERRAL_KEY, None)
    return TemplateResponse(request, "ethics/referral_thanks.html", {"page": page, "reference": reference})


def committee_addresses():
    """{language: [addresses]} of the committee: its group's members in their own language,
    plus ETHICS_COMMITTEE_EMAIL in the default language."""
    by_language = addresses_by_language(get_user_model().objects.filter(groups__name=ETHICS_COMMITTEE))
    if settings.ETHICS_COMMITTEE_EMAIL:
        default = set(by_language.get(settings.LANGUAGE_CODE, ())) | {settings.ETHICS_COMMITTEE_EMAIL}
        by_language[settings.LANGUAGE_CODE] = sorted(default)
    return by_language


def notify_committee(referral):
    """Tell the committee a referral arrived, each member in their language. The content stays
    in the admin, not in mailboxes."""
    admin_url = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("referrals:inspect", args=[referral.pk])
    sent = 0
    for language, recipients in committee_addresses().items():
        subject, body = render_mail(
            "ethics/emails/referral_notification", {"referral": referral, "admin_url": admin_url}, language
        )
        # Bcc: committee members do not need each other's addresses.
        sent += EmailMessage(subject, body, bcc=recipients).send()
    return sent


def acknowledge_referral(referral, address, language):
    if not address:
        return 0
    subject, body = render_mail("ethics/emails/referral_acknowledgement", {"referral": referral}, language)
    return EmailMessage(subject, body, to=[address]).send()
