"""The public calls pages: the list (search, filters with counts, the RSS feed of the same
filters), a call's page, and the calls in the site search.

The list goes through the calls' search document (calls.documents.CALLS), like the events and
the spaces: the form, the facets and their counts, the chips and the feed's query string are the
same everywhere. By default it shows the calls still worth answering (forthcoming or open), the
soonest deadline first; closed and awarded calls stay one tick away in the status facet.
"""

import datetime
import json
from dataclasses import replace
from urllib.parse import urlencode

from django.conf import settings
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import number_format, time_format
from django.utils.translation import get_language, gettext, ngettext, pgettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from calls import interest_views, mapping
from calls.documents import CALLS, CLOSING_SOON_DAYS
from calls.models import LIVE_STATUSES, Call, Status
from portal import dates, registry, search
from portal.cache import cached_for_visitors
from portal.places import choices as places
from portal.search.forms import search_form
from portal.search.views import active_chips, filter_panel
from portal.taxonomy import choices as taxonomy
from portal.utils import canonical_url

# Database ids are 64-bit: a longer number in the address is no call (and no database error).
MAX_ID = 2**63 - 1
# Parameters of a list that are not filters: the feed of the same search drops them.
NOT_FILTERS = ("page", "page_size", "partial", "ordering")
LIVE = tuple(str(s) for s in LIVE_STATUSES)
ALL_STATUSES = tuple(code for code, _label in Status.choices)
ALL_REGIONS = set(mapping.ALL_REGIONS)


# The query of a list, its feed and the API -----------------------------------------------------


def calls_query(data, live_by_default=True):
    """(form, query, defaulted) for these parameters: bad values are reported by the form and
    left out; without a status chosen, the calls still worth answering (`defaulted`); without
    words or an order chosen, the soonest deadline first (rolling calls last)."""
    form = search_form(CALLS)(data or None)
    if form.is_bound:
        form.is_valid()
    query = form.to_query()
    # The default statuses submitted again with another filter (their boxes were ticked) are
    # still the default: no chip, no word in a feed's title.
    defaulted = live_by_default and set(query.values("status")) in (set(), set(LIVE))
    if defaulted:
        # Still worth answering. An open call whose deadline passed within the hour stays until
        # refresh_statuses (hourly) closes it; its card already says "Closed".
        query = replace(query, filters={**query.filters, "status": LIVE})
    if not query.ordering and not query.q:
        query = replace(query, ordering="deadline")
    return form, query, defaulted


def chosen(query, defaulted):
    """The query as the visitor chose it: the default statuses are no filter of theirs (no chip,
    no word in a feed's title)."""
    if not defaulted:
        return query
    return replace(query, filters={k: v for k, v in query.filters.items() if k != "status"})


def feed_params(params):
    query = params.copy()
    for name in NOT_FILTERS:
        query.pop(name, None)
    return query


# What cards and the page show -------------------------------------------------------------------


def in_language(code):
    """ "(in Dutch)": beside a text shown in another language than the visitor's."""
    return pgettext(
        "beside a text shown in another language; %(language)s is its name as a list shows it (Dutch)",
        "(in %(language)s)",
    ) % {"language": taxonomy.language_name(code)}


def amount(value, currency):
    """The estimated value as the language writes it, thousands grouped and cents only when
    there are some: "€ 50,000" / "50 000 €" (the core's euro format), "150 000 USD"."""
    if value is None:
        return ""
    decimals = 0 if value == value.to_integral_value() else 2
    number = number_format(value, decimal_pos=decimals, force_grouping=True)
    if (currency or "EUR") == "EUR":
        # The msgid of portal_tags' |euros: one translation for every amount in euros.
        return gettext("€ %(amount)s") % {"amount": number}
    return f"{number} {currency}"


# eForms procedure codes (also the TED API's) as people name them.
PROCEDURES = {
    "open": _("Open procedure"),
    "restricted": _("Restricted procedure"),
    "neg-w-call": _("Competitive procedure with negotiation"),
    "neg-wo-call": _("Negotiated procedure without prior publication"),
    "comp-dial": _("Competitive dialogue"),
    "innovation": _("Innovation partnership"),
    "comp-tend": _("Competitive tendering"),
    "oth-single": _("Other single-stage procedure"),
    "oth-mult": _("Other multiple-stage procedure"),
}


def procedure_label(code):
    return str(PROCEDURES.get((code or "").strip().lower(), code or ""))


def deadline_text(moment):
    """ "Monday 2 March 2026, 17:00" in Brussels time."""
    local = timezone.localtime(moment)
    return pgettext("a deadline: a date and a time", "%(date)s, %(time)s") % {
        "date": dates.weekday_date(local, year=True),
        "time": time_format(local.time()),
    }


def closing_label(call, now):
    """ "Closes today", "Closes in 3 days" for a live call closing within a week, else ""."""
    if not call.closing_soon(now=now, days=CLOSING_SOON_DAYS):
        return ""
    days = (timezone.localtime(call.deadline).date() - timezone.localtime(now).date()).days
    if days <= 0:
        return gettext("Closes today")
    return ngettext("Closes in %(count)d day", "Closes in %(count)d days", days) % {"count": days}


