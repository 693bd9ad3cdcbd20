"""Dates as people write them in each language, and the organisation's words in the footer."""

import datetime

import pytest
from django.utils import timezone, translation

from portal.pages.models import OrganisationSettings
from portal.templatetags.portal_tags import long_date, long_datetime

FIRST = datetime.date(2026, 9, 1)
MOMENT = timezone.make_aware(datetime.datetime(2026, 9, 1, 14, 30))


@pytest.mark.parametrize(
    ("language", "date", "moment"),
    [
        ("fr", "1er septembre 2026", "1er septembre 2026 à 14:30"),
        ("nl", "1 september 2026", "1 september 2026 om 14.30 uur"),
        ("de", "1. September 2026", "1. September 2026 um 14:30 Uhr"),
        ("en", "1 September 2026", "1 September 2026 at 14:30"),
    ],
)
def test_dates_read_as_written_in_each_language(language, date, moment):
    with translation.override(language):
        assert long_date(FIRST) == date
        assert long_datetime(MOMENT) == moment
        assert long_date(datetime.date(2026, 9, 2)).startswith("2")  # "1er" only for the first


@pytest.mark.django_db
def test_the_footer_names_the_organisation_in_the_pages_language(client, demo_site):
    assert OrganisationSettings.load().legal_name_nl
    footer = {
        code: client.get(f"/{code}/").content.decode().split('class="site-footer"')[1]
        for code in ("fr", "nl", "de", "en")
    }
    assert "société coopérative" in footer["fr"] and "Bruxelles" in footer["fr"]
    assert "coöperatieve vennootschap" in footer["nl"] and "Brussel" in footer["nl"]
    assert "Genossenschaft" in footer["de"] and "Brüssel" in footer["de"]
    assert "cooperative society" in footer["en"] and "société" not in footer["en"]
