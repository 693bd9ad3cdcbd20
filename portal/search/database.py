"""The embedded search backend: SQLite FTS5 or PostgreSQL full-text, facets by SQL.

Each declared document gets a narrow table, `search_<name>`, with one row per object the
public may find: one column per facet (a code, or for facets with several values per object
the sorted set `|a|b|`), one per declared ordering, the coordinates, and the text (a
generated tsvector on PostgreSQL; an FTS5 table beside it on SQLite). Objects with several
values of a facet also get one row per value in `search_<name>_values`, whose index drives a
search when no more selective filter does. The tables are created from the declaration after
`migrate` (see `install`), so a new facet needs no hand-written migration.
"""

import datetime
import heapq
import json
import logging
import math
import zlib

from django.db import connection, transaction

from portal.places.geo import EARTH_RADIUS_KM as EARTH_KM
from portal.search import bitsets
from portal.search.documents import (
    DISTANCE,
    RELEVANCE,
    ROTATION_PRIME,
    SearchDocument,
    SearchResult,
    option_list,
)
from portal.search.text import fold, labels_starting_with, tokens

logger = logging.getLogger(__name__)
SCHEMA_TABLE = "search_schema"
# Bumped when the tables' layout changes: every document's tables are then rebuilt.
LAYOUT = "13"
# A set-valued filter drives the search through the value table's index when the values
# chosen cover less than this share of the rows; else testing each row's set is cheaper.
DRIVE_SHARE = 0.2
BATCH = 2000
# The most ids a page in the day's rotation may walk through before SQL sorts the matches instead.
WALK = 20000
# Hits under this share of the rows are found through the filters and then sorted, rather than
# by walking the ordering's index until a page of them turns up.
FEW = 0.2
# Up to this many matches, a page of them in SQL is sorted from their ids (_hit_ids).
KNOWN = 5000
# A text found in more than this share of the rows is not ranked, for speed: its matches follow
# the list's order without text. Each of its words is then in more than half of the rows, where
# BM25's IDF is zero or below (FTS5 floors it at 1e-6): the rank still orders them, by how often
# the word comes and how short the text is, but that weak order cost 90 ms on SQLite and 300 ms
# on PostgreSQL for the 105,559 calls that say "services". A rarer word in the same text ranks.
COMMON = 0.5


def _bits_rows(bits):
    return bits.bit_length() // 900


def _postgres():
    return connection.vendor == "postgresql"


def match_expression(text):
    """Every word required, each as a prefix. None when nothing is searchable."""
    words = tokens(text)
    if not words:
        return None
    if _postgres():
        return " & ".join(f"{w}:*" for w in words)
    return " ".join(f'"{w}"*' for w in words)


def _in(values):
    return ", ".join(["%s"] * len(values))


class Tables:
    """The names and DDL of one document's index tables."""

    def __init__(self, document, name=None):
        self.document = document
        # `name`: another set of tables for the document (a PostgreSQL rebuild fills new ones).
        self.prefix = f"search_{name or document.name}"
        self.rows = self.prefix
        self.values = f"{self.prefix}_values"
        self.fts = f"{self.prefix}_fts"
        # Beside the rows so that they stay narrow: suggestion labels (and the text's tsvector on
        # PostgreSQL, without the text itself: a free-text search reads these rows).
        self.text = f"{self.prefix}_text"
        self.geo = f"{self.prefix}_geo"
        # Which ids changed, for the facet bitsets each process keeps (portal.search.bitsets).
        self.log = f"{self.prefix}_log"

    @staticmethod
    def facet_column(facet):
        return f"f_{facet.name}"

    @staticmethod
    def has_column(facet):
        """Only facets with counts get a column: the rows stay narrow. Filter-only facets
        (municipality, postcodes) live in the value table, whose index answers them."""
        return facet.panel and not facet.live

    def facet_columns(self):
        return [f for f in self.document.facets if self.has_column(f)]

    @staticmethod
    def ordering_column(ordering):
        return f"o_{ordering.name}"

    def create(self):
        # Dates are stored as seconds since 1970: narrow, and sorted the same on every database.
        types = {"text": "VARCHAR(120)", "date": "DOUBLE PRECISION", "number": "DOUBLE PRECISION"}
        # On SQLite the id is the rowid: every index then carries it, no lookup to read it.
        columns = ["id BIGINT PRIMARY KEY" if _postgres() else "id INTEGER PRIMARY KEY"]
        indexed = []
        for facet in self.facet_columns():
            if facet.ids and not facet.many:
                columns.append(f"{self.facet_column(facet)} INTEGER")
            else:
                columns.append(f"{self.facet_column(facet)} VARCHAR(2000) NOT NULL DEFAULT ''")
            indexed.append(self.facet_column(facet))
        dates = [self.ordering_column(o) for o in self.document.orderings if o.kind == "date"]
        for ordering in self.document.orderings:
            column = self.ordering_column(ordering)
            columns.append(f"{column} {types[ordering.kind]}")
            # A date's index carries the document's other dates: "still to come, by start" or
            # "places left until" test the other dates in the index itself, instead of reading
            # the row of every entry the index walks past (an agenda's past events, for one).
            indexed.append(
                ", ".join([column, *(d for d in dates if d != column)]) if ordering.kind == "date" else column
            )
        # Points in their own table: the unit vector (gx, gy, gz) makes "within r km" a dot
        # product, plain arithmetic in SQL; `cell` numbers a grid of CELL-degree squares, so a
        # radius search reads the cells it covers (gz, the sine of the latitude, for huge radii).
        key = "id BIGINT PRIMARY KEY" if _postgres() else "id INTEGER PRIMARY KEY"
        geo = [key, "cell BIGINT NOT NULL"] + [f"{c} DOUBLE PRECISION NOT NULL" for c in ("gx", "gy", "gz")]
        text = ["id BIGINT PRIMARY KEY", "suggest TEXT NOT NULL DEFAULT ''"]
        if _postgres():
            text.append("doc_vector tsvector NOT NULL")
        seq = "seq BIGSERIAL PRIMARY KEY" if _postgres() else "seq INTEGER PRIMARY KEY"
        statements = [
            f"CREATE TABLE {self.rows} ({', '.join(columns)})",
            f"CREATE TABLE {self.log} ({seq}, id BIGINT, token VARCHAR(16) NOT NULL)",
            f"CREATE TABLE {self.text} ({', '.join(text)})",
            f"CREATE TABLE {self.geo} ({', '.join(geo)})",
            # Covering: the distance test reads the index alone.
            f"CREATE INDEX {self.geo}_cell ON {self.geo} (cell, gx, gy, gz)",
            f"CREATE INDEX {self.geo}_gz ON {self.geo} (gz)",
        ]
        statements += [f"CREATE INDEX {self.rows}_{c.split(',')[0]} ON {self.rows} ({c})" for c in indexed]
        statements += [
            f"CREATE TABLE {self.values} (id BIGINT NOT NULL, facet VARCHAR(40) NOT NULL, "
            "value VARCHAR(120) NOT NULL)",
            f"CREATE INDEX {self.values}_lookup ON {self.values} (facet, value, id)",
            f"CREATE INDEX {self.values}_id ON {self.values} (id)",
        ]
        if _postgres():
            statements += [
                # No statistics: the planner then takes the GIN index for any word, where it
                # chose to read every vector for a word in a third of the rows (250 ms). (The
                # vectors stay in the rows: under 2 KB, PostgreSQL moves none out of line,
                # whatever toast_tuple_target says; the ids of 105,559 matches read 22,000 pages.)
                f"ALTER TABLE {self.text} ALTER COLUMN doc_vector SET STATISTICS 0",
                f"CREATE INDEX {self.text}_doc ON {self.text} USING gin (doc_vector)",
            ]
        else:
            # unicode61 with remove_diacritics folds accents; the text is folded already as well.
            statements.append(
                # Prefix indexes of 2 and 3 characters: "we*" reads one list, not every word.
                f"CREATE VIRTUAL TABLE {self.fts} USING fts5(doc, "
                "tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3')"
            )
        return statements

    def drop(self):
        tables = (self.fts, self.geo, self.text, self.values, self.rows, self.log)
        return [f"DROP TABLE IF EXISTS {t}" for t in tables]

    def searched(self):
        """The tables a search reads (all but the change log and SQLite's full-text table)."""
        return (self.rows, self.values, self.text, self.geo)

    def index_names(self):
        """The names of the indexes create() makes, primary keys included (PostgreSQL names
        them <table>_pkey)."""
        created = [s.split()[2] for s in self.create() if s.startswith("CREATE INDEX ")]
        return created + [f"{t}_pkey" for t in (self.rows, self.text, self.geo)]


