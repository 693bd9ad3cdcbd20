"""GET /api/v1/calls/ and /api/v1/calls/<id>/: published calls for partners and apps.

The list's parameters, facets and their labels come from the calls' search document
(calls.documents.CALLS) through portal.search.api, as for spaces and events. Like the list page,
it gives the calls still worth answering (forthcoming or open) unless `status` is given, the
soonest deadline first unless words or an order are. Labels and the titles' language follow
?lang= (else Accept-Language).

Not kept for visitors (portal.cache): "closing soon" and the statuses change with the clock.
"""

from django.db.models import prefetch_related_objects
from django.http import Http404
from django.utils import timezone, translation
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from calls import mapping
from calls.documents import CALLS
from calls.models import LIVE_STATUSES, Kind, Level, Status
from calls.views import MAX_ID, calls_query
from portal.places import choices as places
from portal.search.api import LANG_PARAMETER, DocumentListAPI, LanguageMixin, list_answer, list_schema
from portal.taxonomy import choices as taxonomy
from portal.utils import canonical_url

STATUS_PARAMETER = OpenApiParameter(
    "status",
    str,
    many=True,
    enum=[code for code, _label in Status.choices],
    description=(
        "Status code (repeat or comma-separate for any of several). Default: forthcoming and open "
        "(the calls still worth answering); give closed or awarded to find those too."
    ),
)


# Schema of the answer (component names start with "Call": the other APIs have their own
# CodeLabel); what drf-spectacular documents, the values being built in
# CallSerializer.to_representation.


class CallCodeLabelSerializer(serializers.Serializer):
    code = serializers.CharField()
    label = serializers.CharField(help_text="In the requested language")


class CallPlaceSerializer(serializers.Serializer):
    refnis = serializers.CharField(help_text="REFNIS code")
    name = serializers.CharField(help_text="In the requested language")


class CallLotSerializer(serializers.Serializer):
    identifier = serializers.CharField()
    title = serializers.CharField(allow_blank=True)
    title_language = serializers.CharField(allow_blank=True)
    cpv_codes = CallCodeLabelSerializer(many=True)
    deadline = serializers.DateTimeField(allow_null=True)


class CallListSerializer(serializers.ListSerializer):
    def to_representation(self, data):
        calls = list(data.all() if hasattr(data, "all") else data)
        missing = [c for c in calls if not hasattr(c, "region_codes")]
        if missing:
            CALLS.with_links(missing)
        # The lots of the whole page in one query (the search document does not load them).
        prefetch_related_objects(calls, "lots")
        return super().to_representation(calls)


def _moment(value):
    return timezone.localtime(value).isoformat() if value else None


def _coded(pairs, chosen):
    """[{code, label}] of the chosen codes, in the reference list's order."""
    chosen = set(chosen)
    return [{"code": code, "label": label} for code, label in pairs if code in chosen]


def _places(pairs, chosen):
    chosen = set(chosen)
    return [{"refnis": code, "name": name} for code, name in pairs if code in chosen]


