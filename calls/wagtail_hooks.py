"""The calls admin: calls (imported or added by hand), their sources with an "Import now" button,
and the import runs with what each skipped and why, under one "Calls" menu. Who may do what:
calls.groups."""

from django import forms
from django.contrib.auth.models import Permission
from django.urls import path
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList, TabbedInterface
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from calls.admin_forms import CallForm, SourceForm
from calls.admin_views import (
    CALLS_NAMESPACE,
    RUNS_NAMESPACE,
    SOURCES_NAMESPACE,
    AlertFilterSet,
    AlertIndexView,
    CallFilterSet,
    CallIndexView,
    ImportNowColumn,
    ImportNowView,
    ImportRunIndexView,
    ImportRunView,
    LocalTimeColumn,
    alert_criteria,
)
from calls.models import Call, ImportRun, SavedSearch, Source

LANGUAGES = ("fr", "nl", "de", "en")
CHECKBOXES = forms.CheckboxSelectMultiple


def translated(name, textarea=False):
    """One input per language, each marked with its language for screen readers."""
    panels = []
    for language in LANGUAGES:
        attrs = {"lang": language}
        widget = forms.Textarea(attrs={**attrs, "rows": 5}) if textarea else forms.TextInput(attrs=attrs)
        panels.append(FieldPanel(f"{name}_{language}", widget=widget))
    return panels


CALL_EDIT_HANDLER = TabbedInterface(
    [
        ObjectList(
            [
                MultiFieldPanel(translated("title"), heading=_("Title")),
                MultiFieldPanel(translated("summary", textarea=True), heading=_("Summary")),
                FieldRowPanel([FieldPanel("kind"), FieldPanel("level"), FieldPanel("status")]),
                FieldPanel("published"),
            ],
            heading=_("Call"),
        ),
        ObjectList(
            [
                FieldRowPanel([FieldPanel("buyer_name"), FieldPanel("buyer_country")]),
                FieldPanel("nuts_codes"),
                FieldPanel("regions", widget=CHECKBOXES),
                FieldPanel("provinces", widget=CHECKBOXES),
            ],
            heading=_("Who and where"),
        ),
        ObjectList(
            [
                FieldPanel("sectors", widget=CHECKBOXES),
                FieldPanel("cpv_codes"),
                FieldRowPanel([FieldPanel("estimated_value"), FieldPanel("currency")]),
                FieldPanel("procedure_type"),
            ],
            heading=_("Sectors and value"),
        ),
        ObjectList(
            [
                FieldRowPanel([FieldPanel("publication_date"), FieldPanel("deadline")]),
                FieldPanel("url"),
                FieldPanel("documents_url"),
            ],
            heading=_("Dates and links"),
        ),
    ],
    base_form_class=CallForm,
)


class CallViewSet(ModelViewSet):
    model = Call
    icon = "doc-full"
    menu_label = pgettext_lazy("the admin menu's item", "Calls")
    url_namespace = CALLS_NAMESPACE
    url_prefix = "calls/calls"
    index_view_class = CallIndexView
    copy_view_enabled = False
    ordering = "deadline"
    list_per_page = 50
    list_display = [
        # Its title in the editor's language, else in another one (an imported notice may
        # have none in theirs).
        "__str__",
        Column("kind", label=_("Kind"), accessor="get_kind_display", sort_key="kind"),
        Column("level", label=_("Level"), accessor="get_level_display", sort_key="level"),
        Column("status", label=_("Status"), accessor="get_status_display", sort_key="status"),
        LocalTimeColumn("deadline", label=_("Deadline (Brussels)"), sort_key="deadline"),
        Column(
            "source",
            label=_("Source"),
            accessor=lambda call: call.source.name if call.source_id else call.get_source_kind_display(),
        ),
    ]
    filterset_class = CallFilterSet
    search_fields = [
        *(f"title_{language}" for language in LANGUAGES),
        "other_title",
        "buyer_name",
        "publication_number",
        "procedure_id",
    ]
    edit_handler = CALL_EDIT_HANDLER


