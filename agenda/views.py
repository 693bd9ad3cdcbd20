"""The event pages: what is coming (a list and a month), the archive, and an event's page.

The lists go through the events' search document (agenda.documents.EVENTS): the filters, their
counts, the chips and the feeds' query strings are the same on every list, and a feed follows the
filters of the list it is linked from.
"""

import calendar
import datetime
import json
from dataclasses import replace
from urllib.parse import urlencode

from django.conf import settings
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import dateformat, timezone
from django.utils.formats import time_format
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from agenda import registration as registrations
from agenda.documents import EVENTS
from agenda.forms import GuestRegistrationForm, RegistrationForm
from agenda.models import FIRST_YEAR, LAST_YEAR, Event, Registration, Venue, seat_totals
from portal import dates, registry, search
from portal.cache import cached_for_visitors
from portal.places import choices as places
from portal.search.documents import DISTANCE
from portal.search.forms import day_start, search_form
from portal.search.views import active_chips, filter_panel, radius_choices
from portal.taxonomy import choices as taxonomy
from portal.utils import canonical_url, map_settings

# The month view shows every event of the month (up to this many: more asks for a filter).
MONTH_LIMIT = 500
# Database ids are 64-bit: a longer number in the address is no event (and no database error).
MAX_ID = 2**63 - 1
# Parameters of a list that are not filters: a feed or another view of the same filters drops them.
NOT_FILTERS = ("page", "page_size", "partial", "ordering")
DATE_PARAMETERS = ("date_from", "date_to")
SCHEMA_STATUS = {
    Event.Status.SCHEDULED: "EventScheduled",
    Event.Status.CANCELLED: "EventCancelled",
    Event.Status.POSTPONED: "EventPostponed",
    Event.Status.MOVED_ONLINE: "EventMovedOnline",
}


# What cards show -----------------------------------------------------------------------------


def is_online(event):
    return event.venue == Venue.ONLINE or event.status == Event.Status.MOVED_ONLINE


def municipality_name(municipality_id, names=None):
    """A municipality's name in the active language, from the cached reference lists (`names`:
    {REFNIS: name}, when the caller names several)."""
    place = places.places_by_id().get(municipality_id) if municipality_id else None
    if place is None:
        return ""
    return (names if names is not None else dict(places.municipalities())).get(place.refnis, "")


def time_range(event):
    """ "18:00–20:00" in the active language's clock, or with the dates when it lasts several
    days ("samedi 24 octobre 18:00 – dimanche 25 octobre 12:00")."""
    start, end = timezone.localtime(event.start), timezone.localtime(event.end)
    to_midnight = end.time() == datetime.time.min and end - start <= datetime.timedelta(days=1)
    if start.date() == end.date() or to_midnight:
        finish = "24:00" if to_midnight else time_format(end.time())
        return f"{time_format(start.time())}–{finish}"
    begin = f"{dates.weekday_date(start)} {time_format(start.time())}"
    return f"{begin} – {dates.weekday_date(end)} {time_format(end.time())}"


def local_days(event):
    """The local days an event takes place on (an event ending at midnight does not reach the
    next day)."""
    start, end = timezone.localtime(event.start), timezone.localtime(event.end)
    last = (end - datetime.timedelta(microseconds=1)).date() if end > start else start.date()
    day = start.date()
    while day <= last:
        yield day
        day += datetime.timedelta(days=1)


def seats(events):
    """{event id: (seats taken, people waiting)} for these events: as the search document
    loaded them, else in one query."""
    known = {e.pk: (e.seats_taken_now, e.seats_waiting_now) for e in events if hasattr(e, "seats_taken_now")}
    ids = [e.pk for e in events if e.pk not in known]
    if not ids:
        return known
    rows = Registration.objects.filter(event_id__in=ids).values("event_id").annotate(**seat_totals())
    return {**known, **{row["event_id"]: (row["taken"] or 0, row["waiting"] or 0) for row in rows}}


