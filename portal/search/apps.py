from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def install_documents(sender=None, using="default", verbosity=1, **kwargs):
    """After migrate (and flush): every declared document has its database tables, rebuilt
    when the declaration changed."""
    from portal.search import documents
    from portal.search.database import install

    for document in documents():
        if not install(document, verbosity=verbosity):
            prune(document)


def prune(document):
    """Rows whose object is gone (a flush in tests empties the models' tables, not ours)."""
    model = getattr(document, "model", None)
    if model is None:
        return
    from django.db import connection

    from portal.search.database import Tables

    tables = Tables(document)
    source = model._meta.db_table
    with connection.cursor() as cursor:
        for table in tables.searched():
            cursor.execute(f"DELETE FROM {table} WHERE id NOT IN (SELECT id FROM {source})")
        if connection.vendor == "sqlite":
            cursor.execute(f"DELETE FROM {tables.fts} WHERE rowid NOT IN (SELECT id FROM {source})")


class SearchConfig(AppConfig):
    name = "portal.search"
    label = "search"
    verbose_name = _("Search")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # post_migrate comes after every migration has run: the models' tables exist.
        post_migrate.connect(install_documents, sender=self, dispatch_uid="search-install-documents")
        from portal import registry
        from portal.search.tasks import pending

        # Index changes the engine missed while it was down, waiting for their retry.
        registry.register_health_check("search_retries", lambda: (str(pending()), True))
