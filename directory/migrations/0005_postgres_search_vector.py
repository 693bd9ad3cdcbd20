from django.db import migrations

# PostgreSQL keeps the tsvector of each profile in a generated column: matching and ranking
# then read it instead of recomputing to_tsvector() for every candidate row.
FORWARD = [
    "ALTER TABLE directory_memberprofile ADD COLUMN IF NOT EXISTS search_vector tsvector "
    "GENERATED ALWAYS AS (to_tsvector('simple', coalesce(search_text, ''))) STORED",
    "CREATE INDEX IF NOT EXISTS directory_profile_search_vector ON directory_memberprofile USING gin (search_vector)",
    "DROP INDEX IF EXISTS directory_profile_search_gin",
]
BACKWARD = [
    "DROP INDEX IF EXISTS directory_profile_search_vector",
    "ALTER TABLE directory_memberprofile DROP COLUMN IF EXISTS search_vector",
    "CREATE INDEX IF NOT EXISTS directory_profile_search_gin ON directory_memberprofile "
    "USING gin (to_tsvector('simple', search_text))",
]


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in FORWARD:
            schema_editor.execute(statement)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in BACKWARD:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("directory", "0004_search_rows")]

    operations = [migrations.RunPython(forwards, backwards)]
