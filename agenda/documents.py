"""The events' searchable document: what an events search finds, filters, counts and sorts.
The lists, the API, the feeds, both backends' indexes and the filter panel follow from it."""

from django.db.models import CharField, Value
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from agenda.models import Event, EventFormat, Registration, seat_totals
from portal import registry
from portal.places import choices as places
from portal.search import DateRange, Facet, Ordering, SearchDocument, TextField, Within
from portal.search.reference import reference_cache
from portal.taxonomy import choices as taxonomy
from portal.utils import translations


def formats():
    """(slug, name in the active language), in the editors' order."""
    return reference_cache.get(
        ("agenda-formats", get_language()), lambda: [(f.slug, f.name) for f in EventFormat.objects.all()]
    )


def _place(event):
    return places.places_by_id().get(event.place_id) if event.place_id else None


def places_until(event):
    """What the index keeps for "places left": the end of an event that is not cancelled and
    has a free seat (or no limit), else None. Registrations reindex their event."""
    if event.status == Event.Status.CANCELLED:
        return None
    if event.capacity is not None and event.seats_taken_now >= event.capacity:
        return None
    return event.end


def with_places_left():
    """Events not over, not cancelled, with a free seat (or no limit): the "places left" filter,
    one range of one indexed column (no list of the thousands of ids it holds for)."""
    return Within({"places_until": (timezone.now(), None)})


class EventDocument(SearchDocument):
    name = "events"
    model = Event
    has_geo = True
    text_fields = [
        TextField("title", lambda e: translations(e, "title"), boost=3, suggest=True),
        TextField("format", lambda e: translations(e.format, "name"), boost=2, stemmed=True),
        TextField("description", lambda e: translations(e, "description"), stemmed=True),
        TextField("venue", lambda e: [e.venue_name] if e.venue_name else []),
        TextField("place", lambda e: _place(e).names if _place(e) else [], boost=2, places=True),
        TextField("area", lambda e: _place(e).area_names if _place(e) else []),
        TextField("organiser", lambda e: translations(e, "organiser")),
    ]
    facets = [
        Facet("format", _("Format"), lambda e: e.format.slug, formats),
        Facet(
            "sector",
            _("Sector"),
            lambda e: [
                slug
                for slug, _names in (taxonomy.sectors_by_id().get(pk, (None, None)) for pk in e.sector_ids)
                if slug
            ],
            taxonomy.sectors,
            ids=taxonomy.sector_ids,
            many=True,
        ),
        Facet(
            "language",
            _("Languages spoken"),
            lambda e: [
                taxonomy.languages_by_id()[pk][0] for pk in e.language_ids if pk in taxonomy.languages_by_id()
            ],
            taxonomy.languages,
            ids=taxonomy.language_ids,
            many=True,
        ),
        Facet(
            "region",
            _("Region"),
            lambda e: _place(e).region if _place(e) else None,
            places.regions,
            ids=places.region_ids,
            choose="one",
            any_label=_("Anywhere"),
            help_text="; REFNIS: 02000 Flanders, 03000 Wallonia, 04000 Brussels",
        ),
        Facet(
            "province",
            _("Province"),
            lambda e: _place(e).province if _place(e) else None,
            places.provinces,
            ids=places.province_ids,
            choose="one",
            parent="region",
            parent_of=places.province_regions,
            any_label=_("Anywhere"),
            help_text="; REFNIS",
        ),
        Facet(
            "municipality",
            _("Municipality"),
            lambda e: _place(e).refnis if _place(e) else None,
            places.municipalities,
            choose="one",
            parent="province",
            parent_of=places.municipality_provinces,
            panel=False,
            help_text="; REFNIS",
        ),
        Facet(
            "price",
            _("Price"),
            lambda e: "free" if e.is_free else "paid",
            lambda: [("free", str(_("Free"))), ("paid", str(_("Paid")))],
            choose="one",
        ),
        Facet(
            "places_left",
            _("Places left"),
            lambda e: None,
            lambda: [("true", str(_("Only with places left")))],
            boolean=True,
            live=with_places_left,
        ),
    ]
    orderings = [
        Ordering("start", _("Date"), lambda e: e.start, kind="date"),
        Ordering("end", _("End date"), lambda e: e.end, kind="date"),
        # The archive's order.
        Ordering("latest", _("Newest first"), lambda e: e.start, kind="date", descending=True),
        # For the "places left" filter only.
        Ordering("places_until", _("Places left"), places_until, kind="date", offered=False),
    ]
    date_ranges = [DateRange("date", _("Dates"), starts="start", ends="end")]

    def _with_links(self, events):
        """The events with what the index and the cards need, in three queries for all of them:
        their sectors and languages, the seats taken and people waiting, the spaces they are
        held at."""
        events = list(events)
        by_pk = {e.pk: e for e in events}
        for e in events:
            e.sector_ids, e.language_ids = [], []
            e.seats_taken_now = e.seats_waiting_now = 0
        pks = list(by_pk)
        links = [
            getattr(Event, field)
            .through.objects.filter(event_id__in=pks)
            .annotate(link=Value(field, output_field=CharField()))
            .values_list("link", "event_id", f"{field[:-1]}_id")
            for field in ("sectors", "languages")
        ]
        for field, pk, value in links[0].union(links[1], all=True):
            (by_pk[pk].sector_ids if field == "sectors" else by_pk[pk].language_ids).append(value)
        seats = Registration.objects.filter(event_id__in=pks).values("event_id").annotate(**seat_totals())
        for row in seats:
            by_pk[row["event_id"]].seats_taken_now = row["taken"] or 0
            by_pk[row["event_id"]].seats_waiting_now = row["waiting"] or 0
        venues = registry.venues({e.space_id for e in events if e.venue == "space"})
        for e in events:
            venue = venues.get(e.space_id) if e.venue == "space" else None
            e.venue_info = venue
            e.venue_name = venue.name if venue else ""
            e.venue_point = venue.point if venue else None
            e.place_id = (venue.municipality_id if venue else None) or e.municipality_id
        return events

    def objects(self, ids=None):
        qs = Event.objects.public().select_related("format").order_by("pk")
        if ids is not None:
            return self._with_links(qs.filter(pk__in=list(ids)))
        return self._batches(qs)

    def _batches(self, qs, size=2000):
        """Every event, a batch at a time (as the calls): memory stays flat while an index is
        rebuilt, and the links are read with a batch's ids (many SQLite builds take at most
        32,766 parameters in a statement)."""
        last = 0
        while True:
            batch = list(qs.filter(pk__gt=last)[:size])
            if not batch:
                return
            yield from self._with_links(batch)
            last = batch[-1].pk

    def count(self):
        return Event.objects.public().count()

    def load(self, ids):
        events = Event.objects.filter(pk__in=ids).select_related("format", "municipality")
        by_id = {e.pk: e for e in self._with_links(events)}
        return [by_id[pk] for pk in ids if pk in by_id]

    def point(self, event):
        if getattr(event, "venue_point", None):
            return event.venue_point
        place = _place(event)
        return place.point if place else None


EVENTS = EventDocument()
