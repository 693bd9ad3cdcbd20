"""GET /api/v1/spaces/ and /api/v1/spaces/<id>/: coworking spaces and regional offices for
partners and apps.

The list's parameters, facets and their labels come from the spaces' search document
(coworking.documents.SPACES) through portal.search.api, like the members API. Never the
space's contact address (`email`: the relay of visit requests, which go through the page's
form) and never a member's.

Not kept for visitors (portal.cache): "open now" and the status change by the minute.
"""

import datetime

from django.http import Http404
from django.utils import timezone, translation
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from coworking.documents import API_PHOTO, SPACES, attach_amenities, photo_rendition
from coworking.hours import Schedule
from coworking.models import Resource, Space
from portal.search.api import LANG_PARAMETER, DocumentListAPI, LanguageMixin, list_schema
from portal.search.forms import search_form
from portal.utils import canonical_url

PRICE_UNITS = ("hour", "day", "month")


# Schema of the answer (what drf-spectacular documents); the values are built in
# SpaceSerializer.to_representation.


class CodeLabelSerializer(serializers.Serializer):
    code = serializers.CharField()
    label = serializers.CharField(help_text="In the requested language")


class PlaceRefSerializer(serializers.Serializer):
    refnis = serializers.CharField(help_text="REFNIS code")
    name = serializers.CharField(help_text="In the requested language")


class AddressSerializer(serializers.Serializer):
    street = serializers.CharField()
    postcode = serializers.CharField()
    municipality = PlaceRefSerializer()
    province = PlaceRefSerializer(allow_null=True, help_text="Null for Brussels")
    region = PlaceRefSerializer()


class AmenitySerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()


class AccessibilitySerializer(serializers.Serializer):
    wheelchair = CodeLabelSerializer(help_text="OpenStreetMap `wheelchair`: yes, limited, no, unknown")
    accessible_toilet = serializers.BooleanField()
    hearing_loop = serializers.BooleanField()
    lift = serializers.BooleanField()


class PricePairSerializer(serializers.Serializer):
    member = serializers.DecimalField(max_digits=8, decimal_places=2, allow_null=True)
    public = serializers.DecimalField(max_digits=8, decimal_places=2, allow_null=True)


class PricesSerializer(serializers.Serializer):
    hour = PricePairSerializer()
    day = PricePairSerializer()
    month = PricePairSerializer()


class PhotoSerializer(serializers.Serializer):
    url = serializers.CharField()
    alt = serializers.CharField()


class ResourceSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    kind = CodeLabelSerializer(help_text="room or desk")
    unit = CodeLabelSerializer(help_text="booked by the hour or by the day")
    capacity = serializers.IntegerField()
    amenities = AmenitySerializer(many=True)
    price_member = serializers.DecimalField(max_digits=8, decimal_places=2, allow_null=True)
    price_public = serializers.DecimalField(max_digits=8, decimal_places=2, allow_null=True)
    max_hours = serializers.IntegerField()
    bookable = serializers.BooleanField()


class IntervalSerializer(serializers.Serializer):
    opens = serializers.CharField(help_text="HH:MM, Brussels time")
    closes = serializers.CharField(help_text="HH:MM, Brussels time; 24:00 for midnight")


class DaySerializer(serializers.Serializer):
    date = serializers.DateField()
    intervals = IntervalSerializer(many=True)


class SpaceListSerializer(serializers.ListSerializer):
    def to_representation(self, data):
        spaces = list(data.all() if hasattr(data, "all") else data)
        # The search document loads places, amenities and photos with their renditions; the
        # rooms come in two queries for the whole page.
        with_rooms(spaces)
        return super().to_representation(spaces)


def with_rooms(spaces):
    """Each space's rooms and desks as `room_list`, each with its `amenity_list`: two queries
    for all of them, no related manager per space and per room."""
    by_pk = {s.pk: s for s in spaces}
    for s in spaces:
        s.room_list = []
    rooms = list(Resource.objects.filter(space_id__in=list(by_pk)).order_by("sort_order", "pk"))
    attach_amenities(rooms)
    for room in rooms:
        by_pk[room.space_id].room_list.append(room)
    return spaces


def _price(value):
    return None if value is None else str(value)


def _clock(moment, day_start):
    """ "09:00"; the end of the day is "24:00"."""
    if moment.time() == datetime.time.min and moment.date() > day_start:
        return "24:00"
    return moment.strftime("%H:%M")


