"""Calendar files and feeds: one event's `.ics`, a subscribable iCalendar feed that follows the
list's filters (the query string of the list page works as is), and an Atom feed of new events.

The iCalendar text comes from agenda.ics.event_calendar (UIDs, SEQUENCE, LAST-MODIFIED, STATUS,
the page's URL in the active language, the place and the VTIMEZONE); the feed adds how often
calendar apps should fetch it again, and each entry its format (CATEGORIES). Never the online
link: that is for registered people only.

Nothing here asks another host: places and venues come from the portal's own data.
"""

import datetime
import hashlib
from dataclasses import replace

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.feedgenerator import Atom1Feed
from django.utils.formats import time_format
from django.utils.http import http_date
from django.utils.text import slugify
from django.utils.translation import get_language, gettext

from agenda import ics
from agenda.documents import EVENTS
from agenda.models import Event, Venue
from portal import registry, search
from portal.dates import long_date
from portal.places import choices as places
from portal.search.documents import SearchUnavailable
from portal.search.forms import search_form
from portal.search.views import active_chips
from portal.utils import canonical_url

# The feed holds what is still to come and the last month (calendar apps then keep the recent
# past), at most this many events.
FEED_LIMIT = 1000
FEED_PAST_DAYS = 30
# Calendar apps poll on their own schedule; these ask for about an hour and let caches keep an
# answer a quarter of an hour (a cancelled date reaches subscribers within the hour).
REFRESH = datetime.timedelta(hours=1)
MAX_AGE = 15 * 60
ATOM_ITEMS = 50


def organisation_name(request=None):
    from portal.pages.models import OrganisationSettings

    return OrganisationSettings.load(request_or_site=request).name or settings.WAGTAIL_SITE_NAME


def _is_online(event):
    return event.venue == Venue.ONLINE or event.status == Event.Status.MOVED_ONLINE


def locations(events):
    """{event pk: (where, (lat, lon) or None)} in the active language: the space's name and
    address, another address, or "Online" (never the link). One query for the spaces."""
    events = list(events)
    venues = registry.venues({e.space_id for e in events if e.venue == Venue.SPACE and e.space_id})
    names = dict(places.municipalities())
    by_id = places.places_by_id()

    def town(municipality_id):
        place = by_id.get(municipality_id)
        return names.get(place.refnis, "") if place else ""

    found = {}
    for event in events:
        if _is_online(event):
            found[event.pk] = (str(Venue.ONLINE.label), None)
            continue
        venue = venues.get(event.space_id) if event.venue == Venue.SPACE else None
        if venue is not None:
            parts = [
                venue.name,
                venue.street_address,
                f"{venue.postal_code} {town(venue.municipality_id)}".strip(),
            ]
            point = venue.point
        else:
            parts = [event.street_address, f"{event.postal_code} {town(event.municipality_id)}".strip()]
            point = None
        found[event.pk] = (", ".join(p for p in parts if p), point)
    return found


def event_url(event):
    """The event's page in the active language, on the portal's canonical host."""
    return canonical_url(event.get_absolute_url())


def _properties(component, *properties):
    """The content lines of these (name, value, parameters) as icalendar writes them (folded,
    escaped), without the component's BEGIN and END lines."""
    for name, value, parameters in properties:
        component.add(name, value, parameters=parameters)
    lines = component.to_ical().split(b"\r\n")
    return b"".join(line + b"\r\n" for line in lines[1:-2])


def calendar(events, name="", subscribed=False):
    """iCalendar bytes of these events: agenda.ics's calendar (read back by calendar apps with
    its UIDs, URL, LOCATION, VTIMEZONE…), each entry given its format (CATEGORIES) and, for a
    subscription, how often to fetch it again. Added to ics's text rather than parsed and
    written again: a feed of a thousand events stays well under a second."""
    # Imported here: the library is only needed when a file is made (worker memory).
    from icalendar import Calendar
    from icalendar import Event as IcsEvent

    events = list(events)
    raw = ics.event_calendar(events, name=name)
    head, newline, rest = raw.partition(b"\r\n")
    if subscribed and b"\r\nREFRESH-INTERVAL" not in raw:
        # RFC 7986 and the calendar apps' de-facto property: how often to fetch again.
        extra = [("refresh-interval", REFRESH, {"VALUE": "DURATION"}), ("x-published-ttl", "PT1H", None)]
        if name and b"\r\nNAME:" not in raw:
            extra.append(("name", name, None))
        raw = head + newline + _properties(Calendar(), *extra) + rest
    # Each entry in the order of `events` (ics writes them so); checked by its UID.
    parts = raw.split(b"END:VEVENT\r\n")
    entries = parts[:-1]
    if len(entries) != len(events) or not all(
        str(e.uid).encode() in part for e, part in zip(events, entries, strict=True)
    ):
        return raw
    categories = {}
    out = []
    for event, part in zip(events, entries, strict=True):
        if b"\r\nCATEGORIES" not in part:
            label = event.format.name
            if label not in categories:
                categories[label] = _properties(IcsEvent(), ("categories", [label], None))
            part += categories[label]
        out.append(part)
    return b"END:VEVENT\r\n".join([*out, parts[-1]])


def _ics_response(body, filename, disposition="attachment"):
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'{disposition}; filename="{filename}.ics"'
    patch_cache_control(response, public=True, max_age=MAX_AGE)
    return response


