"""The form of a member's alert, and what it starts from: the calls list's filters, or the
member's own directory profile (through portal.registry: this app does not know the directory)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from calls.models import Frequency, Kind, Level, SavedSearch
from portal import registry
from portal.places import choices as places
from portal.places.models import Region
from portal.search.text import tokens
from portal.taxonomy import choices as taxonomy
from portal.taxonomy.models import Sector
from portal.utils import clean_query

MAX_ALERTS = 50  # per member: enough for anyone, not a way to flood the mail queue
MAX_CODES = 50  # values of one parameter read from a query string


class AlertForm(forms.ModelForm):
    kinds = forms.MultipleChoiceField(
        label=_("Kinds of call"),
        choices=Kind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None ticked: every kind."),
    )
    levels = forms.MultipleChoiceField(
        label=_("Levels"),
        choices=Level.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None ticked: every level."),
    )

    class Meta:
        model = SavedSearch
        fields = ["name", "keywords", "sectors", "regions", "frequency", "active"]
        widgets = {
            "sectors": forms.CheckboxSelectMultiple,
            "regions": forms.CheckboxSelectMultiple,
            "frequency": forms.RadioSelect,
        }
        labels = {"frequency": _("How often should we e-mail you?"), "active": _("Send me these e-mails")}
        help_texts = {
            "name": _("For you only, e.g. “Photography in Brussels”."),
            "keywords": _("Every word must appear in the call, in any language. Leave empty for any call."),
            "sectors": _("None ticked: every sector."),
            "regions": _("None ticked: anywhere. Calls for the whole of Belgium count for every region."),
        }

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["sectors"].queryset = Sector.objects.all()
        self.fields["regions"].queryset = Region.objects.order_by("refnis")
        self.fields["frequency"].choices = Frequency.choices
        if self.instance.pk and not self.is_bound:
            self.initial.setdefault("kinds", self.instance.kind_list())
            self.initial.setdefault("levels", self.instance.level_list())

    def clean_name(self):
        return " ".join((self.cleaned_data.get("name") or "").split())

    def clean_keywords(self):
        keywords = clean_query(self.cleaned_data.get("keywords") or "")
        if keywords and not tokens(keywords):
            raise forms.ValidationError(
                _("Type words made of letters or digits, or leave the keywords empty."), code="no_words"
            )
        return keywords

    def clean(self):
        cleaned = super().clean()
        chosen = [cleaned.get(name) for name in ("keywords", "sectors", "regions", "kinds", "levels")]
        if not self.errors and not any(chosen):
            raise forms.ValidationError(
                _(
                    "Choose at least one sector, region, kind or level, or type keywords: "
                    "an alert without any would send you every call."
                ),
                code="empty",
            )
        if (
            not self.instance.pk
            and self.user is not None
            and SavedSearch.objects.filter(user=self.user).count() >= MAX_ALERTS
        ):
            raise forms.ValidationError(
                _("You have %(count)s alerts, the most one can have: change or delete one first."),
                params={"count": MAX_ALERTS},
                code="too_many",
            )
        return cleaned

    def save(self, commit=True):
        alert = super().save(commit=False)
        if self.user is not None and not alert.user_id:
            alert.user = self.user
        alert.kinds = "|".join(self.cleaned_data.get("kinds") or [])
        alert.levels = "|".join(self.cleaned_data.get("levels") or [])
        if commit:
            alert.save()
            self.save_m2m()
        return alert


def _codes(params, name):
    """The codes of a list parameter (?sector=a&sector=b or ?sector=a,b), at most MAX_CODES."""
    found = []
    for value in params.getlist(name)[:MAX_CODES]:
        found += [code.strip() for code in str(value).split(",") if code.strip()]
    return list(dict.fromkeys(found))[:MAX_CODES]


def _name(keywords, sector_ids, region_ids):
    """A first name for the alert, from what it asks for ("théâtre · Brussels")."""
    sectors = dict(Sector.objects.filter(pk__in=sector_ids[:2]).values_list("pk", "name"))
    regions = dict(places.regions())
    codes = {pk: code for code, pk in places.region_ids().items()}
    parts = [keywords] if keywords else []
    parts += [sectors[pk] for pk in sector_ids[:2] if pk in sectors]
    parts += [regions.get(codes.get(pk), "") for pk in region_ids[:1]]
    return " · ".join(p for p in parts if p)[:120]


def initial_from_params(params):
    """The form's first values from the calls list's query string (sector, region, kind, level,
    q); unknown values are left out."""
    slugs = taxonomy.sector_ids()
    regions = places.region_ids()
    sector_ids = [slugs[code] for code in _codes(params, "sector") if code in slugs]
    region_ids = [regions[code] for code in _codes(params, "region") if code in regions]
    kinds = [code for code in _codes(params, "kind") if code in Kind.values]
    levels = [code for code in _codes(params, "level") if code in Level.values]
    keywords = clean_query(params.get("q", ""))
    initial = {}
    if sector_ids:
        initial["sectors"] = sector_ids
    if region_ids:
        initial["regions"] = region_ids
    if kinds:
        initial["kinds"] = kinds
    if levels:
        initial["levels"] = levels
    if keywords:
        initial["keywords"] = keywords
    if initial:
        initial["name"] = _name(keywords, sector_ids, region_ids)
    return initial


def initial_from_profile(user):
    """The suggestion from the member's directory profile: their sectors and their region.
    Empty when they have no profile (or one without either)."""
    interests = registry.member_interests(user)
    known = taxonomy.sectors_by_id()
    sector_ids = [pk for pk in interests["sectors"] if pk in known]
    region = places.region_ids().get(interests["region"])
    initial = {}
    if sector_ids:
        initial["sectors"] = sector_ids
    if region:
        initial["regions"] = [region]
    if initial:
        initial["name"] = _name("", sector_ids, [region] if region else [])
    return initial
