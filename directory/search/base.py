import datetime
import math
from dataclasses import dataclass, field, replace

from django.utils import timezone

ORDERINGS = ("relevance", "name", "updated", "distance")
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
    def rotation_seed(self):
        day = self.day or timezone.localdate()
        return day.toordinal()


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


def haversine_km(lat1, lon1, lat2, lon2):
    r = 6371.0088
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * r * math.asin(math.sqrt(a))
