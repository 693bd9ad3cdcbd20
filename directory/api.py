"""GET /api/v1/members/ and /api/v1/members/<id>/: the directory for partners and apps."""

from django.http import Http404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from directory.documents import MEMBERS
from directory.models import MemberProfile
from portal.search.api import LANG_PARAMETER, DocumentListAPI, LanguageMixin, list_schema
from portal.utils import canonical_url


class SectorSerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()


class PlaceSerializer(serializers.Serializer):
    municipality = serializers.CharField(help_text="REFNIS code")
    name = serializers.CharField()
    postcode = serializers.CharField(allow_blank=True)
    province = serializers.CharField(allow_null=True, help_text="REFNIS code")
    province_name = serializers.CharField(allow_null=True)
    region = serializers.CharField(help_text="REFNIS code")
    region_name = serializers.CharField()
    lat = serializers.FloatField()
    lon = serializers.FloatField()


class MemberSerializer(serializers.Serializer):
    """A public profile. Never an e-mail address: contact goes through the profile page."""

    id = serializers.IntegerField()
    url = serializers.CharField()
    name = serializers.CharField()
    profession = serializers.DictField(allow_null=True)
    title = serializers.CharField()
    sectors = SectorSerializer(many=True)
    place = PlaceSerializer()
    languages = serializers.ListField(child=serializers.DictField())
    experience = serializers.DictField()
    website = serializers.CharField(allow_blank=True)
    portfolio = serializers.CharField(allow_blank=True)
    mentor = serializers.BooleanField()
    in_good_standing = serializers.BooleanField()
    bio = serializers.DictField(child=serializers.CharField())
    skills = serializers.ListField(child=serializers.CharField())
    updated = serializers.DateTimeField()
    distance_km = serializers.FloatField(required=False, allow_null=True)

    def kept_until(self, profile, now):
        # Nothing a profile shows follows the clock: kept while its indexed version is the same.
        return None

    def to_representation(self, profile):
        request = self.context.get("request")
        place = profile.municipality
        show_site = profile.show_website
        distances = self.context.get("distances", {})
        return {
            "id": profile.pk,
            "url": canonical_url(profile.get_absolute_url()) if request else profile.get_absolute_url(),
            "name": profile.display_name,
            "profession": {"slug": profile.profession.slug, "name": profile.profession_title}
            if profile.profession
            else None,
            "title": profile.title,
            "sectors": [{"slug": s.slug, "name": s.name} for s in profile.sectors.all()],
            "place": {
                "municipality": place.refnis,
                "name": place.name,
                "postcode": profile.postal_code if profile.show_postal_code else "",
                "province": place.province.refnis if place.province_id else None,
                "province_name": place.province.name if place.province_id else None,
                "region": place.region.refnis,
                "region_name": place.region.name,
                "lat": place.latitude,
                "lon": place.longitude,
            },
            "languages": [{"code": lang.code, "name": lang.name} for lang in profile.languages.all()],
            "experience": {"value": profile.experience, "label": str(profile.get_experience_display())},
            "website": profile.website if show_site else "",
            "portfolio": profile.portfolio if show_site else "",
            "mentor": profile.mentor,
            "in_good_standing": profile.in_good_standing,
            "bio": dict(profile.bios()),
            "skills": profile.skill_list(),
            "updated": profile.updated_at.isoformat(),
            "distance_km": distances.get(profile.pk),
        }


class MemberListAPI(DocumentListAPI):
    """Members as found by the directory's search: parameters and facets from its document."""

    document = MEMBERS
    serializer_class = MemberSerializer

    @list_schema(MEMBERS, MemberSerializer)
    def get(self, request):
        return super().get(request)


class MemberDetailAPI(LanguageMixin, APIView):
    @extend_schema(
        operation_id="members_detail",
        parameters=[LANG_PARAMETER],
        responses={200: MemberSerializer, 404: OpenApiTypes.OBJECT},
    )
    def get(self, request, pk):
        profile = (
            MemberProfile.objects.public()
            .select_related("profession", "municipality__province", "municipality__region")
            .prefetch_related("sectors", "languages")
            .filter(pk=pk)
            .first()
        )
        if profile is None:
            raise Http404
        return Response(MemberSerializer(profile, context={"request": request}).data)
