"""iCalendar files of events (RFC 5545) with the icalendar library: stable UIDs, SEQUENCE and
LAST-MODIFIED so that calendar apps take updates, STATUS:CANCELLED for cancelled dates, the
event page's URL, where it happens, and a VTIMEZONE for Europe/Brussels."""

import datetime
from email.utils import parseaddr
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from agenda.models import Event as EventModel
from portal import registry
from portal.places.models import Municipality
from portal.utils import canonical_url, site_host


def uid(event):
    """The entry's UID: the event's own UUID, kept across every edit."""
    return f"event-{event.uid}@{site_host()}"


def venues_of(events):
    """{space id: registry Venue} of the events held at a coworking space (one look-up)."""
    return registry.venues({e.space_id for e in events if e.venue == "space" and e.space_id})


def with_municipalities(events):
    """The events' municipalities read in one query (a feed of many events: not one each)."""
    descriptor = EventModel.municipality
    missing = {e.municipality_id for e in events if e.municipality_id and not descriptor.is_cached(e)}
    if missing:
        found = Municipality.objects.in_bulk(missing)
        for event in events:
            if event.municipality_id in found and not descriptor.is_cached(event):
                event.municipality = found[event.municipality_id]
    return events


def place(event, venue=None, online_link=False):
    """Where the event happens, as lines for people: [name, street, postcode and town] (the
    venue from portal.registry for a space), or "Online" (with the link when `online_link`:
    the link is for registered people only)."""
    if event.venue == "online" or event.status == event.Status.MOVED_ONLINE:
        return [_("Online")] + ([event.online_url] if online_link and event.online_url else [])
    municipality = event.municipality.name if event.municipality_id else ""
    if event.venue == "space" and venue is not None:
        street, postal_code, name = venue.street_address, venue.postal_code, venue.name
    else:
        street, postal_code, name = event.street_address, event.postal_code, ""
    locality = " ".join(p for p in (postal_code, municipality) if p)
    return [line for line in (name, street, locality) if line]


def event_calendar(events, method="PUBLISH", cancelled=False, name="", online_link=False, sequence_offset=0):
    """An iCalendar file of these events. `cancelled`: the file takes the events out of the
    person's calendar (their registration was cancelled): STATUS:CANCELLED and a SEQUENCE
    above the event's. A cancelled event is STATUS:CANCELLED in every file. `sequence_offset`:
    added to a person's own files (agenda.registration.notify), so that registering again after
    a cancellation gives a SEQUENCE above the cancellation's, which calendars then accept."""
    # Imported here: the library is only needed when a file is made (worker memory).
    from icalendar import Calendar, Event, Timezone, vCalAddress

    tz = ZoneInfo(settings.TIME_ZONE)
    cal = Calendar()
    cal.add("prodid", "-//Coop portal//events//EN")
    cal.add("version", "2.0")
    cal.add("method", method)
    if name:
        cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", settings.TIME_ZONE)
    events = list(events)
    if events:
        # The time zone's changes over the years of the events only (not since 1970).
        first = min(e.start for e in events).astimezone(tz).date()
        last = max(e.end for e in events).astimezone(tz).date()
        cal.add_component(
            Timezone.from_tzinfo(
                tz,
                tzid=settings.TIME_ZONE,
                first_date=datetime.date(first.year, 1, 1),
                last_date=datetime.date(last.year + 1, 1, 1),
            )
        )
    venues = venues_of(with_municipalities(events))
    now = timezone.now()
    organiser_name, organiser_email = parseaddr(settings.DEFAULT_FROM_EMAIL)
    for event in events:
        off = event.status == event.Status.CANCELLED
        entry = Event()
        entry.add("uid", uid(event))
        entry.add("dtstamp", now)
        entry.add("last-modified", event.updated_at or now)
        # A person's own cancellation raises the sequence: the calendar replaces the entry.
        entry.add("sequence", event.sequence + sequence_offset + (1 if cancelled and not off else 0))
        entry.add("dtstart", event.start.astimezone(tz))
        entry.add("dtend", event.end.astimezone(tz))
        entry.add("summary", event.title)
        if off or cancelled:
            entry.add("status", "CANCELLED")
        else:
            # Postponed: the date shown is not the one it will take place on.
            entry.add("status", "TENTATIVE" if event.status == event.Status.POSTPONED else "CONFIRMED")
        entry.add("url", canonical_url(event.get_absolute_url()))
        venue = venues.get(event.space_id) if event.venue == "space" else None
        lines = place(event, venue, online_link=online_link)
        if lines:
            entry.add("location", ", ".join(lines))
        if venue is not None and venue.point:
            entry.add("geo", venue.point)
        if event.description:
            entry.add("description", event.description)
        if organiser_email:
            organiser = vCalAddress(f"mailto:{organiser_email}")
            organiser.params["cn"] = event.organiser or organiser_name or site_host()
            entry.add("organizer", organiser)
        cal.add_component(entry)
    return cal.to_ical()
