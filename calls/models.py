"""Calls for tenders and calls for projects, where they come from, and what members do with them.

A Call is one opportunity, whatever its sources: the same procedure read from a TED XML notice
and from the TED API is one call (matched by its procedure id or publication number). Its
title and summary are stored in the four site languages when the source gives them, plus the
source's own language when it is another one (`other_language`). Sectors come from the CPV
codes (portal.taxonomy's mapping) and regions and provinces from the NUTS codes, unless an
editor has set the sectors by hand.
"""

import secrets
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

# The languages a call's texts may be shown in, in the order a missing one falls back.
FALLBACK_ORDER = ("fr", "nl", "en", "de")


class Kind(models.TextChoices):
    TENDER = "tender", _("Public tender")
    PROJECTS = "projects", _("Call for projects")
    GRANT = "grant", _("Grant or subsidy")
    ARTIST = "artist", _("Artist call or residency")


class Level(models.TextChoices):
    REGIONAL = "regional", _("Regional")
    NATIONAL = "national", _("National")
    EUROPEAN = "european", _("European")


class Status(models.TextChoices):
    FORTHCOMING = "forthcoming", pgettext_lazy("a call's status", "Forthcoming")
    OPEN = "open", pgettext_lazy("a call's status", "Open")
    CLOSED = "closed", pgettext_lazy("a call's status", "Closed")
    AWARDED = "awarded", pgettext_lazy("a call's status", "Awarded")


# Statuses a call is still worth answering in: the default list shows these.
LIVE_STATUSES = (Status.FORTHCOMING, Status.OPEN)


class SourceKind(models.TextChoices):
    EFORMS = "eforms", _("TED eForms XML notice")
    TED_API = "ted-api", _("TED Search API")
    FEED = "feed", _("RSS or Atom feed")
    MANUAL = "manual", _("Added by hand")


class Source(models.Model):
    """Where calls are imported from on a schedule (`import_calls --all-sources`)."""

    name = models.CharField(_("name"), max_length=150)
    kind = models.CharField(
        _("kind"), max_length=10, choices=[c for c in SourceKind.choices if c[0] != SourceKind.MANUAL]
    )
    url = models.URLField(_("address"), max_length=500)
    query = models.CharField(
        _("TED expert query"),
        max_length=500,
        blank=True,
        help_text=_("For the TED Search API, e.g. buyer-country=BEL AND publication-date>=today(-7)."),
    )
    language = models.CharField(
        _("language of the feed"),
        max_length=2,
        blank=True,
        choices=[(code, name) for code, name in settings.LANGUAGES],
        help_text=_("For feeds that do not say their language."),
    )
    default_kind = models.CharField(
        _("kind of its calls"), max_length=10, choices=Kind.choices, default=Kind.PROJECTS
    )
    default_level = models.CharField(
        _("level of its calls"), max_length=10, choices=Level.choices, default=Level.REGIONAL
    )
    default_sectors = models.ManyToManyField(
        "taxonomy.Sector", verbose_name=_("sectors of its calls"), blank=True, related_name="+"
    )
    default_regions = models.ManyToManyField(
        "places.Region", verbose_name=_("regions of its calls"), blank=True, related_name="+"
    )
    active = models.BooleanField(_("imported on schedule"), default=True)
    last_run_at = models.DateTimeField(_("last import"), null=True, blank=True)

    class Meta:
        verbose_name = _("call source")
        verbose_name_plural = _("call sources")
        ordering = ["name"]

    def __str__(self):
        return self.name


class CallQuerySet(models.QuerySet):
    def public(self):
        return self.filter(published=True)

    def live(self):
        return self.filter(status__in=LIVE_STATUSES)


