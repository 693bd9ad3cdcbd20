"""Members' alerts on calls: new calls matched against every saved search at once, and the
digest e-mails (`manage.py send_call_alerts`).

Matching is set-wise, never one query per (call, alert) pair. The active alerts are read once
per run into bitsets (AlertSets): for each sector, region, kind and level, the alerts asking for
it; a batch of new calls is then a few integer ANDs and ORs per call. Keywords are the only part
that needs the text index, and only once per distinct keyword string (members share them:
"affiche", "festival"):
- database backend: a search of the calls' text index restricted to the batch, per string;
- OpenSearch: each distinct string is a percolator query in an index of its own
  (`<prefix>-call-alerts`, kept in step with the alerts), and each batch of new calls is
  percolated in one request, the calls' text analysed by the calls index's own analyzer.
Both give the same answers (tests/calls/test_alerts.py). The semantics are the calls list's:
every criterion given must hold, any of its values will do, and every keyword must start a
word of the call (accents and case folded, any language).
"""

import datetime
import hashlib
import json
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


class AlertSets:
    """The active alerts as bitsets, built once per matching run: for every value of every
    criterion, the alerts (bit positions) that ask for it, plus the alerts that leave the
    criterion open. A call's matching alerts are then a handful of ANDs and ORs of Python
    integers, whatever the number of alerts: nothing per (alert, call) pair but the result."""

    def __init__(self, frequency=None):
        rows = list(_active_alerts(frequency).values_list("pk", "kinds", "levels", "keywords"))
        self.ids = [row[0] for row in rows]
        position = {pk: bit for bit, pk in enumerate(self.ids)}
        everyone = (1 << len(rows)) - 1
        self.masks = {}
        self.open = {}
        for field in ("sectors", "regions"):
            masks = defaultdict(int)
            for alert_id, value in _links(field, field[:-1], self.ids if len(rows) < 500 else None).items():
                if alert_id in position:
                    for target in value:
                        masks[target] |= 1 << position[alert_id]
            self.masks[field] = masks
            chosen = 0
            for mask in masks.values():
                chosen |= mask
            self.open[field] = everyone & ~chosen
        self.words = defaultdict(int)  # folded keywords: the alerts that have exactly them
        for name, column in (("kinds", 1), ("levels", 2)):
            masks, chosen = defaultdict(int), 0
            for bit, row in enumerate(rows):
                for code in row[column].split("|"):
                    if code:
                        masks[code] |= 1 << bit
                        chosen |= 1 << bit
            self.masks[name] = masks
            self.open[name] = everyone & ~chosen
        with_words = 0
        for bit, row in enumerate(rows):
            words = " ".join(tokens(row[3]))
            if words:
                self.words[words] |= 1 << bit
                with_words |= 1 << bit
        self.with_words = with_words

    def __bool__(self):
        return bool(self.ids)

    def _any(self, field, values):
        mask = self.open[field]
        masks = self.masks[field]
        for value in values:
            mask |= masks.get(value, 0)
        return mask

    def pairs(self, call_ids, found_by_words=None):
        """[(alert id, call id)] for these calls, by call then alert: three queries (the calls,
        their sectors and regions) and the keywords' hits, then bit operations.
        `found_by_words(call_ids, strings)` gives {keyword string: call ids having every word};
        by default the database's text index."""
        call_ids = set(call_ids)
        if not call_ids or not self.ids:
            return []
        ids = list(call_ids)
        calls = Call.objects.filter(pk__in=ids).order_by("pk").values_list("pk", "kind", "level")
        linked = {}
        for field in ("sectors", "regions"):
            through = Call._meta.get_field(field).remote_field.through
            found = defaultdict(list)
            for call_id, value in through.objects.filter(call_id__in=ids).values_list(
                "call_id", f"{field[:-1]}_id"
            ):
                found[call_id].append(value)
            linked[field] = found
        # Calls each keyword string finds among these (every word must start a word).
        hits = defaultdict(int)  # call id -> alerts whose words the call has
        if self.with_words:
            found = (found_by_words or database_words)(call_ids, list(self.words))
            for words, alerts in self.words.items():
                for call_id in found.get(words, ()):
                    hits[call_id] |= alerts
        no_words = ~self.with_words
        pairs = []
        alert_ids = self.ids
        for call_id, kind, level in calls:
            mask = (
                self._any("sectors", linked["sectors"].get(call_id, ()))
                & self._any("regions", linked["regions"].get(call_id, ()))
                & self._any("kinds", (kind,))
                & self._any("levels", (level,))
            )
            if mask & self.with_words:
                mask &= no_words | hits.get(call_id, 0)
            if not mask:
                continue
            # The set bits, lowest first, read off the binary string (fast for big integers).
            bits = bin(mask)[:1:-1]
            position = bits.find("1")
            while position != -1:
                pairs.append((alert_ids[position], call_id))
                position = bits.find("1", position + 1)
        return pairs


