"""Caches shared by every worker process, kept right by version stamps.

A stamp is a value in the shared cache (the database cache in production) that changes when
what it stands for changes. A process reads it at most once per request (once a second outside
requests) and compares: a different stamp means its own copies are stale. Two stamps exist:
reference data (portal.search.reference) and public content (`content_stamp`, below): pages
published or unpublished, search documents reindexed.

`cached_for_visitors` keeps whole answers (lists, pages, API answers, sitemaps) for anonymous
visitors in the "visitors" cache, keyed by the content stamp, so publishing anything makes every
worker build them again; between publications the database is not asked twice for the same list.
A page with a form is kept too, its CSRF token replaced by each visitor's own.
"""

import hashlib
import re
import time
import uuid
import weakref
from functools import lru_cache, wraps
from pathlib import Path

from django.conf import settings
from django.core.cache import caches
from django.core.signals import request_finished, request_started
from django.db import transaction
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import get_language

OUTSIDE_REQUESTS_S = 1.0


class SharedStamp:
    # Every stamp of the process: the first one a request reads brings the others along in the
    # same statement (get_many), so a page that uses two stamps reads the cache once.
    _all = weakref.WeakSet()

    def __init__(self, key, alias="default"):
        self.key = key
        self.alias = alias
        self._value = None
        self._in_request = False
        self._checked = False
        self._checked_at = 0.0
        SharedStamp._all.add(self)
        request_started.connect(self.request_started, dispatch_uid=f"stamp-start-{key}-{id(self)}")
        request_finished.connect(self.request_finished, dispatch_uid=f"stamp-end-{key}-{id(self)}")

    @property
    def shared(self):
        return caches[self.alias]

    def _due(self):
        """Would value() read the shared cache now?"""
        if self._in_request:
            return not self._checked
        return time.monotonic() - self._checked_at >= OUTSIDE_REQUESTS_S

    def _read_with_peers(self):
        """This stamp's shared value, and those of the other stamps of the same cache that are
        due as well (stored as checked): one statement instead of one per stamp."""
        peers = [s for s in list(SharedStamp._all) if s is not self and s.alias == self.alias and s._due()]
        if not peers:
            return self.shared.get(self.key)
        found = self.shared.get_many({self.key, *(peer.key for peer in peers)})
        now = time.monotonic()
        for peer in peers:
            # A missing value is left to the peer's own read, which starts a new stamp.
            if found.get(peer.key) is not None:
                peer._value, peer._checked, peer._checked_at = found[peer.key], True, now
        return found.get(self.key)

    def value(self):
        if not self._due():
            return self._value
        value = self._read_with_peers()
        if value is None:
            # First use, or the shared cache was emptied: start a new stamp.
            value = uuid.uuid4().hex
            if not self.shared.add(self.key, value, timeout=None):
                value = self.shared.get(self.key)
        self._value = value
        self._checked = True
        self._checked_at = time.monotonic()
        return value

    def bump(self, **kwargs):
        """What the stamp stands for changed: every process sees a new value."""
        self._value = uuid.uuid4().hex
        self.shared.set(self.key, self._value, timeout=None)
        self._checked, self._checked_at = True, time.monotonic()
        return self._value

    def bump_on_commit(self, **kwargs):
        """bump() now and again when the current transaction commits: a request that read the
        old data in between must not have stored it under the stamp that stays."""
        self.bump()
        transaction.on_commit(self.bump)

    def request_started(self, **kwargs):
        self._in_request, self._checked = True, False

    def request_finished(self, **kwargs):
        self._in_request, self._checked, self._checked_at = False, False, 0.0


content_stamp = SharedStamp("content-version")


class ContentMemo:
    """Values built from public content (the organisation's settings, the home pages, the menu),
    kept in this process until the content stamp changes: every page shows them, and asking the
    database for them on each request was a third of a page's queries."""

    def __init__(self):
        self._stamp = None
        self._values = {}

    def get(self, key, build):
        stamp = content_stamp.value()
        if stamp != self._stamp:
            self._stamp, self._values = stamp, {}
        if key not in self._values:
            self._values[key] = build()
        return self._values[key]


content_memo = ContentMemo()


def _cacheable_request(request):
    if request.method not in ("GET", "HEAD"):
        return False
    # Anyone with a session (logged in, or with a message waiting) sees their own page.
    return not (settings.SESSION_COOKIE_NAME in request.COOKIES or "messages" in request.COOKIES)


def _cacheable_response(request, response, token_used_ok=False):
    """A 200 that is the same for every visitor: no cookie set by the view, and nothing that
    middleware would turn into a cookie on the way out (a CSRF token the page used, a session
    the view wrote to, a message it added). `token_used_ok`: the page's CSRF token is allowed
    (the caller puts each visitor's own in its place, _TokenPage)."""
    session = getattr(request, "session", None)
    return (
        response.status_code == 200
        and not response.cookies
        and not getattr(response, "streaming", False)
        and (token_used_ok or not request.META.get("CSRF_COOKIE_NEEDS_UPDATE"))
        and not (session is not None and session.modified)
        and not getattr(getattr(request, "_messages", None), "_queued_messages", None)
    )


