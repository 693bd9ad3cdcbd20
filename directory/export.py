"""Everything the portal holds about a member, for the member to download."""

from directory.models import MemberProfile
from portal import registry


def export_profile(user):
    profile = (
        MemberProfile.objects.filter(user=user)
        .select_related("profession", "municipality")
        .prefetch_related("sectors", "languages")
        .first()
    )
    data = {
        "account": {
            "email": user.email,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "preferred_language": user.preferred_language,
            "date_joined": user.date_joined,
            "last_login": user.last_login,
        },
        "charter_acceptances": [
            {"version": a.version, "accepted_at": a.accepted_at, "language": a.language}
            for a in user.charter_acceptances.all()
        ],
        "directory_profile": None,
    }
    if profile:
        data["directory_profile"] = {
            "display_name": profile.display_name,
            "profession": profile.profession.slug if profile.profession else None,
            "title": profile.title,
            "sectors": [s.slug for s in profile.sectors.all()],
            "municipality": profile.municipality.refnis,
            "postal_code": profile.postal_code,
            "languages": [lang.code for lang in profile.languages.all()],
            "experience": profile.experience,
            "mentor": profile.mentor,
            "bio": dict(profile.bios()),
            "skills": profile.skill_list(),
            "website": profile.website,
            "portfolio": profile.portfolio,
            "photo": profile.photo.name if profile.photo else None,
            "visibility": {
                "listed": profile.listed,
                "paused": profile.paused,
                "show_photo": profile.show_photo,
                "show_website": profile.show_website,
                "show_postal_code": profile.show_postal_code,
            },
            "status": profile.status,
            "moderation_reason": profile.moderation_reason,
            "created_at": profile.created_at,
            "updated_at": profile.updated_at,
            "reports_received": profile.reports.count(),
        }
    # What the other apps hold (bookings, …), through the core: the directory knows none of them.
    data.update(registry.personal_data(user))
    return data
