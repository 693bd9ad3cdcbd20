"""The OpenSearch backend (settings.SEARCH_URL), through opensearch-py's DSL.

Same contract as the database backend: every word must match the start of a word of the
document's text (accents folded), facets are disjunctive (a facet's own filter is left out of
its counts). On top of it: language analyzers (stemming) and place-name synonyms weigh in the
ranking, a query without any exact match is retried with typo tolerance, geo-distance, and
suggestions as you type. Each document's index lives behind an alias
(`<prefix>-<document>`), so a rebuild swaps it without downtime.
"""

import os
import time
from collections import deque
from concurrent.futures import ThreadPoolExecutor
from contextlib import suppress

from django.conf import settings
from django.utils import translation
from opensearchpy import A, OpenSearch, Q, Search
from opensearchpy.exceptions import HTTP_EXCEPTIONS, NotFoundError, TransportError
from opensearchpy.exceptions import ConnectionError as OpenSearchConnectionError
from opensearchpy.helpers import BulkIndexError, bulk

from portal.search.database import text_parts
from portal.search.documents import (
    DISTANCE,
    ROTATION_FACTORS,
    ROTATION_PRIME,
    SearchResult,
    SearchUnavailable,
    option_list,
)
from portal.search.text import fold, labels_starting_with, tokens

ANALYZERS = {"fr": "french", "nl": "dutch", "de": "german", "en": "english"}
SUGGEST, SUGGEST_LABELS, SUGGEST_HITS = "suggest", "suggest_labels", 50
TIMEOUT = 5
# A rebuild sends chunks of CHUNK documents with REQUESTS_IN_FLIGHT requests at a time: the
# node indexes one chunk while this process reads and builds the next (either alone leaves a
# core idle), and two requests let a node with two cores index on both.
CHUNK = 2000
REQUESTS_IN_FLIGHT = 2
REBUILD_TIMEOUT = 120
MERGE_TIMEOUT = 1800  # a million profiles make a 1.2 GB index
# Nobody searches a new index before the alias moves to it: no refresh, no replica and no
# fsync per request while it is loaded; then the index's own settings again (_loaded()).
LOADING = {"refresh_interval": "-1", "number_of_replicas": 0, "translog.durability": "async"}


_clients = {}


def client(rebuild=False):
    """The node's client, one per process, node and use: its connection pool is thread-safe and
    keeps connections open between requests (a new client per request paid for a new TCP
    connection each time). The process id is in the key because gunicorn forks workers from a
    master that may have used it: a forked pool would share the master's sockets.

    A rebuild's client waits longer, sends its requests in flight side by side, and sends them
    uncompressed: gzip at its default level costs more CPU time (in Python, and in the node to
    inflate it) than sending a rebuild's 1.7 kB documents to the node takes (the ~260 MB of
    150,000 profiles: a few seconds on a local network)."""
    key = (os.getpid(), settings.SEARCH_URL, rebuild)
    if key not in _clients:
        if rebuild:
            options = {"timeout": REBUILD_TIMEOUT, "http_compress": False, "pool_maxsize": REQUESTS_IN_FLIGHT}
        else:
            options = {"timeout": TIMEOUT, "http_compress": True}
        _clients[key] = OpenSearch(
            hosts=[settings.SEARCH_URL], max_retries=1, retry_on_timeout=False, **options
        )
    return _clients[key]


def alias_name(document):
    return f"{settings.SEARCH_INDEX_PREFIX}-{document.name}"


def facet_field(facet):
    return f"f_{facet.name}"


def _ordering_field(ordering):
    return f"o_{ordering.name}"


def _all_of(text, filters):
    """The text (scored or not) and the filters together; None when there is neither."""
    if text is None and not filters:
        return None
    return Q("bool", must=[] if text is None else [text], filter=filters)


def rotation_field(slot):
    """The field of the fair order's key on those days (ROTATION_FACTORS)."""
    return f"rotation_{slot}"


