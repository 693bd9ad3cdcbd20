"""Events on other pages (the home page, a space's page, the member's account) and the small
formats the event templates share."""

import time

from django import template
from django.utils import timezone
from django.utils.translation import get_language

from portal.cache import content_stamp

register = template.Library()

HOME_LIMIT = 4
VENUE_LIMIT = 6
ACCOUNT_LIMIT = 20
# The home page's next events, per worker: {(content stamp, language, limit, time slot): events}.
NEXT_EVENTS_SECONDS = 300
_next_events = {}


@register.filter
def status_label(event):
    """ "Cancelled", "Postponed", "Moved online" as a badge says it."""
    return event.get_status_display()


@register.simple_tag
def upcoming_events(limit=HOME_LIMIT):
    """The next published events that still take place (not cancelled), soonest first.

    The home page shows them to everyone: each worker keeps them until the content stamp
    changes (an event saved, a registration made) or for a few minutes (an event that ends leaves
    the list), so the page asks the database nothing for them most of the time; otherwise one
    query, and one more for the spaces' names when some are held in a space."""
    key = (content_stamp.value(), get_language(), int(limit), int(time.time() // NEXT_EVENTS_SECONDS))
    events = _next_events.get(key)
    if events is None:
        events = _upcoming(limit)
        if len(_next_events) > 32:
            _next_events.clear()
        _next_events[key] = events
    return events


def _upcoming(limit):
    from agenda.models import Event
    from agenda.views import prepare

    events = (
        Event.objects.public()
        .upcoming()
        .exclude(status=Event.Status.CANCELLED)
        .select_related("format", "municipality")
        .order_by("start", "pk")[: int(limit)]
    )
    return prepare(events, with_seats=False)


@register.simple_tag
def events_at_space(space_id, limit=VENUE_LIMIT):
    """The upcoming published events held in this space (cancelled ones included: people who
    saw them announced should see they are off), soonest first, in one query."""
    from agenda.models import Event, Venue
    from agenda.views import prepare

    if not space_id:
        return []
    events = list(
        Event.objects.public()
        .upcoming()
        .filter(venue=Venue.SPACE, space_id=space_id)
        .select_related("format", "municipality")
        .order_by("start", "pk")[: int(limit)]
    )
    for event in events:
        event.venue_name = ""  # the page is the space's: its name and place are above
    events = prepare(events, with_seats=False)
    for event in events:
        event.place_name = ""
    return events


@register.simple_tag
def my_registrations(user, limit=ACCOUNT_LIMIT):
    """The member's registrations for events still to come (not cancelled ones), soonest first,
    each with its management token."""
    from agenda import registration as registrations
    from agenda.models import Registration

    if not getattr(user, "is_authenticated", False):
        return []
    found = list(
        Registration.objects.filter(user=user, event__published=True, event__end__gte=timezone.now())
        .exclude(status=Registration.Status.CANCELLED)
        .select_related("event")
        .order_by("event__start", "pk")[: int(limit)]
    )
    for registration in found:
        registration.token = registrations.token(registration)
    return found
