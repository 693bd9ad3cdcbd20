"""The OpenSearch backend of member search (settings.SEARCH_URL), through opensearch-py's DSL.

Same contract as the database backend: every word must match the start of a word of the
profile (names, professions, sectors and places in every language, accents folded), facets
are disjunctive (a facet's own filter is left out of its counts). On top of it: language
analyzers (stemming) and place-name synonyms weigh in the ranking, a query without any exact
match falls back to a typo-tolerant one, geo-distance filtering, and search-as-you-type
suggestions. The index lives behind an alias so that a rebuild swaps it without downtime.
"""

import time

from django.conf import settings
from opensearchpy import OpenSearch, Q, Search
from opensearchpy.exceptions import ConnectionError as OpenSearchConnectionError
from opensearchpy.exceptions import NotFoundError, TransportError
from opensearchpy.helpers import bulk

from directory.models import MemberProfile
from portal.search.text import fold, tokens

from .base import FACETS, ROTATION_PRIME, SearchBackend, SearchResult, SearchUnavailable
from .facets import option_list

LANGS = ("fr", "nl", "de", "en")
ANALYZERS = {"fr": "french", "nl": "dutch", "de": "german", "en": "english"}
# Facet -> the keyword field it aggregates and filters on.
FIELDS = {
    "sector": "sectors",
    "profession": "profession",
    "region": "region",
    "province": "province",
    "language": "languages",
    "experience": "experience",
    "mentor": "mentor",
}
TIMEOUT = 5


def client():
    return OpenSearch(
        hosts=[settings.SEARCH_URL],
        timeout=TIMEOUT,
        max_retries=1,
        retry_on_timeout=False,
        http_compress=True,
    )


def alias_name():
    return f"{settings.SEARCH_INDEX_PREFIX}-members"


def _place_synonyms():
    """Liège, Luik, Lüttich, liege… as one place: every municipality's names are synonyms."""
    from portal.places.models import Municipality

    rules = set()
    for names in Municipality.objects.values_list("search_names", flat=True):
        words = sorted({n for n in names.split("|") if n and not n.isdigit() and " " not in n})
        if len(words) > 1:
            rules.add(", ".join(words))
    return sorted(rules)


