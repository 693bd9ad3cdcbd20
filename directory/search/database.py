"""The embedded search backend: SQLite FTS5 or PostgreSQL full-text, facets by SQL.

Searches run on `directory_searchrow`, a narrow table with one row per public profile (see
`SearchRow`): filters are plain column tests, sectors and languages are bit masks, and each
facet is one GROUP BY. Free text goes through the full-text index of each database.
"""

from collections import Counter

from django.db import connection

from directory.models import Experience, MemberProfile, SearchRow
from portal.places import lookup
from portal.places.models import PostalCode
from portal.search.text import fold, tokens

from .base import FACETS, ROTATION_PRIME, SearchBackend, SearchResult
from .facets import facet_options, option_list, reference_ids

FTS_TABLE = "directory_profile_fts"
PROFILE_TABLE = MemberProfile._meta.db_table
ROW_TABLE = SearchRow._meta.db_table
SECTOR_LINKS = MemberProfile.sectors.through._meta.db_table
LANGUAGE_LINKS = MemberProfile.languages.through._meta.db_table
POSTCODE_TABLE = PostalCode._meta.db_table
EXPERIENCE_CODES = {value: i for i, value in enumerate(Experience.values)}
MAX_BIT = 62


def _match_expression(text):
    """Prefix match on every word, all words required. None when nothing searchable."""
    words = tokens(text)
    if not words:
        return None
    if connection.vendor == "postgresql":
        return " & ".join(f"{w}:*" for w in words)
    return " ".join(f'"{w}"*' for w in words)


def _mask(ids):
    mask = 0
    for pk in ids:
        if 0 < pk <= MAX_BIT + 1:
            mask |= 1 << (pk - 1)
    return mask


def _bits(mask):
    """The ids whose bit is set in a mask."""
    pk = 1
    while mask:
        if mask & 1:
            yield pk
        mask >>= 1
        pk += 1


