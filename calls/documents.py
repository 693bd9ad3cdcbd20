"""The calls' searchable document: what a calls search finds, filters, counts and sorts. The
list, the API, the RSS feeds, the alerts, both backends' indexes and the filter panel follow
from it."""

import datetime
from decimal import Decimal

from django.db.models import CharField, Value
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from calls import mapping
from calls.models import LIVE_STATUSES, Call, Kind, Level, Status
from portal.places import choices as places
from portal.search import DateRange, Facet, Ordering, SearchDocument, TextField, Within
from portal.taxonomy import choices as taxonomy
from portal.utils import translations

# Calls without a deadline (rolling calls) sort after every dated one, on every backend.
NO_DEADLINE = datetime.datetime(2100, 12, 31, 23, 59, tzinfo=datetime.UTC)
CLOSING_SOON_DAYS = 7
# Value bands in euros (the EU thresholds for services sit around 140,000 and 221,000).
VALUE_BANDS = [
    ("under-30k", _("Under €30,000"), Decimal(0), Decimal(30_000)),
    ("30k-140k", _("€30,000 to €140,000"), Decimal(30_000), Decimal(140_000)),
    ("140k-1m", _("€140,000 to €1 million"), Decimal(140_000), Decimal(1_000_000)),
    ("over-1m", _("Over €1 million"), Decimal(1_000_000), None),
]


def value_band(call):
    if call.estimated_value is None or (call.currency or "EUR") != "EUR":
        return None
    for code, _label, low, high in VALUE_BANDS:
        if call.estimated_value >= low and (high is None or call.estimated_value < high):
            return code
    return None


def _texts(call, field):
    """{language: text} of the call's translations and of the text in the source's own language
    when it is another one (an Italian notice's, read by no stemmer)."""
    texts = {code: [text] for code, text in translations(call, field).items()}
    other = getattr(call, f"other_{field}", "")
    if other:
        texts.setdefault(call.other_language, []).append(other)
    return texts


def closing_deadline(call):
    """The deadline of a call still worth answering (what "closing soon" tests), else None."""
    return call.deadline if call.status in LIVE_STATUSES else None


def closing_soon():
    """Published calls still open whose deadline falls within the next seven days: ranges of
    the indexed deadlines of live calls (no list of ids)."""
    now = timezone.now()
    return Within({"closing": (now, now + datetime.timedelta(days=CLOSING_SOON_DAYS))})


