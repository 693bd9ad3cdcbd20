"""`manage.py backup` then `manage.py restore`: what was lost in between comes back."""

import tarfile
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_backup_brings_back_the_database_and_the_media_files(tmp_path, settings, capsys):
    settings.MEDIA_ROOT = tmp_path / "media"
    (settings.MEDIA_ROOT / "images").mkdir(parents=True)
    (settings.MEDIA_ROOT / "images" / "atelier.jpg").write_bytes(b"\xff\xd8 photo of the workshop")
    User = get_user_model()
    User.objects.create_user("avant@example.org", "a-good-password-42", first_name="Avant")

    call_command("backup", str(tmp_path / "backups"))
    target = Path(capsys.readouterr().out.strip())
    assert target.parent == tmp_path / "backups" and (target / "manifest.json").exists()

    # Then things go wrong: an account deleted, another created, the media files gone.
    User.objects.filter(email="avant@example.org").delete()
    User.objects.create_user("apres@example.org", "a-good-password-42")
    (settings.MEDIA_ROOT / "images" / "atelier.jpg").unlink()

    call_command("restore", str(target), "--yes")
    assert User.objects.filter(email="avant@example.org", first_name="Avant").exists()
    assert not User.objects.filter(email="apres@example.org").exists()
    assert (settings.MEDIA_ROOT / "images" / "atelier.jpg").read_bytes() == b"\xff\xd8 photo of the workshop"
    assert User.objects.get(email="avant@example.org").check_password("a-good-password-42")

    # A damaged archive: the restore stops before touching anything.
    (target / "media.tar.gz").write_bytes(b"not a tar file")
    with pytest.raises(tarfile.ReadError):
        call_command("restore", str(target), "--yes")
    assert (settings.MEDIA_ROOT / "images" / "atelier.jpg").exists()
    assert User.objects.filter(email="avant@example.org").exists()