class DatabaseBackend(SearchBackend):
    name = "database"

    # Indexing ---------------------------------------------------------------------------

    def index_profiles(self, profiles, fresh=False):
        """Store the search document and the search row of each profile.

        Profiles come with their municipality; sectors and languages are read from
        `_sector_ids` / `_language_ids` when the caller has them (bulk loads), else from the
        (prefetched) relations.
        """
        profiles = list(profiles)
        if not profiles:
            return
        ids = [p.pk for p in profiles]
        public = set(MemberProfile.objects.public().filter(pk__in=ids).values_list("pk", flat=True))
        rows = []
        for p in profiles:
            if p.pk not in public:
                continue
            sector_ids = getattr(p, "_sector_ids", None)
            if sector_ids is None:
                sector_ids = [s.pk for s in p.sectors.all()]
            language_ids = getattr(p, "_language_ids", None)
            if language_ids is None:
                language_ids = [lang.pk for lang in p.languages.all()]
            place = p.municipality
            rows.append(
                SearchRow(
                    profile_id=p.pk,
                    region_id=place.region_id,
                    province_id=place.province_id or 0,
                    municipality_id=place.pk,
                    postal_code=p.postal_code,
                    profession_id=p.profession_id or 0,
                    experience=EXPERIENCE_CODES.get(p.experience, 0),
                    mentor=p.mentor,
                    sectors=_mask(sector_ids),
                    languages=_mask(language_ids),
                    name=fold(p.display_name)[:120],
                    updated_at=p.updated_at,
                )
            )
        if not fresh:
            SearchRow.objects.filter(profile_id__in=ids).delete()
        SearchRow.objects.bulk_create(rows, batch_size=2000)
        if connection.vendor == "sqlite":
            with connection.cursor() as cursor:
                if not fresh:
                    cursor.executemany(f"DELETE FROM {FTS_TABLE} WHERE rowid = %s", [(pk,) for pk in ids])
                cursor.executemany(
                    f"INSERT INTO {FTS_TABLE}(rowid, doc) VALUES (%s, %s)",
                    [(p.pk, p.search_text) for p in profiles],
                )

    def remove_profiles(self, ids):
        ids = list(ids)
        SearchRow.objects.filter(profile_id__in=ids).delete()
        if connection.vendor == "sqlite" and ids:
            with connection.cursor() as cursor:
                cursor.executemany(f"DELETE FROM {FTS_TABLE} WHERE rowid = %s", [(pk,) for pk in ids])

    def remove_stale_charter(self, version):
        """A new charter version: profiles whose members have not accepted it leave the search."""
        stale = MemberProfile.objects.exclude(charter_version=version).values("pk")
        SearchRow.objects.filter(profile_id__in=stale).delete()

    def clear(self):
        SearchRow.objects.all().delete()
        if connection.vendor == "sqlite":
            with connection.cursor() as cursor:
                cursor.execute(f"DELETE FROM {FTS_TABLE}")

    # Querying ---------------------------------------------------------------------------

    def _where(self, query, skip=None):
        """SQL conditions on the search row `r` for every filter but the `skip` facet's."""
        clauses, params = [], []
        expression = _match_expression(query.q)
        if expression:
            if connection.vendor == "postgresql":
                clauses.append(
                    f"r.profile_id IN (SELECT id FROM {PROFILE_TABLE} "
                    "WHERE search_vector @@ to_tsquery('simple', %s))"
                )
            else:
                clauses.append(f"r.profile_id IN (SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s)")
            params.append(expression)
        # Sectors and languages: one of them may drive the search through its link table's
        # index when no more selective filter does; otherwise a bit-mask test on the row.
        selective = bool(expression or query.near or query.municipality or query.postcode)
        for facet, values, links, column in (
            ("sector", query.sectors, SECTOR_LINKS, "sector_id"),
            ("language", query.languages, LANGUAGE_LINKS, "language_id"),
        ):
            if not values or skip == facet:
                continue
            ids = [reference_ids(facet).get(v, -1) for v in values]
            if not selective:
                clauses.append(
                    f"r.profile_id IN (SELECT memberprofile_id FROM {links} "
                    f"WHERE {column} IN ({', '.join(['%s'] * len(ids))}))"
                )
                params += ids
                selective = True
            else:
                clauses.append(f"(r.{facet}s & %s) <> 0")
                params.append(_mask(ids))
        if query.professions and skip != "profession":
            ids = [reference_ids("profession").get(s, -1) for s in query.professions]
            clauses.append(f"r.profession_id IN ({', '.join(['%s'] * len(ids))})")
            params += ids
        if query.experience and skip != "experience":
            codes = [EXPERIENCE_CODES.get(e, -1) for e in query.experience]
            clauses.append(f"r.experience IN ({', '.join(['%s'] * len(codes))})")
            params += codes
        if query.mentor is not None and skip != "mentor":
            clauses.append("r.mentor = %s")
            params.append(query.mentor)
        if query.region and skip != "region":
            clauses.append("r.region_id = %s")
            params.append(reference_ids("region").get(query.region, -1))
        if query.province and skip != "province":
            clauses.append("r.province_id = %s")
            params.append(reference_ids("province").get(query.province, -1))
        if query.municipality:
            clauses.append("r.municipality_id = %s")
            params.append(reference_ids("municipality").get(query.municipality, -1))
        if query.postcode:
            # The member's own postcode when they gave one, else any postcode of their municipality.
            clauses.append(
                "(r.postal_code = %s OR (r.postal_code = '' AND r.municipality_id IN "
                f"(SELECT municipality_id FROM {POSTCODE_TABLE} WHERE code = %s)))"
            )
            params += [query.postcode, query.postcode]
        if query.near:
            nearby = list(self._nearby(query)) or [-1]
            clauses.append(f"r.municipality_id IN ({', '.join(['%s'] * len(nearby))})")
            params += nearby
        return (" AND ".join(clauses) or "1=1"), params

    def _fetch(self, sql, params):
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    def _hit_ids(self, query, where, params):
        ordering = query.effective_ordering
        expression = _match_expression(query.q)
        rotation = f"((r.profile_id * {query.rotation_factor}) %% {ROTATION_PRIME})"  # %%: a literal %
        limit = f"LIMIT {int(query.page_size)} OFFSET {int((query.page - 1) * query.page_size)}"
        if ordering == "name":
            sql = (
                f"SELECT r.profile_id FROM {ROW_TABLE} r WHERE {where} ORDER BY r.name, r.profile_id {limit}"
            )
        elif ordering == "updated":
            sql = (
                f"SELECT r.profile_id FROM {ROW_TABLE} r WHERE {where} "
                f"ORDER BY r.updated_at DESC, r.profile_id {limit}"
            )
        elif ordering == "distance" and self._nearby(query):
            nearby = self._nearby(query)
            ranked = sorted(nearby, key=nearby.get)
            whens = " ".join(f"WHEN {int(pk)} THEN {i}" for i, pk in enumerate(ranked))
            sql = (
                f"SELECT r.profile_id FROM {ROW_TABLE} r WHERE {where} "
                f"ORDER BY CASE r.municipality_id {whens} ELSE {len(ranked)} END, {rotation} {limit}"
            )
        elif expression and connection.vendor == "sqlite":
            sql = (
                f"SELECT r.profile_id FROM {ROW_TABLE} r JOIN {FTS_TABLE} f ON f.rowid = r.profile_id "
                f"WHERE {FTS_TABLE} MATCH %s AND {where} ORDER BY f.rank, {rotation} {limit}"
            )
            params = [expression, *params]
        elif expression:
            # Rank only the matching profiles (found through the GIN index), not every row.
            sql = (
                "WITH m AS MATERIALIZED (SELECT id, ts_rank(search_vector, to_tsquery('simple', %s)) "
                f"AS rank FROM {PROFILE_TABLE} WHERE search_vector @@ to_tsquery('simple', %s)) "
                f"SELECT r.profile_id FROM {ROW_TABLE} r JOIN m ON m.id = r.profile_id "
                f"WHERE {where} ORDER BY m.rank DESC, {rotation} {limit}"
            )
            params = [expression, expression, *params]
        else:
            sql = f"SELECT r.profile_id FROM {ROW_TABLE} r WHERE {where} ORDER BY {rotation}, r.profile_id {limit}"  # noqa: E501
        return [row[0] for row in self._fetch(sql, params)]

    def search(self, query):
        where, params = self._where(query)
        ids = self._hit_ids(query, where, params)
        hits = self.hydrate(ids)
        facets, total = self._facets(query, where, params)
        distances = self.distances(query, hits)
        return SearchResult(
            hits=hits,
            total=total,
            facets=facets,
            page=query.page,
            page_size=query.page_size,
            distances=distances,
        )

    def suggest(self, text, limit=8):
        """Member names, professions and places that start with what was typed."""
        folded = fold(text)
        if not folded:
            return []
        names = list(
            MemberProfile.objects.filter(
                pk__in=SearchRow.objects.filter(name__startswith=folded).values("profile_id")[:limit]
            ).values_list("display_name", flat=True)
        )
        professions = [name for _slug, name in facet_options("profession") if fold(name).startswith(folded)]
        places_found = [label for _code, label in lookup.suggest(text, limit)]
        return list(dict.fromkeys(names + professions + places_found))[:limit]

    # Facets -----------------------------------------------------------------------------

    # Facet -> the search row column it counts.
    COLUMNS = {
        "region": "region_id",
        "province": "province_id",
        "profession": "profession_id",
        "experience": "experience",
        "mentor": "mentor",
        "sector": "sectors",
        "language": "languages",
    }

    @staticmethod
    def _as_number(column):
        # UNION ALL needs one type per column; PostgreSQL will not cast booleans to bigint.
        return "CASE WHEN mentor THEN 1 ELSE 0 END" if column == "mentor" else f"CAST({column} AS BIGINT)"

    def _group(self, column, where, params):
        return self._fetch(
            f"SELECT r.{column}, COUNT(*) FROM {ROW_TABLE} r WHERE {where} GROUP BY r.{column}", params
        )

    def _facets(self, query, where, params):
        """Facet counts and the total. Facets are disjunctive: a facet's own filter is left out
        of its counts, so each count is the number of results choosing that option gives."""
        raw = {}
        shared = [name for name in FACETS if not self._filters_facet(query, name)]
        if where == "1=1":
            # No filter: each count reads one column's index.
            total = self._fetch(f"SELECT COUNT(*) FROM {ROW_TABLE} r", [])[0][0]
            for name in shared:
                raw[name] = self._group(self.COLUMNS[name], where, params)
        else:
            # The matching rows are computed once, then counted per facet in one statement.
            parts = ["SELECT 'total', 0, COUNT(*) FROM h"]
            for name in shared:
                column = self.COLUMNS[name]
                parts.append(f"SELECT '{name}', {self._as_number(column)}, COUNT(*) FROM h GROUP BY {column}")
            columns = ", ".join(self.COLUMNS[name] for name in shared) or "r.profile_id"
            sql = f"WITH h AS MATERIALIZED (SELECT {columns} FROM {ROW_TABLE} r WHERE {where}) "
            sql += " UNION ALL ".join(parts)
            total = 0
            for name, value, count in self._fetch(sql, params):
                if name == "total":
                    total = count
                else:
                    raw.setdefault(name, []).append((value, count))
        for name in FACETS:
            if name not in shared:
                facet_where, facet_params = self._where(query, skip=name)
                raw[name] = self._group(self.COLUMNS[name], facet_where, facet_params)
        return {name: self._options(name, raw.get(name, []), query) for name in FACETS}, total

    @staticmethod
    def _filters_facet(query, name):
        value = getattr(query, FACETS[name])
        return value is not None and value != "" and value != ()

    def _options(self, name, rows, query):
        """Facet options from (column value, count) rows."""
        if name in ("sector", "language"):
            by_pk = Counter()
            for mask, n in rows:
                for pk in _bits(mask or 0):
                    by_pk[pk] += n
            counts = {code: by_pk.get(pk, 0) for code, pk in reference_ids(name).items()}
        elif name in ("profession", "region", "province"):
            codes = {pk: code for code, pk in reference_ids(name).items()}
            counts = {codes[pk]: n for pk, n in rows if pk in codes}
        elif name == "experience":
            codes = {i: value for value, i in EXPERIENCE_CODES.items()}
            counts = {codes[c]: n for c, n in rows if c in codes}
        else:  # mentor
            counts = {"true" if flag else "false": n for flag, n in rows}
        return option_list(name, counts, query)
