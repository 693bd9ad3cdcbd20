"""Booking rules, in one place: the pages, the API and the tests go through `book()`.

Two members never hold the same resource at the same time. Every attempt first writes the
resource's row (`lock_version`): PostgreSQL then locks that row and SQLite its database until
the transaction ends, so the check for an overlap and the insert happen as one step. On
PostgreSQL an exclusion constraint over the time range (migration 0002) guarantees it even
for writes that bypass this function.
"""

import datetime
import logging
import math

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from coworking import hours, ics
from coworking.models import Booking, Closure, Resource
from portal.dates import weekday_date
from portal.mail import render_mail
from portal.utils import canonical_url

logger = logging.getLogger(__name__)
CANCEL_SALT = "coworking.booking.cancel"
# How far ahead members may book.
BOOKING_HORIZON_DAYS = 90


class BookingRefused(Exception):
    def __init__(self, message, code):
        super().__init__(str(message))
        self.message, self.code = message, code


def day_span(resource, day):
    """A whole day's booking of a desk: from the day's first opening to its last closing, or
    None when the space is closed that day."""
    intervals = resource.space.schedule().day_intervals(day)
    if not intervals:
        return None
    return intervals[0][0], intervals[-1][1]


def _week_bounds(moment):
    local = hours.aware(moment)
    monday = local.date() - datetime.timedelta(days=local.weekday())
    start = datetime.datetime.combine(monday, datetime.time.min, tzinfo=hours.TZ)
    return start, start + datetime.timedelta(days=7)


def check(resource, member, start, end, now=None):
    """Raise BookingRefused when the rules forbid this booking (everything but the overlap
    with another member's booking, which `book` checks under the lock)."""
    now = now or timezone.now()
    space = resource.space
    if not resource.bookable or not space.published:
        raise BookingRefused(_("This room or desk cannot be booked online."), "not_bookable")
    if end <= start:
        raise BookingRefused(_("The end must come after the start."), "order")
    # A desk for the day can still be taken once the space has opened, until it closes.
    passed = end <= now if resource.unit == Resource.Unit.DAY else start < now
    if passed:
        raise BookingRefused(_("This time has already passed: please choose a time to come."), "past")
    if start > now + datetime.timedelta(days=BOOKING_HORIZON_DAYS):
        raise BookingRefused(
            _("Bookings open %(days)s days ahead: please choose an earlier day.")
            % {"days": BOOKING_HORIZON_DAYS},
            "too_far",
        )
    # Elapsed hours: subtracting two times of the same zone gives the difference on the clock,
    # an hour short or long on the nights the clocks change (Booking.hours counts in UTC).
    length = (end.astimezone(datetime.UTC) - start.astimezone(datetime.UTC)) / datetime.timedelta(hours=1)
    if resource.unit == Resource.Unit.DAY:
        span = day_span(resource, hours.aware(start).date())
        if span is None or (start, end) != span:
            raise BookingRefused(_("The space is closed at that time: please choose another day."), "closed")
    else:
        # Back-to-back bookings of the same member count as one: 08-12 and 12-16 is 8 hours.
        if _joined_length(resource, member, start, end) > resource.max_hours:
            raise BookingRefused(
                ngettext(
                    "This room can be booked for %(hours)s hour at a time.",
                    "This room can be booked for %(hours)s hours at a time.",
                    resource.max_hours,
                )
                % {"hours": resource.max_hours},
                "too_long",
            )
        if not space.schedule().is_open_throughout(start, end):
            raise BookingRefused(
                _("The space is closed at that time: please choose a time within its opening hours."),
                "closed",
            )
    if Closure.objects.filter(resource=resource, start__lt=end, end__gt=start).exists():
        raise BookingRefused(_("This room or desk is closed for maintenance at that time."), "maintenance")
    week_start, week_end = _week_bounds(start)
    booked = Booking.objects.confirmed().filter(
        member=member, resource__space=space, start__gte=week_start, start__lt=week_end
    )
    used = sum(b.hours for b in booked)
    if used + length > space.weekly_limit_hours:
        limit = ngettext(
            "You can book %(limit)s hour a week in this space.",
            "You can book %(limit)s hours a week in this space.",
            space.weekly_limit_hours,
        ) % {"limit": space.weekly_limit_hours}
        already = ngettext(
            "You already have %(used)s hour booked that week.",
            "You already have %(used)s hours booked that week.",
            math.ceil(used),
        ) % {"used": formats.number_format(round(used, 1), decimal_pos=None if used == int(used) else 1)}
        raise BookingRefused(f"{limit} {already}", "weekly_limit")


