"""The views and filters behind the calls admin (wagtail_hooks.py assembles them).

Besides Wagtail's listings and forms: each source has an "Import now" button (a POST, for
those who may change sources) that queues its import for the task worker, and each import run
has a read-only page listing every notice it skipped or could not read, and why, with links to
the calls it created or updated.
"""

import django_filters
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django.views.generic import View
from wagtail.admin import messages
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.generic import IndexView, InspectView
from wagtail.permissions import policy_registry

from calls.admin_forms import BRUSSELS
from calls.importing import translated
from calls.models import (
    FALLBACK_ORDER,
    Call,
    Frequency,
    ImportRun,
    Kind,
    Level,
    SavedSearch,
    Source,
    SourceKind,
    Status,
)
from calls.tasks import enqueue_import
from portal.taxonomy.models import Sector

CALLS_NAMESPACE = "calls_calls"
SOURCES_NAMESPACE = "calls_sources"
RUNS_NAMESPACE = "calls_import_runs"

ACTIONS = {
    "created": pgettext_lazy("an import's outcome for a notice", "Created"),
    "updated": pgettext_lazy("an import's outcome for a notice", "Updated"),
    "skipped": pgettext_lazy("an import's outcome for a notice", "Skipped"),
    "failed": pgettext_lazy("an import's outcome for a notice", "Failed"),
    "error": pgettext_lazy("an import's outcome for a notice", "Refused"),
}
IMPORT_QUEUED = _("Import of %(source)s queued: its run will appear under Import runs once done.")
IMPORT_ALREADY_QUEUED = _("An import of %(source)s is already queued or under way: it was not queued again.")


def local_format(value, format_name="SHORT_DATETIME_FORMAT"):
    """A moment in Brussels time, written in the admin's language."""
    return formats.date_format(timezone.localtime(value, BRUSSELS), format_name) if value else ""


class LocalTimeColumn(Column):
    """A date and time in Brussels, written in the admin's language."""

    def get_value(self, instance):
        return local_format(super().get_value(instance))


# Calls ---------------------------------------------------------------------------------


class CallFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(choices=Status.choices, label=_("Status"))
    kind = django_filters.ChoiceFilter(choices=Kind.choices, label=_("Kind"))
    level = django_filters.ChoiceFilter(choices=Level.choices, label=_("Level"))
    source = django_filters.ModelChoiceFilter(queryset=Source.objects.all(), label=_("Source"))
    source_kind = django_filters.ChoiceFilter(choices=SourceKind.choices, label=_("Imported from"))

    class Meta:
        model = Call
        fields = []


