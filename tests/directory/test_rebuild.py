"""Rebuilding the indexes: the bulk load paths give the same rows and documents as indexing
object by object, leave the tables and the index as they were declared, and a failed
OpenSearch build leaves the live index alone."""

import pytest
from django.conf import settings
from django.db import connection
from opensearchpy.helpers import BulkIndexError

from directory.documents import MEMBERS
from portal.search import opensearch
from portal.search.database import DatabaseBackend, Tables
from portal.search.opensearch import OpenSearchBackend, source

pytestmark = pytest.mark.django_db


def database_index():
    """Every row of the members' index tables (but the change log), and their indexes."""
    tables = Tables(MEMBERS)
    names = [tables.rows, tables.values, tables.text, tables.geo]
    dump = {}
    with connection.cursor() as cursor:
        for name in names:
            cursor.execute(f"SELECT * FROM {name}")
            dump[name] = sorted(cursor.fetchall(), key=repr)
        if connection.vendor == "sqlite":
            cursor.execute(f"SELECT rowid, doc FROM {tables.fts}")
            dump[tables.fts] = sorted(cursor.fetchall())
            cursor.execute(
                "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name LIKE %s",
                [f"{tables.rows}%"],
            )
        else:
            cursor.execute(
                "SELECT indexname, indexdef FROM pg_indexes WHERE tablename LIKE %s", [f"{tables.rows}%"]
            )
        dump["indexes"] = sorted(cursor.fetchall(), key=repr)
    return dump


def test_the_database_rebuild_stores_what_indexing_each_object_stores(people):
    backend = DatabaseBackend(MEMBERS)
    backend.clear()
    backend.index(MEMBERS.objects(), fresh=True)
    one_by_one = database_index()
    progress = []
    assert backend.rebuild(progress=progress.append) == 12
    assert database_index() == one_by_one
    assert progress[-1] == 12
    assert backend.search(MEMBERS.query(q="lightroom", region="02000")).total == 1
    if connection.vendor == "sqlite":
        # The full-text table merges its segments as a new table does.
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT v FROM {Tables(MEMBERS).fts}_config WHERE k = 'automerge'")
            assert cursor.fetchone()[0] == 4


def test_a_profile_saved_during_a_database_rebuild_is_found_by_its_new_words(people):
    """The rebuild read the profile before the member saved it: the saved words still count."""
    backend = DatabaseBackend(MEMBERS)
    saved = people["Sofie Claes"]

    def member_saves(done):
        # Another request, while the load goes on: the live tables get the new words.
        type(saved).objects.filter(pk=saved.pk).update(skills="xylography")
        DatabaseBackend(MEMBERS).update([saved.pk])

    assert backend.rebuild(progress=member_saves) == 12
    found = DatabaseBackend(MEMBERS).search(MEMBERS.query(q="xylography"))
    assert [p.pk for p in found.hits] == [saved.pk]
    assert DatabaseBackend(MEMBERS).search(MEMBERS.query()).total == 12


def test_a_failed_database_rebuild_leaves_the_index_as_it_was(people, monkeypatch):
    before = database_index()
    objects = type(MEMBERS).objects

    def failing(self, ids=None):
        yield from list(objects(self, ids))[:5]
        raise RuntimeError("the database went away")

    monkeypatch.setattr(type(MEMBERS), "objects", failing)
    with pytest.raises(RuntimeError):
        DatabaseBackend(MEMBERS).rebuild()
    # Dropped indexes and the new full-text table are rolled back with the rest.
    assert database_index() == before


def test_the_opensearch_rebuild_sends_every_document_in_chunks(search_engine, people, monkeypatch):
    monkeypatch.setattr(opensearch, "CHUNK", 5)  # 12 profiles: three requests, two at a time
    engine = OpenSearchBackend(MEMBERS)
    progress = []
    assert engine.rebuild(progress=progress.append) == 12
    assert progress == [5, 10, 12]
    client = engine.client
    stored = {
        int(hit["_id"]): hit["_source"]
        for hit in client.search(index=engine.alias, body={"query": {"match_all": {}}, "size": 50})["hits"][
            "hits"
        ]
    }
    # Every document as built, but for what is indexed and never read back.
    unread = opensearch.index_body(MEMBERS)["mappings"]["_source"]["excludes"]
    assert {"suggest", "bio_in_fr"} <= set(unread)
    built = {p.pk: source(MEMBERS, p) for p in MEMBERS.objects()}
    assert stored == {pk: {k: v for k, v in doc.items() if k not in unread} for pk, doc in built.items()}
    # Loaded without refreshes, replicas or fsyncs, then given back its own settings.
    (index,) = client.indices.get_alias(name=engine.alias)
    own = client.indices.get_settings(index=index, flat_settings=True)[index]["settings"]
    assert "index.refresh_interval" not in own and "index.translog.durability" not in own
    assert own["index.number_of_replicas"] == str(settings.SEARCH_REPLICAS)


def test_a_failed_opensearch_rebuild_leaves_the_live_index(search_engine, people, monkeypatch):
    engine = OpenSearchBackend(MEMBERS)
    live = set(engine.client.indices.get_alias(name=engine.alias))
    refused = people["Sofie Claes"].pk

    def broken(document, obj):
        body = source(document, obj)
        if obj.pk == refused:
            body["pk"] = "not a number"  # a long in the mapping: the node refuses it
        return body

    monkeypatch.setattr(opensearch, "CHUNK", 5)
    monkeypatch.setattr(opensearch, "source", broken)
    with pytest.raises(BulkIndexError):
        engine.rebuild()
    assert set(engine.client.indices.get_alias(name=engine.alias)) == live
    assert set(engine.client.indices.get(index=f"{engine.alias}-*")) == live  # the new one deleted
    assert engine.count() == 12
