"""The views and filters behind the coworking admin (wagtail_hooks.py assembles them)."""

import datetime
from collections import OrderedDict

import django_filters
from django.contrib import messages
from django.db import transaction
from django.db.models import ProtectedError
from django.shortcuts import redirect
from django.utils import formats, timezone, translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import CreateView, DeleteView, EditView, IndexView, InspectView
from wagtail.admin.widgets import AdminDateInput
from wagtail.log_actions import log

from coworking import hours
from coworking.booking import cancel
from coworking.models import Booking, Closure, Space


def brussels_today():
    return datetime.datetime.now(hours.TZ).date()


def local_naive(moment):
    """A moment as the clock on the wall in Brussels showed it (spreadsheets have no zones)."""
    return hours.aware(moment).replace(tzinfo=None) if moment else None


def member_name(user):
    return user.get_full_name() or _("(no name given)")


def in_language(lines, language):
    with translation.override(language):
        yield from lines


class LocalTimeColumn(Column):
    """A date and time in Brussels, written in the admin's language ("5 mars 2026 09:00")."""

    def get_value(self, instance):
        value = super().get_value(instance)
        return formats.date_format(timezone.localtime(value), "SHORT_DATETIME_FORMAT") if value else ""


# Spaces --------------------------------------------------------------------------------

SPACE_BOOKED = _("This space has bookings, so it cannot be deleted: unpublish it instead.")


class SpaceDeleteView(DeleteView):
    """A space whose rooms have bookings is kept (the bookings are its members'): the page says
    so, and the deletion is refused rather than failing."""

    @property
    def confirmation_message(self):
        if Booking.objects.filter(resource__space=self.object).exists():
            return SPACE_BOOKED
        return super().confirmation_message

    def form_valid(self, form):
        try:
            with transaction.atomic():
                return super().form_valid(form)
        except ProtectedError:
            messages.error(self.request, SPACE_BOOKED)
            return redirect(self.edit_url_name, self.object.pk)


# Bookings ------------------------------------------------------------------------------


class BookingFilterSet(WagtailFilterSet):
    """Today's bookings unless another day is chosen; an empty day lists every day."""

    day = django_filters.DateFilter(label=_("On this day"), method="filter_day", widget=AdminDateInput)
    space = django_filters.ModelChoiceFilter(
        field_name="resource__space", queryset=Space.objects.all(), label=_("Space")
    )
    status = django_filters.ChoiceFilter(choices=Booking.Status.choices, label=_("Status"))

    class Meta:
        model = Booking
        fields = []

    def __init__(self, data=None, *args, **kwargs):
        today = brussels_today()
        if data is not None and "day" not in data:
            data = data.copy()
            data["day"] = today.isoformat()
        super().__init__(data, *args, **kwargs)
        self.form.fields["day"].initial = today

    def filter_day(self, queryset, name, value):
        if not value:
            return queryset
        start = datetime.datetime.combine(value, datetime.time.min, tzinfo=hours.TZ)
        return queryset.overlapping(start, start + datetime.timedelta(days=1))


class BookingIndexView(IndexView):
    """The listing and its spreadsheet: names rather than e-mail addresses, Brussels time."""

    def stream_csv(self, queryset):
        # The response is written after the view has returned, when the admin's language is
        # no longer active: the headings and statuses keep it.
        return in_language(super().stream_csv(queryset), translation.get_language())

    def to_row_dict(self, item):
        return OrderedDict(
            [
                ("resource", item.resource.name),
                ("space", item.resource.space.name),
                ("member", member_name(item.member)),
                ("start", local_naive(item.start)),
                ("end", local_naive(item.end)),
                ("status", item.get_status_display()),
                ("cancel_reason", item.cancel_reason),
            ]
        )


class LocalTimeInspectView(InspectView):
    """Dates and times in Brussels and in the admin's language; nothing written for none."""

    def get_field_display_value(self, field_name, field):
        value = super().get_field_display_value(field_name, field)
        if value is None:
            return "—"
        moment = getattr(self.object, field_name, None)
        if isinstance(moment, datetime.datetime):
            return formats.date_format(timezone.localtime(moment), "DATETIME_FORMAT")
        return value


class BookingEditView(EditView):
    """A manager changes a confirmed booking to cancelled: coworking.booking.cancel does it and
    writes to the member, with the reason given. Nothing else about a booking changes here."""

    cancelled_now = False
    was_cancelled = False

    def save_instance(self):
        booking = (
            Booking.objects.select_for_update()
            .select_related("resource__space", "member")
            .get(pk=self.object.pk)
        )
        data = self.form.cleaned_data
        self.was_cancelled = booking.status == Booking.Status.CANCELLED
        if booking.status == Booking.Status.CONFIRMED and data.get("status") == Booking.Status.CANCELLED:
            self.cancelled_now = cancel(booking, reason=data.get("cancel_reason", "").strip())
            if self.cancelled_now:
                log(instance=booking, action="wagtail.edit", user=self.request.user)
        return booking

    def get_success_message(self):
        if self.cancelled_now:
            return _("The booking is cancelled; the member is told by e-mail.")
        if self.was_cancelled:
            return _("This booking was already cancelled: nothing changed.")
        return _("Nothing changed: to cancel the booking, choose “Cancelled” and give the reason.")


# Maintenance blocks --------------------------------------------------------------------


class ClosureFilterSet(WagtailFilterSet):
    space = django_filters.ModelChoiceFilter(
        field_name="resource__space", queryset=Space.objects.all(), label=_("Space")
    )

    class Meta:
        model = Closure
        fields = []


class ClosureSaveMixin:
    """Saving a block cancels the confirmed bookings it covers (coworking.signals, once the
    transaction is committed); the message says how many."""

    def save_instance(self):
        closure = self.form.instance
        covered = Booking.objects.confirmed().filter(resource=closure.resource)
        self.affected = covered.overlapping(closure.start, closure.end).count()
        return super().save_instance()

    def get_success_message(self, *args, **kwargs):
        message = super().get_success_message(*args, **kwargs)
        count = getattr(self, "affected", 0)
        if count:
            message = " ".join(
                [
                    str(message),
                    ngettext(
                        "%(count)s booking is cancelled; its member is told by e-mail.",
                        "%(count)s bookings are cancelled; their members are told by e-mail.",
                        count,
                    )
                    % {"count": count},
                ]
            )
        return message


class ClosureCreateView(ClosureSaveMixin, CreateView):
    pass


class ClosureEditView(ClosureSaveMixin, EditView):
    pass