class Call(models.Model):
    title = models.CharField(_("title"), max_length=500, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    # The source's language when it is none of the site's four (shown as a last resort).
    other_language = models.CharField(max_length=2, blank=True, editable=False)
    other_title = models.CharField(max_length=500, blank=True, editable=False)
    other_summary = models.TextField(blank=True, editable=False)
    original_language = models.CharField(_("language of the source"), max_length=2, blank=True)

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.TENDER)
    level = models.CharField(_("level"), max_length=10, choices=Level.choices, default=Level.NATIONAL)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.OPEN)
    buyer_name = models.CharField(_("issuing body"), max_length=300, blank=True)
    buyer_country = models.CharField(_("country of the issuing body"), max_length=3, blank=True)

    nuts_codes = models.CharField(_("NUTS codes"), max_length=200, blank=True, help_text=_("Separated by |."))
    regions = models.ManyToManyField("places.Region", verbose_name=_("regions"), blank=True, related_name="+")
    provinces = models.ManyToManyField(
        "places.Province", verbose_name=_("provinces"), blank=True, related_name="+"
    )
    sectors = models.ManyToManyField(
        "taxonomy.Sector", verbose_name=_("sectors"), blank=True, related_name="+"
    )
    # Set when an editor chose the sectors: a later import keeps them.
    sectors_edited = models.BooleanField(default=False, editable=False)
    cpv_codes = models.CharField(
        _("CPV codes"),
        max_length=600,
        blank=True,
        help_text=_("Eight digits each, the main one first, separated by |."),
    )

    estimated_value = models.DecimalField(
        _("estimated value"), max_digits=16, decimal_places=2, null=True, blank=True
    )
    currency = models.CharField(_("currency"), max_length=3, blank=True, default="EUR")
    procedure_type = models.CharField(_("procedure"), max_length=40, blank=True)
    publication_date = models.DateField(_("published on"), null=True, blank=True)
    deadline = models.DateTimeField(_("submission deadline"), null=True, blank=True)
    # The offset the source wrote the deadline in ("+01:00"): shown beside the local time.
    deadline_timezone = models.CharField(_("time zone of the deadline"), max_length=6, blank=True)

    url = models.URLField(_("official notice"), max_length=500, blank=True)
    documents_url = models.URLField(_("documents"), max_length=500, blank=True)

    source = models.ForeignKey(
        Source,
        verbose_name=_("source"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="calls",
    )
    source_kind = models.CharField(
        _("imported from"), max_length=10, choices=SourceKind.choices, default=SourceKind.MANUAL
    )
    # The identifiers a notice is matched by when it comes again (from any source).
    source_ref = models.CharField(_("source identifier"), max_length=200, blank=True, db_index=True)
    notice_uuid = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    notice_version = models.CharField(max_length=10, blank=True, editable=False)
    publication_number = models.CharField(
        _("TED publication number"), max_length=20, blank=True, db_index=True
    )
    procedure_id = models.CharField(_("procedure identifier"), max_length=100, blank=True, db_index=True)
    source_updated_at = models.DateTimeField(_("last updated from its source"), null=True, blank=True)
    # The eForms XML of the notice was read: it is the notice itself (the deadline's time and
    # offset, every lot), so the Search API's answer about the same notice only fills gaps.
    from_eforms = models.BooleanField(default=False, editable=False)

    published = models.BooleanField(_("published"), default=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    objects = CallQuerySet.as_manager()

    class Meta:
        verbose_name = _("call")
        verbose_name_plural = _("calls")
        ordering = ["deadline", "pk"]
        indexes = [models.Index(fields=["status", "deadline"])]
        constraints = [
            # Two imports at once never make one notice two calls (the second fails that notice).
            models.UniqueConstraint(
                fields=["source_kind", "source_ref"],
                condition=~Q(source_ref=""),
                name="one_call_per_source_ref",
            )
        ]

    def __str__(self):
        return self.display("title")[0] or self.source_ref or f"#{self.pk}"

    def get_absolute_url(self):
        title = self.display("title")[0]
        return reverse("calls:detail", args=[self.pk, slugify(title)[:80] or "call"])

    def display(self, field, language=None):
        """(text, language) of a translated field in `language` (default: the active one), or
        in another language when that one is missing: the caller says which it is."""
        from django.utils.translation import get_language

        wanted = (language or get_language() or "fr")[:2]
        for code in (wanted, self.original_language, *FALLBACK_ORDER):
            if code in FALLBACK_ORDER:
                value = getattr(self, f"{field}_{code}", "") or ""
                if value:
                    return value, code
        other = getattr(self, f"other_{field}", "")
        return (other, self.other_language) if other else ("", wanted)

    def cpv_list(self):
        return [code for code in self.cpv_codes.split("|") if code]

    def nuts_list(self):
        return [code for code in self.nuts_codes.split("|") if code]

    def closing_soon(self, now=None, days=7):
        now = now or timezone.now()
        return (
            self.status in LIVE_STATUSES
            and self.deadline is not None
            and now <= self.deadline <= now + timezone.timedelta(days=days)
        )

    def effective_status(self, now=None):
        """The status as of now: an open call whose deadline has passed is closed, even before
        the hourly refresh (refresh_statuses) has written it."""
        now = now or timezone.now()
        if self.status in LIVE_STATUSES and self.deadline is not None and self.deadline < now:
            return Status.CLOSED
        return self.status


class Lot(models.Model):
    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="lots")
    identifier = models.CharField(_("lot"), max_length=40)
    # {language: title}: lots keep the languages their notice gives.
    titles = models.JSONField(_("titles"), default=dict, blank=True)
    cpv_codes = models.CharField(_("CPV codes"), max_length=300, blank=True)
    deadline = models.DateTimeField(_("submission deadline"), null=True, blank=True)

    class Meta:
        verbose_name = _("lot")
        verbose_name_plural = _("lots")
        ordering = ["identifier"]
        constraints = [models.UniqueConstraint(fields=["call", "identifier"], name="one_lot_per_identifier")]

    def __str__(self):
        return self.identifier

    def display_title(self, language):
        for code in (language, *FALLBACK_ORDER, *self.titles):
            if self.titles.get(code):
                return self.titles[code], code
        return "", language


class ImportRun(models.Model):
    """One run of an importer: what it created, updated and skipped, and why."""

    source = models.ForeignKey(Source, null=True, blank=True, on_delete=models.SET_NULL, related_name="runs")
    kind = models.CharField(_("kind"), max_length=10, choices=SourceKind.choices)
    origin = models.CharField(_("file or address"), max_length=500)
    started_at = models.DateTimeField(_("started"), default=timezone.now)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    created = models.PositiveIntegerField(pgettext_lazy("how many notices", "created"), default=0)
    updated = models.PositiveIntegerField(pgettext_lazy("how many notices", "updated"), default=0)
    skipped = models.PositiveIntegerField(pgettext_lazy("how many notices", "skipped"), default=0)
    failed = models.PositiveIntegerField(pgettext_lazy("how many notices", "failed"), default=0)
    # [{"notice": identifier, "action": created|updated|skipped|failed, "reason": text}]
    log = models.JSONField(_("details"), default=list, blank=True)
    error = models.TextField(_("error"), blank=True)

    class Meta:
        verbose_name = _("import run")
        verbose_name_plural = _("import runs")
        ordering = ["-started_at", "-pk"]

    def __str__(self):
        # Brussels time, as the run's page and the list show it (stored in UTC).
        if not self.started_at:
            return f"{self.get_kind_display()} – {self.origin}"
        started = timezone.localtime(self.started_at, ZoneInfo("Europe/Brussels"))
        return f"{self.get_kind_display()} – {self.origin} ({started:%Y-%m-%d %H:%M})"


class Frequency(models.TextChoices):
    IMMEDIATE = "immediate", _("As soon as a call comes in")
    DAILY = "daily", _("Once a day")
    WEEKLY = "weekly", _("Once a week")


class SavedSearch(models.Model):
    """A member's alert: the filters of the calls list, sent by e-mail at their rhythm."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="call_alerts")
    name = models.CharField(_("name"), max_length=120)
    keywords = models.CharField(_("keywords"), max_length=200, blank=True)
    sectors = models.ManyToManyField(
        "taxonomy.Sector", verbose_name=_("sectors"), blank=True, related_name="+"
    )
    regions = models.ManyToManyField("places.Region", verbose_name=_("regions"), blank=True, related_name="+")
    # Codes of the Kind and Level choices, separated by |; empty: any.
    kinds = models.CharField(_("kinds"), max_length=60, blank=True)
    levels = models.CharField(_("levels"), max_length=40, blank=True)
    frequency = models.CharField(
        _("e-mail"), max_length=10, choices=Frequency.choices, default=Frequency.DAILY
    )
    # The language of the pages it was saved from: its e-mails' language when the member has
    # chosen none in their account.
    language = models.CharField(max_length=8, blank=True, editable=False)
    active = models.BooleanField(_("active"), default=True)
    # Signs the one-click unsubscribe link; renewed to invalidate old links.
    secret = models.CharField(max_length=64, default=secrets.token_hex, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    last_sent_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("call alert")
        verbose_name_plural = _("call alerts")
        ordering = ["user", "name"]

    def __str__(self):
        return self.name

    def kind_list(self):
        return [code for code in self.kinds.split("|") if code]

    def level_list(self):
        return [code for code in self.levels.split("|") if code]


class Match(models.Model):
    """A call found for an alert: sent once (sent_at), never twice."""

    # Two indexes only, as every index costs on the hundreds of thousands of rows a large import
    # matches: (call, saved_search), unique, filled in the order matching writes it; and
    # (saved_search, sent_at) for the digests. Each serves its foreign key too.
    saved_search = models.ForeignKey(
        SavedSearch, on_delete=models.CASCADE, related_name="matches", db_index=False
    )
    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="+", db_index=False)
    found_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["call", "saved_search"], name="one_match_per_call_and_alert")
        ]
        indexes = [models.Index(fields=["saved_search", "sent_at"])]

    def __str__(self):
        return f"{self.saved_search} – {self.call}"


class Interest(models.Model):
    """A member following a call (deadline reminder, calendar) or looking for partners on it."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="call_interests"
    )
    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="interests")
    follows = models.BooleanField(_("follows"), default=False)
    seeks_partners = models.BooleanField(_("looking for partners"), default=False)
    note = models.CharField(_("note"), max_length=280, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    reminded_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("interest in a call")
        verbose_name_plural = _("interests in calls")
        constraints = [
            models.UniqueConstraint(fields=["user", "call"], name="one_interest_per_member_and_call")
        ]

    def __str__(self):
        return f"{self.user} – {self.call}"


class AlertRun(models.Model):
    """Where the alerts of one frequency got to (send_call_alerts): the calls changed after
    `matched_until` are the ones still to match against them."""

    frequency = models.CharField(max_length=10, choices=Frequency.choices, unique=True)
    ran_at = models.DateTimeField(null=True, blank=True)
    matched_until = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("alert run")
        verbose_name_plural = _("alert runs")

    def __str__(self):
        return f"{self.frequency} {self.ran_at:%Y-%m-%d %H:%M}" if self.ran_at else self.frequency
