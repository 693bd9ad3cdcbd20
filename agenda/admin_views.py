"""The views and filters behind the events admin (wagtail_hooks.py assembles them).

Besides Wagtail's listing and forms: saving an event tells its registrants when it is
cancelled (agenda.registration.cancel_event); saving a series brings its dates in line
(agenda.series.materialize); and each event has its registrations' pages: the registrants and
the waitlist, their spreadsheet, a message to them, a list to print for the door and a check-in
page made for phones.
"""

import csv

import django_filters
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.mail import get_connection
from django.db.models import Count, F, Q
from django.db.models.functions import Lower
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.generic import FormView, TemplateView, View
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import HelpPanel
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import CreateView, DeleteView, EditView, IndexView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.widgets.button import Button

from agenda.access import can_change_registrations, can_see_registrations, managed, manages, manages_all
from agenda.admin_forms import BRUSSELS, MessageForm
from agenda.models import Event, EventFormat, Registration, Venue, seat_totals
from agenda.registration import cancel_event, event_changed, organiser_message, promote
from agenda.series import materialize
from portal import registry

EVENTS_NAMESPACE = "agenda_events"


def local_format(value, format_name="SHORT_DATETIME_FORMAT"):
    """A moment in Brussels time, written in the admin's language ("5 mars 2026 09:00")."""
    return formats.date_format(timezone.localtime(value, BRUSSELS), format_name) if value else ""


def local_datetime(value):
    """A moment as the clocks in Brussels showed it, to the second (spreadsheets have no zones)."""
    return timezone.localtime(value, BRUSSELS).replace(tzinfo=None, microsecond=0) if value else None


def registrations_url(event, name="registrations"):
    return reverse(f"{EVENTS_NAMESPACE}:{name}", args=[event.pk])


class LocalTimeColumn(Column):
    """A date and time in Brussels, written in the admin's language."""

    def get_value(self, instance):
        return local_format(super().get_value(instance))


def venue_label(event):
    """Where: the space's name, the address's municipality, or "Online"."""
    if event.venue == Venue.SPACE:
        return getattr(event, "space_name", "") or str(Venue.SPACE.label)
    if event.venue == Venue.ADDRESS:
        return event.municipality.name if event.municipality_id else ""
    return str(Venue.ONLINE.label)


def attach_space_names(events):
    """Give each event of a space its name (one look-up for the whole page)."""
    places = registry.venues({event.space_id for event in events if event.venue == Venue.SPACE})
    for event in events:
        place = places.get(event.space_id)
        event.space_name = place.name if place else ""


class PlacesColumn(Column):
    """Places taken out of the capacity, linked to the registrations when the user sees them."""

    cell_template_name = "agenda/admin/places_cell.html"

    def get_value(self, instance):
        taken = instance.seats_taken_count or 0
        if instance.capacity is None:
            return _("%(taken)s (no limit)") % {"taken": taken}
        return _("%(taken)s / %(capacity)s") % {"taken": taken, "capacity": instance.capacity}

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        request = parent_context.get("request")
        context["link"] = (
            registrations_url(instance) if request is not None and can_see_registrations(request.user) else ""
        )
        return context


# Events --------------------------------------------------------------------------------


class EventFilterSet(WagtailFilterSet):
    """Upcoming events unless past ones (or all) are asked for."""

    UPCOMING, PAST, ALL = "upcoming", "past", "all"

    when = django_filters.ChoiceFilter(
        label=_("When"),
        choices=[(UPCOMING, _("Upcoming")), (PAST, _("Past")), (ALL, _("All dates"))],
        method="filter_when",
        empty_label=None,
    )
    format = django_filters.ModelChoiceFilter(queryset=EventFormat.objects.all(), label=_("Format"))
    status = django_filters.ChoiceFilter(choices=Event.Status.choices, label=_("Status"))

    class Meta:
        model = Event
        fields = []

    def __init__(self, data=None, *args, **kwargs):
        if data is not None and not data.get("when"):
            data = data.copy()
            data["when"] = self.UPCOMING
        super().__init__(data, *args, **kwargs)
        self.form.fields["when"].initial = self.UPCOMING

    def filter_when(self, queryset, name, value):
        now = timezone.now()
        if value == self.PAST:
            return queryset.filter(end__lt=now)
        if value == self.ALL:
            return queryset
        return queryset.filter(end__gte=now)


