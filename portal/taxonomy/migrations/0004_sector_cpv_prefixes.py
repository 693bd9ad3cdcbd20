from django.db import migrations, models


def reload(apps, schema_editor):
    from portal.taxonomy.loader import load_taxonomy

    load_taxonomy(apps)


class Migration(migrations.Migration):
    """Sectors map to CPV codes by their leading digits instead of whole 2-digit divisions:
    division 79 alone covered photography, translation, marketing and consulting at once."""

    dependencies = [("taxonomy", "0003_profession_forms")]

    operations = [
        migrations.RenameField("sector", "cpv_divisions", "cpv_prefixes"),
        migrations.AlterField(
            "sector",
            "cpv_prefixes",
            models.CharField(blank=True, max_length=300, verbose_name="CPV code prefixes"),
        ),
        migrations.RunPython(reload, migrations.RunPython.noop),
    ]