class CallDocument(SearchDocument):
    name = "calls"
    model = Call
    text_fields = [
        TextField("title", lambda c: _texts(c, "title"), boost=3, suggest=True),
        TextField("summary", lambda c: _texts(c, "summary"), stemmed=True),
        TextField("buyer", lambda c: c.buyer_name, boost=2),
        TextField(
            "sector",
            lambda c: [n for pk in c.sector_ids for n in taxonomy.sectors_by_id().get(pk, ("", []))[1]],
        ),
        TextField(
            "cpv",
            lambda c: [
                mapping.cpv_label(code, lang)
                for code in c.cpv_list()[:3]
                for lang in ("fr", "nl", "de", "en")
            ],
        ),
        TextField("codes", lambda c: [c.publication_number, c.procedure_id, *c.cpv_list()]),
    ]
    facets = [
        Facet("level", _("Level"), lambda c: c.level, lambda: [(k, str(v)) for k, v in Level.choices]),
        Facet("kind", _("Kind of call"), lambda c: c.kind, lambda: [(k, str(v)) for k, v in Kind.choices]),
        Facet(
            "sector",
            _("Sector"),
            lambda c: [
                slug
                for slug, _names in (taxonomy.sectors_by_id().get(pk, (None, None)) for pk in c.sector_ids)
                if slug
            ],
            taxonomy.sectors,
            ids=taxonomy.sector_ids,
            many=True,
        ),
        Facet(
            "region",
            _("Region"),
            lambda c: c.region_codes,
            places.regions,
            ids=places.region_ids,
            many=True,
            help_text="; REFNIS: 02000 Flanders, 03000 Wallonia, 04000 Brussels",
        ),
        Facet(
            "province",
            _("Province"),
            lambda c: c.province_codes,
            places.provinces,
            ids=places.province_ids,
            many=True,
            parent="region",
            parent_of=places.province_regions,
            help_text="; REFNIS",
        ),
        Facet("status", _("Status"), lambda c: c.status, lambda: [(k, str(v)) for k, v in Status.choices]),
        Facet(
            "value",
            _("Estimated value"),
            value_band,
            lambda: [(code, str(label)) for code, label, _low, _high in VALUE_BANDS],
        ),
        Facet(
            "closing_soon",
            _("Closing soon"),
            lambda c: None,
            lambda: [("true", str(_("Closing within 7 days")))],
            boolean=True,
            live=closing_soon,
        ),
    ]
    orderings = [
        Ordering("deadline", _("Deadline"), lambda c: c.deadline or NO_DEADLINE, kind="date"),
        Ordering(
            "published",
            _("Newest first"),
            lambda c: c.publication_date or timezone.localdate(c.created_at),
            kind="date",
            descending=True,
        ),
        Ordering(
            "value",
            _("Highest value"),
            lambda c: float(c.estimated_value or 0),
            kind="number",
            descending=True,
        ),
        # For the "closing soon" filter only.
        Ordering("closing", _("Deadline"), closing_deadline, kind="date", offered=False),
    ]
    date_ranges = [DateRange("deadline", _("Deadline"), starts="deadline", ends="deadline")]

    def with_links(self, calls):
        """The calls with their sector ids, region and province codes, in one query."""
        calls = list(calls)
        by_pk = {c.pk: c for c in calls}
        for c in calls:
            c.sector_ids, c.region_codes, c.province_codes = [], [], []
        region_codes = {pk: refnis for refnis, pk in places.region_ids().items()}
        province_codes = {pk: refnis for refnis, pk in places.province_ids().items()}
        links = {
            "sectors": ("sector", "sector_ids", None),
            "regions": ("region", "region_codes", region_codes),
            "provinces": ("province", "province_codes", province_codes),
        }
        if calls and all("sectors" in getattr(c, "_prefetched_objects_cache", {}) for c in calls):
            # Already loaded (a call's page shows them): not asked again.
            for c in calls:
                c.sector_ids = [sector.pk for sector in c.sectors.all()]
            del links["sectors"]
        if not calls:
            return calls
        pks = list(by_pk)
        statements = [
            getattr(Call, field)
            .through.objects.filter(call_id__in=pks)
            .annotate(link=Value(field, output_field=CharField()))
            .values_list("link", "call_id", f"{target}_id")
            for field, (target, _attribute, _codes) in links.items()
        ]
        for field, pk, value in statements[0].union(*statements[1:], all=True):
            _target, attribute, codes = links[field]
            getattr(by_pk[pk], attribute).append(codes[value] if codes is not None else value)
        return calls

    def objects(self, ids=None):
        qs = Call.objects.public().order_by("pk")
        if ids is not None:
            qs = qs.filter(pk__in=list(ids))
            return self.with_links(qs)
        return self._batches(qs)

    def _batches(self, qs, size=2000):
        last = 0
        while True:
            batch = list(qs.filter(pk__gt=last)[:size])
            if not batch:
                return
            yield from self.with_links(batch)
            last = batch[-1].pk

    def count(self):
        return Call.objects.public().count()

    def load(self, ids):
        # Lots are the API's (calls.api); the cards do not show them.
        calls = Call.objects.filter(pk__in=ids)
        by_id = {c.pk: c for c in self.with_links(calls)}
        return [by_id[pk] for pk in ids if pk in by_id]

    def point(self, call):
        return None


CALLS = CallDocument()
