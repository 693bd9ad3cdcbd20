from django.conf import settings
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.translation import get_language
from django.views.decorators.http import require_GET
from wagtail.models import Locale, Page
from wagtail.search.backends import get_search_backend

from portal import registry
from portal.cache import cached_for_visitors
from portal.search import SearchUnavailable
from portal.utils import clean_query


def _domains_found(text, limit=3):
    """[registry.Found] of the domains that found something; one whose search engine is down is
    left out (the pages are still searched)."""
    sections = []
    for find in registry.site_searches():
        try:
            found = find(text, limit)
        except SearchUnavailable:
            continue
        if found is not None and found.total:
            sections.append(found)
    return sections


@require_GET
@cached_for_visitors(slot_seconds=300)  # the sections show deadlines and dates ("closes today")
def search_view(request):
    query = clean_query(request.GET.get("q", ""))
    results, sections = None, []
    if query:
        # The members, spaces and events found come first, then the pages (only on the first page).
        if request.GET.get("page") in (None, "", "1"):
            sections = _domains_found(query)
        pages = Page.objects.live().public().filter(locale=Locale.get_active()).specific()
        # The active language's index when there is one (OpenSearch), else the default.
        language = get_language()
        backend = get_search_backend(language if language in settings.WAGTAILSEARCH_BACKENDS else "default")
        results = Paginator(backend.search(query, pages), 10).get_page(request.GET.get("page"))
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
    from portal.pages.models import live_homes

    home = live_homes(request).get(get_language())
    pages = list(home.get_descendants(inclusive=True).live().public().order_by("path")) if home else []
    depth = pages[0].depth if pages else 0
    tree = [{"page": page, "level": page.depth - depth} for page in pages]
    return render(request, "pages/site_map.html", {"tree": tree, "sections": registry.nav_urls()})
