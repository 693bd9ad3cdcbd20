"""Bounded HTTP(S) downloads for the importers, with the standard library only.

Only http and https are ever opened, including on redirects (urllib's default opener would also
follow file:, ftp: and data: URLs). Bodies are read in chunks and abandoned past `max_bytes`,
and the whole download (not just each socket read) must finish within `timeout` seconds.
"""

from __future__ import annotations

import http.client
import json
import ssl
import time
import urllib.error
import urllib.request
from urllib.parse import urljoin, urlsplit

from .notice import DownloadError

MAX_BYTES = 20_000_000
MAX_REDIRECTS = 5
USER_AGENT = "portal-calls-importer/1.0"
_CHUNK = 64 * 1024


def _check_scheme(url: str, what: str = "URL") -> None:
    scheme = urlsplit(url).scheme.lower()
    if scheme not in ("http", "https"):
        shown = url if len(url) <= 100 else url[:100] + "…"
        raise DownloadError(f"The {what} {shown!r} is not http or https; only web addresses are downloaded.")


class _RedirectHandler(urllib.request.HTTPRedirectHandler):
    max_redirections = MAX_REDIRECTS

    def http_error_302(self, req, fp, code, msg, headers):
        location = headers.get("location") or headers.get("uri")
        if location:
            # Checked here, before urllib's own test, so the refusal is ours and clearly worded.
            _check_scheme(urljoin(req.full_url, location), "redirect target")
        return super().http_error_302(req, fp, code, msg, headers)

    http_error_301 = http_error_303 = http_error_307 = http_error_308 = http_error_302


def _opener() -> urllib.request.OpenerDirector:
    opener = urllib.request.OpenerDirector()
    for handler in (
        urllib.request.ProxyHandler(),
        urllib.request.UnknownHandler(),
        urllib.request.HTTPHandler(),
        urllib.request.HTTPSHandler(context=ssl.create_default_context()),
        urllib.request.HTTPDefaultErrorHandler(),
        _RedirectHandler(),
        urllib.request.HTTPErrorProcessor(),
    ):
        opener.add_handler(handler)
    return opener


def _request(request: urllib.request.Request, max_bytes: int, timeout: float) -> bytes:
    url = request.full_url
    _check_scheme(url)
    started = time.monotonic()
    try:
        with _opener().open(request, timeout=timeout) as response:
            length = response.headers.get("Content-Length")
            if length and length.isdigit() and int(length) > max_bytes:
                raise DownloadError(
                    f"The answer from {url} is {int(length):,} bytes, more than {max_bytes:,}."
                )
            chunks, size = [], 0
            while chunk := response.read(_CHUNK):
                size += len(chunk)
                if size > max_bytes:
                    raise DownloadError(f"The answer from {url} is larger than {max_bytes:,} bytes.")
                if time.monotonic() - started > timeout:
                    raise DownloadError(f"The download of {url} took more than {timeout:g} seconds.")
                chunks.append(chunk)
            return b"".join(chunks)
    except urllib.error.HTTPError as error:
        error.close()
        if 300 <= error.code < 400:
            raise DownloadError(f"{url} redirects more than {MAX_REDIRECTS} times (or in a loop).") from None
        raise DownloadError(f"The server answered {error.code} {error.reason} for {url}.") from None
    except TimeoutError:
        raise DownloadError(f"The download of {url} took more than {timeout:g} seconds.") from None
    except urllib.error.URLError as error:
        if isinstance(error.reason, TimeoutError):
            raise DownloadError(f"The download of {url} took more than {timeout:g} seconds.") from None
        raise DownloadError(f"{url} could not be downloaded: {error.reason}.") from None
    except (http.client.HTTPException, OSError, ValueError) as error:
        raise DownloadError(f"{url} could not be downloaded: {error}.") from None


def fetch(url: str, max_bytes: int = MAX_BYTES, timeout: float = 30) -> bytes:
    """The body of `url` (GET), or DownloadError with a message saying why not."""
    _check_scheme(url)
    return _request(urllib.request.Request(url, headers={"User-Agent": USER_AGENT}), max_bytes, timeout)


def post_json(url: str, body: dict, max_bytes: int = MAX_BYTES, timeout: float = 30) -> dict:
    """POST `body` as JSON and return the decoded JSON answer (for the TED Search API)."""
    _check_scheme(url)
    request = urllib.request.Request(
        url,
        data=json.dumps(body).encode(),
        headers={"User-Agent": USER_AGENT, "Content-Type": "application/json", "Accept": "application/json"},
        method="POST",
    )
    data = _request(request, max_bytes, timeout)
    try:
        return json.loads(data)
    except ValueError:
        raise DownloadError(f"The answer from {url} is not JSON.") from None
