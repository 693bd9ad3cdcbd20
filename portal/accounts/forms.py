from django import forms
from django.utils.html import format_html
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from portal.charter.acceptance import current_charter_version, record_acceptance
from portal.charter.forms import CharterAcceptanceField
from portal.charter.models import ValuesCharterPage


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
