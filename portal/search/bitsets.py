"""Facet counts of the database backend from bitsets kept in each process.

For each counted facet and each of its values, a Python integer whose bit n is set when the
object with id n has that value, read once from the document's rows table. Counting a facet
option within a search is then `(matching & value_bits).bit_count()`: a couple of
milliseconds for every option of every facet at 150,000 objects, where grouping the matching
rows in SQL took 50 to 150 ms once a search matched tens of thousands of them. This is how
search engines count facets (bitsets over document numbers); here the bits live in Python ints,
whose AND and popcount run in C.

The bits follow the index through its change log (`search_<name>_log`, written by
DatabaseBackend in the same transaction as the rows): every search reads the log from the
entry this process last applied, then reads again the rows of the ids changed since. A bulk
load or a rebuild writes a reset entry, after which the bits are read again in full. Each entry
carries a random token: if the entry this process applied has gone (pruned, rolled back,
tables rebuilt) the bits are read again in full too, so they can lag the index by nothing but
the statement that reads the log.
"""

import bisect
import heapq
import math
import secrets
import threading
from array import array
from collections import OrderedDict

from django.db import connection

# Beyond this many changes since the last search, reading everything again is cheaper.
MAX_REPLAY = 1000
# Entries kept in the log; a process further behind reads everything again.
LOG_KEEP = 10000
# A write of more objects than this logs a reset rather than each id.
LOG_IDS_UP_TO = 200

# Rows of text lookups kept per process (about 110 bytes each: 250,000 is under 30 MB).
TEXT_ROWS_KEPT = 250_000
# A sorted column keeps the bits of "this value or more" every MARK_STEP values: any bound is
# then a mark and at most MARK_STEP / 2 ids away.
MARK_STEP = 2048
# Beyond this many ids written since, reading a sorted column again is cheaper than patching it.
SORTED_PATCH_UP_TO = 200

_states = {}
_rotations = {}  # (database, table, factor) -> (the ids it holds as bits, the ids in rotation order)
_texts = OrderedDict()  # (database, table, seq, token, kind, text) -> (value, rows), least recent first
_texts_rows = [0]
_sorted = {}  # (database, table, column) -> Sorted
_lock = threading.Lock()


def new_token():
    return secrets.token_hex(8)


class FacetBits:
    """One document's facet values as bitsets, as of log entry (seq, token)."""

    def __init__(self, seq, token, bits, everyone, previous=None, changed=()):
        self.seq = seq
        self.token = token
        self.bits = bits  # {facet name: {code: int}}
        self.everyone = everyone  # bits of every row
        # The state this one was patched from, and the ids written since: what a sorted column
        # kept for that state needs to follow (Sorted.patched).
        self.previous = previous
        self.changed = changed

    def any_of(self, facet, codes):
        values = self.bits.get(facet, {})
        out = 0
        for code in codes:
            out |= values.get(code, 0)
        return out

    def all_of(self, facet, codes):
        values = self.bits.get(facet, {})
        out = self.everyone
        for code in codes:
            out &= values.get(code, 0)
        return out

    def counts(self, facet, within):
        values = self.bits.get(facet, {})
        return {code: n for code, bits in values.items() if (n := (within & bits).bit_count())}

    def frequency(self, facet, codes):
        return sum(self.bits.get(facet, {}).get(code, 0).bit_count() for code in codes)