class CallIndexView(IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("source")


# Sources -------------------------------------------------------------------------------


def can_import(user):
    return policy_registry.get_by_type(Source).user_has_permission(user, "change")


class ImportNowColumn(Column):
    """A button that queues the source's import (a form: the import changes data)."""

    cell_template_name = "calls/admin/import_now_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        request = parent_context.get("request")
        # The table's context has no token of its own: the request's, as {% csrf_token %} reads it.
        context["csrf_token"] = get_token(request) if request is not None else ""
        context["action"] = (
            reverse(f"{SOURCES_NAMESPACE}:import_now", args=[instance.pk])
            if request is not None and can_import(request.user)
            else ""
        )
        context["source"] = instance
        return context


class ImportNowView(View):
    """POST only: queue an import of one source for the task worker (never in the request: a TED
    API source can take minutes), then back to the sources with what was done."""

    http_method_names = ["post"]

    def post(self, request, pk):
        if not can_import(request.user):
            raise PermissionDenied
        source = get_object_or_404(Source, pk=pk)
        params = {"source": source.name}
        runs = [messages.button(reverse(f"{RUNS_NAMESPACE}:index"), _("Import runs"))]
        if enqueue_import(source) is None:
            messages.warning(request, IMPORT_ALREADY_QUEUED % params, buttons=runs)
        else:
            messages.success(request, IMPORT_QUEUED % params, buttons=runs)
        return redirect(reverse(f"{SOURCES_NAMESPACE}:index"))


# Members' alerts (read only) -----------------------------------------------------------


class AlertFilterSet(WagtailFilterSet):
    frequency = django_filters.ChoiceFilter(choices=Frequency.choices, label=_("E-mail"))
    active = django_filters.BooleanFilter(label=_("Active"))
    sectors = django_filters.ModelChoiceFilter(queryset=Sector.objects.all(), label=_("Sector"))

    class Meta:
        model = SavedSearch
        fields = []


def alert_criteria(alert):
    """What an alert asks for, in words: sectors, regions, kinds, levels and keywords."""
    kinds, levels = dict(Kind.choices), dict(Level.choices)
    parts = [
        *(sector.name for sector in alert.sectors.all()),
        *(region.name for region in alert.regions.all()),
        *(str(kinds[code]) for code in alert.kind_list() if code in kinds),
        *(str(levels[code]) for code in alert.level_list() if code in levels),
    ]
    if alert.keywords:
        parts.append(f"“{alert.keywords}”")
    return ", ".join(parts) or _("Every call")


class ReadOnlyIndexView(IndexView):
    """A list nobody adds to, edits, copies or deletes from here."""

    def get_add_url(self):
        return None

    def get_edit_url(self, instance):
        return None

    def get_copy_url(self, instance):
        return None

    def get_delete_url(self, instance):
        return None


class AlertIndexView(ReadOnlyIndexView):
    """The members' alerts, to see what the watch is asked for (the sectors and regions worth a
    source) and to help a member whose alert sends nothing. Names only: never an address."""

    def get_base_queryset(self):
        return (
            super()
            .get_base_queryset()
            .select_related("user")
            .prefetch_related("sectors", "regions")
            .annotate(waiting=Count("matches", filter=Q(matches__sent_at__isnull=True)))
        )

    def get_inspect_url(self, instance):
        return None


# Import runs (read only) ---------------------------------------------------------------


class LocalTimeTitleColumn(TitleColumn):
    def get_value(self, instance):
        return local_format(super().get_value(instance))


class ImportRunIndexView(ReadOnlyIndexView):
    """The runs, newest first, each linked to its page; nobody adds, edits or deletes them."""

    def _get_title_column(self, field_name, column_class=TitleColumn, **kwargs):
        return super()._get_title_column(field_name, LocalTimeTitleColumn, **kwargs)

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("source").defer("log")


class ImportRunView(InspectView):
    """One run: its counts, and each notice it skipped or could not read, and why."""

    template_name = "calls/admin/import_run.html"

    def get_object(self, queryset=None):
        return get_object_or_404(ImportRun.objects.select_related("source"), pk=self.pk)

    def get_page_title(self):
        return _("Import run")

    def get_edit_url(self):
        return None

    def get_delete_url(self):
        return None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        run = self.object
        entries = [
            {
                "notice": entry.get("notice", ""),
                "action": entry.get("action", ""),
                "action_label": ACTIONS.get(entry.get("action"), ""),
                "reason": translated(entry.get("message"), entry.get("params")) or entry.get("reason", ""),
                "call_id": entry.get("call"),
            }
            for entry in run.log
            if isinstance(entry, dict)
        ]
        imported = [e for e in entries if e["action"] in ("created", "updated")]
        self._link_calls(imported)
        source = run.source
        context.update(
            run=run,
            source_url=(
                reverse(f"{SOURCES_NAMESPACE}:edit", args=[source.pk])
                if source and can_import(self.request.user)
                else ""
            ),
            started=local_format(run.started_at, "DATETIME_FORMAT"),
            finished=local_format(run.finished_at, "DATETIME_FORMAT"),
            problems=[e for e in entries if e["action"] in ("failed", "skipped", "error", "")],
            imported=imported,
        )
        return context

    def _link_calls(self, entries):
        """Each entry's call, by its title, linked to its edit page for those who may edit it.
        Logs written before the call was recorded, and calls deleted since, get none."""
        ids = {e["call_id"] for e in entries if isinstance(e["call_id"], int)}
        fields = ["pk", "source_ref", "original_language", "other_language", "other_title"]
        fields += [f"title_{language}" for language in FALLBACK_ORDER]
        calls = Call.objects.only(*fields).in_bulk(ids) if ids else {}
        may_edit = policy_registry.get_by_type(Call).user_has_permission(self.request.user, "change")
        for entry in entries:
            call = calls.get(entry["call_id"])
            entry["call"] = str(call) if call else ""
            entry["call_language"] = call.display("title")[1] if call else ""
            entry["call_url"] = (
                reverse(f"{CALLS_NAMESPACE}:edit", args=[call.pk]) if call and may_edit else ""
            )
