"""Networking events: formats, recurring series, dated events (each occurrence its own event,
with its own registrations) and registrations with capacity, companions and a waitlist.

Titles, descriptions and format names are translated fields (django-modeltranslation). Times
are stored in UTC and shown in Europe/Brussels. A venue is a coworking space (through the
core's venue registry: events does not import coworking), another address with a
municipality, or online.
"""

import datetime
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import time_format
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from portal.dates import long_date
from portal.search.forms import FIRST_DAY, LAST_DAY

# Dates people plan events for (the years the date filters take): a typo like 1026 is refused,
# not stored and then failing every calendar feed that contains it.
FIRST_YEAR, LAST_YEAR = FIRST_DAY.year, LAST_DAY.year
YEARS_ERROR = _("Choose a date between the years 2000 and 2100.")


class EventFormat(models.Model):
    """Meet&Connect, breakfast, information session, workshop…: editors extend the list."""

    slug = models.SlugField(_("code"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=100)
    order = models.PositiveSmallIntegerField(_("order"), default=100)

    class Meta:
        verbose_name = _("event format")
        verbose_name_plural = _("event formats")
        ordering = ["order", "slug"]

    def __str__(self):
        return self.name


class Venue(models.TextChoices):
    SPACE = "space", _("A coworking space")
    ADDRESS = "address", _("Another address")
    ONLINE = "online", _("Online")


class EventFields(models.Model):
    """What an event and a series share: a series gives them to each date it creates."""

    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    format = models.ForeignKey(
        EventFormat, verbose_name=_("format"), on_delete=models.PROTECT, related_name="+"
    )
    venue = models.CharField(_("where"), max_length=10, choices=Venue.choices, default=Venue.SPACE)
    # A coworking space's id, read through portal.registry.venue() (no foreign key across apps).
    space_id = models.PositiveIntegerField(_("space"), null=True, blank=True)
    street_address = models.CharField(_("street address"), max_length=200, blank=True)
    postal_code = models.CharField(_("postcode"), max_length=4, blank=True)
    municipality = models.ForeignKey(
        "places.Municipality",
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("For a space, its municipality; for an online event, the organising region's."),
    )
    online_url = models.URLField(
        _("online link"), blank=True, help_text=_("Shown to registered people only.")
    )
    languages = models.ManyToManyField(
        "taxonomy.Language", verbose_name=_("languages spoken"), blank=True, related_name="+"
    )
    sectors = models.ManyToManyField(
        "taxonomy.Sector", verbose_name=_("sectors"), blank=True, related_name="+"
    )
    capacity = models.PositiveIntegerField(
        _("places"), null=True, blank=True, help_text=_("Empty: no limit.")
    )
    max_companions = models.PositiveSmallIntegerField(
        _("companions per registration"), default=0, help_text=_("How many people a registrant may bring.")
    )
    price = models.DecimalField(
        _("price"), max_digits=8, decimal_places=2, null=True, blank=True, help_text=_("Empty: free.")
    )
    ticket_url = models.URLField(
        _("ticketing page"), blank=True, help_text=_("Paid events: where tickets are sold.")
    )
    organiser = models.CharField(_("organiser"), max_length=200, blank=True)
    accessibility = models.TextField(_("accessibility"), blank=True)
    # Partners see and edit only what they manage (agenda.access); staff manage everything.
    managers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("partner organisers"),
        blank=True,
        related_name="+",
        limit_choices_to={"groups__name": "Partner organisers"},
        help_text=_(
            "Partner organisers who may edit this and follow its registrations. The cooperative's "
            "event organisers and editors always may."
        ),
    )

    class Meta:
        abstract = True


class Series(EventFields):
    """A recurring event: the rule (RFC 5545 RRULE, e.g. "FREQ=MONTHLY;BYDAY=1TU") gives the
    dates; each date becomes an Event that can then be edited or cancelled alone."""

    rule = models.CharField(
        _("recurrence rule"),
        max_length=300,
        help_text=_(
            "iCalendar RRULE, e.g. FREQ=MONTHLY;BYDAY=1TU (every first Tuesday) or FREQ=WEEKLY;INTERVAL=2."
        ),
    )
    first_date = models.DateField(_("first date"))
    until = models.DateField(_("last date"), null=True, blank=True)
    start_time = models.TimeField(_("starts at"))
    end_time = models.TimeField(_("ends at"))
    exceptions = models.TextField(
        _("dates left out"), blank=True, help_text=_("One date per line (YYYY-MM-DD): no event that day.")
    )

    class Meta:
        verbose_name = _("event series")
        verbose_name_plural = pgettext_lazy("plural", "event series")

    def __str__(self):
        return self.title

    def clean(self):
        from agenda.recurrence import RuleError, missing_wall_time, occurrences

        if not (self.first_date and self.start_time and self.end_time):
            return  # the missing field has its own error
        if self.end_time <= self.start_time:
            raise ValidationError({"end_time": _("The end must come after the start.")})
        if not FIRST_YEAR <= self.first_date.year <= LAST_YEAR or (
            self.until and not FIRST_YEAR <= self.until.year <= LAST_YEAR
        ):
            raise ValidationError({"first_date": YEARS_ERROR})
        try:
            # The first year of the series, and the one materialize creates from today on.
            dates = occurrences(self) + occurrences(self, start=timezone.localdate())
        except RuleError as error:
            raise ValidationError({error.field: error.message}) from None
        for start, end in dates:
            skipped = missing_wall_time(start, end)
            if skipped is not None:
                field = "start_time" if skipped == start else "end_time"
                raise ValidationError(
                    {
                        field: _(
                            "On %(date)s the clocks go forward at 02:00: %(time)s does not exist that "
                            "day. Choose another time, or leave that date out in the exceptions."
                        )
                        % {"date": long_date(skipped.date()), "time": time_format(skipped.time())}
                    }
                )