def place_names(region_codes, province_codes):
    """The provinces when the call names some, else its regions; "All of Belgium" for the three
    regions together. In the visitor's language."""
    if province_codes:
        names = dict(places.provinces())
        return [names[c] for c in sorted(province_codes, key=lambda c: names.get(c, c)) if c in names]
    if set(region_codes) >= ALL_REGIONS:
        return [gettext("All of Belgium")]
    names = dict(places.regions())
    return [names[c] for c in sorted(region_codes) if c in names]


def _shown(call, field, visitor):
    text, code = call.display(field, visitor)
    other = bool(text) and code != visitor
    return text, code, in_language(code) if other else ""


def prepare(calls, now=None):
    """What a card shows, in the visitor's language, without a query per call (calls loaded
    by the search document know their places; others are linked in three queries)."""
    calls = list(calls)
    missing = [c for c in calls if not hasattr(c, "region_codes")]
    if missing:
        CALLS.with_links(missing)
    now = now or timezone.now()
    visitor = (get_language() or settings.LANGUAGE_CODE)[:2]
    for c in calls:
        c.title_text, c.title_language, c.title_note = _shown(c, "title", visitor)
        c.title_text = c.title_text or c.source_ref or f"#{c.pk}"
        c.summary_text, c.summary_language, c.summary_note = _shown(c, "summary", visitor)
        c.shown_status = c.effective_status(now)
        c.status_label = str(Status(c.shown_status).label)
        c.is_live = c.shown_status in LIVE_STATUSES
        c.local_deadline = timezone.localtime(c.deadline) if c.deadline else None
        c.deadline_label = deadline_text(c.deadline) if c.deadline else ""
        # Without a deadline, an open call takes answers at any time; a forthcoming one (a prior
        # information notice) has simply not given it yet.
        c.no_deadline_label = (
            ""
            if c.deadline or not c.is_live
            else _("Deadline not announced yet")
            if c.shown_status == Status.FORTHCOMING
            else _("No deadline (rolling call)")
        )
        c.closing = closing_label(c, now)
        c.place_list = place_names(c.region_codes, c.province_codes)
        c.value_label = amount(c.estimated_value, c.currency)
        c.procedure_label = procedure_label(c.procedure_type)
    return calls


# The list ----------------------------------------------------------------------------------------


def listing(request):
    """The list's context: the search of the query string (calls still worth answering unless
    statuses are chosen), the panel and chips, the cards, the feed of the same filters."""
    form, query, defaulted = calls_query(request.GET)
    result, unavailable = None, False
    try:
        result = search.search(query)
    except search.SearchUnavailable:
        unavailable = True
    params = request.GET.copy()
    for transient in ("page", "partial"):
        params.pop(transient, None)
    chips, clear_params = active_chips(CALLS, chosen(query, defaulted), params)
    filters = feed_params(params)
    feed = reverse("calls:feed") + (f"?{filters.urlencode()}" if filters else "")
    with_closed = params.copy()
    with_closed.setlist("status", list(ALL_STATUSES))
    live_only = params.copy()
    live_only.pop("status", None)
    statuses = set(query.values("status"))
    return {
        "document": CALLS,
        "form": form,
        "query": query,
        "result": result,
        "hits": prepare(result.hits) if result else [],
        "unavailable": unavailable,
        "panel": filter_panel(CALLS, query, result),
        "chips": chips,
        "clear_params": clear_params,
        "orderings": CALLS.ordering_choices(),
        "ordering_state": {
            "effective_ordering": query.effective_ordering,
            # What the visitor chose, not the deadline order given without words.
            "ordering": getattr(form, "cleaned_data", {}).get("ordering", ""),
        },
        "base_params": params.urlencode(),
        "defaulted": defaulted,
        "with_closed_params": with_closed.urlencode() if not statuses - set(LIVE) else "",
        "live_only_params": live_only.urlencode() if statuses - set(LIVE) else None,
        "feed_url": feed,
        "filters": filters.urlencode(),
        "listing_url": reverse("calls:index"),
        "closing_days": CLOSING_SOON_DAYS,
    }


@require_GET
@cached_for_visitors
def call_index(request):
    """The calls, searchable and filtered. Kept for visitors until content changes
    (portal.cache); a call that closes meanwhile shows as closed on its card."""
    context = listing(request)
    return render(request, "calls/index.html", context, status=503 if context["unavailable"] else 200)


# A call --------------------------------------------------------------------------------------


def _offset(moment):
    """ "+01:00" of an aware datetime."""
    offset = moment.utcoffset() or datetime.timedelta(0)
    sign = "-" if offset < datetime.timedelta(0) else "+"
    minutes = abs(int(offset.total_seconds())) // 60
    return f"{sign}{minutes // 60:02d}:{minutes % 60:02d}"


