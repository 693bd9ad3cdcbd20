from django.db import migrations


def load(apps, schema_editor):
    from directory.reference import load_places, load_taxonomy

    load_places(apps)
    load_taxonomy(apps)


class Migration(migrations.Migration):
    dependencies = [("directory", "0002_search_index")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
