"""One search interface for members, with interchangeable backends.

`search_members(MemberQuery(...))` returns a `SearchResult` (hits, total, facets). The
database backend is the embedded default; an OpenSearch backend can drop in behind the
same interface (see `get_backend`).
"""

from .backends import get_backend
from .base import FACETS, ORDERINGS, FacetOption, MemberQuery, SearchResult, SearchUnavailable


def search_members(query):
    return get_backend().search(query)


__all__ = [
    "FACETS",
    "ORDERINGS",
    "FacetOption",
    "MemberQuery",
    "SearchResult",
    "SearchUnavailable",
    "get_backend",
    "search_members",
]
