"""What a listing page of a declared document needs: the form, the query, the result and the
filter panel, from the query string."""

from dataclasses import replace

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext

from portal.dates import long_date
from portal.search.backends import search
from portal.search.documents import DISTANCE, SearchUnavailable
from portal.search.forms import RADIUS_CHOICES, search_form
from portal.search.text import fold

# A facet with more options than this shows the most used ones and folds the rest away.
PANEL_TOP = 6
PANEL_FOLD_AFTER = 8


def filter_panel(document, query, result):
    """The facets of the filter panel, in declaration order, with their options and counts.

    Short lists keep their declared order. Long ones (sectors, professions…) show the chosen
    options and the most used ones first, then every other option alphabetically (accents in
    their place) behind "show more", with a box that narrows them as one types.
    """
    if result is None:
        return []
    panel = []
    for facet in document.panel_facets():
        options = result.facets.get(facet.name, [])
        top, more = options, []
        if len(options) > PANEL_FOLD_AFTER:
            ranked = sorted(options, key=lambda o: (not o.selected, -o.count))
            top = ranked[:PANEL_TOP]
            shown = {o.value for o in top}
            more = sorted((o for o in options if o.value not in shown), key=lambda o: fold(o.label))
        panel.append(
            {
                "facet": facet,
                "options": options,
                "top": top,
                "more": more,
                "input": "checkbox" if facet.multiple or facet.boolean else "radio",
                "chosen": bool(query.values(facet.name)),
            }
        )
    return panel


def active_chips(document, query, params):
    """The filters in force, each with the address of the same search without it, and the
    address of the search with none ("clear all" keeps the words typed)."""
    chips = []
    for facet in document.facets:
        chosen = query.values(facet.name)
        if not chosen:
            continue
        labels = dict(facet.option_list())
        if facet.boolean:
            labels.setdefault("true", pgettext("a yes/no filter", "Yes"))
            labels.setdefault("false", pgettext("a yes/no filter", "No"))
        for value in chosen:
            # From the values as understood ("a,b" and repeats normalised), not as typed.
            rest = params.copy()
            rest.setlist(facet.name, [v for v in chosen if v != value])
            chips.append(
                {
                    "facet": facet.label,
                    "label": labels.get(value, value),
                    "remove": rest.urlencode(),
                }
            )
    if query.near:
        rest = params.copy()
        for name in ("near", "radius_km"):
            rest.pop(name, None)
        place = params.get("near", query.near)
        label = _("%(place)s, within %(km)s km") % {"place": place, "km": query.radius_km}
        chips.append({"facet": _("Near"), "label": label, "remove": rest.urlencode()})
    for dates in document.date_ranges:
        chip = _date_chip(dates, query, params)
        if chip:
            chips.append(chip)
    ranges = {f"{d.name}_{end}" for d in document.date_ranges for end in ("from", "to")}
    clear = params.copy()
    for name in list(clear):
        if name in document.facet_map or name in ("near", "radius_km") or name in ranges:
            clear.pop(name)
    return chips, clear.urlencode()


def _date_chip(dates, query, params):
    """ "Dates: from 1 December 2026", "until …", "1 December 2026 – 5 December 2026" (the days as
    the form understood them: a bad date is reported by the form, not shown as a chip)."""
    first, last = (
        query.ranges.get(dates.ends, (None, None))[0],
        query.ranges.get(dates.starts, (None, None))[1],
    )
    first = params.get(f"{dates.name}_from") if first else None
    last = params.get(f"{dates.name}_to") if last else None
    if not first and not last:
        return None
    rest = params.copy()
    for end in ("from", "to"):
        rest.pop(f"{dates.name}_{end}", None)
    shown = {key: long_date(_day(value)) for key, value in (("from", first), ("to", last)) if value}
    if first and last:
        label = _("%(from)s – %(to)s") % shown
    elif first:
        label = _("from %(from)s") % shown
    else:
        label = _("until %(to)s") % shown
    return {"facet": dates.label, "label": label, "remove": rest.urlencode()}


def _day(text):
    import datetime

    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        return None


def radius_choices(current):
    """The radius menu, with the radius asked for in the address when it is not one of the
    usual ones (the API accepts any up to its maximum): a new search keeps it."""
    return sorted(set(RADIUS_CHOICES) | {int(current)})


def search_context(request, document, ranges=None):
    """Context for a listing page: bad parameters are reported and left out, what the person
    typed stays in the form, and an engine that is down gives `unavailable`. `ranges` narrows
    every search of the page ({"end": (now, None)}: what is still to come)."""
    form = search_form(document)(request.GET or None)
    if form.is_bound:
        form.is_valid()
    query = form.to_query()
    if ranges:
        query = replace(query, ranges={**ranges, **query.ranges})
    result, unavailable = None, False
    try:
        result = search(query)
    except SearchUnavailable:
        unavailable = True
    params = request.GET.copy()
    for transient in ("page", "partial"):
        params.pop(transient, None)
    orderings = [
        (value, label) for value, label in document.ordering_choices() if value != DISTANCE or query.near
    ]
    chips, clear_params = active_chips(document, query, params)
    return {
        "document": document,
        "chips": chips,
        "clear_params": clear_params,
        "form": form,
        "query": query,
        "result": result,
        "unavailable": unavailable,
        "panel": filter_panel(document, query, result),
        "orderings": orderings,
        "base_params": params.urlencode(),
        "radius_choices": radius_choices(query.radius_km),
    }