def database_words(call_ids, strings):
    """{keyword string: ids of these calls having every word}, from the database text index."""
    backend = DatabaseBackend(CALLS)
    only = frozenset(call_ids)
    return {words: set(backend.ids(CALLS.query(q=words, only_ids=only))) for words in strings}


# The OpenSearch percolator ---------------------------------------------------------------------


def percolator_index():
    return f"{settings.SEARCH_INDEX_PREFIX}-call-alerts"


def percolator_body():
    """The percolator index: the calls index's text field (same type, same analyzer), the
    stored queries and the keyword string each one stands for."""
    from portal.search.opensearch import index_body

    calls = index_body(CALLS)
    text = calls["mappings"]["properties"]["doc"]
    analyzer = text["analyzer"]
    return {
        "settings": {
            "number_of_shards": 1,
            "number_of_replicas": settings.SEARCH_REPLICAS,
            "analysis": {"analyzer": {analyzer: calls["settings"]["analysis"]["analyzer"][analyzer]}},
        },
        "mappings": {
            "properties": {"doc": text, "query": {"type": "percolator"}, "words": {"type": "keyword"}},
        },
    }


def percolator_query(words):
    """The stored query of a keyword string: the calls list's test (every word the start of a
    word of the folded text)."""
    return {"bool": {"filter": [{"prefix": {"doc": word}} for word in words.split()]}}


def _query_id(words):
    return hashlib.sha1(words.encode()).hexdigest()


def _engine_call(function, *args, **kwargs):
    from opensearchpy.exceptions import ConnectionError as EngineConnectionError
    from opensearchpy.exceptions import TransportError

    try:
        return function(*args, **kwargs)
    except (EngineConnectionError, TransportError) as error:
        raise SearchUnavailable(str(error)) from error


def _alert_keywords():
    """The distinct folded keyword strings of the active alerts."""
    strings = {
        " ".join(tokens(k)) for k in _active_alerts().exclude(keywords="").values_list("keywords", flat=True)
    }
    return strings - {""}


def sync_percolator(client, strings=None):
    """Make the stored queries those of the active alerts' keyword strings now: new ones
    written, those no alert uses any more removed. Reads only ids when nothing changed, so
    alerts changed anywhere (pages, admin, a deleted account) are followed."""
    from opensearchpy.helpers import bulk, scan

    index = percolator_index()
    if not _engine_call(client.indices.exists, index=index):
        _engine_call(client.indices.create, index=index, body=percolator_body())
    stored = {
        hit["_id"]
        for hit in _engine_call(lambda: list(scan(client, index=index, query={"_source": False}, size=5000)))
    }
    wanted = {_query_id(words): words for words in (_alert_keywords() if strings is None else strings)}
    actions = [
        {"_index": index, "_id": key, "_source": {"query": percolator_query(words), "words": words}}
        for key, words in wanted.items()
        if key not in stored
    ]
    actions += [{"_op_type": "delete", "_index": index, "_id": key} for key in stored - wanted.keys()]
    if actions:
        _engine_call(bulk, client, actions, refresh="wait_for", raise_on_error=True)
    return len(actions)


