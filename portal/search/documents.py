"""How a domain declares what it makes searchable, once.

A `SearchDocument` subclass lists its text fields, facets, orderings and geo point. The
query form, the API parameters and their OpenAPI description, both backends' indexes and
queries, the facet options with counts and the filter panel are all derived from it, so adding
a facet is one line in one place.
"""

import abc
import datetime
import math
from dataclasses import dataclass, field, replace

from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from portal.places.geo import haversine_km
from portal.search.text import fold

# Ids times a factor of the day, modulo this prime: a permutation of the ids.
ROTATION_PRIME = 2147483647
# The fair order's seven permutations of the ids (id × factor mod the prime), one per day of
# the week: few enough that OpenSearch keeps each object's seven keys and sorts by the day's as
# it sorts by a date (3 ms for 150,000 profiles), where a script worked each key out for every
# hit (22 ms; a new permutation every day had no end of keys to keep). Each factor is the prime
# times an irrational with small continued-fraction terms (√5−2, √11−3, √2−1, (√17−3)/2, √7−2,
# √3−1, 2√2−2): consecutive ids then land far apart, and no id is near the top on most days,
# where factors k·a kept the ids with a small id·a near the top every day.
ROTATION_FACTORS = (506952121, 679946560, 889516852, 1205925482, 1386740381, 1572067138, 1779033703)
DEFAULT_RADIUS_KM = 25
RELEVANCE, DISTANCE = "relevance", "distance"


class SearchUnavailable(Exception):
    """The search engine cannot answer; views show a message instead of failing."""


@dataclass(frozen=True)
class TextField:
    """Free text the search box matches.

    `value(obj)` gives a string, a list of strings, or {language code: string or list} for text
    written in known languages (a description's translations). Every word typed must start a
    word of one of the document's text fields, accents and case folded. `stemmed` adds each
    site language's analyzer on OpenSearch (ranking only): a text tagged with a site language
    is read by that language's analyzer alone, one tagged with another language (an Italian
    notice's) by none, an untagged text by all four. `places` adds the place-name
    synonyms (Liège, Luik, Lüttich), `suggest` offers the values as you type.
    """

    name: str
    value: object
    boost: float = 1.0
    stemmed: bool = False
    places: bool = False
    suggest: bool = False

    def parts(self, obj):
        """(every value, {language code: its values} or None when the languages are unknown)."""
        raw = self.value(obj)
        if isinstance(raw, dict):
            by_language = {code: _listed(values) for code, values in raw.items()}
            # A word the languages share ("Architect") once, as before: twice, it would weigh
            # more in the folded text's ranking than another profession's.
            return list(dict.fromkeys(v for values in by_language.values() for v in values)), by_language
        return _listed(raw), None

    def values(self, obj):
        return self.parts(obj)[0]


def _listed(raw):
    if raw is None:
        return []
    if isinstance(raw, str):
        return [raw] if raw else []
    return [v for v in raw if v]


@dataclass(frozen=True)
class Facet:
    """A filter with counts: sector, region, language…

    - `values(obj)`: the object's value codes (a list, a single code, True/False or None);
    - `options()`: (code, label) in the active language and in display order;
    - `many`: an object may have several values (sectors) rather than one (region);
    - `choose`: "many" (any of the ticked options) or "one" (a radio group);
    - `boolean`: a yes/no facet ("true"/"false");
    - `parent`: the facet above this one in a hierarchy (region > province > municipality);
      `parent_of()` maps this facet's codes to the parent's. A child value that does not lie
      in the chosen parent is dropped from the query rather than giving no result.
    - `panel`: shown with counts in the filter panel (municipality and postcode filter only).
    - `match`: "any" (the default: an object with one of the chosen values) or "all" (with every
      chosen value: amenities). An "all" facet counts within its own filter: ticking another
      option narrows the results further.
    - `live`: a yes/no state that changes with time rather than with the object ("open now"):
      `live()` gives the ids of the objects for which it is true at this moment, or a `Within`
      of ranges of indexed orderings that hold exactly for them. It is not indexed; the search
      restricts to those ids, or to those ranges (portal.search.backends).
    """

    name: str
    label: object
    values: object
    options: object = None
    many: bool = False
    choose: str = "many"
    boolean: bool = False
    parent: str = ""
    parent_of: object = None
    panel: bool = True
    help_text: str = ""
    any_label: object = ""  # the radio that clears a "one" facet ("Anywhere" for places)
    # Optional {code: small integer} (e.g. the reference rows' ids): the database index then
    # stores integers, narrower and faster to group than the codes.
    ids: object = None
    match: str = "any"
    live: object = None

    @property
    def conjunctive(self):
        return self.match == "all" and self.many

    def codes(self, obj):
        raw = self.values(obj)
        if self.boolean:
            return ["true" if raw else "false"]
        if raw is None or raw == "":
            return []
        if isinstance(raw, (list, tuple, set, frozenset)):
            return sorted({str(v) for v in raw if v not in (None, "")})
        return [str(raw)]

    def option_list(self):
        if self.boolean and not self.options:
            return [("true", str(self.label))]
        return list(self.options()) if self.options else []

    @property
    def multiple(self):
        return self.choose == "many" and not self.boolean


