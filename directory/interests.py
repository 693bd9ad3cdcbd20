"""A member's sectors and region, from their own directory profile (portal.registry's
member_interests): other apps suggest from it without knowing the directory."""

from directory.models import MemberProfile


def member_interests(user):
    profile = (
        MemberProfile.objects.filter(user=user)
        .select_related("municipality__region")
        .prefetch_related("sectors")
        .first()
    )
    if profile is None:
        return {"sectors": [], "region": ""}
    region = profile.municipality.region.refnis if profile.municipality_id else ""
    return {"sectors": [sector.pk for sector in profile.sectors.all()], "region": region}