class CallSerializer(serializers.Serializer):
    """A published call, in the requested language when it has it (`title_language` says which
    it is in otherwise)."""

    id = serializers.IntegerField()
    url = serializers.CharField(help_text="The call's page, in the requested language")
    title = serializers.CharField()
    title_language = serializers.CharField(help_text="The language the title is in")
    summary = serializers.CharField(allow_blank=True)
    summary_language = serializers.CharField(help_text="The language the summary is in")
    kind = CallCodeLabelSerializer(help_text="tender, projects, grant or artist")
    level = CallCodeLabelSerializer(help_text="regional, national or european")
    status = CallCodeLabelSerializer(
        help_text="forthcoming, open, closed or awarded (an open call past its deadline is closed)"
    )
    buyer = serializers.CharField(allow_blank=True, help_text="The issuing body")
    regions = CallPlaceSerializer(many=True)
    provinces = CallPlaceSerializer(many=True)
    sectors = CallCodeLabelSerializer(many=True)
    cpv_codes = CallCodeLabelSerializer(many=True, help_text="The main one first")
    estimated_value = serializers.DecimalField(max_digits=16, decimal_places=2, allow_null=True)
    currency = serializers.CharField(allow_blank=True)
    procedure_type = serializers.CharField(allow_blank=True)
    publication_date = serializers.DateField(allow_null=True)
    deadline = serializers.DateTimeField(allow_null=True, help_text="ISO 8601 with the Brussels offset")
    lots = CallLotSerializer(many=True)
    official_url = serializers.CharField(allow_blank=True, help_text="The official notice")
    documents_url = serializers.CharField(allow_blank=True, help_text="The procurement documents")
    source_updated_at = serializers.DateTimeField(allow_null=True, help_text="Last updated from its source")

    class Meta:
        list_serializer_class = CallListSerializer

    def kept_until(self, call, now):
        # Its status is the one part that follows the clock: an open call closes at its deadline.
        if call.status in LIVE_STATUSES and call.deadline is not None and call.deadline >= now:
            return call.deadline
        return None

    def to_representation(self, call):
        if not hasattr(call, "region_codes"):
            CALLS.with_links([call])
        language = (translation.get_language() or "fr")[:2]
        title, title_language = call.display("title", language)
        summary, summary_language = call.display("summary", language)
        sector_codes = {taxonomy.sectors_by_id().get(pk, (None, None))[0] for pk in call.sector_ids}
        lots = []
        for lot in call.lots.all():
            lot_title, lot_language = lot.display_title(language)
            lots.append(
                {
                    "identifier": lot.identifier,
                    "title": lot_title,
                    "title_language": lot_language if lot_title else "",
                    "cpv_codes": [
                        {"code": c, "label": mapping.cpv_label(c, language)}
                        for c in lot.cpv_codes.split("|")
                        if c
                    ],
                    "deadline": _moment(lot.deadline),
                }
            )
        return {
            "id": call.pk,
            "url": canonical_url(call.get_absolute_url()),
            "title": title,
            "title_language": title_language if title else "",
            "summary": summary,
            "summary_language": summary_language if summary else "",
            "kind": {"code": call.kind, "label": str(Kind(call.kind).label)},
            "level": {"code": call.level, "label": str(Level(call.level).label)},
            "status": {"code": call.effective_status(), "label": str(Status(call.effective_status()).label)},
            "buyer": call.buyer_name,
            "regions": _places(places.regions(), call.region_codes),
            "provinces": _places(places.provinces(), call.province_codes),
            "sectors": _coded(taxonomy.sectors(), sector_codes),
            "cpv_codes": [{"code": c, "label": mapping.cpv_label(c, language)} for c in call.cpv_list()],
            "estimated_value": None if call.estimated_value is None else f"{call.estimated_value:.2f}",
            "currency": call.currency if call.estimated_value is not None else "",
            "procedure_type": call.procedure_type,
            "publication_date": call.publication_date.isoformat() if call.publication_date else None,
            "deadline": _moment(call.deadline),
            "lots": lots,
            "official_url": call.url,
            "documents_url": call.documents_url,
            "source_updated_at": _moment(call.source_updated_at),
        }


class CallListAPI(DocumentListAPI):
    """Calls as the list page finds them: parameters and facets from their document; by
    default the calls still worth answering, the soonest deadline first."""

    document = CALLS
    serializer_class = CallSerializer

    @extend_schema(parameters=[STATUS_PARAMETER])
    @list_schema(CALLS, CallSerializer)
    def get(self, request):
        form, query, _defaulted = calls_query(request.query_params)
        if form.is_bound and not form.is_valid():
            return Response({"errors": form.error_messages()}, status=400)
        return list_answer(request, query, self.serializer_class, {"request": request})


class CallDetailAPI(LanguageMixin, APIView):
    @extend_schema(
        operation_id="calls_detail",
        parameters=[LANG_PARAMETER],
        responses={200: CallSerializer, 404: OpenApiTypes.OBJECT},
    )
    def get(self, request, pk):
        if pk > MAX_ID:
            raise Http404
        call = next(iter(CALLS.load([pk])), None)
        if call is None or not call.published:
            raise Http404
        return Response(CallSerializer(call, context={"request": request}).data)