def prepare(events, with_seats=True, now=None):
    """What a card shows, without a query per event: the venue's name, the municipality and
    the languages in the active language, the places left (one query for all the events).
    Events loaded by the search document already know their venue; others are looked up once."""
    events = list(events)
    now = now or timezone.now()
    missing = {e.space_id for e in events if e.venue == Venue.SPACE and not hasattr(e, "venue_name")}
    venues = registry.venues(missing) if missing else {}
    for e in events:
        if not hasattr(e, "venue_name"):
            venue = venues.get(e.space_id) if e.venue == Venue.SPACE else None
            e.venue_name = venue.name if venue else ""
            e.place_id = (venue.municipality_id if venue else None) or e.municipality_id
    municipality_names = dict(places.municipalities())
    language_names = dict(taxonomy.languages())
    language_codes = {pk: code for pk, (code, _names) in taxonomy.languages_by_id().items()}
    taken = seats(events) if with_seats else {}
    for e in events:
        e.local_start, e.local_end = timezone.localtime(e.start), timezone.localtime(e.end)
        e.hours = time_range(e)
        e.multi_day = len(list(local_days(e))) > 1
        e.online = is_online(e)
        place_id = getattr(e, "place_id", None) or e.municipality_id
        e.place_name = municipality_name(place_id, municipality_names)
        e.language_names = [
            language_names[language_codes[pk]]
            for pk in getattr(e, "language_ids", [])
            if language_codes.get(pk) in language_names
        ]
        e.seats_left = None
        e.full = False
        if with_seats and e.capacity is not None:
            e.seats_left = max(0, e.capacity - taken.get(e.pk, (0, 0))[0])
            e.full = e.seats_left == 0
        e.is_past = e.end <= now
    return events


def by_day(events):
    """[{"day", "label", "events"}] in the events' order (a chronological list)."""
    groups = []
    this_year = timezone.localdate().year
    for e in events:
        day = timezone.localtime(e.start).date()
        if not groups or groups[-1]["day"] != day:
            groups.append(
                {
                    "day": day,
                    "label": dates.weekday_date(day, year=day.year != this_year),
                    "today": day == timezone.localdate(),
                    "events": [],
                }
            )
        groups[-1]["events"].append(e)
    return groups


# Lists ---------------------------------------------------------------------------------------


def _feeds(params):
    """The calendar and Atom feeds of the same filters (a subscription follows the list)."""
    query = params.copy()
    for name in NOT_FILTERS:
        query.pop(name, None)
    suffix = f"?{query.urlencode()}" if query else ""
    ics = reverse("agenda:feed_ics") + suffix
    absolute = canonical_url(ics)
    return {
        "ics": ics,
        "webcal": "webcal://" + absolute.split("://", 1)[-1],
        "atom": reverse("agenda:feed_atom") + suffix,
        "filters": query.urlencode(),
    }


def listing(request, ranges, data=None, default_ordering="start", **fixed):
    """The context of an events list (portal.search.views.search_context's, with what events
    need): the page's ranges kept with the dates asked for, its default order (the soonest
    first; the archive's latest first), the hits ready for cards, the feeds of the same filters."""
    data = request.GET if data is None else data
    form = search_form(EVENTS)(data or None)
    if form.is_bound:
        form.is_valid()
    query = form.to_query()
    query = replace(query.narrowed(ranges), **fixed)
    chosen_ordering = query.ordering
    if not query.ordering and (default_ordering == "latest" or (not query.q and not query.near)):
        # What people look for first is the soonest (or, in the archive, the latest), not a
        # fair rotation; words or a place asked for put the best matches first in coming events.
        query = replace(query, ordering=default_ordering)
    result, unavailable = None, False
    try:
        result = search.search(query)
    except search.SearchUnavailable:
        unavailable = True
    params = data.copy()
    for transient in ("page", "partial"):
        params.pop(transient, None)
    chips, clear_params = active_chips(EVENTS, query, params)
    other = "start" if default_ordering == "latest" else "latest"
    orderings = [
        (v, label) for v, label in EVENTS.ordering_choices() if (v != DISTANCE or query.near) and v != other
    ]
    effective = query.effective_ordering
    hits = prepare(result.hits) if result else []
    # In date order the cards come under day headings; in another order each says its date.
    chronological = effective in ("start", "latest")
    return {
        "document": EVENTS,
        "form": form,
        "query": query,
        "result": result,
        "hits": hits,
        "days": by_day(hits) if chronological else None,
        "unavailable": unavailable,
        "panel": filter_panel(EVENTS, query, result),
        "chips": chips,
        "clear_params": clear_params,
        "orderings": orderings,
        "ordering_state": {"effective_ordering": effective, "ordering": chosen_ordering},
        "base_params": params.urlencode(),
        "radius_choices": radius_choices(query.radius_km),
        "feeds": _feeds(params),
    }


