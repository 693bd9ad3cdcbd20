from django.contrib.auth import get_user_model

from portal.charter.acceptance import accepted_version, has_accepted_current, record_acceptance
from portal.charter.models import ValuesCharterPage
from portal.charter.signals import charter_version_changed


def _publish_version(version):
    for charter in ValuesCharterPage.objects.all():
        charter.version = version
        charter.save_revision().publish()


def test_the_rule_follows_the_version_in_force(db):
    member = get_user_model().objects.get(email="member@coop.example")
    assert has_accepted_current(member)
    _publish_version("9.0")
    assert not has_accepted_current(member) and accepted_version(member) == "3.0"
    record_acceptance(member, "9.0")
    assert has_accepted_current(member) and accepted_version(member) == "9.0"


def test_a_new_version_is_announced_with_its_number(db):
    received = []

    def listen(sender, version, **kwargs):
        received.append(version)

    charter_version_changed.connect(listen)
    try:
        _publish_version("9.0")
    finally:
        charter_version_changed.disconnect(listen)
    assert received[-1] == "9.0"