def engine_words(client):
    """found_by_words for AlertSets on OpenSearch: the batch of calls percolated in one request
    against the stored keyword strings (brought up to date before the first batch)."""
    from opensearchpy.helpers import scan

    synced = False

    def found(call_ids, strings):
        nonlocal synced
        if not synced:
            sync_percolator(client)
            synced = True
        calls = list(CALLS.objects(sorted(call_ids)))
        ids = [call.pk for call in calls]
        documents = [{"doc": CALLS.text(call)} for call in calls]  # as the calls index has it
        query = {"query": {"percolate": {"field": "query", "documents": documents}}, "_source": ["words"]}
        hits = _engine_call(lambda: list(scan(client, index=percolator_index(), query=query, size=1000)))
        wanted = set(strings)
        result = defaultdict(set)
        for hit in hits:
            words = hit["_source"]["words"]
            if words in wanted:
                for slot in hit.get("fields", {}).get("_percolator_document_slot", [0]):
                    result[words].add(ids[slot])
        return result

    return found


def _uses_engine():
    return search.get_backend(CALLS).name == "opensearch"


def match_new_calls(call_ids, frequency=None, now=None):
    """Record a Match for every (active alert, live call among these) that fits; returns how
    many new ones. A pair found again (sent or not) is never recorded twice."""
    ids = sorted(set(call_ids))
    created = 0
    alert_sets = None  # built on first need, then shared by every batch
    words = None  # the keywords' matcher: the percolator when the engine is up
    for start in range(0, len(ids), BATCH):
        batch = live_ids(ids[start : start + BATCH], now)
        if not batch:
            continue
        if alert_sets is None:
            alert_sets = AlertSets(frequency)
            if not alert_sets:
                return created
            if alert_sets.with_words and _uses_engine():
                from portal.search.opensearch import client

                words = engine_words(client())
        try:
            pairs = alert_sets.pairs(batch, words)
        except SearchUnavailable:
            if not settings.SEARCH_FALLBACK_TO_DATABASE:
                raise
            logger.warning("Search engine unavailable: call alerts' keywords matched on the database.")
            words = None
            pairs = alert_sets.pairs(batch)
        created += _record(pairs, batch, now)
    return created


def _record(pairs, call_ids, now=None):
    """Write the (alert, call) pairs as Match rows, skipping pairs recorded before; returns how
    many were new. The pairs travel as one array per statement (a JSON array read by SQLite's
    json_each, two arrays unnested on PostgreSQL): binding hundreds of thousands of rows one
    by one, or a model object per pair, would cost more than finding them."""
    if not pairs:
        return 0
    # In the unique index's order (call, alert): appended, not scattered (already so from
    # AlertSets, which Python's sort sees at once).
    pairs = sorted(pairs, key=lambda pair: (pair[1], pair[0]))
    found_at = connection.ops.adapt_datetimefield_value(now or timezone.now())
    table = connection.ops.quote_name(Match._meta.db_table)
    insert = f"INSERT INTO {table} (saved_search_id, call_id, found_at, sent_at) "
    created = 0
    # One transaction: SQLite would otherwise commit (and sync) each statement.
    with transaction.atomic(), connection.cursor() as cursor:
        for start in range(0, len(pairs), 50_000):
            chunk = pairs[start : start + 50_000]
            if connection.vendor == "postgresql":
                cursor.execute(
                    insert + "SELECT a, c, %s, NULL FROM unnest(%s::bigint[], %s::bigint[]) AS p (a, c) "
                    "ON CONFLICT DO NOTHING",
                    [found_at, [a for a, _c in chunk], [c for _a, c in chunk]],
                )
            else:
                # "WHERE true" lets SQLite read ON CONFLICT after a SELECT.
                cursor.execute(
                    insert + "SELECT value ->> 0, value ->> 1, %s, NULL FROM json_each(%s) WHERE true "
                    "ON CONFLICT DO NOTHING",
                    [found_at, json.dumps(chunk)],
                )
            created += cursor.rowcount
    return created


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
