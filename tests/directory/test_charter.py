from directory.factories import ProfileFactory
from directory.models import SearchRow
from portal.charter.models import ValuesCharterPage


def _publish_version(version):
    for charter in ValuesCharterPage.objects.all():
        charter.version = version
        charter.save_revision().publish()


def test_the_directory_drops_profiles_whose_member_has_not_accepted_the_new_version(
    db, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        profile = ProfileFactory()
    assert SearchRow.objects.filter(profile=profile).exists()
    _publish_version("9.0")
    assert not SearchRow.objects.filter(profile=profile).exists()
