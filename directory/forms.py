import io
import uuid

from django import forms
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import MinLengthValidator
from django.utils.translation import gettext_lazy as _

from directory.models import MemberProfile, ProfileReport
from portal import registry
from portal.places.forms import MunicipalityField
from portal.taxonomy import choices as taxonomy_choices
from portal.taxonomy.models import Language, Profession, Sector
from portal.utils import MESSAGE_MAX_LENGTH, NOTE_MAX_LENGTH

PHOTO_MAX_BYTES = 8 * 1024 * 1024
PHOTO_SIZE = 480  # pixels a side: sharp at 160 px on a 3x screen


PHOTO_MAX_PIXELS = 40_000_000  # a 50-megapixel camera's picture is refused before decoding


class PhotoTooLarge(ValueError):
    pass


def square_photo(upload):
    """The uploaded picture cropped to its central square, turned upright (EXIF), scaled to
    PHOTO_SIZE and saved as JPEG without its metadata (no GPS position from a phone). Only
    JPEG, PNG and WebP are opened, and their size is read before any pixel is decoded."""
    from PIL import Image, ImageOps

    upload.seek(0)
    with Image.open(upload, formats=("JPEG", "PNG", "WEBP")) as original:
        if original.width * original.height > PHOTO_MAX_PIXELS:
            raise PhotoTooLarge
        # JPEG decodes at a reduced scale when the picture is much larger than needed.
        original.draft("RGB", (PHOTO_SIZE, PHOTO_SIZE))
        picture = ImageOps.exif_transpose(original).convert("RGB")
    side = min(picture.size[0], picture.size[1], PHOTO_SIZE)
    picture = ImageOps.fit(picture, (side, side), method=Image.Resampling.LANCZOS)
    out = io.BytesIO()
    picture.save(out, "JPEG", quality=85, optimize=True)
    return ContentFile(out.getvalue(), name=f"{uuid.uuid4().hex}.jpg")


class ProfessionSelect(forms.Select):
    """Each profession carries its three title forms in the visitor's language, so that the
    "how your profession is written" choices show the words of the profession just chosen
    (directory/profile_edit.js)."""

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        profession = getattr(value, "instance", None)
        if profession is not None:
            for form in Profession.TitleForm:
                option["attrs"][f"data-{form.value}"] = profession.words_for(form)
        return option


class ProfessionChoiceIterator(forms.models.ModelChoiceIterator):
    """The professions in the order of the directory's filter (portal.taxonomy.choices):
    alphabetical in the visitor's language, accents ignored, so that "Ébéniste" comes with the
    E's and "Übersetzer" with the U's, not after Z."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        order = {slug: position for position, (slug, _name) in enumerate(taxonomy_choices.professions())}
        for profession in sorted(self.queryset, key=lambda p: order.get(p.slug, len(order))):
            yield self.choice(profession)


class ProfessionChoiceField(forms.ModelChoiceField):
    iterator = ProfessionChoiceIterator


class TitleFormRadio(forms.RadioSelect):
    """Its options keep their plain label ("Feminine form") for the script to add the words."""

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        option["attrs"]["data-base-label"] = str(Profession.TitleForm(value).label) if value else ""
        return option


class ProfileForm(forms.ModelForm):
    # Addresses typed without a scheme are taken as https.
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")
    portfolio = forms.URLField(label=_("Portfolio"), required=False, assume_scheme="https")
    municipality = MunicipalityField(
        label=_("Municipality"), help_text=_("Its name in any language, or its postcode.")
    )

    class Meta:
        model = MemberProfile
        fields = [
            "display_name",
            "profession",
            "profession_form",
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
        field_classes = {"profession": ProfessionChoiceField}
        widgets = {
            "sectors": forms.CheckboxSelectMultiple,
            "languages": forms.CheckboxSelectMultiple,
            "experience": forms.RadioSelect,
            "profession": ProfessionSelect,
            "profession_form": TitleFormRadio,
            "bio_fr": forms.Textarea(attrs={"rows": 4, "lang": "fr"}),
            "bio_nl": forms.Textarea(attrs={"rows": 4, "lang": "nl"}),
            "bio_de": forms.Textarea(attrs={"rows": 4, "lang": "de"}),
            "bio_en": forms.Textarea(attrs={"rows": 4, "lang": "en"}),
            "photo": forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
        }

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        # Fields other apps add to the profile (the space a member works from): portal.registry.
        self.extensions = registry.profile_extensions() if user is not None else []
        self.extension_fields = []
        for extension in self.extensions:
            for name, field in extension.fields(user).items():
                self.fields[name] = field
                self.extension_fields.append(name)
            if not self.is_bound:
                self.initial.update(extension.initial(user))
        self.fields["profession"].empty_label = _("Choose your profession")
        # A radio button reading "---------" says nothing: the choices are the real ones only.
        experience = self.fields["experience"]
        experience.choices = [(value, label) for value, label in experience.choices if value != ""]
        self.fields["sectors"].queryset = Sector.objects.all()
        self.fields["languages"].queryset = Language.objects.all()
        self.fields["display_name"].validators.append(MinLengthValidator(2))
        if self.instance.municipality_id and not self.is_bound:
            self.initial["municipality"] = self.instance.municipality
        form_field = self.fields["profession_form"]
        form_field.help_text = _("Your profession's title is shown in this form in every language.")
        profession = self.instance.profession if self.instance.profession_id else None
        if profession:
            # "Feminine form (Illustratrice / Illustratorin / Illustrator)": the member sees
            # what each choice gives, in every language the profile is read in.
            form_field.choices = [
                (value, f"{label} ({profession.words_for(value)})") for value, label in form_field.choices
            ]
        self.fields["photo"].help_text = _(
            "JPEG, PNG or WebP, at most 8 MB. We keep its central square. "
            "Without a photo, your initials are shown."
        )

    def clean_photo(self):
        photo = self.cleaned_data.get("photo")
        if not isinstance(photo, UploadedFile):
            return photo  # unchanged, or cleared
        if photo.size > PHOTO_MAX_BYTES:
            raise forms.ValidationError(_("The photo is too large: at most 8 MB, please."))
        try:
            return square_photo(photo)
        except PhotoTooLarge as error:
            message = _("The photo has too many pixels: at most 40 megapixels, please.")
            raise forms.ValidationError(message) from error
        except Exception as error:  # Pillow raises many kinds for damaged files
            raise forms.ValidationError(
                _("This file is not a picture we can read (JPEG, PNG or WebP).")
            ) from error

    def clean_sectors(self):
        sectors = self.cleaned_data["sectors"]
        if len(sectors) > 3:
            raise forms.ValidationError(_("Choose at most three sectors."))
        return sectors

    def clean(self):
        cleaned = super().clean()
        typed = self.fields["municipality"].typed_postcode(self.data.get(self.add_prefix("municipality")))
        if typed and not cleaned.get("postal_code") and "postal_code" not in self.errors:
            cleaned["postal_code"] = typed  # "4000 Liège": the postcode comes with the place
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