def _joined_length(resource, member, start, end):
    """Hours of this booking joined with the member's bookings of the resource that touch it."""
    chain = sorted(
        Booking.objects.confirmed()
        .filter(
            resource=resource,
            member=member,
            start__lte=end + datetime.timedelta(hours=24),
            end__gte=start - datetime.timedelta(hours=24),
        )
        .values_list("start", "end")
    )
    first, last = start, end
    changed = True
    while changed:
        changed = False
        for begin, finish in chain:
            if begin <= last and finish >= first and (begin < first or finish > last):
                first, last = min(first, begin), max(last, finish)
                changed = True
    return (last.astimezone(datetime.UTC) - first.astimezone(datetime.UTC)) / datetime.timedelta(hours=1)


def book(resource, member, start, end, language=None, now=None):
    """Book, or raise BookingRefused with a message for the member. Sends the confirmation."""
    start, end = hours.aware(start), hours.aware(end)
    check(resource, member, start, end, now=now)
    taken = BookingRefused(_("Someone has just booked this time: please choose another one."), "taken")
    try:
        with transaction.atomic():
            Resource.objects.filter(pk=resource.pk).update(lock_version=F("lock_version") + 1)
            # The member's row too: their bookings of two rooms at once cannot both pass the
            # weekly limit (on SQLite the write above already serialises every booking).
            list(get_user_model().objects.select_for_update().filter(pk=member.pk).values_list("pk"))
            if Booking.objects.confirmed().filter(resource=resource).overlapping(start, end).exists():
                raise taken
            # The weekly limit again, under the lock: two tabs cannot both use the last hours.
            check(resource, member, start, end, now=now)
            booking = Booking.objects.create(
                resource=resource,
                member=member,
                start=start,
                end=end,
                # The member's choice for the portal's e-mails first, then the page's language.
                language=member.preferred_language or language or settings.LANGUAGE_CODE,
            )
            send_confirmation(booking)
    except IntegrityError:
        # PostgreSQL's exclusion constraint: another transaction got there first.
        raise taken from None
    return booking


def cancel(booking, reason="", notify=True):
    """Cancel a booking (the member's own choice, or maintenance with a reason) and tell them."""
    now = timezone.now()
    # One statement that only a confirmed booking passes: a double click, or a member and a
    # manager at once, cancel (and e-mail) once.
    changed = Booking.objects.filter(pk=booking.pk, status=Booking.Status.CONFIRMED).update(
        status=Booking.Status.CANCELLED, cancelled_at=now, cancel_reason=reason[:200]
    )
    if not changed:
        booking.refresh_from_db()
        return False
    booking.status, booking.cancelled_at, booking.cancel_reason = Booking.Status.CANCELLED, now, reason[:200]
    if notify:
        send_cancellation(booking)
    return True


def block(closure):
    """A maintenance block was saved: cancel the confirmed bookings it covers and tell their
    members why. Returns how many were cancelled."""
    affected = (
        Booking.objects.confirmed()
        .filter(resource=closure.resource, end__gt=timezone.now())
        .overlapping(closure.start, closure.end)
    )
    count = 0
    for booking in affected.select_related("resource__space", "member"):
        count += cancel(booking, reason=closure.reason)
    return count


# Links and e-mails ----------------------------------------------------------------------


def cancel_token(booking):
    """Only the member it was sent to can use it: it names the booking and its member."""
    return signing.dumps({"b": booking.pk, "m": booking.member_id}, salt=CANCEL_SALT)


def booking_from_token(token):
    try:
        data = signing.loads(token, salt=CANCEL_SALT)
        return Booking.objects.select_related("resource__space", "member").get(
            pk=data["b"], member_id=data["m"]
        )
    except (signing.BadSignature, Booking.DoesNotExist, KeyError, TypeError):
        return None


def cancel_url(booking):
    with translation.override(booking.language):
        return canonical_url(reverse("coworking:cancel", kwargs={"token": cancel_token(booking)}))


def _mail(booking, template, ics_method):
    context = {
        "booking": booking,
        "resource": booking.resource,
        "space": booking.resource.space,
        "cancel_url": cancel_url(booking) if booking.status == Booking.Status.CONFIRMED else "",
    }
    with translation.override(booking.language):
        context["space_url"] = canonical_url(booking.resource.space.get_absolute_url())
        context["when"] = when(booking)
        subject, body = render_mail(template, context, booking.language)
        attachment = ics.booking_ics(booking, method=ics_method, cancel_link=context["cancel_url"])
    message = EmailMessage(subject, body, to=[booking.member.email])
    # Django adds the charset itself (a second one here gave "charset" twice in the header).
    message.attach("booking.ics", attachment, f"text/calendar; method={ics_method}")
    return message.send()


def send_confirmation(booking):
    return _mail(booking, "coworking/emails/booked", "PUBLISH")


def send_cancellation(booking):
    return _mail(booking, "coworking/emails/cancelled", "CANCEL")


def when(booking):
    """ "Friday 27 November 2026, 10:00–12:00" in the active language."""
    start, end = hours.aware(booking.start), hours.aware(booking.end)
    return f"{weekday_date(start, year=True)}, {hours.interval_label(start, end)}"