def _render_list(request, template, context):
    status = 503 if context["unavailable"] else 200
    return render(request, template, context, status=status)


@require_GET
@cached_for_visitors
def event_index(request):
    """What is still to come: every event that has not ended, the soonest first. Kept for
    visitors until content changes (portal.cache): an event that has just ended may stay listed
    for the cache's few minutes."""
    context = listing(request, {"end": (timezone.now(), None)})
    context["listing_url"] = reverse("agenda:index")
    return _render_list(request, "agenda/index.html", context)


@require_GET
@cached_for_visitors
def event_archive(request):
    """What has taken place, the latest first; searchable with the same filters."""
    context = listing(request, {"end": (None, timezone.now())}, default_ordering="latest")
    context["listing_url"] = reverse("agenda:archive")
    return _render_list(request, "agenda/archive.html", context)


# The month -----------------------------------------------------------------------------------


def _month_url(day, params):
    url = reverse("agenda:month", kwargs={"year": day.year, "month": day.month})
    return f"{url}?{params}" if params else url


def _weekdays():
    """(short, full) weekday names in the active language, Monday first."""
    monday = datetime.date(2024, 1, 1)
    return [
        (dateformat.format(day, "D"), dateformat.format(day, "l"))
        for day in (monday + datetime.timedelta(days=i) for i in range(7))
    ]


@require_GET
@cached_for_visitors
def event_month(request, year=None, month=None):
    """A month as a calendar grid (a list of days on phones), with the list's filters."""
    today = timezone.localdate()
    if year is None:
        year, month = today.year, today.month
    if not (FIRST_YEAR <= year <= LAST_YEAR and 1 <= month <= 12):
        raise Http404
    first = datetime.date(year, month, 1)
    last = datetime.date(year, month, calendar.monthrange(year, month)[1])
    following = last + datetime.timedelta(days=1)
    # The month gives the dates: dates, pages and orders asked for are left out.
    data = request.GET.copy()
    for name in (*DATE_PARAMETERS, *NOT_FILTERS):
        data.pop(name, None)
    context = listing(
        request,
        {"end": (day_start(first), None), "start": (None, day_start(following))},
        data=data,
        ordering="start",
        page=1,
        page_size=MONTH_LIMIT,
    )
    on_day = {}
    for event in context["hits"]:
        start_day = event.local_start.date()
        for day in local_days(event):
            if first <= day <= last:
                on_day.setdefault(day, []).append({"event": event, "continued": day != start_day})
    weeks = [
        [
            {
                "day": day,
                "label": dates.weekday_date(day),
                "in_month": day.month == month,
                "today": day == today,
                "past": day < today,
                "events": on_day.get(day, []) if day.month == month else [],
            }
            for day in week
        ]
        for week in calendar.Calendar(firstweekday=0).monthdatescalendar(year, month)
    ]
    params = context["base_params"]
    previous = first - datetime.timedelta(days=1)
    context.update(
        {
            "month": first,
            "month_label": dateformat.format(first, "F Y"),
            "weeks": weeks,
            "weekdays": _weekdays(),
            "days_with_events": sum(1 for week in weeks for d in week if d["events"]),
            "previous_url": _month_url(previous, params) if previous.year >= FIRST_YEAR else "",
            "previous_label": dateformat.format(previous, "F Y"),
            "next_url": _month_url(following, params) if following.year <= LAST_YEAR else "",
            "next_label": dateformat.format(following, "F Y"),
            "this_month_url": _month_url(today, params) if first != today.replace(day=1) else "",
            "list_url": reverse("agenda:index") + (f"?{params}" if params else ""),
            "truncated": bool(context["result"] and context["result"].total > MONTH_LIMIT),
            "month_action": request.path,
            "listing_url": request.path,
        }
    )
    return _render_list(request, "agenda/month.html", context)


