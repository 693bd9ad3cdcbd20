"""Keeps every profile's search document current, in the database and in the backend."""

from directory.models import MemberProfile
from directory.search import get_backend

BATCH = 2000


def reindex(ids=None, progress=None):
    """Recompute and store the search documents of the given profiles (all when None)."""
    qs = MemberProfile.objects.order_by("pk")
    if ids is not None:
        qs = qs.filter(pk__in=list(ids))
    backend = get_backend()
    done = 0
    last = 0
    while True:
        batch = list(
            qs.filter(pk__gt=last)
            .select_related("profession", "municipality__province", "municipality__region")
            .prefetch_related("sectors", "languages")[:BATCH]
        )
        if not batch:
            break
        for profile in batch:
            profile.search_text = profile.build_search_text()
        MemberProfile.objects.bulk_update(batch, ["search_text"])
        backend.index_profiles(batch)
        done += len(batch)
        last = batch[-1].pk
        if progress:
            progress(done)
    return done


def remove(ids):
    get_backend().remove_profiles(list(ids))
