"""The shared search layer: a domain declares its searchable document once.

    from portal import search
    MEMBERS = search.register(MemberDocument())      # in the app's ready()
    result = search.search(MEMBERS.query(q="foto"))  # hits, total, facets
    search.update(MEMBERS, [profile.pk])             # after a change

The form, the API parameters and schema, both backends' indexes and queries, the facet
options with counts and the filter panel all come from the declaration
(`portal/search/documents.py`).
"""

from portal.search.backends import (
    first_ids,
    get_backend,
    health,
    ids,
    install,
    rebuild,
    remove,
    search,
    suggest,
    uninstall,
    update,
)
from portal.search.documents import (
    DEFAULT_RADIUS_KM,
    DateRange,
    Facet,
    FacetOption,
    Ordering,
    SearchDocument,
    SearchQuery,
    SearchResult,
    SearchUnavailable,
    TextField,
    Within,
)
from portal.search.registry import documents, register, unregister

__all__ = [
    "DEFAULT_RADIUS_KM",
    "DateRange",
    "Facet",
    "FacetOption",
    "Ordering",
    "SearchDocument",
    "SearchQuery",
    "SearchResult",
    "SearchUnavailable",
    "TextField",
    "Within",
    "documents",
    "first_ids",
    "get_backend",
    "health",
    "ids",
    "install",
    "rebuild",
    "register",
    "remove",
    "search",
    "suggest",
    "uninstall",
    "unregister",
    "update",
]
