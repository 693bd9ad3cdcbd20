"""A place picker for forms: one text box that takes a municipality's name in any language
or a postcode, with suggestions as one types (portal/js/site.js), instead of a drop-down of
every municipality. Works without JavaScript: the server reads what was typed."""

import re

from django import forms
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from portal.places import lookup
from portal.places.models import Municipality

POSTCODE_FIRST = re.compile(r"^\s*(\d{4})\b")


class PlaceInput(forms.TextInput):
    template_name = "places/place_input.html"

    def __init__(self, attrs=None):
        super().__init__({"autocomplete": "off", **(attrs or {})})

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        widget_attrs = context["widget"]["attrs"]
        widget_attrs["list"] = f"{widget_attrs.get('id', name)}-options"
        widget_attrs["data-place-suggest"] = reverse("places:suggest")
        return context


class AdminPlaceInput(PlaceInput):
    """The place picker in the Wagtail admin, which does not load the site's script: the
    template brings its own suggestions."""

    template_name = "places/admin_place_input.html"


class MunicipalityField(forms.Field):
    """Cleans to a Municipality. "Luik", "Liège", "4000" and "4000 Liège" all give Liège; a
    postcode two municipalities share (1050) asks for the name too."""

    widget = PlaceInput
    default_error_messages = {
        "unknown": _("We do not know the municipality “%(place)s”. Type its name or its postcode."),
        "shared": _("The postcode %(code)s belongs to %(places)s: type the name of yours, please."),
    }

    def prepare_value(self, value):
        # A municipality shows by its name in the visitor's language; what was typed stays as typed.
        return value.name if isinstance(value, Municipality) else value

    def to_python(self, value):
        text = (value or "").strip()
        if not text:
            return None
        code = lookup.resolve(text)
        if code and len(code) == 5:
            return Municipality.objects.filter(refnis=code).first()
        if code:
            places = list(Municipality.objects.filter(postal_codes__code=code).order_by("name"))
            if len(places) == 1:
                return places[0]
            raise forms.ValidationError(
                self.error_messages["shared"],
                code="shared",
                params={"code": code, "places": " / ".join(p.name for p in places)},
            )
        raise forms.ValidationError(
            self.error_messages["unknown"], code="unknown", params={"place": text[:80]}
        )

    def typed_postcode(self, value):
        """The postcode someone typed with the name ("4000 Liège"), if any."""
        match = POSTCODE_FIRST.match(value or "")
        return match.group(1) if match else ""
