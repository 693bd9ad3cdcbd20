"""Members' alerts on calls: new calls matched against every saved search at once, and the
digest e-mails (`manage.py send_call_alerts`).

Matching is set-wise, never one query per (call, alert) pair:
- database backend: one SQL join per criterion kind (the alerts' sectors with the calls'
  sectors, the same for regions) over a batch of new calls, kinds and levels compared in memory,
  keywords through the calls' search index restricted to the batch, once per distinct keyword
  string; each alert's matches are the intersection of its criteria's sets;
- OpenSearch: every saved search is a percolator query in an index of its own
  (`<prefix>-call-alerts`), and each batch of new calls is percolated in one request.
Both give the same answers (tests/calls/test_alerts.py). The semantics are the calls list's:
every criterion given must hold, any of its values will do, and every keyword must start a
word of the call (accents and case folded, any language).
"""

import datetime
import hashlib
import logging
from collections import defaultdict
from urllib.parse import urlencode

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMessage
from django.db import connection, transaction
from django.db.models import Exists, F, OuterRef, Q
from django.urls import reverse
from django.utils import timezone, translation

from calls.documents import CALLS
from calls.models import AlertRun, Call, Frequency, Match, SavedSearch
from portal import search
from portal.mail import render_mail
from portal.places import choices as places
from portal.search.database import DatabaseBackend
from portal.search.documents import SearchUnavailable
from portal.search.text import tokens
from portal.taxonomy import choices as taxonomy
from portal.utils import canonical_url, supported_language

logger = logging.getLogger(__name__)

BATCH = 500  # new calls matched (or percolated) at once
DIGEST_LIMIT = 50  # calls listed in one e-mail; the others are behind a link to the list
# How often each frequency is due. A run a few minutes earlier than the last one's time the day
# (or week) before still sends: cron is not exact.
PERIODS = {
    Frequency.IMMEDIATE: datetime.timedelta(0),
    Frequency.DAILY: datetime.timedelta(days=1),
    Frequency.WEEKLY: datetime.timedelta(days=7),
}
SLACK = datetime.timedelta(hours=1)
# Calls saved just before a run may commit just after it: each run looks this far back again
# (matching twice creates nothing twice).
OVERLAP = datetime.timedelta(minutes=5)
# The first run of a frequency looks back this far, not at every call ever published.
FIRST_LOOKBACK = {
    Frequency.IMMEDIATE: datetime.timedelta(hours=1),
    Frequency.DAILY: datetime.timedelta(days=1),
    Frequency.WEEKLY: datetime.timedelta(days=7),
}
CRITERIA = ("sector", "region", "kind", "level")


# Signed links --------------------------------------------------------------------------------


def _signer(alert, purpose):
    # The alert's secret is in the salt: renewing it invalidates every link given before.
    return signing.Signer(salt=f"calls.alert.{purpose}:{alert.secret}")


def make_token(alert, purpose="unsubscribe"):
    return _signer(alert, purpose).sign(str(alert.pk))


def alert_for_token(token, purpose="unsubscribe"):
    """The alert a signed token was made for, or None (unknown, tampered with, or renewed)."""
    pk = str(token or "").partition(":")[0]
    if not (pk.isascii() and pk.isdigit()) or len(pk) > 18:
        return None
    alert = SavedSearch.objects.filter(pk=int(pk)).select_related("user").first()
    if alert is None:
        return None
    try:
        value = _signer(alert, purpose).unsign(token)
    except signing.BadSignature:
        return None
    return alert if value == str(alert.pk) else None


def unsubscribe_url(alert):
    return canonical_url(reverse("calls:unsubscribe", args=[make_token(alert)]))


def feed_path(alert):
    """The alert's RSS address, readable without logging in (a feed reader has no session)."""
    return reverse("calls:alert_feed", args=[alert.pk]) + "?" + urlencode({"key": make_token(alert, "feed")})


# Criteria --------------------------------------------------------------------------------------


