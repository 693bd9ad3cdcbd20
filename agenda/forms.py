"""The registration forms of an event's page: companions for a member (one click), name,
address and companions for a guest."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext


class RegistrationForm(forms.Form):
    """A member's registration: their name and address come from their account."""

    companions = forms.IntegerField(
        label=_("People coming with you"),
        min_value=0,
        initial=0,
        required=False,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )

    def __init__(self, *args, event=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.limit = event.max_companions if event is not None else 0
        field = self.fields["companions"]
        field.widget.attrs.update({"min": 0, "max": self.limit})
        if self.limit:
            field.help_text = ngettext(
                "You may bring %(count)s person.", "You may bring up to %(count)s people.", self.limit
            ) % {"count": self.limit}
        else:
            field.widget = forms.HiddenInput()

    def clean_companions(self):
        companions = self.cleaned_data.get("companions") or 0
        if companions > self.limit:
            raise forms.ValidationError(
                ngettext(
                    "You may bring %(count)s person at most.",
                    "You may bring %(count)s people at most.",
                    self.limit,
                )
                % {"count": self.limit}
            )
        return companions


class GuestRegistrationForm(RegistrationForm):
    """A visitor's registration: they confirm their address from the e-mail it sends."""

    name = forms.CharField(
        label=_("Your name"), max_length=150, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    email = forms.EmailField(
        label=_("Your e-mail address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        help_text=_("We send you a link to confirm your registration."),
    )
    # A field people do not see (nor reach with the Tab key): robots fill it in.
    homepage = forms.CharField(
        required=False,
        label=_("Leave this field empty"),
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    field_order = ["name", "email", "companions", "homepage"]

    def is_spam(self):
        return bool(self.data.get("homepage"))

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        if not name:
            raise forms.ValidationError(_("Please give your name."))
        return name