def _photo_url(image):
    try:
        url = photo_rendition(image, API_PHOTO).url
    except (OSError, ValueError):
        try:
            url = image.file.url
        except ValueError:
            return ""
    return canonical_url(url) if url.startswith("/") else url


# What _hours() worked out, per process: {(expression, language): (from, until, hours)}. Each
# answer holds until the hours next change or midnight (the week and "tomorrow" move then), so a
# space's hours are not worked out again for every visitor (a page of 20 spaces spent 2.5 ms).
_kept_hours = {}
KEPT_HOURS = 5000


def _hours(context, expression, now):
    """open_now, next_change, status and week of these opening hours at `now`, worked out once
    per answer, and kept by the process while they hold (_kept_hours): spaces that keep the
    same hours (most keep office hours) share them, where a page of 20 spaces spent 4 ms in the
    opening-hours library."""
    known = context.setdefault("hours", {})
    if expression in known:
        return known[expression]
    key = (expression, translation.get_language())
    kept = _kept_hours.get(key)
    if kept is None or not kept[0] <= now < kept[1]:
        if len(_kept_hours) >= KEPT_HOURS:
            _kept_hours.clear()
        kept = _kept_hours[key] = _worked_out(expression, now)
    known[expression] = kept[2]
    # Until when they hold: what the API keeps of the space holds as long (kept_until).
    context.setdefault("hours_until", {})[expression] = kept[1]
    return kept[2]


def _worked_out(expression, now):
    """(now, until when they hold, the hours) of these opening hours at `now`."""
    schedule = Schedule(expression)
    change = schedule.next_change(now)
    today = timezone.localtime(now).date()
    hours = {
        "open_now": schedule.is_open(now),
        "next_change": change.isoformat() if change else None,
        "status": schedule.status(now)[1],
        "week": [
            {
                "date": day.isoformat(),
                "intervals": [
                    {"opens": _clock(begin, day), "closes": _clock(finish, day)}
                    for begin, finish in intervals
                ],
            }
            for day, intervals in schedule.week(today)
        ],
    }
    tomorrow = today + datetime.timedelta(days=1)
    midnight = timezone.make_aware(datetime.datetime.combine(tomorrow, datetime.time()))
    return (now, min(change, midnight) if change else midnight, hours)


def _amenities(context, obj):
    """[{slug, name}] of the amenities, each named once per answer (a translated field read
    for every space and room took 1.5 ms a page)."""
    named = context.setdefault("amenities", {})
    out = []
    for amenity in obj.amenity_list:
        if amenity.pk not in named:
            named[amenity.pk] = {"slug": amenity.slug, "name": amenity.name}
        out.append(named[amenity.pk])
    return out


