"""Registering for an event, in one place: pages, API and tests go through these functions.

Capacity holds under concurrent registrations: each one first writes the event's row
(`lock_version`), which PostgreSQL locks and SQLite serialises until the transaction ends, so
counting the seats and taking one happen as one step. A full event puts people on its waitlist
in order of arrival; a seat that frees up goes to the first person waiting whose party fits (a
larger party keeps its place in the queue for the next seats).

Every e-mail is queued in the transaction of the change it tells of (portal.mail): it goes out
if and only if the change was saved.
"""

import datetime
import logging
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from agenda import ics
from agenda.models import Event, Registration, clock
from portal.mail import render_mail
from portal.utils import canonical_url, supported_language

logger = logging.getLogger(__name__)
TOKEN_SALT = "agenda.registration"
LIVE = (Registration.Status.PENDING, Registration.Status.CONFIRMED, Registration.Status.WAITLISTED)
# The e-mails that carry the event's .ics (a calendar entry to add, update or remove).
WITH_CALENDAR = {"confirmed", "promoted", "cancelled", "event_cancelled", "reminder", "changed"}


class RegistrationRefused(Exception):
    def __init__(self, message, code):
        super().__init__(str(message))
        self.message, self.code = message, code


def _lock(event):
    """Write the event's row (held until the transaction ends) and read it again: its
    capacity and status as they are now, not as the caller loaded them."""
    Event.objects.filter(pk=event.pk).update(lock_version=F("lock_version") + 1)
    return Event.objects.get(pk=event.pk)


def _fits(event, seats):
    return event.capacity is None or event.seats_taken() + seats <= event.capacity


def _closed(event, now):
    return not event.published or not event.registration_open(now)


def _check_party(event, companions):
    if companions < 0 or companions > event.max_companions:
        raise RegistrationRefused(
            ngettext(
                "You may bring %(count)s person at most.",
                "You may bring %(count)s people at most.",
                event.max_companions,
            )
            % {"count": event.max_companions},
            "companions",
        )
    if event.capacity is not None and companions + 1 > event.capacity:
        # Such a party could never get in: it would wait for ever.
        raise RegistrationRefused(
            ngettext(
                "This event has %(count)s place: please register fewer people.",
                "This event has %(count)s places: please register fewer people.",
                event.capacity,
            )
            % {"count": event.capacity},
            "too_many",
        )


def register(event, name, email, user=None, companions=0, language=None, now=None):
    """A member's registration (confirmed or waitlisted at once) or a guest's (pending until
    they confirm their address). Raises RegistrationRefused with a message for the person.

    The language of the e-mails: the member's choice for the portal's e-mails, else the page's."""
    now = now or timezone.now()
    name, email = (name or "").strip()[:150], (email or "").strip()
    try:
        companions = int(companions or 0)
    except (TypeError, ValueError):
        raise RegistrationRefused(
            _("Please give the number of people coming with you."), "companions"
        ) from None
    if _closed(event, now):
        raise RegistrationRefused(_("Registration for this event is closed."), "closed")
    _check_party(event, companions)
    language = supported_language((user.preferred_language if user else "") or language)
    already = RegistrationRefused(_("This address is already registered for this event."), "already")
    try:
        with transaction.atomic():
            event = _lock(event)
            # Again under the lock: the organiser may have closed or changed it meanwhile.
            if _closed(event, now):
                raise RegistrationRefused(_("Registration for this event is closed."), "closed")
            _check_party(event, companions)
            if event.registrations.filter(status__in=LIVE, email__iexact=email).exists():
                raise already
            registration = Registration(
                event=event,
                user=user,
                name=name,
                email=email,
                companions=companions,
                language=language,
                created_at=now,
                queued_at=now,
            )
            if user is None:
                registration.status = Registration.Status.PENDING
                registration.save()
                notify(registration, "confirm_address")
            else:
                _place(event, registration, now)
    except IntegrityError:
        # The one-live-registration constraint (the same address, differently written).
        raise already from None
    return registration


def live_registration(event, email):
    """The address's pending, confirmed or waitlisted registration for the event, if any."""
    return event.registrations.filter(status__in=LIVE, email__iexact=(email or "").strip()).first()


def _place(event, registration, now):
    """Confirmed when the party fits, else waitlisted. Free seats first go to the people who
    were waiting before this person (a guest's confirmation keeps the place they asked at)."""
    promote(event, now, before=registration.queued_at)
    if _fits(event, registration.seats):
        registration.status = Registration.Status.CONFIRMED
        registration.confirmed_at = now
        registration.save()
        notify(registration, "confirmed")
    else:
        registration.status = Registration.Status.WAITLISTED
        registration.save()
        notify(registration, "waitlisted")


