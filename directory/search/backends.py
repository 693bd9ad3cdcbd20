from django.conf import settings
from django.utils.module_loading import import_string

DEFAULT_BACKEND = "directory.search.database.DatabaseBackend"


def get_backend():
    path = getattr(settings, "DIRECTORY_SEARCH_BACKEND", "") or DEFAULT_BACKEND
    return import_string(path)()
