from django.conf import settings

from directory.search import get_backend


def search_health():
    """(status, healthy) of the directory's search: "database" when it searches the database,
    else the engine's cluster health."""
    backend = get_backend()
    if backend.name == "database":
        return "database", True
    status = backend.health()
    if status == "unavailable" and settings.SEARCH_FALLBACK_TO_DATABASE:
        status = "unavailable (answering from the database)"
    return status, status in ("green", "yellow")
