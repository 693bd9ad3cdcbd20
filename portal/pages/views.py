from django.conf import settings
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.translation import get_language
from django.views.decorators.http import require_GET
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from portal import registry, search
from portal.cache import cached_for_visitors, content_memo
from portal.pages.models import active_locale, live_homes, public, remember_site
from portal.search import SearchUnavailable
from portal.utils import clean_query


def _domains_found(text, limit=3):
    """[registry.Found] of the domains that found something, in their order. The domains' queries
    run together (search.first_ids: one statement on the database), each domain then loads its
    few hits; when the search engine is down they are left out (the pages are still searched)."""
    asked = []
    for find in registry.site_searches():
        try:
            asked.append(find(text, limit))
        except SearchUnavailable:
            continue
    queries = [a.query for a in asked if isinstance(a, registry.SiteQuery)]
    try:
        answers = iter(search.first_ids(queries))
    except SearchUnavailable:
        answers = None
    sections = []
    for a in asked:
        if isinstance(a, registry.SiteQuery):
            if answers is None:
                continue
            ids, total = next(answers)
            a = a.found(ids, total) if total else None
        if a is not None and a.total:
            sections.append(a)
    return sections


# Most routes a process keeps: each holds its page (with its body), so a site of many pages keeps
# the first ones asked for and routes the others as Wagtail does.
KEPT_ROUTES = 500


def serve(request, path):
    """Wagtail's page view, with what it looks up before the page's own work (the site, the
    page at this address and its view restrictions) kept in the process until content changes
    (portal.cache.content_memo): that was seven of a page's queries, for members on every page.
    Only addresses that lead to a live page are kept."""
    from wagtail import views as wagtail_views

    site = remember_site(request)
    if site is not None:
        routes = content_memo.get("page-routes", dict)
        key = (site.pk, get_language(), path)
        route = routes.get(key)
        if route is not None:
            request._wagtail_route_for_request = route
        else:
            route = Page.route_for_request(request, path)
            if route is not None and len(routes) < KEPT_ROUTES:
                page = route[0]
                if hasattr(page, "keep_view_restrictions"):
                    page.keep_view_restrictions()
                routes[key] = route
    return wagtail_views.serve(request, path)


RESULTS_PER_PAGE = 10


class _FirstPageRead:
    """Search results whose first page is read first, one more than it shows: when that is all,
    the paginator needs no count query."""

    def __init__(self, results):
        self.results = results
        self.head = list(results[: RESULTS_PER_PAGE + 1])

    def count(self):
        return len(self.head) if len(self.head) <= RESULTS_PER_PAGE else self.results.count()

    def __getitem__(self, key):
        if isinstance(key, slice) and not key.start and key.stop is not None and key.stop <= len(self.head):
            return self.head[key]
        return self.results[key]


@require_GET
@cached_for_visitors(slot_seconds=300)  # the sections show deadlines and dates ("closes today")
def search_view(request):
    query = clean_query(request.GET.get("q", ""))
    results, sections = None, []
    if query:
        # The members, spaces and events found come first, then the pages (only on the first page).
        if request.GET.get("page") in (None, "", "1"):
            sections = _domains_found(query)
        # Plain pages, not .specific(): the list shows the title, description and address, which
        # every page has (a query per page type less).
        pages = public(Page.objects.live().filter(locale=active_locale()))
        # The active language's index when there is one (OpenSearch), else the default.
        language = get_language()
        backend = get_search_backend(language if language in settings.WAGTAILSEARCH_BACKENDS else "default")
        found = backend.search(query, pages)
        if request.GET.get("page") in (None, "", "1"):
            found = _FirstPageRead(found)
        results = Paginator(found, RESULTS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "pages/search.html",
        {"query": query, "site_query": query, "results": results, "sections": sections},
    )


@require_GET
@cached_for_visitors
def site_map(request):
    """The site map for people (the XML one is for search engines): the pages of the visitor's
    language as a tree, then the domains' sections (the directory, …)."""
    home = live_homes(request).get(get_language())
    pages = list(public(home.get_descendants(inclusive=True).live()).order_by("path")) if home else []
    depth = pages[0].depth if pages else 0
    tree = [{"page": page, "level": page.depth - depth} for page in pages]
    return render(request, "pages/site_map.html", {"tree": tree, "sections": registry.nav_urls()})
