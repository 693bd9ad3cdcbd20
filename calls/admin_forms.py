"""The calls admin's forms (wagtail_hooks.py puts them in the panels).

Deadlines are typed and shown in Brussels time, whatever time zone the editor's admin profile
has. Choosing the sectors of a call by hand marks them as chosen (`sectors_edited`): later
imports of its notice keep them. A call an editor adds is a hand-made one (source "manual").
"""

from zoneinfo import ZoneInfo

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.widgets import AdminDateTimeInput

from calls.models import SourceKind

LANGUAGES = ("fr", "nl", "de", "en")
BRUSSELS = ZoneInfo(settings.TIME_ZONE)
BRUSSELS_TIME = _("Brussels time.")
TITLE_REQUIRED_ERROR = _("Fill this in, in one language at least.")


class BrusselsDateTimeField(forms.DateTimeField):
    """A date and time typed and shown as the clocks in Brussels show it."""

    def prepare_value(self, value):
        with timezone.override(BRUSSELS):
            return super().prepare_value(value)

    def to_python(self, value):
        with timezone.override(BRUSSELS):
            return super().to_python(value)


class CallForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        old = self.fields.get("deadline")
        if old is not None:
            self.fields["deadline"] = BrusselsDateTimeField(
                label=old.label, required=False, help_text=BRUSSELS_TIME, widget=AdminDateTimeInput()
            )

    def clean(self):
        cleaned_data = super().clean()
        names = [f"title_{language}" for language in LANGUAGES if f"title_{language}" in self.fields]
        if names and not any((cleaned_data.get(name) or "").strip() for name in names):
            self.add_error(names[0], TITLE_REQUIRED_ERROR)
        return cleaned_data

    def save(self, commit=True):
        instance = self.instance
        if instance.pk is None:
            instance.source_kind = SourceKind.MANUAL
        if "sectors" in self.changed_data:
            instance.sectors_edited = True
        if "deadline" in self.changed_data:
            # Typed in Brussels: the offset it had then is the one shown beside it.
            deadline = self.cleaned_data.get("deadline")
            offset = timezone.localtime(deadline, BRUSSELS).strftime("%z") if deadline else ""
            instance.deadline_timezone = f"{offset[:3]}:{offset[3:]}" if offset else ""
        return super().save(commit)


class SourceForm(WagtailAdminModelForm):
    def clean(self):
        cleaned_data = super().clean()
        url = cleaned_data.get("url") or ""
        if url and not url.lower().startswith(("http://", "https://")):
            self.add_error("url", _("Give a web address (http or https)."))
        return cleaned_data
