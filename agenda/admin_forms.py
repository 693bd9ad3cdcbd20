"""The events admin's forms (wagtail_hooks.py puts them in the panels).

Events and series share their venue: a coworking space (chosen from what portal.registry's
venue provider offers, stored as `space_id`: the agenda does not import coworking), another
address with a municipality (the place picker of portal.places), or online with a link. Times
are typed and shown in Brussels time, whatever time zone the editor's admin profile has.
"""

from zoneinfo import ZoneInfo

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.widgets import AdminDateTimeInput

from agenda.models import Event, Venue
from agenda.series import SHARED
from portal import registry
from portal.places.forms import AdminPlaceInput, MunicipalityField
from portal.places.models import Municipality

LANGUAGES = ("fr", "nl", "de", "en")
BRUSSELS = ZoneInfo(settings.TIME_ZONE)
BRUSSELS_TIME = _("Brussels time.")

SPACE_REQUIRED_ERROR = _("Choose the coworking space where it takes place.")
MUNICIPALITY_REQUIRED_ERROR = _("Give the municipality of the address.")
LINK_REQUIRED_ERROR = _("Give the link people use to join online.")
DEADLINE_AFTER_END_ERROR = _("Registration must close before the event ends.")
OPENS_AFTER_DEADLINE_ERROR = _("Registration must open before it closes.")
IMAGE_ALT_ERROR = _("Describe the image for people who cannot see it.")
GONE_SPACE_LABEL = _("A space no longer offered (no. %(id)s)")


def translated_names(names):
    """The fields of a series that its events copy, with each language of the translated ones."""
    out = []
    for name in names:
        out.append(name)
        if name in ("title", "description"):
            out += [f"{name}_{language}" for language in LANGUAGES]
    return out


class BrusselsDateTimeField(forms.DateTimeField):
    """A date and time typed and shown as the clocks in Brussels show it (the events' time
    zone), not in the editor's own admin time zone."""

    def prepare_value(self, value):
        with timezone.override(BRUSSELS):
            return super().prepare_value(value)

    def to_python(self, value):
        with timezone.override(BRUSSELS):
            return super().to_python(value)


class TranslatedRequiredMixin:
    """A translated field (title_fr, title_nl…) must be given in at least one language: the
    others fall back to it."""

    translated_required = ()

    def clean(self):
        cleaned_data = super().clean()
        for base in self.translated_required:
            names = [f"{base}_{language}" for language in LANGUAGES if f"{base}_{language}" in self.fields]
            if names and not any((cleaned_data.get(name) or "").strip() for name in names):
                self.add_error(names[0], _("Fill this in, in one language at least."))
        return cleaned_data


