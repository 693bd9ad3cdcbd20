"""Reference data cached in each worker follows changes made in another worker."""

import pytest

from portal.search.reference import ReferenceCache

pytestmark = pytest.mark.django_db


def sectors():
    from portal.taxonomy.models import Sector

    return sorted(Sector.objects.values_list("slug", flat=True))


def in_request(worker, key, compute):
    """What a worker answers while it serves one request."""
    worker.request_started()
    try:
        return worker.get(key, compute)
    finally:
        worker.request_finished()


def test_a_new_sector_reaches_the_other_worker_without_a_restart():
    from portal.taxonomy.models import Sector

    # Two gunicorn workers: each its own memory, one shared cache.
    first, second = ReferenceCache(), ReferenceCache()
    assert in_request(first, "sectors", sectors) == in_request(second, "sectors", sectors)
    assert "bookbinding" not in in_request(second, "sectors", sectors)

    # The first worker saves a sector and tells the shared cache.
    Sector.objects.create(slug="bookbinding", name="Reliure", position=99)
    first.bump()

    assert "bookbinding" in in_request(second, "sectors", sectors)


def test_within_one_request_the_stamp_is_read_once():
    worker, other = ReferenceCache(), ReferenceCache()
    calls = []
    worker.request_started()
    worker.get("x", lambda: calls.append(1) or 1)
    other.bump()
    # Still the same request: the copy it started with, no second look at the stamp.
    assert worker.get("x", lambda: calls.append(1) or 2) == 1
    worker.request_finished()
    assert in_request(worker, "x", lambda: calls.append(1) or 3) == 3
    assert len(calls) == 2


def test_saving_a_sector_changes_the_stamp_for_everyone(client):
    from portal.search.reference import reference_cache
    from portal.taxonomy.models import Sector

    other = ReferenceCache()
    in_request(other, "sectors", sectors)
    Sector.objects.create(slug="glassblowing", name="Soufflage de verre", position=98)
    # The post_save hook of the shared reference data bumped the stamp.
    assert "glassblowing" in in_request(other, "sectors", sectors)
    assert reference_cache is not other


def test_a_filter_on_a_new_sector_is_understood_by_the_other_worker(monkeypatch):
    """Worker B validated ?sector= against its cached list; worker A saves a new sector."""
    from django.http import QueryDict

    from directory.documents import MEMBERS
    from portal.search.forms import search_form
    from portal.taxonomy import choices
    from portal.taxonomy.models import Sector

    worker_b = ReferenceCache()
    monkeypatch.setattr(choices, "reference_cache", worker_b)
    Form = search_form(MEMBERS)

    def b_understands(slug):
        worker_b.request_started()
        try:
            return Form(QueryDict(f"sector={slug}")).is_valid()
        finally:
            worker_b.request_finished()

    assert b_understands("photography") and not b_understands("bookbinding")
    # Worker A (this process's own cache) saves it: the stamp in the shared cache changes.
    Sector.objects.create(slug="bookbinding", name="Reliure", position=99)
    assert b_understands("bookbinding")
