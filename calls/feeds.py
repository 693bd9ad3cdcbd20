"""The RSS 2.0 feed of a calls search: the newest calls the list shows for the same query
string (the list links the feed of its filters), in the request's language, each with its
summary, deadline and issuing body and a link to its page.

Nothing here asks another host: places and labels come from the portal's own data.
"""

from dataclasses import replace
from html import escape

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext

from calls.documents import CALLS
from calls.views import calls_query, chosen, feed_params, prepare
from portal import search
from portal.search.views import active_chips
from portal.utils import canonical_url

ITEMS = 50
# Feed readers poll on their own schedule; caches may keep an answer a quarter of an hour.
MAX_AGE = 15 * 60
SUMMARY_LENGTH = 600


def organisation_name(request=None):
    from portal.pages.models import OrganisationSettings

    return OrganisationSettings.load(request_or_site=request).name or settings.WAGTAIL_SITE_NAME


def feed_name(request, query, defaulted):
    """ "Coop – Calls – Flemish Region": the organisation, then the filters in force (the default
    statuses are no filter the visitor chose)."""
    parts = [organisation_name(request), gettext("Calls")]
    if query.q:
        parts.append(f"“{query.q}”")
    chips, _clear = active_chips(CALLS, chosen(query, defaulted), request.GET.copy())
    grouped = {}
    for chip in chips:
        grouped.setdefault(str(chip["facet"]), []).append(str(chip["label"]))
    parts += [", ".join(labels) for labels in grouped.values()]
    return " – ".join(parts)


class CallsFeed(Feed):
    """The newest published calls matching the query string (the list's filters; bad values
    are left out so that a subscribed reader keeps working)."""

    item_guid_is_permalink = True

    def __call__(self, request, *args, **kwargs):
        try:
            response = super().__call__(request, *args, **kwargs)
        except search.SearchUnavailable:
            # An empty feed would look like "no call any more": ask readers to come back.
            response = HttpResponse(status=503, content_type="text/plain; charset=utf-8")
            response["Retry-After"] = "600"
            return response
        patch_cache_control(response, public=True, max_age=MAX_AGE)
        return response

    def get_object(self, request, *args, **kwargs):
        # One Feed instance serves every request: what depends on it travels as `obj`.
        _form, query, defaulted = calls_query(request.GET)
        query = replace(query, ordering="published", page=1, page_size=ITEMS)
        filters = feed_params(request.GET).urlencode()
        return {
            "name": feed_name(request, query, defaulted),
            "calls": prepare(search.search(query).hits),
            "filters": f"?{filters}" if filters else "",
        }

    def title(self, obj):
        return obj["name"]

    def description(self, obj):
        return gettext("The newest calls for tenders and projects of this search.")

    def link(self, obj):
        return canonical_url(reverse("calls:index") + obj["filters"])

    def feed_url(self, obj):
        return canonical_url(reverse("calls:feed") + obj["filters"])

    def items(self, obj):
        return obj["calls"]

    def item_title(self, item):
        return f"{item.title_text} {item.title_note}".strip()

    def item_description(self, item):
        facts = [
            f"{gettext('Deadline:')} {item.deadline_label}" if item.deadline_label else "",
            f"{gettext('Issuing body:')} {item.buyer_name}" if item.buyer_name else "",
            item.status_label if not item.is_live else "",
        ]
        summary = item.summary_text
        if len(summary) > SUMMARY_LENGTH:
            summary = summary[:SUMMARY_LENGTH].rsplit(" ", 1)[0] + "…"
        head = " · ".join(f for f in facts if f)
        # Readers take a description as HTML: the texts of notices are escaped first.
        return escape(f"{head}\n\n{summary}".strip())

    def item_link(self, item):
        return canonical_url(item.get_absolute_url())

    def item_pubdate(self, item):
        if item.publication_date:
            return timezone.make_aware(
                timezone.datetime.combine(item.publication_date, timezone.datetime.min.time())
            )
        return item.created_at

    def item_updateddate(self, item):
        return item.source_updated_at or item.updated_at

    def item_categories(self, item):
        return [str(item.get_kind_display())]
