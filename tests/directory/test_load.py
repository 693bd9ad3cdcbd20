"""A page of profiles read for a search: their sectors and languages come attached from the
reference cache, read as the profile's own related managers would give them."""

import pytest

from directory.documents import MEMBERS
from directory.models import MemberProfile

pytestmark = pytest.mark.django_db


def test_loaded_profiles_hold_their_own_sectors_and_languages(people, django_assert_num_queries):
    ids = [p.pk for name, p in people.items() if name != "_invisible"]
    loaded = MEMBERS.load(ids)
    assert [p.pk for p in loaded] == ids
    for profile in loaded:
        fresh = MemberProfile.objects.get(pk=profile.pk)
        with django_assert_num_queries(0):
            sectors = [s.slug for s in profile.sectors.all()]
            languages = [lang.code for lang in profile.languages.all()]
            assert profile.sectors.count() == len(sectors)
            assert profile.languages.exists() == bool(languages)
        # In the related model's own order, as the manager gives them.
        assert sectors == [s.slug for s in fresh.sectors.all()]
        assert languages == [lang.code for lang in fresh.languages.all()]


def test_a_query_on_an_attached_list_reads_that_profile_s_rows_only(people):
    first = next(p for name, p in people.items() if name != "_invisible")
    profile = MEMBERS.load([first.pk])[0]
    fresh = MemberProfile.objects.get(pk=profile.pk)
    own = sorted(fresh.sectors.values_list("slug", flat=True))
    assert own, "the fixture's profiles have sectors"
    # Chained, it asks the database, for this profile's sectors, not every sector.
    assert sorted(profile.sectors.values_list("slug", flat=True)) == own
    assert sorted(profile.sectors.filter(slug__in=own[:1]).values_list("slug", flat=True)) == own[:1]
    assert profile.languages.filter(code="zz").count() == 0