class SpaceSerializer(serializers.Serializer):
    """A published space. Never its contact e-mail address: visit requests go through the
    space's page."""

    id = serializers.IntegerField()
    url = serializers.CharField(help_text="The space's page, in the requested language")
    name = serializers.CharField()
    kind = CodeLabelSerializer(help_text="office, coworking or partner")
    description = serializers.CharField(allow_blank=True)
    address = AddressSerializer()
    lat = serializers.FloatField()
    lon = serializers.FloatField()
    amenities = AmenitySerializer(many=True)
    accessibility = AccessibilitySerializer()
    capacity = serializers.IntegerField(allow_null=True, help_text="People")
    prices = PricesSerializer(help_text="In euros; null when the space states no such price")
    phone = serializers.CharField(allow_blank=True)
    website = serializers.CharField(allow_blank=True)
    photos = PhotoSerializer(many=True)
    resources = ResourceSerializer(many=True, help_text="Rooms and desks members book")
    opening_hours = serializers.CharField(help_text="OpenStreetMap `opening_hours` expression")
    open_now = serializers.BooleanField()
    next_change = serializers.DateTimeField(
        allow_null=True,
        help_text="When it next opens or closes (ISO 8601 with offset); null: not within a year",
    )
    status = serializers.CharField(help_text="“Open now, until 18:00”, in the requested language")
    week = DaySerializer(many=True, help_text="Seven days from today (Brussels time)")
    adviser_hours = serializers.CharField(
        allow_null=True, help_text="Regional offices: advisers' office hours (OpenStreetMap syntax)"
    )
    distance_km = serializers.FloatField(required=False, help_text="From `near`, when given")

    class Meta:
        list_serializer_class = SpaceListSerializer

    def kept_until(self, space, now):
        # The opening hours' status and week follow the clock: they hold until their next change.
        return self.context["hours_until"][space.opening_hours]

    def to_representation(self, space):
        context = self.context
        now = context.setdefault("now", timezone.now())
        if "labels" not in context:
            # The choices' labels in the requested language, once per answer (not per space).
            choices = {
                "kind": Space.Kind,
                "wheelchair": Space.Wheelchair,
                "room": Resource.Kind,
                "unit": Resource.Unit,
            }
            context["labels"] = {key: {c.value: str(c.label) for c in kind} for key, kind in choices.items()}
        labels = context["labels"]
        place = space.municipality
        hours = _hours(context, space.opening_hours, now)
        lat, lon = space.point
        data = {
            "id": space.pk,
            "url": canonical_url(space.get_absolute_url()),
            "name": space.name,
            "kind": {"code": space.kind, "label": labels["kind"].get(space.kind, space.kind)},
            "description": space.description,
            "address": {
                "street": space.street_address,
                "postcode": space.postal_code,
                "municipality": {"refnis": place.refnis, "name": place.name},
                "province": {"refnis": place.province.refnis, "name": place.province.name}
                if place.province_id
                else None,
                "region": {"refnis": place.region.refnis, "name": place.region.name},
            },
            "lat": lat,
            "lon": lon,
            "amenities": _amenities(context, space),
            "accessibility": {
                "wheelchair": {
                    "code": space.wheelchair,
                    "label": labels["wheelchair"].get(space.wheelchair, space.wheelchair),
                },
                "accessible_toilet": space.accessible_toilet,
                "hearing_loop": space.hearing_loop,
                "lift": space.lift,
            },
            "capacity": space.capacity,
            "prices": {
                unit: {
                    "member": _price(getattr(space, f"price_{unit}_member")),
                    "public": _price(getattr(space, f"price_{unit}_public")),
                }
                for unit in PRICE_UNITS
            },
            "phone": space.phone,
            "website": space.website,
            "photos": [{"url": _photo_url(p.image), "alt": p.alt} for p in space.photo_list],
            "resources": [
                {
                    "id": r.pk,
                    "name": r.name,
                    "kind": {"code": r.kind, "label": labels["room"].get(r.kind, r.kind)},
                    "unit": {"code": r.unit, "label": labels["unit"].get(r.unit, r.unit)},
                    "capacity": r.capacity,
                    "amenities": _amenities(context, r),
                    "price_member": _price(r.price_member),
                    "price_public": _price(r.price_public),
                    "max_hours": r.max_hours,
                    "bookable": r.bookable,
                }
                for r in space.room_list
            ],
            "opening_hours": space.opening_hours,
            **hours,
            "adviser_hours": space.adviser_hours or None,
        }
        distances = context.get("distances") or {}
        if space.pk in distances:
            data["distance_km"] = distances[space.pk]
        return data


class SpaceListAPI(DocumentListAPI):
    """Spaces as found by the list page's search: parameters and facets from its document."""

    document = SPACES
    serializer_class = SpaceSerializer

    @list_schema(SPACES, SpaceSerializer)
    def get(self, request):
        return super().get(request)


NEAR_PARAMETER = OpenApiParameter(
    "near", str, description="REFNIS code, postcode or place name (any language): adds `distance_km`"
)


class SpaceDetailAPI(LanguageMixin, APIView):
    @extend_schema(
        operation_id="spaces_detail",
        parameters=[NEAR_PARAMETER, LANG_PARAMETER],
        responses={200: SpaceSerializer, 400: OpenApiTypes.OBJECT, 404: OpenApiTypes.OBJECT},
    )
    def get(self, request, pk):
        distances = {}
        near = request.query_params.get("near", "")
        if near:
            # The list's own field: the same place lookup and the same messages.
            form = search_form(SPACES)({"near": near})
            if not form.is_valid() and "near" in form.errors:
                return Response({"errors": {"near": form.error_messages()["near"]}}, status=400)
            query = form.to_query()
        # As the list loads them: amenities, photos and their renditions, rooms.
        space = next(iter(SPACES.load([pk])), None)
        if space is None or not space.published:
            raise Http404
        with_rooms([space])
        if near:
            distances[space.pk] = query.distance_to(space)
        context = {"request": request, "distances": distances}
        return Response(SpaceSerializer(space, context=context).data)