class EventIndexView(IndexView):
    """The events with their places taken and their waitlist, counted in the listing's query."""

    def get_base_queryset(self):
        totals = seat_totals("registrations__")
        return managed(
            self.request.user,
            super()
            .get_base_queryset()
            .select_related("format", "municipality")
            .annotate(seats_taken_count=totals["taken"], waitlist_count=totals["waiting"]),
        )

    def order_queryset(self, queryset):
        # Past events: the latest first, unless the editor sorts otherwise.
        if not self.is_explicitly_ordered and self.request.GET.get("when") == EventFilterSet.PAST:
            return queryset.order_by("-start", "-pk")
        return super().order_queryset(queryset)

    def paginate_queryset(self, queryset, page_size):
        paginator, page, object_list, is_paginated = super().paginate_queryset(queryset, page_size)
        object_list = list(object_list)
        attach_space_names(object_list)
        page.object_list = object_list
        return paginator, page, object_list, is_paginated

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if can_see_registrations(self.request.user):
            buttons.append(
                MenuItem(_("Registrations"), url=registrations_url(instance), icon_name="group", priority=15)
            )
        return buttons


class RegistrationsButtonMixin:
    """The edit view's "Registrations" button."""

    @cached_property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        if self.object and self.object.pk and can_see_registrations(self.request.user):
            buttons.append(
                Button(_("Registrations"), url=registrations_url(self.object), icon_name="group", priority=5)
            )
        return buttons


class ManagedObjectMixin:
    """Partner organisers open only the events and series they manage (agenda.access)."""

    def get_object(self, queryset=None):
        obj = super().get_object(queryset)
        if not manages(self.request.user, obj):
            raise PermissionDenied
        return obj


class ManagerOnCreateMixin:
    """A partner organiser who creates an event or a series manages it."""

    def save_instance(self):
        instance = super().save_instance()
        if not manages_all(self.request.user):
            instance.managers.add(self.request.user)
        return instance


class EventCreateView(ManagerOnCreateMixin, CreateView):
    pass


class EventEditView(ManagedObjectMixin, RegistrationsButtonMixin, EditView):
    """Cancelling an event tells its registrants (agenda.registration.cancel_event); moving it
    or changing its place raises its SEQUENCE, so that calendar apps take the change, and tells
    them too (agenda.registration.event_changed)."""

    cancelled = 0
    changed = 0
    promoted = 0

    def save_instance(self):
        form = self.form
        if form.cancelled_now:
            # cancel_event changes the status itself, and writes only when it does.
            form.instance.status = form.original["status"]
            event = super().save_instance()
            self.cancelled = cancel_event(event)
            return event
        event = super().save_instance()
        status_changed = form.original["status"] not in (None, event.status)
        if form.moved or form.relocated or status_changed:
            Event.objects.filter(pk=event.pk).update(sequence=F("sequence") + 1)
            event.refresh_from_db(fields=["sequence"])
            # Postponed, moved online or back on: the registrants hear of it as of a new date.
            self.changed = event_changed(event)
        back_on = status_changed and form.original["status"] in (
            Event.Status.POSTPONED,
            Event.Status.CANCELLED,
        )
        if form.more_places or back_on:
            # Places added, or the event back on: they go to the waitlist in its order, as a
            # freed seat would (nobody was promoted while it was postponed).
            Event.objects.filter(pk=event.pk).update(lock_version=F("lock_version") + 1)
            self.promoted = len(promote(Event.objects.get(pk=event.pk)))
        return event

    def get_success_message(self):
        message = str(super().get_success_message())
        if self.cancelled:
            message += " " + ngettext(
                "It is cancelled: the person registered is told by e-mail.",
                "It is cancelled: the %(count)s people registered or waiting are told by e-mail.",
                self.cancelled,
            ) % {"count": self.cancelled}
        elif self.changed:
            message += " " + ngettext(
                "The person registered is told of the change by e-mail.",
                "The %(count)s people registered or waiting are told of the change by e-mail.",
                self.changed,
            ) % {"count": self.changed}
        if self.promoted:
            message += " " + ngettext(
                "The first person on the waitlist now has a place (told by e-mail).",
                "%(count)s people from the waitlist now have a place (told by e-mail).",
                self.promoted,
            ) % {"count": self.promoted}
        return message


EVENT_HAS_REGISTRANTS = _(
    "People are registered for this event, so it cannot be deleted: cancel it instead "
    "(they are told by e-mail)."
)


class EventDeleteView(ManagedObjectMixin, DeleteView):
    """An event still to come with people registered is cancelled, not deleted (deleting would
    drop their registrations without a word): the page says so and the deletion is refused."""

    def has_registrants(self):
        return (
            self.object.end >= timezone.now()
            and self.object.registrations.exclude(status=Registration.Status.CANCELLED).exists()
        )

    @property
    def confirmation_message(self):
        if self.has_registrants():
            return EVENT_HAS_REGISTRANTS
        return super().confirmation_message

    def form_valid(self, form):
        if self.has_registrants():
            messages.error(self.request, EVENT_HAS_REGISTRANTS)
            return redirect(self.edit_url_name, self.object.pk)
        return super().form_valid(form)


