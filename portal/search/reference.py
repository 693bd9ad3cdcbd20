"""Reference data (sector and place lists, code maps) cached in each worker process.

Each process keeps its own copy, valid while a version stamp in the shared cache (the
database cache in production, see portal/cache.py) is unchanged. Saving a sector in one worker
changes the stamp, so every other worker rebuilds its copy at its next request, without a
restart. Inside a request the stamp is read once; outside requests at most once a second.
"""

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
