"""What a listing page of a declared document needs: the form, the query, the result and the
filter panel, from the query string."""

from portal.search.backends import search
from portal.search.documents import DISTANCE, SearchUnavailable
from portal.search.forms import RADIUS_CHOICES, search_form


def filter_panel(document, query, result):
    """The facets of the filter panel, in declaration order, with their options and counts."""
    if result is None:
        return []
    panel = []
    for facet in document.panel_facets():
        options = result.facets.get(facet.name, [])
        panel.append(
            {
                "facet": facet,
                "options": options,
                "input": "checkbox" if facet.multiple or facet.boolean else "radio",
                "chosen": bool(query.values(facet.name)),
            }
        )
    return panel


def search_context(request, document):
    """Context for a listing page: bad parameters are reported and left out, what the person
    typed stays in the form, and an engine that is down gives `unavailable`."""
    form = search_form(document)(request.GET or None)
    if form.is_bound:
        form.is_valid()
    query = form.to_query()
    result, unavailable = None, False
    try:
        result = search(query)
    except SearchUnavailable:
        unavailable = True
    params = request.GET.copy()
    for transient in ("page", "partial"):
        params.pop(transient, None)
    orderings = [
        (value, label) for value, label in document.ordering_choices() if value != DISTANCE or query.near
    ]
    return {
        "document": document,
        "form": form,
        "query": query,
        "result": result,
        "unavailable": unavailable,
        "panel": filter_panel(document, query, result),
        "orderings": orderings,
        "base_params": params.urlencode(),
        "radius_choices": RADIUS_CHOICES,
    }