# Series --------------------------------------------------------------------------------


class SeriesIndexView(IndexView):
    """The series with how many of their dates are still to come (in the listing's query)."""

    def get_base_queryset(self):
        upcoming = Q(events__end__gte=timezone.now()) & ~Q(events__status=Event.Status.CANCELLED)
        return managed(
            self.request.user,
            super()
            .get_base_queryset()
            .select_related("format")
            .annotate(upcoming_count=Count("events", filter=upcoming)),
        )


class MaterializeMixin:
    """Saving a series creates, moves or cancels its dates; the message says how many."""

    counts = None

    def save_instance(self):
        series = super().save_instance()
        self.counts = materialize(series)
        return series

    def dates_message(self):
        created, updated, cancelled = self.counts or (0, 0, 0)
        return _("%(created)s dates created, %(updated)s updated, %(cancelled)s cancelled.") % {
            "created": created,
            "updated": updated,
            "cancelled": cancelled,
        }


class SeriesCreateView(MaterializeMixin, ManagerOnCreateMixin, CreateView):
    def get_success_message(self, instance):
        return f"{super().get_success_message(instance)} {self.dates_message()}"


class SeriesDeleteView(ManagedObjectMixin, DeleteView):
    pass


class SeriesEditView(ManagedObjectMixin, MaterializeMixin, EditView):
    def get_success_message(self):
        return f"{super().get_success_message()} {self.dates_message()}"


# Registrations -------------------------------------------------------------------------


def registrations_of(event):
    """(registrants, waitlist): the registered people (confirmed first, then those who have
    not confirmed their address, then those who cancelled) and the waitlist in its order."""
    rows = list(event.registrations.order_by("queued_at", "pk"))
    order = {
        Registration.Status.CONFIRMED: 0,
        Registration.Status.PENDING: 1,
        Registration.Status.CANCELLED: 2,
    }
    registrants = sorted(
        (r for r in rows if r.status != Registration.Status.WAITLISTED),
        key=lambda r: (order.get(r.status, 3), r.created_at, r.pk),
    )
    waitlist = [r for r in rows if r.status == Registration.Status.WAITLISTED]
    return registrants, waitlist


class EventRegistrationsMixin(PermissionCheckedMixin):
    """A page of one event's registrations, for those who may see them."""

    model = Registration
    permission_required = "view"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        # Another partner's event answers as if it did not exist.
        self.event = get_object_or_404(
            managed(request.user, Event.objects.select_related("format", "municipality")), pk=kwargs["pk"]
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        event = self.event
        attach_space_names([event])
        context.update(
            event=event,
            event_when=local_format(event.start, "DATETIME_FORMAT"),
            event_until=local_format(event.end, "TIME_FORMAT"),
            event_venue=venue_label(event),
            urls={
                name: registrations_url(event, name)
                for name in ("registrations", "registrations_csv", "message", "print", "check_in")
            },
            can_change=can_change_registrations(self.request.user, event),
        )
        return context


class EventAdminPageMixin(EventRegistrationsMixin, WagtailAdminTemplateMixin):
    header_icon = "group"

    def get_page_subtitle(self):
        return str(self.event.title)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse(f"{EVENTS_NAMESPACE}:index"), "label": Event._meta.verbose_name_plural},
            {
                "url": reverse(f"{EVENTS_NAMESPACE}:edit", args=[self.event.pk]),
                "label": str(self.event.title),
            },
            {"url": "", "label": self.get_page_title()},
        ]


class RegistrationsView(EventAdminPageMixin, TemplateView):
    template_name = "agenda/admin/registrations.html"
    page_title = _("Registrations")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        registrants, waitlist = registrations_of(self.event)
        confirmed = [r for r in registrants if r.status == Registration.Status.CONFIRMED]
        context.update(
            registrants=[(r, local_format(r.created_at), local_format(r.checked_in_at)) for r in registrants],
            waitlist=[(r, local_format(r.queued_at)) for r in waitlist],
            seats_taken=sum(r.seats for r in confirmed),
            waiting_seats=sum(r.seats for r in waitlist),
        )
        return context


def _spreadsheet_safe(value):
    """What people typed, never read as a formula by a spreadsheet (=, +, -, @ first)."""
    text = str(value)
    return f"'{text}" if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