class Criteria:
    """What an alert asks for, as the search document's codes: sector slugs, region REFNIS
    codes, kind and level codes, and its keywords as folded words."""

    __slots__ = ("pk", "sectors", "regions", "kinds", "levels", "words")

    def __init__(self, pk, sectors=(), regions=(), kinds=(), levels=(), keywords=""):
        self.pk = pk
        self.sectors, self.regions = frozenset(sectors), frozenset(regions)
        self.kinds, self.levels = frozenset(kinds), frozenset(levels)
        self.words = " ".join(tokens(keywords))

    def values(self, name):
        by_name = {"sector": self.sectors, "region": self.regions, "kind": self.kinds, "level": self.levels}
        return by_name[name]

    def fingerprint(self):
        parts = [",".join(sorted(self.values(name))) for name in CRITERIA] + [self.words]
        return hashlib.sha1("|".join(parts).encode()).hexdigest()

    def params(self):
        """The calls list's query string for the same search."""
        pairs = [(name, value) for name in CRITERIA for value in sorted(self.values(name))]
        if self.words:
            pairs.append(("q", self.words))
        return urlencode(pairs)


def _links(field, target, alert_ids=None):
    """{alert id: [target id]} of one of the alerts' many-to-many fields."""
    through = SavedSearch._meta.get_field(field).remote_field.through
    rows = through.objects.all()
    if alert_ids is not None:
        rows = rows.filter(savedsearch_id__in=alert_ids)
    found = defaultdict(list)
    for alert_id, value in rows.values_list("savedsearch_id", f"{target}_id"):
        found[alert_id].append(value)
    return found


def criteria_of(alerts):
    """[Criteria] of these alerts (a queryset): three queries whatever their number."""
    rows = list(alerts.values_list("pk", "kinds", "levels", "keywords"))
    ids = [row[0] for row in rows] if len(rows) < 500 else None
    sectors, regions = _links("sectors", "sector", ids), _links("regions", "region", ids)
    slugs = {pk: slug for pk, (slug, _names) in taxonomy.sectors_by_id().items()}
    refnis = {pk: code for code, pk in places.region_ids().items()}
    return [
        Criteria(
            pk,
            sectors=[slugs[s] for s in sectors.get(pk, []) if s in slugs],
            regions=[refnis[r] for r in regions.get(pk, []) if r in refnis],
            kinds=[code for code in kinds.split("|") if code],
            levels=[code for code in levels.split("|") if code],
            keywords=keywords,
        )
        for pk, kinds, levels, keywords in rows
    ]


def list_params(alert):
    """The calls list's query string for the alert's search ("see every call")."""
    return criteria_of(SavedSearch.objects.filter(pk=alert.pk))[0].params()


# Matching --------------------------------------------------------------------------------------


def _active_alerts(frequency=None):
    alerts = SavedSearch.objects.filter(active=True)
    return alerts.filter(frequency=frequency) if frequency else alerts


def live_ids(call_ids, now=None):
    """The calls among these that can still be answered: published, forthcoming or open, and
    not past their deadline (even before the hourly status refresh)."""
    now = now or timezone.now()
    return set(
        Call.objects.public()
        .live()
        .filter(pk__in=list(call_ids))
        .filter(Q(deadline__isnull=True) | Q(deadline__gte=now))
        .values_list("pk", flat=True)
    )


def _sector_pairs(call_ids, alert_filter):
    """(alert id, call id) for the alerts with sectors, every criterion but the keywords tested
    in one query: a shared sector, then the alert's kinds, levels and regions (when it has
    some). Driven by the sectors' join over the new calls only; nothing per alert or per call."""
    quote = connection.ops.quote_name

    def table(model, field=None):
        return quote(
            model._meta.get_field(field).remote_field.through._meta.db_table
            if field
            else model._meta.db_table
        )

    ids = sorted(call_ids)
    sql = (
        "SELECT DISTINCT a.savedsearch_id, c.call_id "
        f"FROM {table(SavedSearch, 'sectors')} a "
        f"JOIN {table(Call, 'sectors')} c ON c.sector_id = a.sector_id "
        f"JOIN {table(SavedSearch)} s ON s.id = a.savedsearch_id "
        f"JOIN {table(Call)} k ON k.id = c.call_id "
        f"WHERE c.call_id IN ({', '.join(['%s'] * len(ids))}) AND {alert_filter[0]} "
        # Codes separated by "|" ("tender|grant"): the call's among them, or none chosen.
        "AND (s.kinds = '' OR ('|' || s.kinds || '|') LIKE ('%%|' || k.kind || '|%%')) "
        "AND (s.levels = '' OR ('|' || s.levels || '|') LIKE ('%%|' || k.level || '|%%')) "
        f"AND (NOT EXISTS (SELECT 1 FROM {table(SavedSearch, 'regions')} ar WHERE ar.savedsearch_id = s.id) "
        f"OR EXISTS (SELECT 1 FROM {table(SavedSearch, 'regions')} ar "
        f"JOIN {table(Call, 'regions')} cr ON cr.region_id = ar.region_id "
        "WHERE ar.savedsearch_id = s.id AND cr.call_id = k.id))"
    )
    found = defaultdict(set)
    with connection.cursor() as cursor:
        cursor.execute(sql, [*ids, *alert_filter[1]])
        for alert_id, call_id in cursor.fetchall():
            found[alert_id].add(call_id)
    return found


