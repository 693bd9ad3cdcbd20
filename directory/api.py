"""GET /api/v1/members/ and /api/v1/members/<id>/: the directory for partners and apps."""

from django.conf import settings
from django.http import Http404
from django.utils import translation
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from directory.forms import MemberSearchForm
from directory.models import MemberProfile
from directory.search import FACETS, SearchUnavailable, search_members


class LanguageMixin:
    """Labels follow ?lang=, else Accept-Language."""

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        lang = request.query_params.get("lang", "")
        if lang in dict(settings.LANGUAGES):
            translation.activate(lang)
            request.LANGUAGE_CODE = lang


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

    def to_representation(self, profile):
        request = self.context.get("request")
        place = profile.municipality
        show_site = profile.show_website
        distances = self.context.get("distances", {})
        return {
            "id": profile.pk,
            "url": request.build_absolute_uri(profile.get_absolute_url())
            if request
            else profile.get_absolute_url(),
            "name": profile.display_name,
            "profession": {"slug": profile.profession.slug, "name": profile.profession.name}
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


FacetOptionSchema = inline_serializer(
    "FacetOption",
    {"value": serializers.CharField(), "label": serializers.CharField(), "count": serializers.IntegerField()},
)
PARAMETERS = [
    OpenApiParameter(
        "q", str, description="Free text: name, profession, skills, bio, sector and place names"
    ),
    OpenApiParameter("sector", str, many=True, description="Sector slug (repeat or comma-separate)"),
    OpenApiParameter("profession", str, many=True, description="Profession slug"),
    OpenApiParameter("region", str, description="Region REFNIS code (02000, 03000, 04000)"),
    OpenApiParameter("province", str, description="Province REFNIS code"),
    OpenApiParameter("municipality", str, description="Municipality REFNIS code"),
    OpenApiParameter("postcode", str, description="Four-digit postcode"),
    OpenApiParameter("near", str, description="REFNIS code, postcode or place name (any language)"),
    OpenApiParameter("radius_km", int, description="Radius around `near`, 1 to 300 km (default 25)"),
    OpenApiParameter("language", str, many=True, description="Spoken language code (fr, nl, de, en, …)"),
    OpenApiParameter("experience", str, many=True, enum=["starting", "experienced", "senior"]),
    OpenApiParameter("mentor", str, enum=["true", "false"]),
    OpenApiParameter("ordering", str, enum=["relevance", "name", "updated", "distance"]),
    OpenApiParameter("page", int),
    OpenApiParameter("page_size", int, description="1 to 100 (default 20)"),
    OpenApiParameter("lang", str, enum=["fr", "nl", "de", "en"], description="Language of the labels"),
]


class MemberListAPI(LanguageMixin, APIView):
    @extend_schema(
        operation_id="members_list",
        parameters=PARAMETERS,
        responses={
            200: inline_serializer(
                "MemberList",
                {
                    "count": serializers.IntegerField(),
                    "next": serializers.CharField(allow_null=True),
                    "previous": serializers.CharField(allow_null=True),
                    "results": MemberSerializer(many=True),
                    "facets": serializers.DictField(child=FacetOptionSchema),
                },
            ),
            400: OpenApiTypes.OBJECT,
        },
    )
    def get(self, request):
        form = MemberSearchForm(request.query_params)
        if not form.is_valid():
            errors = {field: [str(e) for e in errs] for field, errs in form.errors.items()}
            return Response({"errors": errors}, status=400)
        query = form.to_query()
        try:
            result = search_members(query)
        except SearchUnavailable:
            return Response(
                {"errors": {"search": [translation.gettext("Search is unavailable right now.")]}}, status=503
            )
        params = request.query_params.copy()

        def page_url(number):
            params["page"] = number
            return request.build_absolute_uri(f"{request.path}?{params.urlencode()}")

        return Response(
            {
                "count": result.total,
                "next": page_url(result.page + 1) if result.has_next else None,
                "previous": page_url(result.page - 1) if result.has_previous else None,
                "results": MemberSerializer(
                    result.hits, many=True, context={"request": request, "distances": result.distances}
                ).data,
                "facets": {
                    name: [
                        {"value": o.value, "label": o.label, "count": o.count}
                        for o in result.facets.get(name, [])
                    ]
                    for name in FACETS
                },
            }
        )


class MemberDetailAPI(LanguageMixin, APIView):
    @extend_schema(
        operation_id="members_detail",
        parameters=PARAMETERS[-1:],
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
