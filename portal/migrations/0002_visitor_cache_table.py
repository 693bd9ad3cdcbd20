from django.core.management import call_command
from django.db import migrations


def create_cache_tables(apps, schema_editor):
    # The visitor cache (portal/cache.py) has a table of its own; createcachetable creates the
    # tables of every database cache that does not exist yet.
    call_command("createcachetable", database=schema_editor.connection.alias)


class Migration(migrations.Migration):
    dependencies = [("portal", "0001_cache_table")]

    operations = [migrations.RunPython(create_cache_tables, migrations.RunPython.noop)]
