"""A declared document as a REST endpoint: its parameters, their OpenAPI description and the
list answer `{count, next, previous, results, facets}` all come from the declaration."""

import datetime
import threading
from collections import OrderedDict
from typing import NamedTuple

from django.conf import settings
from django.utils import timezone, translation
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from portal.search.backends import search
from portal.search.documents import SearchUnavailable
from portal.search.forms import RADIUS_CHOICES, search_form
from portal.search.reference import reference_cache
from portal.utils import canonical_url

LANG_PARAMETER = OpenApiParameter(
    "lang",
    str,
    enum=[code for code, _name in settings.LANGUAGES],
    description="Language of the labels, and of the word forms that rank free text",
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


# Representations each process keeps: about 2 KB each as Python objects, so a few megabytes.
KEPT_REPRESENTATIONS = 2000
# At most this long, whatever the versions say: a safety net for what can change outside the
# object's own saves (an image's file replaced gives its renditions new addresses).
KEPT_SECONDS = 900


class Kept(NamedTuple):
    """One object's representation as a process kept it, and what it holds for."""

    version: tuple  # the engine's version of the object's document
    reference: object  # the reference data's stamp
    until: datetime.datetime  # when the clock alone may change it
    point: tuple | None  # the object's (latitude, longitude), for the distance from `near`
    data: dict


class KeptRepresentations:
    """The API representation of each object a process served, per language, kept while the
    engine's version of the object's document is the same (`SearchResult.versions`: OpenSearch
    gives a new one whenever the object is indexed again, and every change the object's page or
    list shows reindexes it) and the reference data (sector and place names) are unchanged.
    A page whose objects are all kept reads none of them from the database.

    A serializer opts in with `kept_until(obj, now)`: the moment its representation may change
    with the clock alone ("closes today"), or None when nothing in it follows the clock. The
    distance from the query's place differs per request: it is put in afterwards, from the
    object's point kept beside it. With the database backend (no versions) nothing is kept.
    Whatever the versions say, nothing is kept longer than KEPT_SECONDS."""

    def __init__(self, size=KEPT_REPRESENTATIONS):
        self.size = size
        self._kept = OrderedDict()  # (document, language, id) -> Kept
        self._lock = threading.Lock()

    def clear(self):
        with self._lock:
            self._kept.clear()

    def page(self, serializer_class, result, context):
        """The representations of the page's objects, in order (serializer_class(hits, many=True))."""
        kept_until = getattr(serializer_class, "kept_until", None)
        if kept_until is None or not result.versions:
            context = {**context, "distances": result.distances}
            return serializer_class(result.hits, many=True, context=context).data
        query = result.query
        document = query.document
        language = translation.get_language() or ""
        reference = reference_cache.stamp.value()
        # The serializers' own "now", when they read one: what they built holds from then.
        now = context.setdefault("now", timezone.now())
        found, missing = {}, []
        with self._lock:
            for pk in result.ids:
                key = (document.name, language, pk)
                entry = self._kept.get(key)
                if (
                    entry is not None
                    and result.versions.get(pk) is not None
                    and entry.version == result.versions[pk]
                    and entry.reference == reference
                    and now < entry.until
                ):
                    self._kept.move_to_end(key)
                    found[pk] = entry
                else:
                    missing.append(pk)
        if missing:
            objects = document.load(missing)
            # Built without the request's distances: they are the one part that is not the object's.
            alone = {**context, "distances": {}}
            serializer = serializer_class(objects, many=True, context=alone)
            datas = serializer.data
            child = serializer.child
            with self._lock:
                for obj, data in zip(objects, datas, strict=True):
                    pk = document.object_id(obj)
                    until = child.kept_until(obj, now)
                    latest = now + datetime.timedelta(seconds=KEPT_SECONDS)
                    until = latest if until is None else min(until, latest)
                    key = (document.name, language, pk)
                    entry = Kept(result.versions.get(pk), reference, until, document.point(obj), data)
                    found[pk] = self._kept[key] = entry
                    self._kept.move_to_end(key)
                while len(self._kept) > self.size:
                    self._kept.popitem(last=False)
        answer = []
        for pk in result.ids:
            entry = found.get(pk)
            if entry is None:  # in the index, no longer in the database: as load() leaves it out
                continue
            data = entry.data
            if query.origin:
                data = {**data, "distance_km": query.distance_from(entry.point)}
            answer.append(data)
        return answer


kept_representations = KeptRepresentations()


def list_answer(request, query, serializer_class, context):
    """The list answer `{count, next, previous, results, facets}` of the query's search (503 with
    a message in the request's language when the engine cannot answer)."""
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

    return Response(
        {
            "count": result.total,
            "next": page_url(result.page + 1) if result.has_next else None,
            "previous": page_url(result.page - 1) if result.has_previous else None,
            "results": kept_representations.page(serializer_class, result, context),
            "facets": {
                name: [{"value": o.value, "label": o.label, "count": o.count} for o in options]
                for name, options in result.facets.items()
            },
        }
    )


class DocumentListAPI(LanguageMixin, APIView):
    """Subclass with `document` and `serializer_class`; decorate `get` with `list_schema`."""

    document = None
    serializer_class = None

    def get(self, request):
        form = search_form(self.document)(request.query_params)
        if not form.is_valid():
            return Response({"errors": form.error_messages()}, status=400)
        return list_answer(request, form.to_query(), self.serializer_class, {"request": request})
