import datetime
import math
from dataclasses import dataclass, field, replace

from django.utils import timezone

from portal.places import lookup

# Ids times a factor of the day, modulo this prime: a fresh permutation every day.
ROTATION_PRIME = 2147483647
# Facet name -> the MemberQuery attribute it filters.
FACETS = {
    "sector": "sectors",
    "profession": "professions",
    "region": "region",
    "province": "province",
    "language": "languages",
    "experience": "experience",
    "mentor": "mentor",
}
MAX_PAGE_SIZE = 100
DEFAULT_RADIUS_KM = 25


class SearchUnavailable(Exception):
    """The search engine cannot answer; views show a message instead of failing."""


@dataclass(frozen=True)
class MemberQuery:
    q: str = ""
    sectors: tuple = ()
    professions: tuple = ()
    region: str = ""
    province: str = ""
    municipality: str = ""
    postcode: str = ""
    near: str = ""  # a REFNIS code or a postcode
    radius_km: float = DEFAULT_RADIUS_KM
    languages: tuple = ()
    experience: tuple = ()
    mentor: bool | None = None
    ordering: str = ""
    page: int = 1
    page_size: int = 20
    # The day the fair rotation is computed for; fixed in tests.
    day: datetime.date | None = None

    def without(self, facet):
        """The same query with one facet's filter removed (for its counts)."""
        attribute = FACETS[facet]
        empty = None if attribute == "mentor" else ("" if attribute in ("region", "province") else ())
        return replace(self, **{attribute: empty})

    def with_facet(self, facet, value):
        attribute = FACETS[facet]
        if attribute == "mentor":
            return replace(self, mentor=value)
        if attribute in ("region", "province"):
            return replace(self, **{attribute: value})
        return replace(self, **{attribute: (value,)})

    @property
    def effective_ordering(self):
        if self.ordering in ("name", "updated"):
            return self.ordering
        if self.ordering == "distance" and self.near:
            return "distance"
        return "relevance"

    @property
    def rotation_factor(self):
        """The day's multiplier for the fair order: nobody is always on top, and the order
        stays the same all day."""
        day = self.day or timezone.localdate()
        return (day.toordinal() * 2654435761) % ROTATION_PRIME or 1


@dataclass
class FacetOption:
    value: str
    label: str
    count: int
    selected: bool = False


@dataclass
class SearchResult:
    hits: list
    total: int
    facets: dict = field(default_factory=dict)
    page: int = 1
    page_size: int = 20
    distances: dict = field(default_factory=dict)  # profile id -> km from the `near` place

    @property
    def num_pages(self):
        return max(1, math.ceil(self.total / self.page_size)) if self.page_size else 1

    @property
    def has_next(self):
        return self.page < self.num_pages

    @property
    def has_previous(self):
        return self.page > 1


class SearchBackend:
    """What every backend shares: the `near` place, looked up once per search."""

    name = ""

    def _origin(self, query):
        if not hasattr(self, "_origin_cache"):
            self._origin_cache = lookup.origin(query.near) if query.near else None
        return self._origin_cache

    def _nearby(self, query):
        """{municipality id: km} within the query's radius of its `near` place."""
        if not hasattr(self, "_nearby_cache"):
            point = self._origin(query)
            self._nearby_cache = lookup.municipalities_within(*point, query.radius_km) if point else {}
        return self._nearby_cache

    @staticmethod
    def hydrate(ids):
        """The profiles of the page, in the order the backend ranked them."""
        from directory.models import MemberProfile

        profiles = (
            MemberProfile.objects.filter(pk__in=ids)
            .select_related("profession", "municipality__province", "municipality__region")
            .prefetch_related("sectors", "languages")
        )
        by_id = {p.pk: p for p in profiles}
        return [by_id[pk] for pk in ids if pk in by_id]

    def distances(self, query, hits):
        point = self._origin(query)
        if not point:
            return {}
        return {h.pk: round(lookup.distance(*point, h.municipality), 1) for h in hits}
