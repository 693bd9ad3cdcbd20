"""Coworking spaces and regional offices, their bookable resources, and members' bookings.

Names, descriptions and amenities are translated fields (django-modeltranslation, see
translation.py). Opening hours are stored in OpenStreetMap's `opening_hours` syntax and read by
coworking.hours.
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.models import Orderable

from coworking import hours

FLANDERS = "02000"  # REFNIS of the Flemish Region


class Amenity(models.Model):
    """What a space or a room offers (desks, rehearsal room, darkroom, wifi…): editors extend
    the list; visitors filter by it with its slug."""

    slug = models.SlugField(
        _("code"), max_length=60, unique=True, help_text=_("Used in addresses: lower case, no spaces.")
    )
    name = models.CharField(_("name"), max_length=100)
    order = models.PositiveSmallIntegerField(_("order"), default=100)

    class Meta:
        verbose_name = _("amenity")
        verbose_name_plural = _("amenities")
        ordering = ["order", "slug"]

    def __str__(self):
        return self.name


class SpaceQuerySet(models.QuerySet):
    def public(self):
        return self.filter(published=True)


class Space(ClusterableModel):
    class Kind(models.TextChoices):
        OFFICE = "office", _("Regional office")
        COWORKING = "coworking", _("Coworking space")
        PARTNER = "partner", _("Partner space")

    class Wheelchair(models.TextChoices):
        # OpenStreetMap's `wheelchair` key.
        YES = "yes", _("Step-free entrance")
        LIMITED = "limited", _("Partly step-free entrance")
        NO = "no", _("No step-free entrance")
        UNKNOWN = "unknown", _("Entrance access not known")

    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=120, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.COWORKING)
    description = models.TextField(_("description"), blank=True)
    street_address = models.CharField(_("street address"), max_length=200)
    postal_code = models.CharField(_("postcode"), max_length=4)
    municipality = models.ForeignKey(
        "places.Municipality", verbose_name=_("municipality"), on_delete=models.PROTECT, related_name="+"
    )
    latitude = models.FloatField(
        _("latitude"), null=True, blank=True, help_text=_("Empty: the municipality's centre.")
    )
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    amenities = ParentalManyToManyField(
        Amenity, verbose_name=_("amenities"), blank=True, related_name="spaces"
    )
    wheelchair = models.CharField(
        _("step-free entrance"), max_length=10, choices=Wheelchair.choices, default=Wheelchair.UNKNOWN
    )
    accessible_toilet = models.BooleanField(_("accessible toilet"), default=False)
    hearing_loop = models.BooleanField(_("hearing loop"), default=False)
    lift = models.BooleanField(_("lift"), default=False)
    capacity = models.PositiveIntegerField(_("capacity (people)"), null=True, blank=True)
    price_hour_member = models.DecimalField(
        _("price per hour, members"), max_digits=8, decimal_places=2, null=True, blank=True
    )
    price_hour_public = models.DecimalField(
        _("price per hour, non-members"), max_digits=8, decimal_places=2, null=True, blank=True
    )
    price_day_member = models.DecimalField(
        _("price per day, members"), max_digits=8, decimal_places=2, null=True, blank=True
    )
    price_day_public = models.DecimalField(
        _("price per day, non-members"), max_digits=8, decimal_places=2, null=True, blank=True
    )
    price_month_member = models.DecimalField(
        _("price per month, members"), max_digits=8, decimal_places=2, null=True, blank=True
    )
    price_month_public = models.DecimalField(
        _("price per month, non-members"), max_digits=8, decimal_places=2, null=True, blank=True
    )
    email = models.EmailField(
        _("contact e-mail"), help_text=_("Receives the visit requests; not shown on the site.")
    )
    language = models.CharField(
        _("language of the team"),
        max_length=8,
        choices=settings.LANGUAGES,
        blank=True,
        help_text=_("Visit requests are written to the team in it. Empty: Dutch in Flanders, else French."),
    )
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    website = models.URLField(_("website"), blank=True)
    opening_hours = models.CharField(
        _("opening hours"),
        max_length=500,
        validators=[hours.validate],
        help_text=_("OpenStreetMap syntax, e.g. “Mo-Fr 09:00-18:00; Sa 10:00-13:00; PH off”."),
    )
    adviser_hours = models.CharField(
        _("advisers' office hours"),
        max_length=500,
        blank=True,
        validators=[hours.validate],
        help_text=_("Regional offices: when advisers receive members, same syntax."),
    )
    weekly_limit_hours = models.PositiveSmallIntegerField(
        _("bookings per member and week (hours)"),
        default=20,
        help_text=_("A day's booking counts as its opening hours."),
    )
    published = models.BooleanField(_("published"), default=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = SpaceQuerySet.as_manager()

    class Meta:
        verbose_name = _("space")
        verbose_name_plural = _("spaces")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.name_fr or self.name or "space")[:120] or "space"
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("coworking:space", kwargs={"pk": self.pk, "slug": self.slug})

    @property
    def contact_language(self):
        if self.language:
            return self.language
        return "nl" if self.municipality.region.refnis == FLANDERS else settings.LANGUAGE_CODE

    @property
    def point(self):
        if self.latitude is not None and self.longitude is not None:
            return (self.latitude, self.longitude)
        return (self.municipality.latitude, self.municipality.longitude)

    def schedule(self):
        return hours.Schedule(self.opening_hours)

    def adviser_schedule(self):
        return hours.Schedule(self.adviser_hours) if self.adviser_hours else None

    @property
    def has_prices(self):
        return any(
            getattr(self, f"price_{unit}_{who}") is not None
            for unit in ("hour", "day", "month")
            for who in ("member", "public")
        )

    def price_rows(self):
        """(unit label, member price, non-member price) for the units that have a price."""
        units = (
            ("hour", pgettext_lazy("price", "Per hour")),
            ("day", pgettext_lazy("price", "Per day")),
            ("month", pgettext_lazy("price", "Per month")),
        )
        return [
            (label, getattr(self, f"price_{unit}_member"), getattr(self, f"price_{unit}_public"))
            for unit, label in units
            if getattr(self, f"price_{unit}_member") is not None
            or getattr(self, f"price_{unit}_public") is not None
        ]

    def accessibility(self):
        """The accessibility features present, as facet codes (the search filters on them)."""
        features = []
        if self.wheelchair == self.Wheelchair.YES:
            features.append("step-free")
        if self.accessible_toilet:
            features.append("toilet")
        if self.hearing_loop:
            features.append("hearing-loop")
        if self.lift:
            features.append("lift")
        return features


class SpacePhoto(Orderable):
    space = ParentalKey(Space, on_delete=models.CASCADE, related_name="photos")
    image = models.ForeignKey(
        "wagtailimages.Image", verbose_name=_("image"), on_delete=models.CASCADE, related_name="+"
    )
    alt = models.CharField(
        _("alternative text"),
        max_length=200,
        help_text=_("What the photo shows, for people who cannot see it."),
    )

    class Meta(Orderable.Meta):
        verbose_name = _("photo")
        verbose_name_plural = _("photos")


class Resource(Orderable):
    """A room or a desk that members book, by the hour or by the day."""

    class Kind(models.TextChoices):
        ROOM = "room", _("Room")
        DESK = "desk", _("Desk")

    class Unit(models.TextChoices):
        HOUR = "hour", _("By the hour")
        DAY = "day", _("By the day")

    space = ParentalKey(Space, on_delete=models.CASCADE, related_name="resources")
    name = models.CharField(_("name"), max_length=120)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.ROOM)
    unit = models.CharField(_("booked"), max_length=10, choices=Unit.choices, default=Unit.HOUR)
    capacity = models.PositiveIntegerField(_("capacity (people)"), default=1)
    amenities = ParentalManyToManyField(
        Amenity, verbose_name=_("amenities"), blank=True, related_name="resources"
    )
    price_member = models.DecimalField(
        _("price per unit, members"), max_digits=8, decimal_places=2, null=True, blank=True
    )
    price_public = models.DecimalField(
        _("price per unit, non-members"), max_digits=8, decimal_places=2, null=True, blank=True
    )
    max_hours = models.PositiveSmallIntegerField(
        _("longest booking (hours)"), default=4, help_text=_("For rooms booked by the hour.")
    )
    bookable = models.BooleanField(_("members can book it"), default=True)
    # Bumped by every booking attempt: on SQLite and PostgreSQL alike this write serialises
    # the bookings of one resource (see coworking.booking).
    lock_version = models.PositiveIntegerField(default=0, editable=False)

    class Meta(Orderable.Meta):
        verbose_name = _("bookable room or desk")
        verbose_name_plural = _("bookable rooms and desks")

    def __str__(self):
        return f"{self.name} ({self.space})"


class BookingQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(status=Booking.Status.CONFIRMED)

    def overlapping(self, start, end):
        return self.filter(start__lt=end, end__gt=start)


class Booking(models.Model):
    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("Confirmed")
        CANCELLED = "cancelled", _("Cancelled")

    resource = models.ForeignKey(
        Resource, verbose_name=_("room or desk"), on_delete=models.PROTECT, related_name="bookings"
    )
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("member"), on_delete=models.CASCADE, related_name="bookings"
    )
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.CONFIRMED)
    language = models.CharField(_("language"), max_length=8, default="fr")
    created_at = models.DateTimeField(_("booked at"), default=timezone.now)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    cancel_reason = models.CharField(_("reason for cancelling"), max_length=200, blank=True)

    objects = BookingQuerySet.as_manager()

    class Meta:
        verbose_name = _("booking")
        verbose_name_plural = _("bookings")
        ordering = ["start"]
        indexes = [models.Index(fields=["resource", "start"]), models.Index(fields=["member", "start"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__gt=models.F("start")), name="booking_ends_after_start"
            )
        ]

    def __str__(self):
        return f"{self.resource} {timezone.localtime(self.start):%Y-%m-%d %H:%M}"

    @property
    def hours(self):
        return (self.end - self.start) / datetime.timedelta(hours=1)

    def member_name(self):
        """The member's name, never their e-mail address (which str(user) falls back to)."""
        return self.member.get_full_name() or str(_("(no name given)"))

    member_name.short_description = _("member")

    @property
    def is_upcoming(self):
        return self.status == self.Status.CONFIRMED and self.end > timezone.now()


