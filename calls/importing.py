"""From parsed notices (calls.importers) to calls: matching, merging, statuses, and the run's record.

Every run is an ImportRun: what it created, updated, skipped and failed, and why, one log entry
per notice. Each notice is saved in its own transaction, so one bad notice fails alone and a run
that stops half-way keeps what it had imported. Whole documents are read and parsed before
anything is written: a hostile or unreadable file changes nothing.

Matching (a notice seen again updates its call): the same (source_kind, source_ref), else the
same TED publication number, else the same notice UUID, else the same procedure id. The TED XML
notice and the TED Search API hit of one procedure are therefore one call; each adds what it has
(texts are merged language by language, a field a notice leaves empty never erases one).

Freshness: a notice's moment is its issue time (`updated_at`), else its publication date. A
different notice older than the call's last one (or a lower version of the same notice) is
skipped with the reason. The same notice arriving late from another source only fills what the
call lacks, so re-reading an original never undoes its correction.

Forms: change notices update the call they correct (found by "<uuid>-<version>" or publication
number); award notices (can) mark the procedure awarded or closed (a result without a known
award status reads as closed); prior information notices are forthcoming; contract notices are
open, or closed once their deadline has passed.

Level, kept simple: a TED notice whose buyer is not Belgian or is an EU institution (by its
name) is "european"; one performed in a Belgian region, province or district (NUTS-1 to -3,
e.g. BE1, BE21, BE211) is "regional"; otherwise (Belgium as a whole, or a Belgian buyer without
a place) "national". Feed notices take their source's defaults (kind, level, sectors, regions).

The search index is updated once per chunk of notices (`reindex_once`), not once per saved relation.
"""

from __future__ import annotations

import contextlib
import datetime
import functools
import itertools
import logging
import re
from contextvars import ContextVar
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext, gettext_noop

from calls import mapping
from calls.documents import CALLS
from calls.importers import download, eforms, feeds, ted_api
from calls.importers.notice import HostileInput, ParseError, publication_number
from calls.models import LIVE_STATUSES, Call, ImportRun, Kind, Level, Lot, Source, SourceKind, Status
from portal import search
from portal.places import choices as places

logger = logging.getLogger(__name__)

SITE_LANGUAGES = ("fr", "nl", "de", "en")
TED_KINDS = (SourceKind.EFORMS, SourceKind.TED_API)
DEFAULT_TED_QUERY = "buyer-country=BEL AND publication-date>=today(-7)"
PROGRESS_EVERY = 100
COMMIT_EVERY = 200
# A run keeps at most this many log entries (skipped and failed ones first in importance).
LOG_LIMIT = 5000
MAX_FILE_BYTES = download.MAX_BYTES

# Buyers whose name says they are an EU institution (they sit in Brussels, so their country
# alone would say "national").
EU_BUYER_MARKERS = (
    "european commission",
    "european parliament",
    "council of the european union",
    "european union",
    "commission européenne",
    "parlement européen",
    "union européenne",
    "europese commissie",
    "europees parlement",
    "europese unie",
    "europäische kommission",
    "europäisches parlament",
    "europäische union",
)

# Log messages: stored in English with their parameters, shown translated (calls.admin_views).
CREATED = gettext_noop("New call.")
CREATED_AWARDED = gettext_noop("Award notice of a procedure we did not have: added as %(status)s.")
UPDATED = gettext_noop("Updated: %(fields)s.")
CORRECTED = gettext_noop("Corrected by this change notice: %(fields)s.")
AWARDED = gettext_noop("Award notice: the call is now %(status)s.")
SKIP_UNCHANGED = gettext_noop("Already up to date: nothing new in this notice.")
SKIP_OLDER_VERSION = gettext_noop("Version %(version)s is older than version %(current)s, which we have.")
SKIP_OLDER = gettext_noop("Older than what we have (issued %(date)s; our call is from %(current)s).")
SKIP_UNKNOWN_CHANGE = gettext_noop("It corrects a notice we do not have: %(refs)s.")
FAILED_UNREADABLE = gettext_noop("Unreadable notice: %(error)s")
FAILED_SAVE = gettext_noop("Could not be saved: %(error)s")
MORE_ENTRIES = gettext_noop("%(count)s more entries not kept in this log.")

