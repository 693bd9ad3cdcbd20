"""GET /api/v1/events/ and /api/v1/events/<id>/: published events for partners and apps.

The list's parameters, facets and their labels come from the events' search document
(agenda.documents.EVENTS) through portal.search.api, like the spaces and members APIs; `when`
chooses what is still to come (the default), what is over, or both. Labels follow ?lang= (else
Accept-Language).

Never a registrant's name or address, never the online link (it is for registered people):
`online` only says whether the event happens online.

Not kept for visitors (portal.cache): the places left change with each registration.
"""

from dataclasses import replace

from django.db.models import prefetch_related_objects
from django.http import Http404
from django.urls import reverse
from django.utils import timezone, translation
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.response import Response
from rest_framework.views import APIView

from agenda.documents import EVENTS
from agenda.models import Event, Registration, Venue, seat_totals
from portal import registry
from portal.places import choices as places
from portal.search.api import LANG_PARAMETER, DocumentListAPI, LanguageMixin, list_answer, list_schema
from portal.search.forms import search_form
from portal.taxonomy import choices as taxonomy
from portal.utils import canonical_url

IMAGE_FILTER = "max-1200x900"
WHEN = ("upcoming", "past", "all")

WHEN_PARAMETER = OpenApiParameter(
    "when",
    str,
    enum=list(WHEN),
    description="upcoming (default): events not over yet; past: events that are over; all: both",
)
NEAR_PARAMETER = OpenApiParameter(
    "near", str, description="REFNIS code, postcode or place name (any language): adds `distance_km`"
)


class _NoFormatOverride:
    URL_FORMAT_OVERRIDE = None


class FormatIsAFacet(DefaultContentNegotiation):
    """`?format=breakfast` chooses the events' format (a facet of the list), not one of DRF's
    renderers (its URL_FORMAT_OVERRIDE, "format" by default, would answer 404)."""

    settings = _NoFormatOverride()


# Schema of the answer (component names start with "Event": the spaces API has its own
# CodeLabel and PlaceRef); what drf-spectacular documents, the values being built in
# EventSerializer.to_representation.


class EventCodeLabelSerializer(serializers.Serializer):
    code = serializers.CharField()
    label = serializers.CharField(help_text="In the requested language")


class EventPlaceRefSerializer(serializers.Serializer):
    refnis = serializers.CharField(help_text="REFNIS code")
    name = serializers.CharField(help_text="In the requested language")


class EventVenueAddressSerializer(serializers.Serializer):
    street = serializers.CharField(allow_blank=True)
    postcode = serializers.CharField(allow_blank=True)


class EventVenueSerializer(serializers.Serializer):
    kind = EventCodeLabelSerializer(
        help_text="space (a coworking space), address (another address) or online"
    )
    name = serializers.CharField(allow_blank=True, help_text="The space's name; empty otherwise")
    url = serializers.CharField(allow_null=True, help_text="The space's page; null otherwise")
    address = EventVenueAddressSerializer(allow_null=True, help_text="Null for an online event")
    municipality = EventPlaceRefSerializer(
        allow_null=True, help_text="Online events: the organising region's municipality, if given"
    )
    region = EventPlaceRefSerializer(allow_null=True)


class EventImageSerializer(serializers.Serializer):
    url = serializers.CharField()
    alt = serializers.CharField(allow_blank=True)


class EventListSerializer(serializers.ListSerializer):
    def to_representation(self, data):
        events = list(data.all() if hasattr(data, "all") else data)
        prepare(events, self.child.context)
        return super().to_representation(events)


def prepare(events, context):
    """What the events of one answer need, in a few queries for all of them: seats taken and
    people waiting, the spaces they are held at (as the search document loaded them, when it
    did), the images."""
    loaded = [e for e in events if hasattr(e, "seats_taken_now")]
    counts = {e.pk: {"taken": e.seats_taken_now, "waiting": e.seats_waiting_now} for e in loaded}
    venues = {e.space_id: e.venue_info for e in loaded if e.venue_info is not None}
    pks = [e.pk for e in events if e.pk not in counts]
    if pks:
        rows = Registration.objects.filter(event_id__in=pks).values("event_id").annotate(**seat_totals())
        counts.update({row["event_id"]: row for row in rows})
    context["counts"] = {**context.get("counts", {}), **counts}
    looked_up = {e.space_id for e in loaded}
    spaces = {
        e.space_id for e in events if e.venue == Venue.SPACE and e.space_id and e.space_id not in looked_up
    }
    context["venues"] = {**context.get("venues", {}), **venues, **registry.venues(spaces)}
    with_image = [e for e in events if e.image_id]
    if with_image:
        prefetch_related_objects(with_image, "image__renditions")


