from django import forms
from django.core.validators import MinLengthValidator
from django.utils.translation import gettext_lazy as _

from directory.models import Experience, MemberProfile, ProfileReport
from directory.search import MemberQuery
from directory.search.base import DEFAULT_RADIUS_KM, MAX_PAGE_SIZE
from directory.search.facets import reference_ids
from portal.places import lookup
from portal.places.models import Municipality
from portal.taxonomy.models import Language, Profession, Sector
from portal.utils import clean_query

ORDERING_CHOICES = [
    ("", _("Relevance")),
    ("name", _("Name")),
    ("updated", _("Recently updated")),
    ("distance", _("Distance")),
]
MENTOR_CHOICES = [("", _("Any")), ("true", _("Yes")), ("false", _("No"))]


class CodeListField(forms.Field):
    """Several values (?sector=a&sector=b or ?sector=a,b); unknown ones are reported."""

    widget = forms.MultipleHiddenInput

    def __init__(self, *, valid, **kwargs):
        self.valid = valid
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def to_python(self, value):
        if not value:
            return ()
        values = value if isinstance(value, (list, tuple)) else [value]
        out = []
        for item in values:
            out += [v.strip() for v in str(item).split(",") if v.strip()]
        return tuple(dict.fromkeys(out))

    def validate(self, value):
        super().validate(value)
        unknown = [v for v in value if v not in self.valid()]
        if unknown:
            raise forms.ValidationError(
                _("Unknown value: %(values)s."), params={"values": ", ".join(unknown[:5])}, code="unknown"
            )


class MemberSearchForm(forms.Form):
    """The directory's filters, from the query string of the page or of the API."""

    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    sector = CodeListField(label=_("Sector"), valid=lambda: reference_ids("sector"))
    profession = CodeListField(label=_("Profession"), valid=lambda: reference_ids("profession"))
    region = forms.RegexField(label=_("Region"), regex=r"^\d{5}$", required=False)
    province = forms.RegexField(label=_("Province"), regex=r"^\d{5}$", required=False)
    municipality = forms.RegexField(label=_("Municipality"), regex=r"^\d{5}$", required=False)
    postcode = forms.RegexField(label=_("Postcode"), regex=r"^\d{4}$", required=False)
    near = forms.CharField(label=_("Near"), required=False, max_length=80)
    radius_km = forms.IntegerField(label=_("Within (km)"), required=False, min_value=1, max_value=300)
    language = CodeListField(label=_("Language"), valid=lambda: reference_ids("language"))
    experience = CodeListField(label=_("Experience"), valid=lambda: set(Experience.values))
    mentor = forms.TypedChoiceField(
        label=_("Open to mentoring"),
        choices=MENTOR_CHOICES,
        required=False,
        coerce=lambda v: {"true": True, "false": False}.get(v),
        empty_value=None,
    )
    ordering = forms.ChoiceField(label=_("Sort by"), choices=ORDERING_CHOICES, required=False)
    page = forms.IntegerField(required=False, min_value=1, max_value=100000)
    page_size = forms.IntegerField(required=False, min_value=1, max_value=MAX_PAGE_SIZE)

    def __init__(self, data=None, *args, **kwargs):
        if data is not None and hasattr(data, "getlist"):
            # Multi-valued filters keep every occurrence of the parameter.
            plain = {key: data.get(key) for key in data}
            for key in ("sector", "profession", "language", "experience"):
                plain[key] = data.getlist(key)
            data = plain
        super().__init__(data, *args, **kwargs)

    def clean_q(self):
        return clean_query(self.cleaned_data.get("q") or "")

    def clean_near(self):
        """A REFNIS code, a postcode, or a place name in any language."""
        value = (self.cleaned_data.get("near") or "").strip()
        if not value:
            return ""
        code = lookup.resolve(value)
        if code:
            return code
        raise forms.ValidationError(_("We do not know the place “%(place)s”."), params={"place": value[:80]})

    def to_query(self, default_page_size=20):
        """The MemberQuery for the valid filters; invalid ones are left out."""
        data = {}
        for name, value in getattr(self, "cleaned_data", {}).items():
            if name not in self.errors:
                data[name] = value
        return MemberQuery(
            q=data.get("q") or "",
            sectors=data.get("sector") or (),
            professions=data.get("profession") or (),
            region=data.get("region") or "",
            province=data.get("province") or "",
            municipality=data.get("municipality") or "",
            postcode=data.get("postcode") or "",
            near=data.get("near") or "",
            radius_km=data.get("radius_km") or DEFAULT_RADIUS_KM,
            languages=data.get("language") or (),
            experience=data.get("experience") or (),
            mentor=data.get("mentor"),
            ordering=data.get("ordering") or "",
            page=data.get("page") or 1,
            page_size=data.get("page_size") or default_page_size,
        )


class ProfileForm(forms.ModelForm):
    # Addresses typed without a scheme are taken as https.
    website = forms.URLField(label=_("website"), required=False, assume_scheme="https")
    portfolio = forms.URLField(label=_("portfolio"), required=False, assume_scheme="https")

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
    name = forms.CharField(label=_("Your name"), max_length=120)
    email = forms.EmailField(
        label=_("Your e-mail address"), help_text=_("The member answers you at this address.")
    )
    subject = forms.CharField(label=_("Subject"), max_length=150)
    message = forms.CharField(
        label=_("Message"),
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
    reason = forms.ChoiceField(
        label=_("What is wrong?"), choices=ProfileReport.Reason.choices, widget=forms.RadioSelect
    )
    message = forms.CharField(
        label=_("Details (optional)"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