class VenueFormMixin:
    """Where it takes place: a space, an address or online, each with what it needs."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "space_id" in self.fields:
            choices = [("", "---------"), *registry.venue_choices()]
            current = self.instance.space_id
            if current and current not in {value for value, _label in choices}:
                # Unpublished since: shown as it is rather than silently dropped.
                choices.append((current, GONE_SPACE_LABEL % {"id": current}))
            self.fields["space_id"] = forms.TypedChoiceField(
                label=_("Space"),
                choices=choices,
                coerce=int,
                empty_value=None,
                required=False,
                help_text=_("For an event at a coworking space."),
            )
        if "postal_code" in self.fields:
            # Found from the municipality when it has a single one, or typed with it ("9000 Gent").
            self.fields["postal_code"].required = False
        # The place shows by its name, not its key.
        place_id = self.instance.municipality_id
        if place_id and self.initial.get("municipality") == place_id:
            self.initial["municipality"] = self.instance.municipality

    def clean(self):
        cleaned_data = super().clean()
        venue = cleaned_data.get("venue")
        if venue == Venue.SPACE:
            self._clean_space(cleaned_data)
        elif venue == Venue.ADDRESS:
            if cleaned_data.get("municipality") is None and "municipality" not in self.errors:
                self.add_error("municipality", ValidationError(MUNICIPALITY_REQUIRED_ERROR, code="required"))
            else:
                self._clean_postal_code(cleaned_data)
        online = venue == Venue.ONLINE or cleaned_data.get("status") == Event.Status.MOVED_ONLINE
        if online and not cleaned_data.get("online_url") and "online_url" not in self.errors:
            # Moved online: the registrants are told the link comes with their registration.
            self.add_error("online_url", ValidationError(LINK_REQUIRED_ERROR, code="required"))
        if venue and venue != Venue.SPACE and "space_id" in cleaned_data:
            cleaned_data["space_id"] = None
        return cleaned_data

    def _clean_space(self, cleaned_data):
        space_id = cleaned_data.get("space_id")
        if not space_id:
            if "space_id" not in self.errors:
                self.add_error("space_id", ValidationError(SPACE_REQUIRED_ERROR, code="required"))
            return
        # The space's municipality places the event on the map and in the region filter.
        place = registry.venues([space_id]).get(space_id)
        if place is not None and place.municipality_id:
            municipality = Municipality.objects.filter(pk=place.municipality_id).first()
            if municipality is not None:
                cleaned_data["municipality"] = municipality
                self.errors.pop("municipality", None)

    def _clean_postal_code(self, cleaned_data):
        municipality = cleaned_data.get("municipality")
        code = (cleaned_data.get("postal_code") or "").strip()
        if municipality is None or "postal_code" not in self.fields:
            return
        if not code:
            typed = self.data.get(self.add_prefix("municipality"), "")
            code = self.fields["municipality"].typed_postcode(typed)
            if not code:
                codes = set(municipality.postal_codes.values_list("code", flat=True))
                code = codes.pop() if len(codes) == 1 else ""
            if not code:
                self.add_error(
                    "postal_code", ValidationError(_("Give the postcode of the address."), code="required")
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


class EventFieldsForm(TranslatedRequiredMixin, VenueFormMixin, WagtailAdminModelForm):
    """What events and series share; the checkboxes list every sector and language."""

    translated_required = ("title",)

    municipality = MunicipalityField(
        label=_("Municipality"),
        required=False,
        help_text=_(
            "Its name in any language, or its postcode. For a space, the space's own is taken; "
            "for an online event, give the organising region's (for the region filter)."
        ),
        widget=AdminPlaceInput,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("sectors", "languages"):
            if name in self.fields:
                self.fields[name].widget = forms.CheckboxSelectMultiple(
                    choices=self.fields[name].widget.choices
                )


class EventForm(EventFieldsForm):
    """An event. It remembers what it was, for the view to tell registrants of a change; and
    an event of a series edited so that it no longer follows it is kept apart from it
    (`detached`): the series then leaves it as it is."""

    TIMES = ("start", "end", "registration_opens", "registration_deadline")
    # Where it happens: a change is told to the registrants.
    PLACE = ("venue", "space_id", "street_address", "postal_code", "municipality_id", "online_url")
    REMEMBERED = ("status", "start", "end", "capacity", *PLACE)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.TIMES:
            if name in self.fields:
                old = self.fields[name]
                help_text = f"{old.help_text} {BRUSSELS_TIME}" if old.help_text else BRUSSELS_TIME
                self.fields[name] = BrusselsDateTimeField(
                    label=old.label,
                    required=old.required,
                    help_text=help_text,
                    widget=AdminDateTimeInput(),
                )
        if "detached" in self.fields:
            if self.instance.series_id:
                self.fields["detached"].help_text = _(
                    "Ticked, the series no longer changes this date. Set by itself when its "
                    "times or texts are changed here; untick it to let the series rewrite it."
                )
            else:
                del self.fields["detached"]
        instance = self.instance
        self.original = {name: getattr(instance, name) if instance.pk else None for name in self.REMEMBERED}

    def clean(self):
        cleaned_data = super().clean()
        start, end = cleaned_data.get("start"), cleaned_data.get("end")
        opens, deadline = cleaned_data.get("registration_opens"), cleaned_data.get("registration_deadline")
        if start and end and end <= start:
            pass  # Event.clean says so on the end field
        elif end and deadline and deadline > end:
            self.add_error(
                "registration_deadline", ValidationError(DEADLINE_AFTER_END_ERROR, code="deadline_after_end")
            )
        if opens and deadline and opens >= deadline and "registration_deadline" not in self.errors:
            self.add_error("registration_opens", ValidationError(OPENS_AFTER_DEADLINE_ERROR, code="opens"))
        if cleaned_data.get("image") and not (cleaned_data.get("image_alt") or "").strip():
            self.add_error("image_alt", ValidationError(IMAGE_ALT_ERROR, code="required"))
        return cleaned_data

    def differs_from_series(self):
        """Whether the event, as saved, no longer is what its series would make of that day."""
        event, series = self.instance, self.instance.series
        if series is None:
            return False
        for name in translated_names(SHARED):
            if getattr(event, name) != getattr(series, name):
                return True
        start, end = timezone.localtime(event.start, BRUSSELS), timezone.localtime(event.end, BRUSSELS)
        if (start.time(), end.time()) != (series.start_time, series.end_time):
            return True
        original = self.original["start"]
        if original is not None and start.date() != timezone.localtime(original, BRUSSELS).date():
            return True
        for name in ("languages", "sectors"):
            if name in self.cleaned_data:
                chosen = {item.pk for item in self.cleaned_data[name]}
                if chosen != set(getattr(series, name).values_list("pk", flat=True)):
                    return True
        return False

    def save(self, commit=True):
        if self.instance.series_id and not self.instance.detached and self.differs_from_series():
            self.instance.detached = True
        return super().save(commit=commit)

    @property
    def moved(self):
        """Its start or end changed (an existing event)."""
        original = self.original
        return original["start"] is not None and (self.instance.start, self.instance.end) != (
            original["start"],
            original["end"],
        )

    @property
    def relocated(self):
        """Where it happens changed (an existing event)."""
        original = self.original
        return original["start"] is not None and any(
            getattr(self.instance, name) != original[name] for name in self.PLACE
        )

    @property
    def more_places(self):
        """Its capacity grew, or its limit was lifted (an existing event)."""
        before, now = self.original["capacity"], self.instance.capacity
        return self.original["start"] is not None and before is not None and (now is None or now > before)

    @property
    def cancelled_now(self):
        return (
            self.original["status"] is not None
            and self.original["status"] != Event.Status.CANCELLED
            and self.instance.status == Event.Status.CANCELLED
        )


class SeriesForm(EventFieldsForm):
    """A series; its rule is checked by Series.clean (the error lands on the rule or on the
    dates left out)."""

    def clean_rule(self):
        return "".join((self.cleaned_data.get("rule") or "").split()).upper()

    def clean_exceptions(self):
        lines = (self.cleaned_data.get("exceptions") or "").replace(",", "\n").splitlines()
        return "\n".join(line.strip() for line in lines if line.strip())

    def clean(self):
        cleaned_data = super().clean()
        first, until = cleaned_data.get("first_date"), cleaned_data.get("until")
        if first and until and until < first:
            self.add_error("until", _("The last date cannot come before the first."))
        return cleaned_data


class EventFormatForm(TranslatedRequiredMixin, WagtailAdminModelForm):
    translated_required = ("name",)


class MessageForm(forms.Form):
    """A message to an event's registrants (one e-mail each, no one sees the others)."""

    CONFIRMED = "confirmed"
    WITH_WAITLIST = "with_waitlist"

    audience = forms.ChoiceField(
        label=_("To"),
        choices=[
            (CONFIRMED, _("The people registered")),
            (WITH_WAITLIST, _("The people registered and those on the waitlist")),
        ],
        initial=CONFIRMED,
        widget=forms.RadioSelect,
    )
    subject = forms.CharField(label=_("Subject"), max_length=200)
    body = forms.CharField(
        label=_("Message"),
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("Plain text. Each person receives their own e-mail and sees no one else's address."),
    )

    def clean_subject(self):
        return " ".join(self.cleaned_data["subject"].split())
