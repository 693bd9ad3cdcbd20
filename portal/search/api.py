"""A declared document as a REST endpoint: its parameters, their OpenAPI description and the
list answer `{count, next, previous, results, facets}` all come from the declaration."""

from django.conf import settings
from django.utils import translation
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from portal.search.backends import search
from portal.search.documents import SearchUnavailable
from portal.search.forms import RADIUS_CHOICES, search_form
from portal.utils import canonical_url

LANG_PARAMETER = OpenApiParameter(
    "lang", str, enum=[code for code, _name in settings.LANGUAGES], description="Language of the labels"
)


class LanguageMixin:
    """Labels follow ?lang=, else Accept-Language."""

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        lang = request.query_params.get("lang", "")
        if lang in dict(settings.LANGUAGES):
            translation.activate(lang)
            request.LANGUAGE_CODE = lang


def parameters(document):
    """The OpenAPI parameters of a document's list endpoint, from its form."""
    with translation.override("en"):
        return _parameters(document)


def _parameters(document):
    form = search_form(document)()
    out = [OpenApiParameter("q", str, description="Free text; every word must start a word of the text")]
    for facet in document.facets:
        if facet.boolean:
            out.append(
                OpenApiParameter(facet.name, str, enum=["true", "false"], description=str(facet.label))
            )
        else:
            if not facet.multiple:
                how = "one value"
            elif facet.conjunctive:
                how = "repeat or comma-separate: every one of them"
            else:
                how = "repeat or comma-separate for any of several"
            out.append(
                OpenApiParameter(
                    facet.name,
                    str,
                    many=facet.multiple,
                    description=f"{facet.label} code ({how}){facet.help_text}",
                )
            )
    if document.has_geo:
        out += [
            OpenApiParameter("near", str, description="REFNIS code, postcode or place name (any language)"),
            OpenApiParameter(
                "radius_km",
                int,
                description=f"Radius around `near`, 1 to 300 km (default 25; the page offers {RADIUS_CHOICES})",  # noqa: E501
            ),
        ]
    for dates in document.date_ranges:
        out += [
            OpenApiParameter(
                f"{dates.name}_from",
                OpenApiTypes.DATE,
                description=f"{dates.label}: on or after (YYYY-MM-DD)",
            ),
            OpenApiParameter(
                f"{dates.name}_to", OpenApiTypes.DATE, description=f"{dates.label}: on or before (YYYY-MM-DD)"
            ),
        ]
    orderings = [value for value, _label in form.fields["ordering"].choices if value]
    out += [
        OpenApiParameter("ordering", str, enum=orderings),
        OpenApiParameter("page", int),
        OpenApiParameter(
            "page_size", int, description=f"1 to {document.max_page_size} (default {document.page_size})"
        ),
        LANG_PARAMETER,
    ]
    return out


def facet_option_schema(document):
    # A new field each time (DRF binds a field to the one serializer it is declared in), named
    # after the document (the schema's components need distinct names).
    return inline_serializer(
        f"{document.name.title()}FacetOption",
        {
            "value": serializers.CharField(),
            "label": serializers.CharField(),
            "count": serializers.IntegerField(),
        },
    )


def list_schema(document, serializer_class):
    return extend_schema(
        operation_id=f"{document.name}_list",
        parameters=parameters(document),
        responses={
            200: inline_serializer(
                f"{document.name.title()}List",
                {
                    "count": serializers.IntegerField(),
                    "next": serializers.CharField(allow_null=True),
                    "previous": serializers.CharField(allow_null=True),
                    "results": serializer_class(many=True),
                    # {facet name: [option, …]}
                    "facets": serializers.DictField(
                        child=serializers.ListField(child=facet_option_schema(document))
                    ),
                },
            ),
            400: OpenApiTypes.OBJECT,
            503: OpenApiTypes.OBJECT,
        },
    )


class DocumentListAPI(LanguageMixin, APIView):
    """Subclass with `document` and `serializer_class`; decorate `get` with `list_schema`."""

    document = None
    serializer_class = None

    def get(self, request):
        form = search_form(self.document)(request.query_params)
        if not form.is_valid():
            return Response({"errors": form.error_messages()}, status=400)
        query = form.to_query()
        try:
            result = search(query)
        except SearchUnavailable:
            return Response(
                {"errors": {"search": [translation.gettext("Search is unavailable right now.")]}}, status=503
            )
        params = request.query_params.copy()

        def page_url(number):
            params["page"] = number
            return canonical_url(f"{request.path}?{params.urlencode()}")

        context = {"request": request, "distances": result.distances}
        return Response(
            {
                "count": result.total,
                "next": page_url(result.page + 1) if result.has_next else None,
                "previous": page_url(result.page - 1) if result.has_previous else None,
                "results": self.serializer_class(result.hits, many=True, context=context).data,
                "facets": {
                    name: [{"value": o.value, "label": o.label, "count": o.count} for o in options]
                    for name, options in result.facets.items()
                },
            }
        )