def index_body(document):
    from portal.places.lookup import place_synonyms

    properties = {
        # The folded text of the database backend: the words every query must match.
        "doc": {"type": "text", "analyzer": "folded"},
        "pk": {"type": "long"},
        # What the suggestions match: each label folded as fold() does, one term per label, so
        # "starts with what was typed" is a prefix of the term dictionary. It replaced
        # search_as_you_type subfields, whose shingles and prefixes of shingles were half of an
        # event's indexing time. The labels as written are only read back.
        SUGGEST: {"type": "keyword", "ignore_above": 1000},
        SUGGEST_LABELS: {"type": "keyword", "index": False, "doc_values": False},
        # Sorted by, never searched; indexed all the same: with their points the node skips the
        # hits whose key cannot reach the page instead of reading every hit's (a region's
        # 77,000 profiles, in the fair order: 2 ms -> 1).
        **{rotation_field(n): {"type": "long"} for n in range(len(ROTATION_FACTORS))},
    }
    stemmed = []
    for field in document.text_fields:
        mapping = {"type": "text", "analyzer": "places" if field.places else "folded"}
        properties[field.name] = mapping
        if field.stemmed:
            for code, analyzer in ANALYZERS.items():
                stemmed.append(stemmed_field(field.name, code))
                properties[stemmed[-1]] = {"type": "text", "analyzer": analyzer}
    for facet in document.indexed_facets():
        properties[facet_field(facet)] = {"type": "keyword"}
    kinds = {
        "text": {"type": "keyword", "normalizer": "folded"},
        "date": {"type": "date"},
        "number": {"type": "double"},
    }
    for ordering in document.orderings:
        properties[_ordering_field(ordering)] = kinds[ordering.kind]
    if document.has_geo:
        properties["location"] = {"type": "geo_point"}
    return {
        "settings": {
            "number_of_shards": 1,
            "number_of_replicas": settings.SEARCH_REPLICAS,
            "analysis": {
                "filter": {
                    "place_synonyms": {"type": "synonym", "synonyms": place_synonyms(), "lenient": True}
                },
                "normalizer": {"folded": {"type": "custom", "filter": ["lowercase", "asciifolding"]}},
                "analyzer": {
                    "folded": {
                        "type": "custom",
                        "tokenizer": "standard",
                        "filter": ["lowercase", "asciifolding"],
                    },
                    "places": {
                        "type": "custom",
                        "tokenizer": "standard",
                        "filter": ["lowercase", "asciifolding", "place_synonyms"],
                    },
                },
            },
        },
        # Each language's copy of a text is indexed for the ranking and never read back.
        # dynamic false: a field the code sends before the index is rebuilt with its mapping is
        # kept in _source but not indexed with a guessed analyzer.
        "mappings": {
            "dynamic": False,
            "properties": properties,
            "_source": {"excludes": [SUGGEST, *stemmed]},
        },
    }


def stemmed_field(name, code):
    """The field of a stemmed text field's words in one language, read by that language's
    analyzer. Separate fields rather than one subfield per analyzer: a subfield analyses every
    value of its field, so each translation went through all four analyzers (an event's
    description was analysed 16 times instead of 4, half of the node's indexing time)."""
    return f"{name}_in_{code}"


def source(document, obj):
    """The indexed form of an object."""
    values, languages, text, suggestions = text_parts(document, obj)
    pk = document.object_id(obj)
    body = {"pk": pk, "doc": text, **values}
    if suggestions:
        labels = list(dict.fromkeys(suggestions))
        body[SUGGEST_LABELS] = labels
        body[SUGGEST] = list(dict.fromkeys(fold(label) for label in labels))
    for field in document.text_fields:
        if field.stemmed:
            by_language = languages.get(field.name)
            for code in ANALYZERS:
                # A text in an unknown language is read by every language's analyzer.
                words = values[field.name] if by_language is None else by_language.get(code)
                if words:
                    body[stemmed_field(field.name, code)] = words
    for n, factor in enumerate(ROTATION_FACTORS):
        body[rotation_field(n)] = pk * factor % ROTATION_PRIME
    for facet in document.indexed_facets():
        body[facet_field(facet)] = facet.codes(obj)
    for ordering in document.orderings:
        value = ordering.sort_value(obj)
        body[_ordering_field(ordering)] = value.isoformat() if hasattr(value, "isoformat") else value
    if document.has_geo:
        point = document.point(obj)
        if point:
            body["location"] = {"lat": point[0], "lon": point[1]}
    return body


def _ids(answer):
    return [int(hit["_id"]) for hit in answer["hits"]["hits"]]


