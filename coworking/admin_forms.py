"""The coworking admin's forms (wagtail_hooks.py puts them in the panels).

SpaceForm carries the opening-hours builder: one box per weekday ("09:00-12:30, 13:30-17:00",
empty: closed), public holidays closed or not, and closing periods, beside the expression
itself (OpenStreetMap syntax). The builder shows what the stored expression says when
coworking.hours.decompose can read it; when the editor changes the builder, the expression is
composed from it, otherwise the expression typed in its own box is kept.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.dates import WEEKDAYS as DAY_NAMES
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from coworking import hours
from coworking.models import Booking, Resource
from portal.places.forms import AdminPlaceInput, MunicipalityField

LANGUAGES = ("fr", "nl", "de", "en")
# The builder's fields: one per weekday (hours.WEEKDAYS, Monday first), then the rest.
DAY_FIELDS = {code: f"hours_{code.lower()}" for code in hours.WEEKDAYS}
HOLIDAYS_FIELD = "closed_on_public_holidays"
CLOSURES_FIELD = "closing_periods"
BUILDER_FIELDS = (*DAY_FIELDS.values(), HOLIDAYS_FIELD, CLOSURES_FIELD)
# Belgium with a margin: a point outside it is a typo or latitude and longitude swapped.
BELGIUM = {"latitude": (49.4, 51.6), "longitude": (2.4, 6.5)}

DAY_ERROR = _(
    "“%(value)s” is not a time range. Write the times like “09:00-12:30, 13:30-17:00”, "
    "or leave the day empty when the space is closed."
)
PERIOD_ERROR = _(
    "“%(value)s” is not a period we can read. Write periods like “Jul 20-Aug 15; Dec 24-Dec 31”."
)
BOTH_CHANGED_ERROR = _(
    "You changed both the day-by-day hours and the expression: keep only one of the two changes."
)
NO_HOURS_ERROR = _("Give the opening hours, day by day or as an expression.")
TOO_DETAILED_HELP = _(
    "These hours say more than the day-by-day boxes can show: edit the expression here "
    "(OpenStreetMap syntax), or fill in the days above to replace it."
)


class TranslatedRequiredMixin:
    """A translated field (name_fr, name_nl…) must be given in at least one language: the
    others fall back to it."""

    translated_required = ()

    def clean(self):
        cleaned_data = super().clean()
        for base in self.translated_required:
            names = [f"{base}_{language}" for language in LANGUAGES if f"{base}_{language}" in self.fields]
            if names and not any((cleaned_data.get(name) or "").strip() for name in names):
                self.add_error(names[0], _("Fill this in, in one language at least."))
        return cleaned_data


def _builder_day_field(index):
    return forms.CharField(
        label=capfirst(DAY_NAMES[index]),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"placeholder": "09:00-12:30, 13:30-17:00", "autocomplete": "off"}),
    )


class SpaceForm(TranslatedRequiredMixin, WagtailAdminModelForm):
    translated_required = ("name",)

    municipality = MunicipalityField(
        label=_("Municipality"),
        help_text=_("Its name in any language, or its postcode."),
        widget=AdminPlaceInput,
    )
    hours_mo = _builder_day_field(0)
    hours_tu = _builder_day_field(1)
    hours_we = _builder_day_field(2)
    hours_th = _builder_day_field(3)
    hours_fr = _builder_day_field(4)
    hours_sa = _builder_day_field(5)
    hours_su = _builder_day_field(6)
    closed_on_public_holidays = forms.BooleanField(
        label=_("Closed on Belgian public holidays"), required=False
    )
    closing_periods = forms.CharField(
        label=_("Closing periods"),
        required=False,
        max_length=300,
        help_text=_(
            "Separated by semicolons, with English month abbreviations: “Jul 20-Aug 15; Dec 24-Dec 31”."
        ),
        widget=forms.TextInput(attrs={"placeholder": "Jul 20-Aug 15; Dec 24-Dec 31", "autocomplete": "off"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        expression = self.instance.opening_hours or ""
        if expression:
            parts = hours.decompose(expression)
        else:  # a new space: most are closed on public holidays
            parts = {"days": {}, "closed_on_public_holidays": True, "closures": ""}
        self.builder_available = parts is not None
        if parts is None:
            parts = {"days": {}, "closed_on_public_holidays": False, "closures": ""}
            self.fields["opening_hours"].help_text = TOO_DETAILED_HELP
        for code, name in DAY_FIELDS.items():
            self.initial.setdefault(name, parts["days"].get(code, ""))
        self.initial.setdefault(HOLIDAYS_FIELD, parts["closed_on_public_holidays"])
        self.initial.setdefault(CLOSURES_FIELD, parts["closures"])
        # The builder may give the expression: the form says when neither does.
        self.fields["opening_hours"].required = False
        # Found from the municipality when it has a single one, or typed with it ("9000 Gent").
        self.fields["postal_code"].required = False
        # The place shows by its name, not its key.
        place_id = self.instance.municipality_id
        if place_id and self.initial.get("municipality") == place_id:
            self.initial["municipality"] = self.instance.municipality

    def _clean_day(self, name):
        text = self.cleaned_data.get(name, "")
        try:
            return hours.normalise_ranges(text)
        except ValueError as error:
            params = {"value": str(error).strip()}
            raise ValidationError(DAY_ERROR, code="time_range", params=params) from None

    def clean_hours_mo(self):
        return self._clean_day("hours_mo")

    def clean_hours_tu(self):
        return self._clean_day("hours_tu")

    def clean_hours_we(self):
        return self._clean_day("hours_we")

    def clean_hours_th(self):
        return self._clean_day("hours_th")

    def clean_hours_fr(self):
        return self._clean_day("hours_fr")

    def clean_hours_sa(self):
        return self._clean_day("hours_sa")

    def clean_hours_su(self):
        return self._clean_day("hours_su")

    def clean_closing_periods(self):
        periods = [p.strip() for p in (self.cleaned_data.get(CLOSURES_FIELD) or "").split(";") if p.strip()]
        for period in periods:
            rule = f"{period} off"
            try:
                hours.validate(rule)
            except ValidationError:
                raise ValidationError(PERIOD_ERROR, code="period", params={"value": period}) from None
            # A weekday ("Mo") or a time is not a period: the builder could not show it again.
            if hours.decompose(rule) is None or hours.decompose(rule)["closures"] != period:
                raise ValidationError(PERIOD_ERROR, code="period", params={"value": period})
        return "; ".join(periods)

    def clean_opening_hours(self):
        return " ".join((self.cleaned_data.get("opening_hours") or "").split())

    def is_valid(self):
        valid = super().is_valid()
        # A room with bookings stays (their members hold them): it can stop taking new ones.
        formset = self.formsets.get("resources")
        if formset is not None and formset.is_valid():
            for form in formset.deleted_forms:
                if form.instance.pk and Booking.objects.filter(resource_id=form.instance.pk).exists():
                    self.add_error(
                        None,
                        ValidationError(
                            _(
                                "“%(name)s” has bookings, so it cannot be removed: untick "
                                "“members can book it” instead."
                            ),
                            code="resource_booked",
                            params={"name": form.instance.name},
                        ),
                    )
                    valid = False
        return valid

    def save(self, commit=True):
        instance = super().save(commit=commit)
        if commit:
            # A room's amenities (a ParentalManyToManyField on a model that is not itself
            # clusterable) stay in memory when the space saves its rooms: written here.
            formset = self.formsets.get("resources")
            for form in formset.forms if formset is not None else []:
                if form in formset.deleted_forms or not form.instance.pk:
                    continue
                form.instance.amenities.commit()
        return instance

    def builder_changed(self):
        return any(name in self.changed_data for name in BUILDER_FIELDS)

    def clean(self):
        cleaned_data = super().clean()
        self._clean_opening_hours(cleaned_data)
        self._clean_postal_code(cleaned_data)
        self._clean_point(cleaned_data)
        return cleaned_data

    def _clean_opening_hours(self, cleaned_data):
        if not self.builder_changed():
            if not cleaned_data.get("opening_hours") and "opening_hours" not in self.errors:
                self.add_error("opening_hours", NO_HOURS_ERROR)
            return
        if any(name in self.errors for name in BUILDER_FIELDS):
            return  # the builder's own errors say what to fix
        composed = hours.compose(
            {code: cleaned_data.get(name, "") for code, name in DAY_FIELDS.items()},
            closed_on_public_holidays=cleaned_data.get(HOLIDAYS_FIELD, False),
            closures=cleaned_data.get(CLOSURES_FIELD, ""),
        )
        typed = cleaned_data.get("opening_hours", "")
        if "opening_hours" in self.changed_data and typed and typed != composed:
            self.add_error("opening_hours", BOTH_CHANGED_ERROR)
            return
        cleaned_data["opening_hours"] = composed

    def _clean_postal_code(self, cleaned_data):
        municipality = cleaned_data.get("municipality")
        code = (cleaned_data.get("postal_code") or "").strip()
        if municipality is None:
            return
        if not code:
            typed = self.data.get(self.add_prefix("municipality"), "")
            code = self.fields["municipality"].typed_postcode(typed)
            if not code:
                codes = set(municipality.postal_codes.values_list("code", flat=True))
                code = codes.pop() if len(codes) == 1 else ""
            if not code:
                self.add_error(
                    "postal_code",
                    ValidationError(_("Give the postcode of the address."), code="required"),
                )
                return
        elif not municipality.postal_codes.filter(code=code).exists():
            self.add_error(
                "postal_code",
                ValidationError(
                    _("%(code)s is not a postcode of %(place)s."),
                    code="postcode_place",
                    params={"code": code, "place": municipality.name},
                ),
            )
            return
        cleaned_data["postal_code"] = code

    def _clean_point(self, cleaned_data):
        latitude, longitude = cleaned_data.get("latitude"), cleaned_data.get("longitude")
        if (latitude is None) != (longitude is None):
            missing = "longitude" if longitude is None else "latitude"
            if missing not in self.errors:
                self.add_error(missing, _("Give both the latitude and the longitude, or neither."))
            return
        if latitude is None:
            return
        for name, value in (("latitude", latitude), ("longitude", longitude)):
            low, high = BELGIUM[name]
            if not low <= value <= high:
                self.add_error(
                    name,
                    _("This point is not in Belgium: check the latitude and the longitude (swapped?)."),
                )


class ResourceForm(TranslatedRequiredMixin, WagtailAdminModelForm):
    """A room or desk inside the space's form."""

    translated_required = ("name",)