# Run errors (the whole document was refused: nothing changed).
REFUSED_HOSTILE = gettext_noop("Refused, nothing was imported: %(error)s")
UNREADABLE_DOCUMENT = gettext_noop("Unreadable, nothing was imported: %(error)s")
CANNOT_READ_FILE = gettext_noop("Cannot read %(path)s: %(error)s")
FILE_TOO_LARGE = gettext_noop("%(path)s is larger than %(limit)s bytes.")
NO_FILES = gettext_noop("No notice files found in %(path)s.")


def translated(message, params=None):
    """A stored message in the active language (its parameters are not translated)."""
    text = gettext(message) if message else ""
    try:
        return text % (params or {}) if params else text
    except (KeyError, TypeError, ValueError):
        return text


@dataclass
class Failure:
    """A notice the parser could not read (reported, never imported)."""

    label: str
    error: str


class Refused(Exception):
    """The whole document is refused: message and parameters for ImportRun.error."""

    def __init__(self, message, **params):
        super().__init__(message % params)
        self.message, self.params = message, params


# Search index: one update per run -------------------------------------------------------

_pending: ContextVar[set | None] = ContextVar("calls_pending_reindex", default=None)


def pending_reindex():
    """The ids collected by the run in progress (None outside a run): calls.signals adds the
    ids it would reindex to it instead, so that a run reindexes each call once, at its end."""
    return _pending.get()


@contextlib.contextmanager
def reindex_once():
    ids = set()
    token = _pending.set(ids)
    try:
        yield ids
    finally:
        _pending.reset(token)
        if ids:
            chosen = sorted(ids)
            transaction.on_commit(lambda: search.update(CALLS, chosen))


# Helpers ------------------------------------------------------------------------------


def _fit(name, value):
    """A string cut to its column's length (PostgreSQL refuses longer ones)."""
    value = (value or "").strip()
    limit = Call._meta.get_field(name).max_length
    return value[:limit] if limit else value


def _web_url(value, base=""):
    """An absolute http(s) address that fits the column, or "" (relative feed links are resolved
    against the feed's own address when there is one)."""
    from urllib.parse import urljoin, urlsplit

    value = (value or "").strip()
    if value and base and not urlsplit(value).scheme:
        value = urljoin(base, value)
    if urlsplit(value).scheme.lower() not in ("http", "https") or len(value) > 500:
        return ""
    return value


def _amount(value):
    if value is None:
        return None
    try:
        value = Decimal(value).quantize(Decimal("0.01"))
    except (InvalidOperation, ValueError):
        return None
    return value if abs(value) < Decimal(10) ** 14 else None


def _moment(notice):
    if notice.updated_at:
        return notice.updated_at
    if notice.publication_date:
        return datetime.datetime.combine(notice.publication_date, datetime.time.min, tzinfo=datetime.UTC)
    return None


def _label(notice):
    return notice.publication_number or notice.source_id or notice.notice_uuid or "?"