@dataclass(frozen=True)
class DateRange:
    """A "from … to …" filter on objects that last (events): `<name>_from` and `<name>_to` in
    the form and the API keep the objects whose [starts, ends] overlaps the days asked for.
    `starts` and `ends` name date orderings of the document (the indexes store them)."""

    name: str
    label: object
    starts: str
    ends: str


class Within(dict):
    """What a live facet's `live()` may give instead of ids: {ordering name: (lowest, highest)},
    true right now for exactly the objects within every one of these ranges ("not over, with
    places left"). Each backend tests them on its own index: at 100,000 objects a list of the
    ids would cost more than the search itself."""


@dataclass(frozen=True)
class Ordering:
    """A sort order people may choose: `key(obj)` is compared as text (folded), a date or a number.
    `offered=False`: indexed for a live facet's `Within` only, never offered as an order."""

    name: str
    label: object
    key: object
    kind: str = "text"  # text | date | number
    descending: bool = False
    offered: bool = True

    def sort_value(self, obj):
        value = self.key(obj)
        if self.kind == "text":
            return fold(value)[:120]
        return value


class SearchDocument(abc.ABC):
    """Subclass and declare; register the instance with `portal.search.register`."""

    name = ""  # index and table names, registry key
    text_fields: list = []
    facets: list = []
    orderings: list = []
    date_ranges: list = []
    page_size = 20
    max_page_size = 100

    # What the domain provides --------------------------------------------------------------

    @abc.abstractmethod
    def objects(self, ids=None):
        """The objects the public may find (all, or those among `ids`), ready to index:
        an iterable ordered by id."""

    @abc.abstractmethod
    def load(self, ids):
        """The objects of a result page, in the order of `ids` (missing ones left out)."""

    def count(self):
        """How many objects the public may find (for progress bars)."""
        return None

    def object_id(self, obj):
        return obj.pk

    def point(self, obj):
        """(latitude, longitude) of the object, or None; documents without places return None."""
        return None

    has_geo = False

    # Derived -------------------------------------------------------------------------------

    @cached_property
    def facet_map(self):
        return {f.name: f for f in self.facets}

    @cached_property
    def ordering_map(self):
        return {o.name: o for o in self.orderings}

    def panel_facets(self):
        return [f for f in self.facets if f.panel]

    def indexed_facets(self):
        """The facets the indexes store (not the live ones)."""
        return [f for f in self.facets if not f.live]

    def counted_facets(self):
        """The facets whose counts the backends compute from their index."""
        return [f for f in self.facets if f.panel and not f.live]

    def ordering_choices(self):
        """(value, label) for the sort menu; distance only makes sense with a place."""
        choices = [(RELEVANCE, _("Relevance"))] + [(o.name, o.label) for o in self.orderings if o.offered]
        if self.has_geo:
            choices.append((DISTANCE, _("Distance")))
        return choices

    def text(self, obj):
        """Every text value, folded: what the database's full-text index holds."""
        return fold(" ".join(v for f in self.text_fields for v in f.values(obj)))

    def suggestions(self, obj):
        return [v for f in self.text_fields if f.suggest for v in f.values(obj)]

    def query(self, **params):
        """A query from keyword arguments named like the URL parameters (for code and tests):
        `MEMBERS.query(q="foto", sector=["photography"], near="62063", radius_km=10)`."""
        from portal.places import lookup

        filters = {}
        for facet in self.facets:
            if facet.name in params:
                value = params.pop(facet.name)
                if facet.boolean:
                    value = () if value is None else (("true" if value else "false"),)
                elif isinstance(value, str):
                    value = (value,) if value else ()
                filters[facet.name] = tuple(value)
        near = params.pop("near", "")
        origin = lookup.origin(lookup.resolve(near) or near) if near else None
        params.setdefault("page_size", self.page_size)
        return SearchQuery(document=self, filters=filters, near=near, origin=origin, **params)

    def fingerprint(self):
        """Changes when the declared shape changes: the database index is then rebuilt."""
        parts = [self.name, str(self.has_geo)]
        parts += [f"t:{f.name}" for f in self.text_fields]
        parts += [f"f:{f.name}:{f.many}:{f.panel}:{f.ids is not None}:{bool(f.live)}" for f in self.facets]
        parts += [f"o:{o.name}:{o.kind}" for o in self.orderings]
        return "|".join(parts)


