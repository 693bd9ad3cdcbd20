"""What the calls app holds about a member, for their data export."""

from calls.models import Interest, SavedSearch


def collect(user):
    return {
        "alerts": [
            {
                "name": alert.name,
                "keywords": alert.keywords,
                "sectors": [s.slug for s in alert.sectors.all()],
                "regions": [r.refnis for r in alert.regions.all()],
                "kinds": alert.kind_list(),
                "levels": alert.level_list(),
                "frequency": alert.frequency,
                "active": alert.active,
                "created_at": alert.created_at.isoformat(),
            }
            for alert in SavedSearch.objects.filter(user=user).prefetch_related("sectors", "regions")
        ],
        "interests": [
            {
                "call": str(interest.call),
                "follows": interest.follows,
                "looking_for_partners": interest.seeks_partners,
                "note": interest.note,
                "since": interest.created_at.isoformat(),
            }
            for interest in Interest.objects.filter(user=user).select_related("call")
        ],
    }