class EventQuerySet(models.QuerySet):
    def public(self):
        return self.filter(published=True)

    def upcoming(self, now=None):
        return self.filter(end__gte=now or timezone.now())


class Event(EventFields):
    class Status(models.TextChoices):
        # The context lets languages agree the word with "event" (fr "Annulé", not "Annulée").
        SCHEDULED = "scheduled", pgettext_lazy("an event's status", "Scheduled")
        CANCELLED = "cancelled", pgettext_lazy("an event's status", "Cancelled")
        POSTPONED = "postponed", pgettext_lazy("an event's status", "Postponed")
        MOVED_ONLINE = "online", pgettext_lazy("an event's status", "Moved online")

    uid = models.UUIDField(default=uuid.uuid4, editable=False, unique=True)  # the calendars' UID
    # Cancelled by its series' rule (not by an editor): the rule may bring it back.
    cancelled_by_series = models.BooleanField(default=False, editable=False)
    series = models.ForeignKey(
        Series, on_delete=models.SET_NULL, null=True, blank=True, related_name="events"
    )
    # Edited alone: the series no longer rewrites it.
    detached = models.BooleanField(_("edited apart from its series"), default=False)
    start = models.DateTimeField(_("starts"))
    end = models.DateTimeField(_("ends"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.SCHEDULED)
    registration_opens = models.DateTimeField(_("registration opens"), null=True, blank=True)
    registration_deadline = models.DateTimeField(_("registration closes"), null=True, blank=True)
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    image_alt = models.CharField(_("image description"), max_length=200, blank=True)
    published = models.BooleanField(_("published"), default=True)
    # Raised at each change people should hear of (calendars replace the entry).
    sequence = models.PositiveIntegerField(default=0, editable=False)
    # Bumped by each registration: the write serialises the registrations of one event.
    lock_version = models.PositiveIntegerField(default=0, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    objects = EventQuerySet.as_manager()

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["start"]
        permissions = [("manage_all_events", _("Can manage every event and series, and their registrations"))]
        indexes = [
            models.Index(fields=["start"]),
            models.Index(fields=["end"]),
            # A space's page lists the events held there: read through this, not the whole table.
            models.Index(fields=["space_id", "start"], name="agenda_event_space_start"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(end__gt=models.F("start")), name="event_ends_after_start")
        ]

    def __str__(self):
        return f"{self.title} ({long_date(self.start)})"

    def get_absolute_url(self):
        return reverse("agenda:event", kwargs={"pk": self.pk, "slug": self.slug})

    @property
    def slug(self):
        # From the title in the visitor's language (the language switcher links to each
        # language's address: portal_tags.object_paths).
        return slugify(self.title)[:80] or "event"

    def clean(self):
        for name in ("start", "end", "registration_opens", "registration_deadline"):
            value = getattr(self, name)
            if value and not FIRST_YEAR <= value.year <= LAST_YEAR:
                raise ValidationError({name: YEARS_ERROR})
        if self.start and self.end and self.end <= self.start:
            raise ValidationError({"end": _("The end must come after the start.")})

    @property
    def is_free(self):
        return not self.price

    def seats_taken(self):
        """People confirmed, companions included."""
        return self.registrations.aggregate(taken=seat_totals()["taken"])["taken"] or 0

    def places_left(self):
        if self.capacity is None:
            return None
        return max(0, self.capacity - self.seats_taken())

    def registration_open(self, now=None):
        now = now or timezone.now()
        if self.status in (self.Status.CANCELLED, self.Status.POSTPONED) or self.end <= now:
            return False
        if self.registration_opens and now < self.registration_opens:
            return False
        return not (self.registration_deadline and now > self.registration_deadline)

    @property
    def duration(self):
        return self.end - self.start


class Registration(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for e-mail confirmation")
        CONFIRMED = "confirmed", _("Registered")
        WAITLISTED = "waitlisted", _("On the waitlist")
        CANCELLED = "cancelled", _("Cancelled")

    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="registrations"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="event_registrations",
    )
    name = models.CharField(_("name"), max_length=150)
    email = models.EmailField(_("e-mail"))
    companions = models.PositiveSmallIntegerField(_("companions"), default=0)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.PENDING)
    language = models.CharField(_("language"), max_length=8, default="fr")
    created_at = models.DateTimeField(_("registered at"), default=timezone.now)
    # The waitlist's order: when the person asked (a guest's confirmation keeps its place).
    queued_at = models.DateTimeField(default=timezone.now)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    checked_in_at = models.DateTimeField(_("checked in"), null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["queued_at", "pk"]
        constraints = [
            # One live registration per address and event.
            models.UniqueConstraint(
                fields=["event", "email"],
                condition=~Q(status="cancelled"),
                name="one_live_registration_per_email",
            )
        ]

    def __str__(self):
        return f"{self.name} – {self.event}"

    @property
    def seats(self):
        return self.companions + 1


def seat_totals(path=""):
    """The aggregates {"taken", "waiting"}: places taken and people waiting, companions counted
    in both (a party of three waits for three places). `path` reaches registrations from
    another model ("registrations__" from events). Every count of an event's people uses these."""

    def people(status):
        return Sum(models.F(f"{path}companions") + 1, filter=Q(**{f"{path}status": status}))

    return {"taken": people(Registration.Status.CONFIRMED), "waiting": people(Registration.Status.WAITLISTED)}


def clock(date, time):
    """A Brussels wall-clock date and time as an aware datetime."""
    from zoneinfo import ZoneInfo

    return datetime.datetime.combine(date, time, tzinfo=ZoneInfo(settings.TIME_ZONE))