def _version(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def is_eu_institution(name):
    name = (name or "").lower()
    return any(marker in name for marker in EU_BUYER_MARKERS)


def ted_level(buyer_country, buyer_name, nuts_codes):
    """The level of a TED call (see the module's docstring)."""
    country = (buyer_country or "").upper()
    if (country and country not in ("BEL", "BE")) or is_eu_institution(buyer_name):
        return Level.EUROPEAN
    codes = [code.upper() for code in nuts_codes if code]
    belgian = [code for code in codes if code.startswith("BE") and not code.startswith("BEZ")]
    if any(len(code) >= 3 for code in belgian):
        return Level.REGIONAL
    if codes and not belgian and not country:
        return Level.EUROPEAN
    return Level.NATIONAL


def status_after(call, form, award_status=None, now=None):
    """The status a call takes from a notice of this form."""
    now = now or timezone.now()
    if form == "can":
        return Status.AWARDED if award_status == "awarded" else Status.CLOSED
    if call.status == Status.AWARDED:
        return Status.AWARDED  # an award is final
    if form == "pin" and (call.pk is None or call.status == Status.FORTHCOMING):
        return Status.FORTHCOMING
    if form == "pin":
        return call.status
    if form == "other" and call.source_kind in TED_KINDS:
        # A modification, a direct award or a completion notice: nothing left to answer.
        return call.status if call.pk and call.status != Status.OPEN else Status.CLOSED
    return Status.CLOSED if call.deadline and call.deadline < now else Status.OPEN


# The importer ---------------------------------------------------------------------------


class Importer:
    """Applies notices one by one to the calls, recording each outcome in `run`."""

    def __init__(self, run, source=None, defaults=None, now=None, base_url=""):
        self.run = run
        self.source = source
        self.defaults = dict(defaults or {})
        self.now = now or timezone.now()
        self.base_url = base_url
        self.touched = set()
        self.dropped = 0
        # import_notices writes new calls' links and lots once per chunk (flush); alone, each
        # notice's are written at once.
        self.batching = False
        self.buffer, self.fresh, self.pending = [], set(), []
        self.known = None

    # Recording ------------------------------------------------------------------------

    def log(self, label, action, message, call=None, **params):
        setattr(self.run, action, getattr(self.run, action) + 1)
        if len(self.run.log) >= LOG_LIMIT:
            self.dropped += 1
            return
        entry = {
            "notice": label,
            "action": action,
            "reason": message % params if params else message,
            "message": message,
            "params": params,
        }
        if call is not None:
            # The run's page links to the call created or updated (older logs have no id).
            entry["call"] = call.pk
        self.run.log.append(entry)

    def finish(self):
        if self.dropped:
            self.run.log.append(
                {
                    "notice": "",
                    "action": "",
                    "reason": MORE_ENTRIES % {"count": self.dropped},
                    "message": MORE_ENTRIES,
                    "params": {"count": self.dropped},
                }
            )

    # Matching -------------------------------------------------------------------------

    KEYS = ("publication_number", "notice_uuid", "procedure_id")

    def prepare(self, notices):
        """Look up, in a few queries, the calls these notices may match (a query per notice and
        identifier would make most of a large import's time)."""
        notices = [n for n in notices if not isinstance(n, Failure)]
        self.known = {"source_ref": {}, **{key: {} for key in self.KEYS}}
        wanted = {
            "source_ref": {_fit("source_ref", n.source_id) for n in notices if n.source_id},
            **{key: {_fit(key, getattr(n, key)) for n in notices if getattr(n, key)} for key in self.KEYS},
        }
        for n in notices:
            for ref in n.changes:
                wanted["source_ref"].add(_fit("source_ref", ref.strip()))
        for field, values in wanted.items():
            values = sorted(values)
            for start in range(0, len(values), 500):
                rows = (
                    Call.objects.filter(**{f"{field}__in": values[start : start + 500]})
                    .order_by("pk")
                    .values_list("pk", "source_kind", field)
                )
                for pk, kind, value in rows:
                    key = (kind, value) if field == "source_ref" else value
                    self.known[field].setdefault(key, pk)

    def remember(self, call):
        if self.known is None:
            return
        self.known["source_ref"].setdefault((call.source_kind, call.source_ref), call.pk)
        for key in self.KEYS:
            if getattr(call, key):
                self.known[key].setdefault(getattr(call, key), call.pk)

    def find(self, notice):
        known = self.known
        if known is not None:
            pk = None
            if notice.source_id:
                pk = known["source_ref"].get((notice.source_kind, _fit("source_ref", notice.source_id)))
            for key in self.KEYS:
                if pk is None and getattr(notice, key):
                    pk = known[key].get(_fit(key, getattr(notice, key)))
            return Call.objects.filter(pk=pk).first() if pk is not None else None
        calls = Call.objects.order_by("pk")
        if notice.source_id:
            found = calls.filter(
                source_kind=notice.source_kind, source_ref=_fit("source_ref", notice.source_id)
            )
            if found := found.first():
                return found
        for field, value in (
            ("publication_number", notice.publication_number),
            ("notice_uuid", notice.notice_uuid),
            ("procedure_id", notice.procedure_id),
        ):
            if value and (found := calls.filter(**{field: _fit(field, value)}).first()):
                return found
        return None

    def find_corrected(self, notice):
        """The call a change notice corrects: by "<uuid>-<version>" or publication number,
        else by its procedure."""
        calls = Call.objects.order_by("pk")
        for ref in notice.changes:
            ref = ref.strip()
            number = publication_number(ref)
            if number:
                found = calls.filter(publication_number=number).first()
            else:
                match = re.match(r"^(.+)-(\d{1,4})$", ref)
                uuid = match.group(1) if match else ref
                found = (
                    calls.filter(source_ref=_fit("source_ref", ref)).first()
                    or calls.filter(notice_uuid=_fit("notice_uuid", uuid)).first()
                )
            if found:
                return found
        if notice.procedure_id:
            return calls.filter(procedure_id=_fit("procedure_id", notice.procedure_id)).first()
        return None

    @staticmethod
    def same_notice(call, notice):
        return bool(
            (
                notice.source_id
                and call.source_kind == notice.source_kind
                and call.source_ref == notice.source_id
            )
            or (notice.publication_number and call.publication_number == notice.publication_number)
            or (
                notice.notice_uuid
                and call.notice_uuid == notice.notice_uuid
                and call.notice_version == notice.version
            )
        )

    # One notice -----------------------------------------------------------------------

    def apply(self, item):
        if isinstance(item, Failure):
            self.log(item.label, "failed", FAILED_UNREADABLE, error=item.error)
            return
        notice = item
        label = _label(notice)
        self.pending = []
        # A flush inside this notice's savepoint is undone with it when the notice fails: the
        # rows then go back into the buffer, for the chunk's own flush.
        buffered, fresh = list(self.buffer), set(self.fresh)
        try:
            with transaction.atomic():
                self._apply(notice, label)
        except Exception as error:  # one bad notice never stops the run
            self.buffer, self.fresh = buffered, fresh
            logger.warning("Notice %s could not be imported", label, exc_info=True)
            self.log(label, "failed", FAILED_SAVE, error=str(error)[:300] or error.__class__.__name__)
        else:
            # A new call's links and lots, written with the chunk's others (flush).
            self.buffer.extend(self.pending)
            self.fresh.update(row.call_id for row in self.pending)
            if not self.batching:
                self.flush()

    def flush(self):
        """Write the buffered rows of new calls, one INSERT per table and batch."""
        by_model = {}
        for row in self.buffer:
            by_model.setdefault(type(row), []).append(row)
        for model, rows in by_model.items():
            model.objects.bulk_create(rows, batch_size=500)
        self.buffer, self.fresh = [], set()

    def _apply(self, notice, label):
        if notice.form == "change":
            call = self.find_corrected(notice)
            if call is None:
                self.log(label, "skipped", SKIP_UNKNOWN_CHANGE, refs=", ".join(notice.changes) or "?")
                return
        else:
            call = self.find(notice)

        if call is None:
            call = Call(
                source=self.source,
                source_kind=notice.source_kind,
                source_ref=_fit("source_ref", notice.source_id),
            )
            self.merge(call, notice, overwrite=True)
            self.remember(call)
            self.log(
                label,
                "created",
                CREATED_AWARDED if notice.form == "can" else CREATED,
                call=call,
                **({"status": call.status} if notice.form == "can" else {}),
            )
            return

        if call.pk in self.fresh:
            # Created earlier in this chunk: its links and lots must be written before they
            # are read and changed.
            self.flush()
        moment = _moment(notice)
        same = self.same_notice(call, notice)
        older = bool(moment and call.source_updated_at and moment < call.source_updated_at)
        if (
            notice.notice_uuid
            and notice.notice_uuid == call.notice_uuid
            and None not in (_version(notice.version), _version(call.notice_version))
            and _version(notice.version) < _version(call.notice_version)
        ):
            self.log(
                label, "skipped", SKIP_OLDER_VERSION, version=notice.version, current=call.notice_version
            )
            return
        if older and not same:
            self.log(
                label,
                "skipped",
                SKIP_OLDER,
                date=moment.date().isoformat(),
                current=timezone.localdate(call.source_updated_at).isoformat(),
            )
            return

        overwrite = not older
        if same and call.from_eforms and notice.source_kind == SourceKind.TED_API:
            overwrite = False  # the Search API about a notice whose XML was read: fills only
        elif same and notice.source_kind == SourceKind.EFORMS and not call.from_eforms:
            overwrite = True  # the XML after the Search API's answer: the notice itself wins
        changed = self.merge(call, notice, overwrite=overwrite)
        self.remember(call)
        if not changed and older:
            self.log(
                label,
                "skipped",
                SKIP_OLDER,
                date=moment.date().isoformat(),
                current=timezone.localdate(call.source_updated_at).isoformat(),
            )
        elif not changed:
            self.log(label, "skipped", SKIP_UNCHANGED)
        elif notice.form == "change":
            self.log(label, "updated", CORRECTED, call=call, fields=", ".join(changed))
        elif notice.form == "can":
            self.log(label, "updated", AWARDED, call=call, status=call.status)
        else:
            self.log(label, "updated", UPDATED, call=call, fields=", ".join(changed))

    # Merging --------------------------------------------------------------------------

    def merge(self, call, notice, overwrite):
        """Bring the notice into the call; returns the names of what changed (empty: nothing).

        `overwrite`: the notice is at least as recent as the call, so what it gives wins;
        otherwise it only fills what the call lacks. An award notice always only fills (it
        says little about the call itself) but sets the status.
        """
        creating = call.pk is None
        ted = notice.source_kind in TED_KINDS
        fill_only = not creating and (not overwrite or notice.form == "can")
        before = self._snapshot(call) if not creating else None
        values = {}

        def put(name, value):
            if value in (None, ""):
                return
            if fill_only and getattr(call, name) not in (None, ""):
                return
            values[name] = value

        other_texts = {}
        for field in ("title", "summary"):
            texts = getattr(notice, field) or {}
            for language, text in texts.items():
                if language in SITE_LANGUAGES:
                    put(
                        f"{field}_{language}",
                        _fit(f"{field}_{language}", text) if field == "title" else text.strip(),
                    )
                elif text.strip():
                    other_texts.setdefault(language, {})[field] = text.strip()
        if other_texts:
            language = (
                notice.original_language
                if notice.original_language in other_texts
                else next(iter(other_texts))
            )
            if not fill_only or not call.other_language:
                values["other_language"] = language[:2]
                values["other_title"] = _fit("other_title", other_texts[language].get("title", ""))
                values["other_summary"] = other_texts[language].get("summary", "")

        put("original_language", (notice.original_language or "")[:2])
        put("buyer_name", _fit("buyer_name", notice.buyer_name))
        put("buyer_country", _fit("buyer_country", notice.buyer_country))
        put("nuts_codes", _fit("nuts_codes", "|".join(notice.nuts_codes)))
        put("cpv_codes", _fit("cpv_codes", "|".join(notice.cpv_codes)))
        amount = _amount(notice.estimated_value)
        if amount is not None and (not fill_only or call.estimated_value is None):
            values["estimated_value"] = amount
            values["currency"] = _fit("currency", notice.currency or "EUR")
        put("procedure_type", _fit("procedure_type", notice.procedure_type))
        if notice.deadline and (not fill_only or call.deadline is None):
            values["deadline"] = notice.deadline
            values["deadline_timezone"] = _fit("deadline_timezone", notice.deadline_timezone)
        base = self.base_url if notice.source_kind == SourceKind.FEED else ""
        put("url", _web_url(notice.url, base))
        put("documents_url", _web_url(notice.documents_url, base))
        if notice.form in ("change", "can"):
            # The call keeps its own publication date and identity; the others only fill in.
            if call.publication_date is None and notice.publication_date:
                values["publication_date"] = notice.publication_date
        else:
            put("publication_date", notice.publication_date)
            self._identity(call, notice, values)
        if notice.procedure_id and not call.procedure_id:
            values["procedure_id"] = _fit("procedure_id", notice.procedure_id)

        for name, value in values.items():
            setattr(call, name, value)
        if creating or not fill_only:
            call.source_updated_at = notice.updated_at or _moment(notice) or self.now
        if notice.source_kind == SourceKind.EFORMS and notice.form not in ("change", "can"):
            call.from_eforms = True
        if creating:
            call.kind = notice.kind or self.defaults.get("kind") or (Kind.TENDER if ted else Kind.PROJECTS)
            if not ted:
                call.level = self.defaults.get("level") or Level.REGIONAL
        if ted:
            call.level = ted_level(call.buyer_country, call.buyer_name, call.nuts_list())
        if creating or not fill_only or notice.form == "can":
            call.status = status_after(call, notice.form, notice.award_status, self.now)

        if creating:
            call.save()
            call._just_created = True  # no links or lots to read back
            changed = ["created"]
        else:
            after = self._snapshot(call)
            changed = [name for name, value in after.items() if value != before[name]]
            if changed:
                call.save()
        changed += self._links(call, notice, creating, ted)
        if self._lots(call, notice, fill_only):
            changed.append("lots")
        if changed:
            self.touched.add(call.pk)
            pending = _pending.get()
            if pending is not None:
                pending.add(call.pk)
        if creating:
            return ["created"]
        return changed

    def _identity(self, call, notice, values):
        """Identifiers are kept from the first notice and filled in by later ones; a newer
        version of the same notice moves the version on."""
        for name, value in (
            ("notice_uuid", notice.notice_uuid),
            ("publication_number", notice.publication_number),
        ):
            if value and not getattr(call, name):
                values[name] = _fit(name, value)
        if notice.version and (values.get("notice_uuid") or call.notice_uuid) == notice.notice_uuid:
            current, new = _version(call.notice_version), _version(notice.version)
            if not call.notice_version or (None not in (current, new) and new > current):
                values["notice_version"] = _fit("notice_version", notice.version)

    SNAPSHOT_FIELDS = (
        *(f"{field}_{language}" for field in ("title", "summary") for language in SITE_LANGUAGES),
        "other_language",
        "other_title",
        "other_summary",
        "original_language",
        "kind",
        "level",
        "status",
        "buyer_name",
        "buyer_country",
        "nuts_codes",
        "cpv_codes",
        "estimated_value",
        "currency",
        "procedure_type",
        "publication_date",
        "deadline",
        "deadline_timezone",
        "url",
        "documents_url",
        "notice_uuid",
        "notice_version",
        "publication_number",
        "procedure_id",
    )

    def _snapshot(self, call):
        return {name: getattr(call, name) for name in self.SNAPSHOT_FIELDS}

    def _links(self, call, notice, creating, ted):
        """Sectors from the CPV codes (unless an editor chose them), regions and provinces from
        the NUTS codes; feed calls start with their source's defaults."""
        wanted = {}
        if ted:
            if not call.sectors_edited and call.cpv_list():
                wanted["sectors"] = mapping.sectors_of(call.cpv_list())
            if call.nuts_list():
                regions, provinces = mapping.places_of(call.nuts_list())
                region_ids, province_ids = places.region_ids(), places.province_ids()
                wanted["regions"] = {region_ids[code] for code in regions if code in region_ids}
                wanted["provinces"] = {province_ids[code] for code in provinces if code in province_ids}
        elif creating:
            wanted["sectors"] = set(self.defaults.get("sectors") or ())
            wanted["regions"] = set(self.defaults.get("regions") or ())
        changed = []
        for name, ids in wanted.items():
            if _set_links(call, name, ids, new=creating, buffer=self.pending if creating else None):
                changed.append(name)
        return changed

    def _lots(self, call, notice, fill_only):
        """The notice's lots replace the call's (titles, CPV codes and deadlines a lot already
        had are kept when the notice does not give them, as TED API hits do not)."""
        if not notice.lots:
            return False
        existing = (
            {} if getattr(call, "_just_created", False) else {lot.identifier: lot for lot in call.lots.all()}
        )
        if fill_only and existing:
            changed = False
            for new in notice.lots:
                lot = existing.get(new.identifier)
                if lot is None:
                    continue
                titles = {**new.title, **lot.titles}
                if titles != lot.titles or (not lot.cpv_codes and new.cpv_codes):
                    lot.titles = titles
                    lot.cpv_codes = lot.cpv_codes or "|".join(new.cpv_codes)[:300]
                    lot.save()
                    changed = True
            return changed
        changed = False
        seen = set()
        for new in notice.lots:
            identifier = new.identifier[:40]
            if identifier in seen:
                continue
            seen.add(identifier)
            lot = existing.get(identifier)
            titles = {**(lot.titles if lot else {}), **{k: v for k, v in new.title.items() if v}}
            cpvs = "|".join(new.cpv_codes)[:300] or (lot.cpv_codes if lot else "")
            deadline = new.deadline or (lot.deadline if lot else None)
            if lot is None:
                lot = Lot(call=call, identifier=identifier, titles=titles, cpv_codes=cpvs, deadline=deadline)
                if getattr(call, "_just_created", False):
                    self.pending.append(lot)
                else:
                    lot.save()
                changed = True
            elif (lot.titles, lot.cpv_codes, lot.deadline) != (titles, cpvs, deadline):
                lot.titles, lot.cpv_codes, lot.deadline = titles, cpvs, deadline
                lot.save()
                changed = True
        gone = [lot.pk for identifier, lot in existing.items() if identifier not in seen]
        if gone:
            Lot.objects.filter(pk__in=gone).delete()
            changed = True
        return changed


def _set_links(call, name, ids, new=False, buffer=None):
    """Set a many-to-many relation through its table, without a signal per change (the run
    reindexes its calls once at its end). Returns whether anything changed. `new`: the call
    was just created (it has no links to read)."""
    manager = getattr(call, name)
    through = manager.through
    source, target = manager.source_field_name, manager.target_field_name
    current = (
        set() if new else set(through.objects.filter(**{source: call}).values_list(f"{target}_id", flat=True))
    )
    ids = set(ids)
    if current == ids:
        return False
    if current - ids:
        through.objects.filter(**{source: call, f"{target}_id__in": current - ids}).delete()
    rows = [through(**{f"{source}_id": call.pk, f"{target}_id": pk}) for pk in ids - current]
    if buffer is not None:
        buffer.extend(rows)
    else:
        through.objects.bulk_create(rows)
    return True


# Entry points -------------------------------------------------------------------------


def import_notices(notices, kind, origin, source=None, defaults=None, progress=None, now=None, base_url=""):
    """Import `notices` (Notice objects, or Failure for those the parser could not read) and
    return the run's record. `progress(done, run)` is called every PROGRESS_EVERY notices."""
    run = ImportRun.objects.create(kind=kind, origin=(origin or "")[:500], source=source)
    importer = Importer(run, source=source, defaults=defaults, now=now, base_url=base_url)
    done = 0
    items = iter(notices)
    with reindex_once() as pending:
        try:
            while chunk := list(itertools.islice(items, COMMIT_EVERY)):
                # One commit per chunk (each notice is a savepoint of its own: a bad one still
                # fails alone): on SQLite a commit per notice would cost a disk sync each.
                importer.prepare(chunk)
                with transaction.atomic():
                    importer.batching = True
                    for item in chunk:
                        importer.apply(item)
                        done += 1
                        if progress and done % PROGRESS_EVERY == 0:
                            progress(done, run)
                    importer.flush()
                if pending:
                    # Each chunk searchable once committed: alerts matched while a long import
                    # runs find its calls on the database backend's index too. Not waiting
                    # for the engine's refresh (a second at most): half a second per chunk
                    # would be most of a large import.
                    chosen = sorted(pending)
                    pending.clear()
                    transaction.on_commit(lambda chosen=chosen: search.update(CALLS, chosen, wait=False))
        except ParseError as error:
            # A lazily parsed document broke off: what was imported stays.
            run.error = str(error)[:2000]
        finally:
            importer.finish()
            run.finished_at = timezone.now()
            run.save()
    return run


def refused_run(kind, origin, error, source=None):
    """The record of a run whose document was refused: nothing was changed."""
    message, params = (
        (error.message, error.params) if isinstance(error, Refused) else ("%(error)s", {"error": str(error)})
    )
    now = timezone.now()
    return ImportRun.objects.create(
        kind=kind,
        origin=(origin or "")[:500],
        source=source,
        finished_at=now,
        error=(message % params)[:2000],
        log=[
            {
                "notice": "",
                "action": "error",
                "reason": message % params,
                "message": message,
                "params": params,
            }
        ],
    )


def _read(path):
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise Refused(FILE_TOO_LARGE, path=str(path), limit=f"{MAX_FILE_BYTES:,}")
        return path.read_bytes()
    except OSError as error:
        raise Refused(CANNOT_READ_FILE, path=str(path), error=error.strerror or str(error)) from None


def expand(paths, kind):
    """Files given, with a directory standing for the notice files in it (*.xml, or *.json for
    the TED API), in name order."""
    found = []
    suffix = ".json" if kind == SourceKind.TED_API else ".xml"
    for path in paths:
        path = Path(path)
        if path.is_dir():
            files = sorted(p for p in path.iterdir() if p.is_file() and p.suffix.lower() == suffix)
            if not files:
                raise Refused(NO_FILES, path=str(path))
            found.extend(files)
        else:
            found.append(path)
    return found


class _Failures:
    """Collects the notices a parser skipped (its on_error), to put them back in their place."""

    def __init__(self, label_of):
        self.label_of, self.found = label_of, []

    def __call__(self, index, error):
        self.found.append((index, Failure(self.label_of(index), str(error))))

    def merged(self, notices):
        items = list(notices)
        for index, failure in sorted(self.found, key=lambda pair: pair[0]):
            items.insert(min(index, len(items)), failure)
        return items


def _document_error(error):
    if isinstance(error, HostileInput):
        return Refused(REFUSED_HOSTILE, error=str(error))
    return Refused(UNREADABLE_DOCUMENT, error=str(error))


def read_files(kind, paths, language="", default_kind=None):
    """Every notice of these files, parsed before anything is written. A hostile file refuses
    the whole import (Refused); an eForms file that is not a readable notice is one failed
    notice, a TED answer or feed that is not readable at all refuses the import."""
    items = []
    for path in expand(paths, kind):
        data = _read(path)
        try:
            if kind == SourceKind.EFORMS:
                try:
                    items.append(eforms.parse(data))
                except HostileInput:
                    raise
                except ParseError as error:
                    items.append(Failure(path.name, str(error)))
            elif kind == SourceKind.TED_API:
                failures = _Failures(lambda i, p=path: f"{p.name} #{i + 1}")
                notices, _token, _total = ted_api.parse(data, on_error=failures)
                items.extend(failures.merged(notices))
            else:
                failures = _Failures(lambda i, p=path: f"{p.name} #{i + 1}")
                notices = feeds.parse(data, language=language, kind=default_kind, on_error=failures)
                items.extend(failures.merged(notices))
        except ParseError as error:
            raise _document_error(error) from None
    return items


def read_url(kind, url, query="", language="", default_kind=None):
    """Every notice at this address (downloaded within download's limits, from a public
    address unless settings.CALLS_IMPORT_PRIVATE_HOSTS), parsed first."""
    items = []
    private = settings.CALLS_IMPORT_PRIVATE_HOSTS
    try:
        if kind == SourceKind.TED_API:
            # Pages are read one after the other: a skipped notice is named by its page's position.
            failures = _Failures(lambda i: f"#{i + 1}")
            items.extend(
                ted_api.fetch_all(
                    url or ted_api.SEARCH_URL,
                    query or DEFAULT_TED_QUERY,
                    post=functools.partial(download.post_json, allow_private=private),
                    on_error=failures,
                )
            )
            items.extend(failure for _index, failure in failures.found)
        elif kind == SourceKind.FEED:
            failures = _Failures(lambda i: f"#{i + 1}")
            notices = feeds.parse(
                download.fetch(url, allow_private=private),
                base_url=url,
                language=language,
                kind=default_kind,
                on_error=failures,
            )
            items.extend(failures.merged(notices))
        else:
            data = download.fetch(url, allow_private=private)
            items.append(eforms.parse(data))
    except ParseError as error:
        raise _document_error(error) from None
    return items


def run_import(
    kind, *, paths=(), url="", query="", language="", source=None, defaults=None, progress=None, now=None
):
    """Read (files or an address), then import; a refused document gives a run with its error
    and changes nothing."""
    defaults = dict(defaults or {})
    origin = url or ", ".join(str(p) for p in paths)
    try:
        if url:
            items = read_url(kind, url, query=query, language=language, default_kind=defaults.get("kind"))
        else:
            items = read_files(kind, paths, language=language, default_kind=defaults.get("kind"))
    except Refused as error:
        return refused_run(kind, origin, error, source=source)
    return import_notices(
        items, kind, origin, source=source, defaults=defaults, progress=progress, now=now, base_url=url
    )


def source_defaults(source):
    """What a source's notices start with (feeds only: TED notices say their own)."""
    if source.kind != SourceKind.FEED:
        return {}
    return {
        "kind": source.default_kind,
        "level": source.default_level,
        "sectors": list(source.default_sectors.values_list("pk", flat=True)),
        "regions": list(source.default_regions.values_list("pk", flat=True)),
    }


def import_source(source, progress=None, now=None):
    """Import one Source (its kind, address, query, language and defaults) and note the time."""
    run = run_import(
        source.kind,
        url=source.url,
        query=source.query,
        language=source.language,
        source=source,
        defaults=source_defaults(source),
        progress=progress,
        now=now,
    )
    Source.objects.filter(pk=source.pk).update(last_run_at=run.finished_at or timezone.now())
    source.last_run_at = run.finished_at
    return run


def refresh_statuses(now=None):
    """Live calls whose deadline has passed become closed (one UPDATE), and are reindexed.
    Returns how many changed."""
    now = now or timezone.now()
    due = Call.objects.filter(status__in=LIVE_STATUSES, deadline__lt=now)
    ids = list(due.values_list("pk", flat=True))
    if not ids:
        return 0
    # The deadline tested again in the UPDATE: an import may just have moved it.
    Call.objects.filter(pk__in=ids, status__in=LIVE_STATUSES, deadline__lt=now).update(
        status=Status.CLOSED, updated_at=now
    )
    transaction.on_commit(lambda: search.update(CALLS, ids))
    return len(ids)


def summary(run):
    """The run's counts in one line, in the active language."""
    if run.error:
        return gettext("Import refused: %(error)s") % {"error": run.error}
    return gettext("%(created)s created, %(updated)s updated, %(skipped)s skipped, %(failed)s failed.") % {
        "created": run.created,
        "updated": run.updated,
        "skipped": run.skipped,
        "failed": run.failed,
    }
