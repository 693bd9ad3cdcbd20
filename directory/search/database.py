"""The embedded search backend: SQLite FTS5 or PostgreSQL full-text, facets by SQL."""

from django.db import connection
from django.db.models import BooleanField, Case, Count, F, FloatField, IntegerField, Q, Value, When
from django.db.models.expressions import RawSQL
from django.utils.translation import get_language, gettext

from directory import places
from directory.models import (
    Experience,
    Language,
    MemberProfile,
    Municipality,
    Profession,
    Province,
    Region,
    Sector,
)
from directory.text import tokens

from .base import FACETS, FacetOption, SearchResult

FTS_TABLE = "directory_profile_fts"
PROFILE_TABLE = MemberProfile._meta.db_table
ROTATION_PRIME = 2147483647


def _match_expression(text):
    """Prefix match on every word, all words required. None when nothing searchable."""
    words = tokens(text)
    if not words:
        return None
    if connection.vendor == "postgresql":
        return " & ".join(f"{w}:*" for w in words)
    return " ".join(f'"{w}"*' for w in words)


# Facet -> the field its counts group by, for the facets whose options are reference data.
FACET_FIELDS = {
    "sector": "sectors__slug",
    "profession": "profession__slug",
    "language": "languages__code",
    "region": "municipality__region__refnis",
    "province": "municipality__province__refnis",
}


def facet_options(name):
    """(value, label) of a reference-data facet in the active language, cached per process."""
    key = (name, get_language())
    if key not in _OPTIONS:
        if name == "sector":
            options = [(s.slug, s.name) for s in Sector.objects.all()]
        elif name == "profession":
            options = sorted(
                ((p.slug, p.name) for p in Profession.objects.all()), key=lambda o: o[1].casefold()
            )
        elif name == "language":
            options = [(lang.code, lang.name) for lang in Language.objects.all()]
        elif name == "region":
            options = [(r.refnis, r.name) for r in Region.objects.all()]
        else:
            options = [(p.refnis, p.name) for p in Province.objects.all()]
        _OPTIONS[key] = options
    return _OPTIONS[key]


_OPTIONS = {}


def clear_facet_options(**kwargs):
    _OPTIONS.clear()


