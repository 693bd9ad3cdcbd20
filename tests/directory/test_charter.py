from directory.documents import MEMBERS
from directory.factories import ProfileFactory
from portal import search
from portal.charter.models import ValuesCharterPage


def _publish_version(version):
    for charter in ValuesCharterPage.objects.all():
        charter.version = version
        charter.save_revision().publish()


def _found(profile):
    return profile.pk in {p.pk for p in search.search(MEMBERS.query(q=profile.display_name)).hits}


def test_the_directory_drops_profiles_whose_member_has_not_accepted_the_new_version(
    db, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        profile = ProfileFactory(display_name="Quentin Verbeke")
    assert _found(profile)
    _publish_version("9.0")
    assert not _found(profile)
