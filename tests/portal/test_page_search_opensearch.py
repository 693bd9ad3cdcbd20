"""Site search on OpenSearch: one index per language, each with its language's analyzer."""

import pytest
from django.core.management import call_command

from portal.settings.search import page_search_backends

pytestmark = pytest.mark.django_db


@pytest.fixture
def page_indexes(settings, search_engine, opensearch_url):
    """The production page backends, pointed at the test node with this test's prefix."""
    settings.WAGTAILSEARCH_BACKENDS = page_search_backends(opensearch_url, search_engine)
    for name in settings.WAGTAILSEARCH_BACKENDS:
        call_command("update_index", backend_name=name, verbosity=0)


def test_each_language_searches_its_own_pages_with_its_analyzer(client, page_indexes):
    # "handvesten" is not a word of the charter, but the Dutch stemmer brings it to "handvest".
    html = client.get("/nl/zoeken/", {"q": "handvesten"}).content.decode()
    assert "Waardenhandvest" in html and "Charte des valeurs" not in html
    # French: "engagements" and "engagement" meet.
    html = client.get("/fr/recherche/", {"q": "principes solidarité"}).content.decode()
    assert "Charte des valeurs" in html and "Waardenhandvest" not in html
