"""The coworking admin: spaces (with their photos, rooms and desks, and an opening-hours
builder), amenities, bookings (with their spreadsheet), maintenance blocks and visit requests,
under one "Coworking" menu. Who sees what: coworking.groups."""

from django import forms
from django.contrib.auth.models import Permission
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    HelpPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from coworking.admin_forms import (
    AmenityForm,
    BookingForm,
    ClosureForm,
    PhotoForm,
    ResourceForm,
    SpaceForm,
)
from coworking.admin_views import (
    BookingEditView,
    BookingFilterSet,
    BookingIndexView,
    ClosureCreateView,
    ClosureEditView,
    ClosureFilterSet,
    LocalTimeColumn,
    LocalTimeInspectView,
    SpaceDeleteView,
    member_name,
)
from coworking.models import Amenity, Booking, Closure, Resource, Space, VisitRequest
from portal.admin_viewsets import NoAddMixin

LANGUAGES = ("fr", "nl", "de", "en")


class FormInlinePanel(InlinePanel):
    """An InlinePanel whose child forms are of a given class (Wagtail's takes the plain
    WagtailAdminModelForm): checks such as "a name in one language at least" then apply."""

    def __init__(self, *args, form=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.form = form

    def clone_kwargs(self):
        return {**super().clone_kwargs(), "form": self.form}

    def get_form_options(self):
        options = super().get_form_options()
        if self.form is not None and "form" not in options["formsets"][self.relation_name]:
            options["formsets"][self.relation_name]["form"] = self.form
        return options


class SelectRelatedMixin:
    """The listing reads the related rows it shows in the same query."""

    list_select_related = ()

    def get_index_view_kwargs(self, **kwargs):
        if self.list_select_related:
            queryset = self.model._default_manager.select_related(*self.list_select_related)
            kwargs.setdefault("queryset", queryset)
        return super().get_index_view_kwargs(**kwargs)


def translated(name, textarea=False):
    """One panel per language, each input marked with its language for screen readers."""
    panels = []
    for language in LANGUAGES:
        attrs = {"lang": language}
        widget = forms.Textarea(attrs={**attrs, "rows": 4}) if textarea else forms.TextInput(attrs=attrs)
        panels.append(FieldPanel(f"{name}_{language}", widget=widget))
    return panels


CHECKBOXES = forms.CheckboxSelectMultiple

BUILDER_HELP = _(
    "For each day, the times the space is open, such as “09:00-12:30, 13:30-17:00”; an empty "
    "day is closed. Changing these boxes writes the expression below; to write the expression "
    "yourself (OpenStreetMap syntax), leave the boxes as they are."
)


class BuilderHelp:
    """The builder's help, escaped (HelpPanel writes its content as HTML) and translated when shown."""

    def __str__(self):
        return escape(str(BUILDER_HELP))


RESOURCE_PANELS = [
    *translated("name"),
    FieldRowPanel([FieldPanel("kind"), FieldPanel("unit"), FieldPanel("capacity")]),
    FieldRowPanel([FieldPanel("price_member"), FieldPanel("price_public"), FieldPanel("max_hours")]),
    FieldPanel("amenities", widget=CHECKBOXES),
    FieldPanel("bookable"),
]

PHOTO_PANELS = [FieldPanel("image"), *translated("alt")]

SPACE_EDIT_HANDLER = TabbedInterface(
    [
        ObjectList(
            [
                MultiFieldPanel(
                    [*translated("name"), FieldPanel("slug"), FieldPanel("kind"), FieldPanel("published")],
                    heading=_("Identity"),
                ),
                MultiFieldPanel(
                    [
                        FieldPanel("street_address"),
                        FieldRowPanel([FieldPanel("municipality"), FieldPanel("postal_code")]),
                        FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
                    ],
                    heading=_("Address"),
                ),
                MultiFieldPanel(translated("description", textarea=True), heading=_("Description")),
                MultiFieldPanel(
                    [FieldPanel("email"), FieldPanel("language"), FieldPanel("phone"), FieldPanel("website")],
                    heading=_("Contact"),
                ),
            ],
            heading=_("Space"),
        ),
        ObjectList(
            [
                MultiFieldPanel(
                    [
                        HelpPanel(BuilderHelp(), classname="help-block help-info"),
                        FieldPanel("hours_mo"),
                        FieldPanel("hours_tu"),
                        FieldPanel("hours_we"),
                        FieldPanel("hours_th"),
                        FieldPanel("hours_fr"),
                        FieldPanel("hours_sa"),
                        FieldPanel("hours_su"),
                        FieldPanel("closed_on_public_holidays"),
                        FieldPanel("closing_periods"),
                        FieldPanel("opening_hours"),
                    ],
                    heading=_("Opening hours"),
                ),
                FieldPanel("adviser_hours"),
                FieldPanel("weekly_limit_hours"),
            ],
            heading=_("Opening hours and bookings"),
        ),
        ObjectList(
            [
                FieldPanel("amenities", widget=CHECKBOXES),
                MultiFieldPanel(
                    [
                        FieldPanel("wheelchair"),
                        FieldPanel("accessible_toilet"),
                        FieldPanel("hearing_loop"),
                        FieldPanel("lift"),
                    ],
                    heading=_("Accessibility"),
                ),
                MultiFieldPanel(
                    [
                        FieldPanel("capacity"),
                        FieldRowPanel([FieldPanel("price_hour_member"), FieldPanel("price_hour_public")]),
                        FieldRowPanel([FieldPanel("price_day_member"), FieldPanel("price_day_public")]),
                        FieldRowPanel([FieldPanel("price_month_member"), FieldPanel("price_month_public")]),
                    ],
                    heading=_("Capacity and prices"),
                ),
            ],
            heading=_("Facilities"),
        ),
        ObjectList(
            [FormInlinePanel("photos", panels=PHOTO_PANELS, form=PhotoForm, label=_("photo"))],
            heading=_("Photos"),
        ),
        ObjectList(
            [
                FormInlinePanel(
                    "resources", panels=RESOURCE_PANELS, form=ResourceForm, label=_("bookable room or desk")
                )
            ],
            heading=_("Rooms and desks"),
        ),
    ],
    base_form_class=SpaceForm,
)


class SpaceViewSet(SelectRelatedMixin, ModelViewSet):
    model = Space
    icon = "home"
    menu_label = _("Spaces")
    url_namespace = "coworking_spaces"
    url_prefix = "coworking/spaces"
    list_select_related = ["municipality"]
    delete_view_class = SpaceDeleteView
    copy_view_enabled = False
    list_display = ["name", "kind", "municipality", "published", "updated_at"]
    list_filter = ["kind", "published"]
    search_fields = ["name_fr", "name_nl", "name_de", "name_en", "street_address", "postal_code"]
    edit_handler = SPACE_EDIT_HANDLER


class AmenityViewSet(ModelViewSet):
    model = Amenity
    icon = "tag"
    menu_label = _("Amenities")
    url_namespace = "coworking_amenities"
    url_prefix = "coworking/amenities"
    copy_view_enabled = False
    list_display = ["name", "slug", "order"]
    search_fields = ["slug", "name_fr", "name_nl", "name_de", "name_en"]
    edit_handler = ObjectList(
        [FieldPanel("slug"), *translated("name"), FieldPanel("order")], base_form_class=AmenityForm
    )


class BookingViewSet(SelectRelatedMixin, NoAddMixin, ModelViewSet):
    """The managers' day sheet: today's bookings unless another day is chosen, as a
    spreadsheet too. A booking is cancelled from its edit view (the member is told)."""

    model = Booking
    icon = "date"
    menu_label = _("Bookings")
    url_namespace = "coworking_bookings"
    url_prefix = "coworking/bookings"
    list_select_related = ["resource__space", "member"]
    index_view_class = BookingIndexView
    edit_view_class = BookingEditView
    inspect_view_class = LocalTimeInspectView
    copy_view_enabled = False
    inspect_view_enabled = True
    ordering = ["start"]
    list_per_page = 50
    list_display = [
        Column("resource", label=_("Room or desk"), accessor="resource.name"),
        Column("space", label=_("Space"), accessor="resource.space.name"),
        Column("member", label=_("Member"), accessor=lambda booking: member_name(booking.member)),
        LocalTimeColumn("start", label=_("Start"), sort_key="start"),
        LocalTimeColumn("end", label=_("End"), sort_key="end"),
        Column("status", label=_("Status"), accessor="get_status_display", sort_key="status"),
    ]
    filterset_class = BookingFilterSet
    search_fields = ["member__first_name", "member__last_name", "resource__name_fr", "resource__name_nl"]
    list_export = ["resource", "space", "member", "start", "end", "status", "cancel_reason"]
    export_headings = {
        "resource": _("Room or desk"),
        "space": _("Space"),
        "member": _("Member"),
        "start": _("Start"),
        "end": _("End"),
        "status": _("Status"),
        "cancel_reason": _("Reason for cancelling"),
    }
    export_filename = "bookings"
    inspect_view_fields = [
        "resource",
        "member_name",
        "start",
        "end",
        "status",
        "created_at",
        "cancelled_at",
        "cancel_reason",
    ]
    edit_handler = ObjectList(
        [
            FieldPanel("resource", read_only=True),
            # The member's name, never the address str(user) would fall back to.
            HelpPanel(template="coworking/admin/booking_member.html"),
            FieldRowPanel([FieldPanel("start", read_only=True), FieldPanel("end", read_only=True)]),
            FieldPanel("status"),
            FieldPanel("cancel_reason"),
        ],
        base_form_class=BookingForm,
    )


class ClosureViewSet(SelectRelatedMixin, ModelViewSet):
    model = Closure
    icon = "warning"
    menu_label = _("Maintenance blocks")
    url_namespace = "coworking_closures"
    url_prefix = "coworking/maintenance"
    list_select_related = ["resource__space"]
    add_view_class = ClosureCreateView
    edit_view_class = ClosureEditView
    copy_view_enabled = False
    list_display = [
        Column("resource", label=_("Room or desk"), accessor="resource.name"),
        Column("space", label=_("Space"), accessor="resource.space.name"),
        LocalTimeColumn("start", label=_("From"), sort_key="start"),
        LocalTimeColumn("end", label=_("Until"), sort_key="end"),
        "reason",
    ]
    filterset_class = ClosureFilterSet
    edit_handler = ObjectList(
        [
            FieldPanel("resource"),
            FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
            FieldPanel("reason"),
        ],
        base_form_class=ClosureForm,
    )


class VisitRequestViewSet(SelectRelatedMixin, NoAddMixin, ModelViewSet):
    """Visitors' requests, relayed to the space's contact when sent: kept here to read."""

    model = VisitRequest
    icon = "mail"
    menu_label = _("Visit requests")
    url_namespace = "coworking_visits"
    url_prefix = "coworking/visits"
    inspect_view_class = LocalTimeInspectView
    list_select_related = ["space"]
    copy_view_enabled = False
    inspect_view_enabled = True
    list_display = ["space", "name", "day", "created_at"]
    list_filter = ["space"]
    search_fields = ["name", "message"]
    # Required by Wagtail; "edit" shows the request (edit_view below).
    form_fields = ["name"]
    inspect_view_fields = ["space", "name", "email", "day", "message", "language", "created_at"]

    @property
    def edit_view(self):
        return self.inspect_view


class CoworkingGroup(ViewSetGroup):
    menu_label = _("Coworking")
    menu_icon = "home"
    menu_order = 260
    items = (SpaceViewSet, AmenityViewSet, BookingViewSet, ClosureViewSet, VisitRequestViewSet)


@hooks.register("register_admin_viewset")
def register_coworking_viewsets():
    return CoworkingGroup()


@hooks.register("register_permissions")
def coworking_permissions():
    # Rooms and desks are edited inside their space, which has no view of their own to
    # register them; the spaces' "view" right goes with the space managers' listing.
    return Permission.objects.filter(content_type__app_label="coworking").filter(
        content_type__model__in=[Resource._meta.model_name, Space._meta.model_name]
    )