def _image_url(image):
    try:
        url = image.get_rendition(IMAGE_FILTER).url
    except (OSError, ValueError):
        try:
            url = image.file.url
        except ValueError:
            return ""
    return canonical_url(url) if url.startswith("/") else url


def _moment(value):
    return timezone.localtime(value).isoformat() if value else None


def _coded(pairs, chosen):
    """[{code, label}] of the chosen codes, in the reference list's order."""
    chosen = set(chosen)
    return [{"code": code, "label": label} for code, label in pairs if code in chosen]


class EventSerializer(serializers.Serializer):
    """A published event. Never its registrants, never its online link."""

    id = serializers.IntegerField()
    url = serializers.CharField(help_text="The event's page, in the requested language")
    title = serializers.CharField()
    description = serializers.CharField(allow_blank=True)
    format = EventCodeLabelSerializer()
    status = EventCodeLabelSerializer(help_text="scheduled, cancelled, postponed or online (moved online)")
    start = serializers.DateTimeField(help_text="ISO 8601 with the Brussels offset")
    end = serializers.DateTimeField(help_text="ISO 8601 with the Brussels offset")
    venue = EventVenueSerializer()
    online = serializers.BooleanField(help_text="Held online (the link goes to registered people only)")
    languages = EventCodeLabelSerializer(many=True, help_text="Languages spoken at the event")
    sectors = EventCodeLabelSerializer(many=True)
    capacity = serializers.IntegerField(allow_null=True, help_text="People; null: no limit")
    places_left = serializers.IntegerField(allow_null=True, help_text="Null: no limit")
    waitlist = serializers.IntegerField(help_text="People waiting for a place")
    registration_open = serializers.BooleanField()
    registration_opens = serializers.DateTimeField(allow_null=True)
    registration_deadline = serializers.DateTimeField(allow_null=True)
    free = serializers.BooleanField()
    price = serializers.DecimalField(
        max_digits=8, decimal_places=2, allow_null=True, help_text="In euros; null when free"
    )
    ticket_url = serializers.CharField(allow_blank=True, help_text="Paid events: where tickets are sold")
    organiser = serializers.CharField(allow_blank=True)
    accessibility = serializers.CharField(allow_blank=True)
    image = EventImageSerializer(allow_null=True)
    ics_url = serializers.CharField(help_text="The event as an iCalendar file")
    series = serializers.IntegerField(allow_null=True, help_text="The recurring series it belongs to")
    updated_at = serializers.DateTimeField()
    distance_km = serializers.FloatField(required=False, help_text="From `near`, when given")

    class Meta:
        list_serializer_class = EventListSerializer

    def _venue(self, event):
        venue = self.context.get("venues", {}).get(event.space_id) if event.venue == Venue.SPACE else None
        municipality_id = (venue.municipality_id if venue else None) or event.municipality_id
        place = places.places_by_id().get(municipality_id) if municipality_id else None
        town = dict(places.municipalities()).get(place.refnis, "") if place else ""
        online = event.venue == Venue.ONLINE
        return {
            "kind": {"code": event.venue, "label": str(event.get_venue_display())},
            "name": venue.name if venue else "",
            "url": canonical_url(venue.url) if venue and venue.url else None,
            "address": None
            if online
            else {
                "street": venue.street_address if venue else event.street_address,
                "postcode": venue.postal_code if venue else event.postal_code,
            },
            "municipality": {"refnis": place.refnis, "name": town} if place else None,
            "region": {"refnis": place.region, "name": dict(places.regions()).get(place.region, "")}
            if place
            else None,
        }

    def kept_until(self, event, now):
        # Whether registration is open follows the clock: it changes when registration opens,
        # after its deadline and when the event ends. The places left follow its reindexing,
        # which a registration asks without waiting: up to the engine's next refresh (1 s).
        moments = (event.registration_opens, event.registration_deadline, event.end)
        return min((m for m in moments if m is not None and m >= now), default=None)

    def to_representation(self, event):
        context = self.context
        if "counts" not in context:
            prepare([event], context)
        now = context.setdefault("now", timezone.now())
        counts = context["counts"].get(event.pk, {})
        seats = counts.get("taken") or 0
        languages = getattr(event, "language_ids", None)
        sectors = getattr(event, "sector_ids", None)
        if languages is None:
            languages = list(event.languages.values_list("pk", flat=True))
            sectors = list(event.sectors.values_list("pk", flat=True))
        language_names, sector_names = taxonomy.languages_by_id(), taxonomy.sectors_by_id()
        language_codes = {language_names[pk][0] for pk in languages if pk in language_names}
        sector_codes = {sector_names[pk][0] for pk in sectors if pk in sector_names}
        data = {
            "id": event.pk,
            "url": canonical_url(event.get_absolute_url()),
            "title": event.title,
            "description": event.description,
            "format": {"code": event.format.slug, "label": event.format.name},
            "status": {"code": event.status, "label": str(event.get_status_display())},
            "start": _moment(event.start),
            "end": _moment(event.end),
            "venue": self._venue(event),
            "online": event.venue == Venue.ONLINE or event.status == Event.Status.MOVED_ONLINE,
            "languages": _coded(taxonomy.languages(), language_codes),
            "sectors": _coded(taxonomy.sectors(), sector_codes),
            "capacity": event.capacity,
            "places_left": None if event.capacity is None else max(0, event.capacity - seats),
            "waitlist": counts.get("waiting") or 0,
            "registration_open": event.registration_open(now),
            "registration_opens": _moment(event.registration_opens),
            "registration_deadline": _moment(event.registration_deadline),
            "free": event.is_free,
            "price": None if event.is_free else str(event.price),
            "ticket_url": event.ticket_url,
            "organiser": event.organiser,
            "accessibility": event.accessibility,
            "image": {"url": _image_url(event.image), "alt": event.image_alt} if event.image_id else None,
            "ics_url": canonical_url(reverse("agenda:event_ics", kwargs={"pk": event.pk})),
            "series": event.series_id,
            "updated_at": _moment(event.updated_at),
        }
        distances = context.get("distances") or {}
        if event.pk in distances:
            data["distance_km"] = distances[event.pk]
        return data