def index_body():
    text_languages = {code: {"type": "text", "analyzer": ANALYZERS[code]} for code in LANGS}
    return {
        "settings": {
            "number_of_shards": 1,
            "number_of_replicas": settings.SEARCH_REPLICAS,
            "analysis": {
                "filter": {
                    "place_synonyms": {"type": "synonym", "synonyms": _place_synonyms(), "lenient": True}
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
        "mappings": {
            "properties": {
                # The folded document of the database backend: the words every query must match.
                "doc": {"type": "text", "analyzer": "folded"},
                "name": {
                    "type": "text",
                    "analyzer": "folded",
                    "fields": {"suggest": {"type": "search_as_you_type", "analyzer": "folded"}},
                },
                "name_sort": {"type": "keyword", "normalizer": "folded"},
                "title": {"type": "text", "analyzer": "folded"},
                "skills": {"type": "text", "analyzer": "folded"},
                "profession_names": {"type": "text", "analyzer": "folded", "fields": text_languages},
                "sector_names": {"type": "text", "analyzer": "folded", "fields": text_languages},
                "bio": {"properties": text_languages},
                "place_names": {
                    "type": "text",
                    "analyzer": "places",
                    "fields": {"suggest": {"type": "search_as_you_type", "analyzer": "folded"}},
                },
                "profession_suggest": {"type": "search_as_you_type", "analyzer": "folded"},
                "profession": {"type": "keyword"},
                "sectors": {"type": "keyword"},
                "languages": {"type": "keyword"},
                "experience": {"type": "keyword"},
                "mentor": {"type": "boolean"},
                "region": {"type": "keyword"},
                "province": {"type": "keyword"},
                "municipality": {"type": "keyword"},
                "postal_code": {"type": "keyword"},
                "municipality_postcodes": {"type": "keyword"},
                "location": {"type": "geo_point"},
                "updated_at": {"type": "date"},
                "pk": {"type": "long"},
            }
        },
    }


def document(profile):
    """The indexed form of a public profile (municipality, province, region, sectors,
    languages and profession loaded)."""
    place = profile.municipality
    sectors = list(profile.sectors.all())
    profession = profile.profession
    return {
        "pk": profile.pk,
        "doc": profile.search_text or profile.build_search_text(),
        "name": profile.display_name,
        "name_sort": fold(profile.display_name),
        "title": profile.title,
        "skills": profile.skills,
        "profession_names": [getattr(profession, f"name_{c}") for c in LANGS] if profession else [],
        "profession_suggest": [getattr(profession, f"name_{c}") for c in LANGS] if profession else [],
        "sector_names": [getattr(s, f"name_{c}") for s in sectors for c in LANGS],
        "bio": dict(profile.bios()),
        "place_names": [getattr(place, f"name_{c}") for c in LANGS],
        "profession": profession.slug if profession else None,
        "sectors": [s.slug for s in sectors],
        "languages": [lang.code for lang in profile.languages.all()],
        "experience": profile.experience,
        "mentor": profile.mentor,
        "region": place.region.refnis,
        "province": place.province.refnis if place.province_id else None,
        "municipality": place.refnis,
        "postal_code": profile.postal_code,
        "municipality_postcodes": [p.code for p in place.postal_codes.all()],
        "location": {"lat": place.latitude, "lon": place.longitude},
        "updated_at": profile.updated_at.isoformat(),
    }


def _profiles(ids):
    return (
        MemberProfile.objects.public()
        .filter(pk__in=ids)
        .select_related("profession", "municipality__province", "municipality__region")
        .prefetch_related("sectors", "languages", "municipality__postal_codes")
    )


class OpenSearchBackend(SearchBackend):
    name = "opensearch"

    def __init__(self):
        self.client = client()
        self.alias = alias_name()

    def _call(self, function, *args, **kwargs):
        try:
            return function(*args, **kwargs)
        except (OpenSearchConnectionError, TransportError) as error:
            if isinstance(error, NotFoundError):
                raise
            raise SearchUnavailable(str(error)) from error

    # Index management -------------------------------------------------------------------

    def ensure_index(self):
        """Create the index and its alias when there is none (first start)."""
        if not self._call(self.client.indices.exists_alias, name=self.alias):
            name = f"{self.alias}-{int(time.time() * 1000)}"
            self._call(self.client.indices.create, index=name, body=index_body())
            self._call(self.client.indices.put_alias, index=name, name=self.alias)

    def rebuild(self, progress=None, batch=1000):
        """Build a new index beside the live one, then switch the alias in one step."""
        name = f"{self.alias}-{int(time.time() * 1000)}"
        self._call(self.client.indices.create, index=name, body=index_body())
        ids = list(MemberProfile.objects.public().order_by("pk").values_list("pk", flat=True))
        done = 0
        for start in range(0, len(ids), batch):
            chunk = _profiles(ids[start : start + batch])
            actions = ({"_index": name, "_id": p.pk, "_source": document(p)} for p in chunk)
            self._call(bulk, self.client, actions, chunk_size=batch, request_timeout=60)
            done += len(ids[start : start + batch])
            if progress:
                progress(done, len(ids))
        self._call(self.client.indices.refresh, index=name)
        old = []
        if self._call(self.client.indices.exists_alias, name=self.alias):
            old = list(self._call(self.client.indices.get_alias, name=self.alias))
        actions = [{"remove": {"index": index, "alias": self.alias}} for index in old]
        actions.append({"add": {"index": name, "alias": self.alias}})
        self._call(self.client.indices.update_aliases, body={"actions": actions})
        for index in old:
            self._call(self.client.indices.delete, index=index, ignore_unavailable=True)
        return done

    def index_profiles(self, profiles, fresh=False):
        ids = [p.pk for p in profiles]
        if not ids:
            return
        self.ensure_index()
        public = list(_profiles(ids))
        public_ids = {p.pk for p in public}
        actions = [{"_index": self.alias, "_id": p.pk, "_source": document(p)} for p in public]
        actions += [
            {"_op_type": "delete", "_index": self.alias, "_id": pk} for pk in ids if pk not in public_ids
        ]
        # wait_for: a profile saved is searchable when the request that saved it returns.
        self._call(bulk, self.client, actions, refresh="wait_for", raise_on_error=False)

    def remove_profiles(self, ids):
        ids = list(ids)
        if ids:
            actions = [{"_op_type": "delete", "_index": self.alias, "_id": pk} for pk in ids]
            self._call(bulk, self.client, actions, refresh="wait_for", raise_on_error=False)

    def remove_stale_charter(self, version):
        stale = list(MemberProfile.objects.exclude(charter_version=version).values_list("pk", flat=True))
        self.remove_profiles(stale)

    def clear(self):
        if self._call(self.client.indices.exists_alias, name=self.alias):
            for index in list(self._call(self.client.indices.get_alias, name=self.alias)):
                self._call(self.client.indices.delete, index=index, ignore_unavailable=True)

    def has_documents(self):
        try:
            return self.client.count(index=self.alias)["count"] > 0
        except NotFoundError:
            return False

    def health(self):
        try:
            return self.client.cluster.health(request_timeout=2)["status"]
        except Exception:  # noqa: BLE001 — any failure means "not available"
            return "unavailable"

    # Querying ---------------------------------------------------------------------------

    def _text_query(self, text, fuzzy=False):
        words = tokens(text)
        if not words:
            return None
        if fuzzy:
            return Q(
                "multi_match",
                query=" ".join(words),
                fields=["doc", "name^2", "place_names", "profession_names.*", "sector_names.*", "bio.*"],
                fuzziness="AUTO",
                prefix_length=1,
                operator="and",
            )
        # Every word must start a word of the document, as in the database backend…
        required = [Q("prefix", doc=word) for word in words]
        # …and analyzers, synonyms and exact names decide the ranking.
        ranking = [
            Q("match", name={"query": text, "boost": 3}),
            Q("match", place_names={"query": text, "boost": 2}),
            Q(
                "multi_match",
                query=text,
                fields=["profession_names.*^2", "sector_names.*", "bio.*", "title", "skills"],
            ),
        ]
        return Q("bool", must=required, should=ranking)

    def _base_filters(self, query):
        """Filters that are not facets: municipality, postcode, distance."""
        filters = []
        if query.municipality:
            filters.append(Q("term", municipality=query.municipality))
        if query.postcode:
            filters.append(
                Q("term", postal_code=query.postcode)
                | (Q("term", postal_code="") & Q("term", municipality_postcodes=query.postcode))
            )
        if query.near:
            point = self._origin(query)
            if point is None:
                filters.append(Q("terms", municipality=[]))
            else:
                filters.append(
                    Q(
                        "geo_distance",
                        distance=f"{query.radius_km}km",
                        distance_type="arc",
                        location={"lat": point[0], "lon": point[1]},
                    )
                )
        return filters

    def _facet_filter(self, query, name):
        value = getattr(query, FACETS[name])
        if value is None or value == "" or value == ():
            return None
        field = FIELDS[name]
        if name == "mentor":
            return Q("term", mentor=value)
        if isinstance(value, tuple):
            return Q("terms", **{field: list(value)})
        return Q("term", **{field: value})

    def _search(self, query, fuzzy=False):
        text = self._text_query(query.q, fuzzy=fuzzy)
        base = self._base_filters(query)
        facet_filters = {name: self._facet_filter(query, name) for name in FACETS}
        active = {name: f for name, f in facet_filters.items() if f is not None}

        s = Search(using=self.client, index=self.alias).extra(track_total_hits=True)
        s = s.query(Q("bool", must=[text] if text else [Q("match_all")], filter=base))
        if active:
            # Facet filters apply to the hits, not to the aggregations' base set…
            s = s.post_filter(Q("bool", filter=list(active.values())))
        for name in FACETS:
            # …each facet counts with every other facet's filter.
            others = [f for other, f in active.items() if other != name]
            bucket = s.aggs.bucket(
                name, "filter", filter=Q("bool", filter=others) if others else Q("match_all")
            )
            bucket.bucket("values", "terms", field=FIELDS[name], size=200)
        rotation = {
            "_script": {
                "type": "number",
                "order": "asc",
                "script": {
                    "lang": "painless",
                    "source": "(doc['pk'].value * params.factor) % params.prime",
                    "params": {"factor": query.rotation_factor, "prime": ROTATION_PRIME},
                },
            }
        }
        ordering = query.effective_ordering
        point = self._origin(query)
        if ordering == "name":
            s = s.sort("name_sort", "pk")
        elif ordering == "updated":
            s = s.sort({"updated_at": "desc"}, "pk")
        elif ordering == "distance" and point:
            s = s.sort(
                {"_geo_distance": {"location": {"lat": point[0], "lon": point[1]}, "order": "asc"}}, rotation
            )
        elif text is not None:
            s = s.sort("_score", rotation)
        else:
            s = s.sort(rotation)
        start = (query.page - 1) * query.page_size
        s = s.source(False)[start : start + query.page_size]
        return self._call(s.execute)

    def search(self, query):
        try:
            response = self._search(query)
            if response.hits.total.value == 0 and tokens(query.q):
                # Nothing starts with these words: perhaps a typo ("fotografer").
                response = self._search(query, fuzzy=True)
        except NotFoundError:
            self.ensure_index()
            response = self._search(query)
        ids = [int(hit.meta.id) for hit in response.hits]
        hits = self.hydrate(ids)
        facets = {}
        for name in FACETS:
            buckets = getattr(response.aggregations, name).values.buckets
            facets[name] = option_list(name, {self._key(name, b): b.doc_count for b in buckets}, query)
        distances = self.distances(query, hits)
        return SearchResult(
            hits=hits,
            total=response.hits.total.value,
            facets=facets,
            page=query.page,
            page_size=query.page_size,
            distances=distances,
        )

    @staticmethod
    def _key(name, bucket):
        if name == "mentor":
            return "true" if bucket.key in (1, True, "true") else "false"
        return str(bucket.key)

    def suggest(self, text, limit=8):
        """Names, professions and places that start with what was typed."""
        words = fold(text)
        if not words:
            return []
        fields = ["name.suggest", "name.suggest._2gram", "name.suggest._3gram"]
        s = Search(using=self.client, index=self.alias).query(
            "multi_match",
            query=words,
            type="bool_prefix",
            fields=[
                *fields,
                "profession_suggest",
                "profession_suggest._2gram",
                "place_names.suggest",
                "place_names.suggest._2gram",
            ],
        )
        s = s.source(["name", "profession_suggest", "place_names"])[:limit]
        response = self._call(s.execute)
        seen, out = set(), []
        for hit in response.hits:
            for label in [hit.name, *(hit.profession_suggest or []), *(hit.place_names or [])]:
                if label and fold(label).startswith(words.split()[0]) and label not in seen:
                    seen.add(label)
                    out.append(label)
        return out[:limit]
