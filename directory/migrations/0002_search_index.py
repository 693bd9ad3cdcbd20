from django.db import migrations

# The full-text index of the database backend (directory/search/database.py), one per vendor.
SQLITE = [
    # unicode61 with remove_diacritics folds accents; documents are folded already as well.
    "CREATE VIRTUAL TABLE IF NOT EXISTS directory_profile_fts USING fts5("
    "doc, tokenize = 'unicode61 remove_diacritics 2')",
]
SQLITE_REVERSE = ["DROP TABLE IF EXISTS directory_profile_fts"]
# PostgreSQL keeps the tsvector of each profile in a generated column: matching and ranking
# then read it instead of recomputing to_tsvector() for every candidate row.
POSTGRES = [
    "ALTER TABLE directory_memberprofile ADD COLUMN IF NOT EXISTS search_vector tsvector "
    "GENERATED ALWAYS AS (to_tsvector('simple', coalesce(search_text, ''))) STORED",
    "CREATE INDEX IF NOT EXISTS directory_profile_search_vector ON directory_memberprofile "
    "USING gin (search_vector)",
]
POSTGRES_REVERSE = [
    "DROP INDEX IF EXISTS directory_profile_search_vector",
    "ALTER TABLE directory_memberprofile DROP COLUMN IF EXISTS search_vector",
]


def forwards(apps, schema_editor):
    statements = {"sqlite": SQLITE, "postgresql": POSTGRES}.get(schema_editor.connection.vendor, [])
    for statement in statements:
        schema_editor.execute(statement)


def backwards(apps, schema_editor):
    statements = {"sqlite": SQLITE_REVERSE, "postgresql": POSTGRES_REVERSE}.get(
        schema_editor.connection.vendor, []
    )
    for statement in statements:
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("directory", "0001_initial")]

    operations = [migrations.RunPython(forwards, backwards)]