def _pairs_sql(field, call_ids, alert_filter):
    """(alert id, call id) sharing a value of a many-to-many criterion (sectors, regions): one
    join of the alerts' link table with the calls' link table, over the new calls only."""
    quote = connection.ops.quote_name
    alert_through = SavedSearch._meta.get_field(field).remote_field.through
    call_through = Call._meta.get_field(field).remote_field.through
    target = SavedSearch._meta.get_field(field).remote_field.model._meta.model_name
    a_owner = quote(alert_through._meta.get_field("savedsearch").column)
    a_value = quote(alert_through._meta.get_field(target).column)
    c_owner = quote(call_through._meta.get_field("call").column)
    c_value = quote(call_through._meta.get_field(target).column)
    alerts_table = quote(SavedSearch._meta.db_table)
    ids = sorted(call_ids)
    sql = (
        f"SELECT DISTINCT a.{a_owner}, c.{c_owner} "
        f"FROM {quote(alert_through._meta.db_table)} a "
        f"JOIN {quote(call_through._meta.db_table)} c ON c.{c_value} = a.{a_value} "
        f"JOIN {alerts_table} s ON s.id = a.{a_owner} "
        f"WHERE c.{c_owner} IN ({', '.join(['%s'] * len(ids))}) AND {alert_filter[0]}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*ids, *alert_filter[1]])
        found = defaultdict(set)
        for alert_id, call_id in cursor.fetchall():
            found[alert_id].add(call_id)
    return found


def _alert_filter(frequency):
    if frequency:
        return "s.active = %s AND s.frequency = %s", [True, frequency]
    return "s.active = %s", [True]


def match_database(call_ids, frequency=None):
    """{(alert id, call id)} on the database: a handful of queries per batch of calls."""
    call_ids = set(call_ids)
    if not call_ids:
        return set()
    sectors = SavedSearch.sectors.through.objects.filter(savedsearch_id=OuterRef("pk"))
    regions = SavedSearch.regions.through.objects.filter(savedsearch_id=OuterRef("pk"))
    alerts = list(
        _active_alerts(frequency)
        .annotate(by_sector=Exists(sectors), by_region=Exists(regions))
        .values_list("pk", "kinds", "levels", "keywords", "by_sector", "by_region")
    )
    if not alerts:
        return set()
    condition = _alert_filter(frequency)
    # Alerts with sectors: everything but the words in one query; the others (regions, kinds,
    # levels, words only: few) below.
    by_sector = _sector_pairs(call_ids, condition) if any(a[4] for a in alerts) else {}
    sectorless = (
        f"{condition[0]} AND NOT EXISTS (SELECT 1 "
        f"FROM {connection.ops.quote_name(SavedSearch.sectors.through._meta.db_table)} x "
        "WHERE x.savedsearch_id = s.id)",
        condition[1],
    )
    by_region = _pairs_sql("regions", call_ids, sectorless) if any(a[5] and not a[4] for a in alerts) else {}
    kinds, levels = defaultdict(set), defaultdict(set)
    for pk, kind, level in Call.objects.filter(pk__in=list(call_ids)).values_list("pk", "kind", "level"):
        kinds[kind].add(pk)
        levels[level].add(pk)
    backend = DatabaseBackend(CALLS)
    by_words = {}
    for words in {" ".join(tokens(a[3])) for a in alerts} - {""}:
        query = CALLS.query(q=words, only_ids=frozenset(call_ids))
        by_words[words] = set(backend.ids(query))
    pairs = set()
    empty = frozenset()
    for pk, kind_codes, level_codes, keywords, has_sectors, has_regions in alerts:
        # From the narrowest criterion: most alerts fit few of the new calls, and copying every
        # call id for each of thousands of alerts would cost more than the whole match.
        if has_sectors:
            # Kinds, levels and regions already tested in _sector_pairs.
            found = set(by_sector.get(pk, empty))
            words = " ".join(tokens(keywords))
            if words and found:
                found &= by_words[words]
            pairs.update((pk, call_id) for call_id in found)
            continue
        found = set(by_region.get(pk, empty)) if has_regions else set(call_ids)
        chosen = [code for code in kind_codes.split("|") if code]
        if chosen and found:
            found &= set().union(*(kinds[code] for code in chosen))
        chosen = [code for code in level_codes.split("|") if code]
        if chosen and found:
            found &= set().union(*(levels[code] for code in chosen))
        words = " ".join(tokens(keywords))
        if words and found:
            found &= by_words[words]
        pairs.update((pk, call_id) for call_id in found)
    return pairs


# The OpenSearch percolator ---------------------------------------------------------------------


def percolator_index():
    return f"{settings.SEARCH_INDEX_PREFIX}-call-alerts"


def _engine_fields():
    """{criterion: the calls index's field}, from the calls index's own naming."""
    from portal.search.opensearch import facet_field

    return {name: facet_field(CALLS.facet_map[name]) for name in CRITERIA}


def percolator_body():
    """The percolator index: the calls index's fields the queries read (same types, same
    analyzer), and the stored queries."""
    from portal.search.opensearch import index_body

    calls = index_body(CALLS)
    properties = calls["mappings"]["properties"]
    used = {"doc": properties["doc"], **{f: properties[f] for f in _engine_fields().values()}}
    analyzers = calls["settings"]["analysis"]["analyzer"]
    analyzer = properties["doc"]["analyzer"]
    return {
        "settings": {
            "number_of_shards": 1,
            "number_of_replicas": settings.SEARCH_REPLICAS,
            "analysis": {"analyzer": {analyzer: analyzers[analyzer]}},
        },
        "mappings": {
            "properties": {**used, "query": {"type": "percolator"}, "fingerprint": {"type": "keyword"}},
        },
    }


def percolator_query(criteria):
    """The stored query of an alert: the same test as the calls list's (every word the start of
    a word of the folded text; any of a criterion's values)."""
    fields = _engine_fields()
    filters = [
        {"terms": {fields[name]: sorted(criteria.values(name))}} for name in CRITERIA if criteria.values(name)
    ]
    must = [{"prefix": {"doc": word}} for word in criteria.words.split()]
    if not filters and not must:
        return {"match_all": {}}
    return {"bool": {"filter": filters, "must": must}}


def _engine_call(function, *args, **kwargs):
    from opensearchpy.exceptions import ConnectionError as EngineConnectionError
    from opensearchpy.exceptions import TransportError

    try:
        return function(*args, **kwargs)
    except (EngineConnectionError, TransportError) as error:
        raise SearchUnavailable(str(error)) from error


def sync_percolator(client):
    """Make the stored queries those of the active alerts now: new and changed ones written,
    deleted or paused ones removed. Reads only ids and fingerprints when nothing changed, so
    alerts changed anywhere (pages, admin, a deleted account) are followed."""
    from opensearchpy.helpers import bulk, scan

    index = percolator_index()
    if not _engine_call(client.indices.exists, index=index):
        _engine_call(client.indices.create, index=index, body=percolator_body())
    stored = {
        hit["_id"]: hit["_source"].get("fingerprint")
        for hit in _engine_call(
            lambda: list(scan(client, index=index, query={"_source": ["fingerprint"]}, size=1000))
        )
    }
    actions = []
    current = set()
    for criteria in criteria_of(_active_alerts()):
        key = str(criteria.pk)
        current.add(key)
        fingerprint = criteria.fingerprint()
        if stored.get(key) != fingerprint:
            body = {"query": percolator_query(criteria), "fingerprint": fingerprint}
            actions.append({"_index": index, "_id": key, "_source": body})
    actions += [{"_op_type": "delete", "_index": index, "_id": key} for key in stored.keys() - current]
    if actions:
        _engine_call(bulk, client, actions, refresh="wait_for", raise_on_error=True)
    return len(actions)


def match_engine(call_ids, frequency=None):
    """{(alert id, call id)} from the percolator: one request per batch of calls."""
    from opensearchpy.helpers import scan

    from portal.search.opensearch import client as engine_client
    from portal.search.opensearch import source

    call_ids = set(call_ids)
    if not call_ids:
        return set()
    wanted = set(_active_alerts(frequency).values_list("pk", flat=True))
    if not wanted:
        return set()
    client = engine_client()
    sync_percolator(client)
    keep = {"doc", *_engine_fields().values()}
    pairs = set()
    calls = list(CALLS.objects(sorted(call_ids)))
    for start in range(0, len(calls), BATCH):
        batch = calls[start : start + BATCH]
        documents = [{k: v for k, v in source(CALLS, call).items() if k in keep} for call in batch]
        ids = [call.pk for call in batch]
        query = {"query": {"percolate": {"field": "query", "documents": documents}}, "_source": False}
        hits = _engine_call(lambda q=query: list(scan(client, index=percolator_index(), query=q, size=1000)))
        for hit in hits:
            alert_id = int(hit["_id"])
            if alert_id not in wanted:
                continue
            for slot in hit.get("fields", {}).get("_percolator_document_slot", [0]):
                pairs.add((alert_id, ids[slot]))
    return pairs


def _uses_engine():
    return search.get_backend(CALLS).name == "opensearch"


def match_new_calls(call_ids, frequency=None, now=None):
    """Record a Match for every (active alert, live call among these) that fits; returns how
    many new ones. A pair found again (sent or not) is never recorded twice."""
    ids = sorted(set(call_ids))
    created = 0
    for start in range(0, len(ids), BATCH):
        batch = live_ids(ids[start : start + BATCH], now)
        if not batch:
            continue
        pairs = None
        if _uses_engine():
            try:
                pairs = match_engine(batch, frequency)
            except SearchUnavailable:
                if not settings.SEARCH_FALLBACK_TO_DATABASE:
                    raise
                logger.warning("Search engine unavailable: call alerts matched on the database.")
        if pairs is None:
            pairs = match_database(batch, frequency)
        created += _record(pairs, batch, now)
    return created


def _record(pairs, call_ids, now=None):
    """Write the new (alert, call) pairs as Match rows: plain multi-row INSERTs (a model object
    per pair would cost more than finding them), skipping pairs recorded before."""
    if not pairs:
        return 0
    known = set(Match.objects.filter(call_id__in=list(call_ids)).values_list("saved_search_id", "call_id"))
    new = sorted(pairs - known)
    found_at = connection.ops.adapt_datetimefield_value(now or timezone.now())
    table = connection.ops.quote_name(Match._meta.db_table)
    sql = (
        f"INSERT INTO {table} (saved_search_id, call_id, found_at, sent_at) "
        "VALUES (%s, %s, %s, NULL) ON CONFLICT DO NOTHING"
    )
    with connection.cursor() as cursor:
        for start in range(0, len(new), 5000):
            cursor.executemany(
                sql, [(alert_id, call_id, found_at) for alert_id, call_id in new[start : start + 5000]]
            )
    return len(new)


def match_changed(frequency, now=None):
    """Match the calls changed since this frequency's last run against its alerts, and move
    its mark to the last change seen. Returns how many matches were new."""
    now = now or timezone.now()
    run, _created = AlertRun.objects.get_or_create(frequency=frequency)
    since = run.matched_until or now - FIRST_LOOKBACK[frequency]
    changed = Call.objects.filter(updated_at__gt=since - OVERLAP, updated_at__lte=now)
    changed = list(changed.values_list("pk", "updated_at"))
    created = match_new_calls([pk for pk, _at in changed], frequency=frequency, now=now)
    until = max([since, *(at for _pk, at in changed)])
    AlertRun.objects.filter(pk=run.pk).update(ran_at=now, matched_until=until)
    return created


# Digests ---------------------------------------------------------------------------------------


def due_alerts(frequency, now=None):
    """Active alerts of this frequency whose turn it is and that have something to send."""
    now = now or timezone.now()
    unsent = Match.objects.filter(saved_search_id=OuterRef("pk"), sent_at__isnull=True)
    alerts = (
        SavedSearch.objects.filter(active=True, frequency=frequency, user__is_active=True)
        .exclude(user__email="")
        .filter(Exists(unsent))
    )
    period = PERIODS[frequency]
    if period:
        alerts = alerts.filter(Q(last_sent_at__isnull=True) | Q(last_sent_at__lte=now - period + SLACK))
    return alerts.select_related("user").order_by("pk")


def _items(calls, language):
    items = []
    for call in calls:
        title, shown_in = call.display("title", language)
        items.append(
            {
                "title": title or call.source_ref or f"#{call.pk}",
                "in_language": taxonomy.language_name(shown_in) if shown_in != language else "",
                "buyer": call.buyer_name,
                "deadline": call.deadline,
                "url": canonical_url(call.get_absolute_url()),
            }
        )
    return items


def digest_message(alert, calls, more=0):
    """The digest e-mail of an alert, in its member's language, with its unsubscribe headers."""
    user = alert.user
    language = supported_language(user.preferred_language or alert.language)
    with translation.override(language), timezone.override(settings.TIME_ZONE):
        unsubscribe = unsubscribe_url(alert)
        context = {
            "alert": alert,
            "calls": _items(calls, language),
            "count": len(calls) + more,
            "more": more,
            "more_url": canonical_url(reverse("calls:index") + "?" + list_params(alert)),
            "manage_url": canonical_url(reverse("calls:alerts")),
            "unsubscribe_url": unsubscribe,
        }
        subject, body = render_mail("calls/emails/digest", context, language)
    headers = {"List-Unsubscribe": f"<{unsubscribe}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}
    return EmailMessage(subject, body, to=[user.email], headers=headers)


def send_digest(alert, now=None):
    """One e-mail with the alert's matches not sent before, marked as sent in the transaction
    that queues it. Returns how many calls it listed (0: nothing sent)."""
    now = now or timezone.now()
    with transaction.atomic():
        # Read under the row's lock (another run may just have sent this alert): the value to
        # put back when there is nothing to send is the one committed, not the one read before.
        current = SavedSearch.objects.select_for_update().filter(pk=alert.pk, active=True).first()
        if current is None:
            return 0
        previous = current.last_sent_at
        # Writing the alert's row serialises two runs on the same alert (PostgreSQL locks it
        # until the commit; SQLite has one writer): the second then finds nothing unsent.
        SavedSearch.objects.filter(pk=alert.pk).update(last_sent_at=now)
        unsent = Match.objects.filter(saved_search=alert, sent_at__isnull=True)
        live = unsent.filter(call__in=Call.objects.public().live()).filter(
            Q(call__deadline__isnull=True) | Q(call__deadline__gte=now)
        )
        # Rolling calls (no deadline) after the dated ones.
        soonest = F("call__deadline").asc(nulls_last=True)
        matches = list(live.select_related("call").order_by(soonest, "call_id"))
        # A call already e-mailed to the member through another of their alerts is not listed again.
        told = set(
            Match.objects.filter(
                saved_search__user_id=alert.user_id,
                sent_at__isnull=False,
                call_id__in=[m.call_id for m in matches],
            ).values_list("call_id", flat=True)
        )
        fresh = [m.call for m in matches if m.call_id not in told]
        marked = Match.objects.filter(pk__in=[m.pk for m in matches], sent_at__isnull=True)
        marked = marked.update(sent_at=now)
        if not fresh or not marked:
            # Nothing to tell: the alert keeps its turn (only the matches seen are marked).
            SavedSearch.objects.filter(pk=alert.pk).update(last_sent_at=previous)
            return 0
        listed = fresh[:DIGEST_LIMIT]
        digest_message(alert, listed, more=len(fresh) - len(listed)).send()
    return len(listed)


def send_due(frequency, now=None):
    """Send the due digests of this frequency; returns how many e-mails."""
    now = now or timezone.now()
    sent = 0
    for alert in due_alerts(frequency, now):
        try:
            sent += bool(send_digest(alert, now))
        except Exception:
            # One refused address never stops the others' digests (its marks are rolled back).
            logger.exception("The digest of alert %s could not be sent", alert.pk)
    return sent


def run(frequency, now=None):
    """What `send_call_alerts --frequency …` does: match, then send. (matched, e-mails sent)"""
    now = now or timezone.now()
    matched = match_changed(frequency, now)
    return matched, send_due(frequency, now)