def install(document, verbosity=1):
    """Create the document's tables, or recreate them when the declaration changed, and fill
    them from the objects. Returns True when they were (re)built."""
    tables = Tables(document)
    fingerprint = f"{LAYOUT}|{document.fingerprint()}"
    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE TABLE IF NOT EXISTS {SCHEMA_TABLE} (name VARCHAR(100) PRIMARY KEY, fingerprint TEXT)"
        )
        cursor.execute(f"SELECT fingerprint FROM {SCHEMA_TABLE} WHERE name = %s", [document.name])
        row = cursor.fetchone()
        existing = tables.rows in connection.introspection.table_names(cursor)
        if row and row[0] == fingerprint and existing:
            return False
        with transaction.atomic():
            for statement in tables.drop() + tables.create():
                cursor.execute(statement)
            cursor.execute(f"DELETE FROM {SCHEMA_TABLE} WHERE name = %s", [document.name])
            cursor.execute(
                f"INSERT INTO {SCHEMA_TABLE} (name, fingerprint) VALUES (%s, %s)",
                [document.name, fingerprint],
            )
    count = DatabaseBackend(document).rebuild()
    if verbosity and count:
        logger.warning("Search tables of %s rebuilt: %s objects indexed.", document.name, count)
    return True


def uninstall(document):
    with connection.cursor() as cursor:
        for statement in Tables(document).drop():
            cursor.execute(statement)
        if SCHEMA_TABLE in connection.introspection.table_names(cursor):
            cursor.execute(f"DELETE FROM {SCHEMA_TABLE} WHERE name = %s", [document.name])


CELL = 0.1  # degrees: about 11 km north-south and 7 km east-west in Belgium
MAX_CELLS = 600  # beyond this a radius search reads a band of latitudes instead


def cell(lat, lon):
    return math.floor(lat / CELL) * 100000 + math.floor(lon / CELL)


def encode(facet, codes, unknown=None):
    """What the rows store for these codes: the facet's small integers when it declares them
    (unknown codes dropped, or `unknown` in queries), else the codes."""
    if not facet.ids:
        return list(codes)
    ids = facet.ids()
    out = [ids.get(code, unknown) for code in codes]
    return sorted(v for v in out if v is not None)


def decoder(facet):
    """Stored value -> code."""
    if not facet.ids:
        return lambda value: value or None
    codes = {str(i): code for code, i in facet.ids().items()}
    return lambda value: codes.get(str(value)) if value not in (None, "") else None


def as_seconds(value):
    """A date or datetime as seconds since 1970 (UTC)."""
    if not isinstance(value, datetime.datetime):
        value = datetime.datetime.combine(value, datetime.time(), tzinfo=datetime.UTC)
    elif value.tzinfo is None:
        value = value.replace(tzinfo=datetime.UTC)
    return value.timestamp()


def stored_bound(ordering, bound):
    """A range's bound as the ordering's column holds it (dates as seconds)."""
    return as_seconds(bound) if ordering.kind == "date" and bound is not None else bound


def kept_in_order(ordering):
    """Is this ordering's column kept in order by each process (bitsets.Sorted) for its ranges
    and pages? Dates and numbers; text is ordered by SQL's collation."""
    return ordering.kind != "text"


def unit_vector(lat, lon):
    """The point on the unit sphere: the dot product of two is the cosine of their angle."""
    phi, lam = math.radians(lat), math.radians(lon)
    return (math.cos(phi) * math.cos(lam), math.cos(phi) * math.sin(lam), math.sin(phi))