def _versions(answer):
    """{object id: (index, primary term, sequence number)} of the hits, asked with
    `seq_no_primary_term`: it changes whenever the document is stored again. The index's name is
    part of it because a rebuild's new index numbers its documents from 0 again."""
    return {
        int(hit["_id"]): (hit["_index"], hit["_primary_term"], hit["_seq_no"])
        for hit in answer["hits"]["hits"]
        if "_seq_no" in hit
    }


def _total(answer):
    return answer["hits"]["total"]["value"]


def _send(client, body):
    """One bulk request of a rebuild; a document refused raises BulkIndexError, as with
    opensearch-py's bulk()."""
    response = client.bulk(body=body)
    if response["errors"]:
        failed = [item for item in response["items"] if "error" in next(iter(item.values()))]
        raise BulkIndexError(f"{len(failed)} document(s) failed to index.", failed)


class OpenSearchBackend:
    name = "opensearch"

    def __init__(self, document):
        self.document = document
        self.client = client()
        self.alias = alias_name(document)

    def _call(self, function, *args, **kwargs):
        try:
            return function(*args, **kwargs)
        except (OpenSearchConnectionError, TransportError) as error:
            if isinstance(error, NotFoundError):
                raise
            raise SearchUnavailable(str(error)) from error

    # Index management -------------------------------------------------------------------

    def _new_index(self, loading=False):
        name = f"{self.alias}-{int(time.time() * 1000)}"
        body = index_body(self.document)
        if loading:
            body["settings"] = {**body["settings"], **LOADING}
        self._call(self.client.indices.create, index=name, body=body)
        return name

    def _loaded(self, name):
        """The index's own settings (index_body's) once the load is done."""
        own = dict.fromkeys(LOADING)  # None: back to the node's default
        own["number_of_replicas"] = index_body(self.document)["settings"]["number_of_replicas"]
        self._call(self.client.indices.put_settings, index=name, body={"index": own})

    def ensure_index(self):
        """Create the index and its alias when there is none (first start)."""
        if not self._call(self.client.indices.exists_alias, name=self.alias):
            self._call(self.client.indices.put_alias, index=self._new_index(), name=self.alias)

    def rebuild(self, progress=None):
        """Build a new index beside the live one, then switch the alias in one step. Until then
        the live index keeps answering; a failed build is deleted."""
        name = self._new_index(loading=True)
        try:
            done = self._load(name, progress)
            self._loaded(name)
            self._call(self.client.indices.refresh, index=name)
            # One segment before anyone searches it: facet counts then read that segment's
            # values directly, instead of mapping the values of each of the ~10 segments a load
            # leaves to shared ordinals at every search (a third of the counting time at
            # 150,000 profiles). Later changes add small segments that merge as usual.
            self._call(
                self.client.indices.forcemerge, index=name, max_num_segments=1, request_timeout=MERGE_TIMEOUT
            )
        except BaseException:
            with suppress(SearchUnavailable):  # the node gone: the first error says so
                self._call(self.client.indices.delete, index=name, ignore_unavailable=True)
            raise
        old = []
        if self._call(self.client.indices.exists_alias, name=self.alias):
            old = list(self._call(self.client.indices.get_alias, name=self.alias))
        moves = [{"remove": {"index": index, "alias": self.alias}} for index in old]
        moves.append({"add": {"index": name, "alias": self.alias}})
        self._call(self.client.indices.update_aliases, body={"actions": moves})
        for index in old:
            self._call(self.client.indices.delete, index=index, ignore_unavailable=True)
        return done

    def _chunks(self, name):
        """(NDJSON body, number of documents) of CHUNK documents at a time, read and built in
        the calling thread: the database connection is per thread (a test's transaction is
        visible to its own only). Serialised here rather than by opensearch-py's bulk(), whose
        per-action copies and checks cost as much again as the JSON itself."""
        dumps = self.client.transport.serializer.dumps
        lines = []
        for obj in self.document.objects():
            lines.append(dumps({"index": {"_index": name, "_id": self.document.object_id(obj)}}))
            lines.append(dumps(source(self.document, obj)))
            if len(lines) == 2 * CHUNK:
                yield "\n".join(lines) + "\n", CHUNK
                lines = []
        if lines:
            yield "\n".join(lines) + "\n", len(lines) // 2

    def _load(self, name, progress=None):
        """Send every object to the index `name`, the next chunk built while the node indexes
        the previous ones. Returns how many were sent."""
        loader = client(rebuild=True)
        done = 0
        sending = deque()
        with ThreadPoolExecutor(max_workers=REQUESTS_IN_FLIGHT, thread_name_prefix="opensearch-bulk") as pool:
            for body, count in self._chunks(name):
                while len(sending) >= REQUESTS_IN_FLIGHT:
                    self._call(sending.popleft().result)
                sending.append(pool.submit(_send, loader, body))
                done += count
                if progress:
                    progress(done)
            while sending:
                self._call(sending.popleft().result)
        if progress and not done:
            progress(done)
        return done

    def update(self, ids, found=None, wait=True):
        """Reindex these ids: the public ones are stored again, the others removed."""
        ids = list(ids)
        if not ids:
            return
        self.ensure_index()
        found = list(self.document.objects(ids)) if found is None else found
        kept = {self.document.object_id(o) for o in found}
        actions = [
            {"_index": self.alias, "_id": self.document.object_id(o), "_source": source(self.document, o)}
            for o in found
        ]
        actions += [{"_op_type": "delete", "_index": self.alias, "_id": pk} for pk in ids if pk not in kept]
        # wait_for: an object saved is searchable when the request that saved it returns.
        self._call(bulk, self.client, actions, refresh="wait_for" if wait else False, raise_on_error=False)

    def remove(self, ids):
        actions = [{"_op_type": "delete", "_index": self.alias, "_id": pk} for pk in ids]
        if actions:
            self._call(bulk, self.client, actions, refresh="wait_for", raise_on_error=False)

    def clear(self):
        if self._call(self.client.indices.exists_alias, name=self.alias):
            for index in list(self._call(self.client.indices.get_alias, name=self.alias)):
                self._call(self.client.indices.delete, index=index, ignore_unavailable=True)

    def count(self):
        try:
            return self._call(self.client.count, index=self.alias)["count"]
        except NotFoundError:
            return 0

    def health(self):
        try:
            return self.client.cluster.health(request_timeout=2)["status"]
        except Exception:  # noqa: BLE001 — any failure means "not available"
            return "unavailable"

    # Querying ---------------------------------------------------------------------------

    def _text_query(self, text, fuzzy=False, ranked=True):
        """The text's query; not `ranked`: only what must match (counts and totals, which need
        no score: scoring their hits took a third of a count's time). The typo-tolerant query
        is both at once."""
        words = tokens(text)
        if not words:
            return None
        fields = [f"{f.name}^{f.boost:g}" for f in self.document.text_fields]
        if fuzzy:
            return Q(
                "multi_match",
                query=" ".join(words),
                fields=["doc", *fields],
                fuzziness="AUTO",
                prefix_length=1,
                operator="and",
            )
        # Every word must start a word of the document, as in the database backend…
        required = [Q("prefix", doc=word) for word in words]
        if not ranked:
            return Q("bool", filter=required)
        # …and analyzers, synonyms and exact names decide the ranking.
        return Q("bool", must=required, should=[Q("multi_match", query=text, fields=self._ranking_fields())])

    def _ranking_fields(self):
        """The fields whose best match ranks a hit: each field's folded words and, for a stemmed
        field, its words in the visitor's language, whose analyzer reads the query as they
        wrote it, in their language's word forms. Scoring every hit is most of a text
        query's cost: every language's subfields at once took the node twice as long (7 -> 3 ms
        on "photographer" among 150,000 profiles) for the same first page. Outside a request
        (no language active) every language ranks."""
        language = translation.get_language()
        languages = [language] if language in ANALYZERS else list(ANALYZERS)
        fields = []
        for field in self.document.text_fields:
            fields.append(f"{field.name}^{field.boost:g}")
            if field.stemmed:
                fields += [f"{stemmed_field(field.name, code)}^{field.boost:g}" for code in languages]
        return fields

    def _geo_filter(self, query):
        if not query.near:
            return []
        if not query.origin:
            return [Q("terms", pk=[])]
        lat, lon = query.origin
        return [
            Q(
                "geo_distance",
                distance=f"{query.radius_km}km",
                distance_type="arc",
                location={"lat": lat, "lon": lon},
            )
        ]

    def _filters(self, query):
        """{facet name: filter} of the chosen facets, and the other filters (place, ids)."""
        document = self.document
        active = {}
        for name, values in query.active_filters().items():
            facet = document.facet_map[name]
            field = facet_field(facet)
            if facet.conjunctive:
                active[name] = Q("bool", filter=[Q("term", **{field: value}) for value in values])
            else:
                active[name] = Q("terms", **{field: list(values)})
        other = self._geo_filter(query)
        if query.only_ids is not None:
            other.append(Q("terms", pk=sorted(query.only_ids)))
        for name, (low, high) in query.ranges.items():
            ordering = document.ordering_map[name]
            bounds = {}
            for key, bound in (("gte", low), ("lte", high)):
                if bound is not None:
                    bounds[key] = bound.isoformat() if hasattr(bound, "isoformat") else bound
            if bounds:
                other.append(Q("range", **{_ordering_field(ordering): bounds}))
        return active, other

    def _matching(self, query, fuzzy=False):
        """The query without its page, order, facets or scores: what a total counts."""
        active, geo = self._filters(query)
        return _all_of(self._text_query(query.q, fuzzy=fuzzy, ranked=False), geo + list(active.values()))

    def total(self, query):
        """How many objects match (no page, no facets)."""
        s = Search(using=self.client, index=self.alias)
        matching = self._matching(query)
        return self._call((s.query(matching) if matching else s).count)

    def _count(self, query):
        """A search that counts the query's matches, as _msearch takes it."""
        matching = self._matching(query) or Q("match_all")
        return {"query": matching.to_dict(), "size": 0, "track_total_hits": True}

    def ids(self, query):
        """Every matching id, unordered (for alerts and exports)."""
        matching = self._matching(query)
        s = Search(using=self.client, index=self.alias).source(False)
        if matching:
            s = s.query(matching)
        return self._call(lambda: [int(hit.meta.id) for hit in s.scan()])

    def _search(self, query, fuzzy=False, facets=True, totals=()):
        """(hits, counts, totals): the node's answers, as plain dicts, for the page of hits,
        with `facets` for the facet counts (else None), and for the count of each query of
        `totals`.

        They are two searches in one request: the node runs them side by side (on a node with
        two cores, the page costs the slower of the two, not their sum), and the counts, asked
        with no hits, are kept in the node's request cache until the index next changes, so a
        popular filter's counts are not aggregated again for every visitor."""
        document = self.document
        text = self._text_query(query.q, fuzzy=fuzzy)
        active, geo = self._filters(query)
        found = _all_of(text, geo + list(active.values())) or Q("match_all")
        counted = document.counted_facets() if facets else ()
        # The counts' search counts the hits too: the page's own search need not count them.
        hits = Search(using=self.client, index=self.alias).extra(track_total_hits=not counted)
        # The day's key (an index built before the keys were kept must be built again:
        # `rebuild_search_index`).
        key = rotation_field(query.rotation_slot)
        rotation = {key: {"order": "asc", "unmapped_type": "long"}}
        ordering = query.effective_ordering
        declared = document.ordering_map.get(ordering)
        hits = hits.query(found)
        if declared:
            hits = hits.sort({_ordering_field(declared): "desc" if declared.descending else "asc"}, "pk")
        elif ordering == DISTANCE and query.origin:
            lat, lon = query.origin
            hits = hits.sort(
                {"_geo_distance": {"location": {"lat": lat, "lon": lon}, "order": "asc"}}, rotation
            )
        elif text is not None:
            # Equal relevance in the day's order. (Folded into the score instead, with a
            # distance_feature on the key, it let the node skip no hit: tens of thousands of
            # profiles are equally relevant to "web", all then competitive; 69 -> 79 ms at a
            # million.)
            hits = hits.sort("_score", rotation)
        else:
            hits = hits.sort(rotation)
        start = (query.page - 1) * query.page_size
        hits = hits.source(False).extra(seq_no_primary_term=True)[start : start + query.page_size]
        if not counted and not totals:
            return self._call(self.client.search, index=self.alias, body=hits.to_dict()), None, []
        # What the counts match: the same text without scores, the same filters.
        plain = self._text_query(query.q, fuzzy=fuzzy, ranked=False)
        counts = (
            Search(using=self.client, index=self.alias)
            .query(_all_of(plain, geo + list(active.values())) or Q("match_all"))
            .extra(size=0, track_total_hits=True)
        )
        for facet in counted:
            # As many buckets as the facet has options: no more work than needed.
            terms = A("terms", field=facet_field(facet), size=len(facet.option_list()) + 1)
            if facet.name in active and not facet.conjunctive:
                # Facets are disjunctive: an active facet counts over the hits of every other
                # filter but its own, so it leaves the hits (global) and filters again.
                others = [f for other, f in active.items() if other != facet.name]
                scoped = geo + others
                scope = _all_of(plain, scoped) or Q("match_all")
                counts.aggs.bucket(facet.name, "global").bucket("scope", "filter", filter=scope).bucket(
                    "values", terms
                )
            else:
                # The others count the hits themselves: no filter to test on every document.
                counts.aggs.bucket(facet.name, terms)
        return self._call(self._together, hits, counts if counted else None, totals)

    def _together(self, hits, counts, totals):
        """Run the searches in one _msearch; an error in any raises as _search would."""
        body = [{"index": self.alias}, hits.to_dict()]
        if counts is not None:
            body += [{"index": self.alias, "request_cache": True}, counts.to_dict()]
        for query in totals:
            body += [{"index": self.alias}, self._count(query)]
        answers = self.client.msearch(body=body)["responses"]
        for answer in answers:
            if "error" in answer:
                status = answer.get("status", 500)
                error = answer["error"]
                kind = error.get("type", "error") if isinstance(error, dict) else str(error)
                raise HTTP_EXCEPTIONS.get(status, TransportError)(status, kind, error)
        if counts is None:
            return answers[0], None, [_total(a) for a in answers[1:]]
        answers[0]["hits"]["total"] = answers[1]["hits"]["total"]  # the page's search did not count
        return answers[0], answers[1], [_total(a) for a in answers[2:]]

    @classmethod
    def first_ids(cls, queries):
        """[(ids, total)] of the first page of each query, without aggregations (the site search
        shows a few hits of every document); a query that finds nothing is tried again with
        typo tolerance, as search() does."""
        answers = []
        for query in queries:
            backend = cls(query.document)
            try:
                response, _counts, _totals = backend._search(query, facets=False)
                if _total(response) == 0 and tokens(query.q):
                    response, _counts, _totals = backend._search(query, fuzzy=True, facets=False)
            except NotFoundError:
                backend.ensure_index()
                response, _counts, _totals = backend._search(query, facets=False)
            answers.append((_ids(response), _total(response)))
        return answers

    def search(self, query, totals=()):
        """The page, the total and the facet counts; with `totals`, how many match each of
        those queries too (a live facet's counts), in the same request."""
        try:
            response, counts, asked = self._search(query, totals=totals)
            if _total(response) == 0 and tokens(query.q):
                # Nothing starts with these words: perhaps a typo ("fotografer"). The totals
                # stay those of the words as typed, as total() gives them.
                response, counts, _typo = self._search(query, fuzzy=True)
        except NotFoundError:
            self.ensure_index()
            response, counts, asked = self._search(query, totals=totals)
        facets = {}
        aggregations = counts["aggregations"] if counts else {}  # None: no facet is counted
        for facet in self.document.counted_facets():
            counted = aggregations[facet.name]
            buckets = counted["scope"]["values"]["buckets"] if "scope" in counted else counted["buckets"]
            facets[facet.name] = option_list(query, facet, {str(b["key"]): b["doc_count"] for b in buckets})
        return SearchResult(
            ids=_ids(response),
            total=_total(response),
            query=query,
            facets=facets,
            page=query.page,
            page_size=query.page_size,
            totals=asked,
            versions=_versions(response),
        )

    def suggest(self, text, limit=8):
        """The labels (names, titles, places) that start with what was typed, the most frequent
        first among the first SUGGEST_HITS documents that have one, as the database backend
        counts them."""
        folded = fold(text)
        if not folded:
            return []
        s = Search(using=self.client, index=self.alias).filter("prefix", **{SUGGEST: folded})
        response = self._call(s.source([SUGGEST_LABELS])[:SUGGEST_HITS].execute)
        labels = (getattr(hit, SUGGEST_LABELS, None) or [] for hit in response.hits)
        return labels_starting_with(folded, labels, limit)
