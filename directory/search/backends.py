import logging

from django.conf import settings
from django.utils.module_loading import import_string

DATABASE_BACKEND = "directory.search.database.DatabaseBackend"
OPENSEARCH_BACKEND = "directory.search.opensearch.OpenSearchBackend"
logger = logging.getLogger(__name__)


def get_backend():
    """The backend that answers searches: OpenSearch when SEARCH_URL is set, else the database
    (DIRECTORY_SEARCH_BACKEND overrides both, e.g. in tests)."""
    path = getattr(settings, "DIRECTORY_SEARCH_BACKEND", "")
    if not path:
        path = OPENSEARCH_BACKEND if settings.SEARCH_URL else DATABASE_BACKEND
    return import_string(path)()


def index_backends():
    """Every backend that keeps an index. The database one is always kept current, so that
    the portal can fall back to it when the engine is down."""
    backends = [import_string(DATABASE_BACKEND)()]
    if settings.SEARCH_URL:
        backends.append(import_string(OPENSEARCH_BACKEND)())
    return backends


def search_with_fallback(query):
    from .base import SearchUnavailable

    backend = get_backend()
    try:
        return backend.search(query)
    except SearchUnavailable:
        if backend.name != "database" and settings.SEARCH_FALLBACK_TO_DATABASE:
            logger.warning("Search engine unavailable: answering from the database.")
            return import_string(DATABASE_BACKEND)().search(query)
        raise
