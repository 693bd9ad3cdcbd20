"""iCalendar (RFC 5545) files for bookings, built with the icalendar library."""

import datetime

from django.utils import timezone

from portal.utils import canonical_url, site_host


def booking_ics(booking, method="PUBLISH", cancel_link=""):
    # Imported here: the library is only needed when a file is made (worker memory).
    from icalendar import Calendar, Event

    resource, space = booking.resource, booking.resource.space
    cal = Calendar()
    cal.add("prodid", "-//Coop portal//coworking//EN")
    cal.add("version", "2.0")
    cal.add("method", method)
    event = Event()
    event.add("uid", f"booking-{booking.pk}@{site_host()}")
    event.add("dtstamp", timezone.now())
    # In UTC: a time in Europe/Brussels would be written with a TZID that the file does not
    # define (RFC 5545 requires a VTIMEZONE for it), and a booking just made (its times in
    # Brussels) and the same booking read back (in UTC) would give two different files.
    event.add("dtstart", booking.start.astimezone(datetime.UTC))
    event.add("dtend", booking.end.astimezone(datetime.UTC))
    # Cancelling raises the sequence: calendars replace the booking instead of adding one.
    event.add("sequence", 1 if method == "CANCEL" else 0)
    event.add("status", "CANCELLED" if method == "CANCEL" else "CONFIRMED")
    event.add("summary", f"{resource.name} – {space.name}")
    event.add(
        "location", f"{space.name}, {space.street_address}, {space.postal_code} {space.municipality.name}"
    )
    event.add("geo", space.point)
    event.add("url", canonical_url(space.get_absolute_url()))
    if cancel_link:
        event.add("description", cancel_link)
    cal.add_component(event)
    return cal.to_ical()