class RegistrationsCSVView(EventRegistrationsMixin, View):
    """The registrants and the waitlist as a spreadsheet, headed in the admin's language."""

    def get(self, request, *args, **kwargs):
        registrants, waitlist = registrations_of(self.event)
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="registrations-{self.event.pk}.csv"'
        writer = csv.writer(response)
        writer.writerow(
            [
                str(_("Name")),
                str(_("E-mail")),
                str(_("Companions")),
                str(_("Status")),
                str(_("Registered at")),
                str(_("Checked in")),
            ]
        )
        for registration in [*registrants, *waitlist]:
            writer.writerow(
                [
                    _spreadsheet_safe(registration.name),
                    _spreadsheet_safe(registration.email),
                    registration.companions,
                    str(registration.get_status_display()),
                    local_datetime(registration.created_at) or "",
                    local_datetime(registration.checked_in_at) or "",
                ]
            )
        return response


class MessageView(EventAdminPageMixin, FormView):
    """Write to the registrants: one e-mail per person, through the site's mail queue."""

    template_name = "agenda/admin/message.html"
    form_class = MessageForm
    permission_required = "change"
    page_title = _("Message the registrants")

    def recipients(self, audience):
        """The registrations written to, one per address."""
        statuses = [Registration.Status.CONFIRMED]
        if audience == MessageForm.WITH_WAITLIST:
            statuses.append(Registration.Status.WAITLISTED)
        rows = self.event.registrations.filter(status__in=statuses).order_by("pk")
        return list({r.email.strip().lower(): r for r in rows}.values())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["counts"] = {
            audience: len(self.recipients(audience))
            for audience in (MessageForm.CONFIRMED, MessageForm.WITH_WAITLIST)
        }
        return context

    def form_valid(self, form):
        data = form.cleaned_data
        emails = []
        for registration in self.recipients(data["audience"]):
            registration.event = self.event
            emails.append(organiser_message(registration, data["subject"], data["body"]))
        sent = (get_connection().send_messages(emails) or 0) if emails else 0
        if sent:
            messages.success(
                self.request,
                ngettext(
                    "Your message was sent to %(count)s person.",
                    "Your message was sent to %(count)s people.",
                    sent,
                )
                % {"count": sent},
            )
        else:
            messages.warning(self.request, _("Nobody to write to: no message was sent."))
        return HttpResponseRedirect(registrations_url(self.event))


class PrintView(EventRegistrationsMixin, TemplateView):
    """The list for the door: a plain page (no admin around it) with a box to tick by each name."""

    template_name = "agenda/admin/print.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        confirmed = self.event.registrations.filter(status=Registration.Status.CONFIRMED).order_by(
            Lower("name"), "pk"
        )
        context.update(registrants=list(confirmed), printed_at=local_format(timezone.now()))
        context["expected"] = sum(r.seats for r in context["registrants"])
        return context


class CheckInView(EventAdminPageMixin, TemplateView):
    """At the door, on a phone: one tap on a name marks the person (and their companions) in."""

    template_name = "agenda/admin/check_in.html"
    permission_required = "change"
    page_title = _("Check-in")

    def confirmed(self):
        return self.event.registrations.filter(status=Registration.Status.CONFIRMED).order_by(
            Lower("name"), "pk"
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        people = list(self.confirmed())
        arrived = [r for r in people if r.checked_in_at]
        context.update(
            people=[(r, local_format(r.checked_in_at, "TIME_FORMAT")) for r in people],
            checked_in=len(arrived),
            expected=len(people),
            people_in=sum(r.seats for r in arrived),
            people_expected=sum(r.seats for r in people),
        )
        return context

    def post(self, request, *args, **kwargs):
        raw = request.POST.get("registration") or ""
        registration = (
            self.confirmed().filter(pk=int(raw)).first()
            if raw.isascii() and raw.isdigit() and len(raw) < 12
            else None
        )
        if registration is None:
            messages.error(request, _("This person is not registered for this event."))
            return HttpResponseRedirect(registrations_url(self.event, "check_in"))
        if request.POST.get("undo"):
            Registration.objects.filter(pk=registration.pk).update(checked_in_at=None)
        else:
            # A second tap (another phone at the same door) keeps the first time.
            Registration.objects.filter(pk=registration.pk, checked_in_at__isnull=True).update(
                checked_in_at=timezone.now()
            )
        return HttpResponseRedirect(f"{registrations_url(self.event, 'check_in')}#r{registration.pk}")


class RegistrationsPanel(HelpPanel):
    """The edit form's line on the event's registrations, linking to their page."""

    def __init__(self, template="agenda/admin/registrations_panel.html", **kwargs):
        super().__init__(template=template, **kwargs)

    class BoundPanel(HelpPanel.BoundPanel):
        def is_shown(self):
            instance, request = self.instance, self.request
            return bool(
                instance is not None
                and instance.pk
                and request
                and can_see_registrations(request.user, instance)
            )

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            event = self.instance
            counts = event.registrations.aggregate(**seat_totals())
            context.update(
                url=registrations_url(event),
                taken=counts["taken"] or 0,
                waiting=counts["waiting"] or 0,
                capacity=event.capacity,
            )
            return context
