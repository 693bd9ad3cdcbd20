"""The static files as production collects them: every reference inside CSS and JavaScript
(images, fonts, source maps) must exist, or `collectstatic` fails and nothing can be deployed."""

import pytest
from django.core.management import call_command


@pytest.mark.django_db
def test_production_collectstatic_finds_every_referenced_file(settings, tmp_path):
    settings.STATIC_ROOT = str(tmp_path)
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    call_command("collectstatic", interactive=False, verbosity=0)
    manifest = (tmp_path / "staticfiles.json").read_text()
    assert "portal/vendor/leaflet/leaflet.js" in manifest
