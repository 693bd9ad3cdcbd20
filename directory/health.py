from django.conf import settings

from directory.documents import MEMBERS
from portal import search


def search_health():
    """(status, healthy) of the directory's search: "database" when it searches the database,
    else the engine's cluster health."""
    status = search.health(MEMBERS)
    if status == "database":
        return status, True
    if status == "unavailable" and settings.SEARCH_FALLBACK_TO_DATABASE:
        status = "unavailable (answering from the database)"
    return status, status in ("green", "yellow")
