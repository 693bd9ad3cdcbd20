"""The events admin: events (with their registrations' pages: registrants and waitlist, their
spreadsheet, a message to them, a list to print and a check-in page for phones), recurring
series and the formats, under one "Events" menu. Who sees what: agenda.groups."""

from django import forms
from django.contrib.auth.models import Permission
from django.urls import path
from django.utils.html import escape, format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail import hooks
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    HelpPanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from agenda.access import MANAGE_ALL
from agenda.admin_forms import EventForm, EventFormatForm, SeriesForm
from agenda.admin_views import (
    EVENTS_NAMESPACE,
    CheckInView,
    EventCreateView,
    EventDeleteView,
    EventEditView,
    EventFilterSet,
    EventIndexView,
    LocalTimeColumn,
    MessageView,
    PlacesColumn,
    PrintView,
    RegistrationsCSVView,
    RegistrationsPanel,
    RegistrationsView,
    SeriesCreateView,
    SeriesDeleteView,
    SeriesEditView,
    SeriesIndexView,
    venue_label,
)
from agenda.models import Event, EventFormat, Series
from agenda.recurrence import describe

LANGUAGES = ("fr", "nl", "de", "en")
CHECKBOXES = forms.CheckboxSelectMultiple


def translated(name, textarea=False):
    """One panel per language, each input marked with its language for screen readers."""
    panels = []
    for language in LANGUAGES:
        attrs = {"lang": language}
        widget = forms.Textarea(attrs={**attrs, "rows": 5}) if textarea else forms.TextInput(attrs=attrs)
        panels.append(FieldPanel(f"{name}_{language}", widget=widget))
    return panels


RULE_EXAMPLES = [
    ("FREQ=MONTHLY;BYDAY=1TU", _("every first Tuesday of the month")),
    ("FREQ=WEEKLY;INTERVAL=2", _("every two weeks, on the weekday of the first date")),
    ("FREQ=WEEKLY;BYDAY=MO,TH", _("every Monday and Thursday")),
    ("FREQ=MONTHLY;BYDAY=-1FR", _("every last Friday of the month")),
    ("FREQ=MONTHLY;BYMONTHDAY=15;COUNT=6", _("on the 15th of the month, six times")),
]
RULE_HELP = _(
    "The rule says which days the series takes place, in the iCalendar RRULE language. Each "
    "date becomes an event of its own, with its own registrations, that can be edited or "
    "cancelled alone. Saving the series creates the dates of the coming year; dates left out "
    "or no longer in the rule are cancelled (their registrants are told). For example:"
)


class RuleHelp:
    """The rule's help with its examples, escaped (HelpPanel writes HTML) and translated when shown."""

    def __str__(self):
        items = format_html_join("", "<li><code>{}</code>: {}</li>", ((r, str(t)) for r, t in RULE_EXAMPLES))
        return format_html("<p>{}</p><ul>{}</ul>", escape(str(RULE_HELP)), items)


def where_panels():
    return [
        FieldPanel("venue", widget=forms.RadioSelect),
        FieldPanel("space_id"),
        MultiFieldPanel(
            [
                FieldPanel("street_address"),
                FieldRowPanel([FieldPanel("municipality"), FieldPanel("postal_code")]),
            ],
            heading=_("Address"),
        ),
        FieldPanel("online_url"),
    ]


def who_panels():
    return [
        FieldPanel("languages", widget=CHECKBOXES),
        FieldPanel("sectors", widget=CHECKBOXES),
        MultiFieldPanel(translated("organiser"), heading=_("Organiser")),
        FieldPanel("accessibility"),
        # Staff choose the partners; a partner is its own events' manager (agenda.access).
        FieldPanel("managers", widget=CHECKBOXES, permission=MANAGE_ALL),
    ]


def registration_panels():
    return [
        FieldRowPanel([FieldPanel("capacity"), FieldPanel("max_companions")]),
        FieldRowPanel([FieldPanel("price"), FieldPanel("ticket_url")]),
    ]


EVENT_EDIT_HANDLER = TabbedInterface(
    [
        ObjectList(
            [
                MultiFieldPanel(translated("title"), heading=_("Title")),
                MultiFieldPanel(translated("description", textarea=True), heading=_("Description")),
                FieldPanel("format"),
                FieldRowPanel([FieldPanel("status"), FieldPanel("published")]),
                FieldPanel("detached"),
                MultiFieldPanel([FieldPanel("image"), FieldPanel("image_alt")], heading=_("Image")),
            ],
            heading=_("Event"),
        ),
        ObjectList(
            [
                FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
                FieldRowPanel([FieldPanel("registration_opens"), FieldPanel("registration_deadline")]),
            ],
            heading=_("When"),
        ),
        ObjectList(where_panels(), heading=_("Where")),
        ObjectList(who_panels(), heading=_("Who")),
        ObjectList([RegistrationsPanel(), *registration_panels()], heading=_("Registration")),
    ],
    base_form_class=EventForm,
)