# What {% csrf_token %} writes. A page whose only per-visitor part is that token is kept with a
# placeholder, and each visitor gets it with a token of their own (and the cookie that goes with
# it): the form still works, and the page is not built again for every visitor.
_TOKEN_INPUT = re.compile(r'(<input type="hidden" name="csrfmiddlewaretoken" value=")([^"]+)(">)')
_TOKEN_PLACEHOLDER = "\x00portal-csrf-token\x00"


class _TokenPage:
    """A kept page whose CSRF tokens are put in for each visitor."""

    def __init__(self, response):
        text = response.content.decode(response.charset)
        tokens = {match.group(2) for match in _TOKEN_INPUT.finditer(text)}
        templated = _TOKEN_INPUT.sub(lambda m: m.group(1) + _TOKEN_PLACEHOLDER + m.group(3), text)
        # A token written anywhere else (a data attribute) would be the first visitor's.
        self.usable = bool(tokens) and not any(token in templated for token in tokens)
        self.text = templated
        self.charset = response.charset
        self.status = response.status_code
        self.headers = [(k, v) for k, v in response.headers.items() if k.lower() != "content-length"]

    def response_for(self, request):
        response = HttpResponse(
            self.text.replace(_TOKEN_PLACEHOLDER, get_token(request)).encode(self.charset), status=self.status
        )
        for name, value in self.headers:
            response[name] = value
        # Never kept by a shared cache: the page holds this visitor's token.
        patch_cache_control(response, private=True)
        return response


@lru_cache(maxsize=1)
def release_stamp():
    """Changes when the code that renders pages changes (templates, static files, compiled
    catalogues): kept answers of an older release are then ignored, never served with new CSS.
    settings.RELEASE may name the release; otherwise the files' modification times tell."""
    if getattr(settings, "RELEASE", ""):
        return settings.RELEASE
    digest = hashlib.sha256()
    base = Path(settings.BASE_DIR)
    files = [
        p
        for pattern in ("*/templates/**/*", "*/static/**/*", "*/*/templates/**/*")
        for p in base.glob(pattern)
    ]
    files += [p for directory in settings.LOCALE_PATHS for p in Path(directory).glob("*/LC_MESSAGES/*.mo")]
    # Hashed static addresses change with the manifest collectstatic writes.
    files += [Path(settings.STATIC_ROOT) / "staticfiles.json"]
    for path in sorted(files):
        if ".venv" not in path.parts and path.is_file():
            digest.update(f"{path}:{path.stat().st_mtime_ns}".encode())
    return digest.hexdigest()[:16]


def _key(request, slot_seconds=0):
    """The language the middleware chose (from the path, the cookie or Accept-Language) and the
    query parameters in a fixed order: equivalent requests share one entry. `slot_seconds`: the
    answer also depends on the time (badges such as "closes today"), so it is kept at most that
    long."""
    query = sorted(request.GET.lists())
    parts = [release_stamp(), content_stamp.value(), get_language() or "", request.path, repr(query)]
    if slot_seconds:
        parts.append(str(int(time.time() // slot_seconds)))
    return "visitor:" + hashlib.sha256("|".join(parts).encode()).hexdigest()


def cached_for_visitors(view=None, *, slot_seconds=0):
    """The view's answers to anonymous visitors, kept until the content stamp changes (or for
    settings.VISITOR_CACHE_SECONDS; 0 turns the cache off, e.g. to benchmark the work itself;
    or for `slot_seconds` when the page shows time-dependent facts).
    Only answers that are the same for everyone are kept (_cacheable_response); they vary on the
    cookie (a logged-in member gets their own) and on Accept-Language (the API's labels follow
    it)."""
    if view is None:
        return lambda view: cached_for_visitors(view, slot_seconds=slot_seconds)

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        seconds = settings.VISITOR_CACHE_SECONDS
        if not seconds or not _cacheable_request(request):
            response = view(request, *args, **kwargs)
            patch_vary_headers(response, ["Cookie", "Accept-Language"])
            return response
        key = _key(request, slot_seconds)
        cache = caches["visitors"]
        kept = cache.get(key)
        if isinstance(kept, _TokenPage):
            return kept.response_for(request)
        if kept is not None:
            return kept
        response = view(request, *args, **kwargs)
        if hasattr(response, "render") and callable(response.render) and not response.is_rendered:
            response.render()
        patch_vary_headers(response, ["Cookie", "Accept-Language"])
        if _cacheable_response(request, response):
            patch_cache_control(response, public=True, max_age=60)
            cache.set(key, response, seconds)
        elif _cacheable_response(request, response, token_used_ok=True):
            page = _TokenPage(response)
            if page.usable:
                cache.set(key, page, seconds)
            patch_cache_control(response, private=True)
        return response

    return wrapper