def from_ids(ids):
    """The bitset of these ids."""
    ids = list(ids)
    if not ids:
        return 0
    buffer = bytearray(max(ids) // 8 + 1)
    for pk in ids:
        buffer[pk >> 3] |= 1 << (pk & 7)
    return int.from_bytes(buffer, "little")


class Sorted:
    """One ordering column's values in order, as of log entry (seq, token), for range filters
    ("still to come": end >= now) answered as bits without SQL, whose bound moves at every
    search: reading the ids of the 83,000 past events among 100,000 and making their bits took
    30 ms on SQLite at every search.

    `values` ascending and `ids` beside them (ties by id), as arrays (16 bytes a row: 3 MB for
    200,000 calls, where lists of Python numbers took 14); `marks` [(value, bits of the ids
    whose value is that or more)] every MARK_STEP values, so a bound costs a bisection and the
    bits of at most MARK_STEP / 2 ids. Rows without a value (NULL) are in none of the ranges,
    as in SQL."""

    def __init__(self, seq, token, values, ids, by_id, marks=None, present=None):
        self.seq, self.token = seq, token
        self.values, self.ids = values, ids
        self.by_id = by_id  # array of each id's value (NaN: none), to find it again when it changes
        self.marks = self._marks() if marks is None else marks
        self.fences = [value for value, _bits in self.marks]
        self.present = from_ids(ids) if present is None else present  # every id with a value

    @classmethod
    def read(cls, state, pairs):
        """From [(value, id)] of the rows that have a value."""
        pairs = sorted(pairs)
        by_id = array("d", [math.nan]) * (max((pk for _v, pk in pairs), default=0) + 1)
        for value, pk in pairs:
            by_id[pk] = value
        values, ids = array("d", (v for v, _pk in pairs)), array("q", (pk for _v, pk in pairs))
        return cls(state.seq, state.token, values, ids, by_id)

    def _marks(self):
        values, ids = self.values, self.ids
        starts = sorted({bisect.bisect_left(values, values[i]) for i in range(0, len(values), MARK_STEP)})
        marks, buffer, done = [], bytearray(max(ids, default=0) // 8 + 1), len(ids)
        for start in reversed(starts):
            for pk in ids[start:done]:
                buffer[pk >> 3] |= 1 << (pk & 7)
            done = start
            marks.append((values[start], int.from_bytes(buffer, "little")))
        marks.reverse()
        return marks

    def patched(self, state, rows):
        """This column as of `state`, the ids in `state.changed` having now the values in
        `rows` [(id, value)] (an id without a row is gone)."""
        values, ids, by_id = array("d", self.values), array("q", self.ids), array("d", self.by_id)
        present = self.present
        new = dict(rows)
        marks = [list(mark) for mark in self.marks]
        fences = self.fences
        for pk in state.changed:
            old = by_id[pk] if pk < len(by_id) else math.nan
            if not math.isnan(old):
                at = bisect.bisect_left(values, old)
                while ids[at] != pk:  # among equal values
                    at += 1
                del values[at], ids[at]
                present &= ~(1 << pk)
                for mark in marks[: bisect.bisect_right(fences, old)]:
                    mark[1] &= ~(1 << pk)
            value = new.get(pk)
            if value is None:
                if pk < len(by_id):
                    by_id[pk] = math.nan
                continue
            at = bisect.bisect_left(values, value)
            while at < len(values) and values[at] == value and ids[at] < pk:
                at += 1
            values.insert(at, value)
            ids.insert(at, pk)
            if pk >= len(by_id):
                by_id.extend([math.nan] * (pk + 1 - len(by_id)))
            by_id[pk] = value
            present |= 1 << pk
            for mark in marks[: bisect.bisect_right(fences, value)]:
                mark[1] |= 1 << pk
        marks = [tuple(mark) for mark in marks]
        return Sorted(state.seq, state.token, values, ids, by_id, marks=marks, present=present)

    def _from(self, position):
        """The bits of the ids at `position` and after: those of the nearest mark, give or take
        the ids between (the end of the list is a mark of nobody)."""
        values, fences = self.values, self.fences
        after = bisect.bisect_right(fences, values[position]) if position < len(values) else len(fences)
        start, bits = len(values), 0
        for value, mark in self.marks[max(0, after - 1) : after + 1]:
            at = bisect.bisect_left(values, value)
            if abs(at - position) < abs(start - position):
                start, bits = at, mark
        if start >= position:
            return bits | from_ids(self.ids[position:start])
        return bits & ~from_ids(self.ids[start:position])

    def within(self, low=None, high=None):
        """The bits of the ids whose value is between `low` and `high` (each included; None:
        no bound)."""
        bits = self.present if low is None else self._from(bisect.bisect_left(self.values, low))
        if high is not None:
            bits &= self.present & ~self._from(bisect.bisect_right(self.values, high))
        return bits

    def page(self, matching, start, end, descending, few):
        """The ids at places `start` to `end` of the `matching` bits in this column's order (the
        value, ascending or `descending`, then the id ascending, as SQL's ORDER BY col, id), or
        None when a matching row has no value (databases put NULLs at either end). At most `few`
        matches are sorted by their values; more are found walking the column in order from the
        last mark that holds them all: a few hundred steps where SQLite walked the 83,000 past
        events of the agenda to reach the first one still to come."""
        if matching & ~self.present:
            return None
        if matching.bit_count() <= few:
            by_id = self.by_id
            keyed = ((-by_id[pk] if descending else by_id[pk], pk) for pk in ids_of(matching))
            return [pk for _key, pk in heapq.nsmallest(end, keyed)[start:]]
        values, ids, marks = self.values, self.ids, self.marks
        # Marks hold ever fewer ids: bisect for the last one holding every match (ascending) or
        # the first holding none (descending).
        low, high = 0, len(marks)
        while low < high:
            middle = (low + high) // 2
            mark = marks[middle][1]
            held = (matching & mark) != 0 if descending else (matching & ~mark) == 0
            low, high = (middle + 1, high) if held else (low, middle)
        present = as_bytes(matching)
        size, found = len(present), []
        if not descending:
            begin = bisect.bisect_left(values, self.fences[low - 1]) if low else 0
            for at in range(begin, len(ids)):
                pk = ids[at]
                if (pk >> 3) < size and present[pk >> 3] >> (pk & 7) & 1:
                    found.append(pk)
                    if len(found) == end:
                        break
            return found[start:]
        begin = bisect.bisect_left(values, self.fences[low]) if low < len(marks) else len(ids)
        for at in range(begin - 1, -1, -1):
            pk = ids[at]
            if len(found) >= end and values[at] != values[found[-1]]:
                break  # the last value's ties all read: they go by id
            if (pk >> 3) < size and present[pk >> 3] >> (pk & 7) & 1:
                found.append(at)
        found.sort(key=lambda at: (-values[at], ids[at]))
        return [ids[at] for at in found[start:end]]


def as_bytes(bits):
    """The bitset as bytes: bit n of the set is bit n % 8 of byte n // 8."""
    return bits.to_bytes((bits.bit_length() + 7) // 8, "little")


def ids_of(bits):
    """The ids whose bit is set, ascending."""
    out = []
    for index, byte in enumerate(as_bytes(bits)):
        while byte:
            low = byte & -byte
            out.append(index * 8 + low.bit_length() - 1)
            byte ^= low
    return out


class Reader:
    """Reads a document's rows into FacetBits and keeps them current (see the module's doc)."""

    def __init__(self, backend):
        self.backend = backend
        self.tables = backend.tables
        self.facets = backend.tables.facet_columns()

    def _key(self):
        return (connection.alias, str(connection.settings_dict.get("NAME")), self.tables.rows)

    def kept_text(self, state, kind, text, compute, rows=len):
        """What `compute()` gives for this text (its matching ids, their ranks…), kept by the
        process for the tables' state `state` (FacetBits.current()): a popular word is not
        looked up in the full-text index again for every visitor (105,559 calls that say
        "services": 44 ms on SQLite), and any write, which logs a new state, leaves it behind.
        `rows(value)` is its size, counted against TEXT_ROWS_KEPT."""
        key = (*self._key(), state.seq, state.token, kind, text)
        with _lock:
            if key in _texts:
                _texts.move_to_end(key)
                return _texts[key][0]
        value = compute()
        size = max(1, rows(value))
        if size > TEXT_ROWS_KEPT // 2:
            return value
        with _lock:
            if key not in _texts:
                _texts[key] = (value, size)
                _texts_rows[0] += size
            while _texts_rows[0] > TEXT_ROWS_KEPT:
                _old, (_value, dropped) = _texts.popitem(last=False)
                _texts_rows[0] -= dropped
        return value

    def current(self):
        key = self._key()
        state = _states.get(key)
        with _lock:
            state = _states.get(key)
            fresh = self._refresh(state)
            if fresh is not state:
                _states[key] = fresh
            return fresh

    def rotation(self, everyone, factor, prime):
        """Every id of `everyone` in the day's rotation ((id × factor) mod prime, then id), kept
        by the process for the day: sorting 150,000 ids takes 100 ms, once. Ids new since are
        put in their place; removed ones stay, and never match."""
        key = (*self._key(), factor)

        def rank(pk):
            return ((pk * factor) % prime, pk)

        with _lock:
            known, order = _rotations.get(key, (0, None))
            if order is None:
                known, order = everyone, sorted(ids_of(everyone), key=rank)
            elif everyone & ~known:
                order = list(order)  # a new list: another thread may be walking the old one
                for pk in ids_of(everyone & ~known):
                    bisect.insort(order, pk, key=rank)
                known |= everyone
            else:
                return order
            # Yesterday's order goes: one per document.
            for other in [k for k in _rotations if k[:-1] == key[:-1]]:
                del _rotations[other]
            _rotations[key] = (known, order)
            return order

    def sorted_column(self, state, column):
        """The ordering column's Sorted as of `state` (current()), kept by the process: patched
        with the rows written since when `state` was patched from its state, else read again
        (100,000 events: 60 ms, once per bulk write)."""
        key = (*self._key(), column)
        with _lock:
            kept = _sorted.get(key)
        if kept is not None and (kept.seq, kept.token) == (state.seq, state.token):
            return kept
        rows = self.tables.rows
        follows = kept is not None and state.previous == (kept.seq, kept.token)
        if follows and len(state.changed) <= SORTED_PATCH_UP_TO:
            ids = sorted(state.changed)
            fresh = kept.patched(
                state,
                self.backend._fetch(
                    f"SELECT id, {column} FROM {rows} WHERE {column} IS NOT NULL "
                    f"AND id IN ({', '.join(['%s'] * len(ids))})",
                    ids,
                ),
            )
        else:
            fresh = Sorted.read(
                state, self.backend._fetch(f"SELECT {column}, id FROM {rows} WHERE {column} IS NOT NULL", [])
            )
        with _lock:
            _sorted[key] = fresh
        return fresh

    def recent(self):
        """The bits as last read by this process, without reading the log: for choices that
        only shape a plan, never an answer (current() when there are none yet)."""
        return _states.get(self._key()) or self.current()

    def _refresh(self, state):
        if state is None:
            return self._load()
        sql = f"SELECT seq, id, token FROM {self.tables.log} WHERE seq >= %s ORDER BY seq LIMIT %s"
        entries = self.backend._fetch(sql, [state.seq, MAX_REPLAY + 2])
        if state.seq == 0 and not entries:
            return state  # nothing written since the tables were created
        if not entries or tuple(entries[0][::2]) != (state.seq, state.token):
            return self._load()  # our entry is gone: pruned, rolled back or tables rebuilt
        changes = entries[1:]
        if not changes:
            return state
        if len(changes) > MAX_REPLAY or any(pk is None for _seq, pk, _t in changes):
            return self._load()
        seq, _pk, token = changes[-1]
        return self._patch(state, seq, token, {pk for _seq, pk, _t in changes})

    def _rows(self, ids=None):
        columns = ", ".join(["id"] + [self.tables.facet_column(f) for f in self.facets])
        sql = f"SELECT {columns} FROM {self.tables.rows}"
        if ids is None:
            return self.backend._fetch(sql, [])
        ids = sorted(ids)
        return self.backend._fetch(f"{sql} WHERE id IN ({', '.join(['%s'] * len(ids))})", ids)

    def _codes(self):
        """Per column: a function from the stored value to the codes it holds."""
        from portal.search.database import decoder

        out = []
        for facet in self.facets:
            decode = decoder(facet)
            if facet.many:  # a set: |a|b|
                out.append(lambda v, d=decode: [c for s in v.strip("|").split("|") if s and (c := d(s))])
            else:
                out.append(lambda v, d=decode: [c] if (c := d(v)) else [])
        return out

    def _log_head(self):
        head = self.backend._fetch(f"SELECT seq, token FROM {self.tables.log} ORDER BY seq DESC LIMIT 1", [])
        return head[0] if head else (0, "")

    def _load(self):
        # The head first: a change committed while the rows are read is then replayed later
        # (replaying is idempotent), never missed.
        seq, token = self._log_head()
        rows = self._rows()
        top = max((row[0] for row in rows), default=0)
        size = top // 8 + 1
        buffers = [{} for _f in self.facets]
        codes = self._codes()
        everyone = bytearray(size)
        for row in rows:
            pk = row[0]
            byte, bit = pk >> 3, 1 << (pk & 7)
            everyone[byte] |= bit
            for i, value in enumerate(row[1:]):
                if value is None or value == "":
                    continue
                for code in codes[i](value):
                    buffer = buffers[i].get(code)
                    if buffer is None:
                        buffer = buffers[i][code] = bytearray(size)
                    buffer[byte] |= bit
        bits = {
            facet.name: {code: int.from_bytes(b, "little") for code, b in buffers[i].items()}
            for i, facet in enumerate(self.facets)
        }
        return FacetBits(seq, token, bits, int.from_bytes(everyone, "little"))

    def _patch(self, state, seq, token, ids):
        mask = ~from_ids(ids)
        bits = {name: {code: b & mask for code, b in values.items()} for name, values in state.bits.items()}
        everyone = state.everyone & mask
        codes = self._codes()
        for row in self._rows(ids):
            one = 1 << row[0]
            everyone |= one
            for i, value in enumerate(row[1:]):
                if value is None or value == "":
                    continue
                values = bits.setdefault(self.facets[i].name, {})
                for code in codes[i](value):
                    values[code] = values.get(code, 0) | one
        previous = (state.seq, state.token)
        return FacetBits(seq, token, bits, everyone, previous=previous, changed=frozenset(ids))


def log_changes(backend, ids):
    """Record a write of these ids (None: too many or everything, read all again)."""
    tables = backend.tables
    entries = [(pk, new_token()) for pk in ids] if ids is not None and len(ids) <= LOG_IDS_UP_TO else None
    with connection.cursor() as cursor:
        if entries is None:
            cursor.execute(f"INSERT INTO {tables.log} (id, token) VALUES (NULL, %s)", [new_token()])
        else:
            cursor.executemany(f"INSERT INTO {tables.log} (id, token) VALUES (%s, %s)", entries)
        cursor.execute(f"SELECT MAX(seq) FROM {tables.log}")
        top = cursor.fetchone()[0] or 0
        if top > LOG_KEEP:  # the log stays short (seq is the key: nothing to do is cheap)
            cursor.execute(f"DELETE FROM {tables.log} WHERE seq < %s", [top - LOG_KEEP])


def forget_texts():
    """Drop the text lookups kept (benchmarks: every search as if its words were new)."""
    with _lock:
        _texts.clear()
        _texts_rows[0] = 0


def forget():
    """Drop every process-held bitset (tests that swap databases)."""
    with _lock:
        _states.clear()
        _rotations.clear()
        _sorted.clear()
    forget_texts()