SERIES_EDIT_HANDLER = TabbedInterface(
    [
        ObjectList(
            [
                MultiFieldPanel(translated("title"), heading=_("Title")),
                MultiFieldPanel(translated("description", textarea=True), heading=_("Description")),
                FieldPanel("format"),
            ],
            heading=pgettext_lazy("one series of events", "Series"),
        ),
        ObjectList(
            [
                HelpPanel(RuleHelp(), classname="help-block help-info"),
                FieldPanel("rule"),
                FieldRowPanel([FieldPanel("first_date"), FieldPanel("until")]),
                FieldRowPanel([FieldPanel("start_time"), FieldPanel("end_time")]),
                FieldPanel("exceptions"),
            ],
            heading=_("Dates"),
        ),
        ObjectList(where_panels(), heading=_("Where")),
        ObjectList(who_panels(), heading=_("Who")),
        ObjectList(registration_panels(), heading=_("Registration")),
    ],
    base_form_class=SeriesForm,
)


class EventViewSet(ModelViewSet):
    model = Event
    icon = "date"
    menu_label = pgettext_lazy("the admin menu's item", "Events")
    url_namespace = EVENTS_NAMESPACE
    url_prefix = "agenda/events"
    index_view_class = EventIndexView
    add_view_class = EventCreateView
    edit_view_class = EventEditView
    delete_view_class = EventDeleteView
    copy_view_enabled = False
    ordering = "start"
    list_per_page = 50
    list_display = [
        "title",
        LocalTimeColumn("start", label=_("Start"), sort_key="start"),
        Column("format", label=_("Format"), accessor="format.name", sort_key="format__order"),
        Column("venue", label=_("Venue"), accessor=venue_label),
        PlacesColumn("places", label=_("Places taken"), sort_key="seats_taken_count"),
        Column("waitlist", label=_("Waitlist"), accessor="waitlist_count", sort_key="waitlist_count"),
        Column("status", label=_("Status"), accessor="get_status_display", sort_key="status"),
    ]
    filterset_class = EventFilterSet
    search_fields = ["title_fr", "title_nl", "title_de", "title_en"]
    edit_handler = EVENT_EDIT_HANDLER

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("registrations/<int:pk>/", RegistrationsView.as_view(), name="registrations"),
            path("registrations/<int:pk>/csv/", RegistrationsCSVView.as_view(), name="registrations_csv"),
            path("registrations/<int:pk>/message/", MessageView.as_view(), name="message"),
            path("registrations/<int:pk>/print/", PrintView.as_view(), name="print"),
            path("registrations/<int:pk>/check-in/", CheckInView.as_view(), name="check_in"),
        ]


class SeriesViewSet(ModelViewSet):
    model = Series
    icon = "rotate"
    menu_label = _("Series")
    url_namespace = "agenda_series"
    url_prefix = "agenda/series"
    index_view_class = SeriesIndexView
    add_view_class = SeriesCreateView
    edit_view_class = SeriesEditView
    delete_view_class = SeriesDeleteView
    copy_view_enabled = False
    list_display = [
        "title",
        Column("rule", label=_("Recurrence rule"), accessor=lambda series: describe(series.rule)),
        Column("format", label=_("Format"), accessor="format.name"),
        Column("first_date", label=_("First date"), accessor="first_date", sort_key="first_date"),
        Column("until", label=_("Last date"), accessor="until", sort_key="until"),
        Column("upcoming", label=_("Dates to come"), accessor="upcoming_count", sort_key="upcoming_count"),
    ]
    search_fields = ["title_fr", "title_nl", "title_de", "title_en"]
    edit_handler = SERIES_EDIT_HANDLER


class EventFormatViewSet(ModelViewSet):
    model = EventFormat
    icon = "tag"
    menu_label = _("Formats")
    url_namespace = "agenda_formats"
    url_prefix = "agenda/formats"
    copy_view_enabled = False
    list_display = ["name", "slug", "order"]
    search_fields = ["slug", "name_fr", "name_nl", "name_de", "name_en"]
    edit_handler = ObjectList(
        [FieldPanel("slug"), *translated("name"), FieldPanel("order")], base_form_class=EventFormatForm
    )


class EventsGroup(ViewSetGroup):
    menu_label = _("Events")
    menu_icon = "date"
    menu_order = 270
    items = (EventViewSet, SeriesViewSet, EventFormatViewSet)


@hooks.register("register_admin_viewset")
def register_agenda_viewsets():
    return EventsGroup()


@hooks.register("register_permissions")
def agenda_permissions():
    # The views have no inspect view (Wagtail then leaves "view" out of the group editor), and
    # the registrations are read and checked in from their event's pages.
    return Permission.objects.filter(content_type__app_label="agenda").filter(
        codename__in=[
            "view_event",
            "view_series",
            "view_eventformat",
            "view_registration",
            "change_registration",
            "manage_all_events",
        ]
    )