def source_time(call):
    """The deadline as the notice wrote it ("16:00 (+00:00)") when its offset is not Brussels'
    at that moment, else ""."""
    raw = (call.deadline_timezone or "").strip()
    if not call.deadline or len(raw) != 6 or raw[0] not in "+-" or raw[3] != ":":
        return ""
    try:
        hours, minutes = int(raw[1:3]), int(raw[4:6])
    except ValueError:
        return ""
    if hours > 14 or minutes > 59:
        return ""
    delta = datetime.timedelta(hours=hours, minutes=minutes) * (-1 if raw[0] == "-" else 1)
    there = call.deadline.astimezone(datetime.timezone(delta))
    here = timezone.localtime(call.deadline)
    if _offset(here) == _offset(there):
        return ""
    # The day too when the other offset puts the deadline on another day.
    day = f"{dates.weekday_date(there, year=True)}, " if there.date() != here.date() else ""
    return f"{day}{time_format(there.time())} ({_offset(there)})"


def _schema(call, sectors):
    """schema.org Demand: what the issuing body asks for, where, until when, for how much."""
    url = canonical_url(call.get_absolute_url())
    data = {
        "@context": "https://schema.org",
        "@type": "Demand",
        "name": call.title_text,
        "url": url,
    }
    if call.summary_text:
        data["description"] = call.summary_text[:1000]
    if call.publication_date:
        data["availabilityStarts"] = call.publication_date.isoformat()
    if call.deadline:
        data["availabilityEnds"] = timezone.localtime(call.deadline).isoformat()
    if call.place_list:
        area = [{"@type": "Place", "name": name} for name in call.place_list]
        data["areaServed"] = area
        data["eligibleRegion"] = area
    if call.estimated_value is not None:
        data["priceSpecification"] = {
            "@type": "PriceSpecification",
            "price": f"{call.estimated_value:.2f}",
            "priceCurrency": call.currency or "EUR",
        }
    if sectors:
        data["category"] = [s.name for s in sectors]
    # </script> cannot end the block early: "<" is escaped.
    return json.dumps(data, ensure_ascii=False).replace("<", "\\u003c")


def _lots(call, visitor):
    lots = []
    for lot in call.lots.all():
        title, code = lot.display_title(visitor)
        lots.append(
            {
                "identifier": lot.identifier,
                "title": title,
                "language": code,
                "note": in_language(code) if title and code != visitor else "",
                "cpv": [(c, mapping.cpv_label(c)) for c in lot.cpv_codes.split("|") if c],
                "deadline": timezone.localtime(lot.deadline) if lot.deadline else None,
                "deadline_label": deadline_text(lot.deadline) if lot.deadline else "",
            }
        )
    return lots


@require_GET
@cached_for_visitors(slot_seconds=300)  # "closes today" follows the clock
def call_detail(request, pk, slug=""):
    if pk > MAX_ID:
        raise Http404
    # Sectors and lots read once (the interest section reads the sectors too).
    call = get_object_or_404(Call.objects.select_related("source").prefetch_related("sectors", "lots"), pk=pk)
    if not call.published:
        raise Http404
    canonical = call.get_absolute_url()
    if request.path != canonical:
        return redirect(canonical, permanent=True)
    visitor = (get_language() or settings.LANGUAGE_CODE)[:2]
    prepare([call])
    sectors = list(call.sectors.all())
    context = {
        "call": call,
        "alternates_of": call,  # the language switcher's and hreflang links' addresses
        "sectors": sectors,
        "cpv": [(code, mapping.cpv_label(code)) for code in call.cpv_list()],
        "lots": _lots(call, visitor),
        "source_time": source_time(call),
        "schema": _schema(call, sectors),
        "listing_url": reverse("calls:index"),
    }
    context.update(interest_views.interest_context(request, call))
    return render(request, "calls/detail.html", context)


# The site search -----------------------------------------------------------------------------


def site_search(text, limit):
    """The calls still worth answering that match the site search's words (portal.registry):
    the query, run with the other domains', then the calls found in one statement (the line
    needs none of their places or sectors, which prepare() would link)."""
    query = CALLS.query(q=text, status=list(LIVE), page_size=limit)

    def found(ids, total):
        by_id = {c.pk: c for c in Call.objects.filter(pk__in=ids)}
        visitor = (get_language() or settings.LANGUAGE_CODE)[:2]
        items = []
        for c in (by_id[pk] for pk in ids if pk in by_id):
            # As prepare() words the title and the deadline.
            title = _shown(c, "title", visitor)[0] or c.source_ref or f"#{c.pk}"
            deadline = deadline_text(c.deadline) if c.deadline else ""
            items.append(
                (
                    title,
                    c.get_absolute_url(),
                    registry.Found.line(c.get_kind_display(), deadline, c.buyer_name),
                )
            )
        more = f"{reverse('calls:index')}?{urlencode({'q': text})}"
        return registry.Found(_("Calls"), total, items, more)

    return registry.SiteQuery(query, found)
