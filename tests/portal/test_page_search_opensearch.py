"""Site search on OpenSearch: one index per language, each with its language's analyzer."""

import os
import uuid

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db
URL = os.environ.get("TEST_SEARCH_URL", "")


@pytest.fixture
def page_indexes(settings):
    if not URL:
        if os.environ.get("REQUIRE_OPENSEARCH"):
            pytest.fail("TEST_SEARCH_URL is not set")
        pytest.skip("no OpenSearch node (set TEST_SEARCH_URL)")
    prefix = f"test-{uuid.uuid4().hex[:10]}"
    backends = {}
    for code, analyzer in (
        ("default", None),
        ("fr", "french"),
        ("nl", "dutch"),
        ("de", "german"),
        ("en", "english"),
    ):
        backend = {
            "BACKEND": "wagtail.search.backends.opensearch3",
            "URLS": [URL],
            "INDEX_PREFIX": f"{prefix}-pages-{code}-",
            "ATOMIC_REBUILD": True,
        }
        if analyzer:
            backend["INDEX_SETTINGS"] = {
                "settings": {"index": {"analysis": {"analyzer": {"default": {"type": analyzer}}}}}
            }
        backends[code] = backend
    settings.WAGTAILSEARCH_BACKENDS = backends
    for name in backends:
        call_command("update_index", backend_name=name, verbosity=0)
    yield
    from opensearchpy import OpenSearch

    OpenSearch(hosts=[URL]).indices.delete(index=f"{prefix}-*", ignore_unavailable=True)


def test_each_language_searches_its_own_pages_with_its_analyzer(client, page_indexes):
    # "handvesten" is not a word of the charter, but the Dutch stemmer brings it to "handvest".
    html = client.get("/nl/search/", {"q": "handvesten"}).content.decode()
    assert "Waardenhandvest" in html and "Charte des valeurs" not in html
    # French: "engagements" and "engagement" meet.
    html = client.get("/fr/search/", {"q": "principes solidarité"}).content.decode()
    assert "Charte des valeurs" in html and "Waardenhandvest" not in html