@dataclass(frozen=True)
class SearchQuery:
    document: SearchDocument
    q: str = ""
    filters: dict = field(default_factory=dict)  # facet name -> tuple of codes
    near: str = ""  # what was asked for: a REFNIS code, a postcode or a place name
    origin: tuple | None = None  # its (latitude, longitude)
    radius_km: float = DEFAULT_RADIUS_KM
    ordering: str = ""
    page: int = 1
    page_size: int = 20
    # The day the fair rotation is computed for; fixed in tests.
    day: datetime.date | None = None
    # Only these object ids (what a live facet chose); None: no restriction.
    only_ids: frozenset | None = None
    # {date ordering name: (lowest, highest)}, either may be None: "ends after now" lists what
    # is still to come, a DateRange's days give two of them.
    ranges: dict = field(default_factory=dict)

    def values(self, facet):
        return self.filters.get(facet, ())

    def active_filters(self, skip=None):
        return {name: values for name, values in self.filters.items() if values and name != skip}

    def without(self, facet):
        """The same query with one facet's filter removed (for its counts)."""
        return replace(self, filters={k: v for k, v in self.filters.items() if k != facet})

    def narrowed(self, ranges):
        """The same query with more {ordering: (low, high)} ranges in force at once (a page's
        own "still to come" with the dates asked for): the higher low and the lower high."""
        merged = dict(self.ranges)
        for name, (low, high) in ranges.items():
            old_low, old_high = merged.get(name, (None, None))
            lows = [v for v in (old_low, low) if v is not None]
            highs = [v for v in (old_high, high) if v is not None]
            merged[name] = (max(lows) if lows else None, min(highs) if highs else None)
        return replace(self, ranges=merged)

    def with_facet(self, facet, value):
        return replace(self, filters={**self.filters, facet: (value,)})

    @property
    def has_place(self):
        return bool(self.near)

    @property
    def effective_ordering(self):
        if self.ordering in self.document.ordering_map:
            return self.ordering
        # Near a place and no order chosen: the nearest first (someone in Liège itself before
        # someone 20 km away), as people expect from "near Liège".
        if self.near and self.ordering in (DISTANCE, ""):
            return DISTANCE
        return RELEVANCE

    @property
    def rotation_slot(self):
        """Which of the ROTATION_FACTORS orders the day: one per day of the week."""
        return (self.day or timezone.localdate()).toordinal() % len(ROTATION_FACTORS)

    @property
    def rotation_factor(self):
        """The day's multiplier for the fair order: nobody is always on top, and the order
        stays the same all day."""
        return ROTATION_FACTORS[self.rotation_slot]

    def distance_to(self, obj):
        return self.distance_from(self.document.point(obj))

    def distance_from(self, point):
        """km from the query's place to (latitude, longitude), or None."""
        if not self.origin or not point:
            return None
        return round(haversine_km(*self.origin, *point), 1)


@dataclass
class FacetOption:
    value: str
    label: str
    count: int
    selected: bool = False

    @property
    def folded(self):
        """The label as the search box compares it (the panel's filter box uses it)."""
        return fold(self.label)


@dataclass
class SearchResult:
    ids: list  # the page's object ids, in order
    total: int
    query: SearchQuery  # the query the backend ran (for the page's objects and distances)
    facets: dict = field(default_factory=dict)
    page: int = 1
    page_size: int = 20
    totals: list = field(default_factory=list)  # how many match each of search()'s `totals` queries
    # Object id -> the engine's version of its stored document, when the engine tells (OpenSearch):
    # it changes whenever the object is indexed again (portal.search.api.KeptRepresentations).
    versions: dict = field(default_factory=dict)

    @cached_property
    def hits(self):
        """The page's objects, loaded when first read: an API answer whose representations
        are all kept (portal.search.api) reads none."""
        return self.query.document.load(self.ids) if self.ids else []

    @cached_property
    def distances(self):
        """{object id: km} from the query's place to each hit."""
        if not self.query.origin:
            return {}
        return {self.query.document.object_id(h): self.query.distance_to(h) for h in self.hits}

    @property
    def num_pages(self):
        return max(1, math.ceil(self.total / self.page_size)) if self.page_size else 1

    @property
    def has_next(self):
        return self.page < self.num_pages

    @property
    def has_previous(self):
        return self.page > 1


def option_list(query, facet, counts):
    """The options of a facet that are in use (or selected), with their counts.

    `counts` maps option codes ("photography", "03000", "true"…) to numbers of objects.
    """
    chosen = set(query.values(facet.name))
    return [
        FacetOption(value=value, label=label, count=counts.get(value, 0), selected=value in chosen)
        for value, label in facet.option_list()
        if counts.get(value, 0) or value in chosen
    ]
