"""Reference data (sector and place lists, code maps) cached in each worker process.

Each process keeps its own copy, valid while a version stamp in the shared cache (the
database cache in production, see portal/cache.py) is unchanged. Saving a sector in one worker
changes the stamp, so every other worker rebuilds its copy at its next request, without a
restart. Inside a request the stamp is read once; outside requests at most once a second.
"""

from django.db.models import QuerySet
from django.db.models.signals import post_delete, post_save

from portal.cache import SharedStamp, content_stamp


class ReferenceCache:
    def __init__(self, alias="default"):
        self.stamp = SharedStamp("reference-data-version", alias)
        self._local = {}
        self._version = None

    def get(self, key, compute):
        """The cached value of `key`, computed by `compute()` when missing or stale."""
        version = self.stamp.value()
        if version != self._version:
            self._local.clear()
            self._version = version
        try:
            return self._local[key]
        except KeyError:
            value = self._local[key] = compute()
            return value

    def bump(self, **kwargs):
        """Reference data changed: every process drops its copy (and the lists built with it)."""
        self._version = self.stamp.bump()
        self._local.clear()
        content_stamp.bump_on_commit()

    def request_started(self, **kwargs):
        self.stamp.request_started()

    def request_finished(self, **kwargs):
        self.stamp.request_finished()


reference_cache = ReferenceCache()


def watch(*models):
    """Saving or deleting any of these models makes every process reload reference data."""
    for model in models:
        for signal in (post_save, post_delete):
            signal.connect(
                reference_cache.bump, sender=model, dispatch_uid=f"reference-{model.__name__}-{signal}"
            )


def instances(model, related=()):
    """{pk: instance} of a reference model, in its default order, for pages that attach them
    to the objects they list instead of joining them row by row (shared: read only)."""
    key = ("instances", model._meta.label, tuple(related))
    return reference_cache.get(key, lambda: {o.pk: o for o in model.objects.select_related(*related)})


def attach_many(objects, field, links, related):
    """Fill `obj.<field>.all()` of each object from `links` ((object pk, related pk) pairs) and
    `related` ({pk: instance}, in display order), as prefetch_related would, without reading
    the related rows again."""
    if not objects:
        return
    order = {pk: i for i, pk in enumerate(related)}
    chosen = {}
    for pk, other in links:
        if other in related:
            chosen.setdefault(pk, []).append(other)
    declared = objects[0]._meta.get_field(field)
    reverse = declared.related_query_name()
    for obj in objects:
        found = sorted(chosen.get(obj.pk, ()), key=order.__getitem__)
        # What Django's prefetch_related_objects stores, a queryset holding the list, which
        # `obj.<field>.all()` returns as it is. Built directly: through the related manager
        # it cost a filtered clone per object (a third of a 20-profile page's load).
        queryset = Attached(model=declared.related_model)
        queryset.owner = (reverse, obj.pk)
        queryset._result_cache = [related[pk] for pk in found]
        queryset._prefetch_done = True
        obj.__dict__.setdefault("_prefetched_objects_cache", {})[field] = queryset


class Attached(QuerySet):
    """Related objects attach_many() found. Reading it reads the list; anything chained on it
    (filter, values_list…) asks the database for the owner's related rows, as the related
    manager's queryset would."""

    owner = None  # (query name from the related model back to the owner, the owner's pk)

    def _chain(self):
        if self.owner is None:
            return super()._chain()
        reverse, pk = self.owner
        return self.model._default_manager.filter(**{reverse: pk})._chain()