class Closure(models.Model):
    """A resource blocked for maintenance: no booking in that time, and the bookings already
    there are cancelled and their members told."""

    resource = models.ForeignKey(
        Resource, verbose_name=_("room or desk"), on_delete=models.CASCADE, related_name="closures"
    )
    start = models.DateTimeField(_("from"))
    end = models.DateTimeField(_("until"))
    reason = models.CharField(
        _("reason"), max_length=200, help_text=_("Sent to the members whose bookings are cancelled.")
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("maintenance block")
        verbose_name_plural = _("maintenance blocks")
        ordering = ["-start"]

    def __str__(self):
        return f"{self.resource}: {timezone.localtime(self.start):%Y-%m-%d %H:%M}"

    def clean(self):
        if self.start and self.end and self.end <= self.start:
            raise ValidationError({"end": _("The end must come after the start.")})


class MemberBase(models.Model):
    """The space a member works from, chosen in their directory profile; the space's page lists
    the listed members who chose it."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="coworking_base"
    )
    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="based_members")

    class Meta:
        verbose_name = _("base space")
        verbose_name_plural = _("base spaces")

    def __str__(self):
        return f"{self.user_id} → {self.space}"


class VisitRequest(models.Model):
    """A visitor's request to visit a space, relayed to its contact (kept for the managers)."""

    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="visit_requests")
    name = models.CharField(_("name"), max_length=120)
    email = models.EmailField(_("e-mail"))
    day = models.DateField(_("preferred day"), null=True, blank=True)
    message = models.TextField(_("message"), max_length=3000)
    language = models.CharField(max_length=8, default="fr")
    created_at = models.DateTimeField(_("sent"), default=timezone.now)

    class Meta:
        verbose_name = _("visit request")
        verbose_name_plural = _("visit requests")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.space}: {self.name}"
