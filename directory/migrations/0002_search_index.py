from django.db import migrations

SQLITE = [
    # unicode61 with remove_diacritics folds accents; documents are folded already as well.
    "CREATE VIRTUAL TABLE IF NOT EXISTS directory_profile_fts USING fts5("
    "doc, tokenize = 'unicode61 remove_diacritics 2')",
]
SQLITE_REVERSE = ["DROP TABLE IF EXISTS directory_profile_fts"]
POSTGRES = [
    "CREATE INDEX IF NOT EXISTS directory_profile_search_gin ON directory_memberprofile "
    "USING gin (to_tsvector('simple', search_text))",
]
POSTGRES_REVERSE = ["DROP INDEX IF EXISTS directory_profile_search_gin"]


def forwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    statements = {"sqlite": SQLITE, "postgresql": POSTGRES}.get(vendor, [])
    for statement in statements:
        schema_editor.execute(statement)


def backwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for statement in {"sqlite": SQLITE_REVERSE, "postgresql": POSTGRES_REVERSE}.get(vendor, []):
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("directory", "0001_initial")]

    operations = [migrations.RunPython(forwards, backwards)]
