import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coworking import hours
from coworking.models import Resource


class VisitForm(forms.Form):
    name = forms.CharField(label=_("Your name"), max_length=120)
    email = forms.EmailField(
        label=_("Your e-mail address"), help_text=_("The space answers you at this address.")
    )
    day = forms.DateField(
        label=_("Preferred day"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    message = forms.CharField(label=_("Message"), max_length=3000, widget=forms.Textarea(attrs={"rows": 5}))
    # A field people do not see (nor reach with the Tab key): robots fill it in.
    homepage = forms.CharField(
        required=False,
        label=_("Leave this field empty"),
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    def is_spam(self):
        return bool(self.data.get("homepage"))

    def clean_day(self):
        day = self.cleaned_data.get("day")
        if day and day < timezone.localdate():
            raise forms.ValidationError(_("Please choose a day to come."))
        return day


def _time_choices(first=0, last=24 * 60):
    """Half-hours from `first` to `last` (minutes after midnight), 24:00 for midnight."""
    first, last = first - first % 30, last + (-last) % 30
    return [
        (f"{m // 60:02d}:{m % 60:02d}", f"{m // 60:02d}:{m % 60:02d}") for m in range(first, last + 1, 30)
    ]


def opening_range(schedule, first_day):
    """(earliest opening, latest closing) in minutes after midnight over the week shown: the
    time menus offer what can be booked, not the whole day."""
    minutes = []
    for _day, intervals in schedule.week(first_day):
        for begin, finish in intervals:
            begin, finish = hours.aware(begin), hours.aware(finish)
            minutes.append(begin.hour * 60 + begin.minute)
            end = finish.hour * 60 + finish.minute
            minutes.append(end if end or finish.date() == begin.date() else 24 * 60)
    return (min(minutes), max(minutes)) if minutes else (0, 24 * 60)


class BookingForm(forms.Form):
    """A day, and for rooms booked by the hour a start and an end (half-hours)."""

    day = forms.DateField(label=_("Day"), widget=forms.DateInput(attrs={"type": "date"}))

    def clean_day(self):
        from coworking.booking import BOOKING_HORIZON_DAYS

        day = self.cleaned_data["day"]
        today = timezone.localdate()
        if day < today:
            raise forms.ValidationError(_("This day has already passed: please choose a day to come."))
        if day > today + datetime.timedelta(days=BOOKING_HORIZON_DAYS):
            raise forms.ValidationError(
                _("Bookings open %(days)s days ahead: please choose an earlier day."),
                params={"days": BOOKING_HORIZON_DAYS},
            )
        return day

    start = forms.ChoiceField(label=_("From"), choices=_time_choices(), required=False)
    end = forms.ChoiceField(label=_("Until"), choices=_time_choices(), required=False)

    def __init__(self, *args, resource, first_day=None, **kwargs):
        self.resource = resource
        super().__init__(*args, **kwargs)
        if resource.unit == Resource.Unit.DAY:
            del self.fields["start"], self.fields["end"]
            self.fields["day"].widget.attrs.update({"min": timezone.localdate().isoformat()})
        else:
            self.fields["start"].required = self.fields["end"].required = True
            choices = _time_choices(
                *opening_range(resource.space.schedule(), first_day or timezone.localdate())
            )
            self.fields["start"].choices = choices[:-1]
            self.fields["end"].choices = choices[1:]

    @staticmethod
    def _at(day, text):
        h, m = (int(p) for p in text.split(":"))
        return datetime.datetime.combine(day, datetime.time.min, tzinfo=hours.TZ) + datetime.timedelta(
            hours=h, minutes=m
        )

    def span(self):
        """(start, end) of the booking asked for, or None for a closed day (desks)."""
        from coworking.booking import day_span

        day = self.cleaned_data["day"]
        if self.resource.unit == Resource.Unit.DAY:
            return day_span(self.resource, day)
        return self._at(day, self.cleaned_data["start"]), self._at(day, self.cleaned_data["end"])