class EventListAPI(DocumentListAPI):
    """Events as the list page finds them: parameters and facets from their document; by
    default what is still to come, soonest first."""

    document = EVENTS
    serializer_class = EventSerializer
    content_negotiation_class = FormatIsAFacet

    @extend_schema(parameters=[WHEN_PARAMETER])
    @list_schema(EVENTS, EventSerializer)
    def get(self, request):
        form = search_form(EVENTS)(request.query_params)
        errors = {} if form.is_valid() else form.error_messages()
        when = request.query_params.get("when") or "upcoming"
        if when not in WHEN:
            # The search form's own message (translated like the others).
            errors["when"] = [
                translation.gettext("Unknown value: %(values)s.") % {"values": when[:200]},
            ]
        if errors:
            return Response({"errors": errors}, status=400)
        query = form.to_query()
        now = timezone.now()
        narrowing = {"upcoming": {"end": (now, None)}, "past": {"end": (None, now)}, "all": {}}[when]
        query = query.narrowed(narrowing)
        if not query.ordering and when == "past":
            query = replace(query, ordering="latest")  # as the archive: the latest first
        elif not query.ordering and not query.q and not query.near:
            query = replace(query, ordering="start")  # a calendar: the soonest first, not the day's rotation
        return list_answer(request, query, self.serializer_class, {"request": request, "now": now})


class EventDetailAPI(LanguageMixin, APIView):
    content_negotiation_class = FormatIsAFacet

    @extend_schema(
        operation_id="events_detail",
        parameters=[NEAR_PARAMETER, LANG_PARAMETER],
        responses={200: EventSerializer, 400: OpenApiTypes.OBJECT, 404: OpenApiTypes.OBJECT},
    )
    def get(self, request, pk):
        if pk > 2**62:  # beyond any id the database holds (SQLite and PostgreSQL would refuse it)
            raise Http404
        near = request.query_params.get("near", "")
        query = None
        if near:
            # The list's own field: the same place lookup and the same messages.
            form = search_form(EVENTS)({"near": near})
            if not form.is_valid() and "near" in form.errors:
                return Response({"errors": {"near": form.error_messages()["near"]}}, status=400)
            query = form.to_query()
        event = next(iter(EVENTS.load([pk])), None)
        if event is None or not event.published:
            raise Http404
        distances = {}
        if query is not None:
            distances[event.pk] = query.distance_to(event)
        context = {"request": request, "distances": distances}
        return Response(EventSerializer(event, context=context).data)
