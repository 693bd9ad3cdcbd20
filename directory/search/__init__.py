"""One search interface for members, with interchangeable backends.

`search_members(MemberQuery(...))` returns a `SearchResult` (hits, total, facets). The
database backend is the embedded default; the OpenSearch backend answers when SEARCH_URL is
set (see `get_backend`).
"""

from .backends import get_backend, index_backends, search_with_fallback
from .base import FACETS, FacetOption, MemberQuery, SearchResult, SearchUnavailable


def search_members(query):
    """Search with the configured backend (falling back to the database when the engine is
    down and SEARCH_FALLBACK_TO_DATABASE is set)."""
    return search_with_fallback(query)


__all__ = [
    "FACETS",
    "FacetOption",
    "MemberQuery",
    "SearchResult",
    "SearchUnavailable",
    "get_backend",
    "index_backends",
    "search_members",
]
