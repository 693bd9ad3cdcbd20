from pathlib import Path

from django.db import migrations

from portal.utils import read_csv


def load_formats(apps, schema_editor):
    EventFormat = apps.get_model("agenda", "EventFormat")
    for row in read_csv(Path(__file__).resolve().parent.parent / "data" / "formats.csv"):
        names = {f"name_{code}": row[f"name_{code}"] for code in ("fr", "nl", "de", "en")}
        EventFormat.objects.update_or_create(
            slug=row["slug"], defaults={"order": int(row["order"]), "name": row["name_fr"], **names}
        )


class Migration(migrations.Migration):
    dependencies = [("agenda", "0001_initial")]

    operations = [migrations.RunPython(load_formats, migrations.RunPython.noop)]
