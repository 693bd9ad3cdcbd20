"""The moderators' list of member profiles speaks the admin's language, columns included."""

import re

import pytest
from django.contrib.auth import get_user_model
from wagtail.users.models import UserProfile

from directory.factories import ProfileFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "language, column",
    [
        ("fr", "Signalements ouverts"),
        ("nl", "Openstaande meldingen"),
        ("de", "Offene Meldungen"),
        ("en", "Open reports"),
    ],
)
def test_the_open_reports_column_is_in_the_admin_language(client, language, column):
    ProfileFactory()
    moderator = get_user_model().objects.get(email="moderator@coop.example")
    profile = UserProfile.get_for_user(moderator)
    profile.preferred_language = language
    profile.save()
    client.force_login(moderator)
    html = client.get("/admin/directory/profiles/").content.decode()
    headers = [
        re.sub(r"<[^>]+>|\s+", " ", th).strip() for th in re.findall(r"<th[^>]*>(.*?)</th>", html, re.S)
    ]
    assert column in headers