class SourceViewSet(ModelViewSet):
    model = Source
    icon = "download"
    menu_label = _("Sources")
    url_namespace = SOURCES_NAMESPACE
    url_prefix = "calls/sources"
    copy_view_enabled = False
    list_display = [
        "name",
        Column("kind", label=_("Kind"), accessor="get_kind_display", sort_key="kind"),
        Column(
            "active", label=_("Imported on schedule"), accessor=lambda s: _("Yes") if s.active else _("No")
        ),
        LocalTimeColumn("last_run_at", label=_("Last import"), sort_key="last_run_at"),
        ImportNowColumn("import_now", label=_("Import")),
    ]
    search_fields = ["name", "url"]
    edit_handler = ObjectList(
        [
            FieldPanel("name"),
            FieldRowPanel([FieldPanel("kind"), FieldPanel("active")]),
            FieldPanel("url"),
            FieldPanel("query"),
            FieldPanel("language"),
            FieldRowPanel([FieldPanel("default_kind"), FieldPanel("default_level")]),
            FieldPanel("default_sectors", widget=CHECKBOXES),
            FieldPanel("default_regions", widget=CHECKBOXES),
        ],
        base_form_class=SourceForm,
    )

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("import/<int:pk>/", ImportNowView.as_view(), name="import_now"),
        ]


class ImportRunViewSet(ModelViewSet):
    """Read only: the list and each run's page."""

    model = ImportRun
    icon = "history"
    menu_label = _("Import runs")
    url_namespace = RUNS_NAMESPACE
    url_prefix = "calls/import-runs"
    index_view_class = ImportRunIndexView
    inspect_view_class = ImportRunView
    inspect_view_enabled = True
    copy_view_enabled = False
    ordering = "-started_at"
    list_per_page = 50
    list_display = [
        "started_at",
        Column("kind", label=_("Kind"), accessor="get_kind_display"),
        Column(
            "source", label=_("Source"), accessor=lambda run: run.source.name if run.source_id else run.origin
        ),
        Column("created", label=_("Created")),
        Column("updated", label=_("Updated")),
        Column("skipped", label=_("Skipped")),
        Column("failed", label=_("Failed")),
        Column("error", label=_("Error"), accessor=lambda run: run.error[:80]),
    ]
    list_filter = ["kind", "source"]

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("inspect/<int:pk>/", self.inspect_view, name="inspect"),
        ]

    def get_permissions_to_register(self):
        return Permission.objects.filter(content_type__app_label="calls", codename="view_importrun")


class AlertViewSet(ModelViewSet):
    """Read only: the members' alerts (members change them on the site)."""

    model = SavedSearch
    icon = "mail"
    menu_label = _("Members' alerts")
    url_namespace = "calls_alerts"
    url_prefix = "calls/alerts"
    index_view_class = AlertIndexView
    copy_view_enabled = False
    ordering = "-created_at"
    list_per_page = 50
    list_display = [
        Column("name", label=_("Alert")),
        Column("user", label=_("Member"), accessor=lambda a: a.user.get_full_name() or f"#{a.user_id}"),
        Column("criteria", label=_("Asks for"), accessor=alert_criteria),
        Column("frequency", label=_("E-mail"), accessor="get_frequency_display", sort_key="frequency"),
        Column("active", label=_("Active"), accessor=lambda a: _("Yes") if a.active else _("No")),
        LocalTimeColumn("last_sent_at", label=_("Last sent"), sort_key="last_sent_at"),
        Column("waiting", label=_("Calls waiting"), sort_key="waiting"),
    ]
    filterset_class = AlertFilterSet
    search_fields = ["name", "keywords"]

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
        ]

    def get_permissions_to_register(self):
        return Permission.objects.filter(content_type__app_label="calls", codename="view_savedsearch")


class CallsGroup(ViewSetGroup):
    menu_label = _("Calls")
    menu_icon = "doc-full"
    menu_order = 280
    items = (CallViewSet, SourceViewSet, ImportRunViewSet, AlertViewSet)


@hooks.register("register_admin_viewset")
def register_calls_viewsets():
    return CallsGroup()
