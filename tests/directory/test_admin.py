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


def test_the_open_reports_column_counts_the_unresolved_reports(client):
    from directory.models import ProfileReport

    profile = ProfileFactory(display_name="Reported Person")
    for resolved in (False, False, True):
        ProfileReport.objects.create(
            profile=profile, reason=ProfileReport.Reason.choices[0][0], resolved=resolved
        )
    client.force_login(get_user_model().objects.get(email="moderator@coop.example"))
    html = client.get("/admin/directory/profiles/", {"q": "Reported Person"}).content.decode()
    row = re.search(r"<tr[^>]*>(?:(?!</tr>).)*Reported Person(?:(?!</tr>).)*</tr>", html, re.S).group(0)
    cells = [re.sub(r"<[^>]+>|\s+", " ", td).strip() for td in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
    assert "2" in cells, cells
