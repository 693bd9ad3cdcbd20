"""Keeps every profile's search document current, in the database and in the backend."""

from django.db import connection, transaction

from directory.models import MemberProfile
from directory.search import get_backend

BATCH = 2000


@transaction.atomic
def reindex(ids=None, progress=None):
    """Recompute and store the search documents of the given profiles (all when None)."""
    qs = MemberProfile.objects.order_by("pk")
    backend = get_backend()
    full = ids is None
    if full:
        # Start from empty: no per-row deletes while inserting.
        backend.clear()
    else:
        qs = qs.filter(pk__in=list(ids))
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
        with connection.cursor() as cursor:
            cursor.executemany(
                f"UPDATE {MemberProfile._meta.db_table} SET search_text = %s WHERE id = %s",
                [(p.search_text, p.pk) for p in batch],
            )
        backend.index_profiles(batch, fresh=full)
        done += len(batch)
        last = batch[-1].pk
        if progress:
            progress(done)
    return done


def remove(ids):
    get_backend().remove_profiles(list(ids))