# An event ------------------------------------------------------------------------------------


def _public_event(pk):
    if pk > MAX_ID:
        raise Http404
    event = get_object_or_404(Event.objects.select_related("format", "municipality", "image"), pk=pk)
    if not event.published:
        raise Http404
    return event


def _where(event):
    """The venue as the page shows it: {"online", "name", "street", "postcode", "municipality",
    "url", "point"}."""
    if is_online(event):
        return {"online": True, "municipality": municipality_name(event.municipality_id)}
    if event.venue == Venue.SPACE and event.space_id:
        venue = registry.venues([event.space_id]).get(event.space_id)
        if venue:
            return {
                "online": False,
                "name": venue.name,
                "street": venue.street_address,
                "postcode": venue.postal_code,
                "municipality": municipality_name(venue.municipality_id or event.municipality_id),
                "url": venue.url,
                "point": venue.point,
                "exact": True,
            }
    place = places.places_by_id().get(event.municipality_id) if event.municipality_id else None
    return {
        "online": False,
        "name": "",
        "street": event.street_address,
        "postcode": event.postal_code,
        "municipality": event.municipality.name if event.municipality_id else "",
        "url": "",
        "point": place.point if place else None,
        "exact": False,
    }


def _iso(moment):
    return timezone.localtime(moment).isoformat()


def _schema(event, where, counts, languages, image_url):
    """schema.org Event: status, attendance mode, place or virtual location, offer, organiser."""
    url = canonical_url(event.get_absolute_url())
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.title,
        "url": url,
        "startDate": _iso(event.start),
        "endDate": _iso(event.end),
        "eventStatus": f"https://schema.org/{SCHEMA_STATUS.get(event.status, 'EventScheduled')}",
        "eventAttendanceMode": "https://schema.org/"
        + ("OnlineEventAttendanceMode" if where["online"] else "OfflineEventAttendanceMode"),
        "inLanguage": languages or [get_language() or settings.LANGUAGE_CODE],
    }
    if event.description:
        data["description"] = event.description[:500]
    if where["online"]:
        # The link itself is for registered people only: the page stands for it.
        data["location"] = {"@type": "VirtualLocation", "url": url}
    else:
        place = {
            "@type": "Place",
            "name": where["name"] or where["municipality"],
            "address": {
                "@type": "PostalAddress",
                "streetAddress": where["street"],
                "postalCode": where["postcode"],
                "addressLocality": where["municipality"],
                "addressCountry": "BE",
            },
        }
        if where.get("exact") and where.get("point"):
            lat, lon = where["point"]
            place["geo"] = {"@type": "GeoCoordinates", "latitude": lat, "longitude": lon}
        data["location"] = place
    if event.status != Event.Status.CANCELLED:
        offer = {
            "@type": "Offer",
            "price": "0" if event.is_free else f"{event.price:.2f}",
            "priceCurrency": "EUR",
            "url": event.ticket_url or url,
            "availability": "https://schema.org/"
            + ("SoldOut" if counts["full"] else "InStock" if counts["open"] else "OutOfStock"),
        }
        if event.registration_opens:
            offer["validFrom"] = _iso(event.registration_opens)
        data["offers"] = offer
    if event.organiser:
        data["organizer"] = {"@type": "Organization", "name": event.organiser}
    if image_url:
        data["image"] = [image_url]
    # </script> cannot end the block early: "<" is escaped.
    return json.dumps(data, ensure_ascii=False).replace("<", "\\u003c")


def _registration_state(event, counts, now):
    """open | full (the form leads to the waitlist) | soon | closed | past | cancelled | postponed."""
    if event.status == Event.Status.CANCELLED:
        return "cancelled"
    if event.end <= now:
        return "past"
    if event.status == Event.Status.POSTPONED:
        return "postponed"
    if event.registration_opens and now < event.registration_opens:
        return "soon"
    if not event.registration_open(now):
        return "closed"
    return "full" if counts["full"] else "open"


def _mine(event, user):
    """The visitor's live registrations for this event, the confirmed one first."""
    if not user.is_authenticated:
        return None, False
    found = list(event.registrations.filter(user=user).exclude(status=Registration.Status.CANCELLED))
    confirmed = [r for r in found if r.status == Registration.Status.CONFIRMED]
    mine = (confirmed or found or [None])[0]
    if mine is not None:
        mine.token = registrations.token(mine)
    return mine, bool(confirmed)


