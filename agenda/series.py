"""A series' events: created, moved or cancelled to follow its rule, leaving alone the dates
an editor changed on their own (detached), cancelled dates, and what has already begun.

Each date's event gets a UID derived from the series and the date of the rule it stands for
(RFC 5545's RECURRENCE-ID, without a column for it): a date an editor moved to another day is
still recognised as that occurrence, and is not created a second time."""

import uuid

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from agenda.models import Event, Series
from agenda.recurrence import MAX_OCCURRENCES, occurrences

SHARED = [
    "title",
    "description",
    "format_id",
    "venue",
    "space_id",
    "street_address",
    "postal_code",
    "municipality_id",
    "online_url",
    "capacity",
    "max_companions",
    "price",
    "ticket_url",
    "organiser",
    "accessibility",
]
# Changes the registrants are told of (with the updated calendar entry); the time too.
PLACE = {"venue", "space_id", "street_address", "postal_code", "municipality_id", "online_url"}
NAMESPACE = uuid.UUID("5b0c1d2e-8f0a-4c55-9d55-7a3e2f6c9b10")


def _translated(names):
    out = []
    for name in names:
        out.append(name)
        if name in ("title", "description", "organiser"):
            out += [f"{name}_{code}" for code, _label in settings.LANGUAGES]
    return out


def occurrence_uid(series, day):
    """The UID of the series' date `day` (a date of its rule, in Brussels)."""
    return uuid.uuid5(NAMESPACE, f"agenda-series-{series.pk}-{day.isoformat()}")


def _ids(manager):
    return {obj.pk for obj in manager.all()}


@transaction.atomic
@timezone.override(settings.TIME_ZONE)  # "today" and each date's day in Brussels, whoever saves
def materialize(series: Series, today=None, now=None):
    """Bring the series' events in line with its rule from today on. Returns (created, updated,
    cancelled). Events that have begun, detached events and cancelled ones are never touched;
    running it again changes nothing."""
    from agenda.registration import _lock, cancel_event, event_changed, promote

    now = now or timezone.now()
    today = today or timezone.localdate(now)
    found = occurrences(series, start=today)
    # When the list was cut at its maximum, dates after its last one are left as they are.
    covered_until = found[-1][0].date() if len(found) >= MAX_OCCURRENCES else None
    wanted = {start.date(): (start, end) for start, end in found if start > now}
    fields = _translated(SHARED)
    languages, sectors, managers = _ids(series.languages), _ids(series.sectors), _ids(series.managers)

    events = list(series.events.prefetch_related("languages", "sectors", "managers"))
    by_uid = {e.uid: e for e in events}
    matched, unmatched_days = {}, []
    for day in sorted(wanted):
        event = by_uid.pop(occurrence_uid(series, day), None)
        if event is None:
            unmatched_days.append(day)
        else:
            matched[day] = event
    # Events made before their UID followed the date: matched by their day.
    by_day = {}
    for event in by_uid.values():
        by_day.setdefault(timezone.localtime(event.start).date(), []).append(event)
    for day in unmatched_days:
        same_day = by_day.get(day)
        if same_day:
            matched[day] = same_day.pop(0)
            by_uid.pop(matched[day].uid)

    created = updated = cancelled = 0
    taken_uids = set(
        Event.objects.filter(uid__in=[occurrence_uid(series, d) for d in wanted]).values_list(
            "uid", flat=True
        )
    )
    for day, (start, end) in sorted(wanted.items()):
        event = matched.get(day)
        if event is None:
            event_uid = occurrence_uid(series, day)
            event = Event(series=series, start=start, end=end)
            if event_uid not in taken_uids:
                event.uid = event_uid
            for name in fields:
                setattr(event, name, getattr(series, name))
            event.save()
            event.languages.set(languages)
            event.sectors.set(sectors)
            event.managers.set(managers)
            created += 1
            continue
        if event.cancelled_by_series and event.status == Event.Status.CANCELLED and event.start > now:
            # The rule gives this date again: it takes place after all, and its people are told.
            event.status, event.cancelled_by_series = Event.Status.SCHEDULED, False
            event.sequence += 1
            event.save()
            event_changed(event)
            promote(_lock(event), now)
            updated += 1
        if event.detached or event.status == Event.Status.CANCELLED or event.start <= now:
            continue
        changed = [n for n in fields if getattr(event, n) != getattr(series, n)]
        moved = (event.start, event.end) != (start, end)
        more_seats = "capacity" in changed and (
            series.capacity is None or (event.capacity is not None and series.capacity > event.capacity)
        )
        for name in changed:
            setattr(event, name, getattr(series, name))
        if moved:
            event.start, event.end = start, end
        if changed or moved:
            event.sequence += 1
            event.save()
            updated += 1
            if moved or PLACE & set(changed):
                event_changed(event)
            if more_seats:
                promote(_lock(event), now)
        if _ids(event.languages) != languages:
            event.languages.set(languages)
        if _ids(event.sectors) != sectors:
            event.sectors.set(sectors)
        if _ids(event.managers) != managers:
            event.managers.set(managers)
    # Dates the rule no longer has (an exception added, the rule or its last date changed).
    for event in by_uid.values():
        if event.detached or event.status == Event.Status.CANCELLED or event.start <= now:
            continue
        if timezone.localtime(event.start).date() < today:
            continue
        if covered_until and timezone.localtime(event.start).date() > covered_until:
            continue
        cancel_event(event)
        # Remembered: the date comes back if the rule gives it again (an exception removed).
        Event.objects.filter(pk=event.pk).update(cancelled_by_series=True)
        cancelled += 1
    return created, updated, cancelled
