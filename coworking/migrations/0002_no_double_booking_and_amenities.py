"""On PostgreSQL, no two confirmed bookings of a resource overlap: an exclusion constraint over
the time range (btree_gist for the resource's equality). SQLite has no such constraint: there
coworking.booking checks and writes in one locked transaction. Plus the starting amenities."""

from pathlib import Path

from django.db import migrations

from portal.utils import read_csv

CONSTRAINT = "coworking_booking_no_overlap"


def add_exclusion(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS btree_gist")
    schema_editor.execute(
        f"ALTER TABLE coworking_booking ADD CONSTRAINT {CONSTRAINT} EXCLUDE USING gist "
        "(resource_id WITH =, tstzrange(start, \"end\", '[)') WITH &&) WHERE (status = 'confirmed')"
    )


def drop_exclusion(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"ALTER TABLE coworking_booking DROP CONSTRAINT IF EXISTS {CONSTRAINT}")


def load_amenities(apps, schema_editor):
    Amenity = apps.get_model("coworking", "Amenity")
    for row in read_csv(Path(__file__).resolve().parent.parent / "data" / "amenities.csv"):
        names = {f"name_{code}": row[f"name_{code}"] for code in ("fr", "nl", "de", "en")}
        Amenity.objects.update_or_create(
            slug=row["slug"], defaults={"order": int(row["order"]), "name": row["name_fr"], **names}
        )


class Migration(migrations.Migration):
    dependencies = [("coworking", "0001_initial")]

    operations = [
        migrations.RunPython(add_exclusion, drop_exclusion),
        migrations.RunPython(load_amenities, migrations.RunPython.noop),
    ]
