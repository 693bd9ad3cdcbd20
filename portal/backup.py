"""Backups: the database and the media files in one directory, and back again.

`manage.py backup [DIR]` writes `<DIR>/<timestamp>/` with
- `database.sqlite3` (SQLite's online backup: consistent while the site runs) or
  `database.dump` (`pg_dump --format=custom`: consistent too, restorable table by table);
- `media.tar.gz`, every uploaded file (images, documents);
- `manifest.json`: when, which database engine, the applied migrations, file sizes.
`manage.py restore DIR` puts both back (the database first replaced, then the media files).
"""

import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder

SQLITE_FILE = "database.sqlite3"
POSTGRES_FILE = "database.dump"
MEDIA_FILE = "media.tar.gz"
MANIFEST = "manifest.json"


def _pg_env():
    db = settings.DATABASES["default"]
    env = {**os.environ, "PGPASSWORD": str(db.get("PASSWORD") or "")}
    args = ["--host", str(db.get("HOST") or "localhost"), "--port", str(db.get("PORT") or 5432)]
    args += ["--username", str(db.get("USER") or ""), "--dbname", str(db["NAME"])]
    return env, args


def backup(directory):
    target = Path(directory) / datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    target.mkdir(parents=True)
    connection.ensure_connection()
    if connection.vendor == "sqlite":
        with sqlite3.connect(target / SQLITE_FILE) as copy:
            connection.connection.backup(copy)
        database = SQLITE_FILE
    elif connection.vendor == "postgresql":
        env, args = _pg_env()
        subprocess.run(
            ["pg_dump", "--format=custom", "--no-owner", "--file", str(target / POSTGRES_FILE), *args],
            env=env,
            check=True,
        )
        database = POSTGRES_FILE
    else:
        raise RuntimeError(f"No backup for the {connection.vendor} database.")
    media = Path(settings.MEDIA_ROOT)
    with tarfile.open(target / MEDIA_FILE, "w:gz") as archive:
        if media.exists():
            archive.add(media, arcname="media")
    manifest = {
        "created": datetime.now(UTC).isoformat(),
        "engine": connection.vendor,
        "database": database,
        "media": MEDIA_FILE,
        "migrations": MigrationRecorder.Migration.objects.count(),
        "sizes": {name: (target / name).stat().st_size for name in (database, MEDIA_FILE)},
    }
    (target / MANIFEST).write_text(json.dumps(manifest, indent=2))
    return target


def restore(directory, force=False):
    source = Path(directory)
    manifest = json.loads((source / MANIFEST).read_text())
    if manifest["engine"] != connection.vendor:
        raise RuntimeError(f"This backup is of a {manifest['engine']} database, not {connection.vendor}.")
    applied = MigrationRecorder.Migration.objects.count()
    if manifest["migrations"] != applied and not force:
        raise RuntimeError(
            f"This backup was made with {manifest['migrations']} migrations applied, this database has "
            f"{applied}: restore it with the code of that time (or pass --force), then migrate."
        )
    media = Path(settings.MEDIA_ROOT)
    # The media files first, into a new directory: a damaged archive stops here, nothing lost.
    staging = Path(tempfile.mkdtemp(prefix=".restore-", dir=media.parent))
    try:
        with tarfile.open(source / MEDIA_FILE) as archive:
            archive.extractall(staging, filter="data")
        connection.ensure_connection()
        if connection.vendor == "sqlite":
            with sqlite3.connect(source / SQLITE_FILE) as copy:
                copy.backup(connection.connection)
        else:
            env, args = _pg_env()
            subprocess.run(
                [
                    "pg_restore",
                    "--clean",
                    "--if-exists",
                    "--no-owner",
                    "--single-transaction",
                    *args,
                    str(source / POSTGRES_FILE),
                ],
                env=env,
                check=True,
            )
        # Then swap the directories: the old one is removed only once the new one is in place.
        previous = media.with_name(media.name + ".before-restore")
        if media.exists():
            media.rename(previous)
        extracted = staging / "media"
        if extracted.exists():
            extracted.rename(media)
        else:
            media.mkdir()
        shutil.rmtree(previous, ignore_errors=True)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return manifest
