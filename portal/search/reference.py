"""Reference data (sector and place lists, code maps) cached in each worker process.

Each process keeps its own copy, valid while a version stamp in the shared cache (the
database cache in production) is unchanged. Saving a sector in one worker changes the stamp,
so every other worker rebuilds its copy at its next request, without a restart. Inside a
request the stamp is read once; outside requests (commands, tasks) at most once a second.
"""

import time
import uuid

from django.core.cache import caches
from django.core.signals import request_finished, request_started
from django.db.models.signals import post_delete, post_save

VERSION_KEY = "reference-data-version"
OUTSIDE_REQUESTS_S = 1.0


class ReferenceCache:
    def __init__(self, alias="default"):
        self.alias = alias
        self._local = {}
        self._version = None
        self._in_request = False
        self._checked = False
        self._checked_at = 0.0

    @property
    def shared(self):
        return caches[self.alias]

    def get(self, key, compute):
        """The cached value of `key`, computed by `compute()` when missing or stale."""
        self._check()
        try:
            return self._local[key]
        except KeyError:
            value = self._local[key] = compute()
            return value

    def bump(self, **kwargs):
        """Reference data changed: every process drops its copy."""
        self._version = uuid.uuid4().hex
        self.shared.set(VERSION_KEY, self._version, timeout=None)
        self._local.clear()

    def _check(self):
        if self._in_request and self._checked:
            return
        if not self._in_request and time.monotonic() - self._checked_at < OUTSIDE_REQUESTS_S:
            return
        version = self.shared.get(VERSION_KEY)
        if version is None:
            # First use, or the shared cache was emptied: start a new stamp.
            version = uuid.uuid4().hex
            if not self.shared.add(VERSION_KEY, version, timeout=None):
                version = self.shared.get(VERSION_KEY)
        if version != self._version:
            self._local.clear()
            self._version = version
        self._checked = True
        self._checked_at = time.monotonic()

    def request_started(self, **kwargs):
        self._in_request, self._checked = True, False

    def request_finished(self, **kwargs):
        self._in_request, self._checked, self._checked_at = False, False, 0.0


reference_cache = ReferenceCache()
request_started.connect(reference_cache.request_started, dispatch_uid="reference-cache-start")
request_finished.connect(reference_cache.request_finished, dispatch_uid="reference-cache-end")


def watch(*models):
    """Saving or deleting any of these models makes every process reload reference data."""
    for model in models:
        for signal in (post_save, post_delete):
            signal.connect(
                reference_cache.bump, sender=model, dispatch_uid=f"reference-{model.__name__}-{signal}"
            )