def confirm_address(registration, now=None):
    """A guest confirmed their address (a button of the page their e-mail links to): placed in
    the order they asked. Raises RegistrationRefused when the event no longer takes people."""
    now = now or timezone.now()
    if registration.status != Registration.Status.PENDING:
        return registration
    with transaction.atomic():
        event = _lock(registration.event)
        registration.refresh_from_db()
        registration.event = event
        if registration.status == Registration.Status.PENDING:
            # Asked in time: the deadline does not count against them, the event's end does.
            if not event.published or event.status in (Event.Status.CANCELLED, Event.Status.POSTPONED):
                raise RegistrationRefused(_("Registration for this event is closed."), "closed")
            if event.start <= now:
                raise RegistrationRefused(_("This event has already started."), "started")
            _place(event, registration, now)
    return registration


def waitlist_position(registration):
    """1 for the first person waiting; None when not on the waitlist."""
    if registration.status != Registration.Status.WAITLISTED:
        return None
    ahead = Registration.objects.filter(
        event_id=registration.event_id, status=Registration.Status.WAITLISTED
    ).filter(
        Q(queued_at__lt=registration.queued_at) | Q(queued_at=registration.queued_at, pk__lt=registration.pk)
    )
    return ahead.count() + 1


def cancel(registration, now=None):
    """The person cancels (or leaves the waitlist); a freed seat goes to whoever waits first.
    Returns False when it was cancelled already (a double click e-mails once)."""
    now = now or timezone.now()
    with transaction.atomic():
        event = _lock(registration.event)
        before = Registration.objects.filter(pk=registration.pk).values_list("status", flat=True).first()
        changed = (
            Registration.objects.filter(pk=registration.pk)
            .exclude(status=Registration.Status.CANCELLED)
            .update(status=Registration.Status.CANCELLED, cancelled_at=now)
        )
        registration.refresh_from_db()
        registration.event = event
        if not changed:
            return False
        # The calendar entry only for those who had one.
        notify(registration, "cancelled", calendar=before == Registration.Status.CONFIRMED)
        promote(event, now)
        _changed_later(event)
    return True


def promote(event, now=None, before=None):
    """Give free seats to the waitlist, in order of arrival: each goes to the first person
    waiting whose party fits (call under the event's lock). `before`: only those who asked
    before that moment. Nobody is promoted for a cancelled, postponed or started event."""
    now = now or timezone.now()
    if event.status in (Event.Status.CANCELLED, Event.Status.POSTPONED) or event.start <= now:
        return []
    waiting = event.registrations.filter(status=Registration.Status.WAITLISTED)
    if before is not None:
        waiting = waiting.filter(queued_at__lt=before)
    if event.capacity is None:
        free = None
    else:
        free = event.capacity - event.seats_taken()
        if free <= 0:
            return []
    promoted = []
    for candidate in waiting.order_by("queued_at", "pk"):
        if free is not None and candidate.seats > free:
            continue  # too large a party for the seats free: it keeps its place for the next ones
        candidate.status = Registration.Status.CONFIRMED
        candidate.confirmed_at = now
        candidate.save(update_fields=["status", "confirmed_at"])
        candidate.event = event
        notify(candidate, "promoted")
        promoted.append(candidate)
        if free is not None:
            free -= candidate.seats
            if free <= 0:
                break
    return promoted


def cancel_event(event):
    """The organiser cancels a date: its registrants are told, calendars get STATUS:CANCELLED.
    Returns how many people were told (0 when it was cancelled already)."""
    with transaction.atomic():
        changed = (
            Event.objects.filter(pk=event.pk)
            .exclude(status=Event.Status.CANCELLED)
            .update(
                status=Event.Status.CANCELLED,
                sequence=F("sequence") + 1,
                lock_version=F("lock_version") + 1,
                updated_at=timezone.now(),
            )
        )
        event.refresh_from_db()
        if not changed:
            return 0
        _changed_later(event)
        told = 0
        for registration in event.registrations.filter(status__in=LIVE):
            registration.event = event
            notify(
                registration,
                "event_cancelled",
                calendar=registration.status == Registration.Status.CONFIRMED,
            )
            told += 1
    return told


