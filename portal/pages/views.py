from django.conf import settings
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.translation import get_language
from django.views.decorators.http import require_GET
from wagtail.models import Locale, Page
from wagtail.search.backends import get_search_backend

from portal.utils import clean_query


@require_GET
def search_view(request):
    query = clean_query(request.GET.get("q", ""))
    results = None
    if query:
        pages = Page.objects.live().public().filter(locale=Locale.get_active()).specific()
        # The active language's index when there is one (OpenSearch), else the default.
        language = get_language()
        backend = get_search_backend(language if language in settings.WAGTAILSEARCH_BACKENDS else "default")
        results = Paginator(backend.search(query, pages), 10).get_page(request.GET.get("page"))
    return render(request, "pages/search.html", {"query": query, "site_query": query, "results": results})
