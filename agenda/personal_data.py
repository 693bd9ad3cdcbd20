"""What the agenda holds about a member, for their data export (portal.registry)."""

from agenda.models import Registration


def collect(user):
    registrations = Registration.objects.filter(user=user).select_related("event").order_by("event__start")
    return {
        "registrations": [
            {
                "event": r.event.title,
                "start": r.event.start,
                "status": r.status,
                "companions": r.companions,
                "registered_at": r.created_at,
                "cancelled_at": r.cancelled_at,
                "checked_in_at": r.checked_in_at,
            }
            for r in registrations
        ]
    }