class DatabaseBackend:
    name = "database"

    # Indexing ---------------------------------------------------------------------------

    def index_profiles(self, profiles):
        """Store the search document of each profile (already computed in search_text)."""
        if connection.vendor != "sqlite":
            return  # PostgreSQL indexes search_text itself (expression GIN index)
        rows = [(p.pk, p.search_text) for p in profiles]
        with connection.cursor() as cursor:
            cursor.executemany(f"DELETE FROM {FTS_TABLE} WHERE rowid = %s", [(pk,) for pk, _t in rows])
            cursor.executemany(f"INSERT INTO {FTS_TABLE}(rowid, doc) VALUES (%s, %s)", rows)

    def remove_profiles(self, ids):
        if connection.vendor == "sqlite" and ids:
            with connection.cursor() as cursor:
                cursor.executemany(f"DELETE FROM {FTS_TABLE} WHERE rowid = %s", [(pk,) for pk in ids])

    def clear(self):
        if connection.vendor == "sqlite":
            with connection.cursor() as cursor:
                cursor.execute(f"DELETE FROM {FTS_TABLE}")

    # Querying ---------------------------------------------------------------------------

    def _text_filter(self, qs, expression):
        if connection.vendor == "postgresql":
            return qs.filter(
                RawSQL(
                    f"to_tsvector('simple', {PROFILE_TABLE}.search_text) @@ to_tsquery('simple', %s)",
                    [expression],
                    output_field=BooleanField(),
                )
            )
        return qs.filter(
            id__in=RawSQL(f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s", [expression])
        )

    def _rank(self, expression):
        # Higher is better on both engines (FTS5's bm25 is negative-is-better).
        if connection.vendor == "postgresql":
            return RawSQL(
                f"ts_rank(to_tsvector('simple', {PROFILE_TABLE}.search_text), to_tsquery('simple', %s))",
                [expression],
                output_field=FloatField(),
            )
        return RawSQL(
            f"(SELECT -bm25({FTS_TABLE}) FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s "
            f"AND {FTS_TABLE}.rowid = {PROFILE_TABLE}.id)",
            [expression],
            output_field=FloatField(),
        )

    def _rotation(self, seed):
        # A different but stable order every day, so nobody is always on top: each day
        # multiplies the ids by its own factor modulo a prime, a fresh permutation.
        factor = (seed * 2654435761) % ROTATION_PRIME or 1
        return RawSQL(
            f"(({PROFILE_TABLE}.id * %s) %% {ROTATION_PRIME})", [factor], output_field=IntegerField()
        )

    def filtered(self, query, skip=None):
        """Public profiles matching every filter of the query except the `skip` facet's."""
        qs = MemberProfile.objects.public()
        expression = _match_expression(query.q)
        if expression:
            qs = self._text_filter(qs, expression)
        through_sectors = MemberProfile.sectors.through.objects
        through_languages = MemberProfile.languages.through.objects
        if query.sectors and skip != "sector":
            qs = qs.filter(
                id__in=through_sectors.filter(sector__slug__in=query.sectors).values("memberprofile_id")
            )
        if query.professions and skip != "profession":
            qs = qs.filter(profession__slug__in=query.professions)
        if query.languages and skip != "language":
            qs = qs.filter(
                id__in=through_languages.filter(language__code__in=query.languages).values("memberprofile_id")
            )
        if query.experience and skip != "experience":
            qs = qs.filter(experience__in=query.experience)
        if query.mentor is not None and skip != "mentor":
            qs = qs.filter(mentor=query.mentor)
        if query.region and skip != "region":
            qs = qs.filter(municipality__region__refnis=query.region)
        if query.province and skip != "province":
            qs = qs.filter(municipality__province__refnis=query.province)
        if query.municipality:
            qs = qs.filter(municipality__refnis=query.municipality)
        if query.postcode:
            # The member's own postcode when they gave one, else any postcode of their municipality.
            covering = Municipality.objects.filter(postal_codes__code=query.postcode).values("pk")
            qs = qs.filter(Q(postal_code=query.postcode) | Q(postal_code="", municipality__in=covering))
        if query.near:
            qs = qs.filter(municipality_id__in=list(self._nearby(query)))
        return qs

    def _origin(self, query):
        # Asked by the filters of every facet: look the place up once per search.
        if not hasattr(self, "_origin_cache"):
            self._origin_cache = places.origin(query.near) if query.near else None
        return self._origin_cache

    def _nearby(self, query):
        point = self._origin(query)
        return places.municipalities_within(*point, query.radius_km) if point else {}

    def search(self, query):
        qs = self.filtered(query)
        total = qs.count()
        expression = _match_expression(query.q)
        ordering = query.effective_ordering
        rotation = self._rotation(query.rotation_seed)
        point = self._origin(query)
        if ordering == "name":
            qs = qs.order_by("display_name", "id")
        elif ordering == "updated":
            qs = qs.order_by("-updated_at", "id")
        elif ordering == "distance" and point:
            nearby = self._nearby(query)
            # Closest municipalities first; the rotation decides within a municipality.
            ranked = sorted(nearby, key=nearby.get)
            qs = (
                qs.annotate(
                    proximity=Case(
                        *[When(municipality_id=pk, then=Value(i)) for i, pk in enumerate(ranked)],
                        default=Value(len(ranked)),
                        output_field=IntegerField(),
                    )
                )
                .annotate(rotation=rotation)
                .order_by("proximity", "rotation", "id")
            )
        elif expression and connection.vendor == "sqlite":
            # Join the FTS table once instead of ranking each row with a subquery.
            qs = (
                qs.extra(
                    tables=[FTS_TABLE],
                    where=[f"{FTS_TABLE}.rowid = {PROFILE_TABLE}.id", f"{FTS_TABLE} MATCH %s"],
                    params=[expression],
                    select={"fts_rank": f"{FTS_TABLE}.rank"},
                )
                .annotate(rotation=rotation)
                .order_by("fts_rank", "rotation", "id")
            )
        elif expression:
            qs = qs.annotate(rank=self._rank(expression), rotation=rotation).order_by(
                F("rank").desc(nulls_last=True), "rotation", "id"
            )
        else:
            qs = qs.annotate(rotation=rotation).order_by("rotation", "id")
        start = (query.page - 1) * query.page_size
        hits = list(
            qs.select_related(
                "profession", "municipality__province", "municipality__region"
            ).prefetch_related("sectors", "languages")[start : start + query.page_size]
        )
        distances = {}
        if point:
            distances = {h.pk: round(places.distance_to(*point, h.municipality), 1) for h in hits}
        return SearchResult(
            hits=hits,
            total=total,
            facets=self.facets(query),
            page=query.page,
            page_size=query.page_size,
            distances=distances,
        )

    # Facets -----------------------------------------------------------------------------

    def facets(self, query):
        return {name: self._facet(name, query) for name in FACETS}

    def _counts(self, qs, field):
        return dict(
            qs.order_by().values_list(field).annotate(n=Count("id", distinct=True)).values_list(field, "n")
        )

    def _facet(self, name, query):
        qs = self.filtered(query, skip=name)
        selected = getattr(query, FACETS[name])
        if name in FACET_FIELDS:
            counts = self._counts(qs, FACET_FIELDS[name])
            options = facet_options(name)
        elif name == "experience":
            counts = self._counts(qs, "experience")
            options = [(value, str(label)) for value, label in Experience.choices]
        else:  # mentor
            counts = {str(k).lower(): v for k, v in self._counts(qs, "mentor").items()}
            options = [("true", gettext("Open to mentoring"))]
        chosen = (
            {str(selected).lower()}
            if isinstance(selected, bool)
            else set(selected if isinstance(selected, tuple) else ([selected] if selected else []))
        )
        return [
            FacetOption(value=value, label=str(label), count=counts.get(value, 0), selected=value in chosen)
            for value, label in options
            if counts.get(value, 0) or value in chosen
        ]