def closeness_sql(lat, lon):
    """SQL for the cosine of the angle between the row's point and (lat, lon): the larger, the
    closer. Exact great-circle geometry without trigonometry per row."""
    x, y, z = unit_vector(lat, lon)
    return f"(g.gx * {x!r} + g.gy * {y!r} + g.gz * {z!r})"


def text_parts(document, obj):
    """({text field name: values}, {text field name: {language: values}} of the fields whose
    languages are known, the folded text, the suggestions) of an object, each text field's
    values computed once: document.text() and .suggestions() would each compute them again, and
    the text (a profile's bios) is most of what indexing computes. A document that defines its
    own text() or suggestions() is asked instead."""
    values, languages = {}, {}
    for field in document.text_fields:
        values[field.name], by_language = field.parts(obj)
        if by_language is not None:
            languages[field.name] = by_language
    declared = type(document)
    if declared.text is SearchDocument.text:
        text = fold(" ".join(v for field_values in values.values() for v in field_values))
    else:
        text = document.text(obj)
    if declared.suggestions is SearchDocument.suggestions:
        suggestions = [v for field in document.text_fields if field.suggest for v in values[field.name]]
    else:
        suggestions = document.suggestions(obj)
    return values, languages, text, suggestions


class DatabaseBackend:
    name = "database"

    def __init__(self, document):
        self.document = document
        self.tables = Tables(document)
        self._state = None
        self._texts = {}
        self._kept = {}  # (what, …) -> (what it was computed from, bits), until the next search
        self._sources = {}  # id(rows) -> (kind, key) of the scored rows the process keeps

    def _bits(self):
        """The facet bitsets as of now (read once per backend object, i.e. per search)."""
        if self._state is None:
            self._state = bitsets.Reader(self).current()
        return self._state

    # Indexing ---------------------------------------------------------------------------

    def _row(self, obj):
        doc = self.document
        pk = doc.object_id(obj)
        row = [pk]
        sets = []
        for facet in doc.indexed_facets():
            codes = facet.codes(obj)
            if facet.many or not Tables.has_column(facet):
                sets += [(pk, facet.name, code) for code in codes]
            if Tables.has_column(facet):
                stored = encode(facet, codes)
                if facet.many:
                    row.append(f"|{'|'.join(str(c) for c in stored)}|" if stored else "")
                else:
                    row.append(stored[0] if stored else (None if facet.ids else ""))
        for ordering in doc.orderings:
            value = ordering.sort_value(obj)
            if ordering.kind == "date" and value is not None:
                value = as_seconds(value)
            row.append(value)
        point = doc.point(obj) if doc.has_geo else None
        geo = (pk, cell(*point), *unit_vector(*point)) if point else None
        _values, _languages, text, suggestions = text_parts(doc, obj)
        suggest = "|".join(dict.fromkeys(suggestions))
        return row, sets, geo, suggest, text

    def _prepared(self, objects):
        """(rows, value rows, points, [(id, suggestions, folded text)]) of these objects."""
        rows, sets, points, texts = [], [], [], []
        for obj in objects:
            row, values, geo, suggest, text = self._row(obj)
            rows.append(row)
            sets += values
            if geo:
                points.append(geo)
            texts.append((row[0], suggest, text))
        return rows, sets, points, texts

    def _row_columns(self):
        columns = ["id"]
        columns += [Tables.facet_column(f) for f in self.tables.facet_columns()]
        return columns + [Tables.ordering_column(o) for o in self.document.orderings]

    def index(self, objects, fresh=False):
        """Store these objects (which the public may find). `fresh`: the tables are empty."""
        objects = list(objects)
        if not objects:
            return
        rows, sets, points, texts = self._prepared(objects)
        ids = [row[0] for row in rows]
        if not fresh:
            self.remove(ids)
        columns = self._row_columns()
        with connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {self.tables.rows} ({', '.join(columns)}) VALUES ({_in(columns)})", rows
            )
            if _postgres():
                cursor.executemany(
                    f"INSERT INTO {self.tables.text} (id, suggest, doc_vector) "
                    "VALUES (%s, %s, to_tsvector('simple', %s))",
                    texts,
                )
            else:
                cursor.executemany(
                    f"INSERT INTO {self.tables.text} (id, suggest) VALUES (%s, %s)",
                    [(pk, suggest) for pk, suggest, _text in texts],
                )
            if sets:
                cursor.executemany(
                    f"INSERT INTO {self.tables.values} (id, facet, value) VALUES (%s, %s, %s)", sets
                )
            if points:
                cursor.executemany(
                    f"INSERT INTO {self.tables.geo} (id, cell, gx, gy, gz) VALUES (%s, %s, %s, %s, %s)",
                    points,
                )
            if not _postgres():
                cursor.executemany(
                    f"INSERT INTO {self.tables.fts}(rowid, doc) VALUES (%s, %s)",
                    [(pk, text) for pk, _suggest, text in texts],
                )
        bitsets.log_changes(self, ids)

    def remove(self, ids):
        ids = [(pk,) for pk in ids]
        if not ids:
            return
        with connection.cursor() as cursor:
            for table in self.tables.searched():
                cursor.executemany(f"DELETE FROM {table} WHERE id = %s", ids)
            if not _postgres():
                cursor.executemany(f"DELETE FROM {self.tables.fts} WHERE rowid = %s", ids)
        bitsets.log_changes(self, [pk for (pk,) in ids])

    def update(self, ids):
        """Reindex these ids: the public ones are stored again, the others removed.

        One transaction, one writer at a time per document: two requests saving the same object
        at once (a member logged in twice) would otherwise both delete its rows, then both insert
        them, and the second insert would fail on the unique id."""
        ids = list(ids)
        with transaction.atomic():
            if _postgres():
                with connection.cursor() as cursor:
                    cursor.execute("SELECT pg_advisory_xact_lock(%s)", [self._lock_key()])
            # (SQLite: the first write takes the database's write lock until the commit.)
            found = list(self.document.objects(ids))
            self.remove(ids)
            self.index(found, fresh=True)
        return found

    def _lock_key(self):
        return zlib.crc32(f"search-{self.document.name}".encode()) - 2**31

    def clear(self):
        with connection.cursor() as cursor:
            for table in self.tables.searched() + (() if _postgres() else (self.tables.fts,)):
                cursor.execute(f"DELETE FROM {table}")
        bitsets.log_changes(self, None)

    @transaction.atomic
    def rebuild(self, progress=None):
        """Index every object again: on SQLite into the emptied tables, on PostgreSQL into new
        tables that then take the place of the live ones."""
        if _postgres():
            return self._rebuild_aside(progress)
        after_load = self._prepare_load()
        self.clear()
        done = self._load(lambda batch: self.index(batch, fresh=True), progress)
        with connection.cursor() as cursor:
            for statement in after_load:
                cursor.execute(statement)
        return done

    def _load(self, store, progress=None):
        """Every object of the document through `store`, in batches; returns how many."""
        done, batch = 0, []
        for obj in self.document.objects():
            batch.append(obj)
            if len(batch) >= BATCH:
                store(batch)
                done += len(batch)
                batch = []
                if progress:
                    progress(done)
        if batch:
            store(batch)
            done += len(batch)
        if progress:
            progress(done)
        return done

    def _rebuild_aside(self, progress):
        """PostgreSQL: load new tables beside the live ones, which searches go on reading; build
        their indexes once the rows are in (one sort each rather than an insertion per row into
        each, the GIN index included); then drop the live tables and give the new ones their
        names. Emptying the live tables instead left as many dead rows as live ones: the tables
        doubled, and a free-text search read twice the pages. One transaction, inside the
        caller's: a failure leaves the live tables as they were. An object saved during the
        load went to the live tables: the change log names it, and it is stored again in the
        new ones once they are live."""
        live = self.tables
        fresh = Tables(self.document, name=f"{self.document.name}__next")
        statements = fresh.create()
        staging = f"{fresh.prefix}_doc"
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT COALESCE(MAX(seq), 0) FROM {live.log}")
            since = cursor.fetchone()[0]
            for statement in fresh.drop():
                cursor.execute(statement)
            tables = [s for s in statements if s.startswith(("CREATE TABLE ", "ALTER TABLE "))]
            for statement in tables:
                if not statement.startswith(f"CREATE TABLE {fresh.log} "):
                    cursor.execute(statement)
            # The folded texts, made tsvectors in one INSERT … SELECT: COPY takes no expressions.
            cursor.execute(
                f"CREATE TEMPORARY TABLE {staging} (id BIGINT, suggest TEXT, doc TEXT) ON COMMIT DROP"
            )
        loader = DatabaseBackend(self.document)
        loader.tables = fresh
        done = self._load(lambda batch: loader._copy(batch, staging), progress)
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {fresh.text} (id, suggest, doc_vector) "
                f"SELECT id, suggest, to_tsvector('simple', doc) FROM {staging}"
            )
            cursor.execute(f"DROP TABLE {staging}")
            cursor.execute("SET LOCAL maintenance_work_mem = '256MB'")
            for statement in statements:
                if statement.startswith("CREATE INDEX "):
                    cursor.execute(statement)
            # New tables have no statistics: until autovacuum came by, the planner guessed
            # (55 rows for a region holding 69,484, and a search walked them all: 146 ms).
            for table in fresh.searched():
                cursor.execute(f"ANALYZE {table}")
            # No update() between reading the log and the swap: they take the same lock.
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [self._lock_key()])
            cursor.execute(f"SELECT id FROM {live.log} WHERE seq > %s", [since])
            changed = [row[0] for row in cursor.fetchall()]
            for old, new in zip(live.searched(), fresh.searched(), strict=True):
                cursor.execute(f"DROP TABLE {old}")
                cursor.execute(f"ALTER TABLE {new} RENAME TO {old}")
            for name in fresh.index_names():
                cursor.execute(f"ALTER INDEX {name} RENAME TO {live.prefix}{name[len(fresh.prefix) :]}")
        if None in changed:
            logger.warning("%s: a bulk change made during its rebuild may be missing.", live.rows)
        ids = sorted({pk for pk in changed if pk is not None})
        if ids:
            self.update(ids)
        bitsets.log_changes(self, None)
        return done

    def _copy(self, objects, staging):
        """PostgreSQL: these objects into empty tables by COPY, their texts into `staging`."""
        rows, sets, points, texts = self._prepared(objects)
        loads = [
            (self.tables.rows, self._row_columns(), rows),
            (self.tables.values, ["id", "facet", "value"], sets),
            (self.tables.geo, ["id", "cell", "gx", "gy", "gz"], points),
            (staging, ["id", "suggest", "doc"], texts),
        ]
        with connection.cursor() as cursor:
            for table, columns, data in loads:
                with cursor.cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
                    for row in data:
                        copy.write_row(row)

    def _prepare_load(self):
        """Make a SQLite rebuild's bulk load cheaper; returns the statements that finish it.
        The secondary indexes are dropped and created again after the load (one sort each
        rather than 150,000 insertions into each B-tree); the full-text table is created
        anew (FTS5 would delete its rows one at a time) and merges its segments once at the end
        rather than while it grows, then goes back to the default merging (automerge 4).
        Inside the rebuild's transaction, so other connections see the old tables until it
        commits. (On PostgreSQL DROP INDEX would lock searches out until then: _rebuild_aside.)"""
        statements = self.tables.create()
        indexes = [s for s in statements if s.startswith("CREATE INDEX ")]
        fts = self.tables.fts
        with connection.cursor() as cursor:
            for statement in indexes:
                cursor.execute(f"DROP INDEX IF EXISTS {statement.split()[2]}")
            cursor.execute(f"DROP TABLE IF EXISTS {fts}")
            for statement in statements:
                if statement.startswith(f"CREATE VIRTUAL TABLE {fts} "):
                    cursor.execute(statement)
            cursor.execute(f"INSERT INTO {fts}({fts}, rank) VALUES ('automerge', 0)")
        return indexes + [
            f"INSERT INTO {fts}({fts}) VALUES ('optimize')",
            f"INSERT INTO {fts}({fts}, rank) VALUES ('automerge', 4)",
        ]

    def count(self):
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT COUNT(*) FROM {self.tables.rows}")
            return cursor.fetchone()[0]

    def health(self):
        return "database"

    # Querying ---------------------------------------------------------------------------

    def _text_ids_sql(self):
        """SELECT of the ids the text matches; its one parameter is the match expression."""
        if _postgres():
            return f"SELECT id FROM {self.tables.text} WHERE doc_vector @@ to_tsquery('simple', %s)"
        return f"SELECT rowid FROM {self.tables.fts} WHERE {self.tables.fts} MATCH %s"

    def _text_clause(self, expression):
        return f"r.id IN ({self._text_ids_sql()})"

    def _geo_clause(self, query, select="g.id"):
        """Rows within the radius: the grid cells of its bounding box (or, for a very large
        radius, its band of latitudes) through an index, then the exact great-circle test.
        Returns the clause on `r`, its parameters and the inner SELECT of `select`."""
        lat, lon = query.origin
        radius = float(query.radius_km)
        dlat = radius / 110.5
        dlon = radius / max(0.01, 111.0 * math.cos(math.radians(min(89.0, abs(lat) + dlat))))
        exact = f"{closeness_sql(lat, lon)} >= %s"
        threshold = math.cos(radius / EARTH_KM)
        rows = range(math.floor((lat - dlat) / CELL), math.floor((lat + dlat) / CELL) + 1)
        columns = range(math.floor((lon - dlon) / CELL), math.floor((lon + dlon) / CELL) + 1)
        if len(rows) * len(columns) <= MAX_CELLS:
            cells = ", ".join(str(r * 100000 + c) for r in rows for c in columns)
            near = f"SELECT {select} FROM {self.tables.geo} g WHERE g.cell IN ({cells}) AND {exact}"
            return f"r.id IN ({near})", [threshold], near
        band = [math.sin(math.radians(max(-90.0, lat - dlat))), math.sin(math.radians(min(90.0, lat + dlat)))]
        near = f"SELECT {select} FROM {self.tables.geo} g WHERE g.gz BETWEEN %s AND %s AND {exact}"
        return f"r.id IN ({near})", [*band, threshold], near

    def _where(self, query, skip=None, text=True, columns=True, geo=True, ids=True, ranges=True):
        """SQL conditions on the row `r` for every filter but the `skip` facet's (and without
        the text, place, id or range conditions when the caller applies them itself; without
        the filters on facet columns when the bitsets apply them)."""
        clauses, params = [], []
        expression = match_expression(query.q)
        if expression and text:
            clauses.append(self._text_clause(expression))
            params.append(expression)
        if query.near and (geo or not query.origin):
            if query.origin:
                clause, geo_params, _near = self._geo_clause(query)
                clauses.append(clause)
                params += geo_params
            else:
                clauses.append("1 = 0")
        if query.only_ids is not None and ids:
            chosen = sorted(query.only_ids)
            clauses.append(f"r.id IN ({_in(chosen)})" if chosen else "1 = 0")
            params += chosen
        for name, (low, high) in query.ranges.items():
            ordering = self.document.ordering_map[name]
            if not ranges and kept_in_order(ordering):
                continue  # bits from the column in order (_selection)
            column = f"r.{Tables.ordering_column(ordering)}"
            for bound, operator in ((low, ">="), (high, "<=")):
                if bound is not None:
                    clauses.append(f"{column} {operator} %s")
                    params.append(stored_bound(ordering, bound))
        # A facet with several values per object may drive the search through the value
        # table's index when its values are rare and no more selective filter does; otherwise
        # the row's set is tested.
        selective = bool(expression or query.near)
        for name, values in query.active_filters(skip).items():
            facet = self.document.facet_map[name]
            column = f"r.{Tables.facet_column(facet)}"
            if not columns and Tables.has_column(facet):
                continue
            if not facet.many and Tables.has_column(facet):
                stored = encode(facet, values, unknown=-1)
                clauses.append(f"{column} IN ({_in(stored)})")
                params += stored
            elif not Tables.has_column(facet) or (not selective and self._rare(facet, values)):
                lookup = f"SELECT id FROM {self.tables.values} WHERE facet = %s AND value IN ({_in(values)})"
                if facet.conjunctive:
                    # Every value: one lookup each.
                    lookup = f"SELECT id FROM {self.tables.values} WHERE facet = %s AND value = %s"
                    clauses += [f"r.id IN ({lookup})"] * len(values)
                    params += [p for value in values for p in (name, value)]
                else:
                    clauses.append(f"r.id IN ({lookup})")
                    params += [name, *values]
                selective = True
            else:
                stored = encode(facet, values, unknown=-1)
                test = "strpos({}, %s) > 0" if _postgres() else "instr({}, %s) > 0"
                joiner = " AND " if facet.conjunctive else " OR "
                clauses.append("(" + joiner.join(test.format(column) for _v in stored) + ")")
                params += [f"|{v}|" for v in stored]
        return (" AND ".join(clauses) or "1=1"), params

    def _rare(self, facet, values):
        """Do these values of a set-valued facet cover few rows? (It only chooses the plan, so
        the bits this process last read will do: no query.)"""
        state = self._state or bitsets.Reader(self).recent()
        return state.frequency(facet.name, values) <= DRIVE_SHARE * max(state.everyone.bit_count(), 1)

    def _fetch(self, sql, params):
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    def _hit_ids(self, query, few=None, ranked=True, matching=None):
        """The page's ids when no scored rows decide it (a declared order, or the day's
        rotation): in the order _ranked() gives, the one place that writes it in SQL. With
        `matching` (the bits of at most KNOWN matches), those rows are sorted by their ids:
        the filters are not tested again (PostgreSQL, which no longer guesses how many rows a
        text matches, joined 9,209 "lightroom" profiles to their rows one by one for the 4,291
        in Brussels: 38 ms; by their ids, 12)."""
        prefix, source, order, params = self._ranked(query, few=few, ranked=ranked)
        limit = f"LIMIT {int(query.page_size)} OFFSET {int((query.page - 1) * query.page_size)}"
        if matching is not None and matching.bit_count() <= KNOWN:
            ids = bitsets.ids_of(matching)
            if not ids:
                return []
            if _postgres():
                where, params = "r.id = ANY(%s)", [ids]
            else:
                where, params = "r.id IN (SELECT value FROM json_each(%s))", [json.dumps(ids)]
            prefix, source = "", f"FROM {self.tables.rows} r WHERE {where}"
        return [
            row[0] for row in self._fetch(f"{prefix}SELECT r.id {source} ORDER BY {order} {limit}", params)
        ]

    def _scored(self, query):
        """[(id, key)] of the rows the order of the page depends on, when it is distance to the
        place, or relevance to a text that is not common on SQLite: read once, they give both
        the facets' base and the page (the smallest keys first). None for the other orders, and
        for a text on PostgreSQL (its ranks come after the facets: _relevance)."""
        ordering = query.effective_ordering
        if ordering == DISTANCE and query.origin:
            closeness = closeness_sql(*query.origin)
            _clause, params, near = self._geo_clause(query, select=f"g.id, -{closeness}")
            # Kept like a text's matches: a popular place and radius is not measured again.
            key = (near, tuple(params))
            rows = self._kept_text("near", key, lambda: self._fetch(near, params))
            self._sources[id(rows)] = ("near bits", key)
            return rows, {"geo": False}
        expression = match_expression(query.q)
        if ordering in self.document.ordering_map or not expression:
            return None, {}
        if _postgres():
            if query.active_filters() or query.ranges or query.near or query.only_ids is not None:
                # Ranked once the filters have chosen the rows (_relevance).
                return None, {}
            # The text alone: its ids and ranks in one statement, where reading the ids and then
            # ranking them all went through the index twice (35 -> 55 ms for 10,244 profiles).
            rows = self._text_rows(expression)
            return (None, {}) if self._common(expression) else (rows, {"text": False})
        if self._common(expression):
            return None, {}
        return self._text_rows(expression), {"text": False}

    def _common(self, expression):
        """Is the text in more than COMMON of the rows (so not ranked)? Counted from the
        full-text index alone on SQLite (2 ms for 32,000 matches); from the text's bits, which
        the facets read anyway, on PostgreSQL."""
        everyone = self._bits().everyone.bit_count()
        if _postgres():
            return self._text_bits(expression).bit_count() > COMMON * everyone
        key = ("count", expression)
        if key not in self._kept:
            sql = f"SELECT COUNT(*) FROM {self.tables.fts} WHERE {self.tables.fts} MATCH %s"
            count = self._kept_text(
                "count", expression, lambda: self._fetch(sql, [expression])[0][0], rows=lambda _n: 1
            )
            self._kept[key] = (None, count)
        return self._kept[key][1] > COMMON * everyone

    def _relevance(self, query, matching):
        """PostgreSQL: [(id, -rank)] of the matching rows, when relevance to the text orders the
        page and the text is not common; else None. The rank of the rows the filters kept
        (5,338 upcoming events among the 32,181 that say "atelier": 25 ms where ranking them
        all took 145), or of every row the text matches when the filters kept most of them."""
        expression = match_expression(query.q)
        if (
            not _postgres()
            or not expression
            or query.effective_ordering != RELEVANCE
            or self._common(expression)
        ):
            return None
        kept = matching.bit_count()
        if not kept:
            return []
        if kept * 2 < self._text_bits(expression).bit_count():
            # Kept for these very rows, like the text's own: the next visitor's "atelier" among
            # the events still to come is not ranked again until a write or an event ends.
            sql = self._ts_rank_sql("id = ANY(%s)")
            ranks = lambda: self._fetch(sql, [expression, bitsets.ids_of(matching)])  # noqa: E731
            return self._kept_text("ranks", (expression, matching), ranks)
        return self._text_rows(expression)

    def _ts_rank_sql(self, condition):
        """PostgreSQL: SELECT (id, -rank) of the text rows meeting `condition`; its first
        parameter is the match expression."""
        rank = "-ts_rank(doc_vector, to_tsquery('simple', %s))"
        return f"SELECT id, {rank} FROM {self.tables.text} WHERE {condition}"

    def _page_of(self, query, scored, matching):
        """The page's ids among the scored rows that match: by key, then the day's rotation."""
        present = bitsets.as_bytes(matching)
        size = len(present)
        factor = query.rotation_factor
        candidates = [
            (key, (pk * factor) % ROTATION_PRIME, pk)
            for pk, key in scored
            if (pk >> 3) < size and present[pk >> 3] >> (pk & 7) & 1
        ]
        start = (query.page - 1) * query.page_size
        best = heapq.nsmallest(start + query.page_size, candidates)
        return [pk for _key, _rotation, pk in best[start:]]

    def _rotation_page(self, query, matching):
        """The page's ids when the day's rotation orders it, from the matching bits: the ids
        in that order are walked until the page is full, which reads `rows × page end ÷ matches`
        of them (a few hundred for a facet holding a tenth of the rows) where SQL sorted every
        match (20 ms for 13,000). None for another order, or when the matches are too rare
        for a walk: SQL finds those through an index."""
        if query.effective_ordering in self.document.ordering_map:
            return None
        state = self._bits()
        end = query.page * query.page_size
        matches = matching.bit_count()
        if not matches or end * state.everyone.bit_count() > WALK * matches:
            return None
        order = bitsets.Reader(self).rotation(state.everyone, query.rotation_factor, ROTATION_PRIME)
        present = bitsets.as_bytes(matching)
        size, found = len(present), []
        for pk in order:
            if (pk >> 3) < size and present[pk >> 3] >> (pk & 7) & 1:
                found.append(pk)
                if len(found) == end:
                    break
        return found[end - query.page_size :]

    def _sorted_page(self, query, matching):
        """The page's ids when a declared date or number orders it, from that column as the
        process keeps it in order (bitsets.Sorted): no SQL. None for another order."""
        declared = self.document.ordering_map.get(query.effective_ordering)
        if declared is None or not kept_in_order(declared):
            return None
        column = bitsets.Reader(self).sorted_column(self._bits(), Tables.ordering_column(declared))
        end = query.page * query.page_size
        return column.page(matching, end - query.page_size, end, declared.descending, few=KNOWN)

    def _ranked(self, query, few=None, ranked=True):
        """The query's hits in search()'s order (a declared ordering, the distance, relevance to
        the text, else the day's rotation) as parts of one statement: (prefix, FROM … WHERE …,
        ORDER BY terms, params); `prefix` is a WITH clause or "". `few`: the hits are a small
        share of the rows, to be found through the filters' indexes and then sorted; False: most
        rows, found walking the ordering's index; None: not known (the planner chooses). Not
        `ranked`: the text filters but does not order (a common text, see COMMON)."""
        where, params = self._where(query)
        rows = self.tables.rows
        rotation = f"((r.id * {int(query.rotation_factor)}) %% {ROTATION_PRIME})"  # %%: a literal %
        ordering = query.effective_ordering
        declared = self.document.ordering_map.get(ordering)
        if declared:
            column = f"r.{Tables.ordering_column(declared)}"
            source = f"FROM {rows} r WHERE {where}"
            if few is False and not _postgres():
                # Many hits: the ordering's index, walked, gives the page in a few dozen steps.
                # SQLite keeps no statistics of these tables and took the filter's index
                # instead, then sorted 185,676 closed calls by publication date (49 ms).
                source = f"FROM {rows} r INDEXED BY {rows}_{Tables.ordering_column(declared)} WHERE {where}"
            if few:
                # An expression, so the planner cannot walk the ordering's index: the open calls
                # all have the latest deadlines, and PostgreSQL walked past 183,836 closed ones
                # for the first page of open calls (515 ms), expecting them spread evenly.
                if not _postgres():
                    column = f"+{column}"
                else:
                    column = f"({column} || '')" if declared.kind == "text" else f"({column} + 0)"
            direction = "DESC" if declared.descending else "ASC"
            return "", source, f"{column} {direction}, r.id", params
        if ordering == DISTANCE and query.origin:
            closeness = closeness_sql(*query.origin)
            source = f"FROM {rows} r JOIN {self.tables.geo} g ON g.id = r.id WHERE {where}"
            return "", source, f"{closeness} DESC, {rotation}", params
        expression = match_expression(query.q) if ranked else None
        if expression and not _postgres():
            where, params = self._where(query, text=False)
            fts = self.tables.fts
            source = f"FROM {rows} r JOIN {fts} f ON f.rowid = r.id WHERE {fts} MATCH %s AND {where}"
            return "", source, f"f.rank, {rotation}", [expression, *params]
        if expression:
            prefix = (
                "WITH m AS MATERIALIZED (SELECT id, ts_rank(doc_vector, to_tsquery('simple', %s)) AS rank "
                f"FROM {self.tables.text} WHERE doc_vector @@ to_tsquery('simple', %s)) "
            )
            source = f"FROM {rows} r JOIN m ON m.id = r.id WHERE {where}"
            return prefix, source, f"m.rank DESC, {rotation}", [expression, expression, *params]
        return "", f"FROM {rows} r WHERE {where}", f"{rotation}, r.id", params

    @staticmethod
    def first_ids(queries):
        """[(ids, total)] of the first page of each query, whatever its document, in one
        statement (the site search asks every document at once): each part ranks its hits as
        search() does, but for a common text (COMMON), ranked here too (finding it common would
        take a statement per document), and counts its matches with a window; no facets."""
        parts, params = [], []
        for n, query in enumerate(queries):
            prefix, source, order, part_params = DatabaseBackend(query.document)._ranked(query)
            parts.append(
                f"SELECT * FROM ({prefix}SELECT {n} AS part, r.id, COUNT(*) OVER () AS total, "
                f"ROW_NUMBER() OVER (ORDER BY {order}) AS position {source} "
                f"ORDER BY {order} LIMIT {int(query.page_size)}) p{n}"
            )
            params += part_params
        answers = [([], 0) for _query in queries]
        if parts:
            with connection.cursor() as cursor:
                cursor.execute(" UNION ALL ".join(parts), params)
                rows = cursor.fetchall()
            for part, pk, total, _position in sorted(rows, key=lambda row: (row[0], row[3])):
                answers[part] = (answers[part][0] + [pk], total)
        return answers

    def search(self, query, totals=()):
        """The page, the total and the facet counts; with `totals`, how many match each of
        those queries too (a live facet's counts), from what the search read."""
        # What this object read for the last search (the bits, the text's rows) serves the
        # totals asked right after it, not a later search: the rows may have changed since.
        self._state, self._texts, self._kept, self._sources = None, {}, {}, {}
        scored, applied = self._scored(query)
        facets, matching = self._facets(query, scored, applied)
        if scored is None:
            scored = self._relevance(query, matching)
        if scored is not None:
            ids = self._page_of(query, scored, matching)
        else:
            ids = self._rotation_page(query, matching)
            if ids is None:
                ids = self._sorted_page(query, matching)
            if ids is None:
                few = matching.bit_count() <= FEW * self._bits().everyone.bit_count()
                ids = self._hit_ids(query, few=few, ranked=False, matching=matching)
        return SearchResult(
            ids=list(ids),
            total=matching.bit_count(),
            query=query,
            facets=facets,
            page=query.page,
            page_size=query.page_size,
            totals=[self.total(asked) for asked in totals],
        )

    def total(self, query):
        """How many objects match (no page, no facets). From the bitsets, with the text's rows
        the last search() read: a live facet's counts ask for two more totals of the search
        just made ("closing soon" among 100,000 calls that say "services"), and a COUNT(*)
        would match the text again for each. Else the text is a clause of the SQL."""
        if query.only_ids is not None and not query.only_ids:
            return 0
        expression = match_expression(query.q)
        if expression in self._texts:
            scored, applied = self._texts[expression], {"text": False}
        else:
            scored, applied = None, {}
        _state, bits, chosen = self._selection(query, scored, applied)
        for chosen_bits in chosen.values():
            bits &= chosen_bits
        return bits.bit_count()

    def _text_rows(self, expression):
        """[(id, rank)] of the rows the text matches, the best the smallest; kept until the next
        search(). (FTS5 ranks a subset no faster than every match: it looked each id up as a
        query. PostgreSQL does, and ranks the rows filters keep apart: _relevance.)"""
        if expression not in self._texts:
            if _postgres():
                sql = self._ts_rank_sql("doc_vector @@ to_tsquery('simple', %s)")
                params = [expression, expression]
            else:
                sql = f"SELECT rowid, rank FROM {self.tables.fts} WHERE {self.tables.fts} MATCH %s"
                params = [expression]
            rows = self._kept_text("rows", expression, lambda: self._fetch(sql, params))
            self._texts[expression] = rows
            self._sources[id(rows)] = ("bits", expression)  # their bits: _text_bits()'s
        return self._texts[expression]

    def _kept_text(self, kind, expression, compute, rows=len):
        """A text lookup as the process keeps it for the tables' current state (bitsets)."""
        return bitsets.Reader(self).kept_text(self._bits(), kind, expression, compute, rows)

    def _text_bits(self, expression):
        """The bits of the rows the text matches (from its rows when a search read them);
        kept until the next search()."""
        key = ("text", expression)
        if key not in self._kept:
            if expression in self._texts:
                ids = lambda: (pk for pk, _rank in self._texts[expression])  # noqa: E731
            else:
                ids = lambda: (row[0] for row in self._fetch(self._text_ids_sql(), [expression]))  # noqa: E731
            # Counted against the rows kept as ~110 bytes a row of ranks.
            bits = self._kept_text("bits", expression, lambda: bitsets.from_ids(ids()), rows=_bits_rows)
            self._kept[key] = (None, bits)
        return self._kept[key][1]

    def ids(self, query):
        """Every matching id, unordered (for alerts and exports)."""
        where, params = self._where(query)
        return [row[0] for row in self._fetch(f"SELECT r.id FROM {self.tables.rows} r WHERE {where}", params)]

    def suggest(self, text, limit=8):
        """Values of the suggesting text fields that start with what was typed."""
        folded = fold(text)
        expression = match_expression(text)
        if not expression:
            return []
        where, params = self._where(self.document.query(q=text))
        rows = self._fetch(
            f"SELECT t.suggest FROM {self.tables.rows} r JOIN {self.tables.text} t ON t.id = r.id "
            f"WHERE {where} LIMIT 50",
            params,
        )
        return labels_starting_with(folded, (labels.split("|") for (labels,) in rows), limit)

    # Facets -----------------------------------------------------------------------------

    def _selection(self, query, scored=None, applied=None):
        """(bitsets, base, {facet name: its chosen bits}): `base` holds the rows that pass what
        the bitsets do not hold (text, place, dates, filter-only facets), from SQL, but for the
        scored rows already read; the chosen bits are the facet filters, left apart so that
        each facet can leave its own out of its counts."""
        state = self._bits()
        applied = dict(applied or {})
        expression = match_expression(query.q)
        text = None
        if expression and applied.get("text", True):
            # Read apart, from the text's table alone: as a clause on the rows, PostgreSQL hashed
            # every row's id to join them (10 ms at 150,000 profiles).
            applied["text"] = False
            text = self._text_bits(expression)
        # The ids a live facet holds for ("open now": 4,660 of 5,000 spaces) as bits: as a
        # clause, SQLite took 12 ms to bind and test them, once per total. The ranges too, from
        # their columns in order (bitsets.Sorted).
        where, params = self._where(query, columns=False, ids=False, ranges=False, **applied)
        if scored is None:
            base = state.everyone
        else:
            # The totals after a search ask again with the same scored rows and the same
            # clauses ("still to come": 50,000 events): their bits are kept until the next search.
            key = ("scored", id(scored))
            if key not in self._kept:
                ids = lambda: bitsets.from_ids(pk for pk, _key in scored)  # noqa: E731
                source = self._sources.get(id(scored))  # rows the process keeps: their bits too
                bits = self._kept_text(*source, ids, _bits_rows) if source else ids()
                self._kept[key] = (scored, bits)
            base = self._kept[key][1]
        if where != "1=1":
            key = (where, tuple(params))
            if key not in self._kept:
                rows = self._fetch(f"SELECT r.id FROM {self.tables.rows} r WHERE {where}", params)
                self._kept[key] = (None, bitsets.from_ids(row[0] for row in rows))
            base &= self._kept[key][1]
        if text is not None:
            base &= text
        reader = bitsets.Reader(self)
        for name, (low, high) in query.ranges.items():
            ordering = self.document.ordering_map[name]
            if kept_in_order(ordering):  # else a clause of `where`
                column = reader.sorted_column(state, Tables.ordering_column(ordering))
                base &= column.within(stored_bound(ordering, low), stored_bound(ordering, high))
        if query.only_ids is not None:
            base &= bitsets.from_ids(query.only_ids)
        chosen = {}
        for name, values in query.active_filters().items():
            facet = self.document.facet_map[name]
            if Tables.has_column(facet):
                codes = [str(v) for v in values]
                chosen[name] = state.all_of(name, codes) if facet.conjunctive else state.any_of(name, codes)
        return state, base, chosen

    def _facets(self, query, scored=None, applied=None):
        """Facet counts and the bits of the matching rows, from the bitsets
        (portal.search.bitsets). Facets are disjunctive: a facet's own filter is left out of
        its counts, so each count is the number of results choosing that option gives. A
        conjunctive facet counts within its own filter, like the facets not chosen."""
        state, base, chosen = self._selection(query, scored, applied)

        def within(skip=None):
            bits = base
            for name, chosen_bits in chosen.items():
                if name != skip:
                    bits &= chosen_bits
            return bits

        matching = within()
        facets = {}
        for facet in self.document.counted_facets():
            own = query.values(facet.name) and not facet.conjunctive
            counts = state.counts(facet.name, within(facet.name) if own else matching)
            facets[facet.name] = option_list(query, facet, counts)
        return facets, matching