def _changed_later(event):
    """Writes made with update() send no post_save: the kept lists and the search document
    (status, places left) follow once the transaction commits."""
    from agenda.documents import EVENTS
    from portal import search
    from portal.cache import content_stamp

    content_stamp.bump_on_commit()
    transaction.on_commit(lambda: search.update(EVENTS, [event.pk]))


def event_changed(event):
    """The date, time, place or status of an event changed (its sequence already raised): its
    registrants are told, the confirmed ones with the updated calendar entry."""
    # A reminder sent before the day before the (new) date is sent again then; one for this
    # very date (a room changed on the day) is not.
    day_before = timezone.localtime(event.start, ZoneInfo(settings.TIME_ZONE)).date() - datetime.timedelta(
        days=1
    )
    event.registrations.filter(reminded_at__lt=clock(day_before, datetime.time.min)).update(reminded_at=None)
    told = 0
    for registration in event.registrations.filter(status__in=LIVE).exclude(
        status=Registration.Status.PENDING
    ):
        registration.event = event
        notify(registration, "changed", calendar=registration.status == Registration.Status.CONFIRMED)
        told += 1
    return told


# Links and e-mails ----------------------------------------------------------------------


def _address_key(email):
    # A keyed hash, not the address: links end up in logs and forwarded mail.
    return salted_hmac(TOKEN_SALT, email.lower()).hexdigest()[:20]


def token(registration):
    """Names the registration and (hashed) its address: only its owner has it."""
    return signing.dumps({"r": registration.pk, "k": _address_key(registration.email)}, salt=TOKEN_SALT)


def from_token(value):
    try:
        data = signing.loads(value, salt=TOKEN_SALT)
        registration = Registration.objects.select_related("event").get(pk=int(data["r"]))
    except (signing.BadSignature, Registration.DoesNotExist, KeyError, TypeError, ValueError, OverflowError):
        return None
    if not constant_time_compare(str(data.get("k", "")), _address_key(registration.email)):
        return None
    return registration


def manage_url(registration):
    with translation.override(registration.language):
        return canonical_url(reverse("agenda:registration", kwargs={"token": token(registration)}))


def notify(registration, kind, calendar=None):
    """The e-mail of this step, in the registrant's language, with the event's .ics for the
    steps that add, change or remove a calendar entry (`calendar` overrides)."""
    event = registration.event
    if calendar is None:
        calendar = kind in WITH_CALENDAR
    attending = registration.status == Registration.Status.CONFIRMED and kind != "cancelled"
    venue = ics.venues_of([event]).get(event.space_id) if event.venue == "space" else None
    # Each earlier cancellation of this address sent a SEQUENCE one above the event's: the
    # files of a new registration come after it (two steps per cancellation, with its own +1).
    earlier = (
        Registration.objects.filter(
            event_id=event.pk, email__iexact=registration.email, status=Registration.Status.CANCELLED
        )
        .exclude(pk=registration.pk)
        .count()
    )
    # Times in Brussels whoever triggers the e-mail (Wagtail runs admin views in the editor's zone).
    with translation.override(registration.language), timezone.override(settings.TIME_ZONE):
        context = {
            "registration": registration,
            "event": event,
            "venue": venue,
            # The online link is for the people who have a place.
            "place": ics.place(event, venue, online_link=attending),
            "position": waitlist_position(registration),
            "manage_url": manage_url(registration),
            "event_url": canonical_url(event_path(event)),
            "calendar": calendar,
        }
        subject, body = render_mail(f"agenda/emails/{kind}", context, registration.language)
        message = EmailMessage(subject, body, to=[registration.email])
        if calendar:
            cancelled = kind == "cancelled" or event.status == Event.Status.CANCELLED
            method = "CANCEL" if cancelled else "PUBLISH"
            message.attach(
                "event.ics",
                ics.event_calendar(
                    [event],
                    method=method,
                    cancelled=cancelled,
                    online_link=attending,
                    sequence_offset=2 * earlier,
                ),
                f"text/calendar; method={method}",
            )
    return message.send()


def organiser_message(registration, subject, body):
    """An organiser's message to one registrant: their text as written, then, in the
    registrant's language, which event it is about and their own registration's link."""
    event = registration.event
    with translation.override(registration.language), timezone.override(settings.TIME_ZONE):
        footer = render_to_string(
            "agenda/emails/organiser_message_footer.txt",
            {
                "event": event,
                "event_url": canonical_url(event_path(event)),
                "manage_url": manage_url(registration),
            },
        )
    return EmailMessage(subject, f"{body.rstrip()}\n{footer}", to=[registration.email])


def event_path(event):
    return event.get_absolute_url()