class PhotoForm(TranslatedRequiredMixin, WagtailAdminModelForm):
    """A photo: the alternative text is needed in one language at least."""

    translated_required = ("alt",)


class AmenityForm(TranslatedRequiredMixin, WagtailAdminModelForm):
    translated_required = ("name",)


class BookingForm(WagtailAdminModelForm):
    """A manager cancels a booking here (never the other way round: a cancelled time may have
    been booked by someone else since). The view calls coworking.booking.cancel, which tells
    the member."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.was_cancelled = self.instance.status == Booking.Status.CANCELLED
        if "cancel_reason" in self.fields:
            self.fields["cancel_reason"].help_text = _("Sent to the member with the cancellation.")
        if self.was_cancelled:
            for field in self.fields.values():
                field.disabled = True

    def clean(self):
        cleaned_data = super().clean()
        if self.was_cancelled:
            return cleaned_data
        if cleaned_data.get("status") != Booking.Status.CANCELLED:
            return cleaned_data
        if self.instance.end <= timezone.now():
            self.add_error("status", _("This booking is over: it can no longer be cancelled."))
        elif not (cleaned_data.get("cancel_reason") or "").strip():
            self.add_error("cancel_reason", _("Tell the member why their booking is cancelled."))
        return cleaned_data


class ClosureForm(WagtailAdminModelForm):
    """A maintenance block; the model checks that it ends after it starts."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "resource" in self.fields:
            self.fields["resource"].queryset = Resource.objects.select_related("space").order_by(
                "space__name", "sort_order", "pk"
            )