def _image_url(event):
    if not event.image_id:
        return ""
    try:
        return canonical_url(event.image.get_rendition("fill-1200x675").url)
    except OSError:  # a missing file (SourceImageIOError) must not take the page down
        return ""


def _registration_form(event, user, state):
    """The form of agenda.forms the event's page shows (it posts to agenda:register)."""
    if state not in ("open", "full"):
        return None
    form_class = RegistrationForm if user.is_authenticated else GuestRegistrationForm
    form = form_class(event=event)
    # What the browser may fill in (WCAG 1.3.5).
    for name, purpose in (("name", "name"), ("email", "email")):
        if name in form.fields:
            form.fields[name].widget.attrs.setdefault("autocomplete", purpose)
    return form


@require_GET
@cached_for_visitors(slot_seconds=60)  # registration opens and closes on the clock
def event_detail(request, pk, slug=""):
    event = _public_event(pk)
    canonical = event.get_absolute_url()
    if request.path != canonical:
        return redirect(canonical, permanent=True)
    now = timezone.now()
    where = _where(event)
    taken, waiting = seats([event]).get(event.pk, (0, 0))
    places_left = None if event.capacity is None else max(0, event.capacity - taken)
    counts = {
        "taken": taken,
        "waiting": waiting,
        "places_left": places_left,
        "full": places_left == 0,
    }
    state = _registration_state(event, counts, now)
    counts["open"] = state in ("open", "full")
    languages = list(event.languages.all())
    mine, confirmed = _mine(event, request.user)
    other_dates = []
    if event.series_id:
        other_dates = prepare(
            Event.objects.public()
            .upcoming(now)
            .filter(series_id=event.series_id)
            .exclude(pk=event.pk)
            .select_related("format", "municipality")
            .order_by("start")[:12],
            with_seats=False,
        )
    # The card's fields, with the venue already looked up.
    event.venue_name = where.get("name", "")
    event.place_id = event.municipality_id
    this = prepare([event], with_seats=False)[0]
    image_url = _image_url(event)
    context = {
        "event": this,
        "alternates_of": event,  # the language switcher's and hreflang links' addresses
        "where": where,
        "counts": counts,
        "state": state,
        "languages": languages,
        "sectors": list(event.sectors.all()),
        "registration": mine,
        "show_online_link": confirmed and bool(event.online_url) and event.status != Event.Status.CANCELLED,
        "register_form": _registration_form(event, request.user, state),
        "other_dates": other_dates,
        "schema": _schema(event, where, counts, [lang.code for lang in languages], image_url),
        "map": map_settings(),
        "map_points": [],
        "ics_url": reverse("agenda:event_ics", kwargs={"pk": event.pk}),
        "is_past": event.end <= now,
        # A guest just registered: the section says what comes next instead of an empty form.
        "sent": request.GET.get("sent") == "1" and mine is None,
    }
    if where.get("point"):
        lat, lon = where["point"]
        label = where.get("name") or where.get("municipality") or event.title
        context["map_points"] = [{"name": label, "lat": lat, "lon": lon, "url": ""}]
    return render(request, "agenda/event.html", context)


def site_search(text, limit):
    """The events still to come that match the site search's words (portal.registry): the
    query, run with the other domains', then the events found (and their venues' names, one
    more statement when a space hosts one)."""
    query = search.SearchQuery(document=EVENTS, q=text, page_size=limit).narrowed(
        {"end": (timezone.now(), None)}
    )

    def found(ids, total):
        by_id = {e.pk: e for e in Event.objects.filter(pk__in=ids).select_related("format", "municipality")}
        events = [by_id[pk] for pk in ids if pk in by_id]
        items = [
            (
                e.title,
                e.get_absolute_url(),
                " · ".join(filter(None, [dates.weekday_date(e.local_start), e.place_name])),
            )
            for e in prepare(events, with_seats=False)
        ]
        return registry.Found(
            _("Events"), total, items, f"{reverse('agenda:index')}?{urlencode({'q': text})}"
        )

    return registry.SiteQuery(query, found)
