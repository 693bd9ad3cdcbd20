"""What coworking holds about a member, for their data export (portal.registry)."""

from coworking.models import Booking, MemberBase


def collect(user):
    base = MemberBase.objects.filter(user=user).select_related("space").first()
    return {
        "base_space": base.space.slug if base else None,
        "bookings": [
            {
                "space": b.resource.space.slug,
                "room_or_desk": b.resource.name,
                "start": b.start,
                "end": b.end,
                "status": b.status,
                "booked_at": b.created_at,
                "cancelled_at": b.cancelled_at,
                "cancel_reason": b.cancel_reason,
            }
            for b in Booking.objects.filter(member=user).select_related("resource__space").order_by("start")
        ],
    }