def _fingerprint(*parts):
    return '"' + hashlib.sha256("|".join(str(p) for p in parts).encode()).hexdigest()[:32] + '"'


def event_ics(request, pk):
    """One published event as an `.ics` file."""
    event = Event.objects.public().select_related("format", "municipality").filter(pk=pk).first()
    if event is None:
        raise Http404
    etag = _fingerprint(get_language(), event.pk, event.sequence, event.status, event.updated_at.isoformat())
    unchanged = get_conditional_response(request, etag=etag)
    if unchanged is not None:
        unchanged["ETag"] = etag
        return unchanged
    response = _ics_response(calendar([event]), event.slug)
    response["ETag"] = etag
    response["Last-Modified"] = http_date(event.updated_at.timestamp())
    return response


def feed_query(params, now=None):
    """The query of a feed address: the list's parameters, the valid ones only (a bad value is
    left out rather than refused: a subscribed calendar must keep working), from a month ago
    on, at most FEED_LIMIT events."""
    form = search_form(EVENTS)(params)
    form.is_valid()
    query = form.to_query()
    since = (now or timezone.now()) - datetime.timedelta(days=FEED_PAST_DAYS)
    return replace(
        query.narrowed({"end": (since, None)}),
        ordering="start",
        page=1,
        page_size=FEED_LIMIT,
    )


def feed_name(request, query):
    """ "Coop – Events – Flemish Region": the organisation, then the filters in force."""
    parts = [organisation_name(request), gettext("Events")]
    if query.q:
        parts.append(f"“{query.q}”")
    chips, _clear = active_chips(EVENTS, query, request.GET.copy())
    grouped = {}
    for chip in chips:
        grouped.setdefault(str(chip["facet"]), []).append(str(chip["label"]))
    for facet in EVENTS.facets:
        label = str(facet.label)
        if facet.boolean and label in grouped and query.values(facet.name) != ("true",):
            # "Places left" alone says yes; the other answer is spelt out.
            grouped[label] = [f"{label}: {grouped[label][0]}"]
    parts += [", ".join(labels) for labels in grouped.values()]
    return " – ".join(parts)


def calendar_feed(request):
    """The published events the list shows for these parameters, as a calendar to subscribe
    to: what is to come and the last month, cancelled dates included (STATUS:CANCELLED)."""
    query = feed_query(request.GET)
    try:
        ids = search.ids(query)
    except SearchUnavailable:
        # An empty feed would wipe the subscribers' calendars: ask them to come back.
        response = HttpResponse(status=503, content_type="text/plain; charset=utf-8")
        response["Retry-After"] = "600"
        return response
    events = list(
        Event.objects.public()
        .filter(pk__in=list(ids), end__gte=query.ranges["end"][0])
        .select_related("format", "municipality")
        .order_by("start", "pk")[:FEED_LIMIT]
    )
    name = feed_name(request, query)
    etag = _fingerprint(
        get_language(),
        name,
        sorted(request.GET.lists()),
        [(e.pk, e.sequence, e.status, e.updated_at.isoformat()) for e in events],
    )
    # Compared on the ETag only: a date that left the feed leaves its newest change older.
    unchanged = get_conditional_response(request, etag=etag)
    if unchanged is not None:
        unchanged["ETag"] = etag
        return unchanged
    filename = slugify(name)[:80] or "events"
    response = _ics_response(calendar(events, name=name, subscribed=True), filename, "inline")
    response["ETag"] = etag
    if events:
        response["Last-Modified"] = http_date(max(e.updated_at for e in events).timestamp())
    return response


class AtomFeed(Feed):
    """The newest published events (by when they were published here), in the request's
    language: titles, the date and place, and links to the pages in that language."""

    feed_type = Atom1Feed
    item_guid_is_permalink = False

    def __call__(self, request, *args, **kwargs):
        response = super().__call__(request, *args, **kwargs)
        patch_cache_control(response, public=True, max_age=MAX_AGE)
        return response

    def get_object(self, request, *args, **kwargs):
        # The one Feed instance serves every request: what depends on it travels as `obj`.
        return {"organisation": organisation_name(request)}

    def title(self, obj):
        return f"{obj['organisation']} – {gettext('Events')}"

    def link(self, obj):
        return canonical_url(reverse("agenda:index"))

    def feed_url(self, obj):
        return canonical_url(reverse("agenda:feed_atom"))

    def author_name(self, obj):
        return obj["organisation"]

    def items(self, obj):
        events = list(
            Event.objects.public()
            .select_related("format", "municipality")
            .order_by("-created_at", "-pk")[:ATOM_ITEMS]
        )
        where = locations(events)
        for event in events:
            event.feed_location = where.get(event.pk, ("", None))[0]
        return events

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        start, end = timezone.localtime(item.start), timezone.localtime(item.end)
        when = f"{long_date(start)}, {time_format(start.time())}–{time_format(end.time())}"
        head = " · ".join(p for p in (when, item.format.name, item.feed_location) if p)
        if item.status != Event.Status.SCHEDULED:
            head = f"{item.get_status_display()} – {head}"
        return f"{head}\n\n{item.description}".strip()

    def item_link(self, item):
        return event_url(item)

    def item_guid(self, item):
        return f"urn:uuid:{item.uid}"

    def item_pubdate(self, item):
        return item.created_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_categories(self, item):
        return [item.format.name]
