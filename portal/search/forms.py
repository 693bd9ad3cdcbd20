"""The query-string form of a declared document: the page and the API validate with it.

Bad parameters give the same translated messages on the page (shown beside what the user
typed, the search runs without them) and in the API (400 with the messages).
"""

import datetime
from zoneinfo import ZoneInfo

from django import forms
from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext_lazy as _

from portal.places import lookup
from portal.search.documents import DEFAULT_RADIUS_KM, SearchQuery
from portal.utils import clean_query

RADIUS_CHOICES = [5, 10, 15, 25, 50, 100]
# The days a date filter accepts: 9999-12-31 and the day after would overflow.
FIRST_DAY, LAST_DAY = datetime.date(2000, 1, 1), datetime.date(2100, 12, 31)


def day_start(day):
    """Midnight at the start of a day, in the portal's time zone."""
    return datetime.datetime.combine(day, datetime.time.min, tzinfo=ZoneInfo(settings.TIME_ZONE))


class CodeListField(forms.Field):
    """Several codes (?sector=a&sector=b or ?sector=a,b); unknown ones are reported."""

    widget = forms.MultipleHiddenInput

    def __init__(self, *, facet, **kwargs):
        self.facet = facet
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
        if not self.facet.multiple and len(value) > 1:
            raise forms.ValidationError(_("Choose only one value."), code="one")
        valid = {code for code, _label in self.facet.option_list()}
        unknown = [v for v in value if v not in valid]
        if unknown:
            raise forms.ValidationError(
                _("Unknown value: %(values)s."),
                params={"values": ", ".join(unknown[:5])[:200]},
                code="unknown",
            )


class BooleanFacetField(forms.TypedChoiceField):
    def __init__(self, **kwargs):
        super().__init__(
            choices=[("", _("Any")), ("true", _("Yes")), ("false", _("No"))],
            required=False,
            empty_value=(),
            coerce=lambda v: (v,),
            **kwargs,
        )


class DocumentSearchForm(forms.Form):
    """Built for one document by `search_form(document)`."""

    document = None

    def __init__(self, data=None, *args, **kwargs):
        if data is not None and hasattr(data, "getlist"):
            # Multi-valued facets keep every occurrence of the parameter.
            plain = {key: data.get(key) for key in data}
            for facet in self.document.facets:
                if not facet.boolean:
                    plain[facet.name] = data.getlist(facet.name)
            data = plain
        super().__init__(data, *args, **kwargs)

    def clean_q(self):
        return clean_query(self.cleaned_data.get("q") or "")

    def clean_ordering(self):
        # "" (not chosen) differs from "relevance" (chosen): with a place, the default is distance.
        return self.cleaned_data.get("ordering") or ""

    def clean_near(self):
        """A REFNIS code, a postcode, or a place name in any language."""
        value = (self.cleaned_data.get("near") or "").strip()
        if not value:
            return ""
        code = lookup.resolve(value)
        if code:
            return code
        raise forms.ValidationError(_("We do not know the place “%(place)s”."), params={"place": value[:80]})

    def clean(self):
        cleaned = super().clean()
        # A child of a hierarchy outside the chosen parent (a province of another region) would
        # give an empty page that looks like "nobody there": it is reported and left out.
        for facet in self.document.facets:
            if facet.parent and cleaned.get(facet.name) and cleaned.get(facet.parent):
                parents = facet.parent_of()
                chosen = set(cleaned[facet.parent])
                outside = [v for v in cleaned[facet.name] if parents.get(v) not in chosen]
                if outside:
                    labels = dict(facet.option_list())
                    parent_labels = dict(self.document.facet_map[facet.parent].option_list())
                    self.add_error(
                        facet.name,
                        forms.ValidationError(
                            _("“%(child)s” is not in “%(parent)s”."),
                            params={
                                "child": labels.get(outside[0], outside[0]),
                                "parent": ", ".join(parent_labels.get(v, v) for v in cleaned[facet.parent]),
                            },
                            code="outside",
                        ),
                    )
        # "From the 20th until the 10th" finds nothing: it is reported (and the end left out).
        for dates in self.document.date_ranges:
            first, last = cleaned.get(f"{dates.name}_from"), cleaned.get(f"{dates.name}_to")
            if first and last and last < first:
                self.add_error(
                    f"{dates.name}_to",
                    forms.ValidationError(_("The end must come after the start."), code="before_start"),
                )
        return cleaned

    def error_messages(self):
        """{parameter: [message, …]} as the API answers them."""
        return {name: [str(e) for e in errors] for name, errors in self.errors.items()}

    def to_query(self):
        """The query for the valid parameters; invalid ones are left out."""
        document = self.document
        data = {k: v for k, v in getattr(self, "cleaned_data", {}).items() if k not in self.errors}
        filters = {f.name: tuple(data.get(f.name) or ()) for f in document.facets if data.get(f.name)}
        near = data.get("near") or ""
        ranges = {}
        for dates in document.date_ranges:
            first, last = data.get(f"{dates.name}_from"), data.get(f"{dates.name}_to")
            if first:
                # Still going on that day or later: it ends after the day begins.
                ranges[dates.ends] = (day_start(first), None)
            if last:
                # Begun by the end of that day (a range on one date, a deadline, keeps both bounds).
                low = ranges.get(dates.starts, (None, None))[0]
                ranges[dates.starts] = (low, day_start(last + datetime.timedelta(days=1)))
        return SearchQuery(
            ranges=ranges,
            document=document,
            q=data.get("q") or "",
            filters=filters,
            near=near,
            origin=lookup.origin(near) if near else None,
            radius_km=data.get("radius_km") or DEFAULT_RADIUS_KM,
            ordering=data.get("ordering") or "",
            page=data.get("page") or 1,
            page_size=data.get("page_size") or document.page_size,
        )


def search_form(document):
    """The form class of a document, built once."""
    cached = getattr(document, "_form_class", None)
    if cached:
        return cached
    fields = {"q": forms.CharField(label=_("Search"), required=False, max_length=200)}
    for facet in document.facets:
        if facet.boolean:
            fields[facet.name] = BooleanFacetField(label=facet.label)
        else:
            fields[facet.name] = CodeListField(facet=facet, label=facet.label)
    if document.has_geo:
        fields["near"] = forms.CharField(label=_("Near"), required=False, max_length=80)
        fields["radius_km"] = forms.IntegerField(
            label=_("Within (km)"), required=False, min_value=1, max_value=300
        )
    for dates in document.date_ranges:
        for suffix, label in (("from", _("From")), ("to", _("Until"))):
            fields[f"{dates.name}_{suffix}"] = forms.DateField(
                label=label,
                required=False,
                widget=forms.DateInput(
                    attrs={"type": "date", "min": FIRST_DAY.isoformat(), "max": LAST_DAY.isoformat()}
                ),
                validators=[MinValueValidator(FIRST_DAY), MaxValueValidator(LAST_DAY)],
            )
    fields["ordering"] = forms.ChoiceField(
        label=_("Sort by"), choices=[("", _("Relevance")), *document.ordering_choices()], required=False
    )
    fields["page"] = forms.IntegerField(label=_("Page"), required=False, min_value=1, max_value=100000)
    fields["page_size"] = forms.IntegerField(
        label=_("Results per page"), required=False, min_value=1, max_value=document.max_page_size
    )
    form_class = type(DocumentSearchForm)(
        f"{document.name.title()}SearchForm", (DocumentSearchForm,), {"document": document, **fields}
    )
    document._form_class = form_class
    return form_class
