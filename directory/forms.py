from django import forms
from django.core.validators import MinLengthValidator
from django.utils.translation import gettext_lazy as _

from directory.models import MemberProfile, ProfileReport
from portal.places.models import Municipality
from portal.taxonomy.models import Language, Profession, Sector
from portal.utils import MESSAGE_MAX_LENGTH, NOTE_MAX_LENGTH


class ProfileForm(forms.ModelForm):
    # Addresses typed without a scheme are taken as https.
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")
    portfolio = forms.URLField(label=_("Portfolio"), required=False, assume_scheme="https")

    class Meta:
        model = MemberProfile
        fields = [
            "display_name",
            "profession",
            "title",
            "sectors",
            "municipality",
            "postal_code",
            "languages",
            "experience",
            "mentor",
            "bio_fr",
            "bio_nl",
            "bio_de",
            "bio_en",
            "skills",
            "website",
            "portfolio",
            "photo",
            "show_photo",
            "show_website",
            "show_postal_code",
            "listed",
            "paused",
        ]
        widgets = {
            "sectors": forms.CheckboxSelectMultiple,
            "languages": forms.CheckboxSelectMultiple,
            "experience": forms.RadioSelect,
            "bio_fr": forms.Textarea(attrs={"rows": 4, "lang": "fr"}),
            "bio_nl": forms.Textarea(attrs={"rows": 4, "lang": "nl"}),
            "bio_de": forms.Textarea(attrs={"rows": 4, "lang": "de"}),
            "bio_en": forms.Textarea(attrs={"rows": 4, "lang": "en"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = Municipality.objects.order_by("name")
        self.fields["profession"].queryset = Profession.objects.order_by("name")
        self.fields["sectors"].queryset = Sector.objects.all()
        self.fields["languages"].queryset = Language.objects.all()
        self.fields["display_name"].validators.append(MinLengthValidator(2))

    def clean_sectors(self):
        sectors = self.cleaned_data["sectors"]
        if len(sectors) > 3:
            raise forms.ValidationError(_("Choose at most three sectors."))
        return sectors

    def clean(self):
        cleaned = super().clean()
        code, municipality = cleaned.get("postal_code"), cleaned.get("municipality")
        if code and municipality and not municipality.postal_codes.filter(code=code).exists():
            self.add_error("postal_code", _("This postcode is not in the municipality you chose."))
        return cleaned


class ContactForm(forms.Form):
    """Written by a logged-in account whose address is confirmed: the member answers that
    address (Reply-To), which the portal therefore knows to be the sender's."""

    name = forms.CharField(label=_("Your name"), max_length=120)
    subject = forms.CharField(label=_("Subject"), max_length=150)
    message = forms.CharField(
        label=_("Message"),
        max_length=MESSAGE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
        validators=[MinLengthValidator(20, _("Please write at least 20 characters."))],
    )
    website = forms.CharField(required=False, label=_("Leave this field empty"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["website"].widget.attrs.update({"autocomplete": "off", "tabindex": "-1"})

    def is_spam(self):
        return bool(self.data.get("website"))


class ReportForm(forms.Form):
    # On the profile page beside the contact form: its own field names and ids (id_report-message
    # next to the contact form's id_message).
    prefix_name = "report"

    reason = forms.ChoiceField(
        label=_("What is wrong?"), choices=ProfileReport.Reason.choices, widget=forms.RadioSelect
    )
    message = forms.CharField(
        label=_("Details (optional)"),
        required=False,
        max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
