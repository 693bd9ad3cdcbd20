from django import forms
from django.core.validators import MinLengthValidator
from django.utils.html import format_html
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from portal.models import Referral, ValuesCharterPage
from portal.models.charter import current_charter_version, record_acceptance


class CharterAcceptanceField(forms.BooleanField):
    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("I have read the values charter and I accept it."))
        kwargs.setdefault("error_messages", {"required": _("Please accept the values charter to continue.")})
        super().__init__(required=True, **kwargs)


class SignupExtraForm(forms.Form):
    """Fields allauth's sign-up form adds: a name and the charter acceptance."""

    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    accept_charter = CharterAcceptanceField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        charter = ValuesCharterPage.in_force()
        if charter:
            charter = charter.localized_or_self()
            self.fields["accept_charter"].help_text = format_html(
                '<a href="{}" target="_blank" rel="noopener">{}</a>',
                charter.url,
                _("Read the values charter, version %(version)s (opens in a new tab)")
                % {"version": charter.version},
            )

    def signup(self, request, user):
        user.first_name = self.cleaned_data["first_name"]
        user.last_name = self.cleaned_data["last_name"]
        user.preferred_language = get_language() or ""
        user.save()
        version = current_charter_version()
        if version:
            record_acceptance(user, version, get_language() or "")


class CharterAcceptanceForm(forms.Form):
    accept_charter = CharterAcceptanceField()


class ReferralForm(forms.ModelForm):
    # Honeypot: hidden from people by CSS and from assistive technology; bots fill it in.
    website = forms.CharField(required=False, label=_("Leave this field empty"))

    class Meta:
        model = Referral
        fields = ["topic", "subject", "message", "anonymous", "name", "email"]
        labels = {
            "topic": _("What is it about?"),
            "subject": _("Subject"),
            "message": _("Your question or the situation"),
            "anonymous": _("Send anonymously"),
            "name": _("Your name (optional)"),
            "email": _("Your e-mail address (optional)"),
        }
        help_texts = {
            "message": _("Describe the facts without naming people who have not agreed to it."),
            "anonymous": _(
                "The committee will not know who you are. If you give an e-mail address, "
                "it is used once for the acknowledgement and then forgotten."
            ),
            "email": _("For the acknowledgement and, unless you stay anonymous, the committee's answer."),
        }
        widgets = {
            "message": forms.Textarea(attrs={"rows": 8}),
            "topic": forms.RadioSelect,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["website"].widget.attrs.update({"autocomplete": "off", "tabindex": "-1"})
        self.fields["message"].validators.append(
            MinLengthValidator(20, _("Please write at least 20 characters."))
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
